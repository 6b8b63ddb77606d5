//! The Truto-specific query parameters declared once in `truto.yaml`.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Diagnostics;
use crate::ir::{FormatBody, FormatMethod, MethodKind, QueryParam, ResponseFormat, Role, Type, TypeDef, TypeScope};
use crate::load::Source;
use crate::load::positions::KeyPath;
use crate::load::raw;
use crate::naming;

use super::coverage::Catalog;
use super::names::{BUILDER_METHODS, Claim, Namespace};
use super::suggest;
use super::types::{Place, TypeLowering};

/// The lowered `parameters:` of `truto.yaml`.
pub struct TrutoParams {
    /// Parameters by wire name.
    pub params: BTreeMap<String, QueryParam>,
    /// Methods each parameter applies to.
    pub applies_to: BTreeMap<String, BTreeSet<MethodKind>>,
    /// Types they define (emitted in the root module).
    pub root_types: BTreeMap<String, TypeDef>,
    /// The response-format parameter, when declared.
    pub response_format: Option<ResponseFormat>,
}

/// Lowers and checks every Truto parameter; the types they define must not collide with `root_names`.
pub fn lower(
    source: &Source<raw::ApiFile>,
    catalog: &Catalog<'_>,
    root_names: Namespace,
    shared_names: &BTreeSet<String>,
    diagnostics: &mut Diagnostics,
) -> TrutoParams {
    let mut lowering = TypeLowering::new(source, catalog, TypeScope::Root, root_names, shared_names);
    // Callers build the values of Truto parameters: their objects are request inputs.
    lowering.defining_inputs = true;
    let mut params = BTreeMap::new();
    let mut applies_to = BTreeMap::new();
    let mut response_format = None;
    let mut roles_seen: BTreeMap<&'static str, String> = BTreeMap::new();

    for (name, field) in &source.content.parameters {
        let path = KeyPath::root().key("parameters").key(name);
        lowering.check_keys(field, &path, Place::TrutoParam);
        let role = field.role.as_deref().and_then(|role_name| match Role::parse(role_name) {
            Some(role) => Some(role),
            None => {
                let mut diagnostic = source.error_at(&path.key("role"), format!("unknown role \"{role_name}\""));
                diagnostic.help = suggest::did_you_mean(role_name, Role::NAMES)
                    .or_else(|| Some(format!("expected one of: {}", Role::NAMES.join(", "))));
                diagnostics.push(diagnostic);
                None
            }
        });
        if let Some(role) = role {
            let role_name = role_name(role);
            if let Some(first) = roles_seen.insert(role_name, name.clone()) {
                diagnostics.push(source.error_at(
                    &path.key("role"),
                    format!("role \"{role_name}\" is already given to parameter \"{first}\""),
                ));
            }
            check_role_type(role, field, source, &path, diagnostics);
        }

        let ty = if role == Some(Role::ResponseFormat) {
            response_format = Some(response_format_of(name, field, source, &path, diagnostics));
            Type::String
        } else {
            lowering.lower(field, &path, "", name)
        };
        applies_to.insert(name.clone(), methods_of(field, source, &path, diagnostics));
        let supported = catalog.resolve(field.supported_in.as_ref(), source, &path.key("supported_in"), diagnostics);
        let required_in = catalog.resolve(field.required_in.as_ref(), source, &path.key("required_in"), diagnostics);
        params.insert(
            name.clone(),
            QueryParam {
                name: name.clone(),
                setter: naming::snake(name),
                ty,
                description: field.description.clone(),
                required: field.required,
                supported,
                required_in,
                default: field.default.clone(),
                example: field.example.clone(),
                role,
                operators: Vec::new(),
            },
        );
    }
    diagnostics.extend(lowering.diagnostics);
    check_setter_names(&params, response_format.as_ref(), source, diagnostics);
    TrutoParams { params, applies_to, root_types: lowering.types, response_format }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Account => "account",
        Role::ResponseFormat => "response_format",
        Role::KeyBy => "key_by",
        Role::Limit => "limit",
        Role::Cursor => "cursor",
    }
}

