//! The `truto-codegen` binary: generate, `--check` for drift, `check`, and what it does with a broken schema.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn schema_dir() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema")).to_path_buf()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truto-codegen")).args(args).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of the repository's schema in a temporary folder, to break on purpose.
fn schema_copy() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        for entry in std::fs::read_dir(schema_dir().join(&relative)).unwrap() {
            let entry = entry.unwrap();
            let path = relative.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                std::fs::create_dir_all(copy.path().join(&path)).unwrap();
                pending.push(path);
            } else {
                std::fs::copy(entry.path(), copy.path().join(&path)).unwrap();
            }
        }
    }
    copy
}

#[test]
fn generate_then_check_reports_no_drift_until_the_output_changes() {
    let out = tempfile::tempdir().unwrap();
    let out_path = out.path().to_str().unwrap();
    let schema = schema_dir();
    let schema = schema.to_str().unwrap();

    let generated = run(&["generate", "--schema", schema, "--out", out_path]);
    assert!(generated.status.success(), "{}", text(&generated.stderr));
    let stdout = text(&generated.stdout);
    assert!(stdout.contains("written, 0 unchanged, 0 removed"), "{stdout}");
    assert!(stdout.contains("Calendar (`account.calendar()`, feature \"calendar\"):"), "{stdout}");
    assert!(stdout.lines().count() < 120, "the summary stays short at scale:\n{stdout}");
    let verbose = run(&["generate", "--verbose", "--schema", schema, "--out", out_path]);
    let verbose = text(&verbose.stdout);
    assert!(verbose.contains("calendar/users.rs"), "{verbose}");
    assert!(verbose.contains("account.calendar().users().{list}  -> User"), "{verbose}");
    assert!(out.path().join("instant_messaging/members.rs").is_file());

    let clean = run(&["generate", "--check", "--schema", schema, "--out", out_path]);
    assert!(clean.status.success(), "{}", text(&clean.stdout));

    let users = out.path().join("calendar/users.rs");
    let edited = std::fs::read_to_string(&users).unwrap().replace("pub struct User {", "pub struct User { // edited");
    std::fs::write(&users, edited).unwrap();
    std::fs::remove_file(out.path().join("calendar.rs")).unwrap();
    let stale = run(&["generate", "--check", "--schema", schema, "--out", out_path]);
    assert_eq!(stale.status.code(), Some(1));
    let report = text(&stale.stdout);
    assert!(report.contains("changed: calendar/users.rs (+1 -1)"), "{report}");
    assert!(report.contains("missing: calendar.rs"), "{report}");
}

#[test]
fn check_validates_without_writing() {
    let checked = run(&["check", "--schema", schema_dir().to_str().unwrap()]);
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    assert!(text(&checked.stdout).contains("schema: valid ("), "{}", text(&checked.stdout));
}

#[test]
fn a_broken_schema_is_reported_with_its_location_and_nothing_is_written() {
    let schema = schema_copy();
    let users = schema.path().join("calendar/users.yaml");
    let source = std::fs::read_to_string(&users).unwrap();
    let broken = source.replacen("  user_type:\n    type: string\n", "  user_type:\n    type: strnig\n", 1);
    assert_ne!(source, broken, "the fixture edit applies");
    std::fs::write(&users, &broken).unwrap();
    let line = broken.lines().position(|line| line.contains("type: strnig")).unwrap() + 1;

    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("bindings");
    let schema_arg = schema.path().to_str().unwrap();

    // The default, human format: an excerpt with the span underlined, the key path and the help, and no
    // colours when stderr is not a terminal.
    let result = run(&["generate", "--schema", schema_arg, "--out", target.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = text(&result.stderr);
    for expected in [
        "  × unknown type \"strnig\"".to_owned(),
        format!("╭─[calendar/users.yaml:{line}:11]"),
        format!("{line} │     type: strnig"),
        "───┬──".to_owned(),
        "╰── fields.user_type.type".to_owned(),
        "help: did you mean \"string\"?".to_owned(),
        "error: the schema has 1 problem; nothing was written".to_owned(),
    ] {
        assert!(stderr.contains(&expected), "expected {expected:?} in:\n{stderr}");
    }
    assert!(!stderr.contains('\u{1b}'), "no colour codes outside a terminal: {stderr:?}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!target.exists(), "no output folder was created");

    // One line per problem with --message-format short.
    let result = run(&["check", "--schema", schema_arg, "--message-format", "short"]);
    assert_eq!(result.status.code(), Some(1));
    let expected = format!(
        "calendar/users.yaml:{line}:11: fields.user_type.type: unknown type \"strnig\" (did you mean \"string\"?)\n\nerror: the schema has 1 problem; nothing was written\n"
    );
    assert_eq!(text(&result.stderr), expected);
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    // `truto-codegen generate | head -1`: the reader goes away before the summary is printed.
    let out = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_truto-codegen"))
        .args(["generate", "--schema", schema_dir().to_str().unwrap(), "--out", out.path().to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(!text(&output.stderr).contains("panicked"), "{}", text(&output.stderr));
    assert!(out.path().join("mod.rs").is_file());
}
