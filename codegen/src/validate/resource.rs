//! One resource file: its record type, its methods, their bodies and their query parameters.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostics;
use crate::ir::{Field, Method, MethodKind, MethodResponse, QueryParam, Resource, Struct, Type, TypeDef, TypeScope};
use crate::load::positions::KeyPath;
use crate::load::{ResourceSource, Source, raw};
use crate::naming;

use super::coverage::Catalog;
use super::names::{self, Claim, Namespace};
use super::params::TrutoParams;
use super::suggest;
use super::types::{Place, TypeLowering};

/// Methods of every resource handle besides the schema's methods.
pub(crate) const HANDLE_METHODS: [&str; 2] = ["new", "meta"];

/// Lowers `resource`, claiming its type names in `type_names` (the unified API's module namespace).
/// Returns the resource and the namespace.
pub fn lower(
    resource: &ResourceSource,
    catalog: &Catalog<'_>,
    truto: &TrutoParams,
    type_names: Namespace,
    shared_names: &std::collections::BTreeSet<String>,
    diagnostics: &mut Diagnostics,
) -> (Resource, Namespace) {
    let source = &resource.source;
    let file = &source.content;
    let root = KeyPath::root();

    if !is_path_segment(&file.resource) {
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
    let mut lowering = TypeLowering::new(source, catalog, TypeScope::Resource, type_names, shared_names);
    lowering.claim_type_name(&handle, format!("the handle of resource \"{}\"", file.resource), &root.key("resource"));
    lowering.local_names = file.types.keys().cloned().chain([model.clone()]).collect();
    lower_file_types(&file.types, &mut lowering);
    let fields_path = root.key("fields");
    lowering.define_struct(&model, file.description.as_ref(), &file.fields, &fields_path, false, file.field_list);
    let record_fields = match lowering.types.get(&model) {
        Some(TypeDef::Struct(record)) => record.fields.clone(),
        _ => Vec::new(),
    };

    let mut handle_methods = Namespace::default();
    for name in HANDLE_METHODS {
        handle_methods.reserve(name, format!("the resource method `{name}`"));
    }
    let mut methods = Vec::new();
    for (name, raw_method) in &file.methods {
        let path = root.key("methods").key(name);
        let kind = MethodKind::STANDARD.into_iter().find(|kind| kind.name() == name).unwrap_or(MethodKind::Custom);
        if kind == MethodKind::Custom && !is_path_segment(name) {
            let mut diagnostic = source.error_at_key(
                &path,
                format!("\"{name}\" is neither a standard method nor a custom method's URL path segment"),
            );
            diagnostic.help = suggest::did_you_mean(name, MethodKind::STANDARD.map(MethodKind::name))
                .or_else(|| Some("standard methods: list, get, create, update, delete".to_owned()));
            diagnostics.push(diagnostic);
            continue;
        }
        let handle_method = naming::snake(name);
        let claim = claim_at_key(source, format!("method \"{name}\""), &path);
        if let Some(diagnostic) = handle_methods.claim(&handle_method, claim) {
            diagnostics.push(diagnostic);
            continue;
        }
        // Composed from the unescaped resource name: `ListSelf`, not `ListSelf_`.
        let resource_part = naming::pascal_part(&file.resource);
        let builder = match kind {
            MethodKind::List => format!("List{resource_part}"),
            MethodKind::Get => format!("Get{model}"),
            MethodKind::Create => format!("Create{model}"),
            MethodKind::Update => format!("Update{model}"),
            MethodKind::Delete => format!("Delete{model}"),
            MethodKind::Custom => naming::pascal(&format!("{}{resource_part}", naming::pascal_part(name))),
        };
        lowering.claim_type_name(&builder, format!("the request builder of method \"{name}\""), &path);
        let context = MethodContext { kind, name, path: &path, model: &model, builder: &builder };
        let method = lower_method(&context, raw_method, &record_fields, &handle_method, &mut lowering, catalog, truto);
        methods.push(method);
    }
    methods.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));

    let TypeLowering { types, type_names, diagnostics: found, .. } = lowering;
    diagnostics.extend(found);
    let lowered = Resource {
        path: file.resource.clone(),
        module: naming::snake(&file.resource),
        handle,
        source_file: source.file.clone(),
        description: file.description.clone(),
        inferred: file.inferred.clone(),
        model,
        methods,
        types,
    };
    (lowered, type_names)
}

