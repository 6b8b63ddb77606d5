//! The README's table of unified APIs lists exactly the schema's APIs and resources, so it cannot drift from
//! what the crate holds. `build.rs` writes the table the schema calls for (`build/readme_table.rs`).

use std::path::Path;

/// The table as `generated/schema/` says it must read.
const EXPECTED: &str = include_str!(concat!(env!("OUT_DIR"), "/readme_table.md"));

#[test]
fn the_readme_table_lists_every_api_and_resource_of_the_schema() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let start = readme.find("| feature | module | resources |").expect("README.md has the table of unified APIs");
    let end = readme[start..].find("\n\n").map_or(readme.len(), |end| start + end + 1);
    assert!(
        readme[start..end] == *EXPECTED,
        "README.md's table of unified APIs (\"What is covered, and Cargo features\") differs from the schema; it \
         should read:\n\n{EXPECTED}"
    );
}
