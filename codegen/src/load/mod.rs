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
//! Other files (a README, say) are ignored, except that `*.yml` files and folders inside an API folder are
//! reported: they look like schema input that would otherwise go missing without a word. Nothing here judges
//! the content beyond its shape: that is [`crate::validate`]'s job.

pub mod positions;
pub mod raw;
mod yaml;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics, Location, SourceMap, is_direction_override};
use positions::{KeyPath, Positions};

pub use crate::layout::{API_FILE, COMMON_FILE, INTEGRATIONS_FILE};

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
    /// `truto.yaml`, when present.
    pub api_file: Option<Source<raw::ApiFile>>,
    /// `integrations.yaml`, when present.
    pub integrations_file: Option<Source<raw::IntegrationsFile>>,
    /// `common.yaml`, when present.
    pub common_file: Option<Source<raw::CommonFile>>,
    /// Every resource file, in path order.
    pub resources: Vec<ResourceSource>,
    /// Every file and folder read, for build scripts' `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// The text of every file read, for source excerpts in diagnostics.
    pub sources: SourceMap,
    /// Problems of resource files that could not be loaded (and are not in `resources`). The root files
    /// loaded, so validation still runs on the other resources and a run reports every problem at once;
    /// [`crate::validate::validate`] reports these with its own.
    pub problems: Diagnostics,
}

/// Schema files larger than this are refused before they are parsed (the repository's largest is ~20 KiB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// libyaml is asked to word a syntax error only in files up to this size (it holds every event in memory).
const MAX_LIBYAML_RETRY_BYTES: usize = 1024 * 1024;

/// Reads and parses every schema file under `dir`, reporting every file's problems at once.
///
/// Fails when a root file (`truto.yaml`, `integrations.yaml`, `common.yaml`) or a folder cannot be loaded,
/// since every resource depends on them. A resource file that cannot be loaded is left out of the schema
/// and its problems kept in [`Schema::problems`], so that the other resources are still validated.
pub fn load(dir: &Path) -> Result<Schema, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut problems = Diagnostics::default();
    let mut inputs = vec![dir.to_path_buf()];
    let mut sources = SourceMap::default();

    if !dir.is_dir() {
        let message = format!("cannot read schema folder: {} is not a folder", dir.display());
        return Err(Diagnostics::from(Diagnostic::file(dir.display().to_string(), message).with_help(
            "a schema folder holds one folder per unified API, each with one <resource>.yaml per resource: is the \
             path right?",
        )));
    }
    let optional = |name: &str| dir.join(name).is_file().then(|| name.to_owned());
    let api_file = optional(API_FILE).and_then(|name| {
        read_source::<raw::ApiFile>(dir, &name, &mut inputs, &mut sources)
            .map_err(|error| diagnostics.extend(error))
            .ok()
    });
    let integrations_file = optional(INTEGRATIONS_FILE).and_then(|name| {
        read_source::<raw::IntegrationsFile>(dir, &name, &mut inputs, &mut sources)
            .map_err(|error| diagnostics.extend(error))
            .ok()
    });
    let common_file = optional(COMMON_FILE).and_then(|name| {
        read_source::<raw::CommonFile>(dir, &name, &mut inputs, &mut sources)
            .map_err(|error| diagnostics.extend(error))
            .ok()
    });
    match stray_root_files(dir) {
        Ok(stray) => stray.into_iter().for_each(|name| {
            problems.push(
                Diagnostic::file(name, "unexpected schema file at the root of the schema folder").with_help(format!(
                    "the root holds only {API_FILE}, {INTEGRATIONS_FILE} and {COMMON_FILE}; resources go in <api>/<resource>.yaml"
                )),
            )
        }),
        Err(error) => diagnostics.push(Diagnostic::file(dir.display().to_string(), error)),
    }
    match unread_entries(dir, "", false) {
        Ok(unread) => unread.into_iter().for_each(|diagnostic| problems.push(diagnostic)),
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
                match unread_entries(&folder, &format!("{api}/"), true) {
                    Ok(unread) => unread.into_iter().for_each(|diagnostic| problems.push(diagnostic)),
                    Err(error) => diagnostics.push(Diagnostic::file(format!("{api}/"), error)),
                }
                for name in files {
                    let relative = format!("{api}/{name}");
                    match read_source::<raw::ResourceFile>(dir, &relative, &mut inputs, &mut sources) {
                        Ok(source) => resources.push(ResourceSource { api: api.clone(), source }),
                        Err(error) => problems.extend(error),
                    }
                }
            }
        }
        Err(error) => diagnostics.push(Diagnostic::file(dir.display().to_string(), error)),
    }

    if !diagnostics.is_empty() {
        diagnostics.extend(problems);
        return Err(diagnostics.with_sources(&sources).sorted());
    }
    let problems = problems.with_sources(&sources);
    Ok(Schema { api_file, integrations_file, common_file, resources, inputs, sources, problems })
}

