//! Scalars and untyped JSON: strings, numbers, booleans, dates, open enums, `serde_json::Value`.
//!
//! One visitor serves every scalar: it asks the type how a JSON value of each kind fits ([`Fit`]), and
//! handles `null`, arrays and objects the same way for all of them.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{self, Visitor};
use serde_json::Value;

use super::{Ctx, DecodeIssue, IssueOutcome, Lenient, Outcome, describe};
use crate::types::{Date, DateTime};

/// How a JSON scalar fits a declared type.
pub(crate) enum Fit<T> {
    /// As declared.
    Exact(T),
    /// Converted exactly from another JSON type.
    Converted(T),
    /// Not convertible.
    No,
}

/// A type read from JSON scalars.
pub(crate) trait Scalar: Sized {
    /// What the schema declares, for issues.
    const EXPECTED: &'static str;
    /// From a JSON string.
    fn from_str(text: &str) -> Fit<Self>;
    /// From an owned JSON string, without copying when it fits as is (`Err` gives it back).
    fn take_string(text: String) -> Result<Self, String> {
        Err(text)
    }
    /// From a JSON number without sign or fraction.
    fn from_u64(number: u64) -> Fit<Self>;
    /// From a negative JSON integer.
    fn from_i64(number: i64) -> Fit<Self>;
    /// From a JSON number with a fraction or exponent.
    fn from_f64(number: f64) -> Fit<Self>;
    /// From `true` or `false`.
    fn from_bool(flag: bool) -> Fit<Self>;
}

/// Decodes a scalar leniently.
#[inline]
pub(crate) fn decode_scalar<'de, T: Scalar, D: Deserializer<'de>>(
    deserializer: D,
    ctx: &mut Ctx,
) -> Result<Outcome<T>, D::Error> {
    deserializer.deserialize_any(ScalarVisitor { ctx, expected: T::EXPECTED, _value: PhantomData })
}

struct ScalarVisitor<'a, T> {
    ctx: &'a mut Ctx,
    expected: &'static str,
    _value: PhantomData<fn() -> T>,
}

impl<T: Scalar> ScalarVisitor<'_, T> {
    #[inline]
    fn fit<E: de::Error>(self, fit: Fit<T>, wire: impl FnOnce() -> Value) -> Result<Outcome<T>, E> {
        match fit {
            Fit::Exact(value) => Ok(Outcome::Value(value)),
            Fit::Converted(value) => {
                let wire = wire();
                self.ctx.report(DecodeIssue::new(self.expected, describe(&wire), IssueOutcome::Converted))?;
                Ok(Outcome::Converted(value, Box::new(wire)))
            }
            Fit::No => unfitted(self.ctx, self.expected, wire()),
        }
    }
}

/// A wire value that does not fit `expected`: reported, and kept.
pub(crate) fn unfitted<T, E: de::Error>(ctx: &mut Ctx, expected: &str, wire: Value) -> Result<Outcome<T>, E> {
    ctx.report(DecodeIssue::new(expected, describe(&wire), IssueOutcome::Kept))?;
    Ok(Outcome::Unfitted(Box::new(wire)))
}

/// Implements the visitor methods for arrays and objects, which no scalar accepts: the value is read whole
/// (as JSON) and kept.
macro_rules! keep_arrays_and_objects {
    () => {
        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            let wire = serde::Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
            $crate::decode::scalars::unfitted(self.ctx, self.expected, wire)
        }

        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let wire = serde::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
            $crate::decode::scalars::unfitted(self.ctx, self.expected, wire)
        }
    };
}

