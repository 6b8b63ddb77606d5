//! What every request builder shares, written once: Truto's own query parameters, the response formats,
//! and the calls that send a request. Generated builders add only what is specific to their resource.
//!
//! The traits are in `truto_unified::prelude`, so `use truto_unified::prelude::*;` brings every method
//! into scope:
//!
//! ```no_run
//! # use truto_unified_runtime::{ListRequest, Model, TrutoRequest};
//! # async fn demo<L: ListRequest>(list: L) -> Result<(), truto_unified_runtime::Error> where L::Record: Model {
//! let page = list.limit(50).truto_ignore_remote_data(true).send().await?;
//! # let _ = page; Ok(()) }
//! ```
//!
//! Their default methods are generic, so a program compiles them only for the builders it calls.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use serde_json::Value;

use crate::decode::{Lenient, Placeholder};
use crate::error::Error;
use crate::page::{Items, KeyedList, ListPage, Pages};
use crate::record::Item;
use crate::request::{LIMIT_PARAM, RESPONSE_FORMAT_PARAM, Request};
use crate::response::{ByteStream, Deleted, Response};

/// Where Truto reads a request from instead of calling the integration live: its synced SuperQuery store
/// in one region (`truto_super_query`). Open: a region these bindings do not know is sent as given.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SuperQuery {
    /// `apac`.
    Apac,
    /// `wnam`.
    Wnam,
    /// Another region, sent as given.
    Other(String),
}

impl SuperQuery {
    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Apac => "apac",
            Self::Wnam => "wnam",
            Self::Other(region) => region,
        }
    }
}

impl From<&str> for SuperQuery {
    fn from(region: &str) -> Self {
        match region {
            "apac" => Self::Apac,
            "wnam" => Self::Wnam,
            other => Self::Other(other.to_owned()),
        }
    }
}

/// Truto's parameters that every unified request accepts (the "Truto-specific parameters" of its API
/// reference), and the response formats. Implemented by every generated request builder.
///
/// | Truto parameter | type | what Truto says | here |
/// |---|---|---|---|
/// | `integrated_account_id` | string · uuid, **required** | The ID of the integrated account to use for the request. Example: `62f44730-dd91-461e-bd6a-aedd9e0ad79d` | always sent, from [`Client::account`](crate::Client::account) |
/// | `truto_response_format` | `unified` (default), `raw`, `normalized`, `stream` | The format of the response: `unified` applies the unified mappings; `raw` returns the unprocessed response of the remote API; `normalized` applies the unified mappings and returns the data in a normalized format; `stream` returns the response as a stream, for large datasets, files or binary data, without buffering the whole payload | `send()` (unified, typed), [`raw`](Self::raw), [`normalized`](Self::normalized), [`byte_stream`](Self::byte_stream) |
/// | `truto_key_by` | string | A field of each result object to key the result by: the array becomes an object, a lookup table. Example: `id` | [`ListRequest::key_by`] |
/// | `truto_ignore_limit` | boolean | Ignores the `limit` query parameter. | [`ListRequest::truto_ignore_limit`] |
/// | `truto_ignore_remote_data` | boolean | Excludes the `remote_data` attribute from the response. | [`truto_ignore_remote_data`](Self::truto_ignore_remote_data) |
/// | `truto_exclude_fields` | string\[\] | Array of fields to exclude from the response. Example: `truto_exclude_fields[]=id&truto_exclude_fields[]=name` | [`truto_exclude_fields`](Self::truto_exclude_fields) |
/// | `remote_query` | `Record<string, any>` | Query parameters to pass to the underlying API without any transformations. Example: `remote_query[foo]=bar` | [`remote_query`](Self::remote_query) |
/// | `truto_super_query` | `apac`, `wnam` | Reads from Truto's synced SuperQuery store instead of calling the integration live | [`truto_super_query`](Self::truto_super_query) |
/// | `limit` | integer | The maximum number of records in one page | [`ListRequest::limit`] |
/// | `next_cursor` | string | The cursor to use for the next page of results: pass the `next_cursor` of a page as `next_cursor` in the next request | [`ListRequest::next_cursor`]; [`ListRequest::stream`] and [`ListRequest::pages`] follow it |
pub trait TrutoRequest: Sized {
    /// The request being built (for generated code).
    #[doc(hidden)]
    fn request_mut(&mut self) -> &mut Request;

