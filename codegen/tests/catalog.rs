//! The bad-input catalog: every way a schema can be wrong that we know of, each with the exact diagnostics
//! it produces (an insta snapshot holding the one-line and the human form) and proof that nothing was
//! written, neither into a fresh output folder nor over an existing one.
//!
//! A case is a folder of `tests/fixtures/bad/` holding the files that replace those of the valid base schema
//! (`tests/fixtures/bad/_base/`), or, for inputs that are binary, huge or machine-made, a function below.
//! Adding a case: add the folder, run `cargo test -p truto-codegen --test catalog`, review the new snapshot
//! with `cargo insta review`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use truto_codegen::{Config, Error, MessageFormat};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

/// What a case changes in the base schema: file → new bytes, or `None` to delete it.
type Overlay = BTreeMap<String, Option<Vec<u8>>>;

/// The cases written as fixture folders.
fn folder_cases() -> BTreeMap<String, Overlay> {
    let mut cases = BTreeMap::new();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('_') || !entry.path().is_dir() {
            continue;
        }
        let overlay = files_under(&entry.path()).into_iter().map(|(path, bytes)| (path, Some(bytes))).collect();
        cases.insert(name, overlay);
    }
    cases
}

/// The cases built here: binary, huge or repetitive inputs.
fn built_cases() -> BTreeMap<String, Overlay> {
    let users = |text: String| -> Overlay { [("calendar/users.yaml".to_owned(), Some(text.into_bytes()))].into() };
    let header =
        "resource: users\nmodel: User\nmethods:\n  list: {}\nfields:\n  id: { type: string, required: true }\n";
    let mut cases = BTreeMap::new();

    // Every schema file is optional, but a folder without any is a mistake (a wrong path?).
    let every_file = ["truto.yaml", "integrations.yaml", "common.yaml", "calendar/users.yaml", "calendar/events.yaml"];
    cases.insert("no-schema-files".to_owned(), every_file.map(|file| (file.to_owned(), None)).into());

    let mut bytes = format!("{header}  name:\n    type: string\n    description: Caf").into_bytes();
    bytes.extend_from_slice(b"\xe9 au lait\n");
    cases.insert("non-utf8".to_owned(), [("calendar/users.yaml".to_owned(), Some(bytes))].into());

    cases.insert(
        "control-character".to_owned(),
        users(format!("{header}  name:\n    type: string\n    description: Ring the bell \u{7} here\n")),
    );

    // 40 objects inside each other: 80 levels of YAML, past the limit of 64.
    let mut deep = header.to_owned();
    for level in 0..40 {
        let indent = "    ".repeat(level);
        deep.push_str(&format!("{indent}  level{level}:\n{indent}    type: object\n{indent}    fields:\n"));
    }
    deep.push_str(&format!("{}  leaf: {{ type: string }}\n", "    ".repeat(40)));
    cases.insert("deep-nesting".to_owned(), users(deep));

    cases.insert(
        "deep-nesting-flow".to_owned(),
        users(format!("{header}  name:\n    type: string\n    description: {}\n", "[".repeat(100_000))),
    );

    // "Billion laughs": ten levels of ten aliases would expand to 10^10 nodes.
    let mut bomb = header.to_owned();
    bomb.push_str("  tags:\n    type: enum\n    values: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let aliases = vec![format!("*lol{}", level - 1); 10].join(", ");
        bomb.push_str(&format!("  lol{level}:\n    type: enum\n    values: &lol{level} [{aliases}]\n"));
    }
    cases.insert("alias-bomb".to_owned(), users(bomb));

    // Past the 16 MiB limit.
    let mut huge = header.to_owned();
    let line = format!("# {}\n", "x".repeat(1021));
    huge.push_str(&line.repeat(17 * 1024));
    cases.insert("huge-file".to_owned(), users(huge));

    cases
}

