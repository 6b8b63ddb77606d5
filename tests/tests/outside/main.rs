//! Crates outside this workspace, built with Cargo the way a user's are: each test writes a small crate into
//! `target/tmp/`, builds it against this checkout's crates and checks what Cargo and rustc say. They share one
//! target directory (`target/tmp/outside-target/`), so the dependencies compile once for all of them and for
//! later runs.
//!
//! A test binary of its own: these tests run Cargo, not requests against a local server.

mod book;
mod feature_off;
mod shared_target;
mod support;
