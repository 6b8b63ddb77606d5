//! What an import changes, file by file, as the CLI prints it.

use std::fmt::Write as _;
use std::path::Path;

use serde_yaml::Value as Yaml;

/// How many changed key paths are listed per file.
const SHOWN: usize = 12;

/// What happens to a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Written for the first time.
    Added,
    /// Rewritten.
    Changed,
    /// Left as it is: it already matches.
    Unchanged,
    /// Removed: a file the importer wrote for a resource the environment no longer has.
    Removed,
}

/// One file of an import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileChange {
    /// The path, relative to the schema folder.
    pub path: String,
    /// What happens to it.
    pub status: Status,
    /// The key paths that change (`+fields.score`, `~methods.list.supported_in`, `-fields.fax`), or for a
    /// new resource file, what it holds.
    pub details: Vec<String>,
    /// Hand-written values kept (key paths).
    pub kept: Vec<String>,
    /// Hand edits replaced by Truto's facts (key paths).
    pub overridden: Vec<String>,
    /// Hand-written comment lines kept.
    pub comments: usize,
}

impl FileChange {
    /// A change with no details.
    pub fn new(path: &str, status: Status) -> Self {
        Self {
            path: path.to_owned(),
            status,
            details: Vec::new(),
            kept: Vec::new(),
            overridden: Vec::new(),
            comments: 0,
        }
    }

    /// Describes a new resource file by its fields and methods.
    pub fn described(mut self, tree: &Yaml) -> Self {
        let count = |key: &str| tree.get(key).and_then(Yaml::as_mapping).map_or(0, |mapping| mapping.len());
        let mut detail = format!("{} fields, {} methods", count("fields"), count("methods"));
        if count("types") > 0 {
            detail.push_str(&format!(", {} types", count("types")));
        }
        self.details = vec![detail];
        self
    }
}

/// The summary of `files` (in schema folder `out`), then the number of warnings.
pub fn render(out: &Path, files: &[FileChange], warnings: usize) -> String {
    let mut text = String::new();
    let changed = files.iter().filter(|file| file.status != Status::Unchanged).count();
    let _ = writeln!(text, "{}: {changed} of {} file(s) change", out.display(), files.len());
    for file in files.iter().filter(|file| file.status != Status::Unchanged) {
        let status = match file.status {
            Status::Added => "added",
            Status::Changed => "changed",
            Status::Removed => "removed",
            Status::Unchanged => "unchanged",
        };
        let _ = write!(text, "  {status:<8} {}", file.path);
        if !file.details.is_empty() {
            let shown: Vec<&str> = file.details.iter().take(SHOWN).map(String::as_str).collect();
            let more = file.details.len().saturating_sub(SHOWN);
            let _ = write!(text, ": {}", shown.join(", "));
            if more > 0 {
                let _ = write!(text, ", … {more} more");
            }
        }
        text.push('\n');
        write_kept(&mut text, file);
    }
    for file in files.iter().filter(|file| file.status == Status::Unchanged) {
        write_kept(&mut text, file);
    }
    let unchanged = files.len() - changed;
    if unchanged > 0 {
        let _ = writeln!(text, "  {unchanged} file(s) unchanged");
    }
    if warnings > 0 {
        let _ = writeln!(text, "{warnings} warning(s): what could not be expressed or was left out (on stderr)");
    }
    text
}

fn write_kept(text: &mut String, file: &FileChange) {
    if !file.kept.is_empty() || file.comments > 0 {
        let shown: Vec<&str> = file.kept.iter().take(SHOWN).map(String::as_str).collect();
        let more =
            if file.kept.len() > SHOWN { format!(", … {} more", file.kept.len() - SHOWN) } else { String::new() };
        let comments = if file.comments > 0 { format!("; {} comment line(s)", file.comments) } else { String::new() };
        let listed = if shown.is_empty() { "-".to_owned() } else { shown.join(", ") };
        let _ = writeln!(text, "           {}: kept by hand: {listed}{more}{comments}", file.path);
    }
    if !file.overridden.is_empty() {
        let shown: Vec<&str> = file.overridden.iter().take(SHOWN).map(String::as_str).collect();
        let _ = writeln!(text, "           {}: hand edits replaced by Truto's: {}", file.path, shown.join(", "));
    }
}
