//! Located, human-readable reports of what is wrong with a schema.
//!
//! Every problem the generator finds in its input becomes a [`Diagnostic`] naming the file, the line and
//! column, and the dotted path of the offending key, so a message reads like a compiler error:
//! `calendar/users.yaml:41:7: fields.emails.items.type: unknown type "strnig"`.
//! A run collects all of them ([`Diagnostics`]) instead of stopping at the first.

use std::fmt;

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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(location) = self.location {
            write!(f, ":{}:{}", location.line, location.column)?;
        }
        write!(f, ": ")?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// Every problem found in one run, in file and line order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Moves every problem of `other` into `self`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems, sorted by file and position.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `Ok(value)` when nothing was found, else the problems in file and line order.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            self.0.sort_by(|a, b| (&a.file, a.location).cmp(&(&b.file, b.location)));
            self.0.dedup();
            Err(self)
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self(vec![diagnostic])
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.0.iter().enumerate() {
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
