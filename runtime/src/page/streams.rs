//! Streams over list pages: lazily, one page in memory at a time.

use std::collections::HashSet;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{self, BoxStream, Stream, StreamExt, TryStreamExt};
use serde_json::Value;

use super::{CURSOR_PARAM, KeyedPage, ListPage, Page, PageResult, real_cursor};
use crate::error::{Error, RejectedRecord};
use crate::record::Item;
use crate::request::Request;
use crate::response::{RateLimit, Received};

/// What pagination needs of a page.
pub(crate) trait Paged: Send + Sized + 'static {
    /// Decodes a page body; the error describes why not.
    fn decode(received: &Received<'_>) -> Result<Self, Error>;
    /// The cursor of the next page, if any (never empty).
    fn next_cursor(&self) -> Option<&str>;
    /// Records the response's rate-limit headers.
    fn set_rate_limit(&mut self, rate_limit: Option<RateLimit>);
}

impl<R: PageResult + Send + 'static> Paged for Page<R> {
    fn decode(received: &Received<'_>) -> Result<Self, Error> {
        crate::response::decode_page(received)
    }

    fn next_cursor(&self) -> Option<&str> {
        real_cursor(self.next_cursor.as_deref())
    }

    fn set_rate_limit(&mut self, rate_limit: Option<RateLimit>) {
        self.rate_limit = rate_limit;
    }
}

/// Untyped pages (`raw`/`normalized` formats): the cursor is read from the body when it has one.
impl Paged for Value {
    fn decode(received: &Received<'_>) -> Result<Self, Error> {
        crate::response::decode_json(received)
    }

    fn next_cursor(&self) -> Option<&str> {
        real_cursor(self.get(CURSOR_PARAM)?.as_str())
    }

    fn set_rate_limit(&mut self, _: Option<RateLimit>) {}
}

/// Where pagination stands between two pages.
enum Next {
    /// Fetch this request.
    Fetch(Request),
    /// The last page repeated an earlier cursor: its records were delivered, now report the loop.
    Fail(Error),
    /// The last page had no cursor.
    Done,
}

/// Fetches pages lazily: the next request is sent only when the stream is polled past the current page.
/// Stops after a page without a cursor. A cursor the server already gave (a loop, however long) ends the
/// stream with an error after the page that carried it, instead of fetching forever.
pub(crate) fn paginate<P: Paged>(request: Request) -> BoxStream<'static, Result<P, Error>> {
    stream::try_unfold((Next::Fetch(request), HashSet::new()), |(next, mut seen)| async move {
        let request = match next {
            Next::Fetch(request) => request,
            Next::Fail(error) => return Err(error),
            Next::Done => return Ok(None),
        };
        if let Some(sent) = request.query(CURSOR_PARAM).and_then(Value::as_str) {
            seen.insert(sent.to_owned());
        }
        let page: P = request.fetch_list_page().await?;
        let next = match page.next_cursor() {
            None => Next::Done,
            Some(cursor) if seen.contains(cursor) => Next::Fail(Error::Protocol(format!(
                "{} {}: the server sent cursor {cursor:?} a second time; stopping instead of looping",
                request.method(),
                request.path()
            ))),
            Some(cursor) => {
                let mut next = request;
                next.set_query(CURSOR_PARAM, Value::String(cursor.to_owned()));
                Next::Fetch(next)
            }
        };
        Ok(Some((page, (next, seen))))
    })
    .boxed()
}

/// The entries of a page in the order they were sent: each record, and each record that could not be read
/// as an [`Error::Rejected`] item, so that a stream reports it and carries on.
fn entries<T>(page: ListPage<T>, method: String, path: String) -> impl Iterator<Item = Result<T, Error>> {
    let rejected = page.rejected.into_iter().peekable();
    InOrder { records: page.result.into_iter(), rejected, method, path, position: 0 }
}

/// Records and rejected records, merged by their position in the page.
struct InOrder<R, J: Iterator> {
    records: R,
    rejected: std::iter::Peekable<J>,
    method: String,
    path: String,
    position: usize,
}

impl<T, R: Iterator<Item = T>, J: Iterator<Item = crate::Rejected>> Iterator for InOrder<R, J> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let position = self.position;
        self.position += 1;
        if self.rejected.peek().is_some_and(|rejected| rejected.index <= position) {
            let rejected = self.rejected.next()?;
            let (method, path) = (self.method.clone(), self.path.clone());
            return Some(Err(Error::Rejected(Box::new(RejectedRecord { method, path, rejected }))));
        }
        match self.records.next() {
            Some(record) => Some(Ok(record)),
            None => self.rejected.next().map(|rejected| {
                let (method, path) = (self.method.clone(), self.path.clone());
                Err(Error::Rejected(Box::new(RejectedRecord { method, path, rejected })))
            }),
        }
    }
}

/// Every page of a list, following `next_cursor`.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<T> {
    inner: Lazy<ListPage<T>>,
}

impl<T: Item + Send + 'static> Pages<T> {
    /// The pages of `request`, starting at its `next_cursor` when it has one.
    pub fn new(request: Request) -> Self {
        Self { inner: Lazy::Unstarted(Some(request)) }
    }
}

