//! Models: the helpers the generated `Struct` impls call, field by field.
//!
//! A generated model's `decode_map` is one loop over the object's keys ([`next_field`], which keeps the keys
//! the schema does not know), one [`field`] or [`collection`] call per known key, and [`required`] for the
//! fields that must be present. Everything else (lenient values, kept wire values, issues) happens here.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::collections::Collection;
use super::scalars::unfitted;
use super::{Ctx, DecodeIssue, IssueOutcome, Lenient, Outcome, Seed, to_value};
use crate::extras::{Extras, Writer};

/// A generated model (a JSON object with known fields), as the runtime needs it.
pub trait Struct: Sized + Serialize {
    /// `an object of type User`, for issues.
    const EXPECTED: &'static str;

    /// Reads the fields of one object.
    fn decode_map<'de, A: MapAccess<'de>>(map: &mut A, ctx: &mut Ctx) -> Result<Self, A::Error>;

    /// What the model carries beyond its typed fields.
    fn extras(&self) -> &Extras;

    /// What the model carries beyond its typed fields, to change.
    fn extras_mut(&mut self) -> &mut Extras;

    /// Writes every field (the generated `Serialize`).
    fn write_fields<M: SerializeMap>(&self, writer: &mut Writer<'_, M>) -> Result<(), M::Error>;
}

/// A boxed model (a recursive field) decodes and encodes as the model.
impl<T: Struct> Struct for Box<T> {
    const EXPECTED: &'static str = T::EXPECTED;

    fn decode_map<'de, A: MapAccess<'de>>(map: &mut A, ctx: &mut Ctx) -> Result<Self, A::Error> {
        T::decode_map(map, ctx).map(Box::new)
    }

    fn extras(&self) -> &Extras {
        T::extras(self)
    }

    fn extras_mut(&mut self) -> &mut Extras {
        T::extras_mut(self)
    }

    fn write_fields<M: SerializeMap>(&self, writer: &mut Writer<'_, M>) -> Result<(), M::Error> {
        T::write_fields(self, writer)
    }
}

impl<T: Struct> Lenient for T {
    const EXPECTED: &'static str = T::EXPECTED;

    #[inline]
    fn decode<'de, D: Deserializer<'de>>(deserializer: D, ctx: &mut Ctx) -> Result<Outcome<Self>, D::Error> {
        decode_struct(deserializer, ctx)
    }

    fn adopt(&mut self, issues: Vec<DecodeIssue>) -> Vec<DecodeIssue> {
        self.extras_mut().add_issues(issues);
        Vec::new()
    }
}

/// Reads one model leniently: an object is decoded, `null` is absent, anything else is kept.
#[inline]
pub fn decode_struct<'de, T: Struct, D: Deserializer<'de>>(
    deserializer: D,
    ctx: &mut Ctx,
) -> Result<Outcome<T>, D::Error> {
    deserializer.deserialize_any(StructVisitor { ctx, _model: PhantomData })
}

struct StructVisitor<'a, T> {
    ctx: &'a mut Ctx,
    _model: PhantomData<fn() -> T>,
}

impl<'de, T: Struct> Visitor<'de> for StructVisitor<'_, T> {
    type Value = Outcome<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(T::EXPECTED)
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome<T>, A::Error> {
        self.ctx.depth += 1;
        let decoded = T::decode_map(&mut map, self.ctx);
        self.ctx.depth -= 1;
        decoded.map(Outcome::Value)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Outcome<T>, E> {
        Ok(Outcome::Null)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Outcome<T>, A::Error> {
        let wire = serde::Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        unfitted(self.ctx, T::EXPECTED, wire)
    }

    keep_scalars!(T::EXPECTED);
}

/// The generated `Deserialize` of a model: lenient, with the issues kept on the model. Fails only when the
/// value is not an object at all.
pub fn deserialize_struct<'de, T: Struct, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let mut ctx = Ctx::lenient();
    match decode_struct::<T, D>(deserializer, &mut ctx)? {
        Outcome::Value(mut model) | Outcome::Converted(mut model, _) => {
            model.extras_mut().add_issues(ctx.take_since(0));
            Ok(model)
        }
        Outcome::Null => Err(de::Error::invalid_type(de::Unexpected::Unit, &T::EXPECTED)),
        Outcome::Unfitted(wire) => {
            Err(de::Error::custom(format_args!("expected {}, found {}", T::EXPECTED, super::describe(&wire))))
        }
    }
}

