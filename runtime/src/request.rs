//! A request to the unified API, and the one place that sends requests: auth, URL and query encoding,
//! timeouts, retries, tracing, error bodies.
//!
//! Everything here is non-generic except the final decode, so the machine code for the network path exists
//! once however many resources the bindings have.

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tracing::Instrument;

use super::client::{Account, Client};
use super::error::{ApiError, Error, TrutoErrorBody};
use super::page::{ListPage, Paged};
use super::query;
use super::response::{self, ByteStream, Origin, RateLimit, Response, Wrapped};
use super::retry;

pub use reqwest::Method;

/// The query parameter carrying the integrated account on every unified call.
pub const ACCOUNT_PARAM: &str = "integrated_account_id";
/// The header that makes a POST or PATCH safe to retry.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

/// Characters escaped in a path segment: everything but RFC 3986's unreserved set, so an id such as
/// `a/b c` stays one segment (`a%2Fb%20c`).
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// What a request's timeout covers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TimeoutScope {
    /// Sending to the last byte: the body is read whole (and is bounded by `max_body_bytes`).
    WholeExchange,
    /// Sending to the response head: the body is a [`ByteStream`] that allows the timeout again for each
    /// chunk, so a long download is not cut off while it makes progress.
    UntilHead,
}

/// A request being built: method, path, query and body. Generated request builders wrap one; it can also
/// be sent untyped.
#[derive(Clone, Debug)]
pub struct Request {
    client: Client,
    /// `None` outside an integrated account's scope ([`Request::unscoped`]): no `integrated_account_id`.
    account: Option<Account>,
    method: Method,
    path: Cow<'static, str>,
    segments: Vec<String>,
    query: Vec<(Cow<'static, str>, Value)>,
    body: Option<Value>,
    idempotency_key: Option<String>,
}

impl Request {
    /// A request for `path` (below the base URL, e.g. `/unified/calendar/users`) in `account`'s scope.
    pub fn new(account: &Account, method: Method, path: impl Into<Cow<'static, str>>) -> Self {
        Self { account: Some(account.clone()), ..Self::unscoped(account.client(), method, path) }
    }

    /// A request for `path` outside any integrated account (admin endpoints such as `/unified-model`): sent
    /// without `integrated_account_id`, with the same auth, retries, timeouts and errors.
    pub fn unscoped(client: &Client, method: Method, path: impl Into<Cow<'static, str>>) -> Self {
        Self {
            client: client.clone(),
            account: None,
            method,
            path: path.into(),
            segments: Vec::new(),
            query: Vec::new(),
            body: None,
            idempotency_key: None,
        }
    }

    /// Appends a path segment (a record id), percent-encoded when sent.
    pub fn id(mut self, id: String) -> Self {
        self.segments.push(id);
        self
    }

    /// Appends a fixed path segment (a custom method's name).
    pub fn segment(mut self, segment: impl Into<String>) -> Self {
        self.segments.push(segment.into());
        self
    }

    /// Sets query parameter `name`, replacing an earlier value. `null` removes it.
    pub fn set_query(&mut self, name: impl Into<Cow<'static, str>>, value: Value) {
        let name = name.into();
        self.query.retain(|(existing, _)| *existing != name);
        if !value.is_null() {
            self.query.push((name, value));
        }
    }

    /// Sets one entry of an object-valued query parameter: `remote_query[key]=value`.
    pub fn set_query_entry(&mut self, name: impl Into<Cow<'static, str>>, key: String, value: Value) {
        let name = name.into();
        match self.query.iter_mut().find(|(existing, _)| *existing == name) {
            Some((_, Value::Object(entries))) => {
                entries.insert(key, value);
            }
            Some((_, other)) => *other = Value::Object([(key, value)].into_iter().collect()),
            None => self.query.push((name, Value::Object([(key, value)].into_iter().collect()))),
        }
    }

    /// The current value of query parameter `name`.
    pub fn query(&self, name: &str) -> Option<&Value> {
        self.query.iter().find(|(existing, _)| existing == name).map(|(_, value)| value)
    }

