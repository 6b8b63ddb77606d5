//! Turning a success body into what a call returns: a page, a record, a custom method's `result`, untyped
//! JSON, or the answer to a delete; logging every irregularity; and the decode error (with the JSON path
//! and the raw body) when the body cannot be read at all.

use serde::Deserializer;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use super::{Deleted, Origin};
use crate::decode::{Ctx, DecodeIssue, IssueOutcome, Lenient, Outcome, Placeholder, Seed};
use crate::error::{DecodeError, Error};
use crate::page::{Page, PageResult};
use crate::record::{Item, decode_item};

/// A success response, as the decoders need it.
pub(crate) struct Received<'a> {
    pub body: &'a [u8],
    pub status: u16,
    pub origin: &'a Origin,
    /// Fail on the first irregularity instead of keeping it.
    pub strict: bool,
}

impl Received<'_> {
    /// Whether the body is empty (`204 No Content`, or an empty `200`).
    pub fn is_empty(&self) -> bool {
        self.body.iter().all(u8::is_ascii_whitespace)
    }

    fn error(&self, json_path: String, message: String) -> Error {
        Error::Decode(Box::new(DecodeError {
            method: self.origin.method.clone(),
            path: self.origin.path.clone(),
            status: self.status,
            json_path,
            message,
            raw_body: String::from_utf8_lossy(self.body).into_owned(),
        }))
    }

    /// The decode error for `error`, with the JSON path where it happened: the body is decoded a second time
    /// by `retrace` with the path tracked, so the common case pays nothing for the error path.
    fn failed(
        &self,
        error: &serde_json::Error,
        retrace: impl FnOnce(Tracked<'_, '_, '_>) -> Result<(), serde_json::Error>,
    ) -> Error {
        let mut inner = serde_json::Deserializer::from_slice(self.body);
        let mut track = serde_path_to_error::Track::new();
        let retraced = retrace(serde_path_to_error::Deserializer::new(&mut inner, &mut track));
        let json_path = match retraced {
            Err(_) => track.path().to_string(),
            Ok(()) => ".".to_owned(),
        };
        self.error(json_path, error.to_string())
    }
}

/// The path-tracking deserializer errors are retraced with.
type Tracked<'a, 't, 'b> =
    serde_path_to_error::Deserializer<'a, 't, &'t mut serde_json::Deserializer<serde_json::de::SliceRead<'b>>>;

/// Logs the issues found at `at` (`result[3]`, or empty for the whole body).
pub(crate) fn log_issues(origin: &Origin, at: &str, issues: &[DecodeIssue]) {
    for issue in issues {
        let json_path = match (at.is_empty(), issue.path.is_empty(), issue.path.starts_with('[')) {
            (true, _, _) => issue.path.clone(),
            (false, true, _) => at.to_owned(),
            (false, false, true) => format!("{at}{}", issue.path),
            (false, false, false) => format!("{at}.{}", issue.path),
        };
        tracing::warn!(
            method = %origin.method,
            path = %origin.path,
            json_path = %json_path,
            expected = %issue.expected,
            found = %issue.found,
            outcome = ?issue.outcome,
            "a value does not fit the schema"
        );
    }
}

/// A list page.
pub(crate) fn decode_page<R: PageResult>(received: &Received<'_>) -> Result<Page<R>, Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(received.body);
    let decoded = crate::page::decode_page::<R, _>(&mut deserializer, received.strict)
        .and_then(|decoded| deserializer.end().map(|()| decoded));
    match decoded {
        Ok((page, leftover)) => {
            page.result.each_issue(&mut |at, issue| log_issues(received.origin, &at, std::slice::from_ref(issue)));
            for rejected in &page.rejected {
                tracing::warn!(
                    method = %received.origin.method,
                    path = %received.origin.path,
                    index = rejected.index,
                    reason = %rejected.reason,
                    "a record cannot be read; the page's other records are delivered"
                );
            }
            log_issues(received.origin, "", &leftover);
            Ok(page)
        }
        Err(error) => {
            Err(received.failed(&error, |tracked| crate::page::decode_page::<R, _>(tracked, received.strict).map(drop)))
        }
    }
}

