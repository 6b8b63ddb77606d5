//! One resource of a unified model → the tree of its resource file: the record's fields (typed from the
//! resource's `schema`, each with the integrations whose `response_schema` fills it), and its methods
//! ([`super::methods`]).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use serde_yaml::{Mapping, Value as Yaml};

use super::Warning;
use super::json_schema::{self, Converter, Document, FieldCoverage, Place};
use super::methods::{self, MethodMetas};
use super::model::{MetaSource, ModelSource, ResourceDef, escape_pointer};
use super::names::{self, TypeNames};
use crate::ir::MethodKind;
use crate::naming;
use crate::runtime_api::{DERIVED_METHODS, HANDLE_METHODS};
use crate::validate::resource::is_path_segment;

/// What the importer knows of the environment besides the model: the integrations catalog.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    /// Truto's integration name → its slug in `integrations.yaml`; integrations not here are left out.
    pub slugs: BTreeMap<String, String>,
}

/// A resource file's tree and the comment heading it.
#[derive(Clone, Debug)]
pub struct ResourceFile {
    /// The header lines (without `#`).
    pub header: Vec<String>,
    /// The file's content.
    pub tree: Yaml,
}

/// Everything read about one resource.
pub struct ResourceInput<'a> {
    /// The unified API (the model's name).
    pub api: &'a str,
    /// The resource's name: its URL path segment.
    pub name: &'a str,
    /// The model it belongs to.
    pub source: &'a ModelSource,
    /// Its definition in the model.
    pub def: &'a ResourceDef,
    /// Its meta responses, by integration and method.
    pub metas: BTreeMap<(&'a str, &'a str), &'a MetaSource>,
}

/// The file of `input` (whose handle is claimed), naming its types in `names`. Warnings about parts left out
/// are pushed to `warnings`.
pub fn build(
    input: &ResourceInput<'_>,
    environment: &Environment,
    names: &mut TypeNames,
    warnings: &mut Vec<Warning>,
) -> ResourceFile {
    let at = format!("{}/resources/{}", input.source.pointer, escape_pointer(input.name));
    let file = input.source.file.as_str();
    let methods = method_names(input, &at, warnings);
    let (resource_names, dropped) = names::resource_names(names, input.name, &methods);
    for (method, why) in dropped {
        warnings.push(Warning::new(file, &at, format!("method \"{method}\" left out: {why}")));
    }
    let model = resource_names.model.clone();
    let root = input.source.document.as_ref();
    let schema_pointer = input.def.schema.clone().unwrap_or_default();
    let document = Document { file, root, base: &schema_pointer, is_record: true };
    let mut converter = Converter::new(document, model.clone(), names);
    converter.coverage = coverage(input, environment);
    let schema = input.def.schema.as_ref().and_then(|pointer| root.pointer(pointer));
    let mut fields = schema
        .and_then(|schema| converter.object_fields(schema, &schema_pointer, &model, Place::Model))
        .unwrap_or_default();

    let slugged: MethodMetas<'_> = input
        .metas
        .iter()
        .filter_map(|(&(integration, method), meta)| {
            environment.slugs.get(integration).map(|slug| ((method, slug.as_str()), *meta))
        })
        .collect();
    mark_read_only(&mut fields, input.def, environment, &slugged);
    let mut method_tree = Mapping::new();
    for (method, builder) in order(&resource_names.builders) {
        let context = methods::MethodContext { name: method, builder, metas: &slugged, environment, record: &fields };
        let tree = methods::method(&context, input.def, &mut converter);
        method_tree.insert(method.clone().into(), Yaml::Mapping(tree));
    }
    warnings.append(&mut converter.warnings);

    let mut tree = Mapping::new();
    tree.insert("resource".into(), input.name.into());
    tree.insert("model".into(), model.into());
    if let Some(description) = input.def.description.as_ref().map(|text| text.trim()).filter(|text| !text.is_empty()) {
        tree.insert("description".into(), description.into());
    }
    if fields.is_empty() {
        tree.insert("field_list".into(), "unknown".into());
    }
    tree.insert("methods".into(), Yaml::Mapping(method_tree));
    tree.insert("fields".into(), Yaml::Mapping(fields));
    if !converter.types.is_empty() {
        let types = std::mem::take(&mut converter.types);
        tree.insert(
            "types".into(),
            Yaml::Mapping(types.into_iter().map(|(name, ty)| (name.into(), Yaml::Mapping(ty))).collect()),
        );
    }
    ResourceFile { header: header(input, environment), tree: Yaml::Mapping(tree) }
}

