//! Generates the bindings from `../schema` into `OUT_DIR` on every schema change (and only then).

fn main() {
    let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let result = truto_codegen::Config::for_truto_unified().schema_dir(schema).generate_to_out_dir();
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
