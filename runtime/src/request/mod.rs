//! A request to the unified API: what it carries (method, path, query, body) and the typed fetches built on
//! [`send`](send) (the one place that sends requests: auth, URL and query encoding, timeouts, retries,
//! tracing, error bodies).
//!
//! Everything here is non-generic except the final decode, so the machine code for the network path exists
//! once however many resources the bindings have.

mod send;

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

use super::client::{Account, Client};
use super::decode::{Lenient, Placeholder};
use super::error::Error;
use super::page::Paged;
use super::query;
use super::record::Item;
use super::response::{self, ByteStream, Deleted, Response};

pub use reqwest::Method;

/// The query parameter carrying the integrated account on every unified call.
pub const ACCOUNT_PARAM: &str = "integrated_account_id";
/// The query parameter choosing the response format (`unified`, `raw`, `normalized`, `stream`).
pub const RESPONSE_FORMAT_PARAM: &str = "truto_response_format";
/// The query parameter turning a list's `result` into a map keyed by one field of each record.
pub const KEY_BY_PARAM: &str = "truto_key_by";
/// The query parameter setting a list's page size.
pub const LIMIT_PARAM: &str = "limit";
/// The header that makes a POST or PATCH safe to retry.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

/// Characters escaped in a path segment: everything but RFC 3986's unreserved set, so an id such as
/// `a/b c` stays one segment (`a%2Fb%20c`).
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A request as it stands: method, path, query and body. Every request builder can be turned into one
/// (`into_request()`), to inspect what would be sent.
#[derive(Clone, Debug)]
pub struct Request {
    client: Client,
    /// `None` outside an integrated account's scope ([`Request::unscoped`]): no `integrated_account_id`.
    account: Option<Account>,
    method: Method,
    path: Cow<'static, str>,
    segments: Vec<String>,
    /// The record id among `segments`, for answers that do not repeat it (an empty `204`).
    id: Option<usize>,
    query: Vec<(Cow<'static, str>, Value)>,
    body: Option<Value>,
    idempotency_key: Option<String>,
}

impl Request {
    /// A request for `path` (below the base URL, e.g. `/unified/calendar/users`) in `account`'s scope.
    pub(crate) fn new(account: &Account, method: Method, path: impl Into<Cow<'static, str>>) -> Self {
        Self { account: Some(account.clone()), ..Self::unscoped(account.client(), method, path) }
    }

    /// A request for `path` outside any integrated account (admin endpoints such as `/unified-model`): sent
    /// without `integrated_account_id`, with the same auth, retries, timeouts and errors.
    pub(crate) fn unscoped(client: &Client, method: Method, path: impl Into<Cow<'static, str>>) -> Self {
        Self {
            client: client.clone(),
            account: None,
            method,
            path: path.into(),
            segments: Vec::new(),
            id: None,
            query: Vec::new(),
            body: None,
            idempotency_key: None,
        }
    }

    /// Appends the record id as a path segment, percent-encoded when sent.
    pub(crate) fn with_id(mut self, id: String) -> Self {
        self.id = Some(self.segments.len());
        self.segments.push(id);
        self
    }

    /// Appends a fixed path segment (a custom method's name).
    pub(crate) fn segment(mut self, segment: impl Into<String>) -> Self {
        self.segments.push(segment.into());
        self
    }

    /// Sets query parameter `name`, replacing an earlier value. `null` removes it.
    pub(crate) fn set_query(&mut self, name: impl Into<Cow<'static, str>>, value: Value) {
        let name = name.into();
        self.query.retain(|(existing, _)| *existing != name);
        if !value.is_null() {
            self.query.push((name, value));
        }
    }

    /// Sets one entry of an object-valued query parameter: `remote_query[key]=value`.
    pub(crate) fn set_query_entry(&mut self, name: impl Into<Cow<'static, str>>, key: String, value: Value) {
        let name = name.into();
        match self.query.iter_mut().find(|(existing, _)| *existing == name) {
            Some((_, Value::Object(entries))) => {
                entries.insert(key, value);
            }
            Some((_, other)) => *other = Value::Object([(key, value)].into_iter().collect()),
            None => self.query.push((name, Value::Object([(key, value)].into_iter().collect()))),
        }
    }

    /// Sets a JSON body.
    pub(crate) fn set_body(&mut self, body: Value) {
        self.body = Some(body);
    }

    /// This request with a JSON body.
    pub(crate) fn with_body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Sends an `Idempotency-Key` header, which also makes a POST or PATCH safe to retry.
    pub(crate) fn set_idempotency_key(&mut self, key: String) {
        self.idempotency_key = Some(key);
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path below the base URL, with its segments percent-encoded (`/unified/calendar/users/a%2Fb`).
    pub fn path(&self) -> String {
        let mut path = self.path.to_string();
        for segment in &self.segments {
            path.push('/');
            path.extend(utf8_percent_encode(segment, PATH_SEGMENT));
        }
        path
    }

    /// The current value of query parameter `name`.
    pub fn query(&self, name: &str) -> Option<&Value> {
        self.query.iter().find(|(existing, _)| existing == name).map(|(_, value)| value)
    }

    /// The query pairs as sent, the account first: `[("integrated_account_id", "…"), ("limit", "10"), …]`.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<_> =
            self.account.iter().map(|account| (ACCOUNT_PARAM.to_owned(), account.id().to_owned())).collect();
        for (name, value) in &self.query {
            query::flatten(name, value, &mut pairs);
        }
        pairs
    }

