//! The fake over HTTP, driven by the runtime's client (untyped) and by raw sockets.

use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use truto_unified_fake::seed::SeedResource;
use truto_unified_fake::spec::MethodKind;
use truto_unified_fake::{FakeAccount, FakeTruto, Fault, FaultRule, SeedFile, Spec};
use truto_unified_runtime::futures::TryStreamExt;
use truto_unified_runtime::{Client, Error, Method};

const USERS: &str = "/unified/user-directory/users";
const ACCOUNT: &str = "acct-1";

fn user(n: usize) -> Value {
    json!({"id": format!("u{n:03}"), "name": format!("User {n}"), "remote_data": {"raw_id": n}})
}

async fn fake_with_users(count: usize) -> (FakeTruto, FakeAccount) {
    let fake = FakeTruto::start().await;
    let account = fake.account(ACCOUNT);
    SeedResource::<_, Value>::new(account.clone(), USERS).insert_many((0..count).map(user));
    (fake, account)
}

/// A client that surfaces every failure at once.
fn no_retries(fake: &FakeTruto) -> Client {
    fake.client_builder().max_retries(0).build().unwrap()
}

fn users(client: &Client) -> truto_unified_runtime::Unified {
    client.account(ACCOUNT).unified("user-directory", "users")
}

fn api_error(error: Error) -> Box<truto_unified_runtime::ApiError> {
    match error {
        Error::Api(api) => api,
        other => panic!("expected an API error, got {other}"),
    }
}

/// Sends raw bytes and reads until the server closes: `(bytes read, how reading ended)`.
async fn raw_exchange(fake: &FakeTruto, request: &[u8]) -> (Vec<u8>, std::io::Result<()>) {
    let mut stream = TcpStream::connect(fake.addr()).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut received = Vec::new();
    let mut buffer = [0; 4096];
    loop {
        match tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer)).await {
            Ok(Ok(0)) => return (received, Ok(())),
            Ok(Ok(read)) => received.extend_from_slice(&buffer[..read]),
            Ok(Err(error)) => return (received, Err(error)),
            Err(_) => panic!("the fake neither answered nor closed: {}", String::from_utf8_lossy(&received)),
        }
    }
}

fn get_request(fake: &FakeTruto, target: &str) -> Vec<u8> {
    format!(
        "GET {target} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nConnection: close\r\n\r\n",
        fake.addr(),
        fake.token()
    )
    .into_bytes()
}

#[tokio::test]
async fn every_record_arrives_across_pages_in_order() {
    let (fake, _) = fake_with_users(60).await;
    let client = no_retries(&fake);
    let all: Vec<Value> = users(&client).list().query("limit", 25).stream().try_collect().await.unwrap();
    let ids: Vec<&str> = all.iter().map(|record| record["id"].as_str().unwrap()).collect();
    let expected: Vec<String> = (0..60).map(|n| format!("u{n:03}")).collect();
    assert_eq!(ids, expected);

    let requests = fake.requests();
    assert_eq!(requests.len(), 3, "60 records in pages of 25");
    assert!(requests.iter().all(|request| request.is("GET", USERS) && request.query_value("limit") == Some("25")));
    assert_eq!(requests[0].query_value("next_cursor"), None);
    assert!(requests[1].query_value("next_cursor").is_some() && requests[2].query_value("next_cursor").is_some());

    let first = users(&client).list().send().await.unwrap();
    assert_eq!((first.result.len(), first.result_count), (25, Some(25)), "the default page size");
    assert!(first.has_next() && first.prev_cursor.is_none());
}