/// The generated `Serialize` of a model: its fields, its kept wire values and its unknown keys.
pub fn serialize_struct<T: Struct, S: Serializer>(model: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let mut writer = Writer::new(serializer.serialize_map(None)?, model.extras());
    model.write_fields(&mut writer)?;
    writer.end()
}

/// The next key of a model's object that names a field (by `index`, the model's own `match`), keeping every
/// key the schema does not know, with its value, in `extras`. `None` at the end of the object.
///
/// `F` is the model's `fn field(&str) -> usize` item (`usize::MAX` for unknown keys), so the match is inlined
/// into the key visitor.
#[inline(always)]
pub fn next_field<'de, A: MapAccess<'de>, F: Fn(&str) -> usize>(
    map: &mut A,
    extras: &mut Extras,
    index: F,
) -> Result<Option<usize>, A::Error> {
    loop {
        match map.next_key_seed(FieldKey(&index))? {
            None => return Ok(None),
            Some(Key::Field(field)) => return Ok(Some(field)),
            Some(Key::Unknown(key)) => {
                let value: Value = map.next_value()?;
                extras.push_unknown(key, value);
            }
        }
    }
}

enum Key {
    Field(usize),
    Unknown(String),
}

struct FieldKey<'f, F>(&'f F);

impl<'de, F: Fn(&str) -> usize> DeserializeSeed<'de> for FieldKey<'_, F> {
    type Value = Key;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<F: Fn(&str) -> usize> Visitor<'_> for FieldKey<'_, F> {
    type Value = Key;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a field name")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        match (self.0)(key) {
            usize::MAX => Ok(unknown_key(key)),
            field => Ok(Key::Field(field)),
        }
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key, E> {
        match (self.0)(&key) {
            usize::MAX => Ok(Key::Unknown(key)),
            field => Ok(Key::Field(field)),
        }
    }
}

/// A key the schema does not know, kept: out of line, so that reading a known key stays small enough to be
/// inlined into every model's `decode_map`.
#[cold]
#[inline(never)]
fn unknown_key(key: &str) -> Key {
    Key::Unknown(key.to_owned())
}

/// Reads a model's object field by field: what the generated `decode_map` of every model calls.
///
/// ```text
/// let mut reader = Reader::new(map, ctx);
/// while let Some(field) = reader.next_field(index)? {
///     match field { 0 => email = reader.field(0, "email")?, 1 => tags = reader.collection(1, "tags")?, … }
/// }
/// Ok(Self { id: reader.required(id, 2, "id")?, …, extras: reader.finish() })
/// ```
pub struct Reader<'r, A> {
    map: &'r mut A,
    ctx: &'r mut Ctx,
    extras: Extras,
}

impl<'de, 'r, A: MapAccess<'de>> Reader<'r, A> {
    /// A reader of `map`'s fields within `ctx`.
    pub fn new(map: &'r mut A, ctx: &'r mut Ctx) -> Self {
        Self { map, ctx, extras: Extras::default() }
    }

    /// The next key that names a field ([`next_field`]).
    #[inline]
    pub fn next_field<F: Fn(&str) -> usize>(&mut self, index: F) -> Result<Option<usize>, A::Error> {
        next_field(self.map, &mut self.extras, index)
    }

    /// The value of field `index` ([`field`]).
    #[inline]
    pub fn field<T: Lenient>(&mut self, index: usize, key: &'static str) -> Result<Option<T>, A::Error> {
        field(self.map, self.ctx, &mut self.extras, index, key)
    }

