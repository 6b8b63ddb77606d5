//! Lenient, lossless decoding: a record that does not fit the schema still arrives, with every irregularity
//! reported and every wire value kept.
//!
//! Generated models decode through [`Lenient`]: each value is read once, streaming, straight from the JSON
//! (no intermediate `serde_json::Value` on the happy path), and a value of another JSON type than declared
//! never fails the record. What happens instead ([`Outcome`]):
//!
//! | declared | seen | result |
//! |---|---|---|
//! | string, uuid, url, email, date, date-time | number, boolean | its JSON text (`42` → `"42"`, `true` → `"true"`) |
//! | integer | string holding an integer (`"42"`); a number with no fraction (`42.0`) | the integer |
//! | number | string holding a number (`"1.5"`) | the number |
//! | boolean | the string `"true"` or `"false"` | the boolean |
//! | enum | number, boolean | the catch-all variant holding its JSON text |
//! | anything | `null` | absent (`None`, an empty list or map) |
//! | a list | `null` elements | skipped |
//! | a map | `null` values (unless the values are untyped JSON) | skipped |
//! | anything | any other JSON type | absent; the wire value is kept |
//!
//! Every row but `null`-as-absent is an irregularity: it is recorded as a [`DecodeIssue`] on the record
//! (`Record::decode_issues`) and logged with `tracing::warn!`. Every wire value that a typed field does not
//! hold as sent (a converted value, a kept one, a `null`, a list with skipped elements) is kept in the
//! record's [`Extras`](crate::Extras), together with keys the schema does not know, and written back out by
//! `Serialize`: decode → encode gives back the object that was received (up to key order, and up to the
//! spelling of numbers: `3` and `3.0` are the same JSON number).
//!
//! [`Ctx::strict`] turns every irregularity into an error instead: the fail-fast mode of
//! `ClientBuilder::strict_decoding`.

/// Implements the visitor methods for JSON scalars (string, numbers, boolean), which a list, a map or a
/// model does not accept: the value is kept, as not fitting `$expected`.
macro_rules! keep_scalars {
    ($expected:expr) => {
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            $crate::decode::scalars::unfitted(self.ctx, $expected, serde_json::Value::String(text.to_owned()))
        }

        fn visit_u64<E: serde::de::Error>(self, number: u64) -> Result<Self::Value, E> {
            $crate::decode::scalars::unfitted(self.ctx, $expected, serde_json::Value::from(number))
        }

        fn visit_i64<E: serde::de::Error>(self, number: i64) -> Result<Self::Value, E> {
            $crate::decode::scalars::unfitted(self.ctx, $expected, serde_json::Value::from(number))
        }

        fn visit_f64<E: serde::de::Error>(self, number: f64) -> Result<Self::Value, E> {
            $crate::decode::scalars::unfitted(self.ctx, $expected, serde_json::Value::from(number))
        }

        fn visit_bool<E: serde::de::Error>(self, flag: bool) -> Result<Self::Value, E> {
            $crate::decode::scalars::unfitted(self.ctx, $expected, serde_json::Value::Bool(flag))
        }
    };
}

mod collections;
mod scalars;
mod structs;

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use collections::Collection;
pub use scalars::{decode_enum, deserialize_enum};
pub use structs::{
    Placeholder, Reader, Struct, collection, decode_struct, deserialize_struct, field, next_field, required,
    serialize_struct,
};

/// How a value was read.
#[derive(Debug)]
pub enum Outcome<T> {
    /// The value, as declared.
    Value(T),
    /// `null`: absent.
    Null,
    /// A value of another type that could not be converted: the field stays empty and this wire value is
    /// kept. (Wire values are boxed: they are rare, and a small `Outcome` is cheap to return on the happy
    /// path.)
    Unfitted(Box<Value>),
    /// A value converted from another JSON type (or a list that skipped irregular elements), and the wire
    /// value it came from.
    Converted(T, Box<Value>),
}

/// A value that decodes leniently ([the table](self)). Implemented by the runtime for scalars, lists, maps
/// and JSON values, and by generated code for models and enums.
pub trait Lenient: Sized + Serialize {
    /// What the schema declares, for issues: `a string`, `an object of type User`.
    const EXPECTED: &'static str;

    /// Reads one value.
    fn decode<'de, D: Deserializer<'de>>(deserializer: D, ctx: &mut Ctx) -> Result<Outcome<Self>, D::Error>;

    /// Takes the issues found inside this value (paths relative to it) when it is a model, which keeps them
    /// (see `Model::decode_issues`); gives back those it does not keep.
    fn adopt(&mut self, issues: Vec<DecodeIssue>) -> Vec<DecodeIssue> {
        issues
    }
}

/// What goes wrong while decoding one record, and whether to fail on it.
#[derive(Debug, Default)]
pub struct Ctx {
    strict: bool,
    issues: Vec<DecodeIssue>,
    /// How many models the value being decoded is inside: models keep the issues found in them, so lists
    /// and maps outside any model hand each entry its own.
    depth: usize,
}

impl Ctx {
    /// A lenient context: irregularities are recorded.
    pub fn lenient() -> Self {
        Self::default()
    }

    /// A strict context: the first irregularity is an error.
    pub fn strict() -> Self {
        Self { strict: true, ..Self::default() }
    }

    /// A context that is strict when `strict` is.
    pub fn new(strict: bool) -> Self {
        Self { strict, ..Self::default() }
    }

