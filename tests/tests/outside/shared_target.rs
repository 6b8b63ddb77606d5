//! Two checkouts sharing one target directory each build their own schema (issue #14).
//!
//! Cargo gives the same package in two checkouts the same artifacts (its hashes use paths relative to the
//! workspace root), so the second checkout reuses the build script the first compiled. A script that took its
//! schema path from `env!("CARGO_MANIFEST_DIR")` (fixed when it was compiled) then generated the other
//! checkout's schema, or failed once that checkout was gone. The checkouts here run truto-unified's own
//! `build.rs`, copied byte for byte, over schemas of their own.

use std::path::{Path, PathBuf};

use super::support::{cargo, fresh_dir, repository, stderr, write_crate};

const MANIFEST: &str = r#"[package]
name = "shared-target-checkout"
version = "0.1.0"
edition = "2024"
publish = false

# One feature per unified API, as truto-unified has (its build script writes the enabled APIs' modules); the
# same in both checkouts, so that Cargo gives them the same artifacts.
[features]
default = ["alpha", "beta"]
alpha = []
beta = []

[build-dependencies]
truto-codegen = { path = "CODEGEN", default-features = false }

[workspace]
"#;

fn resource(name: &str, model: &str) -> String {
    format!(
        "resource: {name}\nmodel: {model}\nmethods:\n  list: {{}}\nfields:\n  id: {{ type: string, required: true }}\n"
    )
}

/// A checkout of a crate built by truto-unified's build script, with one schema file.
fn checkout(dir: &Path, schema_file: &str, contents: String) {
    let build_script = std::fs::read_to_string(repository().join("generated/build.rs")).unwrap();
    let codegen = repository().join("codegen");
    let manifest = MANIFEST.replace("CODEGEN", codegen.to_str().unwrap());
    write_crate(
        dir,
        &[
            ("Cargo.toml", manifest),
            ("build.rs", build_script),
            ("src/lib.rs", "//! Only the build script matters here.\n".to_owned()),
            (schema_file, contents),
        ],
    );
}

/// Builds `dir` and returns the generated files, read from the build script's `OUT_DIR`: the root module and
/// the module of each unified API, in one string.
fn build(dir: &Path) -> String {
    let output = cargo(dir, &["build", "--message-format=json"]);
    assert!(output.status.success(), "{} did not build:\n{}", dir.display(), stderr(&output));
    let out_dir = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["reason"] == "build-script-executed")
        .filter(|message| message["package_id"].as_str().is_some_and(|id| id.contains("shared-target-checkout")))
        .find_map(|message| message["out_dir"].as_str().map(PathBuf::from))
        .expect("cargo reports the build script's OUT_DIR");
    ["mod.rs", "alpha.rs", "beta.rs"]
        .iter()
        .filter_map(|file| std::fs::read_to_string(out_dir.join("truto").join(file)).ok())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn two_checkouts_sharing_a_target_directory_each_build_their_own_schema() {
    let root = fresh_dir("shared-target");
    let (first, second) = (root.join("first"), root.join("second"));
    checkout(&first, "schema/alpha/things.yaml", resource("things", "Thing"));
    let module = build(&first);
    assert!(module.contains("pub mod alpha;") && !module.contains("pub mod beta;"), "{module}");

    // The second checkout is newer: Cargo recompiles the shared build script there.
    checkout(&second, "schema/beta/widgets.yaml", resource("widgets", "Widget"));
    let module = build(&second);
    assert!(module.contains("pub mod beta;") && !module.contains("pub mod alpha;"), "{module}");

    // Back in the first checkout, once the second is gone: its schema changes, so the script (the second
    // checkout's compilation, still fresh) runs again and must read the first checkout's schema.
    std::fs::remove_dir_all(&second).unwrap();
    std::fs::write(first.join("schema/alpha/gadgets.yaml"), resource("gadgets", "Gadget")).unwrap();
    let module = build(&first);
    assert!(module.contains("pub mod alpha;") && !module.contains("pub mod beta;"), "{module}");
    assert!(module.contains("fn gadgets("), "the first checkout's new resource is generated:\n{module}");
}
