//! Located, human-readable reports of what is wrong with a schema.
//!
//! Every problem the generator finds in its input becomes a [`Diagnostic`] naming the file, the line and
//! column, and the dotted path of the offending key, so a message reads like a compiler error:
//! `calendar/users.yaml:41:7: fields.emails.items.type: unknown type "strnig"`.
//! A run collects all of them ([`Diagnostics`]) instead of stopping at the first, together with the text of
//! the files they point into ([`SourceMap`]), so that [`Diagnostics::render`] can show each one the way a
//! compiler does: a source excerpt with the offending span underlined, a label and the help text.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// A 1-based line and column in a schema file, plus the byte offset they point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Line, counting from 1.
    pub line: usize,
    /// Column in characters, counting from 1.
    pub column: usize,
    /// Byte offset into the file.
    pub offset: usize,
}

/// One problem found in the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the schema folder, with `/` separators (`calendar/users.yaml`).
    pub file: String,
    /// Where in the file; `None` when the problem is the file as a whole (unreadable, missing).
    pub location: Option<Location>,
    /// Dotted path of the key in the file (`fields.emails.items.type`); empty for the whole document.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when the generator can tell (`did you mean "string"?`).
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem with a file as a whole.
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self { file: file.into(), location: None, path: String::new(), message: message.into(), help: None }
    }

    /// Adds a suggestion.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl Diagnostic {
    /// Where the problem is, as the one-line form starts: `file:line:col: key.path: ` (escaped).
    pub(crate) fn write_place(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", escape_invisible(&self.file))?;
        if let Some(location) = self.location {
            write!(f, ":{}:{}", location.line, location.column)?;
        }
        write!(f, ": ")?;
        if !self.path.is_empty() {
            write!(f, "{}: ", escape_invisible(&self.path))?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    /// One line, whatever the schema's names hold: control and text-direction characters are escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_place(f)?;
        write!(f, "{}", escape_invisible(&self.message))?;
        if let Some(help) = &self.help {
            write!(f, " ({})", escape_invisible(help))?;
        }
        Ok(())
    }
}

/// Characters that must not reach a terminal or a Rust source file raw: controls (an escape sequence
/// could recolour or rewrite a terminal, a line break would split a one-line message) and the invisible
/// text-direction overrides of "Trojan Source" (which rustc rejects in comments).
pub(crate) fn is_invisible(character: char) -> bool {
    character.is_control() || is_direction_override(character)
}

/// The invisible characters of "Trojan Source", which reorder how a line is displayed.
pub(crate) fn is_direction_override(character: char) -> bool {
    matches!(character, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with [invisible](is_invisible) characters written as escapes (`\u{1b}`).
pub(crate) fn escape_invisible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(
                |character| {
                    if is_invisible(character) { character.escape_unicode().to_string() } else { character.to_string() }
                },
            )
            .collect(),
    )
}

/// The text of every schema file read, by path relative to the schema folder: what source excerpts are cut
/// from. Each text is shared (`Arc`), never copied per diagnostic.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SourceMap(BTreeMap<String, Arc<str>>);

impl SourceMap {
    /// Records the text of `file`.
    pub fn insert(&mut self, file: impl Into<String>, text: Arc<str>) {
        self.0.insert(file.into(), text);
    }

    /// The text of `file`, when it was read.
    pub fn get(&self, file: &str) -> Option<&Arc<str>> {
        self.0.get(file)
    }

    /// Adds every file of `other` not already here.
    pub fn merge(&mut self, other: &SourceMap) {
        for (file, text) in &other.0 {
            self.0.entry(file.clone()).or_insert_with(|| text.clone());
        }
    }
}

impl fmt::Debug for SourceMap {
    /// File names and sizes only: the texts would drown any debug output.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.0.iter().map(|(file, text)| (file, format!("{} bytes", text.len())))).finish()
    }
}

/// Every problem found in one run, in file and line order, with the text of the files they point into.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
    sources: SourceMap,
}

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    /// Moves every problem of `other` into `self`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.list.extend(other.list);
        self.sources.merge(&other.sources);
    }

    /// Attaches the texts of the files the problems point into, for [`render`](Self::render).
    #[must_use]
    pub fn with_sources(mut self, sources: &SourceMap) -> Self {
        self.sources.merge(sources);
        self
    }

    /// The texts of the files the problems point into (those that could be read).
    pub fn sources(&self) -> &SourceMap {
        &self.sources
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The problems, in the order they were found until [`sorted`](Self::sorted) (which
    /// [`into_result`](Self::into_result) applies) orders them by file and position.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// `Ok(value)` when nothing was found, else the problems in file and line order.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.list.is_empty() { Ok(value) } else { Err(self.sorted()) }
    }

    /// The problems in file and line order, each once.
    #[must_use]
    pub fn sorted(mut self) -> Self {
        self.list.sort_by(|a, b| (&a.file, a.location).cmp(&(&b.file, b.location)));
        self.list.dedup();
        self
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self { list: vec![diagnostic], sources: SourceMap::default() }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.list.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_a_compiler_error() {
        let diagnostic = Diagnostic {
            file: "calendar/users.yaml".into(),
            location: Some(Location { line: 41, column: 7, offset: 900 }),
            path: "fields.emails.items.type".into(),
            message: r#"unknown type "strnig""#.into(),
            help: Some(r#"did you mean "string"?"#.into()),
        };
        assert_eq!(
            diagnostic.to_string(),
            r#"calendar/users.yaml:41:7: fields.emails.items.type: unknown type "strnig" (did you mean "string"?)"#
        );
        assert_eq!(Diagnostic::file("truto.yaml", "missing").to_string(), "truto.yaml: missing");
        let hostile = Diagnostic::file("a.yaml", "unknown integration \"\u{1b}[31mred\u{202e}\nx\"");
        assert_eq!(hostile.to_string(), "a.yaml: unknown integration \"\\u{1b}[31mred\\u{202e}\\u{a}x\"");
    }

    #[test]
    fn sorted_by_file_then_position() {
        let at = |file: &str, line| Diagnostic {
            location: Some(Location { line, column: 1, offset: 0 }),
            ..Diagnostic::file(file, "x")
        };
        let mut all = Diagnostics::default();
        all.push(at("b.yaml", 1));
        all.push(at("a.yaml", 9));
        all.push(at("a.yaml", 2));
        let lines: Vec<_> = all.into_result(()).unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(lines, ["a.yaml:2:1: x", "a.yaml:9:1: x", "b.yaml:1:1: x"]);
    }
}
