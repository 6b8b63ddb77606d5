//! Synthetic schemas of N resources, written twice: in truto-codegen's YAML format and as the equivalent
//! OpenAPI 3.0 document for progenitor.
//!
//! Every resource has the same realistic shape (a CRM-like record): scalars of every schema type, two open
//! enums, dates and date-times, an array of strings, arrays of nested objects, a nested object, an array of
//! a shared type (`common/Address`), free-form maps, and 0–4 extra string fields so that resources are not
//! byte-identical. Each has `list` (with one resource-specific query parameter) and `get`, and every
//! operation takes the same Truto parameters in both formats. Resources are spread round-robin over up to
//! seven unified APIs; names are unique across all of them (OpenAPI component names are global).

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Map, Value, json};

/// The unified APIs resources are spread over (folder names: URL path segments and Cargo features).
pub const APIS: [&str; 7] = ["crm", "ticketing", "accounting", "hris", "ats", "file-storage", "marketing-automation"];

/// (resource path segment, model name) of the base nouns; later rounds add a numeric suffix.
const NOUNS: [(&str, &str); 16] = [
    ("contacts", "Contact"),
    ("companies", "Company"),
    ("deals", "Deal"),
    ("tickets", "Ticket"),
    ("invoices", "Invoice"),
    ("employees", "Employee"),
    ("candidates", "Candidate"),
    ("drive-items", "DriveItem"),
    ("campaigns", "Campaign"),
    ("leads", "Lead"),
    ("notes", "Note"),
    ("tasks", "Task"),
    ("comments", "Comment"),
    ("payments", "Payment"),
    ("jobs", "Job"),
    ("segments", "Segment"),
];

const INTEGRATIONS: [(&str, &str); 4] =
    [("hubspot", "HubSpot"), ("salesforce", "Salesforce"), ("pipedrive", "Pipedrive"), ("zoho_crm", "Zoho CRM")];

const STATUS: [&str; 5] = ["active", "inactive", "archived", "pending", "deleted"];
const PRIORITY: [&str; 4] = ["low", "medium", "high", "urgent"];

/// One synthetic resource.
#[derive(Clone, Debug)]
pub struct Resource {
    /// Unified API folder (`crm`).
    pub api: &'static str,
    /// URL path segment (`contacts`, `contacts-2`).
    pub resource: String,
    /// Model name (`Contact`, `Contact2`).
    pub model: String,
    /// How many extra string fields it has (0–4).
    pub extra_fields: usize,
}

/// The `count` resources, spread over `apis` unified APIs (at most 7).
pub fn resources(count: usize, apis: usize) -> Vec<Resource> {
    let apis = apis.clamp(1, APIS.len());
    (0..count)
        .map(|index| {
            let (noun, model) = NOUNS[index % NOUNS.len()];
            let round = index / NOUNS.len();
            let (resource, model) = if round == 0 {
                (noun.to_owned(), model.to_owned())
            } else {
                (format!("{noun}-{}", round + 1), format!("{model}{}", round + 1))
            };
            Resource { api: APIS[index % apis], resource, model, extra_fields: index % 5 }
        })
        .collect()
}

fn api_name(api: &str) -> String {
    api.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes the YAML schema folder (`truto.yaml`, `integrations.yaml`, `common.yaml`, `<api>/<resource>.yaml`).
pub fn write_yaml_schema(dir: &Path, resources: &[Resource]) -> std::io::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let mut apis: Vec<&str> = resources.iter().map(|resource| resource.api).collect();
    apis.sort_unstable();
    apis.dedup();

    let mut truto = String::from("apis:\n");
    for api in &apis {
        let _ = writeln!(
            truto,
            "  {api}:\n    name: {}\n    description: The synthetic {} unified API.",
            api_name(api),
            api_name(api)
        );
    }
    std::fs::write(dir.join("truto.yaml"), truto)?;

    let mut integrations = String::from("integrations:\n");
    for (slug, name) in INTEGRATIONS {
        let _ = writeln!(integrations, "  {slug}: {name}");
    }
    std::fs::write(dir.join("integrations.yaml"), integrations)?;
    std::fs::write(dir.join("common.yaml"), COMMON_YAML)?;

    for api in &apis {
        std::fs::create_dir_all(dir.join(api))?;
    }
    for resource in resources {
        std::fs::write(dir.join(resource.api).join(format!("{}.yaml", resource.resource)), resource_yaml(resource))?;
    }
    Ok(())
}

