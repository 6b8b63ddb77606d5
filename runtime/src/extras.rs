//! What a decoded model carries beyond its typed fields: keys the schema does not know, wire values its
//! fields do not hold as sent, and the irregularities found while decoding it. Encoding a model writes them
//! back, so decode → encode is lossless.

use std::fmt;

use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::Value;

use crate::decode::{DecodeIssue, to_value};

/// Everything a model received that its typed fields do not show: unknown keys, wire values kept for
/// encoding, and [`DecodeIssue`]s. Read it through the [`Model`](crate::Model) trait
/// (`record.unknown_fields()`, `record.decode_issues()`).
///
/// Empty (and free: no allocation) for a record that fits the schema exactly.
#[derive(Clone, Default, PartialEq)]
pub struct Extras {
    /// Fields (by index, below 64) sent as `null`.
    nulls: u64,
    /// Collection fields (by index, below 64) sent empty (`[]`, `{}`).
    empties: u64,
    inner: Option<Box<Inner>>,
}

#[derive(Clone, Default, PartialEq)]
struct Inner {
    unknown: Vec<(String, Value)>,
    kept: Vec<Kept>,
    issues: Vec<DecodeIssue>,
}

/// A wire value a typed field does not hold as sent.
#[derive(Clone, PartialEq)]
struct Kept {
    key: &'static str,
    /// The value as sent; `None` when the key was absent (a required field filled with an empty value).
    wire: Option<Value>,
    /// What the typed field held right after decoding, as JSON; `None` when it was left empty. The wire
    /// value is written back only while the field still holds this.
    decoded: Option<Value>,
}

impl Extras {
    /// Keys the schema does not describe, with their values, in the order they arrived.
    pub fn unknown_fields(&self) -> &[(String, Value)] {
        self.inner.as_ref().map_or(&[], |inner| &inner.unknown)
    }

    /// The value of an unknown key.
    pub fn unknown_field(&self, key: &str) -> Option<&Value> {
        self.unknown_fields().iter().find(|(name, _)| name == key).map(|(_, value)| value)
    }

    /// Adds (or replaces) a key the schema does not describe; it is written when the model is encoded.
    pub fn insert_unknown_field(&mut self, key: impl Into<String>, value: Value) {
        let key = key.into();
        let unknown = &mut self.inner_mut().unknown;
        match unknown.iter_mut().find(|(name, _)| *name == key) {
            Some((_, existing)) => *existing = value,
            None => unknown.push((key, value)),
        }
    }

    /// Wire values the typed fields do not hold as sent (a value of another type, a list with `null`
    /// elements), by field.
    pub fn kept_values(&self) -> impl Iterator<Item = (&'static str, &Value)> {
        self.inner.iter().flat_map(|inner| inner.kept.iter().filter_map(|kept| Some((kept.key, kept.wire.as_ref()?))))
    }

    /// What did not fit the schema while decoding, with JSON paths from the record.
    pub fn decode_issues(&self) -> &[DecodeIssue] {
        self.inner.as_ref().map_or(&[], |inner| &inner.issues)
    }

    /// Whether there is nothing beyond the typed fields.
    pub fn is_empty(&self) -> bool {
        self.nulls == 0 && self.empties == 0 && self.inner.is_none()
    }

    fn inner_mut(&mut self) -> &mut Inner {
        self.inner.get_or_insert_with(Box::default)
    }

    pub(crate) fn push_unknown(&mut self, key: String, value: Value) {
        self.inner_mut().unknown.push((key, value));
    }

    pub(crate) fn keep(&mut self, key: &'static str, wire: Value, decoded: Option<Value>) {
        self.keep_wire(key, Some(wire), decoded);
    }

    /// Keeps `wire` (`None`: the key was absent) for field `key`, which held `decoded` after decoding.
    pub(crate) fn keep_wire(&mut self, key: &'static str, wire: Option<Value>, decoded: Option<Value>) {
        let kept = &mut self.inner_mut().kept;
        kept.retain(|existing| existing.key != key);
        kept.push(Kept { key, wire, decoded });
    }

    /// Records that required field `key`, absent or unusable on the wire, holds `placeholder` (as JSON);
    /// `false` when nothing was kept for it yet (it was absent or `null`, not of another type).
    pub(crate) fn fill_required(&mut self, index: usize, key: &'static str, placeholder: Value) -> bool {
        if let Some(kept) = self.inner.as_mut().and_then(|inner| inner.kept.iter_mut().find(|kept| kept.key == key)) {
            kept.decoded = Some(placeholder);
            return true;
        }
        let wire = self.was_null(index).then_some(Value::Null);
        self.keep_wire(key, wire, Some(placeholder));
        false
    }

