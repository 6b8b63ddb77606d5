//! Custom methods on small schemas: a `response` naming the resource's own record, and the untyped body of a
//! method whose body the schema does not describe.

use std::path::Path;

use truto_codegen::{Config, Error};

/// A schema folder holding `truto.yaml` and `shop/things.yaml` with `methods`.
fn schema(methods: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("shop")).unwrap();
    let resource = format!(
        "resource: things\nmodel: Thing\nmethods:\n{methods}\nfields:\n  id: {{ type: string, required: true }}\n"
    );
    std::fs::write(dir.path().join("shop/things.yaml"), resource).unwrap();
    dir
}

fn generated_resource(dir: &Path) -> String {
    let generated = Config::for_truto_unified().schema_dir(dir).generate().expect("the schema is valid");
    let file = generated.files.iter().find(|file| file.path == Path::new("shop/things.rs")).unwrap();
    file.contents.clone()
}

fn errors(dir: &Path) -> String {
    match Config::new().schema_dir(dir).check() {
        Err(Error::Schema(diagnostics)) => diagnostics.to_string(),
        other => panic!("expected schema errors, got {other:?}"),
    }
}

/// The generated item starting with `start`, up to its closing brace at column 0.
fn item<'a>(code: &'a str, start: &str) -> &'a str {
    let from = code.find(start).unwrap_or_else(|| panic!("{start:?} in:\n{code}"));
    let rest = &code[from..];
    &rest[..rest.find("\n}\n").map_or(rest.len(), |end| end + 2)]
}

#[test]
fn a_response_naming_the_record_returns_the_record() {
    let dir = schema("  archive:\n    response: { $ref: Thing }\n");
    let code = generated_resource(dir.path());
    let builder = item(&code, "impl runtime::CustomRequest for ArchiveThings {");
    assert!(builder.contains("type Output = Thing;"), "{builder}");
    assert!(code.contains("/// Returned by [`Things::archive`]."), "the record's docs name the method:\n{code}");
}

#[test]
fn a_response_naming_another_type_is_a_located_error() {
    let dir = schema("  archive:\n    response: { $ref: Thingy }\n");
    let errors = errors(dir.path());
    assert!(
        errors.contains(
            "shop/things.yaml:5:23: methods.archive.response.$ref: `$ref: Thingy` names neither a type of this \
             file nor a shared type"
        ),
        "{errors}"
    );
    assert!(errors.contains("`$ref: Thing`"), "the help names the record: {errors}");
}

#[test]
fn a_record_response_takes_no_shape_of_its_own() {
    let dir = schema("  archive:\n    response: { $ref: Thing, fields: { id: { type: string } } }\n");
    let errors = errors(dir.path());
    assert!(errors.contains("methods.archive.response.fields: `fields` does not apply to a `$ref`"), "{errors}");
}

#[test]
fn a_custom_method_without_a_described_body_takes_an_untyped_one() {
    let dir = schema("  archive: {}\n  rename:\n    body:\n      name: { type: string }\n");
    let code = generated_resource(dir.path());
    let archive = item(&code, "impl ArchiveThings {");
    assert!(archive.contains("pub fn body(mut self, body: impl Into<runtime::json::Value>) -> Self"), "{archive}");
    let handle = item(&code, "impl Things {");
    assert!(handle.contains("pub fn archive(&self) -> ArchiveThings"), "{handle}");
    assert!(handle.contains("pub fn rename(&self, body: RenameThingsBody) -> RenameThings"), "{handle}");
    // A described body is typed, and only typed: the builder has nothing of its own.
    assert!(!code.contains("impl RenameThings {"), "{code}");
}

#[test]
fn a_query_parameter_cannot_take_the_untyped_body_setter() {
    let dir = schema("  archive:\n    query:\n      body: { type: string }\n");
    let errors = errors(dir.path());
    assert!(errors.contains("methods.archive.query.body"), "{errors}");
    assert!(errors.contains("the builder method `body`"), "{errors}");
}
