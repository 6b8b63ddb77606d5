//! The escape hatch for resources the schema lacks (`account.unified(api, resource)`), and resource
//! metadata (`…/meta/{method}`): same pagination, errors and encoding as the typed bindings.

use futures::TryStreamExt;
use serde_json::{Value, json};
use truto_tests::wiremock::matchers::{body_json, method, path, query_param};
use truto_tests::wiremock::{Mock, ResponseTemplate};
use truto_tests::*;
use truto_unified::Error;
use truto_unified::UnifiedApis;

const CONTACTS: &str = "/unified/crm/contacts";

#[tokio::test]
async fn untyped_lists_follow_every_page() {
    let server = server().await;
    Mock::given(path(CONTACTS))
        .and(query_param("next_cursor", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_body(json!([{"id": "3"}]), None)))
        .mount(&server)
        .await;
    Mock::given(path(CONTACTS))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(list_body(json!([{"id": "1"}, {"id": "2"}]), Some("c2"))),
        )
        .mount(&server)
        .await;
    let contacts = account(&server).unified("crm", "contacts");

    let records: Vec<Value> = contacts
        .list()
        .query("limit", 2)
        .query("truto_exclude_fields", json!(["remote_data"]))
        .stream()
        .try_collect()
        .await
        .unwrap();

    assert_eq!(records, [json!({"id": "1"}), json!({"id": "2"}), json!({"id": "3"})]);
    let requests = received(&server).await;
    assert_request(&requests[0], CONTACTS, &[("limit", "2"), ("truto_exclude_fields[]", "remote_data")]);
    assert_request(
        &requests[1],
        CONTACTS,
        &[("limit", "2"), ("truto_exclude_fields[]", "remote_data"), ("next_cursor", "c2")],
    );
}

#[tokio::test]
async fn untyped_writes_send_their_bodies() {
    let server = server().await;
    Mock::given(method("PATCH"))
        .and(path(format!("{CONTACTS}/c%201")))
        .and(body_json(json!({"last_name": "Byron"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "c 1", "last_name": "Byron"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!("{CONTACTS}/c%201")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "c 1"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/unified/crm/accounts/merge"))
        .and(body_json(json!({"ids": ["a", "b"]})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"result": {"id": "a", "merged": ["b"]}})))
        .expect(1)
        .mount(&server)
        .await;
    let account = account(&server);

    let updated = account.unified("crm", "contacts").update("c 1", json!({"last_name": "Byron"})).send().await.unwrap();
    let deleted = account.unified("crm", "contacts").delete("c 1").send_delete().await.unwrap();
    let merged =
        account.unified("crm", "accounts").custom("merge", json!({"ids": ["a", "b"]})).send_result().await.unwrap();

    assert_eq!(updated["last_name"], "Byron");
    assert_eq!(deleted.id, "c 1");
    assert_eq!(merged, json!({"id": "a", "merged": ["b"]}));
}

#[tokio::test]
async fn resource_metadata_is_fetched_per_method() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(format!("{USERS_PATH}/meta/list")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"query_schema": {"type": "object"}})))
        .expect(1)
        .mount(&server)
        .await;

    let meta = account(&server).calendar().users().meta("list").send().await.unwrap();

    assert_eq!(meta, json!({"query_schema": {"type": "object"}}));
    assert_request(&received(&server).await[0], &format!("{USERS_PATH}/meta/list"), &[]);
}

#[tokio::test]
async fn untyped_errors_are_the_same_typed_errors() {
    let server = server().await;
    Mock::given(path(CONTACTS))
        .respond_with(ResponseTemplate::new(404).set_body_json(error_body(
            404,
            "Not Found",
            "No such resource",
            json!({}),
        )))
        .mount(&server)
        .await;

    let error = account(&server).unified("crm", "contacts").list().send().await.unwrap_err();

    let Error::Api(api) = &error else { panic!("{error:?}") };
    assert_eq!(api.status, 404);
    assert_eq!(api.message(), Some("No such resource"));
}