const COMMON_YAML: &str = r#"types:
  Address:
    type: object
    description: A postal address.
    fields:
      street_1: { type: string, description: Line 1 of the street address }
      street_2: { type: string, description: Line 2 of the street address }
      city: { type: string, description: The city }
      state: { type: string, description: The state or region }
      postal_code: { type: string, description: The postal code }
      country: { type: string, description: The country }
"#;

/// One resource file.
pub fn resource_yaml(resource: &Resource) -> String {
    let Resource { resource: path, model, extra_fields, .. } = resource;
    let mut yaml = format!(
        r#"resource: {path}
model: {model}
description: A synthetic {model} record.
methods:
  list:
    description: List {model} records
    supported_in: [hubspot, salesforce]
    query:
      owner_id:
        type: string
        description: Only records owned by this user.
  get:
    description: Get a {model} by its id
fields:
  id:
    type: string
    required: true
    read_only: true
    description: The unique identifier of the {model}
    supported_in: [hubspot, salesforce, pipedrive]
  name:
    type: string
    description: The name of the {model}
    supported_in: [hubspot, salesforce]
  description:
    type: string
    description: A longer description
  status:
    type: enum
    values: [{status}]
    description: The status of the {model}
    supported_in: [hubspot]
  priority:
    type: enum
    values: [{priority}]
    description: The priority
  amount:
    type: number
    description: The amount, in the currency of the account
  quantity:
    type: integer
    description: How many units
  is_active:
    type: boolean
    description: Whether the record is active
  email:
    type: email
    description: The main email address
  website:
    type: url
    description: The website
  external_id:
    type: uuid
    description: The identifier in an external system
  due_date:
    type: date
    description: The date the record is due
  created_at:
    type: date-time
    read_only: true
    description: When the record was created
  updated_at:
    type: date-time
    read_only: true
    description: When the record was last updated
  tags:
    type: array
    description: Free-form labels
    items: {{ type: string }}
  emails:
    type: array
    description: The email addresses
    items:
      type: object
      fields:
        email: {{ type: string, description: The email address }}
        type: {{ type: string, description: The type of email address }}
        is_primary: {{ type: boolean, description: Whether the email address is primary }}
  phones:
    type: array
    description: The phone numbers
    items:
      type: object
      fields:
        number: {{ type: string, description: The phone number }}
        extension: {{ type: string, description: The extension }}
        type: {{ type: string, description: The type of phone number }}
  owner:
    type: object
    description: The user who owns the record
    fields:
      id: {{ type: string, description: The unique identifier of the owner }}
      name: {{ type: string, description: The name of the owner }}
      email: {{ type: string, description: The email of the owner }}
  addresses:
    type: array
    description: The postal addresses
    items: {{ $ref: common/Address }}
  custom_fields:
    type: map
    description: Custom fields, by name
  remote_data:
    type: map
    description: Raw data returned from the remote API call.
"#,
        status = STATUS.join(", "),
        priority = PRIORITY.join(", "),
    );
    for extra in 0..*extra_fields {
        let _ = write!(yaml, "  extra_{extra}:\n    type: string\n    description: Extra field {extra}\n");
    }
    yaml
}

fn snake(text: &str) -> String {
    text.replace('-', "_")
}

