//! Generates bindings in this crate the way a Truto customer would in their own `build.rs` (default
//! `Config`: extension trait `UnifiedApis`, runtime at `::truto_unified::runtime`), so that compiling this
//! crate proves they compile:
//! - `fixtures/adversarial/` → `$OUT_DIR/truto/`: keywords, digits, empty and reserved names, recursion;
//! - a sample of random valid schemas (drawn from fixed seeds by the generator the property tests of
//!   truto-codegen use) → `$OUT_DIR/random<N>/`;
//! - Truto's unified-model JSON of `codegen/tests/fixtures/import/`, imported as a customer's `pull` would →
//!   `$OUT_DIR/imported-schema/` → `$OUT_DIR/imported/`.
//!
//! It also writes the exercise tests of truto-unified's own schema (`generated/schema/`): an example record per
//! resource and a test serving it (`$OUT_DIR/exercise/`, `$OUT_DIR/exercise.rs`; see `build/exercise.rs`), and
//! the README's table of unified APIs as the schema says it must read (`$OUT_DIR/readme_table.md`).

#[path = "build/examples.rs"]
mod examples;
#[path = "build/exercise.rs"]
mod exercise;
#[path = "../codegen/tests/support/random_schema.rs"]
mod random_schema;
#[path = "build/readme_table.rs"]
mod readme_table;

use std::path::{Path, PathBuf};

/// Seeds of the compiled sample; each gives a schema of one to three resources.
const SEEDS: [u64; 3] = [3, 11, 2024];

fn main() {
    // Read when the script runs, never with `env!` (fixed when it is compiled, and shared by checkouts
    // sharing a target directory).
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let manifest = manifest.as_path();
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", manifest.join("../codegen/tests/support/random_schema.rs").display());

    let import_fixtures = manifest.join("../codegen/tests/fixtures/import");
    println!("cargo:rerun-if-changed={}", import_fixtures.display());
    let imported_schema = out_dir.join("imported-schema");
    let _ = std::fs::remove_dir_all(&imported_schema);
    match truto_codegen::import::import(&import_fixtures, &imported_schema).and_then(|import| import.write()) {
        Ok(()) => fail_on_error(
            truto_codegen::Config::new().schema_dir(&imported_schema).generate_to(out_dir.join("imported")).map(drop),
        ),
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    }

    let adversarial = truto_codegen::Config::new().schema_dir(manifest.join("fixtures/adversarial"));
    fail_on_error(adversarial.generate_to_out_dir().map(drop));

    write_exercise(manifest, &out_dir);

    for (index, seed) in SEEDS.into_iter().enumerate() {
        let schema = out_dir.join(format!("random-schema{index}"));
        let _ = std::fs::remove_dir_all(&schema);
        let choices = random_schema::tape_from_seed(seed, 600);
        for (path, text) in random_schema::schema(&mut random_schema::Tape::new(&choices)) {
            let target = schema.join(path);
            std::fs::create_dir_all(target.parent().expect("a file has a folder")).expect("OUT_DIR is writable");
            std::fs::write(target, text).expect("OUT_DIR is writable");
        }
        let generated =
            truto_codegen::Config::new().schema_dir(&schema).generate_to(out_dir.join(format!("random{index}")));
        fail_on_error(generated.map(drop));
    }
}

/// The exercise tests of truto-unified's schema; a resource that cannot be exercised fails the build.
fn write_exercise(manifest: &Path, out_dir: &Path) {
    let schema = manifest.join("../generated/schema");
    println!("cargo:rerun-if-changed={}", schema.display());
    for file in ["build/examples.rs", "build/exercise.rs"] {
        println!("cargo:rerun-if-changed={}", manifest.join(file).display());
    }
    let ir = match truto_codegen::Config::for_truto_unified().schema_dir(&schema).check() {
        Ok(ir) => ir,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    };
    std::fs::write(out_dir.join("readme_table.md"), readme_table::table(&ir)).expect("OUT_DIR is writable");
    if let Err(problems) = exercise::write(&ir, out_dir) {
        eprintln!("cannot exercise every resource of generated/schema:\n  {}", problems.join("\n  "));
        std::process::exit(1);
    }
}

fn fail_on_error(result: Result<(), truto_codegen::Error>) {
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
