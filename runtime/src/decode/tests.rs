//! The decoding rules on a model written the way truto-codegen writes them.

use std::collections::BTreeMap;

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::MapAccess};
use serde_json::{Value, json};

use super::*;
use crate::extras::{Extras, Writer};
use crate::record::{Item, Model};

#[derive(Clone, Debug, Default, PartialEq)]
struct User {
    emails: Vec<Email>,
    id: String,
    kind: Option<Kind>,
    logins: Option<i64>,
    name: Option<String>,
    scores: BTreeMap<String, f64>,
    title: String,
    extras: Extras,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Email {
    address: Option<String>,
    primary: Option<bool>,
    extras: Extras,
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Admin,
    Other(String),
}

impl From<&str> for Kind {
    fn from(value: &str) -> Self {
        if value == "admin" { Self::Admin } else { Self::Other(value.to_owned()) }
    }
}

impl From<String> for Kind {
    fn from(value: String) -> Self {
        Self::from(value.as_str())
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            Self::Admin => "admin",
            Self::Other(value) => value,
        })
    }
}

impl Lenient for Kind {
    const EXPECTED: &'static str = "a Kind value";

    fn decode<'de, D: Deserializer<'de>>(deserializer: D, ctx: &mut Ctx) -> Result<Outcome<Self>, D::Error> {
        decode_enum(deserializer, ctx, Self::EXPECTED)
    }
}

impl Struct for User {
    const EXPECTED: &'static str = "an object of type User";

    fn decode_map<'de, A: MapAccess<'de>>(map: &mut A, ctx: &mut Ctx) -> Result<Self, A::Error> {
        fn index(name: &str) -> usize {
            match name {
                "emails" => 0,
                "id" => 1,
                "kind" => 2,
                "logins" => 3,
                "name" => 4,
                "scores" => 5,
                "title" => 6,
                _ => usize::MAX,
            }
        }
        let mut extras = Extras::default();
        let (mut emails, mut id, mut kind, mut logins, mut name, mut scores, mut title) =
            (Vec::new(), None, None, None, None, BTreeMap::new(), None);
        while let Some(field_index) = next_field(map, &mut extras, index)? {
            match field_index {
                0 => emails = collection(map, ctx, &mut extras, 0, "emails")?,
                1 => id = field(map, ctx, &mut extras, 1, "id")?,
                2 => kind = field(map, ctx, &mut extras, 2, "kind")?,
                3 => logins = field(map, ctx, &mut extras, 3, "logins")?,
                4 => name = field(map, ctx, &mut extras, 4, "name")?,
                5 => scores = collection(map, ctx, &mut extras, 5, "scores")?,
                _ => title = field(map, ctx, &mut extras, 6, "title")?,
            }
        }
        Ok(User {
            emails,
            id: required(id, ctx, &mut extras, 1, "id")?,
            kind,
            logins,
            name,
            scores,
            title: required(title, ctx, &mut extras, 6, "title")?,
            extras,
        })
    }

    fn extras(&self) -> &Extras {
        &self.extras
    }

    fn extras_mut(&mut self) -> &mut Extras {
        &mut self.extras
    }

    fn write_fields<M: SerializeMap>(&self, writer: &mut Writer<'_, M>) -> Result<(), M::Error> {
        writer.collection(0, "emails", &self.emails)?;
        writer.required(1, "id", &self.id)?;
        writer.optional(2, "kind", &self.kind)?;
        writer.optional(3, "logins", &self.logins)?;
        writer.optional(4, "name", &self.name)?;
        writer.collection(5, "scores", &self.scores)?;
        writer.required(6, "title", &self.title)
    }
}

impl Struct for Email {
    const EXPECTED: &'static str = "an object of type Email";

    fn decode_map<'de, A: MapAccess<'de>>(map: &mut A, ctx: &mut Ctx) -> Result<Self, A::Error> {
        fn index(name: &str) -> usize {
            match name {
                "address" => 0,
                "primary" => 1,
                _ => usize::MAX,
            }
        }
        let mut extras = Extras::default();
        let (mut address, mut primary) = (None, None);
        while let Some(field_index) = next_field(map, &mut extras, index)? {
            match field_index {
                0 => address = field(map, ctx, &mut extras, 0, "address")?,
                _ => primary = field(map, ctx, &mut extras, 1, "primary")?,
            }
        }
        Ok(Email { address, primary, extras })
    }

