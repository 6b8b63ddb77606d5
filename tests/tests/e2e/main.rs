//! End-to-end tests of truto-unified against local servers on 127.0.0.1, one module per unified API or
//! concern.
//!
//! One test binary rather than one per file: each binary links reqwest, rustls, tokio and wiremock (about
//! 100 MB with debug info), so twenty binaries cost twenty links and two gigabytes of disk in every CI run.
//! `tracing.rs` stays a binary of its own (see its header).

mod adversarial;
mod body_limits;
mod calendar_contacts;
mod calendar_events;
mod calendar_users;
mod crm;
mod enums;
mod errors;
mod exercise;
mod file_storage;
mod hris;
mod imported;
mod instant_messaging;
mod lossless;
mod members;
mod network;
mod properties;
mod query_encoding;
mod readme;
mod retries;
mod ticketing;
mod untyped;
mod user_directory;
mod whole_attempt;

/// A file in this folder without its `mod` line above would never compile or run, silently.
#[test]
fn every_file_in_this_folder_is_a_module() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let declared = include_str!("main.rs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&folder).expect("tests/e2e is readable") {
        let path = entry.expect("a directory entry").path();
        let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) else { continue };
        if path.extension().is_some_and(|ext| ext == "rs")
            && stem != "main"
            && !declared.contains(&format!("\nmod {stem};"))
        {
            missing.push(stem.to_owned());
        }
    }
    assert!(missing.is_empty(), "add `mod` lines to tests/tests/e2e/main.rs for: {missing:?}");
}
