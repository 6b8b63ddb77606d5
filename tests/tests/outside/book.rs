//! The README's "Generating bindings for your own unified models" section, followed to the letter: every
//! code block of the section that starts by naming a file (`# Cargo.toml`, `// build.rs`) is written to that
//! file, and the crate builds without a warning. The snippets are read from README.md, so the two cannot
//! drift.

use super::support::{cargo, fresh_dir, outside_this_workspace, repository, stderr, write_crate};

const SECTION: &str = "## Generating bindings for your own unified models";

/// The files the section's code blocks name, in order: (path, contents without the naming line).
fn snippets(readme: &str) -> Vec<(String, String)> {
    let section = readme.split(SECTION).nth(1).expect("the README has the section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut files = Vec::new();
    for block in section.split("\n```").skip(1).step_by(2) {
        let mut lines = block.lines().skip(1); // the info string (`toml`, `rust,ignore`)
        let Some(first) = lines.next() else { continue };
        let named = first.strip_prefix("# ").or_else(|| first.strip_prefix("// "));
        let Some(path) = named.filter(|path| !path.contains(' ') && path.contains('.')) else { continue };
        files.push((path.to_owned(), lines.map(|line| format!("{line}\n")).collect()));
    }
    files
}

#[test]
fn the_readme_custom_model_section_builds_as_written() {
    let readme = std::fs::read_to_string(repository().join("README.md")).unwrap();
    let mut files = snippets(&readme);
    let paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(paths, ["Cargo.toml", "schema/loyalty/members.yaml", "build.rs", "src/lib.rs"]);
    let manifest = &mut files[0].1;
    assert!(manifest.contains("default-features = false"), "the section shows the lean dependencies:\n{manifest}");
    manifest.push_str(&outside_this_workspace(&["truto-unified", "truto-codegen"]));

    let dir = fresh_dir("custom-model-book");
    let files: Vec<(&str, String)> = files.iter().map(|(path, text)| (path.as_str(), text.clone())).collect();
    write_crate(&dir, &files);
    let output = cargo(&dir, &["build"]);
    let stderr = stderr(&output);
    assert!(output.status.success(), "the README's crate does not build:\n{stderr}");
    let own_warnings = stderr.lines().filter(|line| line.starts_with("warning")).count();
    assert_eq!(own_warnings, 0, "the README's crate builds with warnings:\n{stderr}");
}