fn string(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn object(properties: Value) -> Value {
    json!({ "type": "object", "properties": properties })
}

/// The OpenAPI 3.0 document describing the same resources, operations and shapes.
pub fn openapi(resources: &[Resource]) -> Value {
    let mut schemas = Map::new();
    schemas.insert(
        "Address".into(),
        json!({
            "type": "object",
            "description": "A postal address.",
            "properties": {
                "street_1": string("Line 1 of the street address"),
                "street_2": string("Line 2 of the street address"),
                "city": string("The city"),
                "state": string("The state or region"),
                "postal_code": string("The postal code"),
                "country": string("The country"),
            }
        }),
    );
    schemas.insert(
        "TrutoResponseFormat".into(),
        json!({ "type": "string", "enum": ["unified", "raw", "normalized", "stream"], "description": "The format of the response." }),
    );
    let mut paths = Map::new();
    for resource in resources {
        let model = &resource.model;
        let mut properties = json!({
            "id": string(&format!("The unique identifier of the {model}")),
            "name": string(&format!("The name of the {model}")),
            "description": string("A longer description"),
            "status": { "type": "string", "enum": STATUS, "description": format!("The status of the {model}") },
            "priority": { "type": "string", "enum": PRIORITY, "description": "The priority" },
            "amount": { "type": "number", "format": "double", "description": "The amount, in the currency of the account" },
            "quantity": { "type": "integer", "format": "int64", "description": "How many units" },
            "is_active": { "type": "boolean", "description": "Whether the record is active" },
            "email": { "type": "string", "format": "email", "description": "The main email address" },
            "website": { "type": "string", "format": "uri", "description": "The website" },
            "external_id": { "type": "string", "format": "uuid", "description": "The identifier in an external system" },
            "due_date": { "type": "string", "format": "date", "description": "The date the record is due" },
            "created_at": { "type": "string", "format": "date-time", "readOnly": true, "description": "When the record was created" },
            "updated_at": { "type": "string", "format": "date-time", "readOnly": true, "description": "When the record was last updated" },
            "tags": { "type": "array", "description": "Free-form labels", "items": { "type": "string" } },
            "emails": { "type": "array", "description": "The email addresses", "items": object(json!({
                "email": string("The email address"),
                "type": string("The type of email address"),
                "is_primary": { "type": "boolean", "description": "Whether the email address is primary" },
            })) },
            "phones": { "type": "array", "description": "The phone numbers", "items": object(json!({
                "number": string("The phone number"),
                "extension": string("The extension"),
                "type": string("The type of phone number"),
            })) },
            "owner": { "type": "object", "description": "The user who owns the record", "properties": {
                "id": string("The unique identifier of the owner"),
                "name": string("The name of the owner"),
                "email": string("The email of the owner"),
            } },
            "addresses": { "type": "array", "description": "The postal addresses", "items": { "$ref": "#/components/schemas/Address" } },
            "custom_fields": { "type": "object", "description": "Custom fields, by name", "additionalProperties": {} },
            "remote_data": { "type": "object", "description": "Raw data returned from the remote API call.", "additionalProperties": {} },
        });
        for extra in 0..resource.extra_fields {
            properties[format!("extra_{extra}")] = string(&format!("Extra field {extra}"));
        }
        schemas.insert(
            model.clone(),
            json!({ "type": "object", "description": format!("A synthetic {model} record."), "required": ["id"], "properties": properties }),
        );
        schemas.insert(
            format!("{model}List"),
            json!({
                "type": "object",
                "description": format!("One page of {model} records."),
                "required": ["result"],
                "properties": {
                    "result": { "type": "array", "items": { "$ref": format!("#/components/schemas/{model}") } },
                    "next_cursor": { "type": "string", "nullable": true, "description": "The cursor of the next page" },
                    "prev_cursor": { "type": "string", "nullable": true, "description": "The cursor of the previous page" },
                    "result_count": { "type": "integer", "format": "int64", "description": "How many records this page holds" },
                    "is_partial_response": { "type": "boolean", "description": "Whether records hold only some fields" },
                }
            }),
        );
        let base = format!("/unified/{}/{}", resource.api, resource.resource);
        let id = format!("{}_{}", snake(resource.api), snake(&resource.resource));
        let mut list_parameters = truto_parameters(true);
        list_parameters.push(json!({ "name": "owner_id", "in": "query", "required": false, "description": "Only records owned by this user.", "schema": { "type": "string" } }));
        paths.insert(
            base.clone(),
            json!({ "get": {
                "operationId": format!("list_{id}"),
                "description": format!("List {model} records"),
                "parameters": list_parameters,
                "responses": { "200": { "description": "One page", "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{model}List") } } } } }
            } }),
        );
        let mut get_parameters = vec![
            json!({ "name": "id", "in": "path", "required": true, "description": "The record's id", "schema": { "type": "string" } }),
        ];
        get_parameters.extend(truto_parameters(false));
        paths.insert(
            format!("{base}/{{id}}"),
            json!({ "get": {
                "operationId": format!("get_{id}"),
                "description": format!("Get a {model} by its id"),
                "parameters": get_parameters,
                "responses": { "200": { "description": "The record", "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{model}") } } } } }
            } }),
        );
    }
    json!({
        "openapi": "3.0.3",
        "info": { "title": "Synthetic Truto unified API", "version": "1.0.0" },
        "servers": [{ "url": "https://api.truto.one" }],
        "paths": paths,
        "components": { "schemas": schemas },
    })
}

