//! One resource file: its record type, its methods, their bodies and their query parameters.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostics;
use crate::ir::{Method, MethodKind, Resource, TypeDef, TypeScope};
use crate::load::positions::KeyPath;
use crate::load::{ResourceSource, Source, raw};
use crate::naming;
use crate::runtime_api::{DERIVED_METHODS, HANDLE_METHODS};

use super::coverage::Catalog;
use super::methods;
use super::names::{Claim, Namespace};
use super::types::{Place, TypeLowering};
use crate::suggest;

/// Lowers `resource`, claiming its type names in `type_names` (the unified API's module namespace).
/// Returns the resource and the namespace.
pub fn lower(
    resource: &ResourceSource,
    catalog: &Catalog<'_>,
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
    let methods = lower_methods(file, &model, &mut lowering, catalog);
    let TypeLowering { types, type_names, diagnostics: found, .. } = lowering;
    diagnostics.extend(found);
    let lowered = Resource {
        path: file.resource.clone(),
        module: naming::snake(&file.resource),
        named_like_its_api: naming::snake(&file.resource) == naming::snake(&resource.api),
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

/// Every method of the file, the standard ones in [`MethodKind`] order, then custom methods by name. Handle
/// methods and builder types must not collide.
fn lower_methods(
    file: &raw::ResourceFile,
    model: &str,
    lowering: &mut TypeLowering<'_, raw::ResourceFile>,
    catalog: &Catalog<'_>,
) -> Vec<Method> {
    let source = lowering.source();
    let record_fields = match lowering.types.get(model) {
        Some(TypeDef::Struct(record)) => record.fields.clone(),
        _ => Vec::new(),
    };
    let mut handle_methods = Namespace::default();
    for name in HANDLE_METHODS.iter().chain(&DERIVED_METHODS) {
        handle_methods.reserve(name, format!("the resource method `{name}`"));
    }
    let mut methods = Vec::new();
    for (name, raw_method) in &file.methods {
        let path = KeyPath::root().key("methods").key(name);
        let kind = MethodKind::STANDARD.into_iter().find(|kind| kind.name() == name).unwrap_or(MethodKind::Custom);
        if kind == MethodKind::Custom && !is_path_segment(name) {
            let mut diagnostic = source.error_at_key(
                &path,
                format!("\"{name}\" is neither a standard method nor a custom method's URL path segment"),
            );
            diagnostic.help = suggest::did_you_mean(name, MethodKind::STANDARD.map(MethodKind::name))
                .or_else(|| Some("standard methods: list, get, create, update, delete".to_owned()));
            lowering.diagnostics.push(diagnostic);
            continue;
        }
        let handle_method = naming::snake(name);
        let claim = claim_at_key(source, format!("method \"{name}\""), &path);
        if let Some(diagnostic) = handle_methods.claim(&handle_method, claim) {
            lowering.diagnostics.push(diagnostic);
            continue;
        }
        let builder = builder_name(kind, name, &file.resource, model);
        lowering.claim_type_name(&builder, format!("the request builder of method \"{name}\""), &path);
        let context =
            MethodContext { kind, name, path: &path, model, builder: &builder, handle_method: &handle_method };
        methods.push(methods::lower(&context, raw_method, &record_fields, lowering, catalog));
    }
    methods.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
    methods
}

/// `ListUsers`, `GetUser`, `MergeAccounts`: composed from the unescaped resource name (`ListSelf`, not
/// `ListSelf_`).
fn builder_name(kind: MethodKind, name: &str, resource: &str, model: &str) -> String {
    let resource_part = naming::pascal_part(resource);
    match kind {
        MethodKind::List => format!("List{resource_part}"),
        MethodKind::Get => format!("Get{model}"),
        MethodKind::Create => format!("Create{model}"),
        MethodKind::Update => format!("Update{model}"),
        MethodKind::Delete => format!("Delete{model}"),
        MethodKind::Custom => naming::pascal(&format!("{}{resource_part}", naming::pascal_part(name))),
    }
}

/// What identifies the method being lowered.
pub(super) struct MethodContext<'a> {
    pub kind: MethodKind,
    pub name: &'a str,
    pub path: &'a KeyPath,
    pub model: &'a str,
    pub builder: &'a str,
    pub handle_method: &'a str,
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
        if !field.ty.as_ref().is_some_and(raw::TypeName::defines_type) {
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

pub(super) fn claim_at_key<T>(source: &Source<T>, what: String, path: &KeyPath) -> Claim {
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
