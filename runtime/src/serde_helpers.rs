//! Small serde functions the generated models call by path.

use std::fmt;
use std::marker::PhantomData;

use serde::{Deserialize, Deserializer, de};

/// Decodes `null` (and, with `#[serde(default)]`, absence) as the type's default: an empty list or map.
///
/// Integrations often send `null` for "no emails"; that must not fail the whole record.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// Decodes an open enum from a string, borrowing when the input allows it.
///
/// Generated enums call this from their hand-written `Deserialize`: one small visitor shared by all of
/// them instead of a derive per enum.
pub fn deserialize_open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    deserializer.deserialize_str(OpenEnumVisitor(PhantomData))
}

struct OpenEnumVisitor<T>(PhantomData<fn() -> T>);

impl<T> de::Visitor<'_> for OpenEnumVisitor<T>
where
    T: for<'a> From<&'a str> + From<String>,
{
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
        Ok(T::from(value))
    }
}

/// Identifies an object key for the `Deserialize` impls that truto-codegen writes for models: `0..n` for the
/// model's fields (by the model's own `match`), anything else for keys to skip.
///
/// Generated models do not `#[derive(Deserialize)]`: the derive writes, per struct, a field enum with its
/// own visitor, a `visit_seq` that JSON objects never use, and a wrapper type per `deserialize_with` field,
/// all type-checked in every build of the generated crate. Their hand-written impl is one `visit_map` with
/// a `match` on this index. `F` is the model's `fn field(&str) -> usize` item, so the match is inlined
/// into the key visitor (a function pointer here cost ~10% of decode throughput).
#[derive(Clone, Copy)]
pub struct FieldIndex<F>(pub F);

impl<'de, F: Fn(&str) -> usize> de::DeserializeSeed<'de> for FieldIndex<F> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<F: Fn(&str) -> usize> de::Visitor<'_> for FieldIndex<F> {
    type Value = usize;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<usize, E> {
        Ok((self.0)(value))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<usize, E> {
        Ok(std::str::from_utf8(value).map_or(usize::MAX, &self.0))
    }
}

/// `null` as an empty collection (the generated `visit_map`'s counterpart of [`null_as_default`]).
pub fn next_collection<'de, A, T>(map: &mut A) -> Result<T, A::Error>
where
    A: de::MapAccess<'de>,
    T: Deserialize<'de> + Default,
{
    map.next_value::<Option<T>>().map(Option::unwrap_or_default)
}