    /// The request as it stands, to inspect it (`url()`, `query_pairs()`, `body()`) or send it untyped.
    fn into_request(self) -> Request;

    /// `truto_ignore_remote_data`: excludes the `remote_data` attribute from the response.
    fn truto_ignore_remote_data(mut self, value: bool) -> Self {
        self.request_mut().set_query("truto_ignore_remote_data", value.into());
        self
    }

    /// `truto_exclude_fields`: an array of fields to exclude from the response (`["id", "name"]` is sent as
    /// `truto_exclude_fields[]=id&truto_exclude_fields[]=name`).
    fn truto_exclude_fields<I, S>(mut self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let fields = fields.into_iter().map(|field| Value::String(field.into())).collect();
        self.request_mut().set_query("truto_exclude_fields", Value::Array(fields));
        self
    }

    /// `remote_query`: one query parameter to pass to the underlying API without any transformations
    /// (`remote_query("foo", "bar")` sends `remote_query[foo]=bar`); call it once per parameter.
    fn remote_query(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.request_mut().set_query_entry("remote_query", key.into(), value.into());
        self
    }

    /// `truto_super_query`: reads from Truto's synced SuperQuery store in `region` instead of calling the
    /// integration live.
    fn truto_super_query(mut self, region: impl Into<SuperQuery>) -> Self {
        self.request_mut().set_query("truto_super_query", Value::String(region.into().as_str().to_owned()));
        self
    }

    /// `truto_response_format=raw`: the unprocessed, raw response from the remote API, as untyped JSON.
    fn raw(self) -> JsonCall {
        JsonCall::new(self.into_request(), "raw")
    }

    /// `truto_response_format=normalized`: the unified mappings applied and the data normalized, as untyped
    /// JSON.
    fn normalized(self) -> JsonCall {
        JsonCall::new(self.into_request(), "normalized")
    }

    /// `truto_response_format=stream`: the body as a stream of bytes, never buffered whole (large datasets,
    /// files, binary data).
    fn byte_stream(self) -> impl Future<Output = Result<ByteStream, Error>> + Send {
        let mut request = self.into_request();
        request.set_query(RESPONSE_FORMAT_PARAM, Value::String("stream".to_owned()));
        request.fetch_bytes()
    }
}

/// A list request (`GET /unified/{api}/{resource}`): one page, every page, or every record.
pub trait ListRequest: TrutoRequest {
    /// The record type.
    type Record: Item + Send + 'static;

    /// Sends the request and returns one page of records (and any it could not read, in
    /// [`rejected`](crate::Page::rejected)).
    fn send(self) -> impl Future<Output = Result<ListPage<Self::Record>, Error>> + Send {
        let request = self.into_request();
        async move { request.fetch_list_page().await }
    }

    /// Every record of every page, as a stream. The next page is requested only once the records of the
    /// current one are used up, so one page at a time is held in memory.
    fn stream(self) -> Items<Self::Record> {
        Items::new(self.into_request())
    }

    /// Every page, as a stream, following `next_cursor` until the server stops sending one.
    fn pages(self) -> Pages<Self::Record> {
        Pages::new(self.into_request())
    }

    /// `truto_key_by`: by default the result is an array of objects; this uses `field` of each record (for
    /// example `id`) as its key, turning the result into an object keyed by that field: a lookup table.
    fn key_by(self, field: impl Into<String>) -> KeyedList<Self::Record> {
        KeyedList::new(self.into_request(), field.into())
    }

    /// `limit`: the maximum number of records in one page.
    fn limit(mut self, records: u32) -> Self {
        self.request_mut().set_query(LIMIT_PARAM, records.into());
        self
    }

    /// `next_cursor`: the cursor to use for the next page of results, as the previous page's `next_cursor`
    /// gave it. `stream()` and `pages()` follow the cursor by themselves.
    fn next_cursor(mut self, cursor: impl Into<String>) -> Self {
        self.request_mut().set_query(crate::page::CURSOR_PARAM, Value::String(cursor.into()));
        self
    }

    /// `truto_ignore_limit`: ignores the `limit` query parameter.
    fn truto_ignore_limit(mut self, value: bool) -> Self {
        self.request_mut().set_query("truto_ignore_limit", value.into());
        self
    }
}

