//! The generated code for the repository's schema, file by file, as insta snapshots.
//!
//! A schema or generator change shows up here as a diff of the Rust a user will compile: review it like code
//! (`cargo insta review`), never accept it blindly.

use std::path::Path;

use truto_codegen::Config;

fn schema_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema"))
}

/// `calendar/users.rs` → `calendar__users`.
fn snapshot_name(path: &Path) -> String {
    path.with_extension("").to_string_lossy().replace(['/', '\\'], "__")
}

#[test]
fn generated_code_for_the_repository_schema() {
    let generated = Config::for_truto_unified().schema_dir(schema_dir()).generate().expect("the schema is valid");
    let names: Vec<String> = generated.files.iter().map(|file| snapshot_name(&file.path)).collect();
    // Every resource file of the schema yields one generated file (plus one per API, the root and `common`).
    let resource_files = std::fs::read_dir(schema_dir())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .flat_map(|api| std::fs::read_dir(api.path()).unwrap().filter_map(Result::ok))
        .filter(|entry| entry.path().extension().is_some_and(|extension| extension == "yaml"))
        .count();
    let common = usize::from(!generated.ir.shared_types.is_empty());
    assert_eq!(names.len(), 1 + common + generated.ir.apis.len() + resource_files, "{names:?}");
    for file in &generated.files {
        insta::assert_snapshot!(snapshot_name(&file.path), file.contents);
    }
}

/// Issue #5's bar: at least 12 real Truto resources across 7 unified APIs, each schema file generated as the
/// module its path names (`file-storage/drive-items.yaml` → `file_storage/drive_items.rs`).
#[test]
fn every_resource_file_is_generated_and_the_schema_covers_twelve_resources_across_seven_apis() {
    let generated = Config::for_truto_unified().schema_dir(schema_dir()).generate().unwrap();
    let mut resource_files = Vec::new();
    for api in std::fs::read_dir(schema_dir()).unwrap().filter_map(Result::ok).filter(|entry| entry.path().is_dir()) {
        for file in std::fs::read_dir(api.path()).unwrap().filter_map(Result::ok) {
            let path = file.path();
            if path.extension().is_some_and(|extension| extension == "yaml") {
                let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
                resource_files.push((api.file_name().to_string_lossy().into_owned(), stem));
            }
        }
    }
    for (api, resource) in &resource_files {
        let expected = format!("{}/{}.rs", api.replace('-', "_"), resource.replace('-', "_"));
        assert!(
            generated.files.iter().any(|file| file.path == Path::new(&expected)),
            "schema/{api}/{resource}.yaml generated no {expected}"
        );
    }
    let resources: usize = generated.ir.apis.values().map(|api| api.resources.len()).sum();
    assert_eq!(resources, resource_files.len(), "one resource per schema file");
    assert!(generated.ir.apis.len() >= 7, "{} unified APIs", generated.ir.apis.len());
    assert!(resources >= 12, "{resources} resources");
}

#[test]
fn extension_trait_mode_for_bindings_in_other_crates() {
    let generated = Config::new().schema_dir(schema_dir()).runtime_path("::my_truto::runtime").generate().unwrap();
    let root = &generated.files.iter().find(|file| file.path == Path::new("mod.rs")).unwrap().contents;
    // Named apart from truto-unified's `UnifiedApis`, so that a crate can use both.
    assert!(root.contains("pub trait CustomUnifiedApis"), "{root}");
    assert!(root.contains("impl CustomUnifiedApis for ::my_truto::runtime::Account"), "{root}");
    // The seeding trait takes the accessor trait's name, so it too is apart from truto-unified's.
    assert!(root.contains("pub trait CustomUnifiedApisSeed: ::my_truto::runtime::seed::Seeder"), "{root}");
    assert!(root.contains("impl<S: ::my_truto::runtime::seed::Seeder> CustomUnifiedApisSeed for S {}"), "{root}");
    assert!(root.contains("pub static SPEC: ::my_truto::runtime::spec::Spec"), "{root}");
    assert!(!root.contains("#[cfg(feature"), "no feature gates outside truto-unified: {root}");
    let users = &generated.files.iter().find(|file| file.path == Path::new("calendar/users.rs")).unwrap().contents;
    assert!(users.contains("use ::my_truto::runtime;"), "{users}");
}

#[test]
fn generation_is_deterministic() {
    let config = Config::for_truto_unified().schema_dir(schema_dir());
    let first = config.generate().unwrap().files;
    let second = config.generate().unwrap().files;
    assert_eq!(first, second);
}