    /// The full URL as sent.
    pub fn url(&self) -> String {
        let query = query::encode(&self.query_pairs());
        let separator = if query.is_empty() { "" } else { "?" };
        format!("{}{}{separator}{query}", self.client.base_url(), self.path())
    }

    /// The JSON body, when the request has one.
    pub fn body(&self) -> Option<&Value> {
        self.body.as_ref()
    }

    /// The record id the path names, when it names one.
    fn record_id(&self) -> Option<&str> {
        self.id.and_then(|index| self.segments.get(index)).map(String::as_str)
    }

    fn strict(&self) -> bool {
        self.client.inner().strict_decoding
    }

    /// Sends the request and returns the body as untyped JSON (`null` for an empty body).
    pub async fn fetch_value(self) -> Result<Value, Error> {
        let exchange = self.exchange().await?;
        response::decode_json(&exchange.received(self.strict()))
    }

    /// Sends the request and decodes one list page.
    pub(crate) async fn fetch_list_page<P: Paged>(&self) -> Result<P, Error> {
        let exchange = self.exchange().await?;
        let mut page = P::decode(&exchange.received(self.strict()))?;
        page.set_rate_limit(exchange.rate_limit());
        Ok(page)
    }

    /// Sends the request and decodes the record it answers with (`get`, `create`, `update`). An empty
    /// answer to a request naming a record (an update's `204 No Content`) is the record with its id alone,
    /// and a decode issue saying so.
    pub(crate) async fn fetch_record<T: Item>(self) -> Result<Response<T>, Error> {
        let exchange = self.exchange().await?;
        let received = exchange.received(self.strict());
        let record = match (received.is_empty(), self.record_id()) {
            (true, Some(id)) => {
                let only_id = serde_json::to_vec(&serde_json::json!({ "id": id })).unwrap_or_default();
                let synthetic = response::Received { body: &only_id, ..received };
                response::decode_record(&synthetic, Some(response::empty_answer(exchange.status)))?
            }
            _ => response::decode_record(&received, None)?,
        };
        Ok(exchange.into_response(record))
    }

    /// Sends a delete; an empty answer (`204 No Content`) names the requested id.
    pub(crate) async fn fetch_deleted(self) -> Result<Response<Deleted>, Error> {
        let exchange = self.exchange().await?;
        let deleted = response::decode_deleted(&exchange.received(self.strict()), self.record_id())?;
        Ok(exchange.into_response(deleted))
    }

    /// Sends a custom method and decodes the `result` of its `{result}` answer (an empty answer is an empty
    /// result).
    pub(crate) async fn fetch_result<T: Lenient + Placeholder>(self) -> Result<Response<T>, Error> {
        let exchange = self.exchange().await?;
        let result = response::decode_result(&exchange.received(self.strict()))?;
        Ok(exchange.into_response(result))
    }

    /// Sends the request and returns the body as a byte stream. Retries cover the attempt up to the
    /// response head: once bytes flow to the caller, a failure is the caller's to handle.
    pub(crate) async fn fetch_bytes(self) -> Result<ByteStream, Error> {
        self.open_stream().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Client;

    fn request() -> Request {
        let account = Client::builder().token("t").base_url("http://127.0.0.1:1").build().unwrap().account("acc 1");
        Request::new(&account, Method::GET, "/unified/calendar/users")
    }

    #[test]
    fn ids_stay_one_path_segment() {
        assert_eq!(request().with_id("a/b c?d#e".into()).path(), "/unified/calendar/users/a%2Fb%20c%3Fd%23e");
        assert_eq!(request().with_id("u_1-x.y~z".into()).path(), "/unified/calendar/users/u_1-x.y~z");
    }

    #[test]
    fn query_parameters_replace_and_merge() {
        let mut request = request();
        request.set_query("limit", 10.into());
        request.set_query("limit", 20.into());
        request.set_query_entry("remote_query", "foo".into(), "bar".into());
        request.set_query_entry("remote_query", "n".into(), 1.into());
        request.set_query("gone", Value::Null);
        assert_eq!(
            request.url(),
            "http://127.0.0.1:1/unified/calendar/users?integrated_account_id=acc+1&limit=20\
             &remote_query%5Bfoo%5D=bar&remote_query%5Bn%5D=1"
        );
    }

    #[tokio::test]
    async fn empty_ids_are_refused_before_sending() {
        let error = request().with_id(String::new()).fetch_value().await.unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error}");
    }
}
