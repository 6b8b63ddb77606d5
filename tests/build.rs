//! Generates bindings for the adversarial schema in `fixtures/adversarial/` the way a Truto customer would in
//! their own crate: default `Config` (extension trait `UnifiedApis`, runtime at `::truto_unified::runtime`),
//! into `OUT_DIR`. If any keyword, digit, empty or reserved name broke the generator, this crate would not
//! compile.

fn main() {
    let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/adversarial");
    if let Err(error) = truto_codegen::Config::new().schema_dir(schema).generate_to_out_dir() {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
