//! Untyped access: resource metadata (`…/meta/{method}`) and an escape hatch for resources the schema lacks.

use std::borrow::Cow;

use serde_json::Value;

use super::client::{Account, Client};
use super::error::Error;
use super::page::{Items, ListPage, Pages};
use super::request::{Method, Request};
use super::response::Deleted;

/// `GET /unified/{api}/{resource}/meta/{method}`: what Truto knows about a method (query and body
/// schemas, default query, …), as JSON.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct Meta {
    request: Request,
}

impl Meta {
    /// The metadata request of `method` for the resource at `path`.
    pub(crate) fn new(account: &Account, path: &'static str, method: String) -> Self {
        Self { request: Request::new(account, Method::GET, path).segment("meta").with_id(method) }
    }

    /// Sends the request and returns the metadata.
    pub async fn send(self) -> Result<Value, Error> {
        self.request.fetch_value().await
    }

    /// The request as it stands.
    pub fn into_request(self) -> Request {
        self.request
    }
}

/// Any unified resource, untyped: `account.unified("crm", "contacts").list().send()` returns JSON records with
/// the same pagination, retries and errors as the generated bindings.
#[derive(Clone, Debug)]
pub struct Unified {
    account: Account,
    path: String,
}

impl Account {
    /// Untyped access to `/unified/{api}/{resource}`, for resources these bindings do not describe.
    pub fn unified(&self, api: &str, resource: &str) -> Unified {
        Unified { account: self.clone(), path: format!("/unified/{api}/{resource}") }
    }
}

impl Unified {
    fn request(&self, method: Method) -> Request {
        Request::new(&self.account, method, Cow::Owned(self.path.clone()))
    }

    /// `GET …`: a page of records (call [`UntypedList::stream`] for all of them).
    pub fn list(&self) -> UntypedList {
        UntypedList { request: self.request(Method::GET) }
    }

    /// `GET …/{id}`.
    pub fn get(&self, id: impl Into<String>) -> UntypedCall {
        UntypedCall { request: self.request(Method::GET).with_id(id.into()) }
    }

    /// `POST …` with `body`.
    pub fn create(&self, body: Value) -> UntypedCall {
        UntypedCall { request: self.request(Method::POST).with_body(body) }
    }

    /// `PATCH …/{id}` with `body`.
    pub fn update(&self, id: impl Into<String>, body: Value) -> UntypedCall {
        UntypedCall { request: self.request(Method::PATCH).with_id(id.into()).with_body(body) }
    }

    /// `DELETE …/{id}`.
    pub fn delete(&self, id: impl Into<String>) -> UntypedCall {
        UntypedCall { request: self.request(Method::DELETE).with_id(id.into()) }
    }

    /// `POST …/{method}` with `body`: a custom method (its answer's `result` is returned by
    /// [`UntypedCall::send_result`]).
    pub fn custom(&self, method: impl Into<String>, body: Value) -> UntypedCall {
        UntypedCall { request: self.request(Method::POST).segment(method).with_body(body) }
    }

    /// `GET …/meta/{method}`.
    pub fn meta(&self, method: impl Into<String>) -> UntypedCall {
        UntypedCall { request: self.request(Method::GET).segment("meta").with_id(method.into()) }
    }
}

/// Requests outside any integrated account: the environment's admin API (`/unified-model`, …) and the
/// account-free unified endpoints (`/unified/{api}/{resource}/{integration}/meta/{method}`), untyped, with the
/// same auth, retries, pagination and errors as every other call.
///
/// ```no_run
/// # async fn demo(client: truto_unified_runtime::Client) -> Result<(), truto_unified_runtime::Error> {
/// use truto_unified_runtime::futures::TryStreamExt;
/// let mut models = client.environment().list("/unified-model").stream();
/// while let Some(model) = models.try_next().await? {
///     println!("{}", model["name"]);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Environment {
    client: Client,
}

impl Client {
    /// Requests outside any integrated account's scope: no `integrated_account_id` is sent.
    pub fn environment(&self) -> Environment {
        Environment { client: self.clone() }
    }
}

impl Environment {
    /// `GET {path}` (below the base URL, written as sent: segments are not escaped) for one JSON body.
    pub fn get(&self, path: impl Into<String>) -> UntypedCall {
        UntypedCall { request: Request::unscoped(&self.client, Method::GET, path.into()) }
    }

    /// `GET {path}` for a cursor-paginated list (`{result, next_cursor}`): one page, or every record with
    /// [`UntypedList::stream`].
    pub fn list(&self, path: impl Into<String>) -> UntypedList {
        UntypedList { request: Request::unscoped(&self.client, Method::GET, path.into()) }
    }
}

/// An untyped list request.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct UntypedList {
    request: Request,
}

impl UntypedList {
    /// Sets a query parameter (`limit`, `truto_exclude_fields`, `remote_query`, …); arrays and objects are
    /// encoded with brackets.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.request.set_query(name.into(), value.into());
        self
    }

    /// Sends the request and returns one page.
    pub async fn send(self) -> Result<ListPage<Value>, Error> {
        self.request.fetch_list_page().await
    }

    /// Every record, across pages.
    pub fn stream(self) -> Items<Value> {
        Items::new(self.request)
    }

    /// Every page.
    pub fn pages(self) -> Pages<Value> {
        Pages::new(self.request)
    }

    /// `truto_key_by`: pages whose result maps each record's value of `field` to the record.
    pub fn key_by(self, field: impl Into<String>) -> crate::KeyedList<Value> {
        crate::KeyedList::new(self.request, field.into())
    }
}

/// An untyped request other than a list.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct UntypedCall {
    request: Request,
}

impl UntypedCall {
    /// Sets a query parameter.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.request.set_query(name.into(), value.into());
        self
    }

    /// Sends an `Idempotency-Key` (and allows retrying a POST or PATCH).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.request.set_idempotency_key(key.into());
        self
    }

    /// Sends the request and returns the body (`null` for an empty body).
    pub async fn send(self) -> Result<Value, Error> {
        self.request.fetch_value().await
    }

    /// Sends a custom method and returns the `result` of its `{result}` answer.
    pub async fn send_result(self) -> Result<Value, Error> {
        self.request.fetch_result().await.map(crate::Response::into_value)
    }

    /// Sends a delete and returns the deleted id (the requested one when the answer is empty).
    pub async fn send_delete(self) -> Result<Deleted, Error> {
        self.request.fetch_deleted().await.map(crate::Response::into_value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Client {
        Client::builder().token("s3cr3t-token").base_url("http://127.0.0.1:1").build().unwrap()
    }

    #[test]
    fn environment_requests_carry_no_account() {
        let environment = client().environment();
        assert_eq!(environment.get("/unified-model/m1").request.url(), "http://127.0.0.1:1/unified-model/m1");
        let list = environment.list("/unified-model").query("name", "crm");
        assert_eq!(list.request.url(), "http://127.0.0.1:1/unified-model?name=crm");
        assert!(list.request.query_pairs().iter().all(|(name, _)| name != crate::ACCOUNT_PARAM));
        let scoped = client().account("acc").unified("crm", "contacts").list();
        assert_eq!(scoped.request.url(), "http://127.0.0.1:1/unified/crm/contacts?integrated_account_id=acc");
    }

    #[test]
    fn debug_of_an_environment_never_shows_the_token() {
        let environment = client().environment();
        for rendered in [format!("{environment:?}"), format!("{:?}", environment.get("/unified-model"))] {
            assert!(!rendered.contains("s3cr3t"), "{rendered}");
        }
    }
}
