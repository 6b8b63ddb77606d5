//! Failures end to end: Truto error bodies, non-JSON error pages, bodies of the wrong shape, dead servers.

use futures::TryStreamExt;
use serde_json::json;
use truto_tests::wiremock::matchers::{path, query_param};
use truto_tests::wiremock::{Mock, MockServer, ResponseTemplate};
use truto_tests::*;
use truto_unified::Error;
use truto_unified::UnifiedApis;
use truto_unified::prelude::*;

/// Answers every users list request with `response`, once.
async fn respond(server: &MockServer, response: ResponseTemplate) {
    Mock::given(path(USERS_PATH)).respond_with(response).expect(1).mount(server).await;
}

#[tokio::test]
async fn unauthorized_keeps_truto_error_body() {
    let server = server().await;
    let body = error_body(401, "Unauthorized", "Invalid API token", json!({}));
    respond(&server, ResponseTemplate::new(401).set_body_json(&body)).await;

    let error = account(&server).calendar().users().list().send().await.unwrap_err();

    assert_eq!(error.status(), Some(401));
    assert!(!error.is_retryable());
    let Error::Api(api) = &error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!((api.method.as_str(), api.path.as_str(), api.status), ("GET", USERS_PATH, 401));
    assert_eq!(api.message(), Some("Invalid API token"));
    assert!(!api.is_remote());
    let parsed = api.body.as_ref().unwrap();
    assert_eq!(parsed.status_code, Some(401));
    assert_eq!(parsed.error.as_deref(), Some("Unauthorized"));
    assert_eq!(parsed.json, body);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&api.raw_body).unwrap(), body);
    assert_eq!(
        error.to_string(),
        "GET /unified/calendar/users: HTTP 401 Unauthorized: Invalid API token \
         — check the API token (TRUTO_API_TOKEN) and its environment"
    );
}

#[tokio::test]
async fn remote_error_keeps_raw_response_and_insight() {
    let server = server().await;
    let body = error_body(
        400,
        "Bad Request",
        "workspace is required",
        json!({
            "truto_is_remote_error": true,
            "raw_response": {"ok": false, "error": "missing_argument"},
            "truto_error_insight": {
                "missing_required_query_parameters": {"description": "Pass these", "value": ["workspace", "channel"]},
                "missing_required_body_fields": {"description": "none", "value": []},
                "forbidden_error": {"description": "Scopes", "value": {"missing_scopes": ["users:read"]}}
            }
        }),
    );
    let raw = body.to_string();
    Mock::given(path(MEMBERS_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_raw(raw.clone(), "application/json"))
        .expect(1)
        .mount(&server)
        .await;

    let error = account(&server).instant_messaging().members().list().send().await.unwrap_err();

    let api = error.api().expect("an API error");
    assert_eq!(api.status, 400);
    assert_eq!(api.path, MEMBERS_PATH);
    assert_eq!(api.message(), Some("workspace is required"));
    assert!(api.is_remote());
    assert_eq!(api.raw_body, raw);
    let parsed = api.body.as_ref().unwrap();
    assert_eq!(parsed.truto_is_remote_error, Some(true));
    assert_eq!(parsed.raw_response, Some(json!({"ok": false, "error": "missing_argument"})));
    let insight = parsed.truto_error_insight.as_ref().unwrap();
    assert_eq!(insight.missing_required_query_parameters(), ["workspace", "channel"]);
    assert!(insight.missing_required_body_fields().is_empty());
    assert_eq!(insight.missing_scopes(), ["users:read"]);
    assert_eq!(insight.description("missing_required_query_parameters"), Some("Pass these"));
    assert_eq!(
        error.to_string(),
        "GET /unified/instant-messaging/members: HTTP 400 Bad Request: workspace is required \
         (reported by the integration); missing required query parameters: workspace, channel; \
         missing scopes: users:read"
    );
}

#[tokio::test]
async fn html_error_page_keeps_its_raw_body() {
    let server = server().await;
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    respond(&server, ResponseTemplate::new(502).set_body_raw(html, "text/html")).await;

    let error = account(&server).calendar().users().list().send().await.unwrap_err();

    let Error::Api(api) = &error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!(api.status, 502);
    assert!(api.body.is_none());
    assert_eq!(api.message(), None);
    assert_eq!(api.raw_body, html);
    assert!(error.is_retryable());
    assert_eq!(error.to_string(), format!("GET /unified/calendar/users: HTTP 502: {html}"));
}

#[tokio::test]
async fn stream_surfaces_an_error_on_a_later_page() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .and(query_param("next_cursor", "c2"))
        .respond_with(ResponseTemplate::new(500).set_body_json(error_body(
            500,
            "Internal Server Error",
            "boom",
            json!({}),
        )))
        .expect(1)
        .mount(&server)
        .await;
    respond(&server, ResponseTemplate::new(200).set_body_json(list_body(json!([user("u_1", "One")]), Some("c2"))))
        .await;

    let mut users = account(&server).calendar().users().list().stream();

    assert_eq!(users.try_next().await.unwrap().unwrap().id, "u_1");
    let error = users.try_next().await.unwrap_err();
    assert_eq!(error.status(), Some(500));
    assert_eq!(error.api().unwrap().message(), Some("boom"));
}

