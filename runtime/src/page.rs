//! List pages and the streams that walk them, one page in memory at a time.

use std::collections::{BTreeMap, HashSet};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{self, BoxStream, Stream, StreamExt, TryStreamExt};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::Error;
use super::request::Request;
use super::response::RateLimit;
use super::serde_helpers::null_as_default;

/// The query parameter (and envelope field) carrying the cursor of the next page.
pub const CURSOR_PARAM: &str = "next_cursor";

/// One page of a list: `{result, next_cursor, prev_cursor, result_count, is_partial_response}`, where
/// `result` is a `Vec` of records ([`ListPage`]) or, with `truto_key_by`, a map of them ([`KeyedPage`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "R: Deserialize<'de> + Default"))]
#[non_exhaustive]
pub struct Page<R> {
    /// The records of this page.
    #[serde(default, deserialize_with = "null_as_default")]
    pub result: R,
    /// The cursor to use for the next page of results: pass it as `next_cursor` in the next request.
    /// `None` on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
    /// The cursor of the previous page, when the integration provides one.
    #[serde(default)]
    pub prev_cursor: Option<String>,
    /// How many records this page holds, as counted by Truto.
    #[serde(default)]
    pub result_count: Option<u64>,
    /// `true` when the integration's list returned only some fields of each record: use `get` for the
    /// full object.
    #[serde(default)]
    pub is_partial_response: Option<bool>,
    /// The rate-limit headers of the response that carried this page.
    #[serde(skip)]
    pub rate_limit: Option<RateLimit>,
}

/// A page of records.
pub type ListPage<T> = Page<Vec<T>>;

/// A page of a list requested with `truto_key_by`: the records by the value of the key field.
pub type KeyedPage<T> = Page<BTreeMap<String, T>>;

impl<R> Page<R> {
    /// Whether another page follows.
    pub fn has_next(&self) -> bool {
        real_cursor(self.next_cursor.as_deref()).is_some()
    }
}

/// A cursor that names a next page: some integrations send `""` on the last page instead of `null`.
fn real_cursor(cursor: Option<&str>) -> Option<&str> {
    cursor.filter(|cursor| !cursor.is_empty())
}

/// What pagination needs of a page.
pub(crate) trait Paged: DeserializeOwned + Send + 'static {
    /// The cursor of the next page, if any (never empty).
    fn next_cursor(&self) -> Option<&str>;
    /// Records the response's rate-limit headers.
    fn set_rate_limit(&mut self, rate_limit: Option<RateLimit>);
}

impl<R: DeserializeOwned + Default + Send + 'static> Paged for Page<R> {
    fn next_cursor(&self) -> Option<&str> {
        real_cursor(self.next_cursor.as_deref())
    }

    fn set_rate_limit(&mut self, rate_limit: Option<RateLimit>) {
        self.rate_limit = rate_limit;
    }
}

/// Untyped pages (`raw`/`normalized` formats): the cursor is read from the body when it has one.
impl Paged for Value {
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

/// Every page of a list, following `next_cursor`.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<T> {
    inner: Lazy<ListPage<T>>,
}

impl<T: DeserializeOwned + Send + 'static> Pages<T> {
    /// The pages of `request`, starting at its `next_cursor` when it has one.
    pub fn new(request: Request) -> Self {
        Self { inner: Lazy::Unstarted(Some(request)) }
    }
}

impl<T: DeserializeOwned + Send + 'static> Stream for Pages<T> {
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
#[must_use = "streams do nothing unless polled"]
pub struct Items<T> {
    inner: Lazy<T>,
}

impl<T: DeserializeOwned + Send + 'static> Items<T> {
    /// The records of `request`, page after page.
    pub fn new(request: Request) -> Self {
        Self { inner: Lazy::Unstarted(Some(request)) }
    }
}

impl<T: DeserializeOwned + Send + 'static> Stream for Items<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.poll_next(cx, |request| {
            paginate::<ListPage<T>>(request)
                .map_ok(|page| stream::iter(page.result.into_iter().map(Ok)))
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
/// of every model, twice with the error-path decoder) into the generated crate, for every resource,
/// whether or not any program ever streams it. Built here, inside the generic `poll_next`, that code is
/// compiled only into the programs that poll the stream, and only for the resources they stream.
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

impl<T: DeserializeOwned + Send + 'static> KeyedList<T> {
    /// `request` with `param=field` set.
    pub fn new(mut request: Request, param: &'static str, field: String) -> Self {
        request.set_query(param, Value::String(field));
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

    /// Every `(key, record)` pair, across pages.
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
    pub fn new(request: Request) -> Self {
        Self { request }
    }

    /// Sends the request and returns the body.
    pub async fn send(self) -> Result<Value, Error> {
        self.request.fetch_json().await
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
}
