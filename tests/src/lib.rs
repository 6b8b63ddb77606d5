//! Shared helpers for the end-to-end tests of `truto-unified`: a local wiremock server, a client pointed at
//! it with retries off, JSON fixtures shaped like Truto's responses, and readers for what the server got; the
//! offline fake Truto for tests that need only a stateful server ([`fake`]).
//!
//! Every test talks only to a mock server on 127.0.0.1; nothing here reaches the internet.

pub mod adversarial;
pub mod chunked;
pub mod exercise;
pub mod fake;
pub mod imported;
pub mod random;

use serde_json::{Value, json};
use truto_unified::{Account, Client};
use wiremock::MockServer;

pub use wiremock;

/// The API token every test client sends.
pub const TOKEN: &str = "test-token";
/// The integrated account every test runs in.
pub const ACCOUNT_ID: &str = "acc-1";
/// Path of the calendar users resource.
pub const USERS_PATH: &str = "/unified/calendar/users";
/// Path of the user-directory users resource (which, unlike calendar users, Truto serves `get` for).
pub const DIRECTORY_USERS_PATH: &str = "/unified/user-directory/users";
/// Path of the instant-messaging members resource.
pub const MEMBERS_PATH: &str = "/unified/instant-messaging/members";

/// A fresh mock server on 127.0.0.1.
pub async fn server() -> MockServer {
    MockServer::start().await
}

/// A client for `server` with retries off, so failures surface at once.
pub fn client(server: &MockServer) -> Client {
    Client::builder().token(TOKEN).base_url(server.uri()).max_retries(0).build().expect("a valid test client")
}

/// The test account ([`ACCOUNT_ID`]) of a client for `server`.
pub fn account(server: &MockServer) -> Account {
    client(server).account(ACCOUNT_ID)
}

/// Every request the server received, in order.
pub async fn received(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.expect("request recording is on")
}

/// The decoded query pairs of a request, sorted so that comparisons ignore order but not multiplicity.
pub fn query_pairs(request: &wiremock::Request) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    pairs.sort();
    pairs
}

/// `expected` as owned pairs, sorted like [`query_pairs`].
pub fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> =
        expected.iter().map(|(key, value)| ((*key).to_owned(), (*value).to_owned())).collect();
    pairs.sort();
    pairs
}

/// Asserts that `request` was a GET of `path` with the test token and exactly the query `expected` (in any order;
/// the account id is added to `expected`).
pub fn assert_request(request: &wiremock::Request, path: &str, expected: &[(&str, &str)]) {
    assert_call(request, "GET", path, expected);
}

/// Asserts that `request` was `method` of `path` with the test token and exactly the query `expected` (in any
/// order; the account id is added to `expected`).
pub fn assert_call(request: &wiremock::Request, method: &str, path: &str, expected: &[(&str, &str)]) {
    assert_eq!(request.method.as_str(), method, "method of {}", request.url);
    assert_eq!(request.url.path(), path);
    let authorization = request.headers.get("authorization").and_then(|value| value.to_str().ok());
    assert_eq!(authorization, Some(format!("Bearer {TOKEN}").as_str()));
    let mut expected = expected.to_vec();
    expected.push(("integrated_account_id", ACCOUNT_ID));
    assert_eq!(query_pairs(request), pairs(&expected), "query of {}", request.url);
}

/// The JSON body a request carried (`Value::Null` when it had none).
pub fn body_of(request: &wiremock::Request) -> Value {
    if request.body.is_empty() { Value::Null } else { serde_json::from_slice(&request.body).expect("a JSON body") }
}

/// Makes `server` answer one `method` request to `path` with `status` and the JSON `body`.
pub async fn respond(server: &MockServer, method: &str, path: &str, status: u16, body: Value) {
    wiremock::Mock::given(wiremock::matchers::method(method))
        .and(wiremock::matchers::path(path))
        .respond_with(wiremock::ResponseTemplate::new(status).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

/// The one request `server` received.
pub async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut requests = received(server).await;
    assert_eq!(requests.len(), 1, "exactly one request");
    requests.remove(0)
}

/// A list envelope around `result`.
pub fn list_body(result: Value, next_cursor: Option<&str>) -> Value {
    let count = result.as_array().map_or(0, Vec::len);
    json!({
        "result": result,
        "next_cursor": next_cursor,
        "prev_cursor": null,
        "result_count": count,
        "is_partial_response": false,
    })
}

/// A calendar user with every kind of field: nested lists, an odd timestamp, `remote_data`, a status.
pub fn full_user() -> Value {
    json!({
        "id": "u_1",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "name": "Ada Lovelace",
        "username": "ada",
        "title": "Analyst",
        "status": "active",
        "languages": ["en-GB", "fr"],
        "emails": [
            {"email": "ada@example.com", "type": "work", "is_primary": true},
            {"email": "ada@home.example", "type": "personal", "is_primary": false}
        ],
        "phones": [{"number": "+44 20 7946 0000", "type": "mobile", "extension": "12"}],
        "roles": [{"id": "r_admin", "name": "Administrator", "workspace": "w_1"}],
        "created_at": "2024-05-01T10:00:00.000+02:00",
        "updated_at": "2024-05-02 11:30",
        "remote_data": {"id": "AAMkAD", "accountEnabled": true, "businessPhones": ["+44 20 7946 0000"]},
        "some_field_truto_added_later": {"x": 1}
    })
}

/// A minimal calendar user.
pub fn user(id: &str, name: &str) -> Value {
    json!({"id": id, "name": name, "status": "active"})
}

/// An instant-messaging member.
pub fn member(id: &str, name: &str) -> Value {
    json!({
        "id": id,
        "name": name,
        "type": "user",
        "status": "active",
        "emails": [{"email": format!("{id}@example.com"), "is_primary": true}],
        "workspaces": [{"id": "W1", "name": "Acme"}],
        "groups": [{"id": "G1", "organization": {"id": "O1", "name": "Acme Inc"}}]
    })
}

/// Truto's error body: `{statusCode, error, message, …}` plus `extra` fields merged in.
pub fn error_body(status: u16, error: &str, message: &str, extra: Value) -> Value {
    let mut body = json!({"statusCode": status, "error": error, "message": message});
    if let (Some(body), Value::Object(extra)) = (body.as_object_mut(), extra) {
        body.extend(extra);
    }
    body
}
