//! The checks Truto makes before carrying out a unified call: the token, the integrated account, the resource
//! and method, and what the account's integration requires.

use serde_json::{Value, json};

use crate::errors::TrutoError;
use crate::request::Incoming;
use crate::routing::Route;
use crate::spec::Spec;
use crate::store::AccountData;

/// The query parameter naming the integrated account.
pub(crate) const ACCOUNT_PARAM: &str = "integrated_account_id";

/// 401 unless the request carries `Authorization: Bearer <the fake's token>`.
pub(crate) fn check_token(request: &Incoming, token: &str) -> Result<(), TrutoError> {
    match request.bearer() {
        Some(sent) if sent == token => Ok(()),
        _ => Err(TrutoError::unauthorized()),
    }
}

/// The integrated account id: 400 when missing.
pub(crate) fn account_id(request: &Incoming) -> Result<&str, TrutoError> {
    request
        .param(ACCOUNT_PARAM)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| TrutoError::bad_request(format!("{ACCOUNT_PARAM} is required: pass it as a query parameter")))
}

/// The 404 for an integrated account the fake does not have.
pub(crate) fn unknown_account(id: &str) -> TrutoError {
    TrutoError::not_found(format!("Integrated account {id:?} not found"))
}

/// 404 when the spec knows the resource but not the method, or knows neither and no test seeded the resource.
/// Without a spec everything is served.
pub(crate) fn check_method(spec: Option<&Spec>, account: &AccountData, route: &Route) -> Result<(), TrutoError> {
    let Some(spec) = spec else { return Ok(()) };
    let path = route.resource();
    let seeded = account.resources.get(path);
    let Some(resource) = spec.resource(path) else {
        return match seeded {
            Some(_) => Ok(()),
            None => Err(TrutoError::not_found(format!("No unified API resource at {path}"))),
        };
    };
    let Some(name) = route.method_name() else { return Ok(()) };
    let configured =
        matches!(route, Route::Custom { .. }) && seeded.is_some_and(|seeded| seeded.custom.contains_key(name));
    if resource.method(name).is_some() || configured {
        Ok(())
    } else {
        Err(TrutoError::not_found(format!("The unified API resource {path} has no method {name:?}")))
    }
}

/// 400 with `truto_error_insight` when the account's integration requires query parameters or body fields the
/// request lacks.
pub(crate) fn check_required(
    spec: Option<&Spec>,
    account: &AccountData,
    route: &Route,
    request: &Incoming,
    body: Option<&Value>,
) -> Result<(), TrutoError> {
    let (Some(spec), Some(integration)) = (spec, account.integration.as_deref()) else { return Ok(()) };
    let method = route.method_name().and_then(|name| spec.resource(route.resource())?.method(name));
    let Some(method) = method else { return Ok(()) };
    let missing_query: Vec<&str> =
        method.required_query(integration).into_iter().filter(|name| !request.has_param(name)).collect();
    let present = |name: &str| body.and_then(|body| body.get(name)).is_some_and(|value| !value.is_null());
    let missing_body: Vec<&str> = method.required_body(integration).into_iter().filter(|name| !present(name)).collect();
    if missing_query.is_empty() && missing_body.is_empty() {
        return Ok(());
    }
    Err(missing(integration, &missing_query, &missing_body))
}

/// Truto's answer to a request missing what `integration` requires.
fn missing(integration: &str, query: &[&str], body: &[&str]) -> TrutoError {
    let mut parts = Vec::new();
    if !query.is_empty() {
        parts.push(format!("query parameters {}", query.join(", ")));
    }
    if !body.is_empty() {
        parts.push(format!("body fields {}", body.join(", ")));
    }
    let message = format!("Missing required {} for {integration}", parts.join(" and "));
    let mut error = TrutoError::bad_request(message.clone()).remote(json!({"message": message}));
    if !query.is_empty() {
        let description = format!("These query parameters are required by {integration} and were not sent.");
        error = error.insight("missing_required_query_parameters", description, json!(query));
    }
    if !body.is_empty() {
        let description = format!("These body fields are required by {integration} and were not sent.");
        error = error.insight("missing_required_body_fields", description, json!(body));
    }
    error
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::*;
    use crate::spec::MethodKind;

    fn spec() -> Spec {
        let mut spec = Spec::new();
        let contacts = spec.resource_mut("/unified/crm/contacts");
        contacts.add_method(MethodKind::List, "list");
        contacts
            .add_method(MethodKind::Create, "create")
            .require_query("workspace", ["highlevel"])
            .require_body("account", ["close", "highlevel"]);
        spec
    }

    fn request(query: &str) -> Incoming {
        Incoming::new(http::Method::POST, "/unified/crm/contacts", Some(query), http::HeaderMap::new(), Bytes::new())
    }

    fn create() -> Route {
        Route::Create { resource: "/unified/crm/contacts".into() }
    }

    #[test]
    fn methods_outside_the_spec_are_not_found() {
        let account = AccountData::default();
        let update = Route::Update { resource: "/unified/crm/contacts".into(), id: Some("1".into()) };
        assert_eq!(check_method(Some(&spec()), &account, &update).unwrap_err().status, 404);
        assert!(check_method(Some(&spec()), &account, &create()).is_ok());
        assert!(check_method(None, &account, &update).is_ok());
        let other = Route::List { resource: "/unified/crm/leads".into() };
        assert_eq!(check_method(Some(&spec()), &account, &other).unwrap_err().status, 404);
        let mut seeded = AccountData::default();
        seeded.resources.insert("/unified/crm/leads".into(), Default::default());
        assert!(check_method(Some(&spec()), &seeded, &other).is_ok(), "a seeded resource is served");
    }

    #[test]
    fn the_integrations_requirements_are_enforced_with_insight() {
        let account = AccountData { integration: Some("highlevel".into()), ..AccountData::default() };
        let error = check_required(Some(&spec()), &account, &create(), &request(""), None).unwrap_err();
        let body = error.body();
        assert_eq!(body["statusCode"], 400);
        assert_eq!(body["truto_is_remote_error"], true);
        assert_eq!(body["truto_error_insight"]["missing_required_query_parameters"]["value"], json!(["workspace"]));
        assert_eq!(body["truto_error_insight"]["missing_required_body_fields"]["value"], json!(["account"]));
        let complete = json!({"account": {"id": "a1"}});
        assert!(
            check_required(Some(&spec()), &account, &create(), &request("workspace[id]=w"), Some(&complete)).is_ok()
        );
        let unbound = AccountData::default();
        assert!(check_required(Some(&spec()), &unbound, &create(), &request(""), None).is_ok());
    }
}
