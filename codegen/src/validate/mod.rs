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

mod coverage;
mod names;
mod params;
mod resource;
mod suggest;
mod types;

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostics;
use crate::ir::{Api, Integration, Ir};
use crate::load::positions::KeyPath;
use crate::load::{ResourceSource, Schema};
use crate::naming;

use coverage::Catalog;
use names::{Claim, Namespace};

/// Names the runtime's `Account` already has, which no unified API accessor may take.
const ACCOUNT_METHODS: [&str; 4] = ["id", "client", "unified", "clone"];

/// Validates `schema` and lowers it into the IR, or reports every problem found.
pub fn validate(schema: &Schema) -> Result<Ir, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let api_source = &schema.api_file;
    let api_file = &api_source.content;

    let integrations = integrations(schema, &mut diagnostics);
    let catalog = Catalog::new(&integrations);
    let truto = params::lower(api_source, &catalog, &mut diagnostics);

    let mut by_api: BTreeMap<&str, Vec<&ResourceSource>> = BTreeMap::new();
    for resource in &schema.resources {
        by_api.entry(resource.api.as_str()).or_default().push(resource);
    }
    for name in api_file.apis.keys().filter(|name| !by_api.contains_key(name.as_str())) {
        diagnostics.push(api_source.error_at_key(
            &KeyPath::root().key("apis").key(name),
            format!("unified API \"{name}\" has no folder of resource files (schema/{name}/*.yaml)"),
        ));
    }

    let mut modules = Namespace::default();
    for method in ACCOUNT_METHODS {
        modules.reserve(method, format!("the account method `{method}`"));
    }
    let mut apis = BTreeMap::new();
    for (path, resources) in by_api {
        let info = api_file.apis.get(path);
        let module = naming::snake(path);
        if let Some(first) = resources.first() {
            let claim = Claim {
                what: format!("unified API folder \"{path}\""),
                file: first.source.file.clone(),
                location: first.source.positions.value(&KeyPath::root()),
                path: String::new(),
            };
            if let Some(diagnostic) = modules.claim(&module, claim) {
                diagnostics.push(diagnostic);
            }
        }
        let handle = naming::pascal(path);
        let mut type_names = Namespace::default();
        type_names.reserve(&handle, format!("the unified API handle `{handle}`"));
        let mut resource_modules = Namespace::default();
        let mut lowered = BTreeMap::new();
        for source in resources {
            let (resource, names) = resource::lower(source, &catalog, &truto, type_names, &mut diagnostics);
            type_names = names;
            let claim = Claim {
                what: format!("resource \"{}\"", resource.path),
                file: source.source.file.clone(),
                location: source.source.positions.value(&KeyPath::root().key("resource")),
                path: "resource".to_owned(),
            };
            if let Some(diagnostic) = resource_modules.claim(&resource.module, claim) {
                diagnostics.push(diagnostic);
                continue;
            }
            lowered.insert(resource.path.clone(), resource);
        }
        apis.insert(
            path.to_owned(),
            Api {
                path: path.to_owned(),
                module,
                feature: naming::feature(path),
                handle,
                name: info.map_or_else(|| title_case(path), |info| info.name.clone()),
                description: info.and_then(|info| info.description.clone()),
                resources: lowered,
            },
        );
    }

    diagnostics.into_result(Ir {
        base_url: api_file.base_url.clone(),
        integrations,
        truto_params: truto.params,
        root_types: truto.root_types,
        response_format: truto.response_format,
        apis,
    })
}

/// The integrations catalog of `truto.yaml`; slugs must be `snake_case` (they are matched verbatim).
fn integrations(schema: &Schema, diagnostics: &mut Diagnostics) -> BTreeMap<String, Integration> {
    let source = &schema.api_file;
    let mut integrations = BTreeMap::new();
    for (slug, name) in &source.content.integrations {
        let path = KeyPath::root().key("integrations").key(slug);
        let valid = !slug.is_empty()
            && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !slug.starts_with(|c: char| c.is_ascii_digit());
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