#[tokio::test]
async fn a_value_of_another_type_costs_nothing_but_is_reported() {
    let server = server().await;
    let second = json!({"id": "u_2", "emails": [{"email": "x@example.com", "is_primary": "yes"}]});
    let body = json!({"result": [user("u_1", "One"), second.clone()], "next_cursor": null});
    respond(&server, ResponseTemplate::new(200).set_body_json(body)).await;

    let page = account(&server).calendar().users().list().send().await.unwrap();

    assert_eq!(page.result.len(), 2, "both records arrive");
    assert!(page.result[0].decode_issues().is_empty());
    let issues = page.result[1].decode_issues();
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].path, "emails[0].is_primary");
    assert_eq!((issues[0].expected.as_str(), issues[0].found.as_str()), ("a boolean", "the string \"yes\""));
    assert_eq!(page.result[1].emails[0].is_primary, None);
    assert_eq!(serde_json::to_value(&page.result[1]).unwrap(), second, "the value is kept and written back");
}

#[tokio::test]
async fn strict_decoding_makes_it_a_decode_error_with_the_json_path() {
    let server = server().await;
    let body = json!({
        "result": [
            user("u_1", "One"),
            {"id": "u_2", "emails": [{"email": "x@example.com", "is_primary": "yes"}]}
        ],
        "next_cursor": null
    });
    let raw = body.to_string();
    respond(&server, ResponseTemplate::new(200).set_body_raw(raw.clone(), "application/json")).await;

    let strict = truto_unified::Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .max_retries(0)
        .strict_decoding(true)
        .build()
        .unwrap();
    let error = strict.account(ACCOUNT_ID).calendar().users().list().send().await.unwrap_err();

    let Error::Decode(decode) = &error else { panic!("expected Error::Decode, got {error:?}") };
    assert_eq!(decode.json_path, "result[1].emails[0].is_primary");
    assert_eq!(decode.status, 200);
    assert_eq!(decode.path, USERS_PATH);
    assert!(decode.message.contains("expected a boolean, found the string \"yes\""), "{}", decode.message);
    assert_eq!(decode.raw_body, raw);
    assert!(!error.is_retryable());
    assert!(
        error.to_string().starts_with(
            "GET /unified/calendar/users: HTTP 200 with an unexpected body at `result[1].emails[0].is_primary`"
        ),
        "{error}"
    );
}

#[tokio::test]
async fn a_single_record_without_id_is_a_decode_error() {
    let server = server().await;
    Mock::given(path(format!("{DIRECTORY_USERS_PATH}/u_1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "No id"})))
        .expect(1)
        .mount(&server)
        .await;

    let error = account(&server).user_directory().users().get("u_1").send().await.unwrap_err();

    let Error::Decode(decode) = &error else { panic!("expected Error::Decode, got {error:?}") };
    assert!(decode.message.contains("the record cannot be read: it has no `id`"), "{}", decode.message);
    assert_eq!(decode.path, format!("{DIRECTORY_USERS_PATH}/u_1"));
    assert_eq!(decode.raw_body, r#"{"name":"No id"}"#);
}

#[tokio::test]
async fn truncated_json_is_a_decode_error() {
    let server = server().await;
    let truncated = r#"{"result":[{"id":"u_1","name":"On"#;
    respond(&server, ResponseTemplate::new(200).set_body_raw(truncated, "application/json")).await;

    let error = account(&server).calendar().users().list().send().await.unwrap_err();

    let Error::Decode(decode) = &error else { panic!("expected Error::Decode, got {error:?}") };
    assert!(decode.message.contains("EOF"), "{}", decode.message);
    assert_eq!(decode.raw_body, truncated);
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = truto_unified::Client::builder()
        .token(TOKEN)
        .base_url(format!("http://127.0.0.1:{port}"))
        .max_retries(0)
        .build()
        .unwrap();

    let error = client.account(ACCOUNT_ID).user_directory().users().get("u_1").send().await.unwrap_err();

    let Error::Transport { method, path, source } = &error else { panic!("expected Error::Transport, got {error:?}") };
    assert_eq!((method.as_str(), path.as_str()), ("GET", "/unified/user-directory/users/u_1"));
    assert!(source.is_connect(), "{source:?}");
    assert_eq!(error.status(), None);
    assert!(error.is_retryable());
}

#[tokio::test]
async fn an_empty_id_is_refused_before_sending() {
    let server = server().await;

    let error = account(&server).user_directory().users().get("").send().await.unwrap_err();

    assert!(matches!(error, Error::InvalidRequest(_)), "{error}");
    assert!(received(&server).await.is_empty());
}
