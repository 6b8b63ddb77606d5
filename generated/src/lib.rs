//! Typed Rust bindings for the [Truto](https://truto.one) unified API.
//!
//! Truto puts hundreds of SaaS products behind unified APIs: one REST path per resource, one data model
//! whatever the product behind it. This crate gives each unified resource typed models, typed query
//! parameters and request builders, generated at build time from the YAML schemas in `schema/`, on top of a
//! hand-written runtime (retries, pagination, errors).
//!
//! ```no_run
//! use truto_unified::prelude::*; // the unified API accessors and the stream extension traits
//!
//! # async fn demo() -> Result<(), truto_unified::Error> {
//! let client = truto_unified::Client::from_env()?; // TRUTO_API_TOKEN, optional TRUTO_BASE_URL
//! let account = client.account("62f44730-dd91-461e-bd6a-aedd9e0ad79d");
//!
//! // One page:
//! let page = account.calendar().users().list().limit(50).send().await?;
//! for user in &page.result {
//!     println!("{} {:?}", user.id, user.name);
//! }
//!
//! // Every user, one page in memory at a time:
//! let mut users = account.calendar().users().list().stream();
//! while let Some(user) = users.try_next().await? {
//!     println!("{}", user.id);
//! }
//!
//! // One user:
//! let user = account.user_directory().users().get("u_123").send().await?;
//! # let _ = user;
//! # Ok(()) }
//! ```
//!
//! Each unified API is a module and a Cargo feature named after its URL path segment (`calendar`, `crm`,
//! `file-storage`, `instant-messaging`, …). `full`, the default, enables all of them; with
//! `default-features = false, features = ["crm", "rustls-ring"]` only the CRM module is compiled, and calling
//! another API fails to compile with a message naming its feature. Types shared across APIs are in `common`,
//! each compiled with the APIs that use it.
//!
//! TLS is rustls with ring (`rustls-ring`, the default) or aws-lc-rs (`rustls-aws-lc-rs`) as its crypto
//! provider: see [`runtime::tls`].
//!
//! The runtime is the crate `truto-unified-runtime`, re-exported here as [`runtime`]: it compiles once, so a
//! schema change or one more unified API recompiles only the generated code.

// docs.rs builds with `--cfg docsrs` on nightly: each item gated by a feature says which.
#![cfg_attr(docsrs, feature(doc_cfg))]

// The generated code names the runtime by its public path, `::truto_unified::runtime`, exactly as bindings
// generated in another crate do; this makes that path resolve inside the crate too.
extern crate self as truto_unified;

pub use truto_unified_runtime as runtime;

include!(concat!(env!("OUT_DIR"), "/truto/mod.rs"));

pub use runtime::{Account, Client, ClientBuilder, Error, ListPage, Model, RetryPolicy};

/// What code using the bindings needs in scope: `account.calendar()` and friends ([`UnifiedApis`]), the
/// request builders' shared methods (`send`, `stream`, `limit`, `raw`, … from the runtime's request traits),
/// [`Model`] (`decode_issues()`, `unknown_fields()` on records), the stream extension
/// traits that consume `list().stream()` (`try_next`, `try_collect`, …), and in tests the typed seeding of a
/// fake server's accounts ([`UnifiedApisSeed`]: `fake.account("acct-1").calendar().users().insert(…)`).
pub mod prelude {
    pub use crate::UnifiedApis;
    pub use crate::UnifiedApisSeed;
    pub use crate::runtime::futures::{StreamExt, TryStreamExt};
    pub use crate::runtime::{
        CustomRequest, DeleteRequest, ListRequest, Model, RecordRequest, TrutoRequest, WriteRequest,
    };
}

/// The README's Rust examples, compiled as doc tests so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
