//! Reading responses: bounded bodies, rate-limit headers, the answer to a delete; decoding bodies
//! ([`decode`]) and byte streams ([`bytes`]).

mod bytes;
mod decode;

use std::time::Duration;

use reqwest::header::HeaderMap;

use super::error::Error;

pub use self::bytes::ByteStream;
pub(crate) use decode::{
    Received, decode_deleted, decode_json, decode_page, decode_record, decode_result, empty_answer,
};

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

/// The answer to a delete: `{id}`. When the server answers with an empty body (`204 No Content`), `id` is
/// the id the request deleted.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Deleted {
    /// The id of the deleted record.
    pub id: String,
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

/// A body read whole, or as much of it as could be read and why the rest could not.
pub(crate) struct Body {
    pub bytes: ::bytes::Bytes,
    /// Why reading stopped early: a transport failure, a timeout, or the size limit.
    pub problem: Option<Error>,
}

/// Reads a whole body, refusing to hold more than `limit` bytes. What could be read is kept even when
/// reading fails, for error bodies.
pub(crate) async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
    origin: &Origin,
    timeout: Option<Duration>,
) -> Body {
    if response.content_length().is_some_and(|length| length > limit as u64) {
        return Body { bytes: ::bytes::Bytes::new(), problem: Some(origin.too_large(limit)) };
    }
    let mut body = Vec::with_capacity(response.content_length().map_or(8 * 1024, |length| length as usize));
    let problem = loop {
        match response.chunk().await {
            Ok(Some(chunk)) if body.len() + chunk.len() > limit => {
                body.extend_from_slice(&chunk[..limit - body.len()]);
                break Some(origin.too_large(limit));
            }
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => break None,
            Err(error) => break Some(origin.transport(error, timeout)),
        }
    };
    Body { bytes: ::bytes::Bytes::from(body), problem }
}

#[cfg(test)]
mod tests {
    use super::*;

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