/// Reads and parses one file, given relative to `dir`, recording its text in `sources`.
fn read_source<T: serde::de::DeserializeOwned>(
    dir: &Path,
    relative: &str,
    inputs: &mut Vec<PathBuf>,
    sources: &mut SourceMap,
) -> Result<Source<T>, Diagnostics> {
    let path = dir.join(relative);
    inputs.push(path.clone());
    let bytes = read_bounded(&path).map_err(|error| Diagnostic::file(relative, error.to_string()))?;
    let (text, invalid_at) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            (String::from_utf8_lossy(error.as_bytes()).into_owned(), Some(offset))
        }
    };
    // Excerpts show control characters as their Unicode pictures (␇), never raw.
    sources.insert(relative, Arc::from(printable(&text).as_ref()));
    if let Some(offset) = invalid_at {
        if let Some(diagnostic) = control_character(relative, &text[..offset]) {
            return Err(diagnostic.into());
        }
        return Err(Diagnostic {
            location: Some(location_of(&text, offset)),
            ..Diagnostic::file(relative, "file is not valid UTF-8")
                .with_help("schema files are UTF-8 text; re-save the file as UTF-8")
        }
        .into());
    }
    parse_source(relative, &text)
}

/// Why a file could not be read.
enum ReadError {
    Missing,
    TooLarge(String),
    Other(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Missing => write!(f, "file not found"),
            Self::TooLarge(size) => {
                write!(f, "file is {size}; a schema file may be at most {} MiB", MAX_FILE_BYTES / (1024 * 1024))
            }
            Self::Other(error) => write!(f, "cannot read file: {error}"),
        }
    }
}

/// The bytes of `path`, refusing files over [`MAX_FILE_BYTES`] (checked while reading too, in case the file
/// grows or is not a regular file).
fn read_bounded(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = fs::File::open(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing,
        _ => ReadError::Other(error),
    })?;
    let declared = file.metadata().map(|metadata| metadata.len()).unwrap_or(0);
    if declared > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(format!("{:.1} MiB", declared as f64 / (1024.0 * 1024.0))));
    }
    let mut bytes = Vec::with_capacity(declared as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(ReadError::Other)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(format!("larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024))));
    }
    Ok(bytes)
}

/// The first character YAML forbids in `text`, as a diagnostic.
fn control_character(file: &str, text: &str) -> Option<Diagnostic> {
    let (offset, character) = text.char_indices().find(|&(_, character)| is_forbidden(character))?;
    Some(Diagnostic {
        location: Some(location_of(text, offset)),
        ..Diagnostic::file(file, format!("control character U+{:04X} is not allowed in YAML", character as u32))
            .with_help(format!(
                "remove it; if it belongs in a value, write it escaped in a double-quoted string: \"\\u{:04x}\"",
                character as u32
            ))
    })
}

/// `text` with the characters YAML forbids replaced by visible stand-ins (`␇` for BEL), and, by stand-ins of
/// the same length so that offsets hold, text-direction overrides (`�`), next-line controls (`¶`) and lone
/// carriage returns (spaces), for excerpts shown on a terminal.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let replaced =
        |character: char| is_forbidden(character) || is_direction_override(character) || character == '\u{85}';
    let lone_return = |bytes: &[u8]| {
        bytes.iter().enumerate().any(|(index, byte)| *byte == b'\r' && bytes.get(index + 1) != Some(&b'\n'))
    };
    if !text.chars().any(replaced) && !lone_return(text.as_bytes()) {
        return text.into();
    }
    let text = {
        let mut bytes = text.as_bytes().to_vec();
        for index in 0..bytes.len() {
            if bytes[index] == b'\r' && bytes.get(index + 1) != Some(&b'\n') {
                bytes[index] = b' ';
            }
        }
        String::from_utf8(bytes).unwrap_or_default()
    };
    let picture = |character: char| match character as u32 {
        code @ 0..=0x1f => char::from_u32(0x2400 + code).unwrap_or('\u{fffd}'),
        0x7f => '\u{2421}',
        0x85 => '\u{b6}',
        _ => '\u{fffd}',
    };
    text.chars().map(|character| if replaced(character) { picture(character) } else { character }).collect()
}

/// Parses the text of one file.
pub fn parse_source<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<Source<T>, Diagnostics> {
    let at = |location: Location, message: String| Diagnostic {
        location: Some(location),
        ..Diagnostic::file(file, message)
    };
    if let Some(diagnostic) = control_character(file, text) {
        return Err(diagnostic.into());
    }
    let positions = Positions::index(text).map_err(|error| {
        let (message, location, help) = match error.syntax.then(|| reworded_syntax_error(text)).flatten() {
            Some(reworded) => reworded,
            None => (error.message, error.location, error.help),
        };
        let help = tab_help(text, location).or(help);
        Diagnostic { path: error.path, help, ..at(location, message) }
    })?;
    if positions.is_empty() {
        return Err(Diagnostic::file(file, "file is empty").with_help(empty_file_help(file)).into());
    }
    if !positions.duplicate_keys().is_empty() {
        let mut diagnostics = Diagnostics::default();
        for (path, location) in positions.duplicate_keys() {
            let first = positions.key(path);
            let key = match path.segments().last() {
                Some(positions::Segment::Key(key)) => key.as_str(),
                _ => "?",
            };
            diagnostics.push(Diagnostic {
                path: path.to_string(),
                help: Some(format!("it is first written at line {}; keep one of them", first.line)),
                ..at(*location, format!("key \"{key}\" is written twice in the same mapping"))
            });
        }
        return Err(diagnostics);
    }
    let content = yaml::from_str::<T>(text).map_err(|error| {
        // A key missing at the top of a file: say which keys the file needs.
        let help = match error.help {
            None if error.path.is_empty() && error.message.starts_with("missing key") => Some(required_keys_help(file)),
            help => help,
        };
        Diagnostic { file: file.to_owned(), location: error.location, path: error.path, message: error.message, help }
    })?;
    Ok(Source { file: file.to_owned(), content, positions })
}

