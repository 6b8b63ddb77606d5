//! The query string on the wire: every Truto parameter, decoded from the request the server received.

use futures::TryStreamExt;
use serde_json::json;
use truto_tests::wiremock::matchers::path;
use truto_tests::wiremock::{Mock, MockServer, ResponseTemplate};
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::prelude::*;
use truto_unified::runtime::SuperQuery;

/// Answers every users request with `body`.
async fn serve_users(server: &MockServer, body: serde_json::Value) {
    Mock::given(path(USERS_PATH)).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(server).await;
}

/// The decoded query pairs of the only request `server` received.
async fn only_query(server: &MockServer) -> Vec<(String, String)> {
    let requests = received(server).await;
    assert_eq!(requests.len(), 1);
    query_pairs(&requests[0])
}

#[tokio::test]
async fn every_truto_parameter_of_a_list() {
    let server = server().await;
    serve_users(&server, list_body(json!([]), None)).await;

    account(&server)
        .calendar()
        .users()
        .list()
        .limit(25)
        .next_cursor("cur/1 +x")
        .truto_ignore_limit(true)
        .truto_ignore_remote_data(false)
        .truto_exclude_fields(["remote_data", "emails", "phones"])
        .remote_query("foo", "bar")
        .remote_query("filter", json!({"state": "active", "ids": [1, 2]}))
        .truto_super_query(SuperQuery::Wnam)
        .send()
        .await
        .unwrap();

    assert_eq!(
        only_query(&server).await,
        pairs(&[
            ("integrated_account_id", ACCOUNT_ID),
            ("limit", "25"),
            ("next_cursor", "cur/1 +x"),
            ("truto_ignore_limit", "true"),
            ("truto_ignore_remote_data", "false"),
            ("truto_exclude_fields[]", "remote_data"),
            ("truto_exclude_fields[]", "emails"),
            ("truto_exclude_fields[]", "phones"),
            ("remote_query[foo]", "bar"),
            ("remote_query[filter][state]", "active"),
            ("remote_query[filter][ids][]", "1"),
            ("remote_query[filter][ids][]", "2"),
            ("truto_super_query", "wnam"),
        ])
    );
}

#[tokio::test]
async fn the_raw_query_string_uses_brackets_and_percent_encoding() {
    let server = server().await;
    serve_users(&server, list_body(json!([]), None)).await;

    account(&server)
        .calendar()
        .users()
        .list()
        .truto_exclude_fields(["a", "b"])
        .remote_query("foo", "bar baz")
        .send()
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(
        requests[0].url.query(),
        Some(
            "integrated_account_id=acc-1&truto_exclude_fields%5B%5D=a&truto_exclude_fields%5B%5D=b\
             &remote_query%5Bfoo%5D=bar+baz"
        )
    );
}

#[tokio::test]
async fn setting_a_parameter_twice_keeps_the_last_value() {
    let server = server().await;
    serve_users(&server, list_body(json!([]), None)).await;

    account(&server)
        .calendar()
        .users()
        .list()
        .limit(10)
        .limit(20)
        .truto_exclude_fields(["a"])
        .truto_exclude_fields(["b", "c"])
        .remote_query("foo", "one")
        .remote_query("foo", "two")
        .truto_super_query("somewhere-new")
        .send()
        .await
        .unwrap();

    assert_eq!(
        only_query(&server).await,
        pairs(&[
            ("integrated_account_id", ACCOUNT_ID),
            ("limit", "20"),
            ("truto_exclude_fields[]", "b"),
            ("truto_exclude_fields[]", "c"),
            ("remote_query[foo]", "two"),
            ("truto_super_query", "somewhere-new"),
        ])
    );
}