#[tokio::test]
async fn writes_change_what_lists_and_gets_see() {
    let (fake, account) = fake_with_users(2).await;
    let client = no_retries(&fake);
    let created = users(&client).create(json!({"name": "New"})).send().await.unwrap();
    assert_eq!(created, json!({"id": "fake-1", "name": "New"}));
    let kept = users(&client).create(json!({"id": "mine", "name": "Mine"})).send().await.unwrap();
    assert_eq!(kept["id"], "mine");
    let conflict = api_error(users(&client).create(json!({"id": "mine"})).send().await.unwrap_err());
    assert_eq!((conflict.status, conflict.is_remote()), (409, true));

    let updated = users(&client).update("u000", json!({"title": "Boss", "name": "Renamed", "id": "x"})).send().await;
    assert_eq!(
        updated.unwrap(),
        json!({"id": "u000", "name": "Renamed", "title": "Boss", "remote_data": {"raw_id": 0}})
    );
    assert_eq!(users(&client).get("u000").send().await.unwrap()["title"], "Boss");

    let deleted = users(&client).delete("u001").send_delete().await.unwrap();
    assert_eq!(deleted.id, "u001");
    let gone = api_error(users(&client).get("u001").send().await.unwrap_err());
    let body = gone.body.as_ref().unwrap();
    assert_eq!((gone.status, body.error.as_deref()), (404, Some("Not Found")));
    assert_eq!(body.truto_is_remote_error, Some(true));
    assert_eq!(api_error(users(&client).delete("u001").send().await.unwrap_err()).status, 404);
    assert_eq!(api_error(users(&client).update("nope", json!({})).send().await.unwrap_err()).status, 404);

    let ids: Vec<String> =
        account.resource::<Value>(USERS).records_json().iter().map(|r| r["id"].to_string()).collect();
    assert_eq!(ids, [r#""u000""#, r#""fake-1""#, r#""mine""#]);
}

#[tokio::test]
async fn auth_and_account_errors_have_truto_bodies() {
    let fake = FakeTruto::start().await;
    fake.account(ACCOUNT);
    let http = plain_http();
    let url = |query: &str| format!("{}{USERS}{query}", fake.url());
    let answer = |request: truto_unified_runtime::reqwest::RequestBuilder| async move {
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, serde_json::from_slice::<Value>(&response.bytes().await.unwrap()).unwrap())
    };

    let (status, body) = answer(http.get(url("?integrated_account_id=acct-1"))).await;
    assert_eq!(status, 401);
    assert_eq!((body["statusCode"].clone(), body["error"].clone()), (json!(401), json!("Unauthorized")));
    let (status, _) = answer(http.get(url("?integrated_account_id=acct-1")).bearer_auth("wrong")).await;
    assert_eq!(status, 401);
    let (status, body) = answer(http.get(url("")).bearer_auth(fake.token())).await;
    assert_eq!((status, body["error"].clone()), (400, json!("Bad Request")));
    assert!(body["message"].as_str().unwrap().contains("integrated_account_id"), "{body}");
    let (status, body) = answer(http.get(url("?integrated_account_id=other")).bearer_auth(fake.token())).await;
    assert_eq!((status, body["message"].clone()), (404, json!("Integrated account \"other\" not found")));
    let (status, _) = answer(http.get(format!("{}/proxy/x", fake.url())).bearer_auth(fake.token())).await;
    assert_eq!(status, 404);
    let (status, _) = answer(http.get(url("?integrated_account_id=acct-1")).bearer_auth(fake.token())).await;
    assert_eq!(status, 200, "an account without records lists nothing");
}

#[tokio::test]
async fn key_by_exclusions_remote_data_and_formats() {
    let (fake, _) = fake_with_users(2).await;
    let client = no_retries(&fake);
    let keyed = users(&client).list().key_by("name").send().await.unwrap().result;
    assert_eq!(keyed.keys().collect::<Vec<_>>(), ["User 0", "User 1"]);

    let shaped = users(&client)
        .list()
        .query("truto_exclude_fields", json!(["name"]))
        .query("truto_ignore_remote_data", true)
        .send()
        .await
        .unwrap();
    assert_eq!(shaped.result[0], json!({"id": "u000"}));
    let raw = users(&client).get("u001").query("truto_response_format", "raw").send().await.unwrap();
    assert_eq!(raw, json!({"raw_id": 1}));
    let bad = users(&client).get("u001").query("truto_response_format", "xml").send().await.unwrap_err();
    assert_eq!(api_error(bad).status, 400);
}

fn contacts_spec() -> Spec {
    let mut spec = Spec::new();
    let contacts = spec.resource_mut("/unified/crm/contacts");
    contacts.add_method(MethodKind::List, "list");
    contacts
        .add_method(MethodKind::Create, "create")
        .require_query("workspace", ["highlevel"])
        .require_body("account", ["close", "highlevel"]);
    spec
}

#[tokio::test]
async fn the_accounts_integration_requires_what_the_spec_says() {
    let fake = FakeTruto::builder().spec(contacts_spec()).start().await.unwrap();
    fake.account("hl").with_integration("highlevel");
    fake.account("free");
    let client = fake.client_builder().max_retries(0).build().unwrap();
    let contacts = |account: &str| client.account(account).unified("crm", "contacts");

    let error = api_error(contacts("hl").create(json!({"first_name": "Ada"})).send().await.unwrap_err());
    assert_eq!((error.status, error.is_remote()), (400, true));
    let insight = error.body.as_ref().and_then(|body| body.truto_error_insight.as_ref()).unwrap();
    assert_eq!(insight.missing_required_query_parameters(), ["workspace"]);
    assert_eq!(insight.missing_required_body_fields(), ["account"]);

    let complete = contacts("hl").create(json!({"account": {"id": "a1"}})).query("workspace", json!({"id": "w1"}));
    assert!(complete.send().await.is_ok());
    assert!(contacts("free").create(json!({})).send().await.is_ok(), "no integration, no requirements");
    let update = api_error(contacts("free").update("fake-1", json!({})).send().await.unwrap_err());
    assert_eq!(update.status, 404, "the spec has no update for contacts");
    let elsewhere = api_error(client.account("free").unified("crm", "leads").list().send().await.unwrap_err());
    assert_eq!(elsewhere.status, 404, "the spec has no leads");
    let meta = contacts("free").meta("create").send().await.unwrap();
    assert_eq!(meta["required_body_fields"], json!({"close": ["account"], "highlevel": ["account"]}));
}

#[tokio::test]
async fn custom_methods_answer_configured_results() {
    let fake = FakeTruto::start().await;
    let accounts = fake.account(ACCOUNT).resource::<Value>("/unified/crm/accounts");
    accounts.custom_result("merge", json!({"id": "merged"}));
    let client = no_retries(&fake);
    let crm = client.account(ACCOUNT).unified("crm", "accounts");
    let result = crm.custom("merge", json!({"ids": ["a", "b"]})).send_result().await.unwrap();
    assert_eq!(result, json!({"id": "merged"}));
    assert_eq!(fake.requests()[0].json(), Some(json!({"ids": ["a", "b"]})));
    let unset = api_error(crm.custom("split", json!({})).send().await.unwrap_err());
    assert!(unset.message().unwrap().contains("custom_result"), "{unset}");
}

#[tokio::test]
async fn an_injected_429_is_retried_after_its_retry_after() {
    let (fake, _) = fake_with_users(3).await;
    fake.fail_next(1, Fault::rate_limited(0));
    let page = users(&fake.client()).list().send().await.unwrap();
    assert_eq!(page.result.len(), 3);
    let requests = fake.requests();
    assert_eq!(requests.iter().map(|request| request.status).collect::<Vec<_>>(), [Some(429), Some(200)]);
    assert_eq!(requests[0].fault.as_deref(), Some("RateLimited { retry_after: 0 }"));

    fake.fail_next(1, Fault::rate_limited(7));
    let (head, _) = raw_exchange(&fake, &get_request(&fake, &format!("{USERS}?integrated_account_id={ACCOUNT}"))).await;
    let head = String::from_utf8_lossy(&head).to_lowercase();
    assert!(head.starts_with("http/1.1 429") && head.contains("retry-after: 7\r\n"), "{head}");
    assert!(head.contains("\"rate_limit_error\""), "{head}");
}

#[tokio::test]
async fn status_faults_match_method_and_path_for_a_number_of_requests() {
    let (fake, _) = fake_with_users(1).await;
    fake.inject(FaultRule::new(Fault::Status(502)).method("GET").path_prefix(USERS).times(2));
    let client = no_retries(&fake);
    assert!(users(&client).create(json!({})).send().await.is_ok(), "a POST does not match");
    for _ in 0..2 {
        let error = api_error(users(&client).get("u000").send().await.unwrap_err());
        assert_eq!((error.status, error.message()), (502, Some("Injected fault: HTTP 502")));
    }
    assert!(users(&client).get("u000").send().await.is_ok(), "the rule is used up");
    fake.inject(FaultRule::new(Fault::Json { status: 422, body: json!({"custom": true}) }).always());
    for _ in 0..3 {
        assert_eq!(api_error(users(&client).list().send().await.unwrap_err()).raw_body, r#"{"custom":true}"#);
    }
    fake.clear_faults();
    assert!(users(&client).list().send().await.is_ok());
}

#[tokio::test]
async fn a_truncated_body_stops_short_of_its_content_length() {
    let (fake, _) = fake_with_users(5).await;
    fake.fail_next(1, Fault::TruncatedBody);
    let (answer, _) =
        raw_exchange(&fake, &get_request(&fake, &format!("{USERS}?integrated_account_id={ACCOUNT}"))).await;
    let text = String::from_utf8_lossy(&answer);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no head: {text:?}"));
    let length: usize = head
        .lines()
        .find_map(|line| line.to_lowercase().strip_prefix("content-length: ").map(str::to_owned))
        .unwrap()
        .parse()
        .unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(!body.is_empty() && body.len() < length, "{} of {length} bytes", body.len());

    fake.fail_next(1, Fault::TruncatedBody);
    let error = users(&no_retries(&fake)).list().send().await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error}");
    assert_eq!(fake.account(ACCOUNT).resource::<Value>(USERS).records_json().len(), 5);
}

#[tokio::test]
async fn a_reset_connection_answers_nothing_and_changes_nothing() {
    let (fake, account) = fake_with_users(1).await;
    fake.fail_next(1, Fault::ResetConnection);
    let (received, ended) =
        raw_exchange(&fake, &get_request(&fake, &format!("{USERS}?integrated_account_id={ACCOUNT}"))).await;
    assert!(received.is_empty(), "{}", String::from_utf8_lossy(&received));
    assert_eq!(ended.map_err(|error| error.kind()), Err(std::io::ErrorKind::ConnectionReset));

    fake.fail_next(1, Fault::ResetConnection);
    let error = users(&no_retries(&fake)).create(json!({"name": "lost"})).send().await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error}");
    assert_eq!(account.resource::<Value>(USERS).records_json().len(), 1, "the create was not carried out");
    assert_eq!(fake.requests().last().unwrap().status, None);
}

