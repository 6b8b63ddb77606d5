//! An environment's own changes to the unified models it installed (`GET /environment-unified-model`): each
//! record names the base model (`unified_model_id`) and an `override` that Truto deep-merges on top of it.
//! The records also say which models the environment installed: with them, a listed model without a record
//! is not imported. Only `override.resources` shapes bindings (the resources' schemas, descriptions and
//! integration mappings); the scopes, webhooks and docs an override may also carry do not.
//!
//! ```text
//! {"result": [{"id": "eum_1", "unified_model_id": "um_crm",
//!              "override": {"resources": {"contacts": {"schema": {"properties": {"tier": {"type": "string"}}}}}}}]}
//! ```
//! The merge is JSON Merge Patch (RFC 7396), as Truto describes it: objects merge key by key, any other value
//! replaces, `null` removes. It is applied to the model documents before they are read, so a resource's schema
//! pointers resolve into the merged document.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::Warning;
use super::model::holds_one_model;

/// What the environment's records say: which unified models it installed, and its overrides of them, by
/// model id.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    installed: BTreeSet<String>,
    overrides: BTreeMap<String, Override>,
}

/// One environment's override of one unified model, and where it was read.
#[derive(Clone, Debug)]
struct Override {
    /// `environment-unified-model/page-1.json#/result/0`.
    at: String,
    /// `override.resources`.
    resources: Value,
}

/// Whether `value` holds environment-unified-model records (one, a list page, or an array of them) rather
/// than unified models.
pub fn is_environment_document(value: &Value) -> bool {
    let is_record = |value: &Value| value.get("unified_model_id").is_some();
    match value {
        Value::Object(object) => match object.get("result") {
            Some(Value::Array(records)) => !records.is_empty() && records.iter().all(is_record),
            _ => is_record(value),
        },
        Value::Array(records) => !records.is_empty() && records.iter().all(is_record),
        _ => false,
    }
}

impl Overrides {
    /// Adds the records of one environment document; a record without a usable model id or override is left
    /// out with a warning.
    pub fn add(&mut self, file: &str, value: &Value, warnings: &mut Vec<Warning>) {
        let records: Vec<(String, &Value)> = match value {
            Value::Object(object) => match object.get("result") {
                Some(Value::Array(records)) => {
                    records.iter().enumerate().map(|(index, record)| (format!("/result/{index}"), record)).collect()
                }
                _ => vec![(String::new(), value)],
            },
            Value::Array(records) => {
                records.iter().enumerate().map(|(index, record)| (format!("/{index}"), record)).collect()
            }
            _ => Vec::new(),
        };
        for (pointer, record) in records {
            let Some(id) = id_text(record.get("unified_model_id")) else {
                warnings.push(Warning::new(
                    file,
                    &pointer,
                    "an override without a usable `unified_model_id`; left out",
                ));
                continue;
            };
            self.installed.insert(id.clone());
            let resources = match record.get("override").map(|over| over.get("resources")) {
                None | Some(None) | Some(Some(Value::Null)) => continue,
                Some(Some(resources @ Value::Object(_))) => resources.clone(),
                Some(Some(_)) => {
                    let message = "`override.resources` is not an object; the override is left out";
                    warnings.push(Warning::new(file, &format!("{pointer}/override/resources"), message));
                    continue;
                }
            };
            let at = if pointer.is_empty() { file.to_owned() } else { format!("{file}#{pointer}") };
            if let Some(earlier) = self.overrides.get(&id) {
                let message =
                    format!("unified model {id:?} is also overridden by {}; this one is left out", earlier.at);
                warnings.push(Warning::new(file, &pointer, message));
                continue;
            }
            self.overrides.insert(id, Override { at, resources });
        }
    }

    /// Whether the environment installed the unified model `id`: always, when no environment records were
    /// read (nothing says otherwise) or the model has no id.
    pub fn installs(&self, id: Option<&str>) -> bool {
        self.installed.is_empty() || id.is_none_or(|id| self.installed.contains(id))
    }

