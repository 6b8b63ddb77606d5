//! An offline Truto for tests: a stateful fake of Truto's unified API on 127.0.0.1, seeded with typed records,
//! that answers like Truto (envelopes, cursors, errors, rate-limit headers) and fails on demand.
//!
//! Add it as a dev-dependency next to `truto-unified`; normal builds never compile it.
//!
//! ```no_run
//! use truto_unified_fake::{Fault, FakeTruto};
//! use truto_unified_fake::seed::SeedResource;
//!
//! # async fn demo() -> Result<(), truto_unified_runtime::Error> {
//! let fake = FakeTruto::start().await;
//! let account = fake.account("acct-1");
//! // With generated seeding accessors: account.user_directory().users().insert_many(…)
//! let users = SeedResource::<_, serde_json::Value>::new(account.clone(), "/unified/user-directory/users");
//! users.insert_many((0..250).map(|n| serde_json::json!({"id": format!("u{n}"), "name": format!("User {n}")})));
//!
//! fake.fail_next(1, Fault::rate_limited(0)); // the next request answers 429 with Retry-After: 0
//! let client = fake.client();                // token and base URL of the fake
//! let page = client.account("acct-1").unified("user-directory", "users").list().send().await?;
//! assert_eq!(page.result.len(), 25);
//! assert_eq!(fake.requests().len(), 2);      // the 429, then the retry
//! # Ok(()) }
//! ```
//!
//! # What it does, and the choices made where Truto's documentation is silent
//!
//! - **Auth**: every `/unified/…` request needs `Authorization: Bearer <token>` with the fake's token
//!   ([`DEFAULT_TOKEN`] unless [`FakeBuilder::token`]); otherwise 401. Integrated-account tokens are not modelled.
//! - **Accounts**: `integrated_account_id` is required on every call (missing: 400); an id the fake does not have
//!   answers 404. Accounts exist once a test calls [`FakeTruto::account`] (or a seed file names them).
//! - **Resources**: without a [`Spec`] every `/unified/{api}/{resource}` is served with every method; with one,
//!   a resource it lacks answers 404 unless a test seeded it, and so does a method its resource lacks.
//! - **list**: records in the order they were added. `limit` (a positive integer, else 400) defaults to
//!   [`DEFAULT_PAGE_SIZE`] (25, the page size Truto's CLI shows; no maximum); `truto_ignore_limit=true` uses the
//!   default. `next_cursor` is an opaque cursor naming a position, so records added or deleted between pages do
//!   not shift the others; it is `null` on the last page (also when the last page is full), and a cursor the
//!   resource did not give out answers 400. `prev_cursor` (`null` on the first page) is passed back as
//!   `next_cursor`, the way Truto takes every cursor. `result_count` counts the page; `is_partial_response` is
//!   `false`. Resource-specific query parameters (filters, search terms) are recorded, not applied.
//! - **truto_key_by**: `result` becomes an object keyed by that field's value as text; records without the field
//!   are left out.
//! - **get** answers the record; **create** (`POST`) keeps a given `id` (409 if taken) or gives one (`fake-<n>`)
//!   and answers the record with 201; **update** (`PATCH`) merges the body's top-level fields into the record
//!   (`null` stores `null`; `id` never changes) and answers it; **delete** answers `{"id": …}`. Update and delete
//!   also take the id from the body when the path has none, as some integrations do. An unknown id answers 404
//!   as an integration error (`truto_is_remote_error: true` with a `raw_response`).
//! - **Custom methods** (`POST {resource}/{method}`) answer `{"result": …}` with the result a test configured
//!   ([`SeedResource::custom_result`](seed::SeedResource::custom_result)); without one, 404 saying so.
//!   `GET {resource}/meta/{method}` answers what the spec says the method requires, by integration.
//! - **Shaping**: `truto_exclude_fields` (`[]`, indexed or comma-separated; dotted paths reach nested fields)
//!   and `truto_ignore_remote_data` remove fields; `truto_response_format=raw` answers each record's
//!   `remote_data` (the record itself when it has none) inside the usual envelope; `normalized` and `stream`
//!   answer the unified records; any other format is a 400. `remote_query[…]` is recorded
//!   ([`RecordedRequest::remote_query`]) and otherwise ignored, as an integration's own parameters would be.
//! - **Required parameters**: for an account bound to an integration ([`FakeAccount::with_integration`]), a
//!   request lacking a query parameter or body field the spec says that integration requires answers 400 as an
//!   integration error, with `truto_error_insight.missing_required_query_parameters` /
//!   `missing_required_body_fields` as `{description, value: [names]}`.
//! - **Idempotency-Key** on a POST, PATCH or DELETE: a repeated key answers the first success again without
//!   repeating the change.
//! - **Rate limits**: every answer carries `ratelimit-limit`, `ratelimit-remaining` and `ratelimit-reset`
//!   (Truto's 50 requests per 10 s per account); the limit is enforced (429 with `Retry-After`) only with
//!   [`FakeBuilder::enforce_rate_limit`].
//! - **Errors** are Truto's body `{statusCode, error, message}` (`error` the status name), plus
//!   `truto_is_remote_error`, `raw_response` and `truto_error_insight` where an integration is to blame. No
//!   request, however malformed, panics the fake.
//!
//! # Faults and the request log
//!
//! [`FakeTruto::fail_next`] and [`FakeTruto::inject`] with a [`FaultRule`] make answers go wrong on purpose:
//! 429 with `Retry-After`, any error status, a late answer or body, a body cut short of its `Content-Length`, a
//! reset connection, or a malformed record inside a valid page ([`Fault`]). Every request is recorded
//! ([`FakeTruto::requests`]): method, path, query pairs, headers with the token redacted, body, the status
//! answered and the fault injected. Clients outside Rust read the log at `GET /_fake/requests`.

// docs.rs builds with `--cfg docsrs` on nightly: each item gated by a feature says which.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

mod account;
mod admin;
mod body;
mod connection;
mod cursor;
mod errors;
mod faults;
mod handler;
mod list;
mod log;
mod methods;
mod ratelimit;
mod reply;
mod request;
mod routing;
mod seed_file;
mod server;
mod shape;
pub mod spec;
mod store;
mod truto;
mod validation;

pub use account::FakeAccount;
pub use faults::{Fault, FaultRule};
pub use list::DEFAULT_PAGE_SIZE;
pub use log::{MAX_RECORDED, RecordedRequest};
pub use ratelimit::{DEFAULT_RATE_LIMIT, DEFAULT_RATE_WINDOW};
pub use seed_file::{SeedAccount, SeedFile};
pub use server::{DEFAULT_MAX_BODY_BYTES, DEFAULT_TOKEN, FakeBuilder, FakeTruto};
pub use spec::Spec;

/// Typed seeding, from the runtime: [`Seeder`](seed::Seeder) (implemented by [`FakeAccount`]) and
/// [`SeedResource`](seed::SeedResource).
pub mod seed {
    pub use truto_unified_runtime::seed::{SeedError, SeedResource, Seeder};
}