#[tokio::test]
async fn late_answers_and_slow_bodies_trip_client_timeouts() {
    let (fake, _) = fake_with_users(1).await;
    let client = fake.client_builder().max_retries(0).timeout(Some(Duration::from_millis(200))).build().unwrap();
    for fault in [Fault::Delay(Duration::from_secs(2)), Fault::SlowBody(Duration::from_secs(2))] {
        fake.fail_next(1, fault.clone());
        let error = users(&client).list().send().await.unwrap_err();
        assert!(matches!(error, Error::Timeout { .. }), "{fault:?}: {error}");
    }
    fake.fail_next(1, Fault::SlowBody(Duration::from_millis(20)));
    assert_eq!(users(&client).list().send().await.unwrap().result.len(), 1, "a short wait is only slow");
}

#[tokio::test]
async fn a_malformed_record_inside_an_otherwise_valid_page() {
    let (fake, _) = fake_with_users(3).await;
    let client = no_retries(&fake);
    fake.fail_next(1, Fault::MalformedRecord);
    let page = users(&client).list().send().await.unwrap();
    assert_eq!(page.result.len(), 4);
    assert_eq!((page.result[0].clone(), page.result_count), (json!({"id": {"malformed": true}}), Some(4)));
    assert_eq!(page.result[1]["id"], "u000");

    fake.fail_next(1, Fault::MalformedRecord);
    assert_eq!(users(&client).get("u002").send().await.unwrap(), json!({"id": {"malformed": true}}));
}

