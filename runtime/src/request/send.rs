//! Sending: one attempt is the request, the response head and (for everything but byte streams) the whole
//! body, so a body that breaks off or stalls is retried like a failure before the status line, under the
//! same rules.

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use tracing::Instrument;

use super::{IDEMPOTENCY_KEY_HEADER, Method, Request};
use crate::error::{ApiError, Error, TrutoErrorBody};
use crate::response::{self, ByteStream, Origin, RateLimit, Received, Response};
use crate::retry;

/// A complete success response: status, headers and the whole (bounded) body.
pub(crate) struct Exchange {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
    pub origin: Origin,
}

impl Exchange {
    /// The body as the decoders see it.
    pub fn received(&self, strict: bool) -> Received<'_> {
        Received { body: &self.body, status: self.status, origin: &self.origin, strict }
    }

    pub fn rate_limit(&self) -> Option<RateLimit> {
        RateLimit::from_headers(&self.headers)
    }

    /// `value` with this response's status and headers.
    pub fn into_response<T>(self, value: T) -> Response<T> {
        Response {
            value,
            status: self.status,
            rate_limit: RateLimit::from_headers(&self.headers),
            headers: self.headers,
        }
    }
}

/// What an attempt reads of a success response.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Read {
    /// The whole body, within the client's timeout (sending to the last byte).
    Whole,
    /// The head only: the body becomes a [`ByteStream`], which allows the timeout again for each chunk.
    Head,
}

/// What one attempt ended with.
enum Attempt {
    Complete(Exchange),
    Streaming(reqwest::Response, Origin),
}

impl Request {
    /// Whether sending this request twice is harmless: safe methods, and anything with an idempotency key.
    fn is_idempotent(&self) -> bool {
        matches!(self.method, Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE)
            || self.idempotency_key.is_some()
    }

    /// Whether the client tries again after `error`: the error may pass ([`Error::is_retryable`]), and the
    /// request is idempotent or never reached the server (a connection that could not be opened).
    fn retries_after(&self, error: &Error) -> bool {
        error.is_retryable() && (self.is_idempotent() || error.is_connect())
    }

    /// Sends the request and reads the whole body, retrying as the client's policy allows.
    pub(crate) async fn exchange(&self) -> Result<Exchange, Error> {
        match self.send_with_retries(Read::Whole).await? {
            Attempt::Complete(exchange) => Ok(exchange),
            Attempt::Streaming(..) => Err(Error::Protocol("a whole body was asked for".to_owned())),
        }
    }

    /// Sends the request and opens the body as a byte stream, retrying up to the response head.
    pub(crate) async fn open_stream(&self) -> Result<ByteStream, Error> {
        let inner = self.client.inner();
        match self.send_with_retries(Read::Head).await? {
            Attempt::Streaming(response, origin) => {
                Ok(ByteStream::new(response, origin, inner.timeout, inner.max_body_bytes))
            }
            Attempt::Complete(_) => Err(Error::Protocol("a byte stream was asked for".to_owned())),
        }
    }

