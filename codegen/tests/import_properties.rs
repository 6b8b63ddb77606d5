//! Property tests of the importer: random unified models, meta responses and plain random JSON never make it
//! panic, and whatever names and shapes they hold (keywords, names colliding after case conversion, unions,
//! `$ref` loops, integrations and methods that cannot be Rust names), the schema it makes is one the
//! validator accepts (the import checks it with the loader and validator before it could be written).

use proptest::prelude::*;
use serde_json::{Value, json};
use truto_codegen::import::{self, Input, Scope};

/// `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(default)
}

/// Names that collide after case conversion, are Rust keywords or names generated code takes, or are not
/// identifiers at all.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "id", "type", "self", "Self", "fooBar", "foo_bar", "", "日本", "a b", "x/y", "users", "user", "status",
            "list", "new", "meta", "send", "limit", "1st", "Lead", "lead", "Other", "String", "body", "remote_data",
            "created_at", "~0", "items", "fields", "$ref", "description", "#", "- x", "true", "null",
        ])
        .prop_map(str::to_owned),
        1 => "[a-z_]{1,6}",
    ]
}

/// Random JSON Schemas, valid or not.
fn schema() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(json!({"type": "string"})),
        Just(json!({"type": "integer", "default": 3})),
        Just(json!({"type": "string", "format": "date-time"})),
        Just(json!({"type": ["string", "null"], "required": true})),
        Just(json!({"type": ["string", "integer"]})),
        Just(json!({"type": 5})),
        Just(json!({})),
        Just(json!(true)),
        Just(json!(42)),
        Just(json!({"$ref": "#"})),
        Just(json!({"$ref": "#/definitions/A"})),
        Just(json!({"$ref": "#/definitions/Missing"})),
        Just(json!({"$ref": "other.json#/x"})),
        Just(json!({"type": "object"})),
        Just(json!({"type": "array"})),
        prop::collection::vec(name(), 0..6).prop_map(|values| json!({"type": "string", "enum": values})),
        Just(json!({"enum": [1, null, "a", "A"]})),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            (prop::collection::btree_map(name(), inner.clone(), 0..5), prop::collection::vec(name(), 0..3)).prop_map(
                |(properties, required)| json!({"type": "object", "properties": properties, "required": required})
            ),
            prop::collection::btree_map(name(), inner.clone(), 1..4)
                .prop_map(|properties| json!({"properties": properties})),
            inner.clone().prop_map(|items| json!({"type": "array", "items": items})),
            inner.clone().prop_map(|values| json!({"type": "object", "additionalProperties": values})),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|alternatives| json!({"anyOf": alternatives})),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|members| json!({"allOf": members})),
        ]
    })
}

fn integration() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["hubspot", "Jira-Cloud", "jira_cloud", "self", "a", "A", "a_b", "ab", "a__b", "日本", ""])
        .prop_map(str::to_owned)
}

fn method() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "list",
        "get",
        "create",
        "update",
        "delete",
        "merge",
        "Bad Method",
        "new",
        "meta",
        "do-it",
        "do_it",
        "send",
        "body",
    ])
    .prop_map(str::to_owned)
}

/// A resource: a schema with definitions, and a mapping of integrations to methods.
fn resource() -> impl Strategy<Value = Value> {
    let mapping = prop::collection::btree_map(integration(), prop::collection::btree_set(method(), 0..4), 0..3);
    (schema(), schema(), mapping).prop_map(|(schema, definition, mapping)| {
        let mut schema = schema;
        if let Some(object) = schema.as_object_mut() {
            object.insert("definitions".to_owned(), json!({"A": definition}));
        }
        let mapping: serde_json::Map<String, Value> = mapping
            .into_iter()
            .map(|(integration, methods)| {
                (integration, Value::Object(methods.into_iter().map(|method| (method, json!({}))).collect()))
            })
            .collect();
        json!({"description": "r", "schema": schema, "integration_mapping": mapping})
    })
}

/// A unified model and meta responses for some of its methods.
fn environment() -> impl Strategy<Value = Vec<(String, Value)>> {
    let model_name = prop::sample::select(vec!["crm", "common", "file-storage", "file_storage", "Bad Model", "hris"]);
    let resources = prop::collection::btree_map(name(), resource(), 0..4);
    let metas = prop::collection::vec((schema(), schema(), schema()), 0..6);
    (prop::collection::vec((model_name, resources), 1..3), metas).prop_map(|(models, metas)| {
        let mut documents = Vec::new();
        let mut meta_paths = Vec::new();
        for (index, (name, resources)) in models.iter().enumerate() {
            for (resource, definition) in resources {
                for (integration, methods) in definition["integration_mapping"].as_object().into_iter().flatten() {
                    for method in methods.as_object().into_iter().flatten().map(|(method, _)| method) {
                        meta_paths.push(format!("meta/{name}/{resource}/{integration}/{method}.json"));
                    }
                }
            }
            let model = json!({"id": index, "name": name, "resources": resources});
            documents.push((format!("unified-model/{index}.json"), model));
        }
        for (path, (response, query, body)) in meta_paths.into_iter().zip(metas) {
            let meta = json!({"response_schema": response, "query_schema": query, "request_body_schema": body});
            documents.push((path, meta));
        }
        documents
    })
}

/// Imports `documents` into an empty folder; the import must succeed (it validates what it made).
fn import_succeeds(documents: Vec<(String, Value)>) -> Result<(), TestCaseError> {
    let mut warnings = Vec::new();
    let input = Input::from_documents(documents, &mut warnings);
    let out = tempfile::tempdir().unwrap();
    match import::plan(&input, out.path(), Scope::Environment, warnings) {
        Ok(import) => {
            import.write().map_err(|error| TestCaseError::fail(error.to_string()))?;
            let again = import::plan(&input, out.path(), Scope::Environment, Vec::new())
                .map_err(|error| TestCaseError::fail(format!("re-import: {error}")))?;
            prop_assert!(again.is_up_to_date(), "a re-import changes files: {}", again.summary());
            Ok(())
        }
        Err(error) => Err(TestCaseError::fail(format!("the import is not valid: {error}"))),
    }
}

/// Any JSON value: what a broken or hostile server could send.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        name().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(name(), inner, 0..4).prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(48)))]

    #[test]
    fn random_environments_import_into_valid_schemas(documents in environment()) {
        import_succeeds(documents)?;
    }

    #[test]
    fn random_json_never_panics_the_importer(model in any_json(), meta in any_json(), resources in any_json()) {
        let documents = vec![
            ("unified-model/a.json".to_owned(), model),
            ("unified-model/b.json".to_owned(), json!({"name": "crm", "resources": resources})),
            ("meta/crm/x/hubspot/list.json".to_owned(), meta),
        ];
        import_succeeds(documents)?;
    }
}
