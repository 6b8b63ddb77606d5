//! Network behaviour on a bad day: Retry-After (seconds and dates) on a paused clock, backoff without it,
//! a 5xx storm, statuses never retried, POST/PATCH retried only with an idempotency key, timeouts then
//! success, byte streams timed per chunk, redirects to another host, and a caller's own reqwest client.
//! (Tracing is in `tracing.rs`.)

use std::time::{Duration, SystemTime};

use futures::TryStreamExt;
use serde_json::json;
use tokio::time::Instant;
use truto_tests::wiremock::matchers::{header, method, path};
use truto_tests::wiremock::{Mock, MockServer, ResponseTemplate};
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::prelude::*;
use truto_unified::{Client, Error, RetryPolicy};

/// A client for tests on a paused clock: no timers of its own (no request or connect timeout) so that
/// tokio's auto-advance only ever jumps over the client's deliberate waits.
fn paused_clock_client(server: &MockServer, policy: RetryPolicy) -> Client {
    Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .http_client(reqwest_without_timers())
        .timeout(None)
        .retry(policy)
        .build()
        .unwrap()
}

fn reqwest_without_timers() -> truto_unified::runtime::reqwest::Client {
    // The caller's own reqwest client needs rustls's crypto provider installed first (README, "TLS").
    truto_unified::runtime::tls::install_default_provider().unwrap();
    truto_unified::runtime::reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap()
}

fn ok_page() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(list_body(json!([user("u_1", "One")]), None))
}

async fn mount_then_succeed(server: &MockServer, failure: ResponseTemplate, failures: u64) {
    Mock::given(path(USERS_PATH)).respond_with(failure).up_to_n_times(failures).expect(failures).mount(server).await;
    Mock::given(path(USERS_PATH)).respond_with(ok_page()).mount(server).await;
}

