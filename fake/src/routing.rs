//! Which operation a request asks for, from its method and path.

use percent_encoding::percent_decode_str;

use crate::errors::TrutoError;

/// The path prefix of the fake's own endpoints (the request log), outside Truto's API.
pub const ADMIN_PREFIX: &str = "/_fake/";

/// An operation on a unified resource (`resource` is its path: `/unified/crm/contacts`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    /// `GET {resource}`.
    List { resource: String },
    /// `GET {resource}/{id}`.
    Get { resource: String, id: String },
    /// `POST {resource}`.
    Create { resource: String },
    /// `PATCH {resource}/{id}`, or `PATCH {resource}` with the id in the body.
    Update { resource: String, id: Option<String> },
    /// `DELETE {resource}/{id}`, or `DELETE {resource}` with the id in the body.
    Delete { resource: String, id: Option<String> },
    /// `POST {resource}/{method}`.
    Custom { resource: String, method: String },
    /// `GET {resource}/meta/{method}`.
    Meta { resource: String, method: String },
}

impl Route {
    /// The resource path.
    pub fn resource(&self) -> &str {
        match self {
            Self::List { resource }
            | Self::Get { resource, .. }
            | Self::Create { resource }
            | Self::Update { resource, .. }
            | Self::Delete { resource, .. }
            | Self::Custom { resource, .. }
            | Self::Meta { resource, .. } => resource,
        }
    }

    /// The name of the method in the schema (`list`, or the custom method's name); `None` for meta requests.
    pub fn method_name(&self) -> Option<&str> {
        match self {
            Self::List { .. } => Some("list"),
            Self::Get { .. } => Some("get"),
            Self::Create { .. } => Some("create"),
            Self::Update { .. } => Some("update"),
            Self::Delete { .. } => Some("delete"),
            Self::Custom { method, .. } => Some(method),
            Self::Meta { .. } => None,
        }
    }
}

/// The route of `method` `path` (as sent); 404 for paths outside `/unified/{api}/{resource}`.
pub(crate) fn route(method: &http::Method, path: &str) -> Result<Route, TrutoError> {
    let not_found = || TrutoError::not_found(format!("Cannot {method} {path}"));
    let rest = path.strip_prefix("/unified/").ok_or_else(not_found)?;
    let segments = rest.split('/').map(decode).collect::<Result<Vec<_>, _>>()?;
    if segments.iter().any(String::is_empty) {
        return Err(not_found());
    }
    let resource = match segments.as_slice() {
        [api, resource, ..] => format!("/unified/{api}/{resource}"),
        _ => return Err(not_found()),
    };
    let route = match (method.as_str(), &segments[2..]) {
        ("GET", []) => Route::List { resource },
        ("POST", []) => Route::Create { resource },
        ("PATCH", []) => Route::Update { resource, id: None },
        ("DELETE", []) => Route::Delete { resource, id: None },
        ("GET", [id]) => Route::Get { resource, id: id.clone() },
        ("PATCH", [id]) => Route::Update { resource, id: Some(id.clone()) },
        ("DELETE", [id]) => Route::Delete { resource, id: Some(id.clone()) },
        ("POST", [custom]) => Route::Custom { resource, method: custom.clone() },
        ("GET", [meta, name]) if meta == "meta" => Route::Meta { resource, method: name.clone() },
        _ => return Err(not_found()),
    };
    Ok(route)
}

/// A path segment, percent-decoded.
fn decode(segment: &str) -> Result<String, TrutoError> {
    percent_decode_str(segment)
        .decode_utf8()
        .map(|text| text.into_owned())
        .map_err(|_| TrutoError::bad_request(format!("The path segment {segment:?} is not UTF-8 once decoded")))
}

#[cfg(test)]
mod tests {
    use http::Method;

    use super::*;

    fn routed(method: Method, path: &str) -> Result<Route, u16> {
        route(&method, path).map_err(|error| error.status)
    }

    #[test]
    fn unified_paths_become_operations() {
        let resource = "/unified/crm/contacts".to_owned();
        assert_eq!(routed(Method::GET, "/unified/crm/contacts"), Ok(Route::List { resource: resource.clone() }));
        assert_eq!(
            routed(Method::GET, "/unified/crm/contacts/a%2Fb%20c"),
            Ok(Route::Get { resource: resource.clone(), id: "a/b c".into() })
        );
        assert_eq!(
            routed(Method::POST, "/unified/crm/contacts/merge"),
            Ok(Route::Custom { resource: resource.clone(), method: "merge".into() })
        );
        assert_eq!(
            routed(Method::GET, "/unified/crm/contacts/meta/list"),
            Ok(Route::Meta { resource: resource.clone(), method: "list".into() })
        );
        assert_eq!(routed(Method::PATCH, "/unified/crm/contacts"), Ok(Route::Update { resource, id: None }));
    }

    #[test]
    fn other_paths_are_not_found() {
        for (method, path) in [
            (Method::GET, "/"),
            (Method::GET, "/unified/crm"),
            (Method::GET, "/unified/crm/contacts/"),
            (Method::GET, "/unified//contacts"),
            (Method::PUT, "/unified/crm/contacts/1"),
            (Method::GET, "/unified/crm/contacts/a/b/c"),
            (Method::GET, "/proxy/x"),
        ] {
            assert_eq!(routed(method.clone(), path), Err(404), "{method} {path}");
        }
        assert_eq!(routed(Method::GET, "/unified/crm/contacts/%FF"), Err(400));
    }
}
