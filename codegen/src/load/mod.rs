//! Step 1 of the pipeline: find the schema files, read them, and parse them into their serde mirrors
//! ([`raw`]), each with an index of where its keys are ([`positions`]).
//!
//! Layout of a schema folder:
//! ```text
//! schema/
//!   truto.yaml                  API-wide: base URL, unified APIs, Truto parameters
//!   integrations.yaml           the integrations catalog: slug → display name
//!   common.yaml                 types shared across resources (`$ref: common/Address`)
//!   calendar/users.yaml         one file per resource, in a folder per unified API
//!   instant-messaging/members.yaml
//! ```
//! Files other than `*.yaml` (a README, say) are ignored. Nothing here judges the content beyond its shape:
//! that is [`crate::validate`]'s job.

pub mod positions;
pub mod raw;
mod yaml;

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use positions::{KeyPath, Positions};

/// The name of the API-wide file at the root of a schema folder.
pub const API_FILE: &str = "truto.yaml";
/// The integrations catalog, at the root of a schema folder (optional).
pub const INTEGRATIONS_FILE: &str = "integrations.yaml";
/// The shared types, at the root of a schema folder (optional).
pub const COMMON_FILE: &str = "common.yaml";

/// A parsed file with what is needed to point at its lines.
#[derive(Debug)]
pub struct Source<T> {
    /// Path relative to the schema folder, `/`-separated (`calendar/users.yaml`).
    pub file: String,
    /// The parsed content.
    pub content: T,
    /// Where its keys and values are.
    pub positions: Positions,
}

impl<T> Source<T> {
    /// A diagnostic pointing at the value under `path`.
    pub fn error_at(&self, path: &KeyPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: self.file.clone(),
            location: Some(self.positions.value(path)),
            path: path.to_string(),
            message: message.into(),
            help: None,
        }
    }

    /// A diagnostic pointing at the key ending `path` (for problems with a name).
    pub fn error_at_key(&self, path: &KeyPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic { location: Some(self.positions.key(path)), ..self.error_at(path, message) }
    }
}

/// A resource file and the unified API (its folder) it belongs to.
#[derive(Debug)]
pub struct ResourceSource {
    /// The folder name: the unified API's path segment (`instant-messaging`).
    pub api: String,
    /// The parsed file.
    pub source: Source<raw::ResourceFile>,
}

/// Everything read from one schema folder.
#[derive(Debug)]
pub struct Schema {
    /// `truto.yaml`.
    pub api_file: Source<raw::ApiFile>,
    /// `integrations.yaml`, when present.
    pub integrations_file: Option<Source<raw::IntegrationsFile>>,
    /// `common.yaml`, when present.
    pub common_file: Option<Source<raw::CommonFile>>,
    /// Every resource file, in path order.
    pub resources: Vec<ResourceSource>,
    /// Every file and folder read, for build scripts' `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
}

/// Reads and parses every schema file under `dir`, reporting every file's problems at once.
pub fn load(dir: &Path) -> Result<Schema, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut inputs = vec![dir.to_path_buf()];

    let api_file = read_source::<raw::ApiFile>(dir, API_FILE, &mut inputs).map_err(|error| diagnostics.extend(error));
    let optional = |name: &str| dir.join(name).is_file().then(|| name.to_owned());
    let integrations_file = optional(INTEGRATIONS_FILE).and_then(|name| {
        read_source::<raw::IntegrationsFile>(dir, &name, &mut inputs).map_err(|error| diagnostics.extend(error)).ok()
    });
    let common_file = optional(COMMON_FILE).and_then(|name| {
        read_source::<raw::CommonFile>(dir, &name, &mut inputs).map_err(|error| diagnostics.extend(error)).ok()
    });
    match stray_root_files(dir) {
        Ok(stray) => stray.into_iter().for_each(|name| {
            diagnostics.push(Diagnostic::file(
                name,
                format!("unexpected schema file: the root holds only {API_FILE}, {INTEGRATIONS_FILE} and {COMMON_FILE}; resources go in <api>/<resource>.yaml"),
            ))
        }),
        Err(error) => diagnostics.push(Diagnostic::file(dir.display().to_string(), error)),
    }

    let mut resources = Vec::new();
    match api_folders(dir) {
        Ok(folders) => {
            for (api, folder) in folders {
                inputs.push(folder.clone());
                let files = match yaml_files(&folder) {
                    Ok(files) => files,
                    Err(error) => {
                        diagnostics.push(Diagnostic::file(format!("{api}/"), error));
                        continue;
                    }
                };
                for name in files {
                    let relative = format!("{api}/{name}");
                    match read_source::<raw::ResourceFile>(dir, &relative, &mut inputs) {
                        Ok(source) => resources.push(ResourceSource { api: api.clone(), source }),
                        Err(error) => diagnostics.extend(error),
                    }
                }
            }
        }
        Err(error) => diagnostics.push(Diagnostic::file(dir.display().to_string(), error)),
    }

    diagnostics.into_result(())?;
    // A failed `truto.yaml` always left a diagnostic, so this is `Some` here.
    let api_file = api_file.map_err(|()| Diagnostic::file(API_FILE, "could not be read"))?;
    Ok(Schema { api_file, integrations_file, common_file, resources, inputs })
}

