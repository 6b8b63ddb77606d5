//! One method of a resource file, from the integrations' mappings and meta responses:
//! - `supported_in`: the integrations whose `integration_mapping` has the method;
//! - `partial_in` (`list`): the integrations whose list `response_schema` has fewer fields than their get's;
//! - `query`: every integration's `query_schema` properties, each with the integrations accepting it
//!   (`supported_in`) and requiring it (`required_in`);
//! - `request_fields` (`create`, `update`): which integrations accept and require each record field in
//!   their `request_body_schema`;
//! - `body` (custom methods): the `request_body_schema` properties, as for `query`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use serde_yaml::{Mapping, Value as Yaml};

use super::Warning;
use super::json_schema::{self, Converter, Document, slugs};
use super::model::{MetaSource, ResourceDef, escape_pointer};
use super::resource::{self, Environment};
use crate::ir::MethodKind;
use crate::naming;
use crate::runtime_api;

/// Meta responses by method and integration slug.
pub type MethodMetas<'a> = BTreeMap<(&'a str, &'a str), &'a MetaSource>;

/// What identifies the method being built.
pub struct MethodContext<'c, 'm> {
    /// The method's name (`list`, `merge`).
    pub name: &'c str,
    /// Its request builder's type name (`ListUsers`).
    pub builder: &'c str,
    /// The resource's meta responses.
    pub metas: &'c MethodMetas<'m>,
    /// The integrations catalog and `truto.yaml`.
    pub environment: &'c Environment,
    /// The record's fields.
    pub record: &'c Mapping,
}

/// One property of one integration's schema.
struct Occurrence<'m> {
    slug: &'m str,
    meta: &'m MetaSource,
    node: &'m Value,
    required: bool,
}

/// The method's tree.
pub fn method<'m>(context: &MethodContext<'_, 'm>, def: &ResourceDef, converter: &mut Converter<'m, '_>) -> Mapping {
    let mut tree = Mapping::new();
    let environment = context.environment;
    let supported: BTreeSet<&String> = def
        .integrations
        .iter()
        .filter(|(_, methods)| methods.contains(context.name))
        .filter_map(|(integration, _)| environment.slugs.get(integration))
        .collect();
    if !supported.is_empty() {
        tree.insert("supported_in".into(), slugs(supported));
    }
    let kind = super::names::kind_of(context.name);
    if kind == MethodKind::List
        && let Some(partial) = partial_in(context.metas)
    {
        tree.insert("partial_in".into(), slugs(&partial));
    }
    let query = query(context, kind, converter);
    if !query.is_empty() {
        tree.insert("query".into(), Yaml::Mapping(query));
    }
    match kind {
        MethodKind::Create | MethodKind::Update => {
            let fields = request_fields(context, converter);
            if !fields.is_empty() {
                tree.insert("request_fields".into(), Yaml::Mapping(fields));
            }
        }
        MethodKind::Custom => {
            if let Some(body) = body(context, converter) {
                tree.insert("body".into(), Yaml::Mapping(body));
            }
        }
        MethodKind::List | MethodKind::Get | MethodKind::Delete => {}
    }
    tree
}

/// The integrations whose list returns fewer fields than their get; `None` when no integration has both.
fn partial_in(metas: &MethodMetas<'_>) -> Option<BTreeSet<String>> {
    let fields = |meta: &MetaSource| -> BTreeSet<String> {
        meta.schema("response_schema")
            .map(|schema| json_schema::property_names(schema).into_keys().collect())
            .unwrap_or_default()
    };
    let mut compared = false;
    let mut partial = BTreeSet::new();
    for ((_, slug), list) in metas.iter().filter(|((method, _), _)| *method == "list") {
        let Some(get) = metas.get(&("get", *slug)) else { continue };
        compared = true;
        let (listed, got) = (fields(list), fields(get));
        if listed.is_subset(&got) && listed.len() < got.len() {
            partial.insert((*slug).to_owned());
        }
    }
    compared.then_some(partial)
}

/// Every integration's properties of `key` (`query_schema`, `request_body_schema`) for this method, by name.
fn occurrences<'m>(context: &MethodContext<'_, 'm>, key: &str) -> BTreeMap<String, Vec<Occurrence<'m>>> {
    let mut by_name: BTreeMap<String, Vec<Occurrence<'m>>> = BTreeMap::new();
    for ((method, slug), meta) in context.metas.iter() {
        let (true, Some(schema)) = (*method == context.name, meta.schema(key)) else { continue };
        for (name, required) in json_schema::property_names(schema) {
            let Some(node) = resource::property(schema, &name) else { continue };
            by_name.entry(name).or_default().push(Occurrence { slug, meta, node, required });
        }
    }
    by_name
}

/// Points the converter at the meta response holding `occurrence`, whose `$ref`s resolve there.
fn read_from<'m>(converter: &mut Converter<'m, '_>, occurrence: &Occurrence<'m>, key: &'static str) {
    converter.document =
        Document { file: &occurrence.meta.file, root: &occurrence.meta.value, base: key, is_record: false };
}

