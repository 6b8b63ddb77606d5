//! Every request the fake received, to assert on: method, path, query, headers (token redacted), body, and what
//! the fake answered.

use std::collections::VecDeque;

use serde_json::{Map, Value, json};

/// At most this many requests are kept; older ones are dropped (a long-running `truto-codegen fake`).
pub const MAX_RECORDED: usize = 100_000;

/// One request as the fake received it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// `GET`, `POST`, ….
    pub method: String,
    /// The path as sent, percent-encoding included (`/unified/crm/contacts/a%2Fb`).
    pub path: String,
    /// The query pairs, decoded, in the order sent (`("remote_query[foo]", "bar")`).
    pub query: Vec<(String, String)>,
    /// The headers, names in lower case, in the order sent; `authorization` reads `Bearer [redacted]`.
    pub headers: Vec<(String, String)>,
    /// The body bytes (empty when there was none).
    pub body: Vec<u8>,
    /// The status the fake answered with; `None` when it reset the connection instead.
    pub status: Option<u16>,
    /// The fault injected into the answer, if any (`Fault`'s `Debug`).
    pub fault: Option<String>,
}

impl RecordedRequest {
    /// Whether this was `method` of exactly `path` (`("GET", "/unified/crm/contacts")`).
    pub fn is(&self, method: &str, path: &str) -> bool {
        self.method.eq_ignore_ascii_case(method) && self.path == path
    }

    /// The first value of query parameter `name`, exactly as named (`truto_exclude_fields[]`).
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// Every value of query parameter `name`, in order.
    pub fn query_values(&self, name: &str) -> Vec<&str> {
        self.query.iter().filter(|(key, _)| key == name).map(|(_, value)| value.as_str()).collect()
    }

    /// `remote_query` as sent: `remote_query[foo]=bar` gives `("foo", "bar")`, `remote_query[a][b]=c` gives
    /// `("a[b]", "c")`.
    pub fn remote_query(&self) -> Vec<(String, String)> {
        self.query
            .iter()
            .filter_map(|(key, value)| {
                let rest = key.strip_prefix("remote_query[")?;
                let (first, tail) = rest.split_once(']')?;
                Some((format!("{first}{tail}"), value.clone()))
            })
            .collect()
    }

    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// The body as JSON, when it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The request as JSON, as `GET /_fake/requests` lists it.
    pub fn to_json(&self) -> Value {
        let pairs = |pairs: &[(String, String)]| -> Value {
            pairs.iter().map(|(key, value)| json!([key, value])).collect::<Vec<_>>().into()
        };
        let mut object = Map::new();
        object.insert("method".into(), self.method.clone().into());
        object.insert("path".into(), self.path.clone().into());
        object.insert("query".into(), pairs(&self.query));
        object.insert("headers".into(), pairs(&self.headers));
        object.insert("body".into(), self.json().unwrap_or_else(|| self.body_text().into()));
        object.insert("status".into(), self.status.into());
        object.insert("fault".into(), self.fault.clone().into());
        Value::Object(object)
    }
}

/// The header value recorded for `name`: the token never is.
pub(crate) fn redact(name: &str, value: &str) -> String {
    if !name.eq_ignore_ascii_case("authorization") {
        return value.to_owned();
    }
    match value.split_once(' ') {
        Some((scheme, _)) => format!("{scheme} [redacted]"),
        None => "[redacted]".to_owned(),
    }
}

/// The requests received, oldest first.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    requests: VecDeque<RecordedRequest>,
}

impl RequestLog {
    /// Records a request.
    pub fn push(&mut self, request: RecordedRequest) {
        if self.requests.len() == MAX_RECORDED {
            self.requests.pop_front();
        }
        self.requests.push_back(request);
    }

    /// Every request kept, oldest first.
    pub fn all(&self) -> Vec<RecordedRequest> {
        self.requests.iter().cloned().collect()
    }

    /// Forgets every request.
    pub fn clear(&mut self) {
        self.requests.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> RecordedRequest {
        RecordedRequest {
            method: "GET".into(),
            path: "/unified/crm/contacts".into(),
            query: vec![
                ("remote_query[foo]".into(), "bar".into()),
                ("remote_query[a][b]".into(), "c".into()),
                ("truto_exclude_fields[]".into(), "id".into()),
                ("truto_exclude_fields[]".into(), "name".into()),
            ],
            headers: vec![("authorization".into(), redact("Authorization", "Bearer s3cret"))],
            body: br#"{"a":1}"#.to_vec(),
            status: Some(200),
            fault: None,
        }
    }

    #[test]
    fn queries_headers_and_bodies_are_easy_to_assert_on() {
        let request = request();
        assert!(request.is("get", "/unified/crm/contacts"));
        assert_eq!(request.remote_query(), [("foo".into(), "bar".into()), ("a[b]".into(), "c".into())]);
        assert_eq!(request.query_values("truto_exclude_fields[]"), ["id", "name"]);
        assert_eq!(request.query_value("missing"), None);
        assert_eq!(request.header("Authorization"), Some("Bearer [redacted]"));
        assert_eq!(request.json(), Some(json!({"a": 1})));
        assert!(!request.to_json().to_string().contains("s3cret"));
        assert_eq!(redact("authorization", "s3cret"), "[redacted]");
        assert_eq!(redact("accept", "application/json"), "application/json");
    }

    #[test]
    fn the_log_is_bounded() {
        let mut log = RequestLog::default();
        for _ in 0..MAX_RECORDED + 3 {
            log.push(request());
        }
        assert_eq!(log.all().len(), MAX_RECORDED);
        log.clear();
        assert!(log.all().is_empty());
    }
}
