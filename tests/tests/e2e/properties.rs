//! Property tests of generated models: JSON of the right shape decodes and round-trips; a page of records
//! mutated at random (values of other JSON types, nulls, dropped ids, unknown keys) never errors, loses
//! nothing and reports every irregularity; any JSON value and any bytes never panic. The models are those
//! generated in this crate's `build.rs` (the adversarial schema, and a sample of random schemas).

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use truto_tests::adversarial::{common, r#match::Record};
use truto_tests::random::{sample0, sample1, sample2};
use truto_unified::{ListPage, Model};

/// `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(default)
}

/// Field names of the adversarial `Record`, so that random objects hit known fields with wrong values.
const RECORD_KEYS: &[&str] = &[
    "id",
    "type",
    "self",
    "match",
    "async",
    "await",
    "dyn",
    "super",
    "crate",
    "1st",
    "2fa_enabled",
    "",
    "Other",
    "unknown",
    "client",
    "Result",
    "Option",
    "Some",
    "None",
    "Default",
    "new",
    "café",
    "kind",
    "other_kind",
    "tree",
    "category",
    "nested",
    "lists",
    "scores",
    "result",
    "next_cursor",
    "parent",
    "children",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![prop::sample::select(RECORD_KEYS).prop_map(str::to_owned), ".{0,6}"]
}

fn finite() -> impl Strategy<Value = f64> {
    any::<f64>().prop_filter("JSON numbers are finite", |number| number.is_finite())
}

/// Any JSON value.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        finite().prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..8).prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// `value`, or sometimes `null` or absent (`None`), for optional fields.
fn optional(value: impl Strategy<Value = Value>) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![3 => value.prop_map(Some), 1 => Just(Some(Value::Null)), 1 => Just(None)]
}

fn string() -> impl Strategy<Value = Value> {
    ".{0,10}".prop_map(Value::from)
}

fn open_enum(values: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop_oneof![prop::sample::select(values).prop_map(Value::from), ".{0,6}".prop_map(Value::from)]
}

/// A `common::Node` tree.
fn node() -> impl Strategy<Value = Value> {
    string().prop_map(|id| json!({"id": id})).prop_recursive(4, 32, 4, |inner| {
        (string(), optional(inner.clone()), prop::collection::vec(inner, 0..3)).prop_map(|(id, parent, children)| {
            let mut node = Map::new();
            node.insert("id".into(), id);
            if let Some(parent) = parent {
                node.insert("parent".into(), parent);
            }
            node.insert("children".into(), Value::Array(children));
            Value::Object(node)
        })
    })
}

/// A JSON object of the adversarial `Record`'s shape, with random values of the right types.
fn record() -> impl Strategy<Value = Value> {
    let strings = prop::collection::vec(optional(string()), 15);
    let scalars = (
        optional(any::<i64>().prop_map(Value::from)),
        optional(any::<bool>().prop_map(Value::from)),
        optional(finite().prop_map(Value::from)),
        optional(any_json()),
        optional(any::<bool>().prop_map(Value::from)),
    );
    let enums = (
        optional(open_enum(&["type", "self", "match", "async", "1st", "", "Other", "unknown", "client", "Result"])),
        optional(open_enum(&["Other", "Unrecognized", "OtherValue"])),
        optional(open_enum(&["type", "self", "match", "Other", "unknown", ""])),
    );
    let structured = (
        optional(node()),
        optional((optional(string()), any::<bool>(), optional(string())).prop_map(|(ty, with_self, inner)| {
            let mut nested = Map::new();
            if let Some(ty) = ty {
                nested.insert("type".into(), ty);
            }
            if with_self {
                let inner = inner.map_or(json!({}), |value| json!({"match": value}));
                nested.insert("self".into(), inner);
            }
            Value::Object(nested)
        })),
        optional(prop::collection::vec(prop::collection::vec(any::<i64>(), 0..4), 0..4).prop_map(|lists| json!(lists))),
        optional(prop::collection::btree_map(".{0,4}", finite(), 0..4).prop_map(|scores| json!(scores))),
    );
    (string(), string(), strings, scalars, enums, structured).prop_map(
        |(
            id,
            ty,
            strings,
            (matched, asynchronous, awaited, dynamic, two_fa),
            (kind, other_kind, category),
            (tree, nested, lists, scores),
        )| {
            let mut record = Map::new();
            record.insert("id".into(), id);
            record.insert("type".into(), ty);
            let string_keys = [
                "self", "super", "crate", "1st", "", "Other", "unknown", "client", "Result", "Option", "Some", "None",
                "Default", "new", "café",
            ];
            for (key, value) in string_keys.iter().zip(strings) {
                if let Some(value) = value {
                    record.insert((*key).into(), value);
                }
            }
            for (key, value) in [
                ("match", matched),
                ("async", asynchronous),
                ("await", awaited),
                ("dyn", dynamic),
                ("2fa_enabled", two_fa),
                ("kind", kind),
                ("other_kind", other_kind),
                ("category", category),
                ("tree", tree),
                ("nested", nested),
                ("lists", lists),
                ("scores", scores),
            ] {
                if let Some(value) = value {
                    record.insert(key.into(), value);
                }
            }
            Value::Object(record)
        },
    )
}

