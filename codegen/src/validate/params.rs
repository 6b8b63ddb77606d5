//! The Truto-specific query parameters declared once in `truto.yaml`.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Diagnostics;
use crate::ir::{FormatBody, FormatMethod, MethodKind, QueryParam, ResponseFormat, Role, Type, TypeDef, TypeScope};
use crate::load::Source;
use crate::load::positions::KeyPath;
use crate::load::raw;
use crate::naming;

use super::coverage::Catalog;
use super::names::{self, Claim, Namespace, TrutoMethod};
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
    /// The builder method of each of its non-default formats, in schema order.
    format_methods: Vec<TrutoMethod>,
    /// The setter of each parameter the client does not drive, by wire name.
    setters: BTreeMap<String, TrutoMethod>,
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
    let mut format_methods = Vec::new();
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
            let role_name = role.name();
            if let Some(first) = roles_seen.insert(role_name, name.clone()) {
                diagnostics.push(source.error_at(
                    &path.key("role"),
                    format!("role \"{role_name}\" is already given to parameter \"{first}\""),
                ));
            }
            check_role_type(role, field, source, &path, diagnostics);
        }

        let ty = if role == Some(Role::ResponseFormat) {
            if field.model.is_some() {
                diagnostics.push(
                    source
                        .error_at_key(&path.key("model"), "`model` does not apply to the response-format parameter")
                        .with_help("no enum is generated for it: each of its other values becomes a builder method"),
                );
            }
            let (format, methods) = response_format_of(name, field, source, &path, diagnostics);
            response_format = Some(format);
            format_methods = methods;
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
                inferred: field.inferred.clone(),
            },
        );
    }
    diagnostics.extend(lowering.diagnostics);
    let setters = setter_methods(&params, source);
    let truto =
        TrutoParams { params, applies_to, root_types: lowering.types, response_format, format_methods, setters };
    check_builder_methods(&truto, diagnostics);
    truto
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
                role.name(),
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

/// The default format is the typed one; `stream` hands over bytes; any other format is untyped JSON. Also
/// returns the builder method of each other format, claimed at its value.
fn response_format_of(
    name: &str,
    field: &raw::Field,
    source: &Source<raw::ApiFile>,
    path: &KeyPath,
    diagnostics: &mut Diagnostics,
) -> (ResponseFormat, Vec<TrutoMethod>) {
    let values = field.values.as_deref().unwrap_or_default();
    if values.is_empty() {
        diagnostics.push(source.error_at(&path.key("type"), "an enum needs `values` (at least one)"));
    }
    let default = match &field.default {
        Some(default) if values.contains(default) => default.clone(),
        Some(default) => {
            if !values.is_empty() {
                diagnostics.push(source.error_at(
                    &path.key("default"),
                    format!("default \"{default}\" is not one of the parameter's values"),
                ));
            }
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
    let mut alternatives = Vec::new();
    let mut methods = Vec::new();
    let mut seen = BTreeSet::new();
    for (index, value) in values.iter().enumerate() {
        let value_path = path.key("values").index(index);
        if !seen.insert(value.as_str()) {
            diagnostics.push(source.error_at(&value_path, format!("value \"{value}\" is listed twice")));
            continue;
        }
        if value.is_empty() {
            diagnostics.push(source.error_at(&value_path, "a response format cannot be empty"));
            continue;
        }
        if *value == default {
            continue;
        }
        let (method, body) = match value.as_str() {
            "stream" => ("byte_stream".to_owned(), FormatBody::Bytes),
            other => (naming::snake(other), FormatBody::Json),
        };
        let claim = Claim {
            what: format!("response format \"{value}\""),
            file: source.file.clone(),
            location: source.positions.value(&value_path),
            path: value_path.to_string(),
        };
        methods.push(TrutoMethod { name: method.clone(), claim });
        alternatives.push(FormatMethod { value: value.clone(), method, body });
    }
    let format =
        ResponseFormat { param: name.to_owned(), default, alternatives, description: field.description.clone() };
    (format, methods)
}

/// The setter of each parameter without a client-driven role, which every request builder it applies to gets.
fn setter_methods(
    params: &BTreeMap<String, QueryParam>,
    source: &Source<raw::ApiFile>,
) -> BTreeMap<String, TrutoMethod> {
    params
        .values()
        .filter(|param| matches!(param.role, None | Some(Role::Limit | Role::Cursor)))
        .map(|param| {
            let path = KeyPath::root().key("parameters").key(&param.name);
            let claim = Claim {
                what: format!("Truto parameter \"{}\"", param.name),
                file: source.file.clone(),
                location: source.positions.key(&path),
                path: path.to_string(),
            };
            (param.name.clone(), TrutoMethod { name: param.setter.clone(), claim })
        })
        .collect()
}

impl TrutoParams {
    /// The methods a request builder taking the Truto parameters `truto_params` gets from `truto.yaml`: one
    /// per non-default response format, then the parameters' setters.
    pub fn builder_methods<'a>(&self, truto_params: impl IntoIterator<Item = &'a String>) -> Vec<TrutoMethod> {
        let setters = truto_params.into_iter().filter_map(|name| self.setters.get(name));
        self.format_methods.iter().chain(setters).cloned().collect()
    }
}

/// Every builder gets the response-format methods and the setters of the parameters that apply to its kind:
/// none may shadow a builder method or another of them.
fn check_builder_methods(truto: &TrutoParams, diagnostics: &mut Diagnostics) {
    let mut collisions = Vec::new();
    for kind in MethodKind::ALL {
        let applying = truto.applies_to.iter().filter(|(_, kinds)| kinds.contains(&kind)).map(|(name, _)| name);
        // A custom method without `body:` has the most methods: `body` besides the idempotency ones.
        names::builder_namespace(kind, false, &truto.builder_methods(applying), Some(&mut collisions));
    }
    for diagnostic in collisions {
        diagnostics.push(diagnostic);
    }
}