/// What identifies the method being lowered.
struct MethodContext<'a> {
    kind: MethodKind,
    name: &'a str,
    path: &'a KeyPath,
    model: &'a str,
    builder: &'a str,
}

fn lower_method(
    method: &MethodContext<'_>,
    raw: &raw::Method,
    record_fields: &[Field],
    handle_method: &str,
    lowering: &mut TypeLowering<'_, raw::ResourceFile>,
    catalog: &Catalog<'_>,
    truto: &TrutoParams,
) -> Method {
    let source = lowering.source();
    let path = method.path;
    let mut diagnostics = Diagnostics::default();
    let supported = catalog.resolve(raw.supported_in.as_ref(), source, &path.key("supported_in"), &mut diagnostics);
    let partial = catalog.resolve(raw.partial_in.as_ref(), source, &path.key("partial_in"), &mut diagnostics);
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
            diagnostics.push(source.error_at_key(&path.key(key), format!("`{key}` applies to {which} only")));
        }
    }

    let body = match method.kind {
        MethodKind::Create | MethodKind::Update => {
            Some(record_body(method, raw, record_fields, lowering, catalog, &mut diagnostics))
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
    let response = match method.kind {
        MethodKind::List => MethodResponse::Page,
        MethodKind::Get | MethodKind::Create | MethodKind::Update => MethodResponse::Record,
        MethodKind::Delete => MethodResponse::Deleted,
        MethodKind::Custom => MethodResponse::Result(match &raw.response {
            Some(response) => {
                let response_path = path.key("response");
                lowering.check_keys(response, &response_path, Place::Response);
                lowering.lower(response, &response_path, method.builder, "result")
            }
            None => Type::Any,
        }),
    };

    let truto_params: Vec<String> = truto
        .applies_to
        .iter()
        .filter(|(_, kinds)| kinds.contains(&method.kind))
        .map(|(name, _)| name.clone())
        .collect();
    let mut setters =
        names::builder_namespace(method.kind, raw.body.is_some(), &truto.builder_methods(&truto_params), None);
    let mut query = BTreeMap::new();
    lowering.defining_inputs = true;
    for (name, field) in &raw.query {
        let param_path = path.key("query").key(name);
        lowering.check_keys(field, &param_path, Place::Query);
        let setter = naming::snake(name);
        let claim = claim_at_key(source, format!("query parameter \"{name}\""), &param_path);
        if let Some(diagnostic) = setters.claim(&setter, claim) {
            diagnostics.push(diagnostic);
        }
        let mut operators = Vec::new();
        for (index, operator) in field.operators.iter().flatten().enumerate() {
            let operator_path = param_path.key("operators").index(index);
            if operator.is_empty() || !operator.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                diagnostics.push(source.error_at(
                    &operator_path,
                    format!(
                        "operator \"{operator}\" must be letters, digits and `_` (it is sent as `{name}[{operator}]`)"
                    ),
                ));
                continue;
            }
            let operator_setter = naming::snake(&format!("{name}_{operator}"));
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
        let ty = lowering.lower(field, &param_path, method.builder, name);
        let supported =
            catalog.resolve(field.supported_in.as_ref(), source, &param_path.key("supported_in"), &mut diagnostics);
        let required_in =
            catalog.resolve(field.required_in.as_ref(), source, &param_path.key("required_in"), &mut diagnostics);
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
                operators,
                inferred: field.inferred.clone(),
            },
        );
    }
    lowering.defining_inputs = false;
    lowering.diagnostics.extend(diagnostics);

    Method {
        kind: method.kind,
        name: method.name.to_owned(),
        handle_method: handle_method.to_owned(),
        builder: method.builder.to_owned(),
        description: raw.description.clone(),
        inferred: raw.inferred.clone(),
        supported,
        partial,
        query,
        truto_params,
        body,
        response,
    }
}

