//! One `tracing` span per attempt, carrying method, path, attempt and status, never the token.
//!
//! Alone in its own test binary: a thread-local subscriber (`set_default`) races with other tests' threads
//! over tracing's global callsite-interest cache, so sharing a binary would make this test flaky.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use truto_tests::wiremock::matchers::path;
use truto_tests::wiremock::{Mock, ResponseTemplate};
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::prelude::*;
use truto_unified::{Client, RetryPolicy};

/// Collects everything a `tracing` fmt subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn each_attempt_is_a_tracing_span_without_the_token() {
    let server = server().await;
    Mock::given(path(USERS_PATH)).respond_with(ResponseTemplate::new(502)).up_to_n_times(1).mount(&server).await;
    let page = list_body(serde_json::json!([user("u_1", "One")]), None);
    Mock::given(path(USERS_PATH)).respond_with(ResponseTemplate::new(200).set_body_json(page)).mount(&server).await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let policy =
        RetryPolicy::default().with_max_retries(1).with_backoff(Duration::from_millis(1), Duration::from_millis(1));
    let client = Client::builder().token("secret-token-123").base_url(server.uri()).retry(policy).build().unwrap();

    client.account(ACCOUNT_ID).calendar().users().list().limit(5).send().await.unwrap();

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let spans: Vec<&str> =
        log.lines().filter(|line| line.contains("truto_request") && line.contains("close")).collect();
    assert_eq!(spans.len(), 2, "{log}");
    assert!(spans[0].contains("method=GET") && spans[0].contains("path=/unified/calendar/users"), "{log}");
    assert!(spans[0].contains("attempt=1") && spans[0].contains("status=502"), "{log}");
    assert!(spans[1].contains("attempt=2") && spans[1].contains("status=200"), "{log}");
    assert!(log.contains("retrying"), "{log}");
    assert!(!log.contains("secret-token-123"), "the token leaked into traces:\n{log}");
}
