//! Reading responses: bounded bodies, decoding with error paths, rate-limit headers, byte streams.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures::stream::{BoxStream, Stream, StreamExt};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::error::{DecodeError, Error};

/// Truto's normalised rate-limit headers (`ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests allowed in the current window.
    pub limit: Option<u64>,
    /// Requests left in the current window.
    pub remaining: Option<u64>,
    /// Time until the window resets.
    pub reset: Option<Duration>,
}

impl RateLimit {
    /// Reads the headers; `None` when none of them is present.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let number = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<u64>().ok();
        let rate_limit = Self {
            limit: number("ratelimit-limit"),
            remaining: number("ratelimit-remaining"),
            reset: number("ratelimit-reset").map(Duration::from_secs),
        };
        (rate_limit != Self::default()).then_some(rate_limit)
    }
}

/// A decoded answer with the response's status, headers and rate limits (from `send_with_meta`).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Response<T> {
    /// The decoded body.
    pub value: T,
    /// HTTP status code.
    pub status: u16,
    /// Every response header (Truto forwards the integration's on remote errors).
    pub headers: HeaderMap,
    /// The `ratelimit-*` headers.
    pub rate_limit: Option<RateLimit>,
}

impl<T> Response<T> {
    /// The decoded body.
    pub fn into_value(self) -> T {
        self.value
    }
}

impl<T> std::ops::Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// The answer to a delete: `{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Deleted {
    /// The id of the deleted record.
    #[serde(default)]
    pub id: String,
}

/// The `{result}` envelope of custom methods.
#[derive(serde::Deserialize)]
#[serde(bound(deserialize = "T: serde::Deserialize<'de>"))]
pub(crate) struct Wrapped<T> {
    pub result: T,
}

/// What identifies a request in errors and traces.
#[derive(Clone, Debug)]
pub(crate) struct Origin {
    pub method: String,
    pub path: String,
}

impl Origin {
    pub fn transport(&self, error: reqwest::Error, timeout: Option<Duration>) -> Error {
        match timeout {
            Some(after) if error.is_timeout() => self.timed_out(after),
            _ => Error::Transport { method: self.method.clone(), path: self.path.clone(), source: error },
        }
    }

    pub fn timed_out(&self, after: Duration) -> Error {
        Error::Timeout { method: self.method.clone(), path: self.path.clone(), after }
    }

    pub fn too_large(&self, limit: usize) -> Error {
        Error::BodyTooLarge { method: self.method.clone(), path: self.path.clone(), limit }
    }
}

/// Reads a whole body, refusing to hold more than `limit` bytes.
pub(crate) async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
    origin: &Origin,
    timeout: Option<Duration>,
) -> Result<Bytes, Error> {
    if response.content_length().is_some_and(|length| length > limit as u64) {
        return Err(origin.too_large(limit));
    }
    let mut body = Vec::with_capacity(response.content_length().map_or(8 * 1024, |length| length as usize));
    while let Some(chunk) = response.chunk().await.map_err(|error| origin.transport(error, timeout))? {
        if body.len() + chunk.len() > limit {
            return Err(origin.too_large(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(body))
}

/// Decodes a success body into `T`. On failure the body is decoded a second time, tracking the JSON path,
/// so the common case pays nothing for the error path.
pub(crate) fn decode<T: DeserializeOwned>(body: &[u8], status: u16, origin: &Origin) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|error| {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let (json_path, message) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Err(tracked) => (tracked.path().to_string(), tracked.into_inner().to_string()),
            Ok(_) => (".".to_owned(), error.to_string()),
        };
        Error::Decode(Box::new(DecodeError {
            method: origin.method.clone(),
            path: origin.path.clone(),
            status,
            json_path,
            message,
            raw_body: String::from_utf8_lossy(body).into_owned(),
        }))
    })
}