#[tokio::test]
async fn get_sends_its_parameters() {
    let server = server().await;
    Mock::given(path(format!("{DIRECTORY_USERS_PATH}/u_1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(user("u_1", "One")))
        .mount(&server)
        .await;

    account(&server)
        .user_directory()
        .users()
        .get("u_1")
        .truto_ignore_remote_data(true)
        .truto_exclude_fields(["phones"])
        .remote_query("expand", "manager")
        .truto_super_query(SuperQuery::Apac)
        .send()
        .await
        .unwrap();

    assert_eq!(
        only_query(&server).await,
        pairs(&[
            ("integrated_account_id", ACCOUNT_ID),
            ("truto_ignore_remote_data", "true"),
            ("truto_exclude_fields[]", "phones"),
            ("remote_query[expand]", "manager"),
            ("truto_super_query", "apac"),
        ])
    );
}

#[tokio::test]
async fn key_by_returns_a_keyed_page() {
    let server = server().await;
    let body = json!({
        "result": {"u_1": user("u_1", "One"), "u_2": user("u_2", "Two")},
        "next_cursor": null,
        "result_count": 2,
    });
    serve_users(&server, body).await;

    let page = account(&server).calendar().users().list().limit(5).key_by("id").send().await.unwrap();

    assert_eq!(page.result.keys().collect::<Vec<_>>(), ["u_1", "u_2"]);
    assert_eq!(page.result["u_2"].name.as_deref(), Some("Two"));
    assert_eq!(page.result_count, Some(2));
    assert_eq!(page.next_cursor, None);
    assert_eq!(
        only_query(&server).await,
        pairs(&[("integrated_account_id", ACCOUNT_ID), ("limit", "5"), ("truto_key_by", "id")])
    );
}

#[tokio::test]
async fn key_by_streams_key_record_pairs() {
    let server = server().await;
    serve_users(&server, json!({"result": {"ada": user("u_1", "Ada")}, "next_cursor": null})).await;

    let pairs: Vec<_> =
        account(&server).calendar().users().list().key_by("username").stream().try_collect().await.unwrap();

    assert_eq!(pairs.len(), 1);
    assert_eq!((pairs[0].0.as_str(), pairs[0].1.id.as_str()), ("ada", "u_1"));
}

#[tokio::test]
async fn raw_format_returns_the_body_untyped() {
    let server = server().await;
    let body = json!({"result": [{"id": "AAMkAD", "displayName": "Ada"}], "next_cursor": null});
    serve_users(&server, body.clone()).await;

    let raw = account(&server).calendar().users().list().limit(1).raw().send().await.unwrap();

    assert_eq!(raw, body);
    assert_eq!(
        only_query(&server).await,
        pairs(&[("integrated_account_id", ACCOUNT_ID), ("limit", "1"), ("truto_response_format", "raw")])
    );
}

#[tokio::test]
async fn normalized_format_streams_records_untyped() {
    let server = server().await;
    serve_users(&server, json!({"result": [{"id": "u_1"}, {"id": "u_2"}], "next_cursor": null})).await;

    let records: Vec<_> = account(&server).calendar().users().list().normalized().stream().try_collect().await.unwrap();

    assert_eq!(records, [json!({"id": "u_1"}), json!({"id": "u_2"})]);
    assert_eq!(
        only_query(&server).await,
        pairs(&[("integrated_account_id", ACCOUNT_ID), ("truto_response_format", "normalized")])
    );
}

#[tokio::test]
async fn get_in_raw_format() {
    let server = server().await;
    Mock::given(path(format!("{DIRECTORY_USERS_PATH}/u_1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"displayName": "Ada"})))
        .mount(&server)
        .await;

    let raw = account(&server).user_directory().users().get("u_1").raw().await.unwrap();

    assert_eq!(raw, json!({"displayName": "Ada"}));
    assert_eq!(
        only_query(&server).await,
        pairs(&[("integrated_account_id", ACCOUNT_ID), ("truto_response_format", "raw")])
    );
}

#[tokio::test]
async fn stream_format_returns_the_body_as_bytes() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("{\"id\":\"u_1\"}\n{\"id\":\"u_2\"}\n", "application/x-ndjson"),
        )
        .mount(&server)
        .await;

    let bytes = account(&server).calendar().users().list().byte_stream().await.unwrap();

    assert_eq!(bytes.content_type(), Some("application/x-ndjson"));
    assert_eq!(bytes.collect_bytes().await.unwrap(), b"{\"id\":\"u_1\"}\n{\"id\":\"u_2\"}\n");
    assert_eq!(
        only_query(&server).await,
        pairs(&[("integrated_account_id", ACCOUNT_ID), ("truto_response_format", "stream")])
    );
}