/// The types of a resource file's `types:`, each an `object` or an `enum` named by its key, which the file's
/// fields refer to as `$ref: <Name>`.
fn lower_file_types(types: &BTreeMap<String, raw::Field>, lowering: &mut TypeLowering<'_, raw::ResourceFile>) {
    let source = lowering.source();
    for (name, field) in types {
        let path = KeyPath::root().key("types").key(name);
        if !naming::is_type_name(name) {
            lowering.diagnostics.push(source.error_at_key(
                &path,
                format!("type \"{name}\" is not a Rust type name (expected UpperCamelCase letters and digits)"),
            ));
            continue;
        }
        if field.model.is_some() {
            lowering
                .diagnostics
                .push(source.error_at_key(&path.key("model"), "a type of `types:` is named by its key, not `model`"));
        }
        if !matches!(field.ty.as_deref(), Some("object" | "enum")) {
            lowering.diagnostics.push(
                source
                    .error_at(&path.key("type"), "a type of `types:` must be an `object` or an `enum`")
                    .with_help("use the type directly where it is needed, or wrap it in an object"),
            );
            continue;
        }
        lowering.check_keys(field, &path, Place::FileType);
        let _named = lowering.lower(field, &path, "", name);
    }
}

/// The body of `create` (`UserCreate`: required writable fields stay required) or `update` (`UserUpdate`:
/// every field optional): the record's writable fields, with the method's `request_fields` notes.
fn record_body(
    method: &MethodContext<'_>,
    raw: &raw::Method,
    record_fields: &[Field],
    lowering: &mut TypeLowering<'_, raw::ResourceFile>,
    catalog: &Catalog<'_>,
    diagnostics: &mut Diagnostics,
) -> String {
    let source = lowering.source();
    let by_name: BTreeMap<&str, &Field> = record_fields.iter().map(|field| (field.json_name.as_str(), field)).collect();
    for name in raw.request_fields.keys() {
        let note_path = method.path.key("request_fields").key(name);
        match by_name.get(name.as_str()) {
            Some(field) if field.read_only => diagnostics
                .push(source.error_at_key(&note_path, format!("field \"{name}\" is read-only, so it is never sent"))),
            Some(_) => {}
            None => {
                let mut diagnostic =
                    source.error_at_key(&note_path, format!("\"{name}\" is not a field of `{}`", method.model));
                diagnostic.help =
                    suggest::did_you_mean(name, record_fields.iter().map(|field| field.json_name.as_str()));
                diagnostics.push(diagnostic);
            }
        }
    }
    let creating = method.kind == MethodKind::Create;
    let fields = record_fields
        .iter()
        .filter(|field| !field.read_only)
        .map(|field| {
            let note_path = method.path.key("request_fields").key(&field.json_name);
            let note = raw.request_fields.get(&field.json_name);
            let resolve = |coverage: Option<&raw::Coverage>, key: &str, diagnostics: &mut Diagnostics| {
                catalog.resolve(coverage, source, &note_path.key(key), diagnostics)
            };
            Field {
                required: creating && field.required,
                description: note.and_then(|note| note.description.clone()).or_else(|| field.description.clone()),
                supported: resolve(note.and_then(|note| note.supported_in.as_ref()), "supported_in", diagnostics),
                required_in: resolve(note.and_then(|note| note.required_in.as_ref()), "required_in", diagnostics),
                ..field.clone()
            }
        })
        .collect();
    let (suffix, description) = if creating {
        ("Create", format!("The body of [`{}`]: the writable fields of [`{}`].", method.builder, method.model))
    } else {
        (
            "Update",
            format!(
                "The body of [`{}`]: the fields of [`{}`] to change; unset fields are not sent.",
                method.builder, method.model
            ),
        )
    };
    let name = format!("{}{suffix}", method.model);
    lowering.define_built(
        Struct {
            name: name.clone(),
            description: Some(description),
            fields,
            input: true,
            in_inputs: false,
            field_list: crate::ir::FieldList::Complete,
        },
        &method.path.clone(),
    );
    name
}

fn claim_at_key<T>(source: &Source<T>, what: String, path: &KeyPath) -> Claim {
    Claim { what, file: source.file.clone(), location: source.positions.key(path), path: path.to_string() }
}

/// Lowercase letters, digits, `-` and `_`: safe as a URL path segment and a file name.
pub(crate) fn is_path_segment(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments() {
        assert!(is_path_segment("drive-items"));
        assert!(is_path_segment("batch_delete"));
        assert!(!is_path_segment("Merge"));
        assert!(!is_path_segment("a/b"));
        assert!(!is_path_segment(""));
    }
}