/// Every file under `dir`, by `/`-separated path relative to it.
fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        for entry in std::fs::read_dir(dir.join(&relative)).unwrap() {
            let entry = entry.unwrap();
            let path = relative.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                pending.push(path);
            } else {
                let key = path.to_string_lossy().replace('\\', "/");
                files.insert(key, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    files
}

/// The base schema with `overlay` applied, in a temporary folder.
fn schema_with(overlay: &Overlay) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut files = files_under(&fixtures().join("_base"));
    for (path, bytes) in overlay {
        match bytes {
            Some(bytes) => files.insert(path.clone(), bytes.clone()),
            None => files.remove(path),
        };
    }
    for (path, bytes) in files {
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    dir
}

/// The start of a `calendar/users.yaml` that the large-input cases append fields to.
const USERS_HEADER: &str = "resource: users\nmodel: User\nmethods:\n  list: {}\nfields:\n  id: { type: string }\n";

/// A schema of `users` (given up to its fields) plus a field `tree` referring to the first of 10 000 shared
/// types that refer to each other in a ring.
fn schema_with_ring_of_shared_types(mut users: String) -> tempfile::TempDir {
    users.push_str("  tree: { $ref: common/T0 }\n");
    let mut common =
        String::from("types:\n  Address:\n    type: object\n    fields:\n      street: { type: string }\n");
    for index in 0..10_000 {
        let next = (index + 1) % 10_000;
        common.push_str(&format!(
            "  T{index}:\n    type: object\n    fields:\n      next: {{ $ref: common/T{next}, required: true }}\n"
        ));
    }
    schema_with(
        &[
            ("calendar/users.yaml".to_owned(), Some(users.into_bytes())),
            ("common.yaml".to_owned(), Some(common.into_bytes())),
        ]
        .into(),
    )
}

/// Paths, bytes and modification times of everything under `dir`.
fn state_of(dir: &Path) -> BTreeMap<String, (Vec<u8>, std::time::SystemTime)> {
    files_under(dir)
        .into_iter()
        .map(|(path, bytes)| {
            let modified = std::fs::metadata(dir.join(&path)).unwrap().modified().unwrap();
            (path, (bytes, modified))
        })
        .collect()
}

/// Runs one case: the diagnostics, after checking that nothing was written.
fn diagnose(name: &str, overlay: &Overlay, existing_output: &Path) -> truto_codegen::Diagnostics {
    let schema = schema_with(overlay);
    let out = tempfile::tempdir().unwrap();

    // Into a folder that does not exist yet: it must not be created.
    let fresh = out.path().join("fresh");
    let started = Instant::now();
    let result = Config::new().schema_dir(schema.path()).generate_to(&fresh);
    let elapsed = started.elapsed();
    let diagnostics = match result {
        Err(Error::Schema(diagnostics)) => diagnostics,
        other => panic!("{name}: expected schema diagnostics, got {other:?}"),
    };
    assert!(!fresh.exists(), "{name}: the output folder was created");
    assert!(elapsed < Duration::from_secs(20), "{name}: took {elapsed:?}");

    // Over bindings generated earlier: not a byte or a timestamp may change.
    let existing = out.path().join("existing");
    copy_dir(existing_output, &existing);
    let before = state_of(&existing);
    let result = Config::new().schema_dir(schema.path()).generate_to(&existing);
    assert!(matches!(result, Err(Error::Schema(_))), "{name}: {result:?}");
    assert!(before == state_of(&existing), "{name}: the existing output changed");
    diagnostics
}

fn copy_dir(from: &Path, to: &Path) {
    for (path, bytes) in files_under(from) {
        let target = to.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

/// Bindings of the valid base schema, to check that failing runs leave existing output alone.
fn base_output() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    Config::new().schema_dir(fixtures().join("_base")).generate_to(out.path()).expect("the base schema is valid");
    out
}

fn snapshot(diagnostics: &truto_codegen::Diagnostics) -> String {
    format!(
        "{}\n\n{}\n",
        diagnostics.render(MessageFormat::Short),
        diagnostics.render(MessageFormat::Human { color: false })
    )
}

#[test]
fn every_bad_input_gets_located_diagnostics_and_writes_nothing() {
    let base = base_output();
    let mut cases = folder_cases();
    let built = built_cases();
    let total = cases.len() + built.len();
    cases.extend(built);
    assert_eq!(cases.len(), total, "a built case has the name of a fixture folder");
    assert!(cases.len() >= 30, "the catalog has {} cases", cases.len());
    for (name, overlay) in &cases {
        let diagnostics = diagnose(name, overlay, base.path());
        for diagnostic in diagnostics.iter() {
            // Only problems with a file or folder as a whole have no line.
            let file_as_a_whole = [
                "file is empty",
                "file not found",
                "cannot read file",
                "file is ",
                "unexpected schema file",
                "unified API folder",
                "unexpected folder",
                "the schema folder holds no",
            ]
            .iter()
            .any(|whole| diagnostic.message.starts_with(whole));
            assert!(
                diagnostic.location.is_some() || file_as_a_whole,
                "{name}: a diagnostic without a location: {diagnostic}"
            );
        }
        insta::assert_snapshot!(name.as_str(), snapshot(&diagnostics));
    }
}

#[test]
fn the_base_schema_is_valid() {
    Config::new().schema_dir(fixtures().join("_base")).generate().expect("the base schema is valid");
}

#[test]
fn ordinary_aliases_are_accepted() {
    let users = "\
resource: users
model: User
methods:
  list: {}
fields:
  id: &text { type: string, required: true }
  name: *text
  emails:
    type: array
    items: &email
      type: object
      fields:
        email: { type: string }
  backup_emails:
    type: array
    items:
      type: object
      model: BackupEmail
      fields:
        email: { type: string }
";
    let schema = schema_with(&[("calendar/users.yaml".to_owned(), Some(users.as_bytes().to_vec()))].into());
    let generated = Config::new().schema_dir(schema.path()).generate().expect("aliases of valid fields are fine");
    let users = generated.files.iter().find(|file| file.path == Path::new("calendar/users.rs")).unwrap();
    assert!(users.contents.contains("pub name: String"), "{}", users.contents);
}

/// An open enum's catch-all variant takes a name no documented value has, however many of its candidates the
/// values take: in a schema enum (`other`, `unrecognized`, `other_value`, `unrecognized_value`) and in
/// `Integration` (slugs `other` and `unrecognized`).
#[test]
fn the_catch_all_variant_never_takes_a_documented_name() {
    let users = "\
resource: users
model: User
methods:
  list: {}
fields:
  id: { type: string, required: true }
  status:
    type: enum
    values: [other, unrecognized, other_value, unrecognized_value, unrecognized_value2]
";
    let integrations = "integrations:\n  other: Other Inc\n  unrecognized: Unrecognized Ltd\n  slack: Slack\n";
    let schema = schema_with(
        &[
            ("calendar/users.yaml".to_owned(), Some(users.as_bytes().to_vec())),
            ("integrations.yaml".to_owned(), Some(integrations.as_bytes().to_vec())),
        ]
        .into(),
    );
    let generated = Config::new().schema_dir(schema.path()).generate().expect("the schema is valid");
    let mut enums = BTreeMap::new();
    for file in &generated.files {
        let parsed = syn::parse_file(&file.contents)
            .unwrap_or_else(|error| panic!("{} does not parse: {error}", file.path.display()));
        collect_enums(&parsed.items, &mut enums);
    }
    for (name, variants) in &enums {
        let distinct: std::collections::BTreeSet<&String> = variants.iter().collect();
        assert_eq!(distinct.len(), variants.len(), "enum {name} repeats a variant: {variants:?}");
    }
    let status = &enums["UserStatus"];
    assert_eq!(status.last().map(String::as_str), Some("UnrecognizedValue3"), "{status:?}");
    let integration = &enums["Integration"];
    assert_eq!(integration.last().map(String::as_str), Some("OtherValue"), "{integration:?}");
}

/// The variant names of every enum in `items` and the modules among them, by enum name.
fn collect_enums(items: &[syn::Item], enums: &mut BTreeMap<String, Vec<String>>) {
    for item in items {
        match item {
            syn::Item::Enum(item) => {
                let variants = item.variants.iter().map(|variant| variant.ident.to_string()).collect();
                enums.insert(item.ident.to_string(), variants);
            }
            syn::Item::Mod(module) => {
                if let Some((_, items)) = &module.content {
                    collect_enums(items, enums);
                }
            }
            _ => {}
        }
    }
}

/// Nesting just inside the limit generates code, and nothing recursive in the generator overflows.
#[test]
fn deep_but_allowed_nesting_generates() {
    let mut users = String::from(USERS_HEADER);
    // 25 objects and 10 arrays inside each other: 63 levels of YAML.
    for level in 0..25 {
        let indent = "    ".repeat(level);
        users.push_str(&format!("{indent}  level{level}:\n{indent}    type: object\n{indent}    fields:\n"));
    }
    users.push_str(&format!("{}  leaf:\n", "    ".repeat(25)));
    for level in 0..10 {
        let indent = "  ".repeat(26 * 2 + level);
        users.push_str(&format!("{indent}type: array\n{indent}items:\n"));
    }
    users.push_str(&format!("{}type: string\n", "  ".repeat(26 * 2 + 10)));
    let schema = schema_with_ring_of_shared_types(users);
    let generated = Config::new().schema_dir(schema.path()).generate().expect("25 nested objects are allowed");
    let users = generated.files.iter().find(|file| file.path == Path::new("calendar/users.rs")).unwrap();
    assert!(users.contents.contains("pub struct UserLevel0Level1"), "nested objects are named by their path");
    assert!(users.contents.contains(&format!("{}String{}", "Vec<".repeat(10), ">".repeat(10))));
    syn::parse_file(&users.contents).expect("the generated file parses");
}

/// Large valid files (2 MiB, 20 000 fields; and 10 000 shared types referring to each other in a ring)
/// are checked in bounded time: nothing in the loader or the checks is quadratic in the number of fields,
/// values, integrations or types. (The ring took minutes when recursion was found by a search per field.)
#[test]
fn large_files_are_checked_in_linear_time() {
    let mut users = String::from(USERS_HEADER);
    let values: Vec<String> = (0..2000).map(|index| format!("value_{index}")).collect();
    users.push_str(&format!("  status:\n    type: enum\n    values: [{}]\n", values.join(", ")));
    for index in 0..20_000 {
        users.push_str(&format!(
            "  field_{index}:\n    type: string\n    description: Field number {index} of a very large resource file\n    supported_in: [outlook_calendar, slack]\n"
        ));
    }
    assert!(users.len() > 2 * 1024 * 1024);
    let schema = schema_with_ring_of_shared_types(users);
    let started = Instant::now();
    Config::new().schema_dir(schema.path()).check().expect("a large file is valid");
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(30), "checking 2 MiB took {elapsed:?}");
}

/// The "Errors you may see" section of the crate's README quotes the catalog: its first example block must be
/// cut from what a catalog case prints in the human format, and each line of its second must be exactly what
/// a case prints with `--message-format short`.
#[test]
fn the_readme_quotes_the_catalog() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme.split("## Errors you may see").nth(1).expect("README has an \"Errors you may see\" section");
    let section = section.split("\n## ").next().unwrap();
    let blocks: Vec<&str> = section.split("```text\n").skip(1).filter_map(|rest| rest.split("```").next()).collect();
    let [human, short] = blocks[..] else { panic!("the section has two text blocks, human then short: {blocks:?}") };
    let quoted: Vec<&str> = short.lines().filter(|line| !line.trim().is_empty()).collect();
    assert!(quoted.len() >= 5, "the section quotes a few representative errors");

    let base = base_output();
    let mut printed = std::collections::BTreeSet::new();
    let mut rendered = Vec::new();
    let mut cases = folder_cases();
    cases.extend(built_cases().into_iter().filter(|(name, _)| name == "huge-file" || name == "alias-bomb"));
    for (name, overlay) in cases {
        let diagnostics = diagnose(&name, &overlay, base.path());
        printed.extend(diagnostics.render(MessageFormat::Short).lines().map(str::to_owned));
        rendered.push(diagnostics.render(MessageFormat::Human { color: false }));
    }
    assert!(
        rendered.iter().any(|output| output.contains(human.trim_end())),
        "the README's human example is not printed by any case of tests/fixtures/bad/: update the README"
    );
    for line in quoted {
        assert!(
            printed.contains(line),
            "README line {line:?} is not printed by any case of tests/fixtures/bad/: update the README"
        );
    }
}

/// Ten thousand problems in one file render with excerpts in bounded time (miette's own source lookup
/// scans the file from its start for each of them: quadratic).
#[test]
fn many_problems_render_in_linear_time() {
    let mut users = String::from(USERS_HEADER);
    for index in 0..10_000 {
        users.push_str(&format!("  field_{index}: {{ type: strnig, description: Field {index} }}\n"));
    }
    let schema = schema_with(&[("calendar/users.yaml".to_owned(), Some(users.into_bytes()))].into());
    let Err(Error::Schema(diagnostics)) = Config::new().schema_dir(schema.path()).check() else {
        panic!("every field has an unknown type")
    };
    assert_eq!(diagnostics.len(), 10_000);
    let started = Instant::now();
    let rendered = diagnostics.render(MessageFormat::Human { color: false });
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(20), "rendering took {elapsed:?}");
    assert!(
        rendered.contains("10006 │   field_9999: { type: strnig, description: Field 9999 }"),
        "excerpts keep their line numbers"
    );
}