fn truto_parameters(list: bool) -> Vec<Value> {
    let mut parameters = vec![
        json!({ "name": "integrated_account_id", "in": "query", "required": true, "description": "The ID of the integrated account to use for the request.", "schema": { "type": "string", "format": "uuid" } }),
        json!({ "name": "truto_response_format", "in": "query", "required": false, "schema": { "$ref": "#/components/schemas/TrutoResponseFormat" } }),
        json!({ "name": "truto_ignore_remote_data", "in": "query", "required": false, "description": "Excludes the remote_data attribute from the response.", "schema": { "type": "boolean" } }),
        json!({ "name": "truto_exclude_fields", "in": "query", "required": false, "description": "Array of fields to exclude from the response.", "schema": { "type": "array", "items": { "type": "string" } } }),
    ];
    if list {
        parameters.push(json!({ "name": "limit", "in": "query", "required": false, "description": "The maximum number of records to return in one page.", "schema": { "type": "integer", "format": "int32", "minimum": 0 } }));
        parameters.push(json!({ "name": "next_cursor", "in": "query", "required": false, "description": "The cursor of the next page.", "schema": { "type": "string" } }));
    }
    parameters
}

/// Writes `<dir>/schema/` (YAML) and `<dir>/openapi.json` for `count` resources over `apis` APIs.
pub fn write_both(dir: &Path, count: usize, apis: usize) -> std::io::Result<()> {
    let resources = resources(count, apis);
    std::fs::create_dir_all(dir)?;
    write_yaml_schema(&dir.join("schema"), &resources)?;
    let text = serde_json::to_string_pretty(&openapi(&resources)).map_err(std::io::Error::other)?;
    std::fs::write(dir.join("openapi.json"), text)
}

/// A program using the truto-codegen crate `synth_truto`: one list page and one record of every resource,
/// so that compiling it instantiates every operation's request and decoding code.
pub fn truto_consumer(resources: &[Resource]) -> String {
    let mut calls = String::new();
    for resource in resources {
        let (api, name) = (snake(resource.api), snake(&resource.resource));
        let _ = writeln!(
            calls,
            "    let page = account.{api}().{name}().list().limit(10).send().await?;\n    \
             let record = account.{api}().{name}().get(\"id\").send().await?;\n    \
             println!(\"{{}} {{}}\", page.result.len(), record.id);"
        );
    }
    format!(
        "use synth_truto::UnifiedApis;\n\n\
         async fn run() -> Result<(), truto_unified::Error> {{\n    \
         let client = truto_unified::Client::builder().token(\"t\").base_url(\"http://127.0.0.1:9\").build()?;\n    \
         let account = client.account(\"acc\");\n{calls}    Ok(())\n}}\n\n\
         fn main() {{\n    let _ = futures::executor::block_on(run());\n}}\n"
    )
}

/// The same program against progenitor's crate `synth_progenitor`.
pub fn progenitor_consumer(resources: &[Resource]) -> String {
    let mut calls = String::new();
    for resource in resources {
        let id = format!("{}_{}", snake(resource.api), snake(&resource.resource));
        let _ = writeln!(
            calls,
            "    let page = client.list_{id}().integrated_account_id(account).limit(10).send().await?;\n    \
             let record = client.get_{id}().id(\"id\").integrated_account_id(account).send().await?;\n    \
             println!(\"{{}} {{}}\", page.result.len(), record.id);"
        );
    }
    format!(
        "async fn run() -> Result<(), synth_progenitor::Error<()>> {{\n    \
         let client = synth_progenitor::Client::new(\"http://127.0.0.1:9\");\n    \
         let account = uuid::Uuid::nil();\n{calls}    Ok(())\n}}\n\n\
         fn main() {{\n    let _ = futures::executor::block_on(run());\n}}\n"
    )
}

/// Writes `truto_use.rs` and `progenitor_use.rs` (see [`truto_consumer`]) into `dir`.
pub fn write_consumers(dir: &Path, count: usize, apis: usize) -> std::io::Result<()> {
    let resources = resources(count, apis);
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("truto_use.rs"), truto_consumer(&resources))?;
    std::fs::write(dir.join("progenitor_use.rs"), progenitor_consumer(&resources))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_synthetic_schema_generates_and_matches_its_openapi_twin() {
        let dir = std::env::temp_dir().join(format!("truto-benches-synth-{}", std::process::id()));
        write_both(&dir, 21, 7).unwrap();
        let generated = truto_codegen::Config::new().schema_dir(dir.join("schema")).generate().unwrap();
        // mod.rs, common.rs, one file per API and one per resource.
        assert_eq!(generated.files.len(), 2 + 7 + 21);
        let openapi: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("openapi.json")).unwrap()).unwrap();
        assert_eq!(openapi["paths"].as_object().unwrap().len(), 2 * 21);
        assert_eq!(openapi["components"]["schemas"].as_object().unwrap().len(), 2 + 2 * 21);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
