//! What the client tells `tracing`: one span per attempt, carrying method, path, attempt and status, never
//! the token; and a warning for every value that does not fit the schema and every record set aside.
//!
//! In a test binary of their own, one test at a time: a thread-local subscriber (`set_default`) races with
//! other tests' threads over tracing's global callsite-interest cache, so sharing a binary would make these
//! tests flaky.

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

/// Held by each test: one subscriber at a time.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

/// A subscriber writing everything at DEBUG and above (with span closings) into the returned buffer.
fn capture() -> (Captured, tracing::subscriber::DefaultGuard) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    (captured, tracing::subscriber::set_default(subscriber))
}

#[tokio::test]
async fn each_attempt_is_a_tracing_span_without_the_token() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = server().await;
    Mock::given(path(USERS_PATH)).respond_with(ResponseTemplate::new(502)).up_to_n_times(1).mount(&server).await;
    let page = list_body(serde_json::json!([user("u_1", "One")]), None);
    Mock::given(path(USERS_PATH)).respond_with(ResponseTemplate::new(200).set_body_json(page)).mount(&server).await;
    let (captured, _guard) = capture();
    let policy =
        RetryPolicy::default().with_max_retries(1).with_backoff(Duration::from_millis(1), Duration::from_millis(1));
    let client = Client::builder().token("secret-token-123").base_url(server.uri()).retry(policy).build().unwrap();

    client.account(ACCOUNT_ID).calendar().users().list().limit(5).send().await.unwrap();

    let log = captured.text();
    let spans: Vec<&str> =
        log.lines().filter(|line| line.contains("truto_request") && line.contains("close")).collect();
    assert_eq!(spans.len(), 2, "{log}");
    assert!(spans[0].contains("method=GET") && spans[0].contains("path=/unified/calendar/users"), "{log}");
    assert!(spans[0].contains("attempt=1") && spans[0].contains("status=502"), "{log}");
    assert!(spans[1].contains("attempt=2") && spans[1].contains("status=200"), "{log}");
    assert!(log.contains("retrying"), "{log}");
    assert!(!log.contains("secret-token-123"), "the token leaked into traces:\n{log}");
}

#[tokio::test]
async fn every_value_that_does_not_fit_and_every_record_set_aside_is_a_warning() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = server().await;
    let mut odd = user("u_1", "One");
    odd["title"] = serde_json::json!(42);
    odd["languages"] = serde_json::json!("en");
    let page = list_body(serde_json::json!([odd, 42, user("u_2", "Two")]), None);
    Mock::given(path(USERS_PATH)).respond_with(ResponseTemplate::new(200).set_body_json(page)).mount(&server).await;
    let (captured, _guard) = capture();
    let client = Client::builder().token("t").base_url(server.uri()).build().unwrap();

    let page = client.account(ACCOUNT_ID).calendar().users().list().send().await.unwrap();

    assert_eq!((page.result.len(), page.rejected().len()), (2, 1));
    let log = captured.text();
    let warnings: Vec<&str> = log.lines().filter(|line| line.contains("WARN")).collect();
    assert_eq!(warnings.len(), 3, "{log}");
    for (warning, json_path, expected, found) in [
        (warnings[0], "result[0].languages", "expected=an array", r#"found=the string "en""#),
        (warnings[1], "result[0].title", "expected=a string", "found=the number 42"),
    ] {
        assert!(warning.contains("a value does not fit the schema"), "{warning}");
        assert!(warning.contains("path=/unified/calendar/users"), "{warning}");
        assert!(warning.contains(&format!("json_path={json_path}")), "{warning}");
        assert!(warning.contains(expected) && warning.contains(found), "{warning}");
    }
    assert!(warnings[2].contains("a record cannot be read") && warnings[2].contains("index=1"), "{}", warnings[2]);
}
