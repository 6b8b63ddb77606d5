//! Property tests of the generator: random valid schemas generate Rust that parses; random bytes, random
//! YAML-ish text and randomly damaged schemas never panic anything, and are either valid or answered with
//! located diagnostics. (A sample of random schemas is also compiled: see the build script of truto-tests.)

#[path = "support/random_schema.rs"]
mod random_schema;

use std::path::Path;

use proptest::prelude::*;
use truto_codegen::{Config, Diagnostics, Error, MessageFormat};

/// `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(default)
}

/// A schema folder holding `files`.
fn folder(files: &[(String, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    dir
}

/// The files of a random valid schema drawn from `choices`.
fn random_files(choices: &[u32]) -> Vec<(String, Vec<u8>)> {
    random_schema::schema(&mut random_schema::Tape::new(choices))
        .into_iter()
        .map(|(path, text)| (path, text.into_bytes()))
        .collect()
}

/// The valid base schema of the bad-input catalog.
fn base_files() -> Vec<(String, Vec<u8>)> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/_base");
    ["truto.yaml", "integrations.yaml", "common.yaml", "calendar/users.yaml", "calendar/events.yaml"]
        .iter()
        .map(|path| (path.to_string(), std::fs::read(base.join(path)).unwrap()))
        .collect()
}

/// What every run must satisfy, valid or not: generated files parse; problems are located (unless about a
/// whole file) and render without panicking.
fn check_outcome(result: Result<truto_codegen::Generated, Error>) -> Result<bool, TestCaseError> {
    match result {
        Ok(generated) => {
            for file in &generated.files {
                if let Err(error) = syn::parse_file(&file.contents) {
                    return Err(TestCaseError::fail(format!("{} does not parse: {error}", file.path.display())));
                }
            }
            Ok(true)
        }
        Err(Error::Schema(diagnostics)) => {
            check_diagnostics(&diagnostics)?;
            Ok(false)
        }
        Err(other) => Err(TestCaseError::fail(format!("not a schema error: {other}"))),
    }
}

fn check_diagnostics(diagnostics: &Diagnostics) -> Result<(), TestCaseError> {
    prop_assert!(!diagnostics.is_empty());
    for diagnostic in diagnostics.iter() {
        let whole_file = diagnostic.location.is_none()
            && ["file is", "file not found", "unexpected schema file", "unexpected folder", "unified API folder"]
                .iter()
                .any(|prefix| diagnostic.message.starts_with(prefix));
        prop_assert!(diagnostic.location.is_some() || whole_file, "unlocated: {diagnostic}");
        if let Some(location) = diagnostic.location {
            prop_assert!(location.line >= 1 && location.column >= 1, "{diagnostic}");
        }
    }
    let human = diagnostics.render(MessageFormat::Human { color: false });
    prop_assert!(!human.is_empty());
    let short = diagnostics.render(MessageFormat::Short);
    // Nothing from the input reaches the terminal raw: no escape sequences, no text-direction overrides.
    let invisible = |c: char| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c);
    prop_assert!(!short.chars().any(invisible), "{short:?}");
    prop_assert!(!human.chars().any(invisible), "{human:?}");
    Ok(())
}

