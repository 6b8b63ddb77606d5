//! What Truto's parameters do to the records of an answer: `truto_response_format`, `truto_ignore_remote_data`
//! and `truto_exclude_fields`.

use serde_json::Value;

use crate::errors::TrutoError;
use crate::request::Incoming;

/// `truto_response_format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// `unified` (the default): the records as stored.
    Unified,
    /// `raw`: what the integration returned: each record's `remote_data` (the record itself when it has none).
    Raw,
    /// `normalized`: the unified records.
    Normalized,
    /// `stream`: the unified answer, as bytes.
    Stream,
}

/// How records are shaped for one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Shape {
    pub format: Format,
    ignore_remote_data: bool,
    exclude: Vec<String>,
}

impl Shape {
    /// The shape a request asks for; 400 for an unknown response format.
    pub fn of(request: &Incoming) -> Result<Self, TrutoError> {
        let format = match request.param("truto_response_format") {
            None | Some("unified") => Format::Unified,
            Some("raw") => Format::Raw,
            Some("normalized") => Format::Normalized,
            Some("stream") => Format::Stream,
            Some(other) => {
                return Err(TrutoError::bad_request(format!(
                    "Invalid truto_response_format {other:?}: expected unified, raw, normalized or stream"
                )));
            }
        };
        let ignore_remote_data = request.flag("truto_ignore_remote_data");
        Ok(Self { format, ignore_remote_data, exclude: request.list_param("truto_exclude_fields") })
    }

    /// One record as the request wants it.
    pub fn record(&self, record: &Value) -> Value {
        if self.format == Format::Raw {
            return match record.get("remote_data") {
                Some(remote @ Value::Object(_)) => remote.clone(),
                _ => record.clone(),
            };
        }
        let mut record = record.clone();
        if let Value::Object(object) = &mut record
            && self.ignore_remote_data
        {
            object.remove("remote_data");
        }
        for field in &self.exclude {
            remove_path(&mut record, field);
        }
        record
    }
}

/// Removes the field at a dotted path (`emails.email` reaches into arrays of objects too).
fn remove_path(value: &mut Value, path: &str) {
    let (head, rest) = match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    };
    match value {
        Value::Object(object) => match rest {
            None => {
                object.remove(head);
            }
            Some(rest) => {
                if let Some(inner) = object.get_mut(head) {
                    remove_path(inner, rest);
                }
            }
        },
        Value::Array(items) => items.iter_mut().for_each(|item| remove_path(item, path)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use serde_json::json;

    use super::*;

    fn shape(query: &str) -> Result<Shape, TrutoError> {
        Shape::of(&Incoming::new(http::Method::GET, "/", Some(query), http::HeaderMap::new(), Bytes::new()))
    }

    fn user() -> Value {
        json!({"id": "u1", "name": "Ada", "emails": [{"email": "a@x", "type": "work"}], "remote_data": {"raw": 1}})
    }

    #[test]
    fn exclusions_and_remote_data() {
        let shaped =
            shape("truto_exclude_fields[]=name&truto_exclude_fields[]=emails.type&truto_ignore_remote_data=true")
                .unwrap()
                .record(&user());
        assert_eq!(shaped, json!({"id": "u1", "emails": [{"email": "a@x"}]}));
        assert_eq!(shape("").unwrap().record(&user()), user());
    }

    #[test]
    fn formats() {
        assert_eq!(shape("truto_response_format=raw").unwrap().record(&user()), json!({"raw": 1}));
        assert_eq!(shape("truto_response_format=raw").unwrap().record(&json!({"id": 1})), json!({"id": 1}));
        assert_eq!(shape("truto_response_format=normalized").unwrap().format, Format::Normalized);
        assert_eq!(shape("truto_response_format=stream").unwrap().format, Format::Stream);
        assert_eq!(shape("truto_response_format=xml").unwrap_err().status, 400);
    }
}
