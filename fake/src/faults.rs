//! Fault injection: answers that go wrong on purpose, for the next N requests or for requests matching a method
//! and a path.

use std::time::Duration;

use serde_json::Value;

/// Something that goes wrong with one answer.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Fault {
    /// `429 Too Many Requests` with `Retry-After: <seconds>` and Truto's error body, as Truto's own rate limits
    /// answer. The request has no other effect.
    RateLimited {
        /// The `Retry-After` value, in seconds.
        retry_after: u64,
    },
    /// An error status (`500`, `502`, `503`, …) with Truto's error body. The request has no other effect.
    Status(u16),
    /// Exactly this status and JSON body (an integration's error, say). The request has no other effect.
    Json {
        /// The status.
        status: u16,
        /// The body.
        body: Value,
    },
    /// The whole answer comes after this long (client timeouts before the status line).
    Delay(Duration),
    /// The status line and headers come at once, the body after this long (timeouts while reading a body).
    SlowBody(Duration),
    /// The status line and headers with the full `Content-Length`, then only half of the body (at least one
    /// byte fewer), then the connection closes. The request itself takes effect.
    TruncatedBody,
    /// The connection is reset (TCP RST) without an answer. The request has no other effect.
    ResetConnection,
    /// A record that cannot be read (`{"id": {"malformed": true}}`) is added first to an otherwise valid page
    /// (under the key `malformed` with `truto_key_by`), or replaces the record of a get, create or update. The
    /// request itself takes effect.
    MalformedRecord,
}

impl Fault {
    /// [`Fault::RateLimited`] asking to wait `retry_after` seconds.
    pub fn rate_limited(retry_after: u64) -> Self {
        Self::RateLimited { retry_after }
    }

    /// Whether the fault replaces the answer (and the request is not carried out).
    pub(crate) fn replaces_answer(&self) -> bool {
        matches!(self, Self::RateLimited { .. } | Self::Status(_) | Self::Json { .. } | Self::ResetConnection)
    }
}

/// Which requests a fault applies to, and how many times.
///
/// ```
/// use truto_unified_fake::{Fault, FaultRule};
/// // The next two GETs of the users list answer 502; other requests are unaffected.
/// let rule = FaultRule::new(Fault::Status(502)).method("GET").path("/unified/calendar/users").times(2);
/// # let _ = rule;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct FaultRule {
    fault: Fault,
    method: Option<String>,
    path: Option<PathMatch>,
    remaining: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
enum PathMatch {
    Exact(String),
    Prefix(String),
}

impl FaultRule {
    /// `fault` for the next request (whatever its method and path), once.
    pub fn new(fault: Fault) -> Self {
        Self { fault, method: None, path: None, remaining: Some(1) }
    }

    /// Only requests with this HTTP method (`GET`).
    pub fn method(mut self, method: &str) -> Self {
        self.method = Some(method.to_ascii_uppercase());
        self
    }

    /// Only requests to exactly this path (as sent, without the query): `/unified/calendar/users`.
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(PathMatch::Exact(path.into()));
        self
    }

    /// Only requests to paths starting with `prefix`: `/unified/calendar/users` also matches `…/users/u1`.
    pub fn path_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.path = Some(PathMatch::Prefix(prefix.into()));
        self
    }

    /// For the next `times` matching requests (0 disables the rule).
    pub fn times(mut self, times: u32) -> Self {
        self.remaining = Some(times);
        self
    }

    /// For every matching request, until [`FakeTruto::clear_faults`](crate::FakeTruto::clear_faults).
    pub fn always(mut self) -> Self {
        self.remaining = None;
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        let method_matches = self.method.as_deref().is_none_or(|wanted| wanted.eq_ignore_ascii_case(method));
        let path_matches = match &self.path {
            None => true,
            Some(PathMatch::Exact(wanted)) => wanted == path,
            Some(PathMatch::Prefix(prefix)) => path.starts_with(prefix.as_str()),
        };
        method_matches && path_matches && self.remaining != Some(0)
    }
}

/// The rules in force, in the order they were added: the first that matches a request applies.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    rules: Vec<FaultRule>,
}

impl Faults {
    /// Adds a rule after the others.
    pub fn add(&mut self, rule: FaultRule) {
        self.rules.push(rule);
    }

    /// Removes every rule.
    pub fn clear(&mut self) {
        self.rules.clear();
    }

    /// The fault for a request, counting it against its rule (a rule used up is removed).
    pub fn take(&mut self, method: &str, path: &str) -> Option<Fault> {
        let index = self.rules.iter().position(|rule| rule.matches(method, path))?;
        let rule = &mut self.rules[index];
        let fault = rule.fault.clone();
        if let Some(remaining) = &mut rule.remaining {
            *remaining -= 1;
            if *remaining == 0 {
                self.rules.remove(index);
            }
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_apply_in_order_to_matching_requests_until_used_up() {
        let mut faults = Faults::default();
        faults.add(FaultRule::new(Fault::Status(502)).method("get").path("/unified/a/b").times(2));
        faults.add(FaultRule::new(Fault::TruncatedBody).path_prefix("/unified/a/b/").always());
        faults.add(FaultRule::new(Fault::ResetConnection).times(0));
        assert_eq!(faults.take("POST", "/unified/a/b"), None);
        assert_eq!(faults.take("GET", "/unified/a/b"), Some(Fault::Status(502)));
        assert_eq!(faults.take("GET", "/unified/a/b/1"), Some(Fault::TruncatedBody));
        assert_eq!(faults.take("GET", "/unified/a/b"), Some(Fault::Status(502)));
        assert_eq!(faults.take("GET", "/unified/a/b"), None);
        assert_eq!(faults.take("DELETE", "/unified/a/b/2"), Some(Fault::TruncatedBody));
        faults.clear();
        assert_eq!(faults.take("DELETE", "/unified/a/b/2"), None);
    }

    #[test]
    fn a_plain_rule_is_the_next_request_once() {
        let mut faults = Faults::default();
        faults.add(FaultRule::new(Fault::rate_limited(3)));
        assert_eq!(faults.take("PATCH", "/anything"), Some(Fault::RateLimited { retry_after: 3 }));
        assert_eq!(faults.take("PATCH", "/anything"), None);
        assert!(Fault::ResetConnection.replaces_answer() && !Fault::MalformedRecord.replaces_answer());
    }
}