#[tokio::test]
async fn requests_are_recorded_with_the_token_redacted() {
    let (fake, _) = fake_with_users(1).await;
    let client = no_retries(&fake);
    users(&client)
        .list()
        .query("remote_query", json!({"foo": "bar", "filter": {"a": 1}}))
        .query("truto_exclude_fields", json!(["name"]))
        .send()
        .await
        .unwrap();
    users(&client).create(json!({"name": "Body"})).idempotency_key("k1").send().await.unwrap();
    let [list, create] = fake.requests().try_into().unwrap();
    assert_eq!(list.remote_query(), [("filter[a]".to_owned(), "1".to_owned()), ("foo".to_owned(), "bar".to_owned())]);
    assert_eq!(list.query_values("truto_exclude_fields[]"), ["name"]);
    assert_eq!(list.query_value("integrated_account_id"), Some(ACCOUNT));
    assert_eq!(list.header("authorization"), Some("Bearer [redacted]"));
    assert!(list.headers.iter().all(|(_, value)| !value.contains(fake.token())));
    assert_eq!((create.method.as_str(), create.json()), ("POST", Some(json!({"name": "Body"}))));
    assert_eq!((create.header("idempotency-key"), create.status), (Some("k1"), Some(201)));

    let http = plain_http();
    let log = http.get(format!("{}/_fake/requests", fake.url())).send().await.unwrap().bytes().await.unwrap();
    let log: Value = serde_json::from_slice(&log).unwrap();
    assert_eq!(log["requests"][1]["body"], json!({"name": "Body"}));
    assert!(!log.to_string().contains(fake.token()));
    http.delete(format!("{}/_fake/requests", fake.url())).send().await.unwrap();
    assert!(fake.requests().is_empty(), "the admin endpoints are not recorded");
    fake.clear_requests();
}

