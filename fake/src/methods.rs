//! Truto's behaviour for each method of a unified resource, on one account's data.

use serde_json::{Map, Value, json};

use crate::errors::TrutoError;
use crate::list;
use crate::reply::{Holds, Reply};
use crate::request::Incoming;
use crate::routing::Route;
use crate::shape::Shape;
use crate::spec::Spec;
use crate::store::{AccountData, Resource, id_text};

/// One call, checked and ready to carry out.
pub(crate) struct Call<'a> {
    pub request: &'a Incoming,
    pub route: &'a Route,
    pub shape: Shape,
    /// The JSON body of a POST, PATCH or DELETE.
    pub body: Option<Value>,
    pub page_size: usize,
    pub spec: Option<&'a Spec>,
}

/// Carries out `call` on `account`.
pub(crate) fn carry_out(account: &mut AccountData, call: Call<'_>) -> Result<Reply, TrutoError> {
    let resources = &mut account.resources;
    match call.route {
        Route::List { resource } => {
            list::list(resources.get(resource), resource, call.request, &call.shape, call.page_size)
                .map(|reply| reply.holding(Holds::Page))
        }
        Route::Get { resource, id } => {
            let record =
                resources.get(resource).and_then(|stored| stored.get(id)).ok_or_else(|| not_found(resource, id))?;
            Ok(Reply::json(200, call.shape.record(record)).holding(Holds::Record))
        }
        Route::Create { resource } => create(resources.entry(resource.clone()).or_default(), resource, &call),
        Route::Update { resource, id } => {
            let id = id_of(id.as_deref(), call.body.as_ref())?;
            let stored = resources.get_mut(resource).ok_or_else(|| not_found(resource, &id))?;
            update(stored, resource, &id, &call)
        }
        Route::Delete { resource, id } => {
            let id = id_of(id.as_deref(), call.body.as_ref())?;
            let removed = resources.get_mut(resource).and_then(|stored| stored.remove(&id));
            removed.map(|_| Reply::json(200, json!({"id": id}))).ok_or_else(|| not_found(resource, &id))
        }
        Route::Custom { resource, method } => {
            let result = resources.get(resource).and_then(|stored| stored.custom.get(method)).ok_or_else(|| {
                TrutoError::not_found(format!(
                    "The fake has no result for the custom method {method:?} of {resource}: seed one with custom_result"
                ))
            })?;
            Ok(Reply::json(200, json!({"result": result})))
        }
        Route::Meta { resource, method } => Ok(Reply::json(200, meta(call.spec, resource, method))),
    }
}

/// The 404 of a record the integration does not have (Truto passes the integration's answer on).
fn not_found(resource: &str, id: &str) -> TrutoError {
    let message = format!("No record with id {id:?} in {resource}");
    TrutoError::not_found(message.clone()).remote(json!({"error": "not_found", "message": message}))
}

/// The record id of an update or delete: from the path, or (some integrations) from the body.
fn id_of(path_id: Option<&str>, body: Option<&Value>) -> Result<String, TrutoError> {
    if let Some(id) = path_id {
        return Ok(id.to_owned());
    }
    body.and_then(Value::as_object)
        .and_then(id_text)
        .ok_or_else(|| TrutoError::bad_request("An id is required: in the path (…/{id}) or as `id` in the body"))
}

/// The body as an object: 400 otherwise.
fn object_body(body: Option<&Value>) -> Result<Map<String, Value>, TrutoError> {
    match body {
        Some(Value::Object(object)) => Ok(object.clone()),
        None => Ok(Map::new()),
        Some(_) => Err(TrutoError::bad_request("The request body must be a JSON object")),
    }
}

/// `POST`: adds the record (keeping a given id, or giving one) and answers it with 201.
fn create(stored: &mut Resource, resource: &str, call: &Call<'_>) -> Result<Reply, TrutoError> {
    let object = object_body(call.body.as_ref())?;
    let ids = stored.insert_all(vec![Value::Object(object)]).map_err(|reason| {
        let message = format!("Cannot create the record in {resource}: {reason}");
        TrutoError::new(409, message.clone()).remote(json!({"error": "conflict", "message": message}))
    })?;
    let record = ids.first().and_then(|id| stored.get(id)).cloned().unwrap_or(Value::Null);
    Ok(Reply::json(201, call.shape.record(&record)).holding(Holds::Record))
}

/// `PATCH`: merges the body's top-level fields into the record (`id` stays) and answers the record.
fn update(stored: &mut Resource, resource: &str, id: &str, call: &Call<'_>) -> Result<Reply, TrutoError> {
    let changes = object_body(call.body.as_ref())?;
    let record = stored.get_mut(id).ok_or_else(|| not_found(resource, id))?;
    if let Value::Object(record) = record {
        for (field, value) in changes {
            if field != "id" {
                record.insert(field, value);
            }
        }
    }
    Ok(Reply::json(200, call.shape.record(record)).holding(Holds::Record))
}

/// `GET …/meta/{method}`: what the spec says the method requires, by integration.
fn meta(spec: Option<&Spec>, resource: &str, method: &str) -> Value {
    let found = spec.and_then(|spec| spec.resource(resource)?.method(method));
    let by_integration = |requirements: Vec<(&str, Vec<&str>)>| -> Value {
        let mut object = Map::new();
        for (name, integrations) in requirements {
            for integration in integrations {
                let entry = object.entry(integration.to_owned()).or_insert_with(|| json!([]));
                if let Value::Array(names) = entry {
                    names.push(name.into());
                }
            }
        }
        Value::Object(object)
    };
    json!({
        "resource": resource,
        "method": method,
        "kind": found.map(|found| found.kind().name()),
        "required_query_parameters": by_integration(found.map(|found| found.query_requirements()).unwrap_or_default()),
        "required_body_fields": by_integration(found.map(|found| found.body_requirements()).unwrap_or_default()),
    })
}
