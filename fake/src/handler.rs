//! One request: read it, record it, pick its fault, answer it like Truto, and deliver the answer (or not).

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue};
use http::{Response, StatusCode};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde_json::{Value, json};
use tokio::time::Instant;

use crate::admin;
use crate::body::FakeBody;
use crate::errors::TrutoError;
use crate::faults::Fault;
use crate::log::{RecordedRequest, redact};
use crate::ratelimit::Standing;
use crate::reply::{Holds, Reply};
use crate::request::Incoming;
use crate::routing::ADMIN_PREFIX;
use crate::server::{Shared, lock};
use crate::truto;
use crate::validation::ACCOUNT_PARAM;

/// The record [`Fault::MalformedRecord`] adds: its `id` is neither text nor a number.
fn malformed() -> Value {
    json!({"id": {"malformed": true}})
}

/// Answers one request. An `Err` makes hyper drop the connection (an injected reset).
pub(crate) async fn handle(
    shared: Arc<Shared>,
    reset: Arc<AtomicBool>,
    request: http::Request<hyper::body::Incoming>,
) -> Result<Response<FakeBody>, io::Error> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, shared.config.max_body_bytes).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => {
            let limit = shared.config.max_body_bytes;
            return Ok(response(TrutoError::new(413, format!("The request body exceeds {limit} bytes")).into(), None));
        }
        Err(_) => return Ok(response(TrutoError::bad_request("The request body could not be read").into(), None)),
    };
    let request = Incoming::new(parts.method, parts.uri.path(), parts.uri.query(), parts.headers, body);
    if request.path.starts_with(ADMIN_PREFIX) {
        return Ok(response(admin::answer(&shared, &request), None));
    }
    let (reply, fault) = decide(&shared, &request);
    let Some(reply) = reply else {
        reset.store(true, Ordering::SeqCst);
        return Err(io::Error::new(io::ErrorKind::ConnectionReset, "connection reset on purpose"));
    };
    if let Some(Fault::Delay(wait)) = &fault {
        tokio::time::sleep(*wait).await;
    }
    Ok(response(reply, fault.as_ref()))
}

/// The answer (`None`: reset the connection) and the fault injected into it, with the request recorded.
fn decide(shared: &Shared, request: &Incoming) -> (Option<Reply>, Option<Fault>) {
    let fault = lock(&shared.faults).take(request.method.as_str(), &request.path);
    let standing = lock(&shared.limits).hit(request.param(ACCOUNT_PARAM).unwrap_or(""), Instant::now());
    let reply = match &fault {
        Some(fault) if fault.replaces_answer() => injected(fault),
        _ if standing.refused => Some(rate_limited(standing.reset, "Rate limit exceeded for this integrated account")),
        _ => Some(truto::answer(&mut lock(&shared.store), shared.settings(), request)),
    };
    let reply = reply.map(|reply| finish(reply, &standing, fault.as_ref()));
    lock(&shared.log).push(record(request, reply.as_ref(), fault.as_ref()));
    (reply, fault)
}

/// The answer of a fault that replaces Truto's (`None` for a reset).
fn injected(fault: &Fault) -> Option<Reply> {
    match fault {
        Fault::RateLimited { retry_after } => Some(rate_limited(*retry_after, "Rate limit exceeded (injected)")),
        Fault::Status(status) => Some(TrutoError::new(*status, format!("Injected fault: HTTP {status}")).into()),
        Fault::Json { status, body } => Some(Reply::json(*status, body.clone())),
        _ => None,
    }
}

/// Truto's 429.
fn rate_limited(retry_after: u64, message: &str) -> Reply {
    let description = format!("Retry after {retry_after} seconds.");
    TrutoError::new(429, message).retry_after(retry_after).insight("rate_limit_error", description, Value::Null).into()
}

/// Adds the rate-limit headers and corrupts a record when the fault says so.
fn finish(reply: Reply, standing: &Standing, fault: Option<&Fault>) -> Reply {
    let mut reply = match (fault, reply.json.clone(), reply.holds) {
        (Some(Fault::MalformedRecord), Some(mut body), Holds::Page) => {
            match body.get_mut("result") {
                Some(Value::Array(records)) => records.insert(0, malformed()),
                Some(Value::Object(keyed)) => {
                    keyed.insert("malformed".into(), malformed());
                }
                _ => {}
            }
            if let Some(count) = body.get("result_count").and_then(Value::as_u64) {
                body["result_count"] = (count + 1).into();
            }
            reply.with_json(body)
        }
        (Some(Fault::MalformedRecord), Some(_), Holds::Record) => reply.with_json(malformed()),
        _ => reply,
    };
    reply.headers.extend(standing.headers());
    reply
}

/// The log entry of a request.
fn record(request: &Incoming, reply: Option<&Reply>, fault: Option<&Fault>) -> RecordedRequest {
    let headers = request
        .headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes());
            (name.as_str().to_owned(), redact(name.as_str(), &value))
        })
        .collect();
    RecordedRequest {
        method: request.method.to_string(),
        path: request.path.clone(),
        query: request.query.clone(),
        headers,
        body: request.body.to_vec(),
        status: reply.map(|reply| reply.status),
        fault: fault.map(|fault| format!("{fault:?}")),
    }
}

/// The HTTP response of `reply`, its body shaped by `fault`.
fn response(reply: Reply, fault: Option<&Fault>) -> Response<FakeBody> {
    let body = match fault {
        Some(Fault::SlowBody(wait)) => FakeBody::slow(reply.body, *wait),
        Some(Fault::TruncatedBody) => FakeBody::truncated(reply.body),
        _ => FakeBody::full(reply.body),
    };
    let declared = body.declared_length();
    let mut response = Response::new(body);
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(declared));
    for (name, value) in reply.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.append(HeaderName::from_static(name), value);
        }
    }
    response
}
