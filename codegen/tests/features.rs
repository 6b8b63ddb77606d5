//! `truto-unified` has one Cargo feature per unified API folder of `schema/`, and `full` enables each of them:
//! a new API folder without its feature would be compiled out of every build (the generated module is gated
//! by a feature nobody can turn on). The README's table of unified APIs lists exactly the schema's APIs and
//! resources, so it cannot drift from what the crate holds.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn repository() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The API folders of `schema/` (every folder holding a `*.yaml` file).
fn api_folders() -> BTreeSet<String> {
    std::fs::read_dir(repository().join("schema"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .filter(|entry| {
            std::fs::read_dir(entry.path())
                .unwrap()
                .filter_map(Result::ok)
                .any(|file| file.path().extension().is_some_and(|extension| extension == "yaml"))
        })
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect()
}

/// The `[features]` table of `generated/Cargo.toml`: name → enabled features. Only the form that file uses
/// is read (`name = ["a", "b"]` on one line); anything else in the table fails the test.
fn features() -> BTreeMap<String, Vec<String>> {
    let manifest = std::fs::read_to_string(repository().join("generated/Cargo.toml")).unwrap();
    let mut features = BTreeMap::new();
    let mut in_features = false;
    let mut lines = manifest.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line.starts_with('[') {
            in_features = line == "[features]";
            continue;
        }
        if !in_features || line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, value) = line.split_once('=').unwrap_or_else(|| panic!("unexpected line in [features]: {line}"));
        // A list may run over several lines (`full = [` … `]`).
        let mut list = value.trim().to_owned();
        while !list.ends_with(']') {
            let Some(next) = lines.next() else { panic!("unterminated feature list: {line}") };
            list.push_str(next);
        }
        let list = list.strip_prefix('[').and_then(|value| value.strip_suffix(']'));
        let list = list.unwrap_or_else(|| panic!("a feature is a list: {line}"));
        let enabled = list
            .split(',')
            .map(|item| item.trim().trim_matches('"').to_owned())
            .filter(|item| !item.is_empty())
            .collect();
        features.insert(name.trim().to_owned(), enabled);
    }
    features
}

#[test]
fn every_api_folder_has_a_feature_and_full_enables_each() {
    let apis = api_folders();
    let features = features();
    assert!(apis.len() >= 7, "{apis:?}");
    for api in &apis {
        assert_eq!(features.get(api), Some(&Vec::new()), "generated/Cargo.toml needs `{api} = []`");
    }
    let full: BTreeSet<String> = features.get("full").expect("a `full` feature").iter().cloned().collect();
    assert_eq!(full, apis, "`full` enables exactly one feature per API folder");
    assert_eq!(features.get("default"), Some(&vec!["full".to_owned()]), "the documented default is `full`");
    let stale: Vec<&String> =
        features.keys().filter(|name| !apis.contains(*name) && !["default", "full"].contains(&name.as_str())).collect();
    assert!(stale.is_empty(), "features without an API folder: {stale:?}");
}

/// The README's table of unified APIs (`| feature | module | resources |`), as the schema says it must read:
/// one row per API, each resource by its path segment with its custom methods in parentheses.
fn readme_table(ir: &truto_codegen::ir::Ir) -> String {
    let mut table = String::from("| feature | module | resources |\n|---|---|---|\n");
    for api in ir.apis.values() {
        let resources: Vec<String> = api
            .resources
            .values()
            .map(|resource| {
                let custom: Vec<String> = resource
                    .methods
                    .iter()
                    .filter(|method| method.kind == truto_codegen::ir::MethodKind::Custom)
                    .map(|method| format!("`{}`", method.name))
                    .collect();
                if custom.is_empty() {
                    format!("`{}`", resource.path)
                } else {
                    format!("`{}` (+ {})", resource.path, custom.join(", "))
                }
            })
            .collect();
        let (feature, module, resources) = (&api.feature, &api.module, resources.join(", "));
        table.push_str(&format!("| `{feature}` | `truto_unified::{module}` | {resources} |\n"));
    }
    table
}

#[test]
fn the_readme_table_lists_every_api_and_resource_of_the_schema() {
    let ir = truto_codegen::Config::for_truto_unified().schema_dir(repository().join("schema")).check().unwrap();
    let expected = readme_table(&ir);
    let readme = std::fs::read_to_string(repository().join("README.md")).unwrap();
    let start = readme.find("| feature | module | resources |").expect("README.md has the table of unified APIs");
    let end = readme[start..].find("\n\n").map_or(readme.len(), |end| start + end + 1);
    assert!(
        readme[start..end] == expected,
        "README.md's table of unified APIs (\"What is covered, and Cargo features\") differs from the schema; it \
         should read:\n\n{expected}"
    );
}