    /// The value of a list or map field ([`collection`]).
    #[inline]
    pub fn collection<T: Lenient + Collection>(&mut self, index: usize, key: &'static str) -> Result<T, A::Error> {
        collection(self.map, self.ctx, &mut self.extras, index, key)
    }

    /// The value of a required field ([`required`]).
    pub fn required<T: Placeholder + Lenient>(
        &mut self,
        value: Option<T>,
        index: usize,
        key: &'static str,
    ) -> Result<T, A::Error> {
        required(value, self.ctx, &mut self.extras, index, key)
    }

    /// What the object held beyond the fields.
    pub fn finish(self) -> Extras {
        self.extras
    }
}

/// Reads the value of field `index` (`key`): `Some` when it holds a `T`, `None` when it is `null` or does not
/// fit (kept in `extras`).
#[inline(always)]
pub fn field<'de, A: MapAccess<'de>, T: Lenient>(
    map: &mut A,
    ctx: &mut Ctx,
    extras: &mut Extras,
    index: usize,
    key: &'static str,
) -> Result<Option<T>, A::Error> {
    let mark = ctx.mark();
    let outcome = map.next_value_seed(Seed::<T>::new(ctx))?;
    ctx.prefix_key(mark, key);
    Ok(match outcome {
        Outcome::Value(value) => Some(value),
        Outcome::Null => {
            extras.mark_null(index, key);
            None
        }
        Outcome::Unfitted(wire) => {
            extras.keep(key, *wire, None);
            None
        }
        Outcome::Converted(value, wire) => {
            extras.keep(key, *wire, Some(to_value(&value)));
            Some(value)
        }
    })
}

/// [`field`] for a list or map field, which is empty rather than absent.
#[inline]
pub fn collection<'de, A: MapAccess<'de>, T: Lenient + Collection>(
    map: &mut A,
    ctx: &mut Ctx,
    extras: &mut Extras,
    index: usize,
    key: &'static str,
) -> Result<T, A::Error> {
    match field::<A, T>(map, ctx, extras, index, key)? {
        Some(value) if value.is_empty() && extras.kept_values().all(|(kept, _)| kept != key) => {
            extras.mark_empty(index, key, || to_value(&value));
            Ok(value)
        }
        Some(value) => Ok(value),
        None => Ok(T::default()),
    }
}

/// The value of field `index` (`key`), which the schema says is always present: when it was absent, `null`
/// or did not fit, an empty value, and an issue (unless one was already recorded for it). Encoding writes the
/// field as it was sent (absent, `null`, the kept value) while it still holds that empty value.
pub fn required<T: Placeholder + Lenient, E: de::Error>(
    value: Option<T>,
    ctx: &mut Ctx,
    extras: &mut Extras,
    index: usize,
    key: &'static str,
) -> Result<T, E> {
    let Some(value) = value else {
        let placeholder = T::placeholder();
        let was_null = extras.was_null(index);
        if !extras.fill_required(index, key, to_value(&placeholder)) {
            let found = if was_null { "null" } else { "nothing" };
            let mut issue = DecodeIssue::new(T::EXPECTED, found.to_owned(), IssueOutcome::Missing);
            issue.path = key.to_owned();
            ctx.report(issue)?;
        }
        return Ok(placeholder);
    };
    Ok(value)
}

/// An empty value of a type, for a required field that did not arrive.
pub trait Placeholder {
    /// The empty value: `""`, `0`, `false`, an empty list, …
    fn placeholder() -> Self;
}

macro_rules! default_placeholder {
    ($($type:ty),*) => {$(
        impl Placeholder for $type {
            fn placeholder() -> Self {
                Self::default()
            }
        }
    )*};
}

default_placeholder!(String, i64, f64, bool, Value, crate::DateTime, crate::Date);

impl<T> Placeholder for Vec<T> {
    fn placeholder() -> Self {
        Vec::new()
    }
}

impl<T> Placeholder for std::collections::BTreeMap<String, T> {
    fn placeholder() -> Self {
        Self::new()
    }
}

impl<T: Placeholder> Placeholder for Box<T> {
    fn placeholder() -> Self {
        Box::new(T::placeholder())
    }
}
