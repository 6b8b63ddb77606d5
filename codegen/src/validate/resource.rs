//! One resource file: its record type, its methods and their query parameters.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostics;
use crate::ir::{Coverage, Method, MethodKind, QueryParam, Resource, Role, TypeScope};
use crate::load::positions::KeyPath;
use crate::load::{ResourceSource, raw};
use crate::naming;

use super::coverage::Catalog;
use super::names::{BUILDER_METHODS, Claim, Namespace};
use super::params::TrutoParams;
use super::suggest;
use super::types::{Place, TypeLowering};

/// Lowers `resource`, claiming its type names in `type_names` (the unified API's module namespace).
/// Returns the resource (when its file is consistent enough to emit) and the namespace.
pub fn lower(
    resource: &ResourceSource,
    catalog: &Catalog<'_>,
    truto: &TrutoParams,
    type_names: Namespace,
    diagnostics: &mut Diagnostics,
) -> (Resource, Namespace) {
    let source = &resource.source;
    let file = &source.content;
    let root = KeyPath::root();

    if file.resource.is_empty()
        || !file.resource.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        diagnostics.push(source.error_at(
            &root.key("resource"),
            format!(
                "\"{}\" is not a URL path segment (expected lowercase letters, digits, `-` and `_`)",
                file.resource
            ),
        ));
    }
    let model = if naming::is_type_name(&file.model) {
        file.model.clone()
    } else {
        diagnostics.push(source.error_at(
            &root.key("model"),
            format!("\"{}\" is not a Rust type name (expected UpperCamelCase letters and digits)", file.model),
        ));
        naming::pascal(&file.model)
    };

    let handle = naming::pascal(&file.resource);
    let mut lowering = TypeLowering::new(source, catalog, TypeScope::Resource, type_names);
    lowering.claim_type_name(&handle, format!("the handle of resource \"{}\"", file.resource), &root.key("resource"));
    lowering.define_struct(&model, file.description.as_ref(), &file.fields, &root.key("fields"), false);

    let mut methods = BTreeMap::new();
    for (name, method) in &file.methods {
        let path = root.key("methods").key(name);
        let Some(kind) = MethodKind::ALL.into_iter().find(|kind| kind.name() == name) else {
            let mut diagnostic = source.error_at_key(&path, format!("unknown method \"{name}\""));
            diagnostic.help = suggest::did_you_mean(name, MethodKind::ALL.map(MethodKind::name))
                .or_else(|| Some("supported methods: list, get".to_owned()));
            diagnostics.push(diagnostic);
            continue;
        };
        let builder = match kind {
            MethodKind::List => format!("List{handle}"),
            MethodKind::Get => format!("Get{model}"),
        };
        lowering.claim_type_name(&builder, format!("the request builder of method \"{name}\""), &path);
        methods.insert(kind, lower_method(kind, builder, method, &path, &mut lowering, catalog, truto, diagnostics));
    }

    let TypeLowering { types, type_names, diagnostics: found, .. } = lowering;
    diagnostics.extend(found);
    let lowered = Resource {
        path: file.resource.clone(),
        module: naming::snake(&file.resource),
        handle,
        source_file: source.file.clone(),
        description: file.description.clone(),
        model,
        methods,
        types,
    };
    (lowered, type_names)
}

#[allow(clippy::too_many_arguments)] // one call site; bundling these into a struct would only rename them
fn lower_method(
    kind: MethodKind,
    builder: String,
    method: &raw::Method,
    path: &KeyPath,
    lowering: &mut TypeLowering<'_, raw::ResourceFile>,
    catalog: &Catalog<'_>,
    truto: &TrutoParams,
    diagnostics: &mut Diagnostics,
) -> Method {
    let source = lowering.source();
    let supported = catalog.resolve(method.supported_in.as_ref(), source, &path.key("supported_in"), diagnostics);
    let partial = catalog.resolve(method.partial_in.as_ref(), source, &path.key("partial_in"), diagnostics);
    if kind != MethodKind::List && partial != Coverage::Unknown {
        diagnostics.push(
            source.error_at_key(&path.key("partial_in"), "`partial_in` applies to `list` only (\"Partial response\")"),
        );
    }

    let truto_params: Vec<String> =
        truto.applies_to.iter().filter(|(_, kinds)| kinds.contains(&kind)).map(|(name, _)| name.clone()).collect();
    let mut setters = Namespace::default();
    for name in BUILDER_METHODS {
        setters.reserve(name, format!("the builder method `{name}`"));
    }
    if let Some(format) = &truto.response_format {
        for alternative in &format.alternatives {
            setters.reserve(&alternative.method, format!("the builder method `{}`", alternative.method));
        }
    }
    for name in &truto_params {
        if let Some(param) = truto.params.get(name)
            && matches!(param.role, None | Some(Role::Limit | Role::Cursor))
        {
            setters.reserve(&param.setter, format!("the setter of Truto parameter \"{name}\""));
        }
    }

    let mut query = BTreeMap::new();
    lowering.defining_inputs = true;
    for (name, field) in &method.query {
        let param_path = path.key("query").key(name);
        lowering.check_keys(field, &param_path, Place::Query);
        let setter = naming::snake(name);
        let claim = Claim {
            what: format!("query parameter \"{name}\""),
            file: source.file.clone(),
            location: source.positions.key(&param_path),
            path: param_path.to_string(),
        };
        if let Some(diagnostic) = setters.claim(&setter, claim) {
            diagnostics.push(diagnostic);
        }
        let ty = lowering.lower(field, &param_path, &builder, name);
        let supported =
            catalog.resolve(field.supported_in.as_ref(), source, &param_path.key("supported_in"), diagnostics);
        let required_in =
            catalog.resolve(field.required_in.as_ref(), source, &param_path.key("required_in"), diagnostics);
        query.insert(
            name.clone(),
            QueryParam {
                name: name.clone(),
                setter,
                ty,
                description: field.description.clone(),
                required: false,
                supported,
                required_in,
                default: field.default.clone(),
                example: field.example.clone(),
                role: None,
            },
        );
    }
    lowering.defining_inputs = false;

    Method { kind, builder, description: method.description.clone(), supported, partial, query, truto_params }
}
