//! Writing a crate outside the workspace and running Cargo on it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// This checkout's root.
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the repository").to_path_buf()
}

/// The target directory every outside crate builds into.
pub fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("outside-target")
}

/// A fresh, empty folder `target/tmp/outside/<name>/`.
pub fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("outside").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `files` (path relative to `dir`, contents) and this workspace's `Cargo.lock`, so that the crate
/// resolves to the versions the workspace tests (and needs no newer registry index).
pub fn write_crate(dir: &Path, files: &[(&str, String)]) {
    for (path, contents) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    std::fs::copy(repository().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// What a crate needs below what a user writes: `[workspace]` (it sits inside this repository's folder, so
/// Cargo would otherwise look for it among the workspace's members) and `[patch.crates-io]`, standing in for
/// the registry: `truto-unified = "0.1"` resolves to this checkout. `crates` are those the user's manifest
/// names (the others follow from their path dependencies; a patch Cargo does not use is a warning).
pub fn outside_this_workspace(crates: &[&str]) -> String {
    let root = repository();
    let folder = |name: &str| match name {
        "truto-unified" => "generated",
        "truto-unified-runtime" => "runtime",
        "truto-codegen" => "codegen",
        "truto-unified-fake" => "fake",
        other => panic!("not a crate of this workspace: {other}"),
    };
    let patch: String =
        crates.iter().map(|name| format!("{name} = {{ path = {:?} }}\n", root.join(folder(name)))).collect();
    format!("\n[workspace]\n\n[patch.crates-io]\n{patch}")
}

/// `cargo <args>` in `dir`, into the shared target directory.
pub fn cargo(dir: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo).args(args).current_dir(dir).env("CARGO_TARGET_DIR", target_dir()).output().expect("cargo runs")
}

/// stderr of a Cargo run, for messages.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