    fn extras(&self) -> &Extras {
        &self.extras
    }

    fn extras_mut(&mut self) -> &mut Extras {
        &mut self.extras
    }

    fn write_fields<M: SerializeMap>(&self, writer: &mut Writer<'_, M>) -> Result<(), M::Error> {
        writer.optional(0, "address", &self.address)?;
        writer.optional(1, "primary", &self.primary)
    }
}

impl Serialize for User {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_struct(self, serializer)
    }
}

impl<'de> Deserialize<'de> for User {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_struct(deserializer)
    }
}

impl Serialize for Email {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_struct(self, serializer)
    }
}

fn decode(value: Value) -> User {
    serde_json::from_value(value).expect("a lenient decode never fails on an object")
}

fn paths(user: &User) -> Vec<(&str, IssueOutcome)> {
    user.decode_issues().iter().map(|issue| (issue.path.as_str(), issue.outcome)).collect()
}

/// `value` with every number as an `f64`: `3` and `3.0` are the same JSON number.
fn numbers_as_floats(value: Value) -> Value {
    match value {
        Value::Number(number) => number.as_f64().map_or(Value::Number(number), Value::from),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_floats).collect()),
        Value::Object(entries) => entries.into_iter().map(|(key, value)| (key, numbers_as_floats(value))).collect(),
        other => other,
    }
}

/// Decoding then encoding gives back the object received (up to key order and the spelling of numbers).
fn round_trips(value: Value) -> User {
    let user = decode(value.clone());
    let encoded = serde_json::to_value(&user).unwrap();
    assert_eq!(numbers_as_floats(encoded), numbers_as_floats(value), "{user:?}");
    user
}

#[test]
fn a_record_that_fits_has_no_extras() {
    let value = json!({"id": "u1", "title": "Dr", "name": "Ada", "logins": 3, "kind": "admin",
                       "emails": [{"address": "a@x", "primary": true}], "scores": {"a": 1.5}});
    let user = round_trips(value);
    assert!(user.extras.is_empty(), "{:?}", user.extras);
    assert_eq!(user.kind, Some(Kind::Admin));
    assert_eq!(user.emails[0].primary, Some(true));
}

#[test]
fn values_of_another_type_are_converted_exactly_or_kept() {
    let value = json!({"id": 42, "title": "Dr", "name": true, "logins": "7", "kind": 3,
                       "emails": "a@x", "scores": {"a": "2.5"}});
    let user = round_trips(value);
    assert_eq!(user.id, "42");
    assert_eq!(user.name.as_deref(), Some("true"));
    assert_eq!(user.logins, Some(7));
    assert_eq!(user.kind, Some(Kind::Other("3".to_owned())));
    assert!(user.emails.is_empty());
    assert_eq!(user.scores["a"], 2.5);
    assert_eq!(
        paths(&user),
        [
            ("emails", IssueOutcome::Kept),
            ("id", IssueOutcome::Converted),
            ("kind", IssueOutcome::Converted),
            ("logins", IssueOutcome::Converted),
            ("name", IssueOutcome::Converted),
            ("scores.a", IssueOutcome::Converted),
        ]
    );
    assert_eq!(user.decode_issues()[0].found, "the string \"a@x\"");
    assert_eq!(user.decode_issues()[0].expected, "an array");
}

#[test]
fn nulls_are_absent_and_null_elements_skipped() {
    let value = json!({"id": "u1", "title": "Dr", "name": null, "logins": null,
                       "emails": [null, {"address": null, "primary": "yes"}, {"address": "b"}]});
    let user = round_trips(value);
    assert_eq!(user.name, None);
    assert_eq!(user.emails.len(), 2);
    assert_eq!(user.emails[0].primary, None);
    assert_eq!(paths(&user), [("emails[0]", IssueOutcome::Skipped), ("emails[1].primary", IssueOutcome::Kept)]);
}

