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
mod file_storage;
mod hris;
mod instant_messaging;
mod members;
mod network;
mod properties;
mod query_encoding;
mod retries;
mod ticketing;
mod untyped;
mod user_directory;
