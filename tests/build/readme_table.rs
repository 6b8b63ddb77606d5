//! The README's table of unified APIs as truto-unified's schema says it must read, for the test that keeps
//! README.md in step (`tests/tests/e2e/readme.rs`).

/// The README's table of unified APIs (`| feature | module | resources |`), as the schema says it must read:
/// one row per API, each resource by its path segment with its custom methods in parentheses.
pub fn table(ir: &truto_codegen::ir::Ir) -> String {
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