impl<T: Item + Send + 'static> Stream for Pages<T> {
    type Item = Result<ListPage<T>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.poll_next(cx, paginate)
    }
}

impl<T> std::fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pages")
    }
}

/// Every record of a list, across pages.
///
/// A record that could not be read at all comes as an [`Error::Rejected`] item, with its JSON as sent, and
/// the stream carries on with the next record; any other error ends the stream.
#[must_use = "streams do nothing unless polled"]
pub struct Items<T> {
    inner: Lazy<T>,
}

impl<T: Item + Send + 'static> Items<T> {
    /// The records of `request`, page after page.
    pub fn new(request: Request) -> Self {
        Self { inner: Lazy::Unstarted(Some(request)) }
    }
}

impl<T: Item + Send + 'static> Stream for Items<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.poll_next(cx, |request| {
            let (method, path) = (request.method().to_string(), request.path());
            paginate::<ListPage<T>>(request)
                .map_ok(move |page| stream::iter(entries(page, method.clone(), path.clone())))
                .try_flatten()
                .boxed()
        })
    }
}

impl<T> std::fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Items")
    }
}

/// A stream built on its first poll, not when the request builder's `stream()`/`pages()` is called.
///
/// Build cost: `ListUsers::stream()` is a non-generic function of the generated crate. If it built the
/// boxed stream itself, rustc would have to compile the whole pagination and decoding path (serde visitors
/// of every model) into the generated crate, for every resource, whether or not any program ever streams
/// it. Built here, inside the generic `poll_next`, that code is compiled only into the programs that poll
/// the stream, and only for the resources they stream.
enum Lazy<T> {
    Unstarted(Option<Request>),
    Started(BoxStream<'static, Result<T, Error>>),
}

impl<T> Lazy<T> {
    fn poll_next(
        &mut self,
        cx: &mut Context<'_>,
        start: impl FnOnce(Request) -> BoxStream<'static, Result<T, Error>>,
    ) -> Poll<Option<Result<T, Error>>> {
        if let Self::Unstarted(request) = self {
            match request.take() {
                Some(request) => *self = Self::Started(start(request)),
                None => return Poll::Ready(None),
            }
        }
        match self {
            Self::Started(inner) => inner.as_mut().poll_next(cx),
            Self::Unstarted(_) => Poll::Ready(None),
        }
    }
}

/// A list requested with `truto_key_by`: pages map each value of the key field to its record.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct KeyedList<T> {
    request: Request,
    _record: std::marker::PhantomData<fn() -> T>,
}

impl<T: Item + Send + 'static> KeyedList<T> {
    /// `request` with `truto_key_by=field` set.
    pub(crate) fn new(mut request: Request, field: String) -> Self {
        request.set_query(crate::request::KEY_BY_PARAM, Value::String(field));
        Self { request, _record: std::marker::PhantomData }
    }

    /// Sends the request and returns one page.
    pub async fn send(self) -> Result<KeyedPage<T>, Error> {
        self.request.fetch_list_page().await
    }

    /// Every page, following `next_cursor`.
    pub fn pages(self) -> BoxStream<'static, Result<KeyedPage<T>, Error>> {
        paginate(self.request)
    }

    /// Every `(key, record)` pair, across pages (records that cannot be read are left out: see each page's
    /// `rejected`).
    pub fn stream(self) -> BoxStream<'static, Result<(String, T), Error>> {
        paginate::<KeyedPage<T>>(self.request)
            .map_ok(|page| stream::iter(page.result.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }
}

/// A list in an untyped response format (`raw`, `normalized`).
///
/// Truto does not document whether these formats keep the list envelope, so pages are whole bodies:
/// [`pages`](Self::pages) follows `next_cursor` when a body has one, and [`stream`](Self::stream) yields the
/// entries of a body's `result` array (or the body itself when it has none).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct JsonList {
    request: Request,
}

impl JsonList {
    /// Wraps a request whose response format is already set.
    pub(crate) fn new(request: Request) -> Self {
        Self { request }
    }

    /// Sends the request and returns the body.
    pub async fn send(self) -> Result<Value, Error> {
        self.request.fetch_value().await
    }

    /// Every page body, following `next_cursor`.
    pub fn pages(self) -> BoxStream<'static, Result<Value, Error>> {
        paginate(self.request)
    }

    /// Every record across pages.
    pub fn stream(self) -> BoxStream<'static, Result<Value, Error>> {
        paginate::<Value>(self.request)
            .map_ok(|mut page| {
                let records = match page.get_mut("result").map(Value::take) {
                    Some(Value::Array(records)) => records,
                    Some(Value::Object(keyed)) => keyed.into_iter().map(|(_, record)| record).collect(),
                    _ => vec![page],
                };
                stream::iter(records.into_iter().map(Ok))
            })
            .try_flatten()
            .boxed()
    }

    /// The request as it stands.
    pub fn into_request(self) -> Request {
        self.request
    }
}
