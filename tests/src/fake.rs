//! The offline Truto (`truto-unified-fake`) for the end-to-end tests that need only a stateful server: records go
//! in through the generated typed seeding, the fake knows the schema (`truto_unified::SPEC`), and every request is
//! recorded for assertions. Tests that pin exact bytes or transport behaviour keep wiremock.

use truto_unified::Account;
pub use truto_unified_fake::{FakeAccount, FakeTruto, RecordedRequest};

use crate::{ACCOUNT_ID, TOKEN, pairs};

/// A fake Truto on 127.0.0.1 serving the schema's resources, with the test token and the test account
/// ([`ACCOUNT_ID`], bound to no integration, so no integration's requirements apply).
pub async fn fake() -> FakeTruto {
    let fake = FakeTruto::builder().spec(truto_unified::SPEC).token(TOKEN).start().await.expect("the fake starts");
    fake.account(ACCOUNT_ID);
    fake
}

/// The fake's test account, for seeding it and reading what it holds.
pub fn seeded(fake: &FakeTruto) -> FakeAccount {
    fake.account(ACCOUNT_ID)
}

/// The test account of a client for `fake` with retries off, so failures surface at once.
pub fn fake_account(fake: &FakeTruto) -> Account {
    fake.client_builder().max_retries(0).build().expect("a valid test client").account(ACCOUNT_ID)
}

/// Asserts that `request` was `method` of `path`, sent with a token (redacted in the log; the fake answers 401
/// to a wrong one) and exactly the query `expected` (in any order; the account id is added to `expected`).
pub fn assert_recorded(request: &RecordedRequest, method: &str, path: &str, expected: &[(&str, &str)]) {
    assert_eq!((request.method.as_str(), request.path.as_str()), (method, path));
    assert_eq!(request.header("authorization"), Some("Bearer [redacted]"), "{method} {path}");
    assert_ne!(request.status, Some(401), "{method} {path}: the fake refused the token");
    let mut expected = expected.to_vec();
    expected.push(("integrated_account_id", ACCOUNT_ID));
    let mut query = request.query.clone();
    query.sort();
    assert_eq!(query, pairs(&expected), "query of {method} {path}");
}

/// The JSON body `request` carried (`Value::Null` when it had none).
pub fn recorded_body(request: &RecordedRequest) -> serde_json::Value {
    if request.body.is_empty() { serde_json::Value::Null } else { request.json().expect("a JSON body") }
}
