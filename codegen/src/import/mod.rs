//! Importing Truto's own description of an environment's unified models into a schema folder, so that the
//! bindings match that environment exactly.
//!
//! Truto serves every unified model installed in an environment (`GET /unified-model`, customisations
//! included) and, per integration and method, what its mapping accepts and fills
//! (`GET /unified/{model}/{resource}/{integration}/meta/{method}`). [`import`] turns saved JSON of those
//! endpoints into resource files, one per resource, each headed by a comment saying what it was made from:
//!
//! - types from the resources' JSON Schemas (string formats, enums, arrays, nested objects, maps, `$ref`s within
//!   the document: the table is in the private module `json_schema`);
//! - methods and their `supported_in` from `integration_mapping`; the integrations filling each field from
//!   their `response_schema`; query parameters and body fields, with the integrations accepting and
//!   requiring each, from `query_schema` and `request_body_schema`;
//! - the integrations catalog (`integrations.yaml`) and, when the folder has none, a `truto.yaml`.
//!
//! Whatever Truto's names are, the result is a schema the validator accepts: names that collide after case
//! conversion are resolved (renamed with `model:`, or the later one left out) and anything that cannot be
//! expressed is typed as any JSON value; each such decision is a [`Warning`] with its file and JSON pointer.
//! The same input always gives the same bytes.
//!
//! Importing into a folder that already has the files merges, never clobbers: Truto's facts follow the
//! environment while hand-written descriptions, examples, notes, added keys and comments stay (see the
//! module `merge`). [`Import`] holds the result before anything is written: [`Import::summary`] says what
//! would change and [`Import::is_up_to_date`] whether anything would (`--check`). The result is validated
//! with the same loader and validator `generate` uses before it can be written.
//!
//! ## How a merge works
//!
//! Each resource file is compared, key path by key path, with the folder's file and with what the previous
//! import made of it (kept in `.truto/imported/`, which is how a hand edit is told from a change in Truto):
//! - what Truto defines (`type`, `values`, `items`, `fields`, `required`, `supported_in`, `required_in`,
//!   methods, query parameters, …) is taken from the import;
//! - `description`, `example`, `inferred` and `model` are kept where the folder's differ from the previous
//!   import's (a hand edit, or a removal); with no previous import, wherever the folder has them;
//! - keys the previous import did not write are kept (a field, method or note added by hand), unless they
//!   shape a type Truto now defines; keys Truto no longer has go;
//! - comments stay with the key they were written above or after (read line by line from the file's
//!   block-style YAML), or move to the end of the file, saying where they were, when the key is gone.
//!
//! `truto.yaml` and `integrations.yaml` only get what they lack. Resource files starting with the importer's
//! header comment that the import no longer makes are removed; files without it are hand-written, and left
//! alone.
//!
//! Input layout ([`read_documents`]): a JSON file holding one model, a list page (`{result: [...]}`) or an
//! array of models; or a folder of such files, with meta responses at
//! `meta/<model>/<resource>/<integration>/<method>.json` (what `truto-codegen pull` saves in `.truto/json/`).
//! Files holding environment-unified-model records (`environment-unified-model/page-1.json`) are the
//! environment's overrides, merged into their models (a JSON merge patch) before they are read.

mod comments;
mod folder;
mod json_schema;
mod merge;
mod methods;
pub mod model;
mod names;
mod overrides;
#[cfg(feature = "cli")]
pub mod pull;
mod resource;
mod summary;
mod yaml;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;
use serde_yaml::{Mapping, Value as Yaml};

use crate::diagnostics::Diagnostics;
use crate::load::{self, raw};
use crate::naming;
use folder::{Folder, IMPORTED_DIR};
pub use folder::{JSON_DIR, STATE_DIR};
pub use model::{Input, MetaKey};
use resource::{Environment, ResourceInput};
pub use summary::{FileChange, Status};
use yaml::{Comments, HEADER_MARKER};

/// The largest JSON file an import reads.
pub const MAX_JSON_BYTES: u64 = 256 * 1024 * 1024;