/// A response body as a stream of byte chunks (`truto_response_format=stream`, file downloads), never
/// buffered whole. The client's [`timeout`](super::ClientBuilder::timeout) applies to each chunk, not to
/// the whole body.
pub struct ByteStream {
    content_type: Option<String>,
    rate_limit: Option<RateLimit>,
    /// The client's [`max_body_bytes`](super::ClientBuilder::max_body_bytes), for `collect_bytes`.
    limit: usize,
    origin: Origin,
    inner: BoxStream<'static, Result<Bytes, Error>>,
}

impl ByteStream {
    pub(crate) fn new(response: reqwest::Response, origin: Origin, timeout: Option<Duration>, limit: usize) -> Self {
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let rate_limit = RateLimit::from_headers(response.headers());
        // The timeout applies to each chunk, not to the whole stream: a download may take as long as it needs
        // while bytes keep coming, and a stalled one still fails.
        let inner = futures::stream::try_unfold((response, origin.clone()), move |(mut response, origin)| async move {
            let chunk = match timeout {
                Some(after) => {
                    tokio::time::timeout(after, response.chunk()).await.map_err(|_| origin.timed_out(after))?
                }
                None => response.chunk().await,
            };
            let chunk = chunk.map_err(|error| origin.transport(error, timeout))?;
            Ok(chunk.map(|chunk| (chunk, (response, origin))))
        })
        .boxed();
        Self { content_type, rate_limit, limit, origin, inner }
    }

    /// The `Content-Type` the server declared.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The rate-limit headers of the response.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.rate_limit
    }

    /// Reads the rest of the stream into memory, up to the client's
    /// [`max_body_bytes`](super::ClientBuilder::max_body_bytes) ([`Error::BodyTooLarge`] past it). Iterate
    /// the stream instead to handle bodies of any size.
    pub async fn collect_bytes(mut self) -> Result<Vec<u8>, Error> {
        let mut all = Vec::new();
        while let Some(chunk) = self.inner.next().await {
            let chunk = chunk?;
            if all.len() + chunk.len() > self.limit {
                return Err(self.origin.too_large(self.limit));
            }
            all.extend_from_slice(&chunk);
        }
        Ok(all)
    }
}

impl std::fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ByteStream").field("content_type", &self.content_type).finish_non_exhaustive()
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin { method: "GET".into(), path: "/unified/calendar/users".into() }
    }

    #[derive(Debug, serde::Deserialize)]
    struct Page {
        #[allow(dead_code)] // read through Debug only
        result: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Item {
        #[allow(dead_code)]
        id: String,
    }

    #[test]
    fn decode_errors_carry_the_json_path_and_the_raw_body() {
        let body = br#"{"result":[{"id":"a"},{"id":7}]}"#;
        let Err(Error::Decode(error)) = decode::<Page>(body, 200, &origin()) else { panic!("expected a decode error") };
        assert_eq!(error.json_path, "result[1].id");
        assert!(error.message.contains("invalid type: integer `7`"), "{}", error.message);
        assert_eq!(error.raw_body.as_bytes(), body);
        assert!(
            error
                .to_string()
                .starts_with("GET /unified/calendar/users: HTTP 200 with an unexpected body at `result[1].id`")
        );
    }

    #[test]
    fn truncated_and_non_json_bodies_are_decode_errors() {
        for body in [&b"{\"result\":[{\"id\":\"a\"}"[..], b"<html>oops</html>", b""] {
            assert!(matches!(decode::<Page>(body, 200, &origin()), Err(Error::Decode(_))));
        }
    }

    #[test]
    fn rate_limit_headers() {
        let mut headers = HeaderMap::new();
        assert_eq!(RateLimit::from_headers(&headers), None);
        headers.insert("ratelimit-limit", "500".parse().unwrap());
        headers.insert("ratelimit-remaining", "499".parse().unwrap());
        headers.insert("ratelimit-reset", "10".parse().unwrap());
        assert_eq!(
            RateLimit::from_headers(&headers),
            Some(RateLimit { limit: Some(500), remaining: Some(499), reset: Some(Duration::from_secs(10)) })
        );
    }
}