    /// Sets the response format parameter (`truto_response_format=raw`).
    pub fn response_format(mut self, param: &'static str, format: &'static str) -> Self {
        self.set_query(param, Value::String(format.to_owned()));
        self
    }

    /// Sets a JSON body.
    pub fn body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Sends an `Idempotency-Key` header, which also makes a POST or PATCH safe to retry.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Sends a random (UUID v4) `Idempotency-Key`.
    pub fn random_idempotency_key(self) -> Self {
        self.idempotency_key(uuid::Uuid::new_v4().to_string())
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

    /// Sends the request and decodes the body as `T`.
    pub async fn fetch_json<T: DeserializeOwned>(self) -> Result<T, Error> {
        let (body, status, origin, _) = self.fetch_body().await?;
        response::decode(&body, status, &origin)
    }

    /// Sends the request and decodes the body as `T`, with the response's status and headers.
    pub async fn fetch_json_with_meta<T: DeserializeOwned>(self) -> Result<Response<T>, Error> {
        let (body, status, origin, headers) = self.fetch_body_with_headers().await?;
        let value = response::decode(&body, status, &origin)?;
        Ok(Response { value, status, rate_limit: RateLimit::from_headers(&headers), headers })
    }

    /// Sends the request and decodes the `result` of a `{result}` body (custom methods).
    pub async fn fetch_result<T: DeserializeOwned>(self) -> Result<T, Error> {
        self.fetch_json::<Wrapped<T>>().await.map(|wrapped| wrapped.result)
    }

    /// [`fetch_result`](Self::fetch_result), with the response's status and headers.
    pub async fn fetch_result_with_meta<T: DeserializeOwned>(self) -> Result<Response<T>, Error> {
        let response = self.fetch_json_with_meta::<Wrapped<T>>().await?;
        Ok(Response {
            value: response.value.result,
            status: response.status,
            headers: response.headers,
            rate_limit: response.rate_limit,
        })
    }

    /// Sends the request and decodes one list page of `T`.
    pub async fn fetch_page<T: DeserializeOwned + Send + 'static>(self) -> Result<ListPage<T>, Error> {
        self.fetch_list_page().await
    }

    /// Sends the request and returns the body as a byte stream.
    pub async fn fetch_bytes(self) -> Result<ByteStream, Error> {
        let inner = self.client.inner();
        let (timeout, limit) = (inner.timeout, inner.max_body_bytes);
        let (response, origin) = self.send_with_retries(TimeoutScope::UntilHead).await?;
        Ok(ByteStream::new(response, origin, timeout, limit))
    }

    pub(crate) async fn fetch_list_page<P: Paged>(&self) -> Result<P, Error> {
        let (body, status, origin, rate_limit) = self.fetch_body().await?;
        let mut page: P = response::decode(&body, status, &origin)?;
        page.set_rate_limit(rate_limit);
        Ok(page)
    }

    /// Sends the request and reads the whole (bounded) body.
    async fn fetch_body(&self) -> Result<(bytes::Bytes, u16, Origin, Option<RateLimit>), Error> {
        let (body, status, origin, headers) = self.fetch_body_with_headers().await?;
        Ok((body, status, origin, RateLimit::from_headers(&headers)))
    }

    async fn fetch_body_with_headers(&self) -> Result<(bytes::Bytes, u16, Origin, HeaderMap), Error> {
        let inner = self.client.inner();
        let (limit, timeout) = (inner.max_body_bytes, inner.timeout);
        let (response, origin) = self.send_with_retries(TimeoutScope::WholeExchange).await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response::read_body(response, limit, &origin, timeout).await?;
        Ok((body, status, origin, headers))
    }

    /// Whether sending this request twice is harmless: safe methods, and anything with an idempotency key.
    fn is_idempotent(&self) -> bool {
        matches!(self.method, Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE)
            || self.idempotency_key.is_some()
    }