/// The `truto.yaml` written into a folder that has none.
const DEFAULT_API_FILE: &str = include_str!("truto.yaml");

/// Something the import could not express or left out, at a JSON file and a JSON Pointer in it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// The JSON file, relative to the input.
    pub file: String,
    /// The JSON Pointer (RFC 6901) of the value concerned; empty for the whole file.
    pub pointer: String,
    /// What was done, and why.
    pub message: String,
}

impl Warning {
    /// A warning about the value at `pointer` in `file`.
    pub fn new(file: &str, pointer: &str, message: impl Into<String>) -> Self {
        Self { file: file.to_owned(), pointer: pointer.to_owned(), message: message.into() }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = crate::diagnostics::escape_invisible(&self.message);
        match self.pointer.is_empty() {
            true => write!(f, "{}: {message}", crate::diagnostics::escape_invisible(&self.file)),
            false => write!(
                f,
                "{}#{}: {message}",
                crate::diagnostics::escape_invisible(&self.file),
                crate::diagnostics::escape_invisible(&self.pointer)
            ),
        }
    }
}

/// Why an import could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input cannot be read as JSON, or a file of the folder cannot be merged into: one line per problem.
    #[error("{0}")]
    Input(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The folder with the import merged in would not be a valid schema (a hand edit that no longer fits
    /// Truto's model, say); nothing was written.
    #[error("{0}")]
    Invalid(Diagnostics),
}

/// Which unified API folders an import owns: where it removes the resource files it wrote before and no
/// longer makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The APIs of the imported models (an import of one model leaves the others alone).
    ImportedModels,
    /// The whole environment (`pull`): an imported API no longer in the input is removed too.
    Environment,
}

/// An import, computed and checked, not yet written.
#[derive(Debug)]
pub struct Import {
    out: PathBuf,
    writes: BTreeMap<String, String>,
    removes: BTreeSet<String>,
    /// What happens to each file, in path order.
    pub files: Vec<FileChange>,
    /// What could not be expressed or was left out, located.
    pub warnings: Vec<Warning>,
}

impl Import {
    /// Whether the folder already matches the input (nothing would be written or removed).
    pub fn is_up_to_date(&self) -> bool {
        self.writes.is_empty() && self.removes.is_empty()
    }

    /// Writes the files (each atomically) and removes the ones the import no longer makes.
    pub fn write(&self) -> Result<(), ImportError> {
        folder::apply(&self.out, &self.writes, &self.removes)
    }

    /// What changed (or, before [`write`](Self::write), would change), file by file.
    pub fn summary(&self) -> String {
        summary::render(&self.out, &self.files, self.warnings.len())
    }
}

/// Imports the JSON at `from` (a file or a folder, see the [module docs](self)) into the schema folder
/// `out`, without writing anything yet.
pub fn import(from: &Path, out: &Path) -> Result<Import, ImportError> {
    let mut warnings = Vec::new();
    let input = Input::from_documents(read_documents(from)?, &mut warnings);
    plan(&input, out, Scope::ImportedModels, warnings)
}

/// Reads the JSON files at `from`: the file itself, or every `*.json` file below the folder (hidden entries
/// aside), by path relative to it. Every file that is not JSON is reported, with its line and column.
pub fn read_documents(from: &Path) -> Result<Vec<(String, Value)>, ImportError> {
    let io = |path: &Path, source| ImportError::Io { path: path.to_path_buf(), source };
    let mut files = Vec::new();
    if from.is_file() {
        let name = from.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        files.push((name, from.to_path_buf()));
    } else {
        let mut pending = vec![(String::new(), from.to_path_buf())];
        while let Some((prefix, dir)) = pending.pop() {
            for entry in std::fs::read_dir(&dir).map_err(|error| io(&dir, error))? {
                let entry = entry.map_err(|error| io(&dir, error))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let path = entry.path();
                if name.starts_with('.') {
                    continue;
                } else if path.is_dir() {
                    pending.push((format!("{prefix}{name}/"), path));
                } else if name.ends_with(".json") {
                    files.push((format!("{prefix}{name}"), path));
                }
            }
        }
    }
    files.sort();
    let mut documents = Vec::new();
    let mut problems = Vec::new();
    for (name, path) in files {
        let size = std::fs::metadata(&path).map_err(|error| io(&path, error))?.len();
        if size > MAX_JSON_BYTES {
            problems.push(format!("{name}: larger than {} MiB", MAX_JSON_BYTES / (1024 * 1024)));
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|error| io(&path, error))?;
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(value) => documents.push((name, value)),
            Err(error) => problems.push(format!("{name}:{}:{}: {error}", error.line(), error.column())),
        }
    }
    match problems.is_empty() {
        true => Ok(documents),
        false => Err(ImportError::Input(problems.join("\n"))),
    }
}

