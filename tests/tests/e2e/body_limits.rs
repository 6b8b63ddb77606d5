//! A server sending endless bytes cannot exhaust the client's memory: every way of reading a body stops at
//! `max_body_bytes` with `Error::BodyTooLarge`, whether the body is chunked (no `Content-Length`) or
//! announces its size, for success and error statuses, single records, list pages, list streams and byte
//! streams. wiremock always sends a `Content-Length`, so these tests use [`truto_tests::chunked`], a tiny
//! HTTP server on 127.0.0.1 that streams chunks until the client hangs up (or a cap, so it always stops).

use std::sync::atomic::Ordering;
use std::time::Duration;

use futures::TryStreamExt;
use truto_tests::ACCOUNT_ID;
use truto_tests::chunked::{Body, CAP, Server, serve};
use truto_unified::prelude::*;
use truto_unified::{Account, Client, Error, RetryPolicy};

/// The limit the test clients use.
const LIMIT: usize = 64 * 1024;

fn account(server: &Server, retries: u32) -> Account {
    Client::builder()
        .token("test-token")
        .base_url(&server.url)
        .max_body_bytes(LIMIT)
        .retry(
            RetryPolicy::default()
                .with_max_retries(retries)
                .with_backoff(Duration::from_millis(1), Duration::from_millis(1)),
        )
        .timeout(Some(Duration::from_secs(30)))
        .build()
        .unwrap()
        .account(ACCOUNT_ID)
}

fn assert_too_large(error: &Error) {
    assert!(matches!(error, Error::BodyTooLarge { limit: LIMIT, .. }), "expected BodyTooLarge, got {error:?}");
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn an_endless_success_body_is_cut_at_the_limit() {
    let server = serve(200, Body::Endless).await;
    let account = account(&server, 0);
    assert_too_large(&account.calendar().users().list().send().await.unwrap_err());
    assert_too_large(&account.user_directory().users().get("u1").send().await.unwrap_err());
    assert_too_large(&account.calendar().users().list().raw().send().await.unwrap_err());
    assert_too_large(&account.user_directory().users().get("u1").raw().await.unwrap_err());
    // The client hung up long before the server's cap: it never read much past the limit.
    assert!(server.sent.load(Ordering::SeqCst) < CAP);
}

/// An error status whose body is too large keeps its status (and what was read of the body), and is
/// retried exactly when the status says so.
fn assert_error_status_kept(error: &Error, status: u16) {
    let Error::Api(api) = error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!(api.status, status);
    assert_eq!(api.raw_body.len(), LIMIT, "what fits under the limit is kept");
    let problem = api.body_problem.as_deref().expect("the body could not be read whole");
    assert!(problem.contains("larger than"), "{problem}");
    assert!(error.to_string().contains(&format!("HTTP {status}")), "{error}");
}

#[tokio::test]
async fn an_endless_error_body_is_cut_at_the_limit_and_keeps_its_status() {
    for (status, attempts) in [(400, 1), (429, 4), (500, 4), (503, 1)] {
        let server = serve(status, Body::Endless).await;
        let error = account(&server, 3).calendar().users().list().send().await.unwrap_err();
        assert_error_status_kept(&error, status);
        assert_eq!(error.is_retryable(), attempts > 1, "HTTP {status}");
        assert_eq!(server.connections.load(Ordering::SeqCst), attempts, "HTTP {status}: retried as its status says");
    }
}

#[tokio::test]
async fn list_streams_stop_at_the_limit() {
    let server = serve(200, Body::Endless).await;
    let account = account(&server, 0);
    let mut users = account.calendar().users().list().stream();
    assert_too_large(&users.try_next().await.unwrap_err());
    let mut pages = account.calendar().users().list().pages();
    assert_too_large(&pages.try_next().await.unwrap_err());
}

#[tokio::test]
async fn byte_streams_flow_but_collecting_them_stops_at_the_limit() {
    let server = serve(200, Body::Endless).await;
    let account = account(&server, 0);
    // Streaming reads past the limit: that is what a byte stream is for.
    let mut stream = account.calendar().users().list().byte_stream().await.unwrap();
    let mut read = 0;
    while read <= 4 * LIMIT {
        read += stream.try_next().await.unwrap().expect("the body goes on").len();
    }
    drop(stream);
    let stream = account.calendar().users().list().byte_stream().await.unwrap();
    assert_too_large(&stream.collect_bytes().await.unwrap_err());
}

#[tokio::test]
async fn an_announced_length_over_the_limit_is_refused_before_reading() {
    let server = serve(200, Body::Announced).await;
    assert_too_large(&account(&server, 0).calendar().users().list().send().await.unwrap_err());
    let server = serve(502, Body::Announced).await;
    let error = account(&server, 2).calendar().users().list().send().await.unwrap_err();
    let Error::Api(api) = &error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!((api.status, api.raw_body.as_str()), (502, ""), "nothing is read of an announced body over the limit");
    assert!(api.body_problem.is_some());
    assert_eq!(server.connections.load(Ordering::SeqCst), 3, "a 502 is retried, whatever its body");
}

#[tokio::test]
async fn a_body_of_exactly_the_limit_is_read() {
    let server = serve(200, Body::Exactly(LIMIT)).await;
    let page = account(&server, 0).calendar().users().list().send().await.expect("the limit is inclusive");
    assert!(page.result.is_empty());
    let server = serve(200, Body::Exactly(LIMIT + 1)).await;
    assert_too_large(&account(&server, 0).calendar().users().list().send().await.unwrap_err());
}
