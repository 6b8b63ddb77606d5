//! Retries, timeouts, body limits and rate-limit headers end to end, with millisecond waits only.

use std::time::Duration;

use serde_json::json;
use truto_tests::wiremock::matchers::path;
use truto_tests::wiremock::{Mock, MockServer, ResponseTemplate};
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::prelude::*;
use truto_unified::{Client, Error, RetryPolicy};

/// A client for `server` retrying up to `retries` times after 1–2 ms.
fn retrying_client(server: &MockServer, retries: u32) -> Client {
    let policy = RetryPolicy::default()
        .with_max_retries(retries)
        .with_backoff(Duration::from_millis(1), Duration::from_millis(2))
        .with_max_retry_after(Duration::from_secs(5));
    Client::builder().token(TOKEN).base_url(server.uri()).retry(policy).build().unwrap()
}

#[tokio::test]
async fn a_bad_gateway_is_retried_until_it_succeeds() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(ResponseTemplate::new(502).set_body_string("bad gateway"))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(path(USERS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_body(json!([user("u_1", "One")]), None)))
        .expect(1)
        .mount(&server)
        .await;

    let page = retrying_client(&server, 2).account(ACCOUNT_ID).calendar().users().list().send().await.unwrap();

    assert_eq!(page.result[0].id, "u_1");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_request(request, USERS_PATH, &[]);
    }
}

#[tokio::test]
async fn retries_give_up_with_the_last_error() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0").set_body_json(error_body(
            429,
            "Too Many Requests",
            "slow down",
            json!({}),
        )))
        .expect(3)
        .mount(&server)
        .await;

    let error = retrying_client(&server, 2).account(ACCOUNT_ID).calendar().users().list().send().await.unwrap_err();

    let api = error.api().unwrap();
    assert_eq!((api.status, api.message()), (429, Some("slow down")));
    assert_eq!(api.retry_after, Some(Duration::ZERO));
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(ResponseTemplate::new(404).set_body_json(error_body(404, "Not Found", "no such user", json!({}))))
        .expect(1)
        .mount(&server)
        .await;

    let error = retrying_client(&server, 3).account(ACCOUNT_ID).calendar().users().list().send().await.unwrap_err();

    assert_eq!(error.status(), Some(404));
}

#[tokio::test]
async fn a_long_retry_after_is_not_waited_for() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .expect(1)
        .mount(&server)
        .await;

    let error = retrying_client(&server, 3).account(ACCOUNT_ID).calendar().users().list().send().await.unwrap_err();

    assert_eq!(error.api().unwrap().retry_after, Some(Duration::from_secs(3600)));
}

#[tokio::test]
async fn a_slow_answer_times_out() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(list_body(json!([]), None)).set_delay(Duration::from_millis(500)),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .max_retries(0)
        .timeout(Some(Duration::from_millis(50)))
        .build()
        .unwrap();

    let error = client.account(ACCOUNT_ID).calendar().users().list().send().await.unwrap_err();

    let Error::Timeout { path, after, .. } = &error else { panic!("expected Error::Timeout, got {error:?}") };
    assert_eq!((path.as_str(), *after), (USERS_PATH, Duration::from_millis(50)));
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_body(json!([full_user()]), None)))
        .mount(&server)
        .await;
    let client =
        Client::builder().token(TOKEN).base_url(server.uri()).max_retries(0).max_body_bytes(64).build().unwrap();

    let error = client.account(ACCOUNT_ID).calendar().users().list().send().await.unwrap_err();

    assert!(matches!(error, Error::BodyTooLarge { limit: 64, .. }), "{error:?}");
}

#[tokio::test]
async fn rate_limit_headers_reach_the_page() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("ratelimit-limit", "500")
                .insert_header("ratelimit-remaining", "499")
                .insert_header("ratelimit-reset", "10")
                .set_body_json(list_body(json!([]), None)),
        )
        .mount(&server)
        .await;

    let page = account(&server).calendar().users().list().send().await.unwrap();

    let rate_limit = page.rate_limit.unwrap();
    assert_eq!(
        (rate_limit.limit, rate_limit.remaining, rate_limit.reset),
        (Some(500), Some(499), Some(Duration::from_secs(10)))
    );
}