    /// Merges the overrides into the unified models of `document` (one model, a list page or an array), and
    /// says where each applied override was read, by model id.
    pub fn apply(&self, document: &mut Value) -> Vec<(String, String)> {
        if self.overrides.is_empty() {
            return Vec::new();
        }
        let models: Vec<&mut Value> = match document {
            Value::Object(object) if !holds_one_model(object) => match object.get_mut("result") {
                Some(Value::Array(models)) => models.iter_mut().collect(),
                _ => Vec::new(),
            },
            Value::Array(models) => models.iter_mut().collect(),
            model => vec![model],
        };
        let mut applied = Vec::new();
        for model in models {
            let Some(id) = id_text(model.get("id")) else { continue };
            let Some(over) = self.overrides.get(&id) else { continue };
            if let Value::Object(object) = model {
                let resources = object.entry("resources").or_insert_with(|| Value::Object(Default::default()));
                json_patch::merge(resources, &over.resources);
                applied.push((id, over.at.clone()));
            }
        }
        applied
    }
}

/// A model id as text: a string, or a number written as JSON.
fn id_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(id) if !id.is_empty() => Some(id.clone()),
        Value::Number(id) => Some(id.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn overrides(document: Value) -> (Overrides, Vec<Warning>) {
        let mut warnings = Vec::new();
        let mut overrides = Overrides::default();
        assert!(is_environment_document(&document));
        overrides.add("environment-unified-model/page-1.json", &document, &mut warnings);
        (overrides, warnings)
    }

    #[test]
    fn an_override_is_merged_into_its_model_as_a_merge_patch() {
        let (overrides, warnings) = overrides(json!({"result": [{
            "unified_model_id": "um_crm",
            "override": {"resources": {
                "contacts": {"schema": {"properties": {"tier": {"type": "string"}, "fax": null}}},
                "deals": {"description": "Our own resource"}
            }, "scopes": {"hubspot": ["crm.objects.deals.read"]}}
        }]}));
        assert!(warnings.is_empty(), "{warnings:?}");
        let mut model = json!({"id": "um_crm", "name": "crm", "resources": {
            "contacts": {"description": "People", "schema": {"type": "object", "properties": {
                "name": {"type": "string"}, "fax": {"type": "string"}}}}
        }});
        let applied = overrides.apply(&mut model);
        assert_eq!(applied, [("um_crm".to_owned(), "environment-unified-model/page-1.json#/result/0".to_owned())]);
        assert_eq!(
            model["resources"],
            json!({
                "contacts": {"description": "People", "schema": {"type": "object", "properties": {
                    "name": {"type": "string"}, "tier": {"type": "string"}}}},
                "deals": {"description": "Our own resource"}
            })
        );
    }

    #[test]
    fn models_of_a_list_page_get_their_own_overrides_and_others_are_untouched() {
        let (overrides, _) = overrides(json!([{"unified_model_id": 7, "override": {"resources": {"a": {"x": 1}}}}]));
        let mut page = json!({"result": [{"id": 7, "name": "crm"}, {"id": "8", "name": "hris", "resources": {}}]});
        let applied = overrides.apply(&mut page);
        assert_eq!(applied.len(), 1);
        assert_eq!(page["result"][0]["resources"], json!({"a": {"x": 1}}));
        assert_eq!(page["result"][1]["resources"], json!({}));
    }

    #[test]
    fn unusable_records_are_reported_and_left_out() {
        let (overrides, warnings) = overrides(json!({"result": [
            {"unified_model_id": null, "override": {"resources": {}}},
            {"unified_model_id": "um_1", "override": {"resources": ["not", "an", "object"]}},
            {"unified_model_id": "um_2"},
            {"unified_model_id": "um_3", "override": {"resources": {"a": {}}}},
            {"unified_model_id": "um_3", "override": {"resources": {"b": {}}}}
        ]}));
        let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("/result/0") && messages[0].contains("unified_model_id"), "{messages:?}");
        assert!(messages[1].contains("/result/1/override/resources"), "{messages:?}");
        assert!(messages[2].contains("also overridden by"), "{messages:?}");
        let mut model = json!({"id": "um_3", "name": "x"});
        overrides.apply(&mut model);
        assert_eq!(model["resources"], json!({"a": {}}));
    }

    #[test]
    fn the_records_say_which_models_are_installed() {
        let (overrides, _) = overrides(json!({"result": [{"unified_model_id": "um_crm", "override": null}]}));
        assert!(overrides.installs(Some("um_crm")) && overrides.installs(None));
        assert!(!overrides.installs(Some("um_hris")));
        assert!(Overrides::default().installs(Some("um_hris")), "without records, every model counts");
    }

    #[test]
    fn models_are_not_environment_documents() {
        assert!(!is_environment_document(&json!({"id": "um_crm", "name": "crm", "resources": {}})));
        assert!(!is_environment_document(&json!({"result": [{"id": "um_crm", "name": "crm"}]})));
        assert!(!is_environment_document(&json!({"result": []})));
    }
}