/// The resource files of an import, before merging: path → (header, tree).
type Made = BTreeMap<String, resource::ResourceFile>;

/// Imports `input` into the schema folder `out`: makes every resource file, merges each with the folder's,
/// and checks the result. `warnings` are those of reading the input.
pub fn plan(input: &Input, out: &Path, scope: Scope, mut warnings: Vec<Warning>) -> Result<Import, ImportError> {
    let folder = Folder::read(out)?;
    let api_text = folder.files.get(load::API_FILE).map_or(DEFAULT_API_FILE, String::as_str);
    let integrations_text = folder.files.get(load::INTEGRATIONS_FILE);
    let catalog = catalog(input, integrations_text.map(String::as_str), &mut warnings);
    let environment = resource::Environment { slugs: catalog.slugs.clone() };
    let made = make_files(input, &folder, &environment, &mut warnings);

    let mut changes = Vec::new();
    let mut writes = BTreeMap::new();
    for (path, file) in &made {
        let (change, text, base) = merge_file(&folder, path, file)?;
        write_if_changed(&mut writes, &folder.files, path, text);
        write_if_changed(&mut writes, &folder.bases, &format!("{IMPORTED_DIR}/{path}"), base);
        changes.push(change);
    }
    let imported: BTreeSet<&str> = input.models.keys().map(String::as_str).collect();
    let removes = stale_files(&folder, &made, scope, &imported, &mut changes);
    let apis = surviving_apis(&folder, &made, &removes);
    let root_changes = root_files(&folder, input, &apis, &catalog, api_text)?;
    for (path, text, change) in root_changes {
        write_if_changed(&mut writes, &folder.files, &path, text);
        changes.push(change);
    }
    folder.check(&writes, &removes)?;
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    warnings.sort();
    warnings.dedup();
    Ok(Import { out: out.to_path_buf(), writes, removes, files: changes, warnings })
}

fn write_if_changed(
    writes: &mut BTreeMap<String, String>,
    existing: &BTreeMap<String, String>,
    path: &str,
    text: String,
) {
    let key = path.strip_prefix(&format!("{IMPORTED_DIR}/")).unwrap_or(path);
    if existing.get(key) != Some(&text) {
        writes.insert(path.to_owned(), text);
    }
}

/// The integrations of an import: Truto's name → slug, and every slug's display name.
#[derive(Clone, Debug, Default)]
struct Catalog {
    slugs: BTreeMap<String, String>,
    names: BTreeMap<String, String>,
}