    /// Sends the request, retrying as the client's policy allows, until a success status or a final error.
    async fn send_with_retries(&self, scope: TimeoutScope) -> Result<(reqwest::Response, Origin), Error> {
        if self.segments.iter().any(|segment| segment.is_empty()) {
            return Err(Error::InvalidRequest(format!("{} {}: an id must not be empty", self.method, self.path)));
        }
        let client = &self.client;
        let inner = client.inner();
        let origin = Origin { method: self.method.to_string(), path: self.path() };
        let url = self.url();
        let body = match &self.body {
            Some(body) => {
                Some(serde_json::to_vec(body).map_err(|error| Error::InvalidRequest(format!("body: {error}")))?)
            }
            None => None,
        };
        let retries = if self.is_idempotent() { inner.retry.max_retries } else { 0 };

        let mut attempt = 0;
        loop {
            attempt += 1;
            let span = tracing::debug_span!(
                "truto_request",
                method = %origin.method,
                path = %origin.path,
                attempt,
                status = tracing::field::Empty,
            );
            let mut builder = inner
                .http
                .request(self.method.clone(), &url)
                .header(AUTHORIZATION, inner.authorization.clone())
                .header(ACCEPT, "application/json");
            let head_timeout = match (inner.timeout, scope) {
                (Some(timeout), TimeoutScope::WholeExchange) => {
                    builder = builder.timeout(timeout);
                    None
                }
                (timeout, _) => timeout,
            };
            if let Some(key) = &self.idempotency_key {
                builder = builder.header(IDEMPOTENCY_KEY_HEADER, key);
            }
            if let Some(body) = &body {
                builder = builder.header(CONTENT_TYPE, "application/json").body(body.clone());
            }
            let outcome = send_once(builder, head_timeout, &origin, inner.timeout).instrument(span.clone()).await;
            let error = match outcome {
                Ok(response) => {
                    span.record("status", response.status().as_u16());
                    if response.status().is_success() {
                        return Ok((response, origin));
                    }
                    self.error_response(response, &origin).instrument(span.clone()).await
                }
                Err(error) => error,
            };
            let retry_after = match &error {
                Error::Api(api) => api.retry_after,
                _ => None,
            };
            let delay =
                (error.is_retryable() && attempt <= retries).then(|| inner.retry.delay(attempt, retry_after)).flatten();
            match delay {
                Some(delay) => {
                    span.in_scope(|| tracing::debug!(?delay, %error, "retrying"));
                    tokio::time::sleep(delay).await;
                }
                None => return Err(error),
            }
        }
    }

    /// Turns an error status into [`Error::Api`], keeping the body (bounded) and the retry hints.
    async fn error_response(&self, response: reqwest::Response, origin: &Origin) -> Error {
        let inner = self.client.inner();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let retry_after = headers
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| retry::parse_retry_after(value, SystemTime::now()));
        let body = match response::read_body(response, inner.max_body_bytes, origin, inner.timeout).await {
            Ok(body) => body,
            Err(error) => return error,
        };
        Error::Api(Box::new(ApiError {
            method: origin.method.clone(),
            path: origin.path.clone(),
            status,
            body: TrutoErrorBody::parse(&body),
            raw_body: String::from_utf8_lossy(&body).into_owned(),
            retry_after,
            rate_limit: RateLimit::from_headers(&headers),
        }))
    }
}

/// One attempt: sends `builder` and waits for the response head, for at most `head_timeout` when given
/// (`timeout` is the client's, for naming a timeout reqwest itself enforced).
async fn send_once(
    builder: reqwest::RequestBuilder,
    head_timeout: Option<Duration>,
    origin: &Origin,
    timeout: Option<Duration>,
) -> Result<reqwest::Response, Error> {
    let sent = match head_timeout {
        Some(after) => tokio::time::timeout(after, builder.send()).await.map_err(|_| origin.timed_out(after))?,
        None => builder.send().await,
    };
    sent.map_err(|error| origin.transport(error, timeout))
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
        assert_eq!(request().id("a/b c?d#e".into()).path(), "/unified/calendar/users/a%2Fb%20c%3Fd%23e");
        assert_eq!(request().id("u_1-x.y~z".into()).path(), "/unified/calendar/users/u_1-x.y~z");
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
        let error = request().id(String::new()).fetch_json::<Value>().await.unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error}");
    }
}