/// The resource's methods: those its `methods` list and its integrations' mappings name, standard ones
/// first. Names that are not a standard method nor a URL path segment, and names that collide as Rust
/// methods, are left out with a warning.
fn method_names(input: &ResourceInput<'_>, at: &str, warnings: &mut Vec<Warning>) -> Vec<String> {
    let mut all: BTreeSet<&str> = input.def.methods.iter().map(String::as_str).collect();
    all.extend(input.def.integrations.values().flatten().map(String::as_str));
    let mut handle_methods: BTreeMap<String, String> = HANDLE_METHODS
        .iter()
        .chain(&DERIVED_METHODS)
        .map(|name| ((*name).to_owned(), format!("the resource method `{name}`")))
        .collect();
    let mut kept = Vec::new();
    for method in all {
        let file = input.source.file.as_str();
        if names::kind_of(method) == MethodKind::Custom && !is_path_segment(method) {
            let message = format!(
                "method \"{method}\" left out: neither a standard method (list, get, create, update, delete) nor a \
                 custom method's URL path segment (lowercase letters, digits, `-`, `_`)"
            );
            warnings.push(Warning::new(file, at, message));
            continue;
        }
        let rust = naming::snake(method);
        if let Some(first) = handle_methods.get(&rust) {
            let message = format!("method \"{method}\" left out: it becomes the Rust method `{rust}`, as {first} does");
            warnings.push(Warning::new(file, at, message));
            continue;
        }
        handle_methods.insert(rust, format!("method \"{method}\""));
        kept.push(method.to_owned());
    }
    kept.sort_by_key(|method| (names::kind_of(method), method.clone()));
    kept
}

/// Methods in the order of the file: standard ones first, then custom ones by name.
fn order(builders: &BTreeMap<String, String>) -> Vec<(&String, &String)> {
    let mut ordered: Vec<(&String, &String)> = builders.iter().collect();
    ordered.sort_by_key(|(method, _)| (names::kind_of(method), (*method).clone()));
    ordered
}

/// Which integrations fill which fields: the `response_schema`s of the methods answering with records
/// (list, get, create, update), per integration. `complete` when every integration of the mapping has one.
fn coverage(input: &ResourceInput<'_>, environment: &Environment) -> Option<FieldCoverage> {
    let mut coverage = FieldCoverage::default();
    for ((integration, method), meta) in &input.metas {
        let records = ["list", "get", "create", "update"].contains(method);
        let (true, Some(slug), Some(schema)) =
            (records, environment.slugs.get(*integration), meta.schema("response_schema"))
        else {
            continue;
        };
        coverage.add(slug, schema);
    }
    let mapped = input.def.integrations.keys().filter_map(|integration| environment.slugs.get(integration));
    coverage.complete = mapped.into_iter().all(|slug| coverage.known.contains(slug));
    (!coverage.known.is_empty()).then_some(coverage)
}

