//! What Truto serves, as the importer reads it: unified models (`GET /unified-model`, `GET /unified-model/{id}`)
//! and per-integration method metadata (`GET /unified/{model}/{resource}/{integration}/meta/{method}`).
//!
//! Everything is read leniently from `serde_json::Value`s: a key of an unexpected type is left out with a
//! located [`Warning`], never a failure of the whole import, and keys this module does not know are ignored
//! (Truto adds keys over time). The JSON Schemas inside stay `Value`s, for the JSON Schema conversion.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde_json::Value;

use super::Warning;
use super::overrides::{Overrides, is_environment_document};

/// The folder of meta files inside an input folder: `meta/<model>/<resource>/<integration>/<method>.json`.
pub const META_FOLDER: &str = "meta";

/// Every input of one import: the unified models and the method metadata, by where they were read.
#[derive(Clone, Debug, Default)]
pub struct Input {
    /// The unified models, by name (the unified API's path segment), in name order.
    pub models: BTreeMap<String, ModelSource>,
    /// Method metadata, by what it describes.
    pub metas: BTreeMap<MetaKey, MetaSource>,
}

/// One unified model and the document it was read from.
#[derive(Clone, Debug)]
pub struct ModelSource {
    /// The JSON file, relative to the input (`unified-model/crm.json`).
    pub file: String,
    /// The JSON pointer of the model inside the file (`` for a file holding one model, `/result/0` in a page).
    pub pointer: String,
    /// The whole file, which `$ref`s inside the model's schemas point into.
    pub document: Arc<Value>,
    /// The model.
    pub model: UnifiedModel,
    /// Whether the file holds this model alone (`GET /unified-model/{id}`) rather than in a list.
    pub alone: bool,
    /// Where the environment's override merged into this model was read
    /// (`environment-unified-model/page-1.json#/result/0`), if it has one.
    pub overridden_by: Option<String>,
}

/// A unified model: `{id, name, category, description, version, updated_at, resources}`.
#[derive(Clone, Debug, Default)]
pub struct UnifiedModel {
    /// Truto's id of the model.
    pub id: Option<String>,
    /// The model's name, which is the unified API's URL path segment (`crm`, `user-directory`).
    pub name: String,
    /// Truto's category (`crm`).
    pub category: Option<String>,
    /// What the model covers.
    pub description: Option<String>,
    /// The model's version, as written.
    pub version: Option<String>,
    /// When the model was last changed.
    pub updated_at: Option<String>,
    /// The resources, by name (their URL path segment).
    pub resources: BTreeMap<String, ResourceDef>,
}

/// One resource of a unified model.
#[derive(Clone, Debug, Default)]
pub struct ResourceDef {
    /// What a record is.
    pub description: Option<String>,
    /// The JSON pointer of the resource's JSON Schema (`schema`) in the document, when it has one.
    pub schema: Option<String>,
    /// The methods a `methods: [...]` list names (older model documents).
    pub methods: BTreeSet<String>,
    /// Integration → the methods its mapping serves (`integration_mapping`).
    pub integrations: BTreeMap<String, BTreeSet<String>>,
}

/// What a meta response describes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MetaKey {
    /// The unified model (`crm`).
    pub model: String,
    /// The resource (`contacts`).
    pub resource: String,
    /// The integration (`salesforce`).
    pub integration: String,
    /// The method (`list`).
    pub method: String,
}

/// One meta response and the file it was read from.
#[derive(Clone, Debug)]
pub struct MetaSource {
    /// The JSON file, relative to the input.
    pub file: String,
    /// The response: `{method, schema, response_schema, query_schema, request_body_schema, …}`.
    pub value: Arc<Value>,
}

impl MetaSource {
    /// One of the meta response's schemas (`response_schema`, `query_schema`, `request_body_schema`), when
    /// it is an object.
    pub fn schema(&self, key: &str) -> Option<&Value> {
        self.value.get(key).filter(|schema| schema.is_object())
    }
}

impl Input {
    /// Sorts `documents` (path relative to the input, `/`-separated, and parsed JSON) into models and meta
    /// responses. A file under `meta/<model>/<resource>/<integration>/<method>.json` is a meta response;
    /// any other file holds one model, a list page (`{result: [...]}`) or an array of models.
    ///
    /// Files holding environment-unified-model records (`GET /environment-unified-model`) are the
    /// environment's: a model they do not name is not installed there and is left out, and each override is
    /// merged into its model (a JSON merge patch) before the model is read.
    pub fn from_documents(documents: Vec<(String, Value)>, warnings: &mut Vec<Warning>) -> Self {
        let mut input = Self::default();
        let mut sorted = documents;
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let mut overrides = Overrides::default();
        let (environment, sorted): (Vec<_>, Vec<_>) =
            sorted.into_iter().partition(|(file, value)| meta_key(file).is_none() && is_environment_document(value));
        for (file, value) in &environment {
            overrides.add(file, value, warnings);
        }
        for (file, value) in sorted {
            match meta_key(&file) {
                Some(key) => {
                    if value.is_object() {
                        input.metas.insert(key, MetaSource { file, value: Arc::new(value) });
                    } else {
                        warnings.push(Warning::new(&file, "", "a meta response is a JSON object; file left out"));
                    }
                }
                None => input.add_models(file, value, &overrides, warnings),
            }
        }
        input
    }

