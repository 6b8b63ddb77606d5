//! Response bodies handed over as a stream of bytes (`truto_response_format=stream`, file downloads).

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures::stream::{BoxStream, Stream, StreamExt};

use super::{Origin, RateLimit};
use crate::error::Error;

/// A response body as a stream of byte chunks (`truto_response_format=stream`, file downloads), never
/// buffered whole. The client's [`timeout`](crate::ClientBuilder::timeout) applies to each chunk, not to
/// the whole body.
pub struct ByteStream {
    content_type: Option<String>,
    rate_limit: Option<RateLimit>,
    /// The client's [`max_body_bytes`](crate::ClientBuilder::max_body_bytes), for `collect_bytes`.
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
    /// [`max_body_bytes`](crate::ClientBuilder::max_body_bytes) ([`Error::BodyTooLarge`] past it). Iterate
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
