//! Shared types reached other than through a record's fields: through a query parameter or a custom
//! method's response. Each must be compiled with the features of every API that uses it, and types in
//! request inputs must stay open to struct literals; a type nothing uses is validated but not generated.

use std::path::Path;

use truto_codegen::Config;

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
    // docs.rs shows the features on the type; its impls are gated without a badge of their own.
    let badge = r#"#[cfg_attr(docsrs, doc(cfg(any(feature = "calendar", feature = "crm"))))]"#;
    assert!(address.contains(badge), "{address}");
    assert_eq!(common.matches(badge).count(), 2, "Address and Country, once each:\n{common}");
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
fn shared_types_nothing_uses_are_not_generated() {
    let dir = schema();
    let common = generated(dir.path(), "common.rs");
    for unused in ["Place", "Unused"] {
        assert!(!common.contains(&format!("pub struct {unused} ")), "{unused} is generated:\n{common}");
    }
    // Every type left is used by an API, so the module compiles only with one of them.
    let root = generated(dir.path(), "mod.rs");
    let gated = "#[cfg(any(feature = \"calendar\", feature = \"crm\"))]\n\
                 #[cfg_attr(docsrs, doc(cfg(any(feature = \"calendar\", feature = \"crm\"))))]\npub mod common;";
    assert!(root.contains(gated), "{root}");
}

#[test]
fn a_common_file_nothing_refers_to_generates_no_common_module_but_is_still_checked() {
    let dir = schema();
    for (folder, file) in [("calendar", "events.yaml"), ("crm", "contacts.yaml")] {
        let path = dir.path().join(folder).join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let unreferenced = text.replace("filter: { $ref: common/Address }", "filter: { type: string }");
        let unreferenced = unreferenced.replace("response: { $ref: common/Point }", "response: { type: any }");
        std::fs::write(&path, unreferenced.replace("address: { $ref: common/Address }", "address: { type: string }"))
            .unwrap();
    }
    let generated = Config::for_truto_unified().schema_dir(dir.path()).generate().expect("the schema is valid");
    assert!(generated.ir.shared_types.is_empty(), "{:?}", generated.ir.shared_types.keys());
    assert!(generated.files.iter().all(|file| file.path != Path::new("common.rs")));
    let root = &generated.files.iter().find(|file| file.path == Path::new("mod.rs")).unwrap().contents;
    assert!(!root.contains("pub mod common;"), "{root}");

    // An unused type is validated all the same.
    let common = COMMON.replace("y: { type: number }", "y: { type: nubmer }");
    std::fs::write(dir.path().join("common.yaml"), common).unwrap();
    let error = Config::for_truto_unified().schema_dir(dir.path()).generate().unwrap_err().to_string();
    assert!(error.contains("types.Unused.fields.y.type: unknown type \"nubmer\""), "{error}");
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