    /// Records `issue`, or fails with it in strict mode.
    pub fn report<E: de::Error>(&mut self, issue: DecodeIssue) -> Result<(), E> {
        if self.strict {
            // The JSON path is the decode error's own (`DecodeError::json_path`); a missing field is named here,
            // since the error is found at the end of the object that lacks it.
            return Err(match issue.outcome {
                IssueOutcome::Missing => {
                    E::custom(format_args!("missing field `{}` (expected {})", issue.path, issue.expected))
                }
                _ => E::custom(format_args!("expected {}, found {}", issue.expected, issue.found)),
            });
        }
        self.issues.push(issue);
        Ok(())
    }

    /// How many issues are recorded so far, to prefix the ones a nested value adds.
    #[inline]
    pub fn mark(&self) -> usize {
        self.issues.len()
    }

    /// Puts `key` in front of the paths of the issues recorded since `mark`.
    #[inline]
    pub fn prefix_key(&mut self, mark: usize, key: &str) {
        // The happy path (nothing recorded) costs one comparison, inlined into every field read.
        if mark < self.issues.len() {
            self.prefix_key_slow(mark, key);
        }
    }

    #[cold]
    fn prefix_key_slow(&mut self, mark: usize, key: &str) {
        for issue in &mut self.issues[mark..] {
            let rest = std::mem::take(&mut issue.path);
            issue.path = match rest.as_bytes().first() {
                None => key.to_owned(),
                Some(b'[') => format!("{key}{rest}"),
                Some(_) => format!("{key}.{rest}"),
            };
        }
    }

    /// Puts `[index]` in front of the paths of the issues recorded since `mark`.
    #[inline]
    pub fn prefix_index(&mut self, mark: usize, index: usize) {
        if mark < self.issues.len() {
            self.prefix_index_slow(mark, index);
        }
    }

    #[cold]
    fn prefix_index_slow(&mut self, mark: usize, index: usize) {
        for issue in &mut self.issues[mark..] {
            let rest = std::mem::take(&mut issue.path);
            issue.path = match rest.as_bytes().first() {
                None => format!("[{index}]"),
                Some(b'[') => format!("[{index}]{rest}"),
                Some(_) => format!("[{index}].{rest}"),
            };
        }
    }

    /// The issues recorded since `mark`, removed from the context.
    #[inline]
    pub fn take_since(&mut self, mark: usize) -> Vec<DecodeIssue> {
        if mark >= self.issues.len() {
            return Vec::new();
        }
        self.issues.split_off(mark)
    }
}

/// A [`DeserializeSeed`] reading one `T` leniently within `ctx`.
pub struct Seed<'a, T> {
    ctx: &'a mut Ctx,
    _value: std::marker::PhantomData<fn() -> T>,
}

impl<'a, T> Seed<'a, T> {
    /// A seed for one `T`.
    pub fn new(ctx: &'a mut Ctx) -> Self {
        Self { ctx, _value: std::marker::PhantomData }
    }
}

impl<'de, T: Lenient> DeserializeSeed<'de> for Seed<'_, T> {
    type Value = Outcome<T>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Outcome<T>, D::Error> {
        T::decode(deserializer, self.ctx)
    }
}

/// One irregularity in a decoded record: where, what was expected and seen, and what was done about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DecodeIssue {
    /// The JSON path within the record (`emails[1].is_primary`); empty for the record itself.
    pub path: String,
    /// What the schema declares (`a boolean`).
    pub expected: String,
    /// What arrived (`the string "yes"`).
    pub found: String,
    /// What was done about it.
    pub outcome: IssueOutcome,
}

/// What the decoder did about a [`DecodeIssue`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IssueOutcome {
    /// Converted to the declared type, exactly (`42` into `"42"`); the wire value is kept for encoding.
    Converted,
    /// Not convertible: the field is left empty and the wire value kept.
    Kept,
    /// A `null` list element or map value was left out of the typed value (and kept for encoding).
    Skipped,
    /// A field the schema says is always present was absent: it holds an empty value.
    Missing,
}

impl DecodeIssue {
    pub(crate) fn new(expected: &str, found: String, outcome: IssueOutcome) -> Self {
        Self { path: String::new(), expected: expected.to_owned(), found, outcome }
    }
}

impl fmt::Display for DecodeIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.path.is_empty() { "the record".to_owned() } else { format!("`{}`", self.path) };
        let done = match self.outcome {
            IssueOutcome::Converted => "converted",
            IssueOutcome::Kept => "left empty, the value kept",
            IssueOutcome::Skipped => "skipped, the value kept",
            IssueOutcome::Missing => "left empty",
        };
        write!(f, "{at}: expected {}, found {} ({done})", self.expected, self.found)
    }
}

/// A short description of a wire value for issues: `null`, `the number 42`, `the string "yes"`, `an array
/// of 3 values`.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => format!("the boolean {flag}"),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) => format!("the string {}", excerpt(text)),
        Value::Array(items) => format!("an array of {} values", items.len()),
        Value::Object(entries) => format!("an object with {} keys", entries.len()),
    }
}

/// `"text"`, shortened to 40 characters.
pub(crate) fn excerpt(text: &str) -> String {
    const SHOWN: usize = 40;
    if text.chars().count() <= SHOWN {
        return format!("{text:?}");
    }
    let cut: String = text.chars().take(SHOWN).collect();
    format!("{cut:?}…")
}

/// `value` as JSON, for kept wire values (`null` for a value that cannot be JSON, which generated types never
/// are).
pub(crate) fn to_value<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Decodes one `T` on its own (outside a record): lenient, with the issues returned beside it.
pub fn decode_value<'de, T: Lenient, D: Deserializer<'de>>(
    deserializer: D,
    ctx: &mut Ctx,
) -> Result<Outcome<T>, D::Error> {
    T::decode(deserializer, ctx)
}

#[cfg(test)]
mod tests;