/// A field of `Record` and a value of the wrong JSON type for it.
fn wrong_field() -> impl Strategy<Value = (&'static str, Value)> {
    let not_string = prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
    ];
    let not_number = prop_oneof![string(), any::<bool>().prop_map(Value::from), Just(json!([1])), Just(json!({}))];
    prop_oneof![
        (prop::sample::select(&["id", "type"][..]), prop_oneof![not_string.clone(), Just(Value::Null)]),
        (prop::sample::select(&["self", "Result", "", "1st", "kind", "category"][..]), not_string.clone()),
        (prop::sample::select(&["match", "await"][..]), not_number),
        (Just("async"), prop_oneof![string(), any::<i64>().prop_map(Value::from)]),
        (prop::sample::select(&["tree", "nested", "scores"][..]), prop_oneof![string(), Just(json!([1, 2]))]),
        (Just("lists"), prop_oneof![string(), Just(json!({"a": 1})), Just(json!([["x"]]))]),
    ]
}

/// What a record of the page had done to it.
#[derive(Clone, Debug)]
enum Mutation {
    None,
    /// A field set to a value of another JSON type.
    WrongType(&'static str, Value),
    /// A field set to `null`.
    Null(&'static str),
    /// `id` removed.
    DropId,
    /// A key the schema does not know.
    Unknown(String, Value),
    /// A `null` among the elements of `lists`.
    NullElement,
}

impl Mutation {
    fn apply(&self, record: &Value) -> Value {
        let mut record = record.clone();
        let object = record.as_object_mut().unwrap();
        match self {
            Self::None => {}
            Self::WrongType(field, value) => {
                object.insert((*field).to_owned(), value.clone());
            }
            Self::Null(field) => {
                object.insert((*field).to_owned(), Value::Null);
            }
            Self::DropId => {
                object.remove("id");
            }
            Self::Unknown(key, value) => {
                object.insert(key.clone(), value.clone());
            }
            Self::NullElement => {
                let lists = object.entry("lists").or_insert_with(|| json!([]));
                if !lists.is_array() {
                    *lists = json!([]);
                }
                lists.as_array_mut().into_iter().for_each(|lists| lists.push(Value::Null));
            }
        }
        record
    }

    /// Whether the record can no longer be read: its `id` is gone, or is not a string or number.
    fn rejects(&self) -> bool {
        match self {
            Self::DropId => true,
            Self::Null(field) => *field == "id",
            Self::WrongType(field, value) => *field == "id" && !(value.is_number() || value.is_boolean()),
            _ => false,
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => Just(Mutation::None),
        3 => wrong_field().prop_map(|(field, value)| Mutation::WrongType(field, value)),
        1 => prop::sample::select(&["id", "self", "match", "kind", "tree", "lists", "scores", "nested"][..]).prop_map(Mutation::Null),
        1 => Just(Mutation::DropId),
        1 => ("x_[a-z]{1,6}", any_json()).prop_map(|(key, value)| Mutation::Unknown(key, value)),
        1 => Just(Mutation::NullElement),
    ]
}

/// `value` decoded strictly: what the fail-fast mode gives for a record that fits.
fn strict(value: &Value) -> Record {
    use truto_unified::runtime::decode::{Ctx, Lenient, Outcome};
    match Record::decode(value, &mut Ctx::strict()) {
        Ok(Outcome::Value(record)) => record,
        other => panic!("a record that fits decodes strictly: {other:?}"),
    }
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

/// Decoding `value` as `T` must not panic; returns whether it decoded.
fn decodes<T: truto_unified::runtime::serde::de::DeserializeOwned>(value: &Value) -> bool {
    serde_json::from_value::<T>(value.clone()).is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    /// JSON of the right shape decodes, and what it decodes to survives encoding and decoding again.
    #[test]
    fn right_shapes_decode_and_round_trip(value in record()) {
        let decoded: Record = serde_json::from_value(value.clone())
            .map_err(|error| TestCaseError::fail(format!("{error}: {value}")))?;
        let encoded = serde_json::to_value(&decoded).unwrap();
        let again: Record = serde_json::from_value(encoded.clone()).unwrap();
        prop_assert_eq!(&again, &decoded);
        prop_assert_eq!(serde_json::to_value(&again).unwrap(), encoded);
        let page = json!({"result": [value], "next_cursor": null});
        prop_assert!(decodes::<ListPage<Record>>(&page));
    }

    /// A page whose records were mutated at random: the page decodes; unmutated records decode as strict
    /// decoding decodes them; every value of another type is reported on its record, every record without
    /// a usable id is rejected with its JSON, every unknown key is kept; and every record (or rejected
    /// record) encodes back to exactly what was sent.
    #[test]
    fn a_page_of_mutated_records_loses_nothing(records in prop::collection::vec((record(), mutation()), 1..6)) {
        let sent: Vec<Value> = records.iter().map(|(record, mutation)| mutation.apply(record)).collect();
        let page: ListPage<Record> = serde_json::from_value(json!({"result": sent.clone(), "next_cursor": null}))
            .map_err(|error| TestCaseError::fail(format!("the page failed: {error}")))?;
        let rejected: std::collections::BTreeMap<usize, &Value> =
            page.rejected().iter().map(|rejected| (rejected.index, &rejected.raw)).collect();
        let mut decoded = page.result.iter();
        for (index, ((original, mutation), sent)) in records.iter().zip(&sent).enumerate() {
            if let Some(raw) = rejected.get(&index) {
                prop_assert!(mutation.rejects(), "record {index} rejected without a reason: {sent}");
                prop_assert_eq!(*raw, sent);
                continue;
            }
            prop_assert!(!mutation.rejects(), "record {index} should be rejected: {sent}");
            let record = decoded.next().expect("every record not rejected is in `result`");
            prop_assert_eq!(numbers_as_floats(serde_json::to_value(record).unwrap()), numbers_as_floats(sent.clone()));
            match mutation {
                Mutation::None => prop_assert_eq!(record, &strict(original), "{}", original),
                Mutation::WrongType(field, _) => prop_assert!(
                    record.decode_issues().iter().any(|issue| issue.path == *field || issue.path.starts_with(&format!("{field}."))
                        || issue.path.starts_with(&format!("{field}["))),
                    "{field} = {} is not reported: {:?}", sent[field], record.decode_issues()
                ),
                Mutation::Unknown(key, value) => prop_assert_eq!(record.unknown_field(key), Some(value)),
                Mutation::NullElement => prop_assert!(
                    record.decode_issues().iter().any(|issue| issue.path.starts_with("lists[")),
                    "a null in `lists` is not reported: {:?}", record.decode_issues()
                ),
                Mutation::Null(_) | Mutation::DropId => {}
            }
        }
    }

    /// Any JSON value: the generated models (adversarial and random samples) decode it or refuse it.
    #[test]
    fn any_json_never_panics(value in any_json()) {
        decodes::<Record>(&value);
        decodes::<ListPage<Record>>(&value);
        decodes::<common::Node>(&value);
        decodes::<sample0::random::Model0>(&value);
        decodes::<sample1::random::Model0>(&value);
        decodes::<sample2::random::Model0>(&value);
        decodes::<ListPage<sample0::random::Model0>>(&json!({"result": [value]}));
    }

    /// Any bytes as a response body.
    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = serde_json::from_slice::<ListPage<Record>>(&bytes);
        let _ = serde_json::from_slice::<Record>(&bytes);
        let _ = serde_json::from_slice::<sample1::random::Model0>(&bytes);
    }
}
