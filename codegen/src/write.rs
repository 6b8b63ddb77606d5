//! Step 5 of the pipeline: put the formatted files on disk, atomically and only when their bytes change;
//! or compare them with what is on disk (`--check`).
//!
//! Writing only changed files keeps their modification times, so Cargo recompiles nothing when the schema
//! is touched without being changed. Each file is written to a temporary sibling and renamed over the
//! target, so an interrupted run never leaves a truncated file. Files that carry the generated marker but
//! are no longer produced (a resource was removed) are deleted; other files are never touched.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::format::GENERATED_MARKER;

/// A formatted output file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output folder (`calendar/users.rs`).
    pub path: PathBuf,
    /// The file's full text.
    pub contents: String,
}

/// What a write did, file by file (paths relative to the output folder).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or changed.
    pub written: Vec<PathBuf>,
    /// Files whose bytes were already right.
    pub unchanged: Vec<PathBuf>,
    /// Generated files no longer produced, deleted.
    pub removed: Vec<PathBuf>,
}

/// How the output folder differs from what the schema generates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files that would be created.
    pub missing: Vec<PathBuf>,
    /// Files whose contents differ, with a unified diff of each (on-disk → generated).
    pub changed: Vec<(PathBuf, String)>,
    /// Generated files that would be deleted.
    pub stale: Vec<PathBuf>,
}

impl Drift {
    /// Whether the folder is up to date.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.changed.is_empty() && self.stale.is_empty()
    }
}

/// Writes `files` under `out_dir`.
pub fn write(out_dir: &Path, files: &[GeneratedFile]) -> io::Result<WriteReport> {
    let mut report = WriteReport::default();
    for file in files {
        let target = out_dir.join(&file.path);
        if fs::read(&target).is_ok_and(|existing| existing == file.contents.as_bytes()) {
            report.unchanged.push(file.path.clone());
            continue;
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        write_atomically(&target, file.contents.as_bytes())?;
        report.written.push(file.path.clone());
    }
    for stale in stale_files(out_dir, files)? {
        fs::remove_file(out_dir.join(&stale))?;
        report.removed.push(stale);
    }
    Ok(report)
}

/// Compares `files` with the contents of `out_dir`, changing nothing.
pub fn drift(out_dir: &Path, files: &[GeneratedFile]) -> io::Result<Drift> {
    let mut drift = Drift::default();
    for file in files {
        match fs::read_to_string(out_dir.join(&file.path)) {
            Ok(existing) if existing == file.contents => {}
            Ok(existing) => {
                let diff = similar::TextDiff::from_lines(&existing, &file.contents)
                    .unified_diff()
                    .context_radius(2)
                    .header(
                        &format!("{} (on disk)", file.path.display()),
                        &format!("{} (generated)", file.path.display()),
                    )
                    .to_string();
                drift.changed.push((file.path.clone(), diff));
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => drift.missing.push(file.path.clone()),
            Err(error) => return Err(error),
        }
    }
    drift.stale = stale_files(out_dir, files)?;
    Ok(drift)
}

/// Writes `bytes` to a temporary file next to `target`, then renames it over `target`.
fn write_atomically(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = target.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// `.rs` files under `out_dir` that carry the generated marker and are not in `files`.
fn stale_files(out_dir: &Path, files: &[GeneratedFile]) -> io::Result<Vec<PathBuf>> {
    let mut stale = Vec::new();
    if !out_dir.is_dir() {
        return Ok(stale);
    }
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        for entry in fs::read_dir(out_dir.join(&relative))? {
            let entry = entry?;
            let path = relative.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs")
                && !files.iter().any(|file| file.path == path)
                && fs::read_to_string(entry.path()).is_ok_and(|text| text.starts_with(GENERATED_MARKER))
            {
                stale.push(path);
            }
        }
    }
    stale.sort();
    Ok(stale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile { path: path.into(), contents: format!("{GENERATED_MARKER}\n{contents}") }
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("truto-codegen-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writes_only_changed_files_and_removes_stale_ones() {
        let dir = temp_dir("changed");
        let first = [file("mod.rs", "a"), file("calendar/users.rs", "b"), file("old.rs", "c")];
        let report = write(&dir, &first).unwrap();
        assert_eq!(report.written.len(), 3);

        fs::write(dir.join("handwritten.rs"), "// mine").unwrap();
        let modified = fs::metadata(dir.join("mod.rs")).unwrap().modified().unwrap();
        let second = [file("mod.rs", "a"), file("calendar/users.rs", "B")];
        let report = write(&dir, &second).unwrap();
        assert_eq!(report.unchanged, [PathBuf::from("mod.rs")]);
        assert_eq!(report.written, [PathBuf::from("calendar/users.rs")]);
        assert_eq!(report.removed, [PathBuf::from("old.rs")]);
        assert_eq!(fs::metadata(dir.join("mod.rs")).unwrap().modified().unwrap(), modified);
        assert!(dir.join("handwritten.rs").exists(), "files without the marker are never touched");
        let leftovers: Vec<_> =
            fs::read_dir(dir.join("calendar")).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        assert_eq!(leftovers, ["users.rs"], "no temporary file is left behind");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn drift_lists_missing_changed_and_stale_files() {
        let dir = temp_dir("drift");
        write(&dir, &[file("mod.rs", "a\n"), file("gone.rs", "x")]).unwrap();
        let drift = drift(&dir, &[file("mod.rs", "b\n"), file("new.rs", "n")]).unwrap();
        assert_eq!(drift.missing, [PathBuf::from("new.rs")]);
        assert_eq!(drift.stale, [PathBuf::from("gone.rs")]);
        assert_eq!(drift.changed.len(), 1);
        assert!(drift.changed[0].1.contains("-a\n+b"), "{}", drift.changed[0].1);
        assert!(!drift.is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }
}
