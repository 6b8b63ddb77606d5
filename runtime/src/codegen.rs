//! The surface generated bindings call, apart from the user-facing API (the way tonic-build's output calls
//! `tonic::codegen`). Everything here may change between minor versions together with truto-codegen; code
//! written by hand should not use it.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

pub use crate::decode::{
    Collection, Ctx, Lenient, Outcome, Placeholder, Reader, Struct, decode_enum, decode_struct, deserialize_enum,
    deserialize_struct, serialize_struct,
};
pub use crate::extras::Writer;
pub use crate::request::Method;

use crate::client::Account;
use crate::request::Request;

/// A request for `path` in `account`'s scope.
pub fn request(account: &Account, method: Method, path: &'static str) -> Request {
    Request::new(account, method, path)
}

/// A request for `path/{id}` in `account`'s scope.
pub fn request_with_id(account: &Account, method: Method, path: &'static str, id: String) -> Request {
    Request::new(account, method, path).with_id(id)
}

/// A create's or update's request: `method path[/{id}]` with a JSON body.
pub fn write_request(
    account: &Account,
    method: Method,
    path: &'static str,
    id: Option<String>,
    body: Value,
) -> Request {
    let request = Request::new(account, method, path);
    let mut request = match id {
        Some(id) => request.with_id(id),
        None => request,
    };
    request.set_body(body);
    request
}

/// A custom method's request: `POST path/{method}` with a JSON body (`{}` when the method describes none).
pub fn custom_request(account: &Account, path: &'static str, method: &'static str, body: Value) -> Request {
    let mut request = Request::new(account, Method::POST, path).segment(method);
    request.set_body(body);
    request
}

/// Sets query parameter `name` (replacing an earlier value; `null` removes it).
pub fn set_query(request: &mut Request, name: &'static str, value: Value) {
    request.set_query(name, value);
}

/// Sets one entry of an object-valued query parameter (`name[key]=value`, comparison operators).
pub fn set_query_entry(request: &mut Request, name: &'static str, key: impl Into<Cow<'static, str>>, value: Value) {
    request.set_query_entry(name, key.into().into_owned(), value);
}

/// Sets the JSON body.
pub fn set_body(request: &mut Request, body: Value) {
    request.set_body(body);
}

/// The metadata request of `method` for the resource at `path` (`GET path/meta/{method}`).
pub fn meta(account: &Account, path: &'static str, method: String) -> crate::Meta {
    crate::Meta::new(account, path, method)
}

/// Any serializable value as JSON, for a query parameter or a request body. Generated types always
/// serialize; anything that cannot (a map with non-string keys) becomes `null`, which sends nothing.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}
