//! Bindings generated in this crate's `build.rs` from an import of Truto's unified-model JSON
//! (`codegen/tests/fixtures/import/`, every awkward case included) call the API and decode its records like
//! hand-written ones: keywords, a self-reference, arrays of arrays of objects, typed maps, open enums.

use serde_json::json;
use truto_tests::imported::{CustomUnifiedApis, crm};
use truto_tests::wiremock::matchers::{body_json, method, path, query_param};
use truto_tests::wiremock::{Mock, ResponseTemplate};
use truto_unified::prelude::{CustomRequest, ListRequest};

#[tokio::test]
async fn imported_bindings_list_and_decode_awkward_records() {
    let server = truto_tests::server().await;
    let contact = json!({
        "id": "c1",
        "first_name": "Ada",
        "type": "person",
        "self": "me",
        "match": true,
        "fooBar": "kept",
        "lifecycle": "in-progress",
        "counts": {"calls": 3},
        "matrix": [[{"value": 1.5, "label": "a"}], []],
        "parent": {"id": "c0", "first_name": "Boss"},
        "address": {"city": "London", "country": "GB"},
        "undocumented": "still decodes",
    });
    Mock::given(method("GET"))
        .and(path("/unified/crm/contacts"))
        .and(query_param("search_term", "ada"))
        .and(query_param("workspace[id]", "w1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(truto_tests::list_body(json!([contact]), None)))
        .mount(&server)
        .await;
    let account = truto_tests::account(&server);
    let page = account
        .crm()
        .contacts()
        .list()
        .search_term("ada")
        .workspace(crm::ListContactsWorkspace::new("w1"))
        .send()
        .await
        .unwrap();
    let contact = &page.result[0];
    assert_eq!((contact.id.as_str(), contact.first_name.as_str()), ("c1", "Ada"));
    assert_eq!(
        (contact.r#type.as_deref(), contact.self_.as_deref(), contact.r#match),
        (Some("person"), Some("me"), Some(true))
    );
    assert_eq!(contact.foo_bar.as_deref(), Some("kept"));
    assert_eq!(contact.lifecycle, Some(crm::ContactLifecycle::InProgress));
    assert_eq!(contact.counts["calls"], 3);
    assert_eq!(contact.matrix[0][0].value, Some(1.5));
    assert_eq!(contact.parent.as_ref().map(|parent| parent.first_name.as_str()), Some("Boss"));
    assert_eq!(contact.address.as_ref().and_then(|address| address.country.clone()), Some(crm::Country::Gb));
}

#[tokio::test]
async fn an_imported_custom_method_sends_its_typed_body() {
    let server = truto_tests::server().await;
    Mock::given(method("POST"))
        .and(path("/unified/crm/accounts/merge"))
        .and(body_json(json!({"ids": ["a1", "a2"]})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"result": {"id": "a1"}})))
        .expect(1)
        .mount(&server)
        .await;
    let body = crm::MergeAccountsBody { ids: vec!["a1".into(), "a2".into()], ..Default::default() };
    let merged = truto_tests::account(&server).crm().accounts().merge(body).send().await.unwrap();
    assert_eq!(merged["id"], "a1");
}

/// A program may use truto-unified and its own bindings side by side, on the same account: each accessor
/// trait names its own API handles, and with both traits in scope a call says which it means.
#[tokio::test]
async fn custom_bindings_and_truto_unified_serve_one_program() {
    use truto_unified::UnifiedApis;
    let server = truto_tests::server().await;
    let contact = json!({"id": "c1", "first_name": "Ada", "lifecycle": "in-progress"});
    Mock::given(method("GET"))
        .and(path("/unified/crm/contacts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(truto_tests::list_body(json!([contact]), None)))
        .mount(&server)
        .await;
    let account = truto_tests::account(&server);

    let ours: Vec<crm::contacts::Contact> =
        CustomUnifiedApis::crm(&account).contacts().list().send().await.unwrap().result;
    let theirs: Vec<truto_unified::crm::Contact> =
        UnifiedApis::crm(&account).contacts().list().send().await.unwrap().result;

    assert_eq!((ours[0].id.as_str(), theirs[0].id.as_str()), ("c1", "c1"));
    assert_eq!(Some(ours[0].first_name.as_str()), theirs[0].first_name.as_deref());
    assert_eq!(ours[0].lifecycle.as_ref().map(|lifecycle| lifecycle.as_str()), Some("in-progress"));
}
