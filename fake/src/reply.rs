//! What the fake answers before faults and delivery: a status, headers and a body.

use bytes::Bytes;
use serde_json::Value;

use crate::errors::TrutoError;

/// What an answer's body holds, for faults that corrupt records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Holds {
    /// A list page (`{result, next_cursor, …}`).
    Page,
    /// One record (get, create, update).
    Record,
    /// Anything else (errors, deletes, custom results).
    #[default]
    Other,
}

/// An answer: status, extra headers and the body bytes (JSON unless a header says otherwise).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// Headers besides `Content-Type: application/json` and `Content-Length`.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Bytes,
    /// The body as JSON, when it is JSON (faults that corrupt records work on it).
    pub json: Option<Value>,
    /// What the body holds.
    pub holds: Holds,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: Value) -> Self {
        let bytes = Bytes::from(serde_json::to_vec(&body).unwrap_or_default());
        Self { status, headers: Vec::new(), body: bytes, json: Some(body), holds: Holds::Other }
    }

    /// The same answer, marked as holding `holds`.
    pub fn holding(mut self, holds: Holds) -> Self {
        self.holds = holds;
        self
    }

    /// The same answer with `body` instead.
    pub fn with_json(mut self, body: Value) -> Self {
        self.body = Bytes::from(serde_json::to_vec(&body).unwrap_or_default());
        self.json = Some(body);
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

impl From<TrutoError> for Reply {
    fn from(error: TrutoError) -> Self {
        let reply = Reply::json(error.status, error.body());
        match error.retry_after {
            Some(seconds) => reply.header("retry-after", seconds.to_string()),
            None => reply,
        }
    }
}
