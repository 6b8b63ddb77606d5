//! Shared types (and Truto parameter types) reached other than through a record's fields: through a query
//! parameter, a custom method's response or a Truto parameter. Each must be compiled with the features of
//! every API that uses it, and types in request inputs must stay open to struct literals.

use std::path::Path;

use truto_codegen::Config;

const TRUTO: &str = "\
base_url: https://api.example.com
parameters:
  truto_options:
    type: object
    description: Options of the request.
    fields:
      region: { type: string }
      home: { $ref: common/Place }
";

const COMMON: &str = "\
types:
  Address:
    type: object
    fields:
      street: { type: string }
      country: { $ref: common/Country }
  Country:
    type: object
    fields:
      code: { type: string }
  Place:
    type: object
    fields:
      name: { type: string }
  Point:
    type: object
    fields:
      x: { type: number }
  Unused:
    type: object
    fields:
      y: { type: number }
";

/// `calendar` uses `Address` only through a query parameter and `Point` only through a custom method's
/// response; `crm` holds an `Address` in its record.
const EVENTS: &str = "\
resource: events
model: Event
methods:
  list:
    query:
      filter: { $ref: common/Address }
  locate:
    response: { $ref: common/Point }
fields:
  id: { type: string, required: true }
";

const CONTACTS: &str = "\
resource: contacts
model: Contact
methods:
  get: {}
fields:
  id: { type: string, required: true }
  address: { $ref: common/Address }
";

fn schema() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("truto.yaml"), TRUTO).unwrap();
    std::fs::write(dir.path().join("common.yaml"), COMMON).unwrap();
    for (folder, file, contents) in [("calendar", "events.yaml", EVENTS), ("crm", "contacts.yaml", CONTACTS)] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::write(dir.path().join(folder).join(file), contents).unwrap();
    }
    dir
}

/// The generated files `path` of the schema.
fn generated(dir: &Path, path: &str) -> String {
    let generated = Config::for_truto_unified().schema_dir(dir).generate().expect("the schema is valid");
    let file = generated.files.iter().find(|file| file.path == Path::new(path));
    file.unwrap_or_else(|| panic!("no {path}")).contents.clone()
}

/// The attributes and declaration of `pub struct <name>`: the lines from the end of the previous item.
fn declaration<'a>(code: &'a str, name: &str) -> &'a str {
    let start = format!("pub struct {name} {{");
    let at = code.find(&start).unwrap_or_else(|| panic!("{start:?} in:\n{code}"));
    let before = &code[..at];
    let from = before.rfind("\n}\n").map_or(0, |end| end + 3);
    &code[from..at + start.len()]
}

#[test]
fn a_shared_type_used_only_through_a_query_parameter_is_gated_by_that_api() {
    let dir = schema();
    let common = generated(dir.path(), "common.rs");
    let address = declaration(&common, "Address");
    assert!(address.contains(r#"#[cfg(any(feature = "calendar", feature = "crm"))]"#), "{address}");
    // Reached through `Address`, so through the query parameter too.
    let country = declaration(&common, "Country");
    assert!(country.contains(r#"#[cfg(any(feature = "calendar", feature = "crm"))]"#), "{country}");
}

#[test]
fn a_shared_type_used_only_by_a_custom_method_response_is_gated_by_that_api() {
    let dir = schema();
    let common = generated(dir.path(), "common.rs");
    let point = declaration(&common, "Point");
    assert!(point.contains(r#"#[cfg(feature = "calendar")]"#), "{point}");
    // A response model: callers never build it.
    assert!(point.contains("#[non_exhaustive]"), "{point}");
}

#[test]
fn a_shared_type_in_a_truto_parameter_is_always_compiled_and_constructible() {
    let dir = schema();
    let common = generated(dir.path(), "common.rs");
    let place = declaration(&common, "Place");
    assert!(!place.contains("#[cfg("), "the root module always compiles, so must its types:\n{place}");
    assert!(!place.contains("#[non_exhaustive]"), "callers build it for the parameter:\n{place}");
    let root = generated(dir.path(), "mod.rs");
    assert!(!root.contains("#[cfg(any(feature = \"calendar\", feature = \"crm\"))]\npub mod common;"), "{root}");
    assert!(root.contains("pub mod common;"), "{root}");
}

#[test]
fn a_shared_type_of_a_query_parameter_is_constructible() {
    let dir = schema();
    let common = generated(dir.path(), "common.rs");
    for name in ["Address", "Country"] {
        let declaration = declaration(&common, name);
        assert!(!declaration.contains("#[non_exhaustive]"), "callers build it for `filter`:\n{declaration}");
    }
}

#[test]
fn an_object_truto_parameter_is_a_request_input() {
    let dir = schema();
    let root = generated(dir.path(), "mod.rs");
    let options = declaration(&root, "TrutoOptions");
    assert!(!options.contains("#[non_exhaustive]"), "{options}");
    assert!(!root.contains("Deserialize<'de> for TrutoOptions"), "an input is only serialized:\n{root}");
}