#[tokio::test(start_paused = true)]
async fn a_429_waits_for_retry_after_in_seconds() {
    let server = server().await;
    mount_then_succeed(&server, ResponseTemplate::new(429).insert_header("Retry-After", "10"), 1).await;
    let client = paused_clock_client(&server, RetryPolicy::default().with_max_retries(1));

    let started = Instant::now();
    let page = client.account(ACCOUNT_ID).calendar().users().list().send().await.unwrap();

    let waited = started.elapsed();
    assert_eq!(page.result.len(), 1);
    assert!(waited >= Duration::from_secs(10) && waited < Duration::from_secs(11), "waited {waited:?}");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_429_waits_for_retry_after_as_an_http_date() {
    let server = server().await;
    let at = httpdate(SystemTime::now() + Duration::from_secs(20));
    mount_then_succeed(&server, ResponseTemplate::new(429).insert_header("Retry-After", at.as_str()), 1).await;
    let client = paused_clock_client(&server, RetryPolicy::default().with_max_retries(1));

    let started = Instant::now();
    client.account(ACCOUNT_ID).calendar().users().list().send().await.unwrap();

    let waited = started.elapsed();
    // The date has one-second resolution and the wall clock moved on a little since it was written.
    assert!(waited >= Duration::from_secs(18) && waited <= Duration::from_secs(20), "waited {waited:?}");
}

#[tokio::test(start_paused = true)]
async fn a_429_without_retry_after_backs_off_exponentially_within_the_cap() {
    let server = server().await;
    mount_then_succeed(&server, ResponseTemplate::new(429), 3).await;
    let policy =
        RetryPolicy::default().with_max_retries(3).with_backoff(Duration::from_secs(1), Duration::from_secs(3));
    let client = paused_clock_client(&server, policy);

    let started = Instant::now();
    client.account(ACCOUNT_ID).calendar().users().list().send().await.unwrap();

    // Full jitter: at most 1 s, then 2 s, then 3 s (capped).
    let waited = started.elapsed();
    assert!(waited <= Duration::from_secs(6), "waited {waited:?}");
    assert_eq!(received(&server).await.len(), 4);
}

#[tokio::test(start_paused = true)]
async fn a_5xx_storm_exhausts_the_retry_limit() {
    let server = server().await;
    for status in [408, 425, 500, 502, 504] {
        Mock::given(path(USERS_PATH))
            .respond_with(ResponseTemplate::new(status).set_body_json(error_body(status, "Oops", "storm", json!({}))))
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = paused_clock_client(&server, RetryPolicy::default().with_max_retries(4));

    let error = client.account(ACCOUNT_ID).calendar().users().list().send().await.unwrap_err();

    assert_eq!(received(&server).await.len(), 5, "the first attempt and 4 retries, one per retryable status");
    assert!(error.is_retryable());
    assert_eq!(error.status(), Some(504), "the last answer is reported: {error}");
    assert_eq!(error.api().and_then(|api| api.message()), Some("storm"));
}

#[tokio::test(start_paused = true)]
async fn statuses_that_retrying_cannot_fix_are_answered_at_once() {
    for status in [400, 401, 403, 404, 405, 409, 422, 503] {
        let server = server().await;
        Mock::given(path(USERS_PATH)).respond_with(ResponseTemplate::new(status)).mount(&server).await;
        let client = paused_clock_client(&server, RetryPolicy::default().with_max_retries(3));

        let error = client.account(ACCOUNT_ID).calendar().users().list().send().await.unwrap_err();

        assert_eq!(error.status(), Some(status));
        assert!(!error.is_retryable(), "{status}");
        assert_eq!(received(&server).await.len(), 1, "{status} was retried");
    }
}

#[tokio::test(start_paused = true)]
async fn a_post_is_retried_only_with_an_idempotency_key() {
    let server = server().await;
    let contacts = "/unified/crm/contacts";
    Mock::given(method("POST")).and(path(contacts)).respond_with(ResponseTemplate::new(502)).mount(&server).await;
    let client = paused_clock_client(&server, RetryPolicy::default().with_max_retries(2));
    let resource = client.account(ACCOUNT_ID).unified("crm", "contacts");

    let error = resource.create(json!({"first_name": "Ada"})).send().await.unwrap_err();
    assert_eq!(error.status(), Some(502));
    assert_eq!(received(&server).await.len(), 1, "a POST without a key is sent once");

    let error = resource.create(json!({"first_name": "Ada"})).idempotency_key("key-1").send().await.unwrap_err();
    assert_eq!(error.status(), Some(502));
    let requests = received(&server).await;
    assert_eq!(requests.len(), 4, "with a key: the first attempt and 2 retries");
    for retried in &requests[1..] {
        assert_eq!(retried.headers.get("idempotency-key").unwrap(), "key-1");
        assert_eq!(retried.body_json::<serde_json::Value>().unwrap(), json!({"first_name": "Ada"}));
    }
}

#[tokio::test]
async fn a_timed_out_attempt_is_retried() {
    let server = server().await;
    let slow = ResponseTemplate::new(200).set_delay(Duration::from_millis(400));
    mount_then_succeed(&server, slow, 1).await;
    let policy =
        RetryPolicy::default().with_max_retries(1).with_backoff(Duration::from_millis(1), Duration::from_millis(1));
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .timeout(Some(Duration::from_millis(100)))
        .retry(policy)
        .build()
        .unwrap();

    let page = client.account(ACCOUNT_ID).calendar().users().list().send().await.unwrap();

    assert_eq!(page.result[0].id, "u_1");
}

/// A client on `url` with the given timeout and no retries.
fn client_with_timeout(url: &str, timeout: Duration) -> Client {
    Client::builder().token(TOKEN).base_url(url).timeout(Some(timeout)).max_retries(0).build().unwrap()
}

#[tokio::test]
async fn a_byte_stream_outlasts_the_timeout_while_bytes_keep_coming() {
    // 15 chunks 100 ms apart: 1.5 s in all, against a 1 s timeout.
    let server = chunked::serve(200, chunked::Body::Trickle { chunks: 15, gap: Duration::from_millis(100) }).await;
    let account = client_with_timeout(&server.url, Duration::from_secs(1)).account(ACCOUNT_ID);

    let bytes = account.calendar().users().list().byte_stream().await.unwrap().collect_bytes().await.unwrap();
    assert!(bytes.starts_with(br#"{"result":[]"#), "{}", String::from_utf8_lossy(&bytes));

    // A body read whole is still timed from sending to its last byte.
    let error = account.calendar().users().list().send().await.unwrap_err();
    assert!(matches!(error, Error::Timeout { after, .. } if after == Duration::from_secs(1)), "{error:?}");
}

#[tokio::test]
async fn a_stalled_byte_stream_times_out() {
    let server = chunked::serve(200, chunked::Body::Trickle { chunks: 2, gap: Duration::from_secs(2) }).await;
    let account = client_with_timeout(&server.url, Duration::from_millis(200)).account(ACCOUNT_ID);

    let mut stream = account.calendar().users().list().byte_stream().await.unwrap();
    let error = stream.try_next().await.unwrap_err();
    assert!(matches!(error, Error::Timeout { after, .. } if after == Duration::from_millis(200)), "{error:?}");
}

#[tokio::test]
async fn a_redirect_to_another_host_does_not_carry_the_token() {
    let other_host = server().await;
    Mock::given(path("/landing")).respond_with(ok_page()).mount(&other_host).await;
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", format!("{}/landing", other_host.uri())))
        .mount(&server)
        .await;

    let page = account(&server).calendar().users().list().send().await.unwrap();

    assert_eq!(page.result.len(), 1);
    let first = &received(&server).await[0];
    assert!(first.headers.get("authorization").is_some(), "the API host gets the token");
    let landed = &received(&other_host).await[0];
    assert_eq!(landed.headers.get("authorization"), None, "the token leaked to {}", other_host.uri());
}

#[tokio::test]
async fn a_callers_own_reqwest_client_is_used() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .and(header("x-proxy-tag", "corp"))
        .respond_with(ok_page())
        .expect(1)
        .mount(&server)
        .await;
    let mut headers = reqwest_header_map();
    headers.insert("x-proxy-tag", "corp".parse().unwrap());
    truto_unified::runtime::tls::install_default_provider().unwrap();
    let http = truto_unified::runtime::reqwest::Client::builder().default_headers(headers).build().unwrap();
    let client = Client::builder().token(TOKEN).base_url(server.uri()).http_client(http).build().unwrap();

    let page = client.account(ACCOUNT_ID).calendar().users().list().send().await.unwrap();

    assert_eq!(page.result.len(), 1);
}

fn reqwest_header_map() -> truto_unified::runtime::reqwest::header::HeaderMap {
    truto_unified::runtime::reqwest::header::HeaderMap::new()
}

/// `SystemTime` as an HTTP date (RFC 7231 IMF-fixdate).
fn httpdate(at: SystemTime) -> String {
    httpdate::fmt_http_date(at)
}

#[tokio::test]
async fn an_error_keeps_retry_after_when_not_retrying() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "10")
                .insert_header("ratelimit-remaining", "0")
                .set_body_json(error_body(429, "Too Many Requests", "Rate limit exceeded", json!({}))),
        )
        .mount(&server)
        .await;

    let error = account(&server).calendar().users().list().send().await.unwrap_err();

    let Error::Api(api) = &error else { panic!("{error:?}") };
    assert_eq!(api.retry_after, Some(Duration::from_secs(10)));
    assert_eq!(api.rate_limit.and_then(|limits| limits.remaining), Some(0));
    assert!(error.to_string().ends_with("Rate limit exceeded; retry after 10s"), "{error}");
}
