//! List pages, and the streams that walk them one page in memory at a time.

mod decode;
mod streams;

use std::collections::BTreeMap;

use serde::Serialize;

use super::record::Rejected;
use super::response::RateLimit;

pub(crate) use decode::{PageResult, decode_page};
pub(crate) use streams::JsonList;
pub(crate) use streams::Paged;
pub use streams::{Items, KeyedList, Pages};

/// The query parameter (and envelope field) carrying the cursor of the next page.
pub const CURSOR_PARAM: &str = "next_cursor";

/// One page of a list: `{result, next_cursor, prev_cursor, result_count, is_partial_response}`, where
/// `result` is a `Vec` of records ([`ListPage`]) or, with `truto_key_by`, a map of them ([`KeyedPage`]).
///
/// A record that cannot be read at all (not an object, or without a usable `id`) does not cost the page:
/// it is left out of `result` and kept, as sent, in [`rejected`](Self::rejected). Records that can be read
/// but do not fit the schema exactly are in `result`, with their
/// [`decode_issues`](crate::Model::decode_issues).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Page<R> {
    /// The records of this page.
    pub result: R,
    /// The cursor to use for the next page of results: pass it as `next_cursor` in the next request.
    /// `None` on the last page.
    pub next_cursor: Option<String>,
    /// The cursor of the previous page, when the integration provides one.
    pub prev_cursor: Option<String>,
    /// How many records this page holds, as counted by Truto.
    pub result_count: Option<u64>,
    /// `true` when the integration's list returned only some fields of each record: use `get` for the
    /// full object.
    pub is_partial_response: Option<bool>,
    /// Records of this page that could not be read, with their JSON as sent.
    #[serde(skip)]
    pub rejected: Vec<Rejected>,
    /// The rate-limit headers of the response that carried this page.
    #[serde(skip)]
    pub rate_limit: Option<RateLimit>,
}

/// A page of records.
pub type ListPage<T> = Page<Vec<T>>;

/// A page of a list requested with `truto_key_by`: the records by the value of the key field.
pub type KeyedPage<T> = Page<BTreeMap<String, T>>;

impl<R: Default> Default for Page<R> {
    fn default() -> Self {
        Self {
            result: R::default(),
            next_cursor: None,
            prev_cursor: None,
            result_count: None,
            is_partial_response: None,
            rejected: Vec::new(),
            rate_limit: None,
        }
    }
}

impl<R> Page<R> {
    /// Whether another page follows.
    pub fn has_next(&self) -> bool {
        real_cursor(self.next_cursor.as_deref()).is_some()
    }

    /// Records of this page that could not be read at all, with their JSON as sent and the reason.
    pub fn rejected(&self) -> &[Rejected] {
        &self.rejected
    }
}

/// A cursor that names a next page: some integrations send `""` on the last page instead of `null`.
pub(crate) fn real_cursor(cursor: Option<&str>) -> Option<&str> {
    cursor.filter(|cursor| !cursor.is_empty())
}
