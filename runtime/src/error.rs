//! One error type for every call, keeping whatever the server said.

use std::fmt;
use std::time::Duration;

use serde_json::Value;

use super::response::RateLimit;

/// Everything a call can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an error status. Truto's error body is kept, parsed and raw.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The server answered with a success status, but the body is not what the bindings expect. The raw body
    /// and the JSON path of the first mismatch are kept.
    #[error("{0}")]
    Decode(Box<DecodeError>),
    /// An attempt took longer than the configured timeout (after any retries).
    #[error("{method} {path}: no complete response within {after:?}")]
    Timeout {
        /// HTTP method.
        method: String,
        /// Path below the base URL.
        path: String,
        /// The timeout that expired.
        after: Duration,
    },
    /// The request never got a complete response: connection refused, reset, TLS failure, ….
    ///
    /// The message says which stage failed; the underlying error (and its own cause, such as "Connection
    /// refused") is the [`source`](std::error::Error::source).
    #[error("{method} {path}: {}", transport_stage(source))]
    Transport {
        /// HTTP method.
        method: String,
        /// Path below the base URL.
        path: String,
        /// What the HTTP stack said.
        #[source]
        source: reqwest::Error,
    },
    /// The response body exceeded the configured limit ([`ClientBuilder::max_body_bytes`]).
    ///
    /// [`ClientBuilder::max_body_bytes`]: super::ClientBuilder::max_body_bytes
    #[error("{method} {path}: response body larger than {limit} bytes")]
    BodyTooLarge {
        /// HTTP method.
        method: String,
        /// Path below the base URL.
        path: String,
        /// The limit that was exceeded.
        limit: usize,
    },
    /// A record of a list could not be read at all (not an object, or without a usable `id`): the stream of
    /// records yields this item for it, with its JSON as sent, and carries on with the next record.
    #[error("{0}")]
    Rejected(Box<RejectedRecord>),
    /// The request was not sent because it cannot be right (an empty id, …).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The server broke the API's conventions (for example, answered a cursor with the same cursor).
    #[error("protocol error: {0}")]
    Protocol(String),
    /// The client is misconfigured (no token, a base URL that is not a URL, …).
    #[error("configuration error: {0}")]
    Config(String),
}

/// Which stage of an HTTP exchange a transport error happened in, for its message.
fn transport_stage(error: &reqwest::Error) -> &'static str {
    if error.is_connect() {
        "could not connect to the server"
    } else if error.is_timeout() {
        "the request timed out"
    } else if error.is_redirect() {
        "the server's redirects could not be followed"
    } else if error.is_body() || error.is_decode() {
        "the connection failed while the response was read"
    } else if error.is_builder() {
        "the request could not be built"
    } else {
        "the request failed before a response arrived"
    }
}

impl Error {
    /// Whether trying the same request again may succeed: 408, 425, 429, 500, 502 and 504 answers (whether
    /// or not their body could be read), timeouts (of the head or of the body), and transport failures (a
    /// connection that could not be opened, or that broke before the response was complete). Never
    /// 400/401/403/404/409/422, nor 503 (Truto's "account blocked"), nor a body over the size limit.
    ///
    /// This is exactly what the client retries, for a request that is idempotent (GET, PUT, DELETE, or any
    /// request with an idempotency key); a POST or PATCH without one is retried only when the connection
    /// could not be opened ([`is_connect`](Self::is_connect)), since the server then never saw it.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Api(error) => super::retry::is_retryable_status(error.status),
            Self::Timeout { .. } => true,
            Self::Transport { source, .. } => {
                source.is_connect()
                    || source.is_timeout()
                    || source.is_request()
                    || source.is_body()
                    || source.is_decode()
            }
            Self::Decode(_)
            | Self::Rejected(_)
            | Self::BodyTooLarge { .. }
            | Self::InvalidRequest(_)
            | Self::Protocol(_)
            | Self::Config(_) => false,
        }
    }

    /// Whether the connection to the server could not be opened: the request never left the client.
    pub fn is_connect(&self) -> bool {
        matches!(self, Self::Transport { source, .. } if source.is_connect())
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(error) => Some(error.status),
            Self::Decode(error) => Some(error.status),
            _ => None,
        }
    }

    /// Truto's error body, for [`Error::Api`].
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(error) => Some(error),
            _ => None,
        }
    }
}

/// An error status from the server, with everything it said.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP method of the request.
    pub method: String,
    /// Path of the request below the base URL.
    pub path: String,
    /// HTTP status code.
    pub status: u16,
    /// Truto's error body, when the body is JSON (`{statusCode, error, message, …}`).
    pub body: Option<TrutoErrorBody>,
    /// The body exactly as received (lossily decoded as UTF-8).
    pub raw_body: String,
    /// How long the server asked to wait before retrying (`Retry-After`).
    pub retry_after: Option<Duration>,
    /// The `ratelimit-*` headers.
    pub rate_limit: Option<RateLimit>,
    /// Why the body could not be read whole (the connection broke, it timed out, it exceeded the size
    /// limit); `raw_body` then holds what arrived, and `body` is `None`.
    pub body_problem: Option<String>,
}

