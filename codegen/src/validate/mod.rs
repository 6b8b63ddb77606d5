//! Step 2 of the pipeline: check the parsed schema and build the [`Ir`] from it.
//!
//! Validation and lowering are one walk: each check happens where the IR value it guards is built, so the
//! two can never disagree. Every problem is collected (with its file, line, column and key path) and the
//! IR is only returned when there are none.
//!
//! What is checked: types are known (with "did you mean"), arrays have items, objects have fields, enums have
//! values, integrations are in the catalog, names are unique after case conversion (fields in a struct,
//! variants in an enum, types in a unified API's module, setters on a request builder, modules), methods and
//! roles are known, and keys sit where they mean something (`required_in` on query parameters only, …).

mod bodies;
mod coverage;
mod defaults;
mod inputs;
mod methods;
pub(crate) mod names;
mod recursion;
pub(crate) mod resource;
mod shared;
mod types;

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Api, Enum, Integration, Ir, TypeDef, TypeScope, Variant};
use crate::load::positions::KeyPath;
use crate::load::{ResourceSource, Schema};
use crate::naming;
use crate::runtime_api::ACCOUNT_METHODS;

use coverage::Catalog;
use names::{Claim, Namespace, catch_all_variant};

/// The root type listing the integrations of the catalog.
const INTEGRATION_ENUM: &str = "Integration";

/// Names of the prelude and of derives the generated code writes unqualified, which no generated type may
/// shadow (a type named `Into` would break every `impl Into<String>` argument of its module).
pub(crate) const RESERVED_TYPE_NAMES: [&str; 21] = [
    "String",
    "Vec",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Box",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "PartialOrd",
    "Ord",
    "Into",
    "From",
    "IntoIterator",
    "Self_",
];

/// Validates `schema` and lowers it into the IR, or reports every problem found.
pub fn validate(schema: &Schema) -> Result<Ir, Diagnostics> {
    // Problems of resource files that could not be loaded come first; the others are validated anyway.
    let mut diagnostics = schema.problems.clone();
    let integrations = integrations(schema, &mut diagnostics);
    let catalog = Catalog::new(&integrations);
    let shared_names = shared::declared_names(schema.common_file.as_ref());
    let mut shared_types =
        shared::lower(schema.common_file.as_ref(), &catalog, &shared_names, reserved_type_names(), &mut diagnostics);
    recursion::box_recursive_fields(&mut shared_types, TypeScope::Shared);
    let mut root_types = BTreeMap::new();
    if let Some(integration_enum) = integration_enum(schema, &integrations, &mut diagnostics) {
        root_types.insert(INTEGRATION_ENUM.to_owned(), TypeDef::Enum(integration_enum));
    }
    let mut apis = lower_apis(schema, &catalog, &shared_names, &mut diagnostics);
    let nothing = schema.api_file.is_none() && schema.integrations_file.is_none() && schema.common_file.is_none();
    if schema.resources.is_empty() && nothing && diagnostics.is_empty() {
        diagnostics.push(Diagnostic::file(".", "the schema folder holds no schema files").with_help(
            "a schema folder holds one folder per unified API, each with one <resource>.yaml per resource \
             (see schema/README.md): is the path right?",
        ));
    }
    let mut resources: Vec<&mut crate::ir::Resource> =
        apis.values_mut().flat_map(|api| api.resources.values_mut()).collect();
    inputs::mark_types_in_inputs(&mut resources, &mut root_types, &mut shared_types);
    defaults::decide(&mut resources, &mut root_types, &mut shared_types);
    shared::keep_used(&mut shared_types, &apis, &root_types);
    let shared_type_features = shared::features_using(&apis, &root_types, &shared_types);
    diagnostics.with_sources(&schema.sources).into_result(Ir {
        integrations,
        root_types,
        shared_types,
        shared_type_features,
        apis,
    })
}

