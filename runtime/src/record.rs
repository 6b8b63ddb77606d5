//! Records as the client hands them over: every generated model is a [`Model`] (its extras and decode
//! issues); a list page delivers every record it can read and sets aside, as [`Rejected`], the ones it
//! cannot.

use std::fmt;

use serde_json::Value;

use crate::decode::{Ctx, DecodeIssue, IssueOutcome, Lenient, Outcome, Struct, to_value};
use crate::extras::Extras;

/// A generated model: a record of a resource or an object nested in one.
///
/// Besides its typed fields, a model keeps what the server sent that the schema does not describe
/// ([`unknown_fields`](Self::unknown_fields)), and the irregularities found while decoding it
/// ([`decode_issues`](Self::decode_issues)); encoding it writes everything back as it was received.
pub trait Model {
    /// What the model carries beyond its typed fields.
    fn extras(&self) -> &Extras;

    /// What did not fit the schema while decoding this record (a value of another type, a `null` in a list,
    /// a required field missing), with JSON paths from the record: `emails[1].is_primary`. Empty when the
    /// record fits. Issues inside nested objects are listed on the record they came with.
    fn decode_issues(&self) -> &[DecodeIssue] {
        self.extras().decode_issues()
    }

    /// Keys the schema does not describe, with their values, as they arrived.
    fn unknown_fields(&self) -> &[(String, Value)] {
        self.extras().unknown_fields()
    }

    /// The value of a key the schema does not describe.
    fn unknown_field(&self, key: &str) -> Option<&Value> {
        self.extras().unknown_field(key)
    }
}

impl<T: Struct> Model for T {
    fn extras(&self) -> &Extras {
        Struct::extras(self)
    }
}

/// A record of a list page that could not be read at all: not a JSON object, or without a usable `id`. The
/// page's other records are delivered; this one is kept here as it was sent.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Rejected {
    /// Its position in the page's `result` (for keyed pages, in the order the keys arrived).
    pub index: usize,
    /// Its key, for pages requested with `truto_key_by`.
    pub key: Option<String>,
    /// Why it was rejected.
    pub reason: String,
    /// The record as sent.
    pub raw: Value,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key {
            Some(key) => write!(f, "record result[{key:?}] rejected: {}", self.reason),
            None => write!(f, "record result[{}] rejected: {}", self.index, self.reason),
        }
    }
}

/// What can be a record of a page or a response: a generated model, or untyped JSON.
pub trait Item: Lenient {
    /// Keeps `issues` on the record; or, when they make it unusable (its `id` missing or not a scalar), says
    /// why. (By reference: a record is large, and moving it costs on every record of every page.)
    fn accept(&mut self, issues: Vec<DecodeIssue>) -> Result<(), String>;

    /// Its decode issues.
    fn issues(&self) -> &[DecodeIssue];
}

impl<T: Struct> Item for T {
    fn accept(&mut self, issues: Vec<DecodeIssue>) -> Result<(), String> {
        let unusable_id = issues
            .iter()
            .find(|issue| issue.path == "id" && matches!(issue.outcome, IssueOutcome::Missing | IssueOutcome::Kept));
        if let Some(issue) = unusable_id {
            return Err(match issue.outcome {
                IssueOutcome::Missing => "it has no `id`".to_owned(),
                _ => format!("its `id` is not a string or number ({})", issue.found),
            });
        }
        self.extras_mut().add_issues(issues);
        Ok(())
    }

    fn issues(&self) -> &[DecodeIssue] {
        self.extras().decode_issues()
    }
}

impl Item for Value {
    fn accept(&mut self, _: Vec<DecodeIssue>) -> Result<(), String> {
        Ok(())
    }

    fn issues(&self) -> &[DecodeIssue] {
        &[]
    }
}

/// One record read from `deserializer`: the record (with `note` among its issues), or why it is rejected,
/// with its raw JSON.
#[inline]
pub(crate) fn decode_item<'de, T: Item, D: serde::Deserializer<'de>>(
    deserializer: D,
    ctx: &mut Ctx,
    note: Option<DecodeIssue>,
) -> Result<Result<T, (String, Value)>, D::Error> {
    let mark = ctx.mark();
    Ok(match T::decode(deserializer, ctx)? {
        Outcome::Value(mut item) | Outcome::Converted(mut item, _) => {
            let mut issues = ctx.take_since(mark);
            issues.extend(note);
            match item.accept(issues) {
                Ok(()) => Ok(item),
                Err(reason) => Err((reason, to_value(&item))),
            }
        }
        Outcome::Null => {
            ctx.report(DecodeIssue::new(T::EXPECTED, "null".to_owned(), IssueOutcome::Skipped))?;
            ctx.take_since(mark);
            Err(("it is `null`".to_owned(), Value::Null))
        }
        Outcome::Unfitted(wire) => {
            let reason = ctx.take_since(mark).first().map_or_else(
                || format!("it is not {}", T::EXPECTED),
                |issue| format!("expected {}, found {}", issue.expected, issue.found),
            );
            Err((reason, *wire))
        }
    })
}
