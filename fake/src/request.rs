//! A request as the fake reads it: method, path, decoded query pairs, headers and body, with the readers Truto's
//! parameters need (brackets, flags, lists).

use bytes::Bytes;
use http::HeaderMap;
use serde_json::Value;

use crate::errors::TrutoError;

/// One request, read whole.
#[derive(Debug)]
pub(crate) struct Incoming {
    pub method: http::Method,
    /// As sent, percent-encoding included.
    pub path: String,
    /// Decoded pairs, in order.
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Incoming {
    /// A request; `query` is the raw query string (without `?`).
    pub fn new(method: http::Method, path: &str, query: Option<&str>, headers: HeaderMap, body: Bytes) -> Self {
        let query = form_urlencoded::parse(query.unwrap_or("").as_bytes()).into_owned().collect();
        Self { method, path: path.to_owned(), query, headers, body }
    }

    /// The first value of `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// Whether `name` was sent, as `name=…` or as an object or array (`name[id]=…`, `name[]=…`).
    pub fn has_param(&self, name: &str) -> bool {
        self.query.iter().any(|(key, value)| {
            (key == name && !value.is_empty()) || key.strip_prefix(name).is_some_and(|rest| rest.starts_with('['))
        })
    }

    /// A boolean parameter: `true` or `1`.
    pub fn flag(&self, name: &str) -> bool {
        self.param(name).is_some_and(|value| value.eq_ignore_ascii_case("true") || value == "1")
    }

    /// An array parameter in any of the encodings clients use: `name[]=a&name[]=b` (the docs, the Python SDK),
    /// `name[0]=a` (the TypeScript SDK's qs), or `name=a,b`.
    pub fn list_param(&self, name: &str) -> Vec<String> {
        let mut values = Vec::new();
        for (key, value) in &self.query {
            let Some(rest) = key.strip_prefix(name) else { continue };
            let indexed = rest.strip_prefix('[').and_then(|rest| rest.strip_suffix(']'));
            if rest.is_empty() {
                values.extend(value.split(',').map(str::trim).filter(|item| !item.is_empty()).map(str::to_owned));
            } else if indexed.is_some_and(|index| index.chars().all(|c| c.is_ascii_digit())) {
                values.push(value.clone());
            }
        }
        values
    }

    /// The bearer token, if the request has one.
    pub fn bearer(&self) -> Option<&str> {
        let value = self.headers.get(http::header::AUTHORIZATION)?.to_str().ok()?;
        let (scheme, token) = value.split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
    }

    /// A header's value, when it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The body as JSON: `None` when empty, an error when it is not JSON.
    pub fn json(&self) -> Result<Option<Value>, TrutoError> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        serde_json::from_slice(&self.body)
            .map(Some)
            .map_err(|error| TrutoError::bad_request(format!("The request body is not valid JSON: {error}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incoming(query: &str) -> Incoming {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::AUTHORIZATION, "bearer  tok ".parse().unwrap());
        Incoming::new(http::Method::GET, "/unified/a/b", Some(query), headers, Bytes::from_static(b" {\"a\": 1}"))
    }

    #[test]
    fn parameters_in_every_encoding() {
        let request = incoming(
            "truto_exclude_fields%5B%5D=id&truto_exclude_fields[]=name&truto_exclude_fields[1]=x\
             &truto_exclude_fields=a,%20b&truto_exclude_fields_other=no&workspace%5Bid%5D=w&flag=TRUE&empty=",
        );
        assert_eq!(request.list_param("truto_exclude_fields"), ["id", "name", "x", "a", "b"]);
        assert!(request.has_param("workspace") && !request.has_param("work") && !request.has_param("empty"));
        assert!(request.flag("flag") && !request.flag("workspace"));
        assert_eq!(request.bearer(), Some("tok"));
        assert_eq!(request.json().unwrap(), Some(serde_json::json!({"a": 1})));
    }

    #[test]
    fn bodies_that_are_not_json_are_bad_requests() {
        let mut request = incoming("");
        request.body = Bytes::from_static(b"{nope");
        assert_eq!(request.json().unwrap_err().status, 400);
        request.body = Bytes::from_static(b"  \n");
        assert_eq!(request.json().unwrap(), None);
        request.headers.clear();
        assert_eq!(request.bearer(), None);
    }
}
