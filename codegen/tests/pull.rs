//! `truto-codegen pull` end to end, against a local server on 127.0.0.1 serving the import fixtures the way
//! Truto serves an environment: two pages of unified models, each model by id, and the meta of every method
//! of every integration's mapping. The first request is rate limited (429 with `Retry-After`) and one meta
//! request fails with a 500 once: the runtime retries both. The token never leaves the `Authorization`
//! header: not in output, files or errors.

#[path = "support/tree.rs"]
mod tree;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const TOKEN: &str = "pull-test-token-s3cr3t-9f2c";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

fn fixture(relative: &str) -> Option<Value> {
    let text = std::fs::read_to_string(fixtures().join(relative)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Serves the fixtures by path, as Truto would; 401 without the token, 404 (Truto's error body) for a meta
/// response the fixtures do not have.
struct Truto;

impl Respond for Truto {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let authorized = request.headers.get("authorization").and_then(|value| value.to_str().ok())
            == Some(&format!("Bearer {TOKEN}"));
        let not_found = ResponseTemplate::new(404).set_body_json(json!({
            "statusCode": 404, "error": "Not Found", "message": "No such integration mapping"
        }));
        if !authorized {
            return ResponseTemplate::new(401).set_body_json(json!({"statusCode": 401, "error": "Unauthorized"}));
        }
        let segments: Vec<&str> = request.url.path().trim_start_matches('/').split('/').collect();
        let body = match segments.as_slice() {
            ["unified-model"] => match request.url.query_pairs().find(|(name, _)| name == "next_cursor") {
                None => fixture("unified-model/page-1.json"),
                Some((_, cursor)) if cursor == "cGFnZS0y" => fixture("unified-model/page-2.json"),
                Some(_) => None,
            },
            ["environment-unified-model"] => fixture("environment-unified-model/page-1.json"),
            ["unified-model", id] => ["crm", "awkward", "ticketing", "common"]
                .into_iter()
                .filter_map(|name| fixture(&format!("unified-model/{name}.json")))
                .find(|model| model["id"] == *id),
            ["unified", model, resource, integration, "meta", method] => {
                fixture(&format!("meta/{model}/{resource}/{integration}/{method}.json"))
            }
            _ => None,
        };
        match body {
            Some(body) => ResponseTemplate::new(200).set_body_json(body),
            None => not_found,
        }
    }
}

/// A server answering like Truto, with one 429 and one 500 in the way.
async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/unified-model"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1").set_body_json(json!({
            "statusCode": 429, "error": "Too Many Requests", "message": "Rate limit exceeded"
        })))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/unified/crm/contacts/hubspot/meta/list"))
        .respond_with(
            ResponseTemplate::new(500).set_body_json(json!({"statusCode": 500, "error": "Internal Server Error"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(Truto).with_priority(5).mount(&server).await;
    server
}

/// Runs `truto-codegen` with the token and the server's URL in the environment.
async fn run(server: &MockServer, token: &str, args: Vec<String>) -> Output {
    let uri = server.uri();
    let token = token.to_owned();
    tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_truto-codegen"))
            .args(args)
            .env("TRUTO_API_TOKEN", token)
            .env("TRUTO_BASE_URL", uri)
            .output()
            .expect("the binary runs")
    })
    .await
    .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    tree::files(dir).into_iter().map(|(relative, path)| (relative, std::fs::read(path).unwrap())).collect()
}

fn pull_args(out: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["pull".to_owned(), "--out".to_owned(), out.display().to_string()];
    args.extend(extra.iter().map(|arg| (*arg).to_owned()));
    args
}

#[tokio::test(flavor = "multi_thread")]
async fn pull_fetches_every_page_retries_and_imports_what_import_makes_of_the_same_json() {
    let server = server().await;
    let out = tempfile::tempdir().unwrap();
    let pulled = run(&server, TOKEN, pull_args(out.path(), &[])).await;
    let (stdout, stderr) = (text(&pulled.stdout), text(&pulled.stderr));
    assert!(pulled.status.success(), "{stdout}\n{stderr}");
    assert!(stderr.contains("pull: 4 unified models"), "progress on stderr: {stderr}");
    assert!(stderr.contains("meta 27/27"), "every meta request counted: {stderr}");
    assert!(stderr.contains("warning: meta/awkward/weird/zendesk/get.json: not fetched, left out: GET"), "{stderr}");
    assert!(stdout.contains("added    crm/contacts.yaml"), "{stdout}");
    let contacts = std::fs::read_to_string(out.path().join("crm/contacts.yaml")).unwrap();
    assert!(contacts.contains("environment-unified-model/page-1.json#/result/0"), "the header says so: {contacts}");
    assert!(
        contacts.contains("\n  tier:") && !contacts.contains("\n  birthday:"),
        "the override is merged: {contacts}"
    );

    let requests = server.received_requests().await.unwrap();
    let models: Vec<&Request> = requests.iter().filter(|request| request.url.path() == "/unified-model").collect();
    assert_eq!(models.len(), 3, "the 429 is retried, then both pages are fetched");
    assert_eq!(models[2].url.query(), Some("next_cursor=cGFnZS0y"));
    let retried = requests.iter().filter(|request| request.url.path() == "/unified/crm/contacts/hubspot/meta/list");
    assert_eq!(retried.count(), 2, "the 500 is retried");
    assert!(requests.iter().all(|request| !request.url.as_str().contains("integrated_account_id")));

    // What pull saved re-imports offline to the very same files, as the fixtures do.
    let saved = out.path().join(".truto/json");
    assert!(
        saved.join("unified-model/page-2.json").is_file()
            && saved.join("environment-unified-model/page-1.json").is_file()
            && saved.join("meta/crm/contacts/hubspot/list.json").is_file()
    );
    let (offline, direct) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    truto_codegen::import::import(&saved, offline.path()).unwrap().write().unwrap();
    truto_codegen::import::import(&fixtures(), direct.path()).unwrap().write().unwrap();
    let schema_files = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        files(dir).into_iter().filter(|(relative, _)| !relative.starts_with(".truto/json")).collect()
    };
    assert_eq!(schema_files(out.path()), schema_files(offline.path()));
    assert_eq!(schema_files(out.path()), schema_files(direct.path()));

    let check = run(&server, TOKEN, pull_args(out.path(), &["--check"])).await;
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    assert!(text(&check.stdout).contains("up to date"));

    for (relative, bytes) in files(out.path()) {
        assert!(!text(&bytes).contains(TOKEN), "the token is in {relative}");
    }
    for output in [&pulled, &check] {
        assert!(!text(&output.stdout).contains(TOKEN) && !text(&output.stderr).contains(TOKEN));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_that_may_not_read_the_overrides_imports_the_models_as_truto_defines_them() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/environment-unified-model"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"statusCode": 403, "error": "Forbidden"})))
        .with_priority(1)
        .mount(&server)
        .await;
    let out = tempfile::tempdir().unwrap();
    let pulled = run(&server, TOKEN, pull_args(out.path(), &[])).await;
    let stderr = text(&pulled.stderr);
    assert!(pulled.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: environment-unified-model/page-1.json: the environment's overrides are not fetched"),
        "{stderr}"
    );
    let contacts = std::fs::read_to_string(out.path().join("crm/contacts.yaml")).unwrap();
    assert!(!contacts.contains("\n  tier:") && contacts.contains("\n  birthday:"), "{contacts}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_token_fails_the_pull_without_showing_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/unified-model"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "statusCode": 401, "error": "Unauthorized", "message": format!("token {TOKEN} is not valid here")
        })))
        .mount(&server)
        .await;
    let out = tempfile::tempdir().unwrap();
    let failed = run(&server, TOKEN, pull_args(out.path(), &[])).await;
    assert_eq!(failed.status.code(), Some(1));
    let stderr = text(&failed.stderr);
    assert!(
        stderr.contains("error: pull failed: GET /unified-model: HTTP 401 Unauthorized: token [redacted]"),
        "{stderr}"
    );
    assert!(!stderr.contains(TOKEN) && !text(&failed.stdout).contains(TOKEN));
    assert!(files(out.path()).is_empty(), "nothing is written");
}

#[tokio::test(flavor = "multi_thread")]
async fn pull_without_a_token_says_which_variable_to_set() {
    let server = MockServer::start().await;
    let out = tempfile::tempdir().unwrap();
    let failed = run(&server, "", pull_args(out.path(), &[])).await;
    assert_eq!(failed.status.code(), Some(1));
    assert!(text(&failed.stderr).contains("TRUTO_API_TOKEN is not set"), "{}", text(&failed.stderr));
    assert!(server.received_requests().await.unwrap().is_empty());
}
