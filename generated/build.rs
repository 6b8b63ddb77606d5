//! Generates the bindings from `schema/` (inside this package, so it ships with the crate) into `OUT_DIR` on
//! every schema change, and only then.
//!
//! Paths come from the environment Cargo sets when the script *runs*, never from `env!` (fixed when the
//! script is compiled): two checkouts sharing one target directory reuse one compiled build script, and each
//! must read its own schema.

fn main() {
    let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        eprintln!("CARGO_MANIFEST_DIR is not set: run this build script through Cargo");
        std::process::exit(1);
    };
    let schema = std::path::Path::new(&manifest_dir).join("schema");
    // Only the enabled APIs' modules are written: a one-API build formats one API, not 28.
    let config = truto_codegen::Config::for_truto_unified().only_enabled_features(true);
    let result = config.schema_dir(schema).generate_to_out_dir();
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
