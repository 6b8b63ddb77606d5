//! The one listing of what integrations require of requests, which the generated `SPEC` and
//! `truto-codegen fake` are both made from.

use std::path::Path;

use truto_codegen::Config;
use truto_codegen::requirements::{self, MethodRequirements, Requirement};

fn repository_schema() -> truto_codegen::ir::Ir {
    let schema = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema"));
    Config::new().schema_dir(schema).check().expect("the schema is valid")
}

fn method<'a>(
    listed: &'a [requirements::ResourceRequirements<'a>],
    path: &str,
    name: &str,
) -> &'a MethodRequirements<'a> {
    let resource = listed.iter().find(|resource| resource.path == path).unwrap_or_else(|| panic!("{path}"));
    resource.methods.iter().find(|method| method.method.name == name).unwrap_or_else(|| panic!("{path} {name}"))
}

fn requirement<'a>(name: &'a str, required_in: &[&'a str]) -> Requirement<'a> {
    Requirement { name, required_in: required_in.to_vec() }
}

#[test]
fn every_resource_and_method_is_listed_with_the_integrations_named_as_requiring_each_parameter() {
    let ir = repository_schema();
    let listed = requirements::list(&ir);
    let resources: usize = ir.apis.values().map(|api| api.resources.len()).sum();
    assert_eq!(listed.len(), resources, "every resource once");
    for resource in &listed {
        let names: Vec<&str> = resource.methods.iter().map(|method| method.method.name.as_str()).collect();
        let expected: Vec<&str> = resource.resource.methods.iter().map(|method| method.name.as_str()).collect();
        assert_eq!(names, expected, "{}: every method, in the IR's order", resource.path);
    }

    // A query parameter (`required_in: [highlevel]`) and a create body field (`request_fields`).
    let create = method(&listed, "/unified/crm/contacts", "create");
    assert_eq!(create.query, [requirement("workspace", &["highlevel"])]);
    assert_eq!(create.body, [requirement("account", &["close", "planhat", "zoho_crm"])]);
    // A custom method's body fields, slugs sorted.
    let merge = method(&listed, "/unified/crm/contacts", "merge");
    let merging = ["hubspot", "microsoft_dynamics_365_sales", "pipedrive", "salesforce", "zoho_crm"];
    assert_eq!(merge.body, [requirement("duplicate_records", &merging), requirement("master_record", &merging)]);
    assert!(method(&listed, "/unified/crm/contacts", "list").body.is_empty());
}

#[test]
fn a_count_without_names_cannot_be_checked_and_is_left_out() {
    let ir = repository_schema();
    let listed = requirements::list(&ir);
    // `required_in: { count: 3, named: [google_meet] }`: the one named.
    assert_eq!(
        method(&listed, "/unified/conferencing/attendees", "list").query,
        [requirement("meeting", &["google_meet"])]
    );
    // `job_id` has `required_in: 2` and no names; the other parameters of the list are required by none.
    let candidates = method(&listed, "/unified/ats/candidates", "list");
    assert!(candidates.query.iter().all(|requirement| requirement.name != "job_id"), "{:?}", candidates.query);
    let every =
        listed.iter().flat_map(|resource| &resource.methods).flat_map(|method| method.query.iter().chain(&method.body));
    assert!(every.clone().all(|requirement| !requirement.required_in.is_empty()));
    assert!(every.count() > 50, "the schema's requirements are listed");
}