/// Slugs are Truto's integration names when those are `snake_case`, else made so (with a warning); one
/// whose `Integration` variant another slug already has is left out, with a warning. The folder's
/// display names are kept; new ones are the slug in title case.
fn catalog(input: &Input, existing: Option<&str>, warnings: &mut Vec<Warning>) -> Catalog {
    let existing: BTreeMap<String, String> = existing
        .and_then(|text| serde_yaml::from_str::<raw::IntegrationsFile>(text).ok())
        .map(|file| file.integrations)
        .unwrap_or_default();
    let mut variants: BTreeMap<String, String> =
        existing.keys().map(|slug| (naming::pascal(slug), slug.clone())).collect();
    let mut catalog = Catalog::default();
    for (integration, (file, pointer)) in integration_sources(input) {
        let slug = slug_of(&integration);
        if slug != integration {
            let message =
                format!("integration \"{integration}\" is named \"{slug}\" in the schema (slugs are snake_case)");
            warnings.push(Warning::new(&file, &pointer, message));
        }
        let variant = naming::pascal(&slug);
        match variants.get(&variant) {
            _ if slug.is_empty() => {
                warnings.push(Warning::new(
                    &file,
                    &pointer,
                    format!("integration \"{integration}\" left out: no letters or digits"),
                ));
                continue;
            }
            Some(other) if *other != slug => {
                let message = format!(
                    "integration \"{integration}\" left out: it becomes `Integration::{variant}`, as \"{other}\" does"
                );
                warnings.push(Warning::new(&file, &pointer, message));
                continue;
            }
            _ => {}
        }
        variants.insert(variant, slug.clone());
        catalog.names.insert(slug.clone(), existing.get(&slug).cloned().unwrap_or_else(|| title_case(&slug)));
        catalog.slugs.insert(integration, slug);
    }
    catalog
}

/// Every integration an input names, with where it is first named.
fn integration_sources(input: &Input) -> BTreeMap<String, (String, String)> {
    let mut sources: BTreeMap<String, (String, String)> = BTreeMap::new();
    for source in input.models.values() {
        for (resource, def) in &source.model.resources {
            for integration in def.integrations.keys() {
                let pointer = format!(
                    "{}/resources/{}/integration_mapping/{}",
                    source.pointer,
                    model::escape_pointer(resource),
                    model::escape_pointer(integration)
                );
                sources.entry(integration.clone()).or_insert_with(|| (source.file.clone(), pointer));
            }
        }
    }
    for (key, meta) in &input.metas {
        sources.entry(key.integration.clone()).or_insert_with(|| (meta.file.clone(), String::new()));
    }
    sources
}

/// `Google Drive` → `google_drive`: lowercase letters and digits, other runs as one `_`.
fn slug_of(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for character in name.chars() {
        match character.to_ascii_lowercase() {
            character @ ('a'..='z' | '0'..='9') => slug.push(character),
            _ if !slug.is_empty() && !slug.ends_with('_') => slug.push('_'),
            _ => {}
        }
    }
    slug.truncate(slug.trim_end_matches('_').len());
    slug
}