    #[inline]
    pub(crate) fn add_issues(&mut self, issues: Vec<DecodeIssue>) {
        if !issues.is_empty() {
            self.inner_mut().issues.extend(issues);
        }
    }

    /// Field `index` (`key`) was sent as `null`.
    #[inline]
    pub(crate) fn mark_null(&mut self, index: usize, key: &'static str) {
        match bit(index) {
            Some(bit) => self.nulls |= bit,
            None => self.keep(key, Value::Null, None),
        }
    }

    /// Collection field `index` (`key`) was sent empty: `empty` is how.
    pub(crate) fn mark_empty(&mut self, index: usize, key: &'static str, empty: impl FnOnce() -> Value) {
        match bit(index) {
            Some(bit) => self.empties |= bit,
            None => {
                let empty = empty();
                self.keep(key, empty.clone(), Some(empty));
            }
        }
    }

    fn kept(&self, key: &str) -> Option<&Kept> {
        self.inner.as_ref()?.kept.iter().find(|kept| kept.key == key)
    }

    pub(crate) fn was_null(&self, index: usize) -> bool {
        bit(index).is_some_and(|bit| self.nulls & bit != 0)
    }

    fn was_empty(&self, index: usize) -> bool {
        bit(index).is_some_and(|bit| self.empties & bit != 0)
    }
}

fn bit(index: usize) -> Option<u64> {
    (index < 64).then(|| 1 << index)
}

impl fmt::Debug for Extras {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Extras");
        if let Some(inner) = &self.inner {
            if !inner.unknown.is_empty() {
                debug.field("unknown_fields", &inner.unknown);
            }
            if !inner.kept.is_empty() {
                let kept: Vec<_> = inner.kept.iter().filter_map(|kept| Some((kept.key, kept.wire.as_ref()?))).collect();
                debug.field("kept_values", &kept);
            }
            if !inner.issues.is_empty() {
                debug.field("decode_issues", &inner.issues);
            }
        }
        debug.finish_non_exhaustive()
    }
}

/// Writes a model's fields and its [`Extras`] as one JSON object (the generated `Serialize` impls).
///
/// A field is written as its typed value, except that a wire value kept while decoding is written instead
/// while the field still holds what it was decoded to (so a converted `42` goes back out as `42`), and that a
/// field sent as `null` or as an empty collection is written so again while it is still empty.
pub struct Writer<'a, M> {
    map: M,
    extras: &'a Extras,
}

impl<'a, M: SerializeMap> Writer<'a, M> {
    /// A writer over `map` for a model with `extras`.
    pub fn new(map: M, extras: &'a Extras) -> Self {
        Self { map, extras }
    }

    /// An `Option` field.
    pub fn optional<T: Serialize>(
        &mut self,
        index: usize,
        key: &'static str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        self.write(index, key, value, value.is_none())
    }

    /// A list or map field.
    pub fn collection<T: Serialize + crate::decode::Collection>(
        &mut self,
        index: usize,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.write(index, key, value, value.is_empty())
    }

    /// A required field.
    pub fn required<T: Serialize + ?Sized>(
        &mut self,
        index: usize,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.write(index, key, value, false)
    }

    fn write<T: Serialize + ?Sized>(
        &mut self,
        index: usize,
        key: &'static str,
        value: &T,
        unset: bool,
    ) -> Result<(), M::Error> {
        if let Some(kept) = self.extras.kept(key) {
            let as_sent = match &kept.decoded {
                None => unset,
                Some(decoded) => to_value(value) == *decoded,
            };
            return match (&kept.wire, as_sent) {
                (Some(wire), true) => self.map.serialize_entry(key, wire),
                (None, true) => Ok(()),
                (_, false) if unset => Ok(()),
                (_, false) => self.map.serialize_entry(key, value),
            };
        }
        if !unset || self.extras.was_empty(index) {
            self.map.serialize_entry(key, value)
        } else if self.extras.was_null(index) {
            self.map.serialize_entry(key, &())
        } else {
            Ok(())
        }
    }

    /// Writes the unknown keys and ends the object.
    pub fn end(mut self) -> Result<M::Ok, M::Error> {
        for (key, value) in self.extras.unknown_fields() {
            self.map.serialize_entry(key, value)?;
        }
        self.map.end()
    }
}
