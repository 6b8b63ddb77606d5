//! A retry covers the whole attempt: a body that breaks off or stalls after the status line is retried like a
//! failure before it, under the same rules (idempotent requests; any request whose connection never opened),
//! and `is_retryable()` says what the client does. An error status keeps its status when its body cannot be
//! read. These use [`truto_tests::chunked`], a raw server on 127.0.0.1 whose answers change per connection.

use std::sync::atomic::Ordering;
use std::time::Duration;

use truto_tests::ACCOUNT_ID;
use truto_tests::chunked::{Body, Server, serve_each};
use truto_unified::calendar::EventCreate;
use truto_unified::prelude::*;
use truto_unified::{Account, Client, Error, RetryPolicy};

const PAGE: &str = r#"{"result":[{"id":"u_1","name":"Ada"}],"next_cursor":null}"#;
const EVENT: &str = r#"{"id":"ev1","title":"Standup","start_time":"2024-05-01T10:00:00Z"}"#;

fn account(server: &Server, retries: u32, timeout: Duration) -> Account {
    let backoff = Duration::from_millis(1);
    Client::builder()
        .token("test-token")
        .base_url(&server.url)
        .retry(RetryPolicy::default().with_max_retries(retries).with_backoff(backoff, backoff))
        .timeout(Some(timeout))
        .build()
        .unwrap()
        .account(ACCOUNT_ID)
}

fn attempts(server: &Server) -> usize {
    server.connections.load(Ordering::SeqCst)
}

#[tokio::test]
async fn a_body_that_breaks_off_is_retried() {
    let server = serve_each(vec![(200, Body::Truncated), (200, Body::Json(PAGE))]).await;
    let page = account(&server, 2, Duration::from_secs(10)).calendar().users().list().send().await.unwrap();
    assert_eq!(page.result[0].id, "u_1");
    assert_eq!(attempts(&server), 2);
}

#[tokio::test]
async fn a_body_that_breaks_off_is_a_retryable_transport_error() {
    let server = serve_each(vec![(200, Body::Truncated)]).await;
    let error = account(&server, 0, Duration::from_secs(10)).calendar().users().list().send().await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(error.is_retryable(), "the client retries it, so it says so: {error}");
    assert!(error.to_string().contains("the connection failed while the response was read"), "{error}");
}

#[tokio::test]
async fn a_body_that_stalls_is_retried() {
    let stall = Body::Trickle { chunks: 3, gap: Duration::from_millis(400) };
    let server = serve_each(vec![(200, stall), (200, Body::Json(PAGE))]).await;
    let page = account(&server, 1, Duration::from_millis(250)).calendar().users().list().send().await.unwrap();
    assert_eq!(page.result.len(), 1);
    assert_eq!(attempts(&server), 2);
}

#[tokio::test]
async fn a_stalled_body_without_retries_is_a_retryable_timeout() {
    let stall = Body::Trickle { chunks: 3, gap: Duration::from_millis(400) };
    let server = serve_each(vec![(200, stall)]).await;
    let error = account(&server, 0, Duration::from_millis(250)).calendar().users().list().send().await.unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(error.is_retryable());
}

#[tokio::test]
async fn a_post_without_an_idempotency_key_is_not_retried_after_its_body_broke_off() {
    let server = serve_each(vec![(201, Body::Truncated), (201, Body::Json(EVENT))]).await;
    let event = || EventCreate::new("Standup", "2024-05-01T10:00:00Z");
    let events = account(&server, 3, Duration::from_secs(10)).calendar().events();

    let error = events.create(event()).send().await.unwrap_err();
    assert!(error.is_retryable(), "retrying could help, but the server may have created it: {error}");
    assert_eq!(attempts(&server), 1, "a POST is not sent twice without an idempotency key");

    let created = events.create(event()).idempotency_key("k-1").send().await.unwrap();
    assert_eq!(created.id, "ev1");
}

#[tokio::test]
async fn an_error_status_keeps_its_status_when_its_body_breaks_off() {
    let server = serve_each(vec![(502, Body::Truncated)]).await;
    let error = account(&server, 0, Duration::from_secs(10)).calendar().users().list().send().await.unwrap_err();
    let Error::Api(api) = &error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!(api.status, 502);
    assert_eq!(api.raw_body, r#"{"result":[{"id":"u_1","name":"Ada"},{"i"#, "the 40 bytes that arrived are kept");
    assert!(api.body_problem.as_deref().is_some_and(|problem| problem.contains("connection failed")), "{api:?}");
    assert!(error.is_retryable());
}

#[tokio::test]
async fn a_5xx_whose_body_breaks_off_is_retried_as_its_status_says() {
    let server = serve_each(vec![(500, Body::Truncated), (200, Body::Json(PAGE))]).await;
    let page = account(&server, 1, Duration::from_secs(10)).calendar().users().list().send().await.unwrap();
    assert_eq!(page.result.len(), 1);
    assert_eq!(attempts(&server), 2);

    let server = serve_each(vec![(503, Body::Truncated), (200, Body::Json(PAGE))]).await;
    let error = account(&server, 3, Duration::from_secs(10)).calendar().users().list().send().await.unwrap_err();
    assert_eq!(error.status(), Some(503), "503 (account blocked) is never retried");
    assert_eq!(attempts(&server), 1);
}