/// Marks the record's fields that no integration's `create` or `update` body accepts as read-only (so that
/// they are not in the generated bodies), saying so in `inferred`; only when the body schema of every
/// integration creating or updating records is known.
fn mark_read_only(fields: &mut Mapping, def: &ResourceDef, environment: &Environment, metas: &MethodMetas<'_>) {
    let writes = ["create", "update"];
    let mut writable: BTreeSet<String> = BTreeSet::new();
    let mut complete = true;
    let mut writers = 0;
    for (integration, methods) in &def.integrations {
        let Some(slug) = environment.slugs.get(integration) else { continue };
        for method in writes.iter().filter(|method| methods.contains(**method)) {
            writers += 1;
            match metas.get(&(*method, slug.as_str())).and_then(|meta| meta.schema("request_body_schema")) {
                Some(schema) => writable.extend(json_schema::property_names(schema).into_keys()),
                None => complete = false,
            }
        }
    }
    if writers == 0 || !complete || writable.is_empty() {
        return;
    }
    for (name, field) in fields.iter_mut() {
        let (Some(name), Some(field)) = (name.as_str(), field.as_mapping_mut()) else { continue };
        if writable.contains(name) || field.get("read_only") == Some(&Yaml::Bool(true)) {
            continue;
        }
        field.insert("read_only".into(), true.into());
        let note = "read-only: in no integration's create or update body";
        let inferred = match field.get("inferred").and_then(Yaml::as_str) {
            Some(earlier) => format!("{earlier}; {note}"),
            None => note.to_owned(),
        };
        field.insert("inferred".into(), inferred.into());
        *field = json_schema::ordered(std::mem::take(field));
    }
}

/// The comment heading the file: what it was made from, and how a re-import treats it.
fn header(input: &ResourceInput<'_>, environment: &Environment) -> Vec<String> {
    let model = &input.source.model;
    let mut about: Vec<String> = Vec::new();
    if let Some(id) = &model.id {
        about.push(format!("id {id}"));
    }
    if let Some(version) = &model.version {
        about.push(format!("version {version}"));
    }
    if let Some(updated) = &model.updated_at {
        about.push(format!("updated {updated}"));
    }
    let at = format!("{}/resources/{}", input.source.pointer, escape_pointer(input.name));
    let mut header = vec![
        format!("Imported by truto-codegen: Truto's unified model \"{}\", resource \"{}\".", model.name, input.name),
        format!("  from: {}#{at}", input.source.file),
    ];
    if !about.is_empty() {
        header.push(format!("  model: {}", about.join(", ")));
    }
    if let Some(at) = &input.source.overridden_by {
        header.push(format!("  with this environment's override of the model from {at}"));
    }
    let integrations: BTreeSet<&str> = input.metas.keys().map(|(integration, _)| *integration).collect();
    if !input.metas.is_empty() {
        let listed: Vec<&str> = integrations.iter().copied().collect();
        header.push(format!(
            "  meta: {} response(s) under meta/{}/{}/, of {}",
            input.metas.len(),
            input.api,
            input.name,
            listed.join(", ")
        ));
    }
    let mapped: BTreeSet<&str> = input.def.integrations.keys().map(String::as_str).collect();
    let missing: Vec<&str> = mapped.difference(&integrations).copied().collect();
    if !missing.is_empty() {
        header.push(format!(
            "  no meta for: {} (their coverage of fields and parameters is not shown)",
            missing.join(", ")
        ));
    }
    let dropped: Vec<&str> =
        mapped.iter().copied().filter(|integration| !environment.slugs.contains_key(*integration)).collect();
    if !dropped.is_empty() {
        header.push(format!("  integrations left out (see the import's warnings): {}", dropped.join(", ")));
    }
    header.push("Re-importing follows your Truto environment for types, methods and coverage, and keeps".to_owned());
    header
        .push("descriptions, examples, `inferred` notes, `model` names, keys and comments written by hand.".to_owned());
    header
}

/// The record's field names (the keys of `fields:`).
pub fn field_names(fields: &Mapping) -> BTreeSet<String> {
    fields.keys().filter_map(Yaml::as_str).map(str::to_owned).collect()
}

/// Whether the record field `name` is read-only.
pub fn is_read_only(fields: &Mapping, name: &str) -> bool {
    fields.get(name).and_then(|field| field.get("read_only")) == Some(&Yaml::Bool(true))
}

/// The `properties` of `schema` at `name`.
pub fn property<'v>(schema: &'v Value, name: &str) -> Option<&'v Value> {
    schema.get("properties")?.get(name)
}
