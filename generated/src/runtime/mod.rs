//! The hand-written runtime every generated binding calls: the client, requests, pagination, errors and
//! the value types models use.
//!
//! Generated code reaches it only through this module's public paths (`truto_unified::runtime::…`), so
//! bindings generated in another crate by `truto-codegen` work with it too.

mod client;
mod error;
mod page;
mod query;
mod request;
mod response;
mod retry;
pub mod serde_helpers;
mod types;
mod unified;

pub use client::{
    Account, BASE_URL_ENV, Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT,
    TOKEN_ENV,
};
pub use error::{ApiError, DecodeError, Error, ErrorInsight, TrutoErrorBody};
pub use page::{CURSOR_PARAM, Items, JsonList, KeyedList, KeyedPage, ListPage, Page, Pages};
pub use query::to_json;
pub use request::{ACCOUNT_PARAM, IDEMPOTENCY_KEY_HEADER, Method, Request};
pub use response::{ByteStream, Deleted, RateLimit, Response};
pub use retry::{RETRYABLE_STATUSES, RetryPolicy, is_retryable_status, parse_retry_after};
pub use types::{Date, DateTime};
pub use unified::{Meta, Unified, UntypedCall, UntypedList};

/// reqwest, re-exported so a caller passing its own client ([`ClientBuilder::http_client`]) uses the same
/// version.
pub use reqwest;
/// serde, re-exported so generated models need no serde dependency of their own.
pub use serde;
/// serde_json, re-exported for untyped values (`json::Value`).
pub use serde_json as json;
