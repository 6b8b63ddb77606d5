//! One method of a resource: which keys it may carry, its body, its response, and its resource-specific
//! query parameters with their setters.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostics;
use crate::ir::{Method, MethodKind, MethodResponse, QueryParam, Type};
use crate::load::raw;

use super::bodies;
use super::coverage::Catalog;
use super::names::{self, Claim, Namespace};
use super::resource::{MethodContext, claim_at_key};
use super::types::{Place, TypeLowering};

/// Lowers one method.
pub fn lower(
    method: &MethodContext<'_>,
    raw: &raw::Method,
    record_fields: &[crate::ir::Field],
    lowering: &mut TypeLowering<'_, raw::ResourceFile>,
    catalog: &Catalog<'_>,
) -> Method {
    let source = lowering.source();
    let path = method.path;
    let mut diagnostics = Diagnostics::default();
    let supported = catalog.resolve(raw.supported_in.as_ref(), source, &path.key("supported_in"), &mut diagnostics);
    let partial = catalog.resolve(raw.partial_in.as_ref(), source, &path.key("partial_in"), &mut diagnostics);
    misplaced_keys(method, raw, lowering, &mut diagnostics);
    let body = match method.kind {
        MethodKind::Create | MethodKind::Update => {
            Some(bodies::record_body(method, raw, record_fields, lowering, catalog, &mut diagnostics))
        }
        MethodKind::Custom => raw.body.as_ref().map(|fields| {
            let name = format!("{}Body", method.builder);
            let description = format!("The body of [`{}`].", method.builder);
            lowering.defining_inputs = true;
            lowering.define_struct(&name, Some(&description), fields, &path.key("body"), true, None);
            lowering.defining_inputs = false;
            name
        }),
        MethodKind::List | MethodKind::Get | MethodKind::Delete => None,
    };
    let response = response(method, raw, lowering);
    let untyped_body = method.kind == MethodKind::Custom && raw.body.is_none();
    let query = query_params(method, raw, untyped_body, lowering, catalog, &mut diagnostics);
    lowering.diagnostics.extend(diagnostics);
    Method {
        kind: method.kind,
        name: method.name.to_owned(),
        handle_method: method.handle_method.to_owned(),
        builder: method.builder.to_owned(),
        description: raw.description.clone(),
        inferred: raw.inferred.clone(),
        supported,
        partial,
        query,
        body,
        untyped_body,
        writes: matches!(method.kind, MethodKind::Create | MethodKind::Update | MethodKind::Custom),
        response,
    }
}

/// Reports the method keys that do not apply to its kind.
fn misplaced_keys(
    method: &MethodContext<'_>,
    raw: &raw::Method,
    lowering: &TypeLowering<'_, raw::ResourceFile>,
    diagnostics: &mut Diagnostics,
) {
    let misplaced = [
        ("partial_in", raw.partial_in.is_some(), &[MethodKind::List][..], "`list` (\"Partial response\")"),
        (
            "request_fields",
            !raw.request_fields.is_empty(),
            &[MethodKind::Create, MethodKind::Update],
            "`create` and `update`",
        ),
        (
            "body",
            raw.body.is_some(),
            &[MethodKind::Custom],
            "custom methods (`create` and `update` send the record's writable fields)",
        ),
        ("response", raw.response.is_some(), &[MethodKind::Custom], "custom methods"),
    ];
    for (key, present, allowed, which) in misplaced {
        if present && !allowed.contains(&method.kind) {
            let at = method.path.key(key);
            diagnostics.push(lowering.source().error_at_key(&at, format!("`{key}` applies to {which} only")));
        }
    }
}

/// What `send()` returns: a page, the record, `{id}`, or a custom method's `result` (its `response:`,
/// `$ref: <Model>` for the record; any JSON when absent).
fn response(
    method: &MethodContext<'_>,
    raw: &raw::Method,
    lowering: &mut TypeLowering<'_, raw::ResourceFile>,
) -> MethodResponse {
    match method.kind {
        MethodKind::List => MethodResponse::Page,
        MethodKind::Get | MethodKind::Create | MethodKind::Update => MethodResponse::Record,
        MethodKind::Delete => MethodResponse::Deleted,
        MethodKind::Custom => MethodResponse::Result(match &raw.response {
            Some(response) => {
                let response_path = method.path.key("response");
                lowering.check_keys(response, &response_path, Place::Response);
                lowering.lower(response, &response_path, method.builder, "result")
            }
            None => Type::Any,
        }),
    }
}

/// The method's resource-specific query parameters, each with a setter (and one per comparison operator)
/// that shadows no method the builder already has.
fn query_params(
    method: &MethodContext<'_>,
    raw: &raw::Method,
    untyped_body: bool,
    lowering: &mut TypeLowering<'_, raw::ResourceFile>,
    catalog: &Catalog<'_>,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, QueryParam> {
    let source = lowering.source();
    let mut setters = names::builder_namespace(method.kind, untyped_body);
    let mut query = BTreeMap::new();
    lowering.defining_inputs = true;
    for (name, field) in &raw.query {
        let param_path = method.path.key("query").key(name);
        lowering.check_keys(field, &param_path, Place::Query);
        let setter = crate::naming::snake(name);
        let claim = claim_at_key(source, format!("query parameter \"{name}\""), &param_path);
        if let Some(diagnostic) = setters.claim(&setter, claim) {
            diagnostics.push(diagnostic);
        }
        let operators = operators(name, field, &param_path, source, &mut setters, diagnostics);
        let ty = lowering.lower(field, &param_path, method.builder, name);
        let resolve = |key: &str, coverage: Option<&raw::Coverage>, diagnostics: &mut Diagnostics| {
            catalog.resolve(coverage, source, &param_path.key(key), diagnostics)
        };
        let param = QueryParam {
            name: name.clone(),
            setter,
            ty,
            description: field.description.clone(),
            supported: resolve("supported_in", field.supported_in.as_ref(), diagnostics),
            required_in: resolve("required_in", field.required_in.as_ref(), diagnostics),
            default: field.default.clone(),
            example: field.example.clone(),
            operators,
            inferred: field.inferred.clone(),
        };
        query.insert(name.clone(), param);
    }
    lowering.defining_inputs = false;
    query
}

/// The comparison operators of query parameter `name` (`created_at[gt]=…`), each with its setter
/// (`created_at_gt`).
fn operators(
    name: &str,
    field: &raw::Field,
    param_path: &crate::load::positions::KeyPath,
    source: &crate::load::Source<raw::ResourceFile>,
    setters: &mut Namespace,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, String)> {
    let mut operators = Vec::new();
    for (index, operator) in field.operators.iter().flatten().enumerate() {
        let operator_path = param_path.key("operators").index(index);
        if operator.is_empty() || !operator.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            diagnostics.push(source.error_at(
                &operator_path,
                format!("operator \"{operator}\" must be letters, digits and `_` (it is sent as `{name}[{operator}]`)"),
            ));
            continue;
        }
        let operator_setter = crate::naming::snake(&format!("{name}_{operator}"));
        let claim = Claim {
            what: format!("operator \"{operator}\" of query parameter \"{name}\""),
            file: source.file.clone(),
            location: source.positions.value(&operator_path),
            path: operator_path.to_string(),
        };
        match setters.claim(&operator_setter, claim) {
            Some(diagnostic) => diagnostics.push(diagnostic),
            None => operators.push((operator.clone(), operator_setter)),
        }
    }
    operators
}
