//! Bindings generated in this crate's `build.rs` from `fixtures/adversarial/` (names that are Rust keywords,
//! start with digits, are empty, or are names generated code itself uses; recursive shared types) compile,
//! round-trip JSON, and work with the runtime of truto-unified from outside it.

use serde_json::{Value, json};
use truto_tests::adversarial::r#match::SelfParam;
use truto_tests::adversarial::{CustomUnifiedApis, Integration, common, r#match};
use truto_tests::wiremock::matchers::{body_json, method, path, query_param};
use truto_tests::wiremock::{Mock, ResponseTemplate};
use truto_unified::prelude::{CustomRequest, ListRequest};

/// A record with every adversarial field set.
fn record() -> Value {
    json!({
        "id": "r1",
        "type": "a type",
        "self": "itself",
        "match": 3,
        "async": true,
        "await": 1.5,
        "dyn": {"anything": [1, "two", null]},
        "super": "above",
        "crate": "box",
        "1st": "first",
        "2fa_enabled": true,
        "": "the empty key",
        "Other": "other",
        "unknown": "unknown",
        "client": "client",
        "Result": "result",
        "Option": "option",
        "Some": "some",
        "None": "none",
        "Default": "default",
        "new": "new",
        "café": "crème",
        "kind": "self",
        "other_kind": "Unrecognized",
        "tree": {"id": "root", "children": [{"id": "leaf"}]},
        "category": "",
        "nested": {"type": "inner", "self": {"match": "deepest"}},
        "lists": [[1, 2], [], [3]],
        "scores": {"a": 1.0, "": -2.5}
    })
}

#[test]
fn keyword_digit_empty_and_reserved_field_names_round_trip() {
    let value = record();
    let record: r#match::Record = serde_json::from_value(value.clone()).expect("the record decodes");
    assert_eq!(record.id, "r1");
    assert_eq!(record.r#type, "a type");
    assert_eq!(record.self_.as_deref(), Some("itself"));
    assert_eq!(record.r#match, Some(3));
    assert_eq!(record.r#async, Some(true));
    assert_eq!(record.r#await, Some(1.5));
    assert_eq!(record.super_.as_deref(), Some("above"));
    assert_eq!(record.crate_.as_deref(), Some("box"));
    assert_eq!(record._1st.as_deref(), Some("first"));
    assert_eq!(record._2fa_enabled, Some(true));
    assert_eq!(record.empty.as_deref(), Some("the empty key"));
    assert_eq!(record.other.as_deref(), Some("other"));
    assert_eq!(record.unknown.as_deref(), Some("unknown"));
    assert_eq!(record.client.as_deref(), Some("client"));
    assert_eq!(record.result.as_deref(), Some("result"));
    assert_eq!(record.option.as_deref(), Some("option"));
    assert_eq!(record.some.as_deref(), Some("some"));
    assert_eq!(record.none.as_deref(), Some("none"));
    assert_eq!(record.default.as_deref(), Some("default"));
    assert_eq!(record.new.as_deref(), Some("new"));
    assert_eq!(record.caf.as_deref(), Some("crème"), "non-ASCII letters are left out of the Rust name only");
    assert_eq!(record.kind, Some(r#match::RecordKind::Self_));
    assert_eq!(record.other_kind, Some(r#match::RecordOtherKind::Unrecognized));
    assert_eq!(record.category, Some(common::Type::Empty));
    let nested = record.nested.as_ref().unwrap();
    assert_eq!(nested.r#type.as_deref(), Some("inner"));
    assert_eq!(nested.self_.as_ref().and_then(|inner| inner.r#match.as_deref()), Some("deepest"));
    assert_eq!(record.lists, vec![vec![1, 2], vec![], vec![3]]);
    assert_eq!(serde_json::to_value(&record).unwrap(), value, "encodes back to the same JSON");
}

#[test]
fn enum_values_named_like_keywords_and_catch_alls_round_trip() {
    use r#match::{RecordKind, RecordOtherKind};
    for value in RecordKind::KNOWN_VALUES {
        let kind = RecordKind::from(*value);
        assert_eq!(kind.as_str(), *value);
        assert_eq!(serde_json::to_value(&kind).unwrap(), json!(value));
        assert_eq!(serde_json::from_value::<RecordKind>(json!(value)).unwrap(), kind);
    }
    assert_eq!(RecordKind::from(""), RecordKind::Empty);
    assert_eq!(RecordKind::from("1st"), RecordKind::V1st);
    assert_eq!(RecordKind::from("Other"), RecordKind::Other, "`Other` is a value, so the catch-all is renamed");
    assert_eq!(RecordKind::from("brand new"), RecordKind::Unrecognized("brand new".to_owned()));
    // Other, Unrecognized and OtherValue are all values: the catch-all takes the next free name.
    assert_eq!(RecordOtherKind::from("OtherValue"), RecordOtherKind::OtherValue);
    assert_eq!(RecordOtherKind::from("x"), RecordOtherKind::UnrecognizedValue("x".to_owned()));
    assert_eq!(serde_json::to_value(RecordOtherKind::from("x")).unwrap(), json!("x"));

    assert_eq!(Integration::from("self"), Integration::Self_);
    assert_eq!(Integration::from("other"), Integration::Other);
    assert_eq!(Integration::from("zoom"), Integration::Unrecognized("zoom".to_owned()));
    assert_eq!(Integration::Type.display_name(), Some("Type Co"));
    assert_eq!(SelfParam::from("Self_value"), SelfParam::SelfValue);
}

#[test]
fn recursive_shared_types_round_trip_at_depth() {
    // A chain of parents 100 deep, each with children, through `Box`ed fields.
    let mut node = json!({"id": "n0"});
    for depth in 1..100 {
        node = json!({
            "id": format!("n{depth}"),
            "parent": node,
            "children": [{"id": format!("c{depth}")}],
            "by_name": {"x": {"id": "y"}},
            "owner": {"name": "p", "manager": {"name": "boss", "favourite_node": {"id": "f"}}}
        });
    }
    let decoded: common::Node = serde_json::from_value(node.clone()).expect("a deep tree decodes");
    let mut depth = 0;
    let mut current = &decoded;
    while let Some(parent) = &current.parent {
        current = parent;
        depth += 1;
    }
    assert_eq!((depth, current.id.as_str()), (99, "n0"));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), node);

    // Deeper than serde_json's recursion limit: an error, never a stack overflow.
    let mut too_deep = String::new();
    for _ in 0..10_000 {
        too_deep.push_str(r#"{"id":"x","parent":"#);
    }
    too_deep.push_str(r#"{"id":"x"}"#);
    too_deep.push_str(&"}".repeat(10_000));
    assert!(serde_json::from_str::<common::Node>(&too_deep).is_err());
}

#[tokio::test]
async fn bindings_generated_in_another_crate_call_the_runtime() {
    let server = truto_tests::server().await;
    Mock::given(method("GET"))
        .and(path("/unified/match/type"))
        .and(query_param("type", "t"))
        .and(query_param("self", "Self_value"))
        .and(query_param("client[gt]", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(truto_tests::list_body(json!([record()]), None)))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/unified/match/type/async"))
        .and(body_json(json!({"self": "me", "Option": 7})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"result": {"id": "n", "parent": {"id": "p"}}})))
        .mount(&server)
        .await;

    let account = truto_tests::account(&server);
    let page = account
        .r#match()
        .r#type()
        .list()
        .r#type("t")
        .self_(SelfParam::SelfValue)
        .client_gt(2)
        .send()
        .await
        .expect("the list decodes");
    assert_eq!(page.result.len(), 1);
    assert_eq!(page.result[0].empty.as_deref(), Some("the empty key"));

    let mut body = r#match::AsyncTypeBody::new("me".to_owned());
    body.option = Some(7);
    let node = account.r#match().r#type().r#async(body).send().await.expect("the custom method answers");
    assert_eq!(node.parent.map(|parent| parent.id), Some("p".to_owned()));
}
