//! What a schema requires of requests, by integration: every resource, its methods, and per method the query
//! parameters and body fields each integration rejects a request without (the schema's `required_in` on query
//! parameters, on `request_fields` of create and update, and on custom-method bodies).
//!
//! One listing for both consumers: the generated `SPEC` (a `runtime::spec::Spec` literal, for a fake server in
//! Rust tests) and `truto-codegen fake` (which serves the schema folder directly).
//!
//! Only requirements some named integration has are listed: a `required_in` that counts integrations
//! without naming them (`required_in: 3`) cannot be enforced for any account, so it is left out.

use crate::ir::{Api, Coverage, Ir, Method, Resource, TypeDef, unified_path};

/// One resource and what its methods require.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceRequirements<'a> {
    /// The unified API it belongs to (for its Cargo feature).
    pub api: &'a Api,
    /// The resource.
    pub resource: &'a Resource,
    /// Its path below the base URL: `/unified/crm/contacts`.
    pub path: String,
    /// Every method of the resource, in the IR's order.
    pub methods: Vec<MethodRequirements<'a>>,
}

/// One method and what integrations require of its requests.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodRequirements<'a> {
    /// The method (its kind and name).
    pub method: &'a Method,
    /// Required query parameters, by wire name.
    pub query: Vec<Requirement<'a>>,
    /// Required top-level body fields, by wire name.
    pub body: Vec<Requirement<'a>>,
}

/// A query parameter or body field and the integrations requiring it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement<'a> {
    /// The wire name (`workspace`).
    pub name: &'a str,
    /// The integrations requiring it, by slug, sorted (never empty).
    pub required_in: Vec<&'a str>,
}

/// Every resource of `ir` (by API, then by path) with what its methods require.
pub fn list(ir: &Ir) -> Vec<ResourceRequirements<'_>> {
    ir.apis
        .values()
        .flat_map(|api| api.resources.values().map(move |resource| (api, resource)))
        .map(|(api, resource)| ResourceRequirements {
            api,
            resource,
            path: unified_path(&api.path, &resource.path),
            methods: resource.methods.iter().map(|method| of_method(resource, method)).collect(),
        })
        .collect()
}

fn of_method<'a>(resource: &'a Resource, method: &'a Method) -> MethodRequirements<'a> {
    let query = method.query.iter().filter_map(|(name, param)| requirement(name, &param.required_in)).collect();
    let body = match method.body.as_ref().and_then(|body| resource.types.get(body)) {
        Some(TypeDef::Struct(body)) => {
            body.fields.iter().filter_map(|field| requirement(&field.json_name, &field.required_in)).collect()
        }
        Some(TypeDef::Enum(_)) | None => Vec::new(),
    };
    MethodRequirements { method, query, body }
}

/// `name` with the integrations `coverage` names, unless it names none.
fn requirement<'a>(name: &'a str, coverage: &'a Coverage) -> Option<Requirement<'a>> {
    let named = match coverage {
        Coverage::Named(named) | Coverage::Partial { named, .. } => named,
        Coverage::Unknown | Coverage::Unnamed | Coverage::Count(_) => return None,
    };
    let mut required_in: Vec<&str> = named.iter().map(|integration| integration.slug.as_str()).collect();
    required_in.sort_unstable();
    required_in.dedup();
    (!required_in.is_empty()).then_some(Requirement { name, required_in })
}