impl ApiError {
    /// Truto's (or the integration's) message, when there is one.
    pub fn message(&self) -> Option<&str> {
        self.body.as_ref().and_then(|body| body.message.as_deref())
    }

    /// Whether the integration (not Truto) produced the error (`truto_is_remote_error`).
    pub fn is_remote(&self) -> bool {
        self.body.as_ref().and_then(|body| body.truto_is_remote_error).unwrap_or(false)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: HTTP {}", self.method, self.path, self.status)?;
        let body = self.body.as_ref();
        if let Some(error) = body.and_then(|body| body.error.as_deref()) {
            write!(f, " {error}")?;
        }
        match self.message() {
            Some(message) => write!(f, ": {message}")?,
            None if !self.raw_body.trim().is_empty() => {
                let excerpt: String = self.raw_body.trim().chars().take(200).collect();
                write!(f, ": {excerpt}")?;
            }
            None => {}
        }
        if self.is_remote() {
            write!(f, " (reported by the integration)")?;
        }
        if let Some(insight) = body.and_then(|body| body.truto_error_insight.as_ref()) {
            let query = insight.missing_required_query_parameters();
            if !query.is_empty() {
                write!(f, "; missing required query parameters: {}", query.join(", "))?;
            }
            let fields = insight.missing_required_body_fields();
            if !fields.is_empty() {
                write!(f, "; missing required body fields: {}", fields.join(", "))?;
            }
            let scopes = insight.missing_scopes();
            if !scopes.is_empty() {
                write!(f, "; missing scopes: {}", scopes.join(", "))?;
            }
        }
        if let Some(problem) = &self.body_problem {
            write!(f, "; the body could not be read whole ({problem})")?;
        }
        if let Some(after) = self.retry_after {
            write!(f, "; retry after {}s", after.as_secs())?;
        }
        if let Some(hint) = self.hint() {
            write!(f, " — {hint}")?;
        }
        Ok(())
    }
}

impl ApiError {
    /// What usually fixes an error with this status, from Truto's error documentation.
    pub fn hint(&self) -> Option<&'static str> {
        match (self.status, self.is_remote()) {
            (401, false) => Some("check the API token (TRUTO_API_TOKEN) and its environment"),
            (401, true) => {
                Some("the integration rejected the account's credentials: the account needs re-authentication")
            }
            (405, _) => Some("sandbox integrated accounts reject writes"),
            (503, _) => Some("the integrated account may be blocked: check its status in Truto"),
            _ => None,
        }
    }
}

/// Truto's error body: `{statusCode, error, message}`, plus the extras of errors reported by integrations.
///
/// Every field is optional and read leniently: an unexpected body shape never hides the error itself.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct TrutoErrorBody {
    /// `statusCode`.
    pub status_code: Option<u16>,
    /// `error`: the status name (`Bad Request`).
    pub error: Option<String>,
    /// `message`.
    pub message: Option<String>,
    /// `truto_is_remote_error`: the integration, not Truto, failed.
    pub truto_is_remote_error: Option<bool>,
    /// `raw_response`: the integration's own body.
    pub raw_response: Option<Value>,
    /// `truto_error_insight`: what Truto understood of the failure.
    pub truto_error_insight: Option<ErrorInsight>,
    /// The whole body as JSON.
    pub json: Value,
}

impl TrutoErrorBody {
    /// Reads an error body; `None` when it is not a JSON object.
    pub fn parse(body: &[u8]) -> Option<Self> {
        let json: Value = serde_json::from_slice(body).ok()?;
        let object = json.as_object()?;
        let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_owned);
        Some(Self {
            status_code: object.get("statusCode").and_then(Value::as_u64).and_then(|code| u16::try_from(code).ok()),
            error: text("error"),
            message: text("message"),
            truto_is_remote_error: object.get("truto_is_remote_error").and_then(Value::as_bool),
            raw_response: object.get("raw_response").cloned(),
            truto_error_insight: object
                .get("truto_error_insight")
                .filter(|insight| insight.is_object())
                .cloned()
                .map(ErrorInsight),
            json,
        })
    }
}

/// `truto_error_insight`: entries such as `missing_required_query_parameters`, each `{description, value}`.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorInsight(pub Value);

impl ErrorInsight {
    /// Query parameters the integration requires and the request lacked.
    pub fn missing_required_query_parameters(&self) -> Vec<String> {
        self.names("missing_required_query_parameters")
    }

    /// Body fields the integration requires and the request lacked.
    pub fn missing_required_body_fields(&self) -> Vec<String> {
        self.names("missing_required_body_fields")
    }

