//! Response bodies, whole or going wrong on purpose: late, or cut short of their `Content-Length`.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use tokio::time::Sleep;

/// How long a truncated body waits after its bytes before breaking off, so that they are sent first.
const FLUSH_PAUSE: Duration = Duration::from_millis(20);

/// A response body.
pub(crate) enum FakeBody {
    /// The bytes, at once.
    Full(Option<Bytes>),
    /// The bytes, after a wait.
    Slow { wait: Pin<Box<Sleep>>, data: Option<Bytes>, length: u64 },
    /// Part of the bytes, a pause (in which hyper sends them), then an error that makes hyper close the
    /// connection.
    Truncated { data: Option<Bytes>, pause: Pin<Box<Sleep>>, declared: u64 },
}

impl FakeBody {
    /// `data` at once.
    pub fn full(data: Bytes) -> Self {
        Self::Full(Some(data))
    }

    /// `data` after `wait`.
    pub fn slow(data: Bytes, wait: Duration) -> Self {
        let length = data.len() as u64;
        Self::Slow { wait: Box::pin(tokio::time::sleep(wait)), data: Some(data), length }
    }

    /// The first half of `data` (at least one byte short of it), then the end of the connection.
    pub fn truncated(data: Bytes) -> Self {
        let declared = data.len().max(1) as u64;
        let kept = data.slice(..data.len() / 2);
        // Without the pause hyper would drop the buffered head and bytes along with the connection.
        Self::Truncated { data: Some(kept), pause: Box::pin(tokio::time::sleep(FLUSH_PAUSE)), declared }
    }

    /// The `Content-Length` the head announces.
    pub fn declared_length(&self) -> u64 {
        match self {
            Self::Full(data) => data.as_ref().map_or(0, |data| data.len() as u64),
            Self::Slow { length, .. } => *length,
            Self::Truncated { declared, .. } => *declared,
        }
    }
}

impl Body for FakeBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        match self.get_mut() {
            Self::Full(data) => Poll::Ready(data.take().map(|data| Ok(Frame::data(data)))),
            Self::Slow { wait, data, .. } => {
                ready!(wait.as_mut().poll(cx));
                Poll::Ready(data.take().map(|data| Ok(Frame::data(data))))
            }
            Self::Truncated { data, pause, .. } => {
                if let Some(data) = data.take() {
                    return Poll::Ready(Some(Ok(Frame::data(data))));
                }
                ready!(pause.as_mut().poll(cx));
                Poll::Ready(Some(Err(io::Error::new(io::ErrorKind::UnexpectedEof, "body truncated on purpose"))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Self::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Self::Full(data) => SizeHint::with_exact(data.as_ref().map_or(0, |data| data.len() as u64)),
            other => SizeHint::with_exact(other.declared_length()),
        }
    }
}

#[cfg(test)]
mod tests {
    use http_body_util::BodyExt;

    use super::*;

    #[tokio::test]
    async fn a_truncated_body_ends_in_an_error_before_its_length() {
        let mut body = FakeBody::truncated(Bytes::from_static(b"0123456789"));
        assert_eq!(body.size_hint().exact(), Some(10));
        let first = body.frame().await.unwrap().unwrap().into_data().unwrap();
        assert_eq!(&first[..], b"01234");
        assert!(body.frame().await.unwrap().is_err());
        assert_eq!(FakeBody::truncated(Bytes::new()).declared_length(), 1);
    }

    #[tokio::test]
    async fn whole_and_slow_bodies_arrive_whole() {
        let body = FakeBody::full(Bytes::from_static(b"abc")).collect().await.unwrap().to_bytes();
        assert_eq!(&body[..], b"abc");
        let slow = FakeBody::slow(Bytes::from_static(b"late"), Duration::from_millis(5));
        assert_eq!(slow.size_hint().exact(), Some(4));
        assert_eq!(&slow.collect().await.unwrap().to_bytes()[..], b"late");
    }
}