/// libyaml's wording, position and help for a syntax error yaml-rust2 found, when libyaml agrees there is one.
fn reworded_syntax_error(text: &str) -> Option<(String, Location, Option<String>)> {
    if text.len() > MAX_LIBYAML_RETRY_BYTES {
        return None;
    }
    let error = yaml::syntax_error(text)?;
    Some((error.message, error.location?, error.help))
}

/// Help for a syntax error caused by a tab, the most common one in hand-written YAML.
fn tab_help(text: &str, location: Location) -> Option<String> {
    let line = text.lines().nth(location.line.saturating_sub(1))?;
    let indentation = &line[..line.len() - line.trim_start().len()];
    indentation.contains('\t').then(|| "YAML does not allow tabs for indentation: indent with spaces".to_owned())
}

fn empty_file_help(file: &str) -> String {
    match file {
        INTEGRATIONS_FILE => "list the integrations under `integrations:`, or delete the file".to_owned(),
        COMMON_FILE => "declare shared types under `types:`, or delete the file".to_owned(),
        API_FILE => "name the API folders under `apis:`, or delete the file".to_owned(),
        _ => required_keys_help(file),
    }
}

fn required_keys_help(file: &str) -> String {
    match file {
        API_FILE => "truto.yaml holds only `apis` (a display name and description per API folder)".to_owned(),
        INTEGRATIONS_FILE => "integrations.yaml needs `integrations`".to_owned(),
        COMMON_FILE => "common.yaml needs `types`".to_owned(),
        _ => "a resource file needs `resource`, `model`, `methods` and `fields`; see schema/README.md".to_owned(),
    }
}

/// Characters YAML does not allow anywhere in a file (C0 and C1 controls other than tab and line breaks,
/// DEL, and the two noncharacters): libyaml rejects them without a usable position, so they are found here.
fn is_forbidden(character: char) -> bool {
    matches!(character, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

/// The line and column (1-based, in characters) of byte `offset` of `text`.
pub(crate) fn location_of(text: &str, offset: usize) -> Location {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    Location { line: before.matches('\n').count() + 1, column: before[line_start..].chars().count() + 1, offset }
}

/// The byte offset of a 1-based `line` and `column` (in characters) of `text`, as a [`Location`].
pub(crate) fn located(text: &str, line: usize, column: usize) -> Location {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2).map_or(text.len(), |(newline, _)| newline + 1)
    };
    let offset = text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(offset, _)| line_start + offset);
    Location { line, column, offset }
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

/// What in `folder` (written `prefix` in messages: `calendar/`, or empty for the root) looks like schema input
/// but would not be read, so that no resource goes missing without a word: files spelled `*.yml` (or `*.YAML`)
/// and, inside a unified API folder (`subfolders`), folders. Hidden entries are left alone.
fn unread_entries(folder: &Path, prefix: &str, subfolders: bool) -> Result<Vec<Diagnostic>, String> {
    let entries = fs::read_dir(folder).map_err(|error| format!("cannot read folder: {error}"))?;
    let mut unread = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| format!("cannot read folder: {error}"))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if name.starts_with('.') {
            continue;
        }
        if subfolders && path.is_dir() {
            let api = prefix.trim_end_matches('/');
            unread.push(
                Diagnostic::file(format!("{prefix}{name}/"), "unexpected folder inside a unified API folder")
                    .with_help(format!(
                        "a unified API folder holds only its resource files, {api}/<resource>.yaml, and folders \
                         inside it are not read: move the files up into {prefix}"
                    )),
            );
            continue;
        }
        let Some((stem, extension)) = name.rsplit_once('.') else { continue };
        let misspelled = extension.eq_ignore_ascii_case("yml") || extension.eq_ignore_ascii_case("yaml");
        if misspelled && extension != "yaml" && !stem.is_empty() && path.is_file() {
            unread.push(
                Diagnostic::file(
                    format!("{prefix}{name}"),
                    format!("unexpected schema file: `.{extension}` files are not read"),
                )
                .with_help(format!("schema files end in `.yaml`: rename it to {prefix}{stem}.yaml")),
            );
        }
    }
    unread.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(unread)
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