#[tokio::test]
async fn idempotency_keys_replay_the_first_answer() {
    let (fake, account) = fake_with_users(0).await;
    let client = no_retries(&fake);
    let first = users(&client).create(json!({"name": "Once"})).idempotency_key("same").send().await.unwrap();
    let again = users(&client).create(json!({"name": "Twice"})).idempotency_key("same").send().await.unwrap();
    assert_eq!(first, again);
    assert_eq!(account.resource::<Value>(USERS).records_json().len(), 1);
}

#[tokio::test]
async fn rate_limit_headers_and_enforced_limits() {
    let fake = FakeTruto::builder().enforce_rate_limit(2, Duration::from_secs(60)).start().await.unwrap();
    fake.account(ACCOUNT);
    let client = no_retries(&fake);
    let page = users(&client).list().send().await.unwrap();
    let limits = page.rate_limit.unwrap();
    assert_eq!((limits.limit, limits.remaining), (Some(2), Some(1)));
    users(&client).list().send().await.unwrap();
    let refused = api_error(users(&client).list().send().await.unwrap_err());
    assert_eq!(refused.status, 429);
    assert!(refused.retry_after.is_some_and(|wait| wait <= Duration::from_secs(60)));
}

#[tokio::test]
async fn garbage_never_stops_the_fake() {
    let fake = FakeTruto::builder().max_body_bytes(1024).start().await.unwrap();
    fake.account(ACCOUNT);
    let (answer, _) = raw_exchange(&fake, b"\x00\xffnot http at all\r\n\r\n").await;
    assert!(answer.is_empty() || answer.starts_with(b"HTTP/1.1 400"), "{}", String::from_utf8_lossy(&answer));
    let huge = format!(
        "POST {USERS}?integrated_account_id={ACCOUNT} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\n\
         Content-Length: 4096\r\nConnection: close\r\n\r\n{}",
        fake.token(),
        "x".repeat(4096)
    );
    let (answer, _) = raw_exchange(&fake, huge.as_bytes()).await;
    assert!(answer.starts_with(b"HTTP/1.1 413"), "{}", String::from_utf8_lossy(&answer));
    for target in [
        format!("/unified/a/b/%FF%FE?integrated_account_id={ACCOUNT}"),
        format!("/unified/a/b?integrated_account_id={ACCOUNT}&next_cursor=%00%FF"),
        format!("/unified/a/b?integrated_account_id={ACCOUNT}&limit=99999999999999999999999"),
        "/unified/a/b?integrated_account_id=%FF".to_owned(),
        format!("/{}", "a/".repeat(2000)),
    ] {
        let (answer, _) = raw_exchange(&fake, &get_request(&fake, &target)).await;
        let status = String::from_utf8_lossy(&answer[..answer.len().min(12)]).into_owned();
        assert!(status.starts_with("HTTP/1.1 4"), "{target}: {status}");
    }
    let client = no_retries(&fake);
    let bad_json = users(&client).create(json!("text")).send();
    assert_eq!(api_error(bad_json.await.unwrap_err()).status, 400);
    assert!(users(&client).list().send().await.is_ok(), "the fake still answers");
}

