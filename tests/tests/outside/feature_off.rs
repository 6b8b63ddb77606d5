//! Calling a unified API whose Cargo feature is off fails to compile with a message naming the feature, not
//! with a bare "no method named `crm`" (rustc's E0599).

use super::support::{cargo, fresh_dir, outside_this_workspace, stderr, write_crate};

const MAIN: &str = r#"use truto_unified::prelude::*;

fn main() {
    let client = truto_unified::Client::new("token").unwrap();
    let account = client.account("acct-1");
    let _calendar = account.calendar(); // on
    let _crm = account.crm(); // off
}
"#;

#[test]
fn calling_an_api_whose_feature_is_off_names_the_feature_to_enable() {
    let manifest = r#"[package]
name = "feature-off"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
truto-unified = { version = "0.1", default-features = false, features = ["calendar", "rustls-ring"] }
"#;
    let dir = fresh_dir("feature-off");
    let manifest = format!("{manifest}{}", outside_this_workspace(&["truto-unified"]));
    write_crate(&dir, &[("Cargo.toml", manifest), ("src/main.rs", MAIN.to_owned())]);
    let output = cargo(&dir, &["build"]);
    let stderr = stderr(&output);
    assert!(!output.status.success(), "calling crm() compiled without the crm feature:\n{stderr}");
    for expected in [
        "error[E0277]: the CRM unified API is not compiled: the `crm` feature of truto-unified is off",
        "`crm()` needs the `crm` feature",
        r#"= note: enable it in Cargo.toml: truto-unified = { version = "…", features = ["crm"] }"#,
        "src/main.rs:7:",
    ] {
        assert!(stderr.contains(expected), "expected {expected:?} in:\n{stderr}");
    }
    // The call on, and no other error.
    assert_eq!(stderr.matches("error[").count(), 1, "{stderr}");
}