/// Every unified API folder and its resources. Module names are unique after case conversion, and none
/// takes a name the generated root module or the runtime's `Account` uses.
fn lower_apis(
    schema: &Schema,
    catalog: &Catalog<'_>,
    shared_names: &std::collections::BTreeSet<String>,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, Api> {
    let mut by_api: BTreeMap<&str, Vec<&ResourceSource>> = BTreeMap::new();
    for resource in &schema.resources {
        by_api.entry(resource.api.as_str()).or_default().push(resource);
    }
    let mut modules = Namespace::default();
    for method in ACCOUNT_METHODS {
        modules.reserve(method, format!("the account method `{method}`"));
    }
    modules.reserve("common", "the module of shared types (common.yaml)");
    modules.reserve("runtime", "the runtime module of truto-unified");
    let mut apis = BTreeMap::new();
    for (path, resources) in by_api {
        if !resource::is_path_segment(path) {
            diagnostics.push(
                Diagnostic::file(
                    format!("{path}/"),
                    format!("unified API folder \"{path}\" is not a URL path segment"),
                )
                .with_help("name API folders with lowercase letters, digits, `-` and `_` (`instant-messaging`)"),
            );
            continue;
        }
        if let Some(first) = resources.first() {
            let claim = Claim {
                what: format!("unified API folder \"{path}\""),
                file: first.source.file.clone(),
                location: first.source.positions.value(&KeyPath::root()),
                path: String::new(),
            };
            if let Some(diagnostic) = modules.claim(&naming::snake(path), claim) {
                diagnostics.push(diagnostic);
            }
        }
        let info = schema.api_file.as_ref().and_then(|file| file.content.apis.get(path));
        let api = lower_api(path, &resources, info, catalog, shared_names, diagnostics);
        apis.insert(path.to_owned(), api);
    }
    apis
}

/// One unified API: its handle (`Calendar`, or `FormsApi` when a resource's handle is `Forms`), its seeding
/// handle (`CalendarSeed`) and its resources, whose type names share the API's module.
fn lower_api(
    path: &str,
    resources: &[&ResourceSource],
    info: Option<&crate::load::raw::ApiInfo>,
    catalog: &Catalog<'_>,
    shared_names: &std::collections::BTreeSet<String>,
    diagnostics: &mut Diagnostics,
) -> Api {
    let pascal = naming::pascal(path);
    let taken_by_a_resource = resources.iter().any(|source| naming::pascal(&source.source.content.resource) == pascal);
    let handle = if taken_by_a_resource { format!("{pascal}Api") } else { pascal };
    let seed_handle = format!("{handle}Seed");
    let mut type_names = reserved_type_names();
    type_names.reserve(&handle, format!("the unified API handle `{handle}`"));
    type_names.reserve(&seed_handle, format!("the unified API seeding handle `{seed_handle}`"));
    let mut resource_modules = Namespace::default();
    let mut lowered = BTreeMap::new();
    let mut declared: BTreeMap<&str, &ResourceSource> = BTreeMap::new();
    for source in resources {
        if !claim_resource(source, &mut declared, &mut resource_modules, diagnostics) {
            continue;
        }
        let (mut resource, names) = resource::lower(source, catalog, type_names, shared_names, diagnostics);
        type_names = names;
        recursion::box_recursive_fields(&mut resource.types, TypeScope::Resource);
        lowered.insert(resource.path.clone(), resource);
    }
    Api {
        path: path.to_owned(),
        module: naming::snake(path),
        feature: naming::feature(path),
        handle,
        seed_handle,
        name: info.map_or_else(|| title_case(path), |info| info.name.clone()),
        description: info.and_then(|info| info.description.clone()),
        resources: lowered,
    }
}

/// Claims a resource's path and module; a resource declared twice (or two whose modules collide) is
/// reported once, at its `resource:`, and not lowered: its types and builders would only collide again.
fn claim_resource<'a>(
    source: &'a ResourceSource,
    declared: &mut BTreeMap<&'a str, &'a ResourceSource>,
    modules: &mut Namespace,
    diagnostics: &mut Diagnostics,
) -> bool {
    let resource_path = source.source.content.resource.as_str();
    let resource_key = KeyPath::root().key("resource");
    let location = source.source.positions.value(&resource_key);
    if let Some(first) = declared.get(resource_path) {
        let first_at = first.source.positions.value(&resource_key);
        diagnostics.push(Diagnostic {
            file: source.source.file.clone(),
            location: Some(location),
            path: "resource".to_owned(),
            message: format!(
                "resource \"{resource_path}\" is already declared in {}:{}:{}",
                first.source.file, first_at.line, first_at.column
            ),
            help: Some("one file per resource: merge the two files, or correct `resource:` in one".to_owned()),
        });
        return false;
    }
    declared.insert(resource_path, source);
    let claim = Claim {
        what: format!("resource \"{resource_path}\""),
        file: source.source.file.clone(),
        location,
        path: "resource".to_owned(),
    };
    match modules.claim(&naming::snake(resource_path), claim) {
        Some(diagnostic) => {
            diagnostics.push(diagnostic);
            false
        }
        None => true,
    }
}