impl<'de, T: Scalar> Visitor<'de> for ScalarVisitor<'_, T> {
    type Value = Outcome<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.expected)
    }

    #[inline]
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Outcome<T>, E> {
        self.fit(T::from_str(text), || Value::String(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Outcome<T>, E> {
        match T::take_string(text) {
            Ok(value) => Ok(Outcome::Value(value)),
            Err(text) => {
                let fit = T::from_str(&text);
                self.fit(fit, || Value::String(text))
            }
        }
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Outcome<T>, E> {
        self.fit(T::from_u64(number), || Value::from(number))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Outcome<T>, E> {
        self.fit(T::from_i64(number), || Value::from(number))
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Outcome<T>, E> {
        self.fit(T::from_f64(number), || Value::from(number))
    }

    fn visit_bool<E: de::Error>(self, flag: bool) -> Result<Outcome<T>, E> {
        self.fit(T::from_bool(flag), || Value::Bool(flag))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Outcome<T>, E> {
        Ok(Outcome::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Outcome<T>, E> {
        Ok(Outcome::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Outcome<T>, D::Error> {
        deserializer.deserialize_any(self)
    }

    keep_arrays_and_objects!();
}

/// The JSON text of a number, as `serde_json` writes it (`1.5`, `3.0`, `42`).
fn number_text(number: f64) -> Option<String> {
    serde_json::Number::from_f64(number).map(|number| number.to_string())
}

/// Text types: a number or boolean becomes its JSON text.
macro_rules! text_scalar {
    ($type:ty, $expected:literal, $wrap:expr) => {
        impl Scalar for $type {
            const EXPECTED: &'static str = $expected;

            #[inline]
            fn from_str(text: &str) -> Fit<Self> {
                Fit::Exact($wrap(text.to_owned()))
            }

            #[inline]
            fn take_string(text: String) -> Result<Self, String> {
                Ok($wrap(text))
            }

            fn from_u64(number: u64) -> Fit<Self> {
                Fit::Converted($wrap(number.to_string()))
            }

            fn from_i64(number: i64) -> Fit<Self> {
                Fit::Converted($wrap(number.to_string()))
            }

            fn from_f64(number: f64) -> Fit<Self> {
                number_text(number).map_or(Fit::No, |text| Fit::Converted($wrap(text)))
            }

            fn from_bool(flag: bool) -> Fit<Self> {
                Fit::Converted($wrap(flag.to_string()))
            }
        }

        impl Lenient for $type {
            const EXPECTED: &'static str = $expected;

            #[inline]
            fn decode<'de, D: Deserializer<'de>>(deserializer: D, ctx: &mut Ctx) -> Result<Outcome<Self>, D::Error> {
                decode_scalar(deserializer, ctx)
            }
        }
    };
}

text_scalar!(String, "a string", std::convert::identity);
text_scalar!(DateTime, "a date-time string", DateTime::from);
text_scalar!(Date, "a date string", Date::from);

impl Scalar for i64 {
    const EXPECTED: &'static str = "an integer";

    fn from_str(text: &str) -> Fit<Self> {
        text.parse().map_or(Fit::No, Fit::Converted)
    }

    fn from_u64(number: u64) -> Fit<Self> {
        i64::try_from(number).map_or(Fit::No, Fit::Exact)
    }

    fn from_i64(number: i64) -> Fit<Self> {
        Fit::Exact(number)
    }

    fn from_f64(number: f64) -> Fit<Self> {
        // 42.0 is the same JSON number as 42; 42.5, or a value beyond i64, is not an integer.
        let in_range = (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&number);
        if number.fract() == 0.0 && in_range { Fit::Exact(number as i64) } else { Fit::No }
    }

    fn from_bool(_: bool) -> Fit<Self> {
        Fit::No
    }
}

impl Scalar for f64 {
    const EXPECTED: &'static str = "a number";

    fn from_str(text: &str) -> Fit<Self> {
        match text.parse::<f64>() {
            Ok(number) if number.is_finite() => Fit::Converted(number),
            _ => Fit::No,
        }
    }

    fn from_u64(number: u64) -> Fit<Self> {
        // Integers up to 2^53 are exact as f64; larger ones would be rounded.
        if number as f64 as u64 == number { Fit::Exact(number as f64) } else { Fit::No }
    }

    fn from_i64(number: i64) -> Fit<Self> {
        if number as f64 as i64 == number { Fit::Exact(number as f64) } else { Fit::No }
    }

    fn from_f64(number: f64) -> Fit<Self> {
        Fit::Exact(number)
    }

    fn from_bool(_: bool) -> Fit<Self> {
        Fit::No
    }
}

impl Scalar for bool {
    const EXPECTED: &'static str = "a boolean";

    fn from_str(text: &str) -> Fit<Self> {
        match text {
            "true" => Fit::Converted(true),
            "false" => Fit::Converted(false),
            _ => Fit::No,
        }
    }

    fn from_u64(_: u64) -> Fit<Self> {
        Fit::No
    }

    fn from_i64(_: i64) -> Fit<Self> {
        Fit::No
    }

    fn from_f64(_: f64) -> Fit<Self> {
        Fit::No
    }

    fn from_bool(flag: bool) -> Fit<Self> {
        Fit::Exact(flag)
    }
}

macro_rules! lenient_scalar {
    ($($type:ty),*) => {$(
        impl Lenient for $type {
            const EXPECTED: &'static str = <$type as Scalar>::EXPECTED;

            #[inline]
            fn decode<'de, D: Deserializer<'de>>(deserializer: D, ctx: &mut Ctx) -> Result<Outcome<Self>, D::Error> {
                decode_scalar(deserializer, ctx)
            }
        }
    )*};
}

lenient_scalar!(i64, f64, bool);

/// An open enum: any string is a value (documented ones get their variant); a number or boolean is kept as
/// its JSON text in the catch-all variant.
pub(crate) struct OpenEnum<T>(pub T);

impl<T: for<'a> From<&'a str> + From<String>> Scalar for OpenEnum<T> {
    const EXPECTED: &'static str = "a string";

    fn from_str(text: &str) -> Fit<Self> {
        Fit::Exact(Self(T::from(text)))
    }

    fn take_string(text: String) -> Result<Self, String> {
        Ok(Self(T::from(text)))
    }

    fn from_u64(number: u64) -> Fit<Self> {
        Fit::Converted(Self(T::from(number.to_string())))
    }

    fn from_i64(number: i64) -> Fit<Self> {
        Fit::Converted(Self(T::from(number.to_string())))
    }

    fn from_f64(number: f64) -> Fit<Self> {
        number_text(number).map_or(Fit::No, |text| Fit::Converted(Self(T::from(text))))
    }

    fn from_bool(flag: bool) -> Fit<Self> {
        Fit::Converted(Self(T::from(flag.to_string())))
    }
}

/// Decodes a generated open enum (`expected` names it in issues).
pub fn decode_enum<'de, T, D>(deserializer: D, ctx: &mut Ctx, expected: &'static str) -> Result<Outcome<T>, D::Error>
where
    T: for<'a> From<&'a str> + From<String>,
    D: Deserializer<'de>,
{
    let outcome = deserializer.deserialize_any(ScalarVisitor::<OpenEnum<T>> { ctx, expected, _value: PhantomData })?;
    Ok(match outcome {
        Outcome::Value(OpenEnum(value)) => Outcome::Value(value),
        Outcome::Converted(OpenEnum(value), wire) => Outcome::Converted(value, wire),
        Outcome::Null => Outcome::Null,
        Outcome::Unfitted(wire) => Outcome::Unfitted(wire),
    })
}

/// The `Deserialize` of a generated open enum: any JSON scalar (a number or boolean is kept as its text in
/// the catch-all variant); `null`, an array or an object is an error.
pub fn deserialize_enum<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: for<'a> From<&'a str> + From<String>,
    D: Deserializer<'de>,
{
    match decode_enum::<T, D>(deserializer, &mut Ctx::lenient(), "a string")? {
        Outcome::Value(value) | Outcome::Converted(value, _) => Ok(value),
        Outcome::Null => Err(de::Error::invalid_type(de::Unexpected::Unit, &"a string")),
        Outcome::Unfitted(wire) => Err(de::Error::custom(format_args!("expected a string, found {}", describe(&wire)))),
    }
}

/// Untyped JSON is taken as it comes, `null` included.
impl Lenient for Value {
    const EXPECTED: &'static str = "any JSON value";

    fn decode<'de, D: Deserializer<'de>>(deserializer: D, _: &mut Ctx) -> Result<Outcome<Self>, D::Error> {
        serde::Deserialize::deserialize(deserializer).map(Outcome::Value)
    }
}