/// A request answered with one record: `get`, `create`, `update`.
///
/// An update answered with an empty body (`204 No Content`) returns the record with its id alone, and a
/// [`decode_issues`](crate::Model::decode_issues) entry saying so; fetch it again for its fields.
pub trait RecordRequest: TrutoRequest {
    /// The record type.
    type Record: Item + Send + 'static;

    /// Sends the request and returns the record.
    fn send(self) -> impl Future<Output = Result<Self::Record, Error>> + Send {
        let request = self.into_request();
        async move { request.fetch_record().await.map(Response::into_value) }
    }

    /// Sends the request and returns the record with the response's status, headers and rate limits.
    fn send_with_meta(self) -> impl Future<Output = Result<Response<Self::Record>, Error>> + Send {
        let request = self.into_request();
        async move { request.fetch_record().await }
    }
}

/// A delete (`DELETE /unified/{api}/{resource}/{id}`), answered with `{id}` or with an empty body.
pub trait DeleteRequest: TrutoRequest {
    /// Sends the request and returns the deleted record's id.
    fn send(self) -> impl Future<Output = Result<Deleted, Error>> + Send {
        let request = self.into_request();
        async move { request.fetch_deleted().await.map(Response::into_value) }
    }

    /// Sends the request and returns the deleted record's id with the response's status and headers.
    fn send_with_meta(self) -> impl Future<Output = Result<Response<Deleted>, Error>> + Send {
        let request = self.into_request();
        async move { request.fetch_deleted().await }
    }
}

/// A custom method (`POST /unified/{api}/{resource}/{method}`), answered with `{result}`. An empty answer
/// is an empty result (`null` for untyped results).
pub trait CustomRequest: TrutoRequest {
    /// The type of the answer's `result`.
    type Output: Lenient + Placeholder + Send + 'static;

    /// Sends the request and returns the answer's `result`.
    fn send(self) -> impl Future<Output = Result<Self::Output, Error>> + Send {
        let request = self.into_request();
        async move { request.fetch_result().await.map(Response::into_value) }
    }

    /// Sends the request and returns the answer's `result` with the response's status and headers.
    fn send_with_meta(self) -> impl Future<Output = Result<Response<Self::Output>, Error>> + Send {
        let request = self.into_request();
        async move { request.fetch_result().await }
    }
}

/// A request that writes (`create`, `update`, custom methods): an idempotency key makes it safe to retry.
pub trait WriteRequest: TrutoRequest {
    /// Sends an `Idempotency-Key` header: the server answers a repeated key with the first response, and the
    /// client may then retry the request after a failure.
    fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.request_mut().set_idempotency_key(key.into());
        self
    }

    /// Sends a random (UUID v4) `Idempotency-Key`, making the request safe to retry.
    fn idempotent(self) -> Self {
        self.idempotency_key(uuid::Uuid::new_v4().to_string())
    }
}

/// A request in an untyped response format (`raw`, `normalized`): `.await` it (or [`send`](Self::send)) for
/// the body as JSON; for lists, [`pages`](Self::pages) and [`stream`](Self::stream) walk every page.
///
/// Truto does not document whether these formats keep the list envelope, so pages are whole bodies:
/// `pages` follows `next_cursor` when a body has one, and `stream` yields the entries of a body's `result`
/// (or the body itself when it has none).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct JsonCall {
    list: crate::page::JsonList,
}

impl JsonCall {
    fn new(mut request: Request, format: &'static str) -> Self {
        request.set_query(RESPONSE_FORMAT_PARAM, Value::String(format.to_owned()));
        Self { list: crate::page::JsonList::new(request) }
    }

    /// Sends the request and returns the body.
    pub async fn send(self) -> Result<Value, Error> {
        self.list.send().await
    }

    /// Every page body, following `next_cursor`.
    pub fn pages(self) -> futures::stream::BoxStream<'static, Result<Value, Error>> {
        self.list.pages()
    }

    /// Every record across pages.
    pub fn stream(self) -> futures::stream::BoxStream<'static, Result<Value, Error>> {
        self.list.stream()
    }

    /// The request as it stands.
    pub fn into_request(self) -> Request {
        self.list.into_request()
    }
}

impl IntoFuture for JsonCall {
    type Output = Result<Value, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