/// `supported_in` and, when any integration requires it, `required_in`.
fn insert_coverage(field: &mut Mapping, occurrences: &[Occurrence<'_>]) {
    let supported: BTreeSet<String> = occurrences.iter().map(|occurrence| occurrence.slug.to_owned()).collect();
    let required: BTreeSet<String> = occurrences
        .iter()
        .filter(|occurrence| occurrence.required)
        .map(|occurrence| occurrence.slug.to_owned())
        .collect();
    field.insert("supported_in".into(), slugs(&supported));
    if !required.is_empty() {
        field.insert("required_in".into(), slugs(&required));
    }
}

/// Warns when the integrations declare a property with different types; the first integration's is used.
fn check_agreement(converter: &mut Converter<'_, '_>, name: &str, occurrences: &[Occurrence<'_>], key: &str) {
    let first = occurrences.first().map(|occurrence| occurrence.node.get("type"));
    if let Some(other) = occurrences.iter().find(|occurrence| Some(occurrence.node.get("type")) != first) {
        let pointer = format!("/{key}/properties/{}", escape_pointer(name));
        let message = format!(
            "integrations declare \"{name}\" with different types; typed as {}'s is",
            occurrences.first().map_or("", |occurrence| occurrence.slug)
        );
        converter.warnings.push(Warning::new(&other.meta.file, &pointer, message));
    }
}

/// The method's query parameters. Truto's own parameters are every request's already (the runtime's); a
/// parameter whose setter another one or a builder method has is left out with a warning.
fn query<'m>(context: &MethodContext<'_, 'm>, kind: MethodKind, converter: &mut Converter<'m, '_>) -> Mapping {
    let typed_body = kind != MethodKind::Custom
        || context.metas.iter().any(|((method, _), meta)| {
            *method == context.name && meta.schema("request_body_schema").is_some_and(json_schema::has_properties)
        });
    let mut setters: BTreeSet<String> =
        runtime_api::builder_methods(kind, !typed_body).into_iter().map(str::to_owned).collect();
    let mut query = Mapping::new();
    for (name, occurrences) in occurrences(context, "query_schema") {
        if runtime_api::TRUTO_PARAMETERS.contains(&name.as_str()) {
            continue;
        }
        let first = &occurrences[0];
        let setter = naming::snake(&name);
        if !setters.insert(setter.clone()) {
            let pointer = format!("/query_schema/properties/{}", escape_pointer(&name));
            let message = format!(
                "query parameter \"{name}\" left out: its setter `{setter}` is another parameter's or a method of \
                 every request builder"
            );
            converter.warnings.push(Warning::new(&first.meta.file, &pointer, message));
            continue;
        }
        check_agreement(converter, &name, &occurrences, "query_schema");
        read_from(converter, first, "/query_schema");
        let pointer = format!("/query_schema/properties/{}", escape_pointer(&name));
        let mut field = converter.query_parameter(first.node, &pointer, context.builder, &name);
        insert_coverage(&mut field, &occurrences);
        query.insert(name.into(), Yaml::Mapping(json_schema::ordered(field)));
    }
    query
}

/// `create`/`update`: which integrations accept and require each record field. Body fields that are not
/// writable fields of the record cannot be sent, and are reported.
fn request_fields<'m>(context: &MethodContext<'_, 'm>, converter: &mut Converter<'m, '_>) -> Mapping {
    let record = resource::field_names(context.record);
    let mut fields = Mapping::new();
    for (name, occurrences) in occurrences(context, "request_body_schema") {
        if !record.contains(&name) || resource::is_read_only(context.record, &name) {
            let why = if record.contains(&name) {
                "is a read-only field of the record"
            } else {
                "is not a field of the record"
            };
            let pointer = format!("/request_body_schema/properties/{}", escape_pointer(&name));
            let message = format!(
                "body field \"{name}\" of {} {why}, and {} sends the record's writable fields: left out",
                context.name, context.name
            );
            converter.warnings.push(Warning::new(&occurrences[0].meta.file, &pointer, message));
            continue;
        }
        let mut field = Mapping::new();
        insert_coverage(&mut field, &occurrences);
        fields.insert(name.into(), Yaml::Mapping(field));
    }
    fields
}

/// A custom method's `body:`, when some integration describes its request body.
fn body<'m>(context: &MethodContext<'_, 'm>, converter: &mut Converter<'m, '_>) -> Option<Mapping> {
    let parent = format!("{}Body", context.builder);
    let mut body = Mapping::new();
    let mut rust_names: BTreeMap<String, String> = BTreeMap::new();
    for (name, occurrences) in occurrences(context, "request_body_schema") {
        let first = &occurrences[0];
        let pointer = format!("/request_body_schema/properties/{}", escape_pointer(&name));
        let rust = naming::snake(&name);
        if let Some(earlier) = rust_names.get(&rust) {
            let message =
                format!("body field \"{name}\" becomes the Rust field `{rust}`, as \"{earlier}\" does: left out");
            converter.warnings.push(Warning::new(&first.meta.file, &pointer, message));
            continue;
        }
        rust_names.insert(rust, name.clone());
        check_agreement(converter, &name, &occurrences, "request_body_schema");
        read_from(converter, first, "/request_body_schema");
        let mut field = converter.input_field(first.node, &pointer, &parent, &name, false);
        insert_coverage(&mut field, &occurrences);
        body.insert(name.into(), Yaml::Mapping(json_schema::ordered(field)));
    }
    (!body.is_empty()).then_some(body)
}