/// `user-directory` → `User Directory`.
fn title_case(name: &str) -> String {
    name.split(['-', '_'])
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut characters = word.chars();
            characters
                .next()
                .map(|first| first.to_uppercase().chain(characters).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every resource file of the input, by path (`crm/contacts.yaml`). Models and resources whose names
/// cannot be a URL path segment and a Rust module of their own are left out with a warning.
fn make_files(input: &Input, folder: &Folder, environment: &Environment, warnings: &mut Vec<Warning>) -> Made {
    let mut made = Made::new();
    let mut modules: BTreeMap<String, String> = crate::runtime_api::ACCOUNT_METHODS
        .iter()
        .chain(&["common", "runtime"])
        .map(|name| ((*name).to_owned(), format!("the reserved module `{name}`")))
        .collect();
    for api in folder.files.keys().filter_map(|path| path.split_once('/')).map(|(api, _)| api) {
        if !input.models.contains_key(api) {
            modules.entry(naming::snake(api)).or_insert_with(|| format!("the folder {api}/"));
        }
    }
    for (api, source) in &input.models {
        let module = naming::snake(api);
        let problem = match modules.get(&module) {
            _ if !crate::validate::resource::is_path_segment(api) => {
                Some("its name is not a URL path segment (lowercase letters, digits, `-`, `_`)".to_owned())
            }
            Some(other) => Some(format!("it becomes the Rust module `{module}`, as {other} does")),
            None => None,
        };
        if let Some(problem) = problem {
            warnings.push(Warning::new(
                &source.file,
                &source.pointer,
                format!("unified model \"{api}\" left out: {problem}"),
            ));
            continue;
        }
        modules.insert(module, format!("unified model \"{api}\""));
        make_api_files(input, api, source, environment, &mut made, warnings);
    }
    for (key, meta) in &input.metas {
        let known =
            input.models.get(&key.model).is_some_and(|source| source.model.resources.contains_key(&key.resource));
        if !known {
            let message =
                format!("the unified models have no resource \"{}\" in \"{}\": not used", key.resource, key.model);
            warnings.push(Warning::new(&meta.file, "", message));
        }
    }
    made
}

/// The resource files of one unified model. Every resource's handle is claimed first, so that records
/// are named around all of them.
fn make_api_files(
    input: &Input,
    api: &str,
    source: &model::ModelSource,
    environment: &Environment,
    made: &mut Made,
    warnings: &mut Vec<Warning>,
) {
    let mut names = names::TypeNames::for_api(api);
    let mut modules: BTreeMap<String, String> = BTreeMap::new();
    let mut kept = Vec::new();
    for (name, def) in &source.model.resources {
        let at = format!("{}/resources/{}", source.pointer, model::escape_pointer(name));
        let module = naming::snake(name);
        let problem = match modules.get(&module) {
            _ if !crate::validate::resource::is_path_segment(name) => {
                Some("its name is not a URL path segment (lowercase letters, digits, `-`, `_`)".to_owned())
            }
            Some(other) => Some(format!("it becomes the Rust module `{module}`, as resource \"{other}\" does")),
            None => names::claim_handle(&mut names, name).err(),
        };
        match problem {
            Some(problem) => {
                warnings.push(Warning::new(&source.file, &at, format!("resource \"{name}\" left out: {problem}")))
            }
            None => {
                modules.insert(module, name.clone());
                kept.push((name, def));
            }
        }
    }
    for (name, def) in kept {
        let metas = input
            .metas
            .iter()
            .filter(|(key, _)| key.model == api && key.resource == *name)
            .map(|(key, meta)| ((key.integration.as_str(), key.method.as_str()), meta))
            .collect();
        let resource_input = ResourceInput { api, name, source, def, metas };
        made.insert(format!("{api}/{name}.yaml"), resource::build(&resource_input, environment, &mut names, warnings));
    }
}

/// The final text of one resource file (merged with the folder's, when it has one), its pre-merge text (the
/// base of the next merge), and what changes.
fn merge_file(
    folder: &Folder,
    path: &str,
    file: &resource::ResourceFile,
) -> Result<(FileChange, String, String), ImportError> {
    let pure = yaml::write(&file.header, &file.tree, &Comments::default());
    let Some(existing) = folder.files.get(path) else {
        let change = FileChange::new(path, Status::Added).described(&file.tree);
        return Ok((change, pure.clone(), pure));
    };
    let ours: Yaml = serde_yaml::from_str(existing).map_err(|error| {
        ImportError::Input(format!("{path}: cannot be merged into, as it is not valid YAML: {error}"))
    })?;
    let base = folder.bases.get(path).and_then(|text| serde_yaml::from_str::<Yaml>(text).ok());
    let mut report = merge::MergeReport::default();
    let merged = merge::merge(base.as_ref(), &ours, &file.tree, &mut report);
    let comments = merge::place_comments(comments::read(existing), &merged);
    let text = yaml::write(&file.header, &merged, &comments);
    let status = if text == *existing { Status::Unchanged } else { Status::Changed };
    let mut change = FileChange::new(path, status);
    change.details = merge::differences(&ours, &merged);
    change.kept = report.kept;
    change.overridden = report.overridden;
    change.comments = comments.len();
    Ok((change, text, pure))
}

/// The resource files a previous import wrote (they start with its header) that this one no longer makes,
/// in the APIs it owns.
fn stale_files(
    folder: &Folder,
    made: &Made,
    scope: Scope,
    imported: &BTreeSet<&str>,
    changes: &mut Vec<FileChange>,
) -> BTreeSet<String> {
    let mut removes = BTreeSet::new();
    for (path, text) in &folder.files {
        let Some((api, _)) = path.split_once('/') else { continue };
        let owned = scope == Scope::Environment || imported.contains(api);
        if owned && text.starts_with(HEADER_MARKER) && !made.contains_key(path) {
            removes.insert(path.clone());
            if folder.bases.contains_key(path) {
                removes.insert(format!("{IMPORTED_DIR}/{path}"));
            }
            changes.push(FileChange::new(path, Status::Removed));
        }
    }
    removes
}

/// The unified API folders that will hold resource files.
fn surviving_apis(folder: &Folder, made: &Made, removes: &BTreeSet<String>) -> BTreeSet<String> {
    folder
        .files
        .keys()
        .filter(|path| !removes.contains(*path))
        .chain(made.keys())
        .filter_map(|path| path.split_once('/').map(|(api, _)| api.to_owned()))
        .collect()
}

/// `truto.yaml` and `integrations.yaml`: the folder's, with what the import adds (an `apis:` entry per
/// imported API, the integrations it names) and without `apis:` entries of API folders it removed.
fn root_files(
    folder: &Folder,
    input: &Input,
    apis: &BTreeSet<String>,
    catalog: &Catalog,
    api_text: &str,
) -> Result<Vec<(String, String, FileChange)>, ImportError> {
    let mut entries = Mapping::new();
    for (name, source) in input.models.iter().filter(|(name, _)| apis.contains(*name)) {
        let mut entry = Mapping::new();
        entry.insert("name".into(), title_case(name).into());
        if let Some(description) =
            source.model.description.as_ref().map(|text| text.trim()).filter(|text| !text.is_empty())
        {
            entry.insert("description".into(), description.into());
        }
        entries.insert(name.clone().into(), Yaml::Mapping(entry));
    }
    let mut additions = Mapping::new();
    additions.insert("apis".into(), Yaml::Mapping(entries));
    let api_file = root_file(folder, load::API_FILE, api_text, &Yaml::Mapping(additions), |tree| {
        if let Some(Yaml::Mapping(entries)) = tree.get_mut("apis") {
            entries.retain(|name, _| name.as_str().is_none_or(|name| apis.contains(name)));
        }
    })?;
    let mut integrations = Mapping::new();
    let names = catalog.names.iter().map(|(slug, name)| (Yaml::from(slug.clone()), Yaml::from(name.clone())));
    integrations.insert("integrations".into(), Yaml::Mapping(names.collect()));
    let empty = "# The integrations a `supported_in`, `required_in` or `partial_in` list may name: slug → display name.\n\
                 # Written by `truto-codegen import`; edit the display names freely, imports keep them.\n\
                 integrations: {}\n";
    let catalog_text = folder.files.get(load::INTEGRATIONS_FILE).map_or(empty, String::as_str);
    let integrations_file =
        root_file(folder, load::INTEGRATIONS_FILE, catalog_text, &Yaml::Mapping(integrations), |_| {})?;
    Ok(api_file.into_iter().chain(integrations_file).collect())
}

/// One root file: `text` (the folder's, or the default) with `additions` added and `adjust` applied; `None`
/// when the folder's file stays as it is.
fn root_file(
    folder: &Folder,
    path: &str,
    text: &str,
    additions: &Yaml,
    adjust: impl FnOnce(&mut Mapping),
) -> Result<Option<(String, String, FileChange)>, ImportError> {
    let ours: Yaml = match text.trim().is_empty()
        || text.lines().all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'))
    {
        true => Yaml::Mapping(Mapping::new()),
        false => serde_yaml::from_str(text).map_err(|error| {
            ImportError::Input(format!("{path}: cannot be merged into, as it is not valid YAML: {error}"))
        })?,
    };
    let mut merged = merge::additive(&ours, additions);
    if let Yaml::Mapping(mapping) = &mut merged {
        adjust(mapping);
    }
    let existing = folder.files.get(path);
    if existing.is_some() && merged == ours {
        return Ok(None);
    }
    let written = yaml::write(&[], &merged, &merge::place_comments(comments::read(text), &merged));
    let status = if existing.is_some() { Status::Changed } else { Status::Added };
    let mut change = FileChange::new(path, status);
    change.details = merge::differences(&ours, &merged);
    Ok(Some((path.to_owned(), written, change)))
}
