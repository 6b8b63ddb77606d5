//! Generates bindings in this crate the way a Truto customer would in their own `build.rs` (default
//! `Config`: extension trait `UnifiedApis`, runtime at `::truto_unified::runtime`), so that compiling this
//! crate proves they compile:
//! - `fixtures/adversarial/` → `$OUT_DIR/truto/`: keywords, digits, empty and reserved names, recursion;
//! - a sample of random valid schemas (drawn from fixed seeds by the generator the property tests of
//!   truto-codegen use) → `$OUT_DIR/random<N>/`;
//! - Truto's unified-model JSON of `codegen/tests/fixtures/import/`, imported as a customer's `pull` would →
//!   `$OUT_DIR/imported-schema/` → `$OUT_DIR/imported/`.

#[path = "../codegen/tests/support/random_schema.rs"]
mod random_schema;

use std::path::PathBuf;

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

fn fail_on_error(result: Result<(), truto_codegen::Error>) {
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
