//! `truto-unified` has one Cargo feature per unified API folder of `schema/`, and `full` enables each of them:
//! a new API folder without its feature would be compiled out of every build (the generated module is gated
//! by a feature nobody can turn on). Only files of this package are read, so the test also runs in the
//! published crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Features that are not unified APIs: the crypto provider of rustls, one of them on by default.
const TLS_FEATURES: [&str; 2] = ["rustls-aws-lc-rs", "rustls-ring"];

fn package() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The API folders of `schema/` (every folder holding a `*.yaml` file).
fn api_folders() -> BTreeSet<String> {
    std::fs::read_dir(package().join("schema"))
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

/// The `[features]` table of `Cargo.toml`: name → enabled features. Only the forms that file uses (and Cargo
/// writes when it packages the crate) are read: `name = ["a", "b"]`, on one line or several; anything else
/// in the table fails the test.
fn features() -> BTreeMap<String, Vec<String>> {
    let manifest = std::fs::read_to_string(package().join("Cargo.toml")).unwrap();
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
    let default = vec!["full".to_owned(), "rustls-ring".to_owned()];
    assert_eq!(features.get("default"), Some(&default), "the documented default is `full` with ring");
    for tls in TLS_FEATURES {
        let runtime_feature = format!("truto-unified-runtime/{tls}");
        assert_eq!(features.get(tls), Some(&vec![runtime_feature]), "`{tls}` selects the runtime's provider");
    }
    let stale: Vec<&String> = features
        .keys()
        .filter(|name| !apis.contains(*name) && !["default", "full"].contains(&name.as_str()))
        .filter(|name| !TLS_FEATURES.contains(&name.as_str()))
        .collect();
    assert!(stale.is_empty(), "features without an API folder: {stale:?}");
}
