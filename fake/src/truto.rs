//! One unified call from start to finish, as Truto handles it: checks, then the method, with `Idempotency-Key`
//! replays.

use crate::errors::TrutoError;
use crate::methods::{self, Call};
use crate::reply::Reply;
use crate::request::Incoming;
use crate::routing;
use crate::shape::Shape;
use crate::spec::Spec;
use crate::store::{AccountData, Store};
use crate::validation;

/// The header that makes a mutation answer the same way when repeated.
const IDEMPOTENCY_KEY: &str = "idempotency-key";
/// Answers kept per account for idempotency keys; past this the oldest are forgotten all at once.
const MAX_IDEMPOTENT: usize = 10_000;

/// What the fake is configured with that a call needs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Settings<'a> {
    pub token: &'a str,
    pub spec: Option<&'a Spec>,
    pub page_size: usize,
}

/// The answer to a request (never a panic, whatever the request).
pub(crate) fn answer(store: &mut Store, settings: Settings<'_>, request: &Incoming) -> Reply {
    try_answer(store, settings, request).unwrap_or_else(Reply::from)
}

fn try_answer(store: &mut Store, settings: Settings<'_>, request: &Incoming) -> Result<Reply, TrutoError> {
    validation::check_token(request, settings.token)?;
    let route = routing::route(&request.method, &request.path)?;
    let account_id = validation::account_id(request)?;
    let account = store.accounts.get_mut(account_id).ok_or_else(|| validation::unknown_account(account_id))?;
    validation::check_method(settings.spec, account, &route)?;
    let shape = Shape::of(request)?;
    let mutation = !matches!(request.method, http::Method::GET | http::Method::HEAD);
    let body = if mutation { request.json()? } else { None };
    validation::check_required(settings.spec, account, &route, request, body.as_ref())?;
    let key = request.header(IDEMPOTENCY_KEY).filter(|key| mutation && !key.is_empty());
    if let Some(cached) = key.and_then(|key| account.idempotent.get(key)) {
        return Ok(cached.clone());
    }
    let call = Call { request, route: &route, shape, body, page_size: settings.page_size, spec: settings.spec };
    let reply = methods::carry_out(account, call)?;
    if let Some(key) = key {
        remember(account, key, &reply);
    }
    Ok(reply)
}

/// Keeps a mutation's answer for its idempotency key.
fn remember(account: &mut AccountData, key: &str, reply: &Reply) {
    if account.idempotent.len() >= MAX_IDEMPOTENT {
        account.idempotent.clear();
    }
    account.idempotent.insert(key.to_owned(), reply.clone());
}
