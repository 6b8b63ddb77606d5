//! Step 5 of the pipeline: put the formatted files on disk, atomically and only when their bytes change;
//! or compare them with what is on disk (`--check`).
//!
//! Writing only changed files keeps their modification times, so Cargo recompiles nothing when the schema
//! is touched without being changed. Each file is written to a temporary sibling and renamed over the
//! target once every file is written, so an interrupted or concurrent run never leaves a truncated file.
//! Files that carry the generated marker but are no longer produced (a resource was removed) are deleted;
//! other files are never touched.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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
    /// Files whose contents differ: the path, what is on disk, and what would be generated.
    pub changed: Vec<ChangedFile>,
    /// Generated files that would be deleted.
    pub stale: Vec<PathBuf>,
}

/// A generated file whose contents differ from the file on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedFile {
    /// The path, relative to the output folder.
    pub path: PathBuf,
    /// The file as it is on disk.
    pub on_disk: String,
    /// The file as it would be generated.
    pub generated: String,
}

impl Drift {
    /// Whether the folder is up to date.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.changed.is_empty() && self.stale.is_empty()
    }
}

/// Writes `files` under `out_dir`.
///
/// Every changed file is first written in full to a temporary sibling (a name unique to this process and
/// this write) and flushed to disk; only when all of them are, each is renamed over its target. A rename is
/// atomic, so a reader, a concurrent run or a run interrupted at any point sees each file either whole and
/// old or whole and new, never truncated; and a failure while writing (disk full, a panic) leaves the
/// folder as it was, without temporary files.
pub fn write(out_dir: &Path, files: &[GeneratedFile]) -> io::Result<WriteReport> {
    write_with(out_dir, files, &mut |file, bytes| file.write_all(bytes))
}

/// [`write`], with the function that puts bytes into each temporary file (tests inject failures here).
fn write_with(
    out_dir: &Path,
    files: &[GeneratedFile],
    write_bytes: &mut dyn FnMut(&mut fs::File, &[u8]) -> io::Result<()>,
) -> io::Result<WriteReport> {
    let mut report = WriteReport::default();
    let mut staged = Vec::new();
    for file in files {
        let target = out_dir.join(&file.path);
        if fs::read(&target).is_ok_and(|existing| existing == file.contents.as_bytes()) {
            report.unchanged.push(file.path.clone());
            continue;
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        staged.push(Staged::write(target, file.contents.as_bytes(), write_bytes)?);
        report.written.push(file.path.clone());
    }
    for staged in staged {
        staged.commit()?;
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
            Ok(existing) => drift.changed.push(ChangedFile {
                path: file.path.clone(),
                on_disk: existing,
                generated: file.contents.clone(),
            }),
            Err(error) if error.kind() == io::ErrorKind::NotFound => drift.missing.push(file.path.clone()),
            Err(error) => return Err(error),
        }
    }
    drift.stale = stale_files(out_dir, files)?;
    Ok(drift)
}

/// A file written in full to a temporary sibling of its target, waiting to be renamed over it. Dropped
/// without [`commit`](Self::commit) (an error or a panic later in the run), it removes the temporary file.
struct Staged {
    temporary: Option<PathBuf>,
    target: PathBuf,
}

impl Staged {
    fn write(
        target: PathBuf,
        bytes: &[u8],
        write_bytes: &mut dyn FnMut(&mut fs::File, &[u8]) -> io::Result<()>,
    ) -> io::Result<Self> {
        // Unique per process and per write: concurrent runs, in other processes or other threads of this
        // one, never share a temporary file.
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let name = target.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temporary = target.with_file_name(format!(".{name}.{}-{unique}.tmp", std::process::id()));
        let staged = Self { temporary: Some(temporary.clone()), target };
        let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&temporary)?;
        write_bytes(&mut file, bytes)?;
        // No fsync: generated files are rebuilt from the schema, so surviving a power cut is not worth a
        // disk flush per file (it doubled the wall time of small runs); what matters is that no reader ever
        // sees a partial file, which writing in full and then renaming guarantees.
        Ok(staged)
    }

    fn commit(mut self) -> io::Result<()> {
        let Some(temporary) = self.temporary.take() else { return Ok(()) };
        let renamed = fs::rename(&temporary, &self.target);
        if renamed.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        renamed
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(temporary) = self.temporary.take() {
            let _ = fs::remove_file(temporary);
        }
    }
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

    /// Every file of `dir`, by name, with its bytes.
    fn contents(dir: &Path) -> Vec<(String, String)> {
        let mut all = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(folder) = pending.pop() {
            for entry in fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    let name = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                    all.push((name, fs::read_to_string(&path).unwrap()));
                }
            }
        }
        all.sort();
        all
    }

    #[test]
    fn a_write_that_fails_half_way_leaves_the_folder_as_it_was() {
        let dir = temp_dir("interrupted");
        let old = [file("mod.rs", &"old root\n".repeat(100)), file("calendar/users.rs", &"old users\n".repeat(100))];
        write(&dir, &old).unwrap();
        let before = contents(&dir);
        let new = [file("mod.rs", &"new root\n".repeat(100)), file("calendar/users.rs", &"new users\n".repeat(100))];

        // The second file's bytes are cut off half way, as by a full disk or a crash: a non-atomic write
        // would leave users.rs truncated (and mod.rs already new).
        let mut calls = 0;
        let error = write_with(&dir, &new, &mut |file, bytes| {
            calls += 1;
            if calls == 2 {
                file.write_all(&bytes[..bytes.len() / 2])?;
                return Err(io::Error::other("interrupted"));
            }
            file.write_all(bytes)
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "interrupted");
        assert_eq!(contents(&dir), before, "every file is whole and old, and no temporary file is left");

        // A panic half way (the process dying mid-write, as far as one process can tell) does the same.
        let dir_for_panic = dir.clone();
        let panicked = std::panic::catch_unwind(move || {
            write_with(&dir_for_panic, &new, &mut |file, bytes| {
                file.write_all(&bytes[..bytes.len() / 2]).unwrap();
                panic!("killed");
            })
        });
        assert!(panicked.is_err());
        assert_eq!(contents(&dir), before);

        write(&dir, &[file("mod.rs", "new"), file("calendar/users.rs", "new")]).unwrap();
        assert_eq!(
            contents(&dir),
            [
                ("calendar/users.rs".to_owned(), format!("{GENERATED_MARKER}\nnew")),
                ("mod.rs".to_owned(), format!("{GENERATED_MARKER}\nnew"))
            ]
        );
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
        let changed = &drift.changed[0];
        assert!(changed.on_disk.ends_with("a\n") && changed.generated.ends_with("b\n"), "{changed:?}");
        assert!(!drift.is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }
}