#[test]
fn unknown_keys_are_kept_in_order() {
    let text = r#"{"id": "u1", "title": "Dr", "zeta": 1, "alpha": {"x": [1, null]},
                   "emails": [{"address": "a", "extra": true}]}"#;
    let user: User = serde_json::from_str(text).unwrap();
    round_trips(serde_json::from_str(text).unwrap());
    let unknown: Vec<&str> = user.unknown_fields().iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(unknown, ["zeta", "alpha"]);
    assert_eq!(user.emails[0].unknown_field("extra"), Some(&json!(true)));
    assert!(user.decode_issues().is_empty(), "unknown keys are not irregular");
}

#[test]
fn a_missing_required_field_is_empty_and_stays_absent_on_the_wire() {
    let user = round_trips(json!({"id": "u1"}));
    assert_eq!(user.title, "");
    assert_eq!(paths(&user), [("title", IssueOutcome::Missing)]);
    let user = round_trips(json!({"id": "u1", "title": null}));
    assert_eq!(user.decode_issues()[0].found, "null");
}

#[test]
fn empty_collections_and_changes_encode_as_expected() {
    round_trips(json!({"id": "u1", "title": "Dr", "emails": [], "scores": {}}));
    let mut user = decode(json!({"id": 7, "title": "Dr", "logins": "3"}));
    user.logins = Some(4);
    user.id = "8".to_owned();
    assert_eq!(serde_json::to_value(&user).unwrap(), json!({"id": "8", "title": "Dr", "logins": 4}));
    user.logins = None;
    assert_eq!(serde_json::to_value(&user).unwrap(), json!({"id": "8", "title": "Dr"}));
}

#[test]
fn a_record_without_a_usable_id_is_rejected_with_its_json() {
    for value in [json!({"title": "Dr"}), json!({"id": null, "title": "Dr"}), json!({"id": {"a": 1}, "title": "x"})] {
        let mut ctx = Ctx::lenient();
        let outcome = User::decode(value.clone(), &mut ctx).unwrap();
        let Outcome::Value(mut user) = outcome else { panic!("an object decodes") };
        let Err(reason) = user.accept(ctx.take_since(0)) else { panic!("{value} has no usable id") };
        assert_eq!(serde_json::to_value(&user).unwrap(), value, "{reason}");
        assert!(reason.contains("id"), "{reason}");
    }
}

#[test]
fn strict_mode_fails_on_the_first_irregularity() {
    let mut ctx = Ctx::strict();
    let error = User::decode(json!({"id": "u1", "title": "Dr", "logins": "7"}), &mut ctx).unwrap_err();
    assert!(error.to_string().contains("expected an integer, found the string \"7\""), "{error}");
    let mut ctx = Ctx::strict();
    let fine = User::decode(json!({"id": "u1", "title": "Dr", "unknown": 1}), &mut ctx).unwrap();
    assert!(matches!(fine, Outcome::Value(_)), "unknown keys are fine in strict mode too");
}

#[test]
fn integers_and_numbers_convert_only_when_exact() {
    let user = round_trips(json!({"id": "u1", "title": "Dr", "logins": 3.0, "scores": {"a": 2}}));
    assert_eq!(user.logins, Some(3));
    assert!(user.decode_issues().is_empty(), "3.0 and 2 are the same JSON numbers: {:?}", user.decode_issues());
    let user = round_trips(json!({"id": "u1", "title": "Dr", "logins": 3.5}));
    assert_eq!(user.logins, None);
    assert_eq!(paths(&user), [("logins", IssueOutcome::Kept)]);
    let user = round_trips(json!({"id": "u1", "title": "Dr", "logins": u64::MAX}));
    assert_eq!(user.logins, None);
}

#[test]
fn a_model_that_is_not_an_object_is_kept_by_its_parent() {
    let user = round_trips(json!({"id": "u1", "title": "Dr", "emails": [{"address": "a"}, "b@x", 7]}));
    assert_eq!(user.emails.len(), 1);
    assert_eq!(paths(&user), [("emails[1]", IssueOutcome::Kept), ("emails[2]", IssueOutcome::Kept)]);
}