    /// Adds the models of one document. A file holding one model wins over the same model in a list; two
    /// files of the same kind naming the same model keep the first (by path), with a warning.
    /// The environment's `overrides` are merged in first; a model the environment did not install is left out.
    fn add_models(&mut self, file: String, mut value: Value, overrides: &Overrides, warnings: &mut Vec<Warning>) {
        let overridden = overrides.apply(&mut value);
        let document = Arc::new(value);
        let entries: Vec<(String, &Value, bool)> = match &*document {
            Value::Object(object) if holds_one_model(object) => {
                vec![(String::new(), &*document, true)]
            }
            Value::Object(object) => match object.get("result") {
                Some(Value::Array(models)) => {
                    models.iter().enumerate().map(|(index, model)| (format!("/result/{index}"), model, false)).collect()
                }
                _ => {
                    let message = "neither a unified model, a list page (`{result: [...]}`) nor a meta response \
                                   (meta/<model>/<resource>/<integration>/<method>.json); file left out";
                    warnings.push(Warning::new(&file, "", message));
                    return;
                }
            },
            Value::Array(models) => {
                models.iter().enumerate().map(|(index, model)| (format!("/{index}"), model, false)).collect()
            }
            _ => {
                warnings.push(Warning::new(&file, "", "not a JSON object or array; file left out"));
                return;
            }
        };
        for (pointer, value, alone) in entries {
            let Some(model) = model_from_json(value, &file, &pointer, warnings) else { continue };
            if !overrides.installs(model.id.as_deref()) {
                let message = format!(
                    "unified model \"{}\" is not installed in this environment (no environment-unified-model record); \
                     left out",
                    model.name
                );
                warnings.push(Warning::new(&file, &pointer, message));
                continue;
            }
            match self.models.get(&model.name) {
                Some(existing) if existing.alone || !alone => {
                    if existing.alone == alone {
                        let message = format!(
                            "unified model \"{}\" is also read from {}{}; this one is left out",
                            model.name,
                            existing.file,
                            pointer_suffix(&existing.pointer)
                        );
                        warnings.push(Warning::new(&file, &pointer, message));
                    }
                }
                _ => {
                    let overridden_by = overridden
                        .iter()
                        .find(|(id, _)| model.id.as_deref() == Some(id.as_str()))
                        .map(|(_, at)| at.clone());
                    let document = document.clone();
                    let source = ModelSource { file: file.clone(), pointer, document, model, alone, overridden_by };
                    self.models.insert(source.model.name.clone(), source);
                }
            }
        }
    }
}

/// Whether a JSON object is one unified model (`GET /unified-model/{id}`) rather than a list page of them.
pub(super) fn holds_one_model(object: &serde_json::Map<String, Value>) -> bool {
    object.contains_key("resources") || object.contains_key("name")
}

/// `#/result/0` for messages, or nothing for a whole file.
fn pointer_suffix(pointer: &str) -> String {
    if pointer.is_empty() { String::new() } else { format!("#{pointer}") }
}

/// The key of a file at `meta/<model>/<resource>/<integration>/<method>.json`.
fn meta_key(file: &str) -> Option<MetaKey> {
    let parts: Vec<&str> = file.split('/').collect();
    match parts.as_slice() {
        [META_FOLDER, model, resource, integration, method] => Some(MetaKey {
            model: (*model).to_owned(),
            resource: (*resource).to_owned(),
            integration: (*integration).to_owned(),
            method: method.strip_suffix(".json")?.to_owned(),
        }),
        _ => None,
    }
}