/// Reads and parses one file, given relative to `dir`.
fn read_source<T: serde::de::DeserializeOwned>(
    dir: &Path,
    relative: &str,
    inputs: &mut Vec<PathBuf>,
) -> Result<Source<T>, Diagnostics> {
    let path = dir.join(relative);
    inputs.push(path.clone());
    let bytes = fs::read(&path).map_err(|error| Diagnostic::file(relative, format!("cannot read file: {error}")))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&error.as_bytes()[..offset]);
        let line = text.matches('\n').count() + 1;
        let column = text.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
        Diagnostic {
            location: Some(crate::diagnostics::Location { line, column, offset }),
            ..Diagnostic::file(relative, "file is not valid UTF-8")
        }
    })?;
    parse_source(relative, &text)
}

/// Parses the text of one file.
pub fn parse_source<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<Source<T>, Diagnostics> {
    if text.trim().is_empty() {
        return Err(Diagnostic::file(file, "file is empty").into());
    }
    let content = yaml::from_str::<T>(text)
        .map_err(|error| Diagnostic {
            file: file.to_owned(),
            location: error.location,
            path: error.path,
            message: error.message,
            help: None,
        })
        .map_err(Diagnostics::from)?;
    let positions = Positions::index(text)
        .map_err(|(message, location)| Diagnostic { location: Some(location), ..Diagnostic::file(file, message) })
        .map_err(Diagnostics::from)?;
    if let Some((path, location)) = positions.duplicate_keys().first() {
        return Err(Diagnostic {
            location: Some(*location),
            path: path.to_string(),
            ..Diagnostic::file(file, "key is written twice in the same mapping")
        }
        .into());
    }
    Ok(Source { file: file.to_owned(), content, positions })
}

/// The unified API folders directly under `dir`, sorted by name.
fn api_folders(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let entries = fs::read_dir(dir).map_err(|error| format!("cannot read schema folder: {error}"))?;
    let mut folders = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| format!("cannot read schema folder: {error}"))?;
        let path = entry.path();
        if path.is_dir() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') {
                folders.push((name, path));
            }
        }
    }
    folders.sort();
    Ok(folders)
}

/// `*.yaml` files at the root other than the three known ones.
fn stray_root_files(dir: &Path) -> Result<Vec<String>, String> {
    Ok(yaml_files(dir)?
        .into_iter()
        .filter(|name| ![API_FILE, INTEGRATIONS_FILE, COMMON_FILE].contains(&name.as_str()))
        .collect())
}

/// The `*.yaml` file names in `folder`, sorted.
fn yaml_files(folder: &Path) -> Result<Vec<String>, String> {
    let entries = fs::read_dir(folder).map_err(|error| format!("cannot read folder: {error}"))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| format!("cannot read folder: {error}"))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".yaml") && entry.path().is_file() {
            files.push(name);
        }
    }
    files.sort();
    Ok(files)
}
