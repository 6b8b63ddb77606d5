//! The fake's own endpoints, below `/_fake/`, for clients outside Rust: `GET /_fake/requests` lists the requests
//! received (as [`RecordedRequest::to_json`](crate::RecordedRequest::to_json) shows them) and
//! `DELETE /_fake/requests` forgets them. They need no token and are not recorded.

use serde_json::json;

use crate::errors::TrutoError;
use crate::reply::Reply;
use crate::request::Incoming;
use crate::server::{Shared, lock};

/// The answer to a request below `/_fake/`.
pub(crate) fn answer(shared: &Shared, request: &Incoming) -> Reply {
    match (request.method.as_str(), request.path.as_str()) {
        ("GET", "/_fake/requests") => {
            let requests: Vec<_> = lock(&shared.log).all().iter().map(|request| request.to_json()).collect();
            Reply::json(200, json!({"requests": requests}))
        }
        ("DELETE", "/_fake/requests") => {
            lock(&shared.log).clear();
            Reply::json(200, json!({"requests": []}))
        }
        (method, path) => TrutoError::not_found(format!("Cannot {method} {path}")).into(),
    }
}
