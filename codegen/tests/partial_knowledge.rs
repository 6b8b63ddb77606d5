//! What the schema can say about what Truto's pages do not show, and how it reaches the rustdoc: counts with
//! partial lists of integrations, inferred names and types, field lists known to be cut off, resources known
//! only by name and path; and types shared within one resource file (`types:` and `$ref: <Name>`).

use std::path::Path;

use truto_codegen::{Config, Error};

/// A schema folder with two integrations and `ats/candidates.yaml` holding `resource` (after `resource:`).
fn schema(resource: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("truto.yaml"), "base_url: https://api.example.com\n").unwrap();
    std::fs::write(dir.path().join("integrations.yaml"), "integrations:\n  greenhouse: Greenhouse\n  lever: Lever\n")
        .unwrap();
    std::fs::create_dir(dir.path().join("ats")).unwrap();
    std::fs::write(dir.path().join("ats/candidates.yaml"), format!("resource: candidates\n{resource}")).unwrap();
    dir
}

fn generated(dir: &Path) -> String {
    let generated = Config::new().schema_dir(dir).generate().unwrap_or_else(|error| panic!("{error}"));
    let file = generated.files.iter().find(|file| file.path == Path::new("ats/candidates.rs")).unwrap();
    file.contents.clone()
}

fn errors(dir: &Path) -> String {
    match Config::new().schema_dir(dir).check() {
        Err(Error::Schema(diagnostics)) => diagnostics.to_string(),
        other => panic!("expected schema errors, got {other:?}"),
    }
}

const CANDIDATES: &str = "\
model: Candidate
inferred: the path from the list page's curl example
field_list: partial
methods:
  list:
    supported_in: { count: 27, named: [lever, greenhouse] }
    partial_in: { count: 3, named: [lever] }
    inferred: the list page was not stored; Truto lists every resource it documents
    query:
      job_id: { type: string, required_in: { count: 4, named: [greenhouse] }, inferred: named after the create body }
types:
  Attachment:
    type: object
    description: A file attached to a candidate or an application.
    field_list: partial
    fields:
      id: { type: string }
      kind: { $ref: AttachmentKind }
  AttachmentKind:
    type: enum
    values: [resume, cover_letter]
fields:
  id: { type: string, required: true }
  attachments: { type: array, items: { $ref: Attachment } }
  latest_attachment: { $ref: Attachment, inferred: \"the type, from the attachments list\" }
  referrer: { $ref: Candidate }
";

#[test]
fn a_type_used_twice_in_one_file_is_one_type() {
    let dir = schema(CANDIDATES);
    let code = generated(dir.path());
    assert_eq!(code.matches("pub struct Attachment {").count(), 1, "{code}");
    assert_eq!(code.matches("pub enum AttachmentKind {").count(), 1, "{code}");
    assert!(code.contains("pub attachments: Vec<Attachment>,"), "{code}");
    assert!(code.contains("pub latest_attachment: Option<Attachment>,"), "{code}");
    assert!(code.contains("pub kind: Option<AttachmentKind>,"), "{code}");
    // A reference to the record itself is recursive, so it is boxed.
    assert!(code.contains("pub referrer: Option<Box<Candidate>>,"), "{code}");
    assert!(!code.contains("CandidateAttachment"), "no per-field copy of the shared shape:\n{code}");
}

#[test]
fn partial_knowledge_reaches_the_rustdoc() {
    let dir = schema(CANDIDATES);
    let code = generated(dir.path());
    for expected in [
        "/// Supported in 27 integrations; Truto's docs name 2 of them: Greenhouse, Lever.",
        "Applies to 3 integrations; Truto's docs name Lever.",
        "/// | `list` | 27 integrations, among them Greenhouse, Lever (partial response: 3 integrations, among them \
         Lever) |",
        "/// Required in 4 integrations; Truto's docs name 1 of them: Greenhouse.",
        "*Inferred, not read on Truto's pages:* the path from the list page's curl example",
        "*Inferred, not read on Truto's pages:* the list page was not stored",
        "*Inferred, not read on Truto's pages:* named after the create body",
        "*Inferred, not read on Truto's pages:* the type, from the attachments list",
        "**Partial field list:** Truto documents more fields than these bindings know.",
    ] {
        assert!(code.contains(expected), "missing {expected:?} in:\n{code}");
    }
    // Both the record and the attachment say their field lists are cut off.
    assert_eq!(code.matches("**Partial field list:**").count(), 2, "{code}");
}

#[test]
fn a_resource_known_only_by_name_says_so() {
    let dir = schema(
        "model: Scorecard\nfield_list: unknown\nmethods:\n  list: {}\nfields:\n  id: { type: string, required: true }\n",
    );
    let code = generated(dir.path());
    assert!(code.contains("**Known only by name and path:**"), "{code}");
}

#[test]
fn mistakes_in_partial_knowledge_are_located() {
    let dir = schema("model: Candidate\nfield_list: most\nmethods: {}\nfields: {}\n");
    let found = errors(dir.path());
    let expected = "ats/candidates.yaml:3:13: field_list: unknown variant `most`, expected one of `complete`, `partial`, \
                    `unknown`";
    assert!(found.contains(expected), "missing {expected:?} in:\n{found}");

    let dir = schema(
        "model: Candidate\nmethods:\n  list:\n    supported_in: { count: 1, named: [lever, greenhouse] }\n\
         fields:\n  id: { type: string, required: true }\n  tags: { type: array, items: { type: string }, field_list: partial }\n  \
         other: { $ref: Attachmnt }\ntypes:\n  Attachment: { type: object, fields: { id: { type: string } } }\n",
    );
    let errors = errors(dir.path());
    for expected in [
        "ats/candidates.yaml:5:28: methods.list.supported_in.count: a count of 1 integrations, yet 2 are named",
        "fields.tags.field_list: `field_list` does not apply to type \"array\"",
        "fields.other.$ref: `$ref: Attachmnt` names neither a type of this file nor a shared type (did you mean \
         `$ref: Attachment`?)",
    ] {
        assert!(errors.contains(expected), "missing {expected:?} in:\n{errors}");
    }
}
