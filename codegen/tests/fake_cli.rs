//! `truto-codegen fake`: a fake Truto typed by the schema folder and seeded from a JSON file.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

/// The fixture schema of this package: CRM contacts (HighLevel requires `workspace` on create) and calendar
/// users (no update).
const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cli");

/// The fake, killed when the test ends however it ends.
struct Fake(Child);

impl Drop for Fake {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn command(seed: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_truto-codegen"));
    command.args(["fake", "--schema", SCHEMA, "--port", "0", "--token", "t0k", "--seed"]).arg(seed);
    command
}

/// Sends one request and returns the whole answer.
fn exchange(address: &str, method: &str, target: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer t0k\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn the_fake_serves_the_seed_file_with_the_schemas_requirements() {
    let folder = tempfile::tempdir().unwrap();
    let seed = folder.path().join("seed.json");
    let records = r#"{"accounts": {"hl": {"integration": "highlevel",
        "records": {"/unified/crm/contacts": [{"id": "c1", "first_name": "Ada"}]}}}}"#;
    std::fs::write(&seed, records).unwrap();
    let mut child = command(&seed).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let fake = Fake(child);
    let mut lines = BufReader::new(stdout).lines();
    let url = lines.next().expect("the URL comes first").unwrap();
    let address = url.strip_prefix("http://").unwrap_or_else(|| panic!("not a URL: {url}")).to_owned();
    assert!(lines.next().unwrap().unwrap().contains("Bearer t0k"));

    let list = exchange(&address, "GET", "/unified/crm/contacts?integrated_account_id=hl", "");
    assert!(list.starts_with("HTTP/1.1 200"), "{list}");
    assert!(list.contains(r#""result":[{"first_name":"Ada","id":"c1"}]"#), "{list}");
    let create = exchange(&address, "POST", "/unified/crm/contacts?integrated_account_id=hl", "{}");
    assert!(create.starts_with("HTTP/1.1 400"), "{create}");
    assert!(create.contains(r#""missing_required_query_parameters""#) && create.contains("workspace"), "{create}");
    let update = exchange(&address, "PATCH", "/unified/calendar/users/u1?integrated_account_id=hl", "{}");
    assert!(update.starts_with("HTTP/1.1 404"), "calendar users have no update: {update}");
    let log = exchange(&address, "GET", "/_fake/requests", "");
    assert!(log.contains(r#""path":"/unified/crm/contacts""#) && !log.contains("t0k"), "{log}");
    drop(fake);
}

#[test]
fn a_bad_seed_file_is_reported_before_serving() {
    let folder = tempfile::tempdir().unwrap();
    let seed = folder.path().join("seed.json");
    std::fs::write(&seed, r#"{"accounts": {"a": {"records": {"/unified/crm/contacts": [1]}}}}"#).unwrap();
    let output = command(&seed).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("seed file: accounts.a: /unified/crm/contacts: record 0 is not a JSON object"), "{stderr}");
    let missing = command(&folder.path().join("none.json")).output().unwrap();
    assert!(String::from_utf8_lossy(&missing.stderr).contains("none.json"), "{missing:?}");
}
