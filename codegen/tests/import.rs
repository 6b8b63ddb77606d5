//! `truto-codegen import`: Truto's unified-model JSON (`fixtures/import/`, in the shape `pull` saves, with every
//! awkward case the issue lists) into schema files. The YAML is snapshotted, generates bindings (the tests
//! crate compiles them), re-imports byte for byte, and merges into hand edits without clobbering them.

#[path = "support/tree.rs"]
mod tree;

use std::path::{Path, PathBuf};
use std::process::Command;

use truto_codegen::Config;
use truto_codegen::import::{self, ImportError, Status};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

/// Every file under `dir` (hidden ones included), by relative path, with its text.
fn files(dir: &Path) -> Vec<(String, String)> {
    tree::files(dir).into_iter().map(|(relative, path)| (relative, std::fs::read_to_string(path).unwrap())).collect()
}

/// Imports `from` into `out` and writes it.
fn import_into(from: &Path, out: &Path) -> import::Import {
    let import = import::import(from, out).unwrap_or_else(|error| panic!("{error}"));
    import.write().unwrap();
    import
}

/// A copy of the fixtures, to change as Truto would.
fn fixture_copy() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    for (relative, text) in files(&fixtures()) {
        let target = copy.path().join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
    copy
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_fixtures_become_a_valid_schema_whose_files_are_snapshotted() {
    let out = tempfile::tempdir().unwrap();
    let import = import_into(&fixtures(), out.path());
    for (relative, text) in files(out.path()) {
        if relative.starts_with(".truto/") {
            continue;
        }
        insta::assert_snapshot!(relative.trim_end_matches(".yaml").replace('/', "__"), text);
    }
    let warnings: Vec<String> = import.warnings.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!("warnings", warnings.join("\n"));
    insta::assert_snapshot!("summary", import.summary().replace(&out.path().display().to_string(), "<out>"));
    let generated = Config::new().schema_dir(out.path()).generate().unwrap_or_else(|error| panic!("{error}"));
    assert!(generated.files.iter().any(|file| file.path == Path::new("crm/contacts.rs")));
}

#[test]
fn importing_the_same_json_twice_gives_the_same_bytes() {
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    import_into(&fixtures(), first.path());
    import_into(&fixtures(), second.path());
    assert_eq!(files(first.path()), files(second.path()));
    let again = import::import(&fixtures(), first.path()).unwrap();
    assert!(again.is_up_to_date(), "{}", again.summary());
    assert!(again.files.iter().all(|file| file.status == Status::Unchanged), "{:?}", again.files);
    again.write().unwrap();
    assert_eq!(files(first.path()), files(second.path()));
}

#[test]
fn a_single_model_file_imports_without_meta() {
    let out = tempfile::tempdir().unwrap();
    import_into(&fixtures().join("unified-model/ticketing.json"), out.path());
    let tickets = std::fs::read_to_string(out.path().join("ticketing/tickets.yaml")).unwrap();
    assert!(tickets.contains("  no meta for: Jira-Cloud, zendesk"), "{tickets}");
    assert!(!tickets.contains("supported_in: []"), "coverage unknown without meta: {tickets}");
    Config::new().schema_dir(out.path()).check().unwrap();
}

#[test]
fn hand_written_facts_survive_a_reimport_and_truto_changes_reach_the_rest() {
    let input = fixture_copy();
    let out = tempfile::tempdir().unwrap();
    import_into(input.path(), out.path());
    let contacts = out.path().join("crm/contacts.yaml");
    edit(
        &contacts,
        "    description: The contact's first name\n",
        "    description: Given name, as the person writes it\n",
    );
    edit(&contacts, "      search_term:\n", "      # Hubspot searches names and emails.\n      search_term:\n");
    edit(&contacts, "        example: ada\n", "        example: ada lovelace\n");
    edit(
        &contacts,
        "  website:\n    type: url\n",
        "  website:  # the company site, usually\n    type: url\n    description: Home page\n",
    );
    edit(&contacts, "\nfields:\n", "\nfields:\n  nickname:\n    type: string\n    description: Added by hand\n");
    edit(&contacts, "  score:\n    type: number\n", "  score:\n    type: integer\n");

    let model = input.path().join("unified-model/crm.json");
    edit(&model, "\"description\": \"The contact's first name\"", "\"description\": \"The first name\"");
    edit(&model, "\"description\": \"The full name\"", "\"description\": \"The name, in full\"");
    edit(&model, "\"age\": {", "\"nickname_of\": {\"type\": \"string\"},\n        \"age\": {");
    edit(&model, "\"accounts\": {", "\"accounts_gone\": {");

    let reimport = import::import(input.path(), out.path()).unwrap();
    let summary = reimport.summary();
    reimport.write().unwrap();
    let text = std::fs::read_to_string(&contacts).unwrap();
    for kept in [
        "    description: Given name, as the person writes it\n",
        "      # Hubspot searches names and emails.\n      search_term:\n",
        "        example: ada lovelace\n",
        "  website:  # the company site, usually\n",
        "    description: Home page\n",
        "  nickname:\n    type: string\n    description: Added by hand\n",
    ] {
        assert!(text.contains(kept), "kept {kept:?}:\n{text}");
    }
    assert!(text.contains("    description: The name, in full\n"), "an unedited description follows Truto:\n{text}");
    assert!(text.contains("  nickname_of:\n"), "a new property arrives:\n{text}");
    assert!(text.contains("  score:\n    type: number\n"), "Truto's types win:\n{text}");
    assert!(!out.path().join("crm/accounts.yaml").exists(), "a resource gone from the model is removed");
    assert!(out.path().join("crm/accounts_gone.yaml").exists());
    assert!(summary.contains("removed  crm/accounts.yaml"), "{summary}");
    assert!(
        summary.contains("kept by hand: methods.list.query.search_term.example, fields.first_name.description"),
        "{summary}"
    );
    assert!(summary.contains("2 comment line(s)"), "{summary}");
    assert!(summary.contains("hand edits replaced by Truto's: fields.score.type"), "{summary}");
    Config::new().schema_dir(out.path()).check().unwrap();

    let settled = import::import(input.path(), out.path()).unwrap();
    assert!(settled.is_up_to_date(), "a merge is stable: {}", settled.summary());
}

#[test]
fn a_hand_edit_that_no_longer_fits_is_reported_and_nothing_is_written() {
    let out = tempfile::tempdir().unwrap();
    import_into(&fixtures(), out.path());
    let contacts = out.path().join("crm/contacts.yaml");
    edit(&contacts, "        example: ada\n", "        example: ada\n        read_only: true\n");
    let before = files(out.path());
    let Err(ImportError::Invalid(diagnostics)) = import::import(&fixtures(), out.path()) else {
        panic!("`read_only` on a query parameter is not valid")
    };
    let rendered = diagnostics.to_string();
    assert!(rendered.contains("crm/contacts.yaml:") && rendered.contains("read_only"), "{rendered}");
    assert_eq!(files(out.path()), before);
}

#[test]
fn check_exits_with_1_when_the_environment_changed() {
    let input = fixture_copy();
    let out = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_truto-codegen"));
        command.args(["import", "--from"]).arg(input.path()).arg("--out").arg(out.path()).args(args);
        command.output().unwrap()
    };
    let first = run(&[]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(
        stderr.contains("warning: unified-model/crm.json#/resources/contacts/schema/properties/foo_bar:"),
        "{stderr}"
    );
    let clean = run(&["--check"]);
    assert_eq!(clean.status.code(), Some(0), "{}", String::from_utf8_lossy(&clean.stdout));
    assert!(String::from_utf8_lossy(&clean.stdout).contains("up to date"));

    edit(
        &input.path().join("meta/crm/contacts/salesforce/get.json"),
        "\"website\"",
        "\"owner_id\": {\"type\": \"string\"}, \"website\"",
    );
    let stale = run(&["--check"]);
    assert_eq!(stale.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&stale.stdout);
    assert!(stdout.contains("changed  crm/contacts.yaml: +fields.owner_id.supported_in"), "{stdout}");
    assert!(stdout.contains("differs from the Truto environment"), "{stdout}");
    let unchanged = run(&["--check"]);
    assert_eq!(unchanged.status.code(), Some(1), "--check writes nothing");
}

#[test]
fn broken_json_is_reported_with_its_line_and_nothing_is_written() {
    let input = tempfile::tempdir().unwrap();
    std::fs::write(input.path().join("a.json"), "{\"name\": \"crm\",\n  \"resources\": [}\n").unwrap();
    std::fs::write(input.path().join("b.json"), "[]").unwrap();
    let out = tempfile::tempdir().unwrap();
    let Err(ImportError::Input(message)) = import::import(input.path(), out.path()) else { panic!("broken JSON") };
    assert!(message.starts_with("a.json:2:"), "{message}");
    assert!(files(out.path()).is_empty());
}