/// The client relies on each role's type: a cursor is echoed back as a string, a limit is a count, ….
fn check_role_type(
    role: Role,
    field: &raw::Field,
    source: &Source<raw::ApiFile>,
    path: &KeyPath,
    diagnostics: &mut Diagnostics,
) {
    let expected: &[&str] = match role {
        Role::Account => &["uuid", "string"],
        Role::ResponseFormat => &["enum"],
        Role::KeyBy | Role::Cursor => &["string"],
        Role::Limit => &["integer"],
    };
    let ty = field.ty.as_deref().unwrap_or("$ref");
    if !expected.contains(&ty) {
        diagnostics.push(source.error_at(
            &path.key("type"),
            format!(
                "a parameter with role \"{}\" must have type {}, not \"{}\"",
                role_name(role),
                expected.iter().map(|ty| format!("\"{ty}\"")).collect::<Vec<_>>().join(" or "),
                ty
            ),
        ));
    }
}

/// The methods a parameter applies to: `methods:` when given, else all.
fn methods_of(
    field: &raw::Field,
    source: &Source<raw::ApiFile>,
    path: &KeyPath,
    diagnostics: &mut Diagnostics,
) -> BTreeSet<MethodKind> {
    let Some(names) = &field.methods else {
        return MethodKind::ALL.into_iter().collect();
    };
    let mut kinds = BTreeSet::new();
    for (index, name) in names.iter().enumerate() {
        match MethodKind::ALL.into_iter().find(|kind| kind.name() == name) {
            Some(kind) => {
                kinds.insert(kind);
            }
            None => {
                let mut diagnostic =
                    source.error_at(&path.key("methods").index(index), format!("unknown method \"{name}\""));
                diagnostic.help = suggest::did_you_mean(name, MethodKind::ALL.map(MethodKind::name));
                diagnostics.push(diagnostic);
            }
        }
    }
    kinds
}

/// The default format is the typed one; `stream` hands over bytes; any other format is untyped JSON.
fn response_format_of(
    name: &str,
    field: &raw::Field,
    source: &Source<raw::ApiFile>,
    path: &KeyPath,
    diagnostics: &mut Diagnostics,
) -> ResponseFormat {
    let values = field.values.clone().unwrap_or_default();
    let default =
        match &field.default {
            Some(default) if values.contains(default) => default.clone(),
            Some(default) => {
                diagnostics.push(source.error_at(
                    &path.key("default"),
                    format!("default \"{default}\" is not one of the parameter's values"),
                ));
                default.clone()
            }
            None => {
                diagnostics.push(source.error_at(
                    path,
                    "the response-format parameter needs a `default`: the format the generated models decode",
                ));
                String::new()
            }
        };
    let alternatives = values
        .iter()
        .filter(|value| **value != default)
        .map(|value| {
            let (method, body) = match value.as_str() {
                "stream" => ("byte_stream".to_owned(), FormatBody::Bytes),
                other => (naming::snake(other), FormatBody::Json),
            };
            FormatMethod { value: value.clone(), method, body }
        })
        .collect();
    ResponseFormat { param: name.to_owned(), default, alternatives, description: field.description.clone() }
}

/// Each parameter without a client-driven role becomes a setter on every request builder, so its name must
/// not shadow a builder method or another parameter's setter.
fn check_setter_names(
    params: &BTreeMap<String, QueryParam>,
    response_format: Option<&ResponseFormat>,
    source: &Source<raw::ApiFile>,
    diagnostics: &mut Diagnostics,
) {
    let mut setters = Namespace::default();
    for name in BUILDER_METHODS {
        setters.reserve(name, format!("the builder method `{name}`"));
    }
    for alternative in response_format.map(|format| format.alternatives.as_slice()).unwrap_or_default() {
        setters.reserve(&alternative.method, format!("the builder method `{}`", alternative.method));
    }
    for param in params.values().filter(|param| matches!(param.role, None | Some(Role::Limit | Role::Cursor))) {
        let path = KeyPath::root().key("parameters").key(&param.name);
        let claim = Claim {
            what: format!("Truto parameter \"{}\"", param.name),
            file: source.file.clone(),
            location: source.positions.key(&path),
            path: path.to_string(),
        };
        if let Some(diagnostic) = setters.claim(&param.setter, claim) {
            diagnostics.push(diagnostic);
        }
    }
}