    /// OAuth scopes the integrated account lacks (`forbidden_error.value.missing_scopes`).
    pub fn missing_scopes(&self) -> Vec<String> {
        self.entry("forbidden_error")
            .and_then(|entry| entry.get("value"))
            .map(|value| strings(value.get("missing_scopes").unwrap_or(value)))
            .unwrap_or_default()
    }

    /// The description of an entry (`rate_limit_error`, `remote_error`, …).
    pub fn description(&self, key: &str) -> Option<&str> {
        self.entry(key)?.get("description")?.as_str()
    }

    /// One entry, as sent.
    pub fn entry(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// An entry's names, whether sent as `{value: [...]}` or as a bare array.
    fn names(&self, key: &str) -> Vec<String> {
        match self.entry(key) {
            Some(Value::Object(entry)) => entry.get("value").map(strings).unwrap_or_default(),
            Some(other) => strings(other),
            None => Vec::new(),
        }
    }
}

/// Strings of an array (names may come as strings or as `{name}` objects).
fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| match item {
                    Value::String(text) => Some(text.clone()),
                    Value::Object(object) => object.get("name").and_then(Value::as_str).map(str::to_owned),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A record of a list page that could not be read, as a stream of records reports it.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RejectedRecord {
    /// HTTP method of the request.
    pub method: String,
    /// Path of the request below the base URL.
    pub path: String,
    /// The record, as sent, and why it was rejected.
    pub rejected: crate::Rejected,
}

impl fmt::Display for RejectedRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.method, self.path, self.rejected)
    }
}

/// A success response whose body does not match the expected shape.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct DecodeError {
    /// HTTP method of the request.
    pub method: String,
    /// Path of the request below the base URL.
    pub path: String,
    /// HTTP status code.
    pub status: u16,
    /// JSON path of the first mismatch (`result[3].emails[0].is_primary`); `.` for the whole body.
    pub json_path: String,
    /// What did not match.
    pub message: String,
    /// The body exactly as received (lossily decoded as UTF-8).
    pub raw_body: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: HTTP {} with an unexpected body at `{}`: {}",
            self.method, self.path, self.status, self.json_path, self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_error(body: &str, status: u16) -> ApiError {
        ApiError {
            method: "GET".into(),
            path: "/unified/crm/contacts".into(),
            status,
            body: TrutoErrorBody::parse(body.as_bytes()),
            raw_body: body.into(),
            retry_after: None,
            rate_limit: None,
            body_problem: None,
        }
    }

    #[test]
    fn truto_error_bodies_are_read_leniently() {
        let error = api_error(
            r#"{"statusCode":400,"error":"Bad Request","message":"Missing fields","truto_is_remote_error":true,
               "raw_response":{"x":1},
               "truto_error_insight":{"missing_required_query_parameters":{"description":"d","value":["workspace"]},
                                      "missing_required_body_fields":["account"],
                                      "forbidden_error":{"description":"f","value":{"missing_scopes":["users:read"]}}}}"#,
            400,
        );
        let body = error.body.as_ref().unwrap();
        assert_eq!(body.status_code, Some(400));
        assert_eq!(body.raw_response, Some(serde_json::json!({"x": 1})));
        assert!(error.is_remote());
        assert_eq!(
            error.to_string(),
            "GET /unified/crm/contacts: HTTP 400 Bad Request: Missing fields (reported by the integration); \
             missing required query parameters: workspace; missing required body fields: account; missing scopes: users:read"
        );
    }

    #[test]
    fn non_json_bodies_are_kept_raw() {
        let error = api_error("<html>Bad gateway</html>", 502);
        assert!(error.body.is_none());
        assert_eq!(error.to_string(), "GET /unified/crm/contacts: HTTP 502: <html>Bad gateway</html>");
        assert!(TrutoErrorBody::parse(b"[1,2]").is_none());
        assert!(TrutoErrorBody::parse(b"{\"statusCode\": \"x\"}").is_some());
    }

    #[test]
    fn actionable_hints_by_status() {
        assert!(
            api_error("{}", 503)
                .to_string()
                .ends_with("the integrated account may be blocked: check its status in Truto")
        );
        assert!(api_error("{}", 405).to_string().ends_with("sandbox integrated accounts reject writes"));
        let remote = api_error(r#"{"truto_is_remote_error":true}"#, 401);
        assert!(remote.to_string().contains("needs re-authentication"), "{remote}");
        assert_eq!(api_error("{}", 404).hint(), None);
    }

    #[test]
    fn retryable_errors() {
        let retryable = |status| Error::Api(Box::new(api_error("{}", status))).is_retryable();
        for status in [408, 425, 429, 500, 502, 504] {
            assert!(retryable(status), "{status}");
        }
        for status in [400, 401, 403, 404, 405, 409, 422, 503] {
            assert!(!retryable(status), "{status}");
        }
        assert!(!Error::InvalidRequest("x".into()).is_retryable());
    }
}
