//! Errors in Truto's body shape: `{statusCode, error, message}`, plus `truto_is_remote_error`, `raw_response`
//! and `truto_error_insight` when an integration is to blame.

use serde_json::{Map, Value, json};

/// An error answer: a status and Truto's error body.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TrutoError {
    /// The HTTP status.
    pub status: u16,
    /// `message`.
    pub message: String,
    /// `raw_response`, for errors the integration reported (`truto_is_remote_error: true`).
    pub raw_response: Option<Value>,
    /// `truto_error_insight` entries, each `{description, value}`.
    pub insight: Map<String, Value>,
    /// `Retry-After`, in seconds.
    pub retry_after: Option<u64>,
}

impl TrutoError {
    /// An error Truto itself reports.
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        Self { status, message: message.into(), raw_response: None, insight: Map::new(), retry_after: None }
    }

    /// 400.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, message)
    }

    /// 401: no token, or not the fake's.
    pub fn unauthorized() -> Self {
        Self::new(401, "Invalid or missing API token. Send `Authorization: Bearer <API token>`.")
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(404, message)
    }

    /// The integration reported it: `truto_is_remote_error: true` with its own body.
    pub fn remote(mut self, raw_response: Value) -> Self {
        self.raw_response = Some(raw_response);
        self
    }

    /// Adds a `truto_error_insight` entry.
    pub fn insight(mut self, key: &str, description: impl Into<String>, value: Value) -> Self {
        self.insight.insert(key.to_owned(), json!({"description": description.into(), "value": value}));
        self
    }

    /// Asks the client to wait `seconds` before retrying.
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        let mut body = Map::new();
        body.insert("statusCode".into(), self.status.into());
        body.insert("error".into(), reason(self.status).into());
        body.insert("message".into(), self.message.clone().into());
        if let Some(raw_response) = &self.raw_response {
            body.insert("truto_is_remote_error".into(), true.into());
            body.insert("raw_response".into(), raw_response.clone());
        }
        if !self.insight.is_empty() {
            body.insert("truto_error_insight".into(), Value::Object(self.insight.clone()));
        }
        Value::Object(body)
    }
}

/// The canonical name of a status (`Bad Request`), as Truto's `error` field carries it.
pub(crate) fn reason(status: u16) -> &'static str {
    http::StatusCode::from_u16(status).ok().and_then(|status| status.canonical_reason()).unwrap_or("Error")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truto_errors_stop_at_three_keys() {
        assert_eq!(
            TrutoError::not_found("Record not found").body(),
            json!({"statusCode": 404, "error": "Not Found", "message": "Record not found"})
        );
        assert_eq!(reason(599), "Error");
    }

    #[test]
    fn remote_errors_carry_the_integration_body_and_insight() {
        let error = TrutoError::bad_request("Missing").remote(json!({"error": "bad"})).insight(
            "missing_required_body_fields",
            "d",
            json!(["account"]),
        );
        assert_eq!(
            error.body(),
            json!({
                "statusCode": 400, "error": "Bad Request", "message": "Missing",
                "truto_is_remote_error": true, "raw_response": {"error": "bad"},
                "truto_error_insight": {"missing_required_body_fields": {"description": "d", "value": ["account"]}}
            })
        );
    }
}