/// One record (`get`, `create`, `update`). `note` is an issue to add to it (an empty answer).
pub(crate) fn decode_record<T: Item>(received: &Received<'_>, note: Option<DecodeIssue>) -> Result<T, Error> {
    let mut ctx = Ctx::new(received.strict);
    let mut deserializer = serde_json::Deserializer::from_slice(received.body);
    let decoded =
        decode_item::<T, _>(&mut deserializer, &mut ctx, note).and_then(|item| deserializer.end().map(|()| item));
    match decoded {
        Ok(Ok(record)) => {
            log_issues(received.origin, "", record.issues());
            log_issues(received.origin, "", &ctx.take_since(0));
            Ok(record)
        }
        Ok(Err((reason, _))) => Err(received.error(".".to_owned(), format!("the record cannot be read: {reason}"))),
        Err(error) => Err(received
            .failed(&error, |tracked| decode_item::<T, _>(tracked, &mut Ctx::new(received.strict), None).map(drop))),
    }
}

/// The `result` of a custom method's `{result}` answer; an empty body is an empty result.
pub(crate) fn decode_result<T: Lenient + Placeholder>(received: &Received<'_>) -> Result<T, Error> {
    if received.is_empty() {
        return Ok(T::placeholder());
    }
    let mut ctx = Ctx::new(received.strict);
    let mut deserializer = serde_json::Deserializer::from_slice(received.body);
    let decoded = deserializer
        .deserialize_map(ResultVisitor::<T> { ctx: &mut ctx, _result: std::marker::PhantomData })
        .and_then(|outcome| deserializer.end().map(|()| outcome));
    match decoded {
        Ok(Outcome::Value(mut result) | Outcome::Converted(mut result, _)) => {
            let rest = result.adopt(ctx.take_since(0));
            log_issues(received.origin, "result", &rest);
            Ok(result)
        }
        Ok(Outcome::Null) => Ok(T::placeholder()),
        Ok(Outcome::Unfitted(wire)) => Err(received
            .error("result".to_owned(), format!("expected {}, found {}", T::EXPECTED, crate::decode::describe(&wire)))),
        Err(error) => Err(received.failed(&error, |tracked| {
            let visitor = ResultVisitor::<T> { ctx: &mut Ctx::new(received.strict), _result: std::marker::PhantomData };
            tracked.deserialize_map(visitor).map(drop)
        })),
    }
}

/// `{result: T, …}`: the `result`, other keys ignored; `null` when there is none.
struct ResultVisitor<'a, T> {
    ctx: &'a mut Ctx,
    _result: std::marker::PhantomData<fn() -> T>,
}

impl<'de, T: Lenient> Visitor<'de> for ResultVisitor<'_, T> {
    type Value = Outcome<T>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("an object with `result`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome<T>, A::Error> {
        let mut result = Outcome::Null;
        while let Some(key) = map.next_key::<String>()? {
            if key == "result" {
                result = map.next_value_seed(Seed::<T>::new(&mut *self.ctx))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(result)
    }
}

/// Untyped JSON; an empty body is `null`.
pub(crate) fn decode_json(received: &Received<'_>) -> Result<Value, Error> {
    if received.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(received.body)
        .map_err(|error| received.failed(&error, |tracked| serde::Deserialize::deserialize(tracked).map(|_: Value| ())))
}

/// The answer to a delete: `{id}`, or, for an empty body (`204 No Content`), the id the request named. An
/// `id` sent as a number is taken as its text.
pub(crate) fn decode_deleted(received: &Received<'_>, requested: Option<&str>) -> Result<Deleted, Error> {
    let requested = requested.unwrap_or_default();
    if received.is_empty() {
        return Ok(Deleted { id: requested.to_owned() });
    }
    let body = decode_json(received)?;
    let id = match body.get("id") {
        Some(Value::String(id)) => id.clone(),
        Some(Value::Number(id)) => id.to_string(),
        _ => requested.to_owned(),
    };
    Ok(Deleted { id })
}

/// The note added to a record built from an empty answer.
pub(crate) fn empty_answer(status: u16) -> DecodeIssue {
    DecodeIssue::new("the updated record", format!("an empty body (HTTP {status})"), IssueOutcome::Missing)
}

impl<'de> de::Deserialize<'de> for Deleted {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let body = Value::deserialize(deserializer)?;
        let id = match body.get("id") {
            Some(Value::String(id)) => id.clone(),
            Some(Value::Number(id)) => id.to_string(),
            _ => String::new(),
        };
        Ok(Deleted { id })
    }
}