    /// Sends the request, retrying as the client's policy allows, until a complete success or a final error.
    async fn send_with_retries(&self, read: Read) -> Result<Attempt, Error> {
        if self.segments.iter().any(|segment| segment.is_empty()) {
            return Err(Error::InvalidRequest(format!("{} {}: an id must not be empty", self.method, self.path)));
        }
        let inner = self.client.inner();
        let origin = Origin { method: self.method.to_string(), path: self.path() };
        let url = self.url();
        let body = match &self.body {
            Some(body) => {
                Some(serde_json::to_vec(body).map_err(|error| Error::InvalidRequest(format!("body: {error}")))?)
            }
            None => None,
        };
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
            let error = match self.attempt(&url, body.as_deref(), &origin, read, &span).instrument(span.clone()).await {
                Ok(done) => return Ok(done),
                Err(error) => error,
            };
            let retry_after = error.api().and_then(|api| api.retry_after);
            let delay = (self.retries_after(&error) && attempt <= inner.retry.max_retries)
                .then(|| inner.retry.delay(attempt, retry_after))
                .flatten();
            match delay {
                Some(delay) => {
                    span.in_scope(|| tracing::debug!(?delay, %error, "retrying"));
                    tokio::time::sleep(delay).await;
                }
                None => return Err(error),
            }
        }
    }

    /// One attempt: the request, the response head, and unless `read` is [`Read::Head`] the whole body.
    async fn attempt(
        &self,
        url: &str,
        body: Option<&[u8]>,
        origin: &Origin,
        read: Read,
        span: &tracing::Span,
    ) -> Result<Attempt, Error> {
        let inner = self.client.inner();
        let mut builder = inner
            .http
            .request(self.method.clone(), url)
            .header(AUTHORIZATION, inner.authorization.clone())
            .header(ACCEPT, "application/json");
        // A whole exchange is timed by reqwest to the last byte; a stream only to its head, here.
        let head_timeout = match (inner.timeout, read) {
            (Some(timeout), Read::Whole) => {
                builder = builder.timeout(timeout);
                None
            }
            (timeout, Read::Head) => timeout,
            (None, Read::Whole) => None,
        };
        if let Some(key) = &self.idempotency_key {
            builder = builder.header(IDEMPOTENCY_KEY_HEADER, key);
        }
        if let Some(body) = body {
            builder = builder.header(CONTENT_TYPE, "application/json").body(body.to_vec());
        }
        let response = send_once(builder, head_timeout, origin, inner.timeout).await?;
        let status = response.status().as_u16();
        span.record("status", status);
        if !response.status().is_success() {
            return Err(error_response(response, origin, inner.max_body_bytes, inner.timeout).await);
        }
        if read == Read::Head {
            return Ok(Attempt::Streaming(response, origin.clone()));
        }
        let headers = response.headers().clone();
        let body = response::read_body(response, inner.max_body_bytes, origin, inner.timeout).await;
        match body.problem {
            Some(problem) => Err(problem),
            None => Ok(Attempt::Complete(Exchange { status, headers, body: body.bytes, origin: origin.clone() })),
        }
    }
}

/// Sends `builder` and waits for the response head, for at most `head_timeout` when given (`timeout` is the
/// client's, for naming a timeout reqwest itself enforced).
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

/// Turns an error status into [`Error::Api`], keeping the status, the retry hints and as much of the body as
/// could be read (bounded), even when reading it failed.
async fn error_response(
    response: reqwest::Response,
    origin: &Origin,
    limit: usize,
    timeout: Option<Duration>,
) -> Error {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let retry_after = headers
        .get(RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| retry::parse_retry_after(value, SystemTime::now()));
    let body = response::read_body(response, limit, origin, timeout).await;
    let body_problem = body.problem.map(|problem| problem.to_string());
    Error::Api(Box::new(ApiError {
        method: origin.method.clone(),
        path: origin.path.clone(),
        status,
        body: if body_problem.is_none() { TrutoErrorBody::parse(&body.bytes) } else { None },
        raw_body: String::from_utf8_lossy(&body.bytes).into_owned(),
        retry_after,
        rate_limit: RateLimit::from_headers(&headers),
        body_problem,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Client;

    fn request(method: Method) -> Request {
        // Nothing listens on port 1: every attempt fails to connect.
        let client = Client::builder().token("t").base_url("http://127.0.0.1:1").build().unwrap();
        Request::new(&client.account("acc"), method, "/unified/calendar/events")
    }

    #[tokio::test]
    async fn a_post_is_retried_only_when_its_connection_never_opened() {
        let connect_error = request(Method::GET).exchange().await.err().expect("nothing listens on port 1");
        assert!(connect_error.is_connect(), "{connect_error}");
        let timeout = Error::Timeout { method: "POST".into(), path: "/".into(), after: Duration::from_secs(1) };
        let post = request(Method::POST);
        assert!(post.retries_after(&connect_error), "the server never saw it");
        assert!(!post.retries_after(&timeout), "the server may have acted on it");
        let mut keyed = request(Method::POST);
        keyed.set_idempotency_key("k".into());
        assert!(keyed.retries_after(&timeout));
        assert!(request(Method::GET).retries_after(&timeout));
    }
}