/// Text made of YAML's building blocks, most of them meaningful to a schema.
fn yaml_ish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("\n".to_owned()),
        Just("  ".to_owned()),
        Just("- ".to_owned()),
        Just(": ".to_owned()),
        Just(":".to_owned()),
        Just("? ".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just(", ".to_owned()),
        Just("&a ".to_owned()),
        Just("*a".to_owned()),
        Just("!tag ".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("#".to_owned()),
        Just("\t".to_owned()),
        Just("|\n".to_owned()),
        Just(">-\n".to_owned()),
        Just("---\n".to_owned()),
        Just("...\n".to_owned()),
        Just("%YAML 1.2\n".to_owned()),
        Just("<<: ".to_owned()),
        Just("~".to_owned()),
        Just("resource".to_owned()),
        Just("model".to_owned()),
        Just("methods".to_owned()),
        Just("fields".to_owned()),
        Just("type".to_owned()),
        Just("items".to_owned()),
        Just("values".to_owned()),
        Just("$ref".to_owned()),
        Just("common/Address".to_owned()),
        Just("object".to_owned()),
        Just("array".to_owned()),
        Just("enum".to_owned()),
        Just("string".to_owned()),
        Just("supported_in".to_owned()),
        Just("slack".to_owned()),
        "[a-zA-Z0-9_é日]{1,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(token, 0..120).prop_map(|tokens| tokens.concat())
}

/// An edit of a text: where, how much to delete, and what to insert.
#[derive(Clone, Debug)]
struct Edit {
    at: usize,
    delete: usize,
    insert: String,
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let insert = prop_oneof![
        Just(String::new()),
        Just("\n".to_owned()),
        Just("  ".to_owned()),
        Just("\t".to_owned()),
        Just(": ".to_owned()),
        Just("- ".to_owned()),
        Just("[".to_owned()),
        Just("}".to_owned()),
        Just("\"".to_owned()),
        Just("&x ".to_owned()),
        Just("*x".to_owned()),
        Just("type: object\n".to_owned()),
        Just("fields:\n".to_owned()),
        Just("$ref: common/Node".to_owned()),
        "[a-z_]{1,6}",
    ];
    prop::collection::vec(
        (any::<usize>(), 0usize..20, insert).prop_map(|(at, delete, insert)| Edit { at, delete, insert }),
        1..6,
    )
}

fn apply(text: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut bytes = text.to_vec();
    for edit in edits {
        let at = if bytes.is_empty() { 0 } else { edit.at % (bytes.len() + 1) };
        let end = (at + edit.delete).min(bytes.len());
        bytes.splice(at..end, edit.insert.bytes());
    }
    bytes
}

proptest! {
    // 48 cases each keeps CI fast; PROPTEST_CASES=5000 for a longer hunt.
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    /// Every random valid schema generates, in both configurations, and every file parses with syn.
    #[test]
    fn random_valid_schemas_generate_code_that_parses(choices in prop::collection::vec(any::<u32>(), 0..600)) {
        let files = random_files(&choices);
        let schema = folder(&files);
        for config in [Config::new(), Config::for_truto_unified()] {
            match config.schema_dir(schema.path()).generate() {
                Ok(generated) => {
                    for file in &generated.files {
                        if let Err(error) = syn::parse_file(&file.contents) {
                            return Err(TestCaseError::fail(format!(
                                "{} does not parse: {error}\n{}", file.path.display(), file.contents
                            )));
                        }
                    }
                }
                Err(error) => {
                    let text: Vec<String> = files.iter().map(|(path, bytes)| {
                        format!("--- {path}\n{}", String::from_utf8_lossy(bytes))
                    }).collect();
                    let rendered = match &error {
                        Error::Schema(diagnostics) => diagnostics.render(MessageFormat::Short),
                        other => other.to_string(),
                    };
                    return Err(TestCaseError::fail(format!("a valid schema was refused:\n{rendered}\n{}", text.join("\n"))));
                }
            }
        }
    }

    /// Random bytes in place of a resource file: never a panic, always located diagnostics.
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        let mut files = base_files();
        files[3].1 = bytes;
        let schema = folder(&files);
        check_outcome(Config::new().schema_dir(schema.path()).generate())?;
    }

    /// YAML-ish token soup in place of a resource file.
    #[test]
    fn random_yaml_never_panics(text in yaml_ish()) {
        let mut files = base_files();
        files[3].1 = text.into_bytes();
        let schema = folder(&files);
        check_outcome(Config::new().schema_dir(schema.path()).generate())?;
    }

    /// A random valid schema with a few random edits in one of its files: valid, or located diagnostics.
    #[test]
    fn damaged_schemas_never_panic(
        choices in prop::collection::vec(any::<u32>(), 0..400),
        which in any::<usize>(),
        edits in edits(),
    ) {
        let mut files = random_files(&choices);
        let index = which % files.len();
        files[index].1 = apply(&files[index].1, &edits);
        let schema = folder(&files);
        check_outcome(Config::new().schema_dir(schema.path()).generate())?;
    }
}