/// A unified model read from `value` (at `pointer` in `file`); `None`, with a warning, without a name.
pub fn model_from_json(value: &Value, file: &str, pointer: &str, warnings: &mut Vec<Warning>) -> Option<UnifiedModel> {
    let Some(object) = value.as_object() else {
        warnings.push(Warning::new(file, pointer, "a unified model is a JSON object; left out"));
        return None;
    };
    let Some(name) = object.get("name").and_then(Value::as_str).filter(|name| !name.is_empty()) else {
        warnings.push(Warning::new(file, pointer, "a unified model needs a `name` (its URL path segment); left out"));
        return None;
    };
    let mut model = UnifiedModel {
        id: text(object.get("id")),
        name: name.to_owned(),
        category: text(object.get("category")),
        description: string(object.get("description"), file, &format!("{pointer}/description"), warnings),
        version: text(object.get("version")),
        updated_at: text(object.get("updated_at")),
        resources: BTreeMap::new(),
    };
    match object.get("resources") {
        Some(Value::Object(resources)) => {
            for (name, resource) in resources {
                let at = format!("{pointer}/resources/{}", escape_pointer(name));
                if let Some(resource) = resource_from_json(resource, file, &at, warnings) {
                    model.resources.insert(name.clone(), resource);
                }
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => warnings.push(Warning::new(file, &format!("{pointer}/resources"), "`resources` is not an object")),
    }
    Some(model)
}

fn resource_from_json(value: &Value, file: &str, pointer: &str, warnings: &mut Vec<Warning>) -> Option<ResourceDef> {
    let Some(object) = value.as_object() else {
        warnings.push(Warning::new(file, pointer, "a resource is a JSON object; left out"));
        return None;
    };
    let mut resource = ResourceDef {
        description: string(object.get("description"), file, &format!("{pointer}/description"), warnings),
        ..ResourceDef::default()
    };
    match object.get("schema") {
        Some(schema) if schema.is_object() => resource.schema = Some(format!("{pointer}/schema")),
        None | Some(Value::Null) => {}
        Some(_) => warnings.push(Warning::new(file, &format!("{pointer}/schema"), "`schema` is not an object")),
    }
    if let Some(methods) = object.get("methods").and_then(Value::as_array) {
        resource.methods = methods.iter().filter_map(Value::as_str).map(str::to_owned).collect();
    }
    match object.get("integration_mapping") {
        Some(Value::Object(integrations)) => {
            for (integration, methods) in integrations {
                let methods: BTreeSet<String> = match methods {
                    Value::Object(methods) => methods.keys().cloned().collect(),
                    _ => {
                        let at = format!("{pointer}/integration_mapping/{}", escape_pointer(integration));
                        warnings.push(Warning::new(file, &at, "an integration's mapping is an object of methods"));
                        continue;
                    }
                };
                resource.integrations.insert(integration.clone(), methods);
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => warnings.push(Warning::new(
            file,
            &format!("{pointer}/integration_mapping"),
            "`integration_mapping` is not an object",
        )),
    }
    Some(resource)
}

/// A string, number or boolean as text (ids and versions are sometimes numbers).
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// A string value; anything else but `null` is left out with a warning.
pub fn string(value: Option<&Value>, file: &str, pointer: &str, warnings: &mut Vec<Warning>) -> Option<String> {
    match value? {
        Value::String(text) => Some(text.clone()),
        Value::Null => None,
        _ => {
            warnings.push(Warning::new(file, pointer, "not a string; left out"));
            None
        }
    }
}

/// One JSON Pointer segment (RFC 6901): `~` → `~0`, `/` → `~1`.
pub fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_environment_imports_the_models_it_installed_with_its_overrides() {
        let mut warnings = Vec::new();
        let input = Input::from_documents(
            vec![
                (
                    "unified-model/page-1.json".into(),
                    json!({"result": [
                        {"id": "um_crm", "name": "crm", "resources": {"contacts": {"description": "People"}}},
                        {"id": "um_hris", "name": "hris", "resources": {}}
                    ]}),
                ),
                (
                    "environment-unified-model/page-1.json".into(),
                    json!({"result": [{
                        "unified_model_id": "um_crm",
                        "override": {"resources": {"deals": {"description": "Ours"}}}
                    }]}),
                ),
            ],
            &mut warnings,
        );
        assert_eq!(input.models.keys().collect::<Vec<_>>(), ["crm"]);
        let crm = &input.models["crm"];
        assert_eq!(crm.model.resources.keys().collect::<Vec<_>>(), ["contacts", "deals"]);
        assert_eq!(crm.overridden_by.as_deref(), Some("environment-unified-model/page-1.json#/result/0"));
        let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].contains("\"hris\" is not installed in this environment"), "{messages:?}");
    }

    #[test]
    fn documents_are_sorted_into_models_and_metas() {
        let mut warnings = Vec::new();
        let input = Input::from_documents(
            vec![
                ("page-1.json".into(), json!({"result": [{"name": "crm", "resources": {}}, {"id": 1}]})),
                ("crm.json".into(), json!({"name": "crm", "description": "alone", "resources": {}})),
                ("meta/crm/contacts/hubspot/list.json".into(), json!({"method": "list"})),
                ("meta/crm/contacts/hubspot/get.json".into(), json!([])),
                ("notes.json".into(), json!("x")),
            ],
            &mut warnings,
        );
        assert_eq!(input.models["crm"].model.description.as_deref(), Some("alone"));
        assert_eq!(input.metas.len(), 1);
        let rendered: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            rendered,
            [
                "meta/crm/contacts/hubspot/get.json: a meta response is a JSON object; file left out",
                "notes.json: not a JSON object or array; file left out",
                "page-1.json#/result/1: a unified model needs a `name` (its URL path segment); left out",
            ]
        );
    }

    #[test]
    fn keys_of_the_wrong_type_are_left_out_with_a_warning() {
        let mut warnings = Vec::new();
        let model = json!({"name": "crm", "description": 3, "resources": {"a/b": {"schema": [], "integration_mapping": {"x": 1}}}});
        let model = model_from_json(&model, "m.json", "", &mut warnings).unwrap();
        assert_eq!(model.resources["a/b"].schema, None);
        let pointers: Vec<&str> = warnings.iter().map(|warning| warning.pointer.as_str()).collect();
        assert_eq!(pointers, ["/description", "/resources/a~1b/schema", "/resources/a~1b/integration_mapping/x"]);
    }
}