/// A namespace where the names generated code uses unqualified are taken.
fn reserved_type_names() -> Namespace {
    let mut names = Namespace::default();
    for name in RESERVED_TYPE_NAMES {
        names.reserve(name, format!("`{name}`, which generated code uses"));
    }
    names
}

/// The integrations catalog (`integrations.yaml`); slugs must be `snake_case` (they are matched verbatim).
fn integrations(schema: &Schema, diagnostics: &mut Diagnostics) -> BTreeMap<String, Integration> {
    let mut integrations = BTreeMap::new();
    let Some(source) = &schema.integrations_file else { return integrations };
    for (slug, name) in &source.content.integrations {
        let path = KeyPath::root().key("integrations").key(slug);
        // A leading digit is fine (`15five`): the `Integration` variant becomes `V15five`.
        let valid = !slug.is_empty() && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            diagnostics.push(source.error_at_key(
                &path,
                format!("integration slug \"{slug}\" must be snake_case (lowercase letters, digits and `_`)"),
            ));
        }
        if name.trim().is_empty() {
            diagnostics.push(source.error_at(&path, "an integration needs a display name"));
        }
        integrations.insert(slug.clone(), Integration { slug: slug.clone(), name: name.clone() });
    }
    integrations
}

/// `Integration`: an open enum of the catalog's slugs, each variant documented with its display name.
fn integration_enum(
    schema: &Schema,
    integrations: &BTreeMap<String, Integration>,
    diagnostics: &mut Diagnostics,
) -> Option<Enum> {
    let source = schema.integrations_file.as_ref()?;
    let mut names = Namespace::default();
    let mut variants = Vec::new();
    for integration in integrations.values() {
        let rust_name = naming::pascal(&integration.slug);
        let path = KeyPath::root().key("integrations").key(&integration.slug);
        let claim = Claim {
            what: format!("integration \"{}\"", integration.slug),
            file: source.file.clone(),
            location: source.positions.key(&path),
            path: path.to_string(),
        };
        match names.claim(&rust_name, claim) {
            Some(diagnostic) => diagnostics.push(diagnostic),
            None => variants.push(Variant {
                value: integration.slug.clone(),
                rust_name,
                label: Some(integration.name.clone()),
            }),
        }
    }
    let other = catch_all_variant(&names);
    Some(Enum {
        name: INTEGRATION_ENUM.to_owned(),
        description: Some(
            "An integration: a product behind the unified APIs, by the slug Truto uses for it.".to_owned(),
        ),
        variants,
        other,
    })
}

/// `instant-messaging` → `Instant Messaging`, for APIs `truto.yaml` does not name.
fn title_case(path: &str) -> String {
    path.split(['-', '_'])
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}