#[tokio::test]
async fn seed_files_fill_the_fake() {
    let fake = FakeTruto::start().await;
    let seed = SeedFile::from_json(
        r#"{"accounts": {
            "a": {"integration": "close", "records": {"/unified/crm/contacts": [{"id": "c1"}, {"name": "no id"}]},
                  "custom_results": {"/unified/crm/accounts": {"merge": {"ok": true}}}},
            "b": {}
        }}"#,
    )
    .unwrap();
    fake.load_seed(&seed).unwrap();
    assert_eq!(fake.accounts(), ["a", "b"]);
    assert_eq!(fake.account("a").integration().as_deref(), Some("close"));
    let client = no_retries(&fake);
    let contacts = client.account("a").unified("crm", "contacts").list().send().await.unwrap();
    assert_eq!(contacts.result, [json!({"id": "c1"}), json!({"id": "fake-1", "name": "no id"})]);
    let merged = client.account("a").unified("crm", "accounts").custom("merge", json!({})).send_result().await;
    assert_eq!(merged.unwrap(), json!({"ok": true}));

    let bad = SeedFile::from_json(r#"{"accounts": {"a": {"records": {"crm/contacts": [{}]}}}}"#).unwrap();
    let error = fake.load_seed(&bad).unwrap_err();
    assert!(error.message.contains("is not a resource path"), "{error}");
}

/// A deterministic pseudo-random sequence (xorshift), so a failure is reproducible.
struct Choices(u64);

impl Choices {
    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        &from[(self.0 % from.len() as u64) as usize]
    }
}

#[tokio::test]
async fn random_requests_always_get_an_answer_in_trutos_shape() {
    let (fake, _) = fake_with_users(30).await;
    fake.account("bound").with_integration("highlevel");
    let http = plain_http();
    let methods = ["GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS"];
    let paths = [
        USERS,
        "/unified/user-directory/users/u001",
        "/unified/user-directory/users/meta/list",
        "/unified/x/y/merge",
        "/unified/a%2F/b",
        "/unified/%E2%82%AC/x/y%20z",
        "/unified",
        "/",
        "/_fake/nope",
    ];
    let queries = [
        "",
        "integrated_account_id=acct-1",
        "integrated_account_id=bound",
        "integrated_account_id=",
        "limit=0",
        "limit=3",
        "next_cursor=abc",
        "truto_key_by=id",
        "truto_key_by=",
        "truto_exclude_fields[]=",
        "truto_response_format=raw",
        "truto_response_format=zip",
        "remote_query[a][b][]=c",
        "truto_ignore_limit=1",
    ];
    let bodies = ["", "{}", "[1]", "nope", r#"{"id":{}}"#, "null", r#"{"id":"u002","name":null}"#, "\u{0}"];
    let mut choices = Choices(0x5eed);
    for _ in 0..300 {
        let method = Method::from_bytes(choices.pick(&methods).as_bytes()).unwrap();
        let query = [*choices.pick(&queries), *choices.pick(&queries), *choices.pick(&queries)].join("&");
        let url = format!("{}{}?{query}", fake.url(), choices.pick(&paths));
        let mut request = http.request(method.clone(), &url).body(*choices.pick(&bodies));
        if *choices.pick(&[true, true, false]) {
            request = request.bearer_auth(fake.token());
        }
        let answer = request.send().await.unwrap_or_else(|error| panic!("{method} {url}: {error}"));
        let status = answer.status().as_u16();
        let body = answer.bytes().await.unwrap();
        if method != Method::HEAD && status >= 400 {
            let body: Value = serde_json::from_slice(&body).unwrap_or_else(|_| panic!("{method} {url}: {body:?}"));
            assert_eq!(body["statusCode"], status, "{method} {url}: {body}");
            assert!(body["error"].is_string() && body["message"].is_string(), "{method} {url}: {body}");
        }
    }
    assert!(users(&no_retries(&fake)).list().send().await.is_ok(), "the fake still answers");
}

/// A reqwest client of the test's own (rustls needs its crypto provider installed before one is built).
fn plain_http() -> truto_unified_runtime::reqwest::Client {
    truto_unified_runtime::tls::install_default_provider().unwrap();
    truto_unified_runtime::reqwest::Client::new()
}
