//! The schema folder an import writes into: what is in it, whether the result is a valid schema, and
//! writing the result.
//!
//! Besides the schema files, the folder keeps the importer's state in `.truto/` (hidden, so the loader never
//! reads it; commit it with the schema):
//! - `.truto/imported/<api>/<resource>.yaml`: each file as the last import made it, before merging, which
//!   is how the next import tells hand edits from changes in Truto ([`super::merge`]);
//! - `.truto/json/`: the raw JSON `truto-codegen pull` fetched, to review and to re-import offline.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use super::ImportError;
use crate::load::MAX_FILE_BYTES;

/// The folder of the importer's state, inside the schema folder.
pub const STATE_DIR: &str = ".truto";
/// Where each imported file's pre-merge text is kept.
pub const IMPORTED_DIR: &str = ".truto/imported";
/// Where `pull` keeps the raw JSON it fetched.
pub const JSON_DIR: &str = ".truto/json";

/// What a schema folder holds.
#[derive(Clone, Debug, Default)]
pub struct Folder {
    /// The folder.
    pub root: PathBuf,
    /// Its schema files (`truto.yaml`, `crm/contacts.yaml`, …) by relative path, with their text.
    pub files: BTreeMap<String, String>,
    /// Other entries the loader looks at (files of other kinds, folders inside API folders), copied as they
    /// are when the result is checked.
    pub others: BTreeSet<String>,
    /// The previous import's text of each imported file, by the file's relative path.
    pub bases: BTreeMap<String, String>,
}

impl Folder {
    /// Reads `root` (which may not exist yet).
    pub fn read(root: &Path) -> Result<Self, ImportError> {
        let mut folder = Self { root: root.to_path_buf(), ..Self::default() };
        if !root.exists() {
            return Ok(folder);
        }
        for (name, is_dir) in entries(root)? {
            if !is_dir {
                folder.add(&name)?;
                continue;
            }
            for (inner, inner_is_dir) in entries(&root.join(&name))? {
                let relative = format!("{name}/{inner}");
                match inner_is_dir {
                    true => {
                        folder.others.insert(format!("{relative}/"));
                    }
                    false => folder.add(&relative)?,
                }
            }
        }
        let imported = root.join(IMPORTED_DIR);
        if imported.is_dir() {
            for (api, _) in entries(&imported)?.into_iter().filter(|(_, is_dir)| *is_dir) {
                for (name, _) in entries(&imported.join(&api))?
                    .into_iter()
                    .filter(|(name, is_dir)| !is_dir && name.ends_with(".yaml"))
                {
                    let relative = format!("{api}/{name}");
                    let text = read_text(&imported.join(&relative))?;
                    folder.bases.insert(relative, text);
                }
            }
        }
        Ok(folder)
    }

    fn add(&mut self, relative: &str) -> Result<(), ImportError> {
        if relative.ends_with(".yaml") {
            let text = read_text(&self.root.join(relative))?;
            self.files.insert(relative.to_owned(), text);
        } else {
            self.others.insert(relative.to_owned());
        }
        Ok(())
    }

    /// Checks that the folder with `writes` applied and `removes` removed is a valid schema, with the loader
    /// and validator bindings are generated with, in a copy outside the folder: nothing is written here.
    pub fn check(&self, writes: &BTreeMap<String, String>, removes: &BTreeSet<String>) -> Result<(), ImportError> {
        let staging = Staging::new()?;
        let result = self.stage(&staging.0, writes, removes).and_then(|()| {
            match crate::Config::new().schema_dir(&staging.0).check() {
                Ok(_) => Ok(()),
                Err(crate::Error::Schema(diagnostics)) => Err(ImportError::Invalid(diagnostics)),
                Err(other) => Err(ImportError::Input(other.to_string())),
            }
        });
        drop(staging);
        result
    }

    fn stage(
        &self,
        staging: &Path,
        writes: &BTreeMap<String, String>,
        removes: &BTreeSet<String>,
    ) -> Result<(), ImportError> {
        let io = |path: &Path, source: io::Error| ImportError::Io { path: path.to_path_buf(), source };
        for (relative, text) in self.files.iter().filter(|(relative, _)| !writes.contains_key(*relative)).chain(writes)
        {
            if relative.starts_with(STATE_DIR) || removes.contains(relative) {
                continue;
            }
            let target = staging.join(relative);
            create_parent(&target)?;
            fs::write(&target, text).map_err(|error| io(&target, error))?;
        }
        for relative in &self.others {
            let target = staging.join(relative);
            match relative.strip_suffix('/') {
                Some(folder) => fs::create_dir_all(staging.join(folder)).map_err(|error| io(&target, error))?,
                None => {
                    create_parent(&target)?;
                    fs::copy(self.root.join(relative), &target).map_err(|error| io(&target, error))?;
                }
            }
        }
        Ok(())
    }
}

/// Writes `writes` and removes `removes` (paths relative to `root`), each file atomically; an API folder left
/// empty is removed.
pub fn apply(root: &Path, writes: &BTreeMap<String, String>, removes: &BTreeSet<String>) -> Result<(), ImportError> {
    for (relative, text) in writes {
        let target = root.join(relative);
        create_parent(&target)?;
        let temporary = target.with_file_name(format!(
            ".{}.{}.tmp",
            target.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default(),
            std::process::id()
        ));
        fs::write(&temporary, text)
            .and_then(|()| fs::rename(&temporary, &target))
            .map_err(|source| ImportError::Io { path: target.clone(), source })?;
    }
    for relative in removes {
        let target = root.join(relative);
        match fs::remove_file(&target) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(source) => return Err(ImportError::Io { path: target, source }),
        }
        if let Some(parent) = target.parent().filter(|parent| *parent != root) {
            // Only succeeds when the folder is empty.
            let _ = fs::remove_dir(parent);
        }
    }
    Ok(())
}

/// The names of the entries of `dir`, with whether each is a folder, sorted; hidden entries are left out.
fn entries(dir: &Path) -> Result<Vec<(String, bool)>, ImportError> {
    let io = |source| ImportError::Io { path: dir.to_path_buf(), source };
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            found.push((name, entry.path().is_dir()));
        }
    }
    found.sort();
    Ok(found)
}

/// The UTF-8 text of a schema file.
fn read_text(path: &Path) -> Result<String, ImportError> {
    let io = |source| ImportError::Io { path: path.to_path_buf(), source };
    let size = fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::Input(format!("{}: larger than a schema file may be", path.display())));
    }
    let bytes = fs::read(path).map_err(io)?;
    String::from_utf8(bytes)
        .map_err(|_| ImportError::Input(format!("{}: not UTF-8, so it cannot be merged into", path.display())))
}

fn create_parent(path: &Path) -> Result<(), ImportError> {
    match path.parent() {
        Some(parent) => {
            fs::create_dir_all(parent).map_err(|source| ImportError::Io { path: parent.to_path_buf(), source })
        }
        None => Ok(()),
    }
}

/// A fresh folder under the system's temporary folder, removed when dropped.
struct Staging(PathBuf);

impl Staging {
    fn new() -> Result<Self, ImportError> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let base = std::env::temp_dir();
        loop {
            let count = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = base.join(format!("truto-import-{}-{count}", std::process::id()));
            match fs::create_dir(&path) {
                Ok(()) => return Ok(Self(path)),
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists && count < 10_000 => continue,
                Err(source) => return Err(ImportError::Io { path, source }),
            }
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
