//! Rendering [`Diagnostics`] for people: each problem with an excerpt of its file, the offending span
//! underlined and labelled with the key path, and the help text, drawn by miette's graphical handler.
//!
//! ```text
//!   × unknown type "strnig"
//!     ╭─[calendar/users.yaml:41:17]
//!  40 │         type:
//!  41 │           type: strnig
//!     ·                 ───┬──
//!     ·                    ╰── fields.emails.items.fields.type.type
//!  42 │           description: The type of email address
//!     ╰────
//!   help: did you mean "string"?
//! ```
//!
//! The span is not stored in the [`Diagnostic`]: it starts at the diagnostic's byte offset and covers the
//! YAML token found there (a key up to its `:`, a scalar up to the end of its line or flow entry, a quoted
//! string to its closing quote), so positions found by any part of the loader underline the right text.
//! The one-line form ([`MessageFormat::Short`]) is the diagnostic's `Display`.

use std::fmt;
use std::sync::Arc;

use std::collections::HashMap;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use crate::diagnostics::{Diagnostic, Diagnostics, escape_invisible};

/// Lines longer than this are not excerpted (a minified or generated file): the location is printed instead.
const MAX_EXCERPT_LINE: usize = 400;

/// Width the graphical report wraps at.
const WIDTH: usize = 100;

/// Renders every problem of `diagnostics` with an excerpt, separated by blank lines.
pub(crate) fn render_human(diagnostics: &Diagnostics, color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(WIDTH).with_links(false);
    let mut out = String::new();
    // Where each file's lines start, computed once per file: excerpts are cut from a window around their
    // line, so rendering stays linear however many problems a large file has.
    let mut line_starts: HashMap<&str, Vec<usize>> = HashMap::new();
    for diagnostic in diagnostics.iter() {
        let text = diagnostics.sources().get(&diagnostic.file);
        let starts = text.map(|text| {
            &*line_starts.entry(diagnostic.file.as_str()).or_insert_with(|| {
                std::iter::once(0).chain(text.match_indices('\n').map(|(newline, _)| newline + 1)).collect()
            })
        });
        let report = Report::new(diagnostic, text.zip(starts));
        let mut rendered = String::new();
        if handler.render_report(&mut rendered, &report).is_err() {
            // The excerpt could not be cut (a location past the end of the text): the one-line form still
            // names the file, line and column.
            rendered = format!("  × {diagnostic}\n");
        }
        out.push_str(&rendered);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

/// One diagnostic as a miette report.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    /// The file and the span to underline, when the file's text is known and the line is short enough.
    excerpt: Option<(Excerpt, SourceSpan)>,
}

impl<'a> Report<'a> {
    /// `text` comes with the offsets where its lines start.
    fn new(diagnostic: &'a Diagnostic, text: Option<(&Arc<str>, &Vec<usize>)>) -> Self {
        let excerpt = match (diagnostic.location, text) {
            (Some(location), Some((text, line_starts))) if excerptable(text, location.offset) => {
                let span = SourceSpan::new(location.offset.into(), token_len(text, location.offset));
                let excerpt = Excerpt::around(
                    escape_invisible(&diagnostic.file).into_owned(),
                    text,
                    line_starts,
                    location.offset,
                );
                Some((excerpt, span))
            }
            _ => None,
        };
        Self { diagnostic, excerpt }
    }
}

/// A few lines of a file around an offset, answering miette as if it were the whole file (miette's own
/// `SourceCode` for text scans from the start of the file for every report).
struct Excerpt {
    name: String,
    text: Arc<str>,
    /// Byte range of the window, starting at a line start.
    start: usize,
    end: usize,
    /// 0-based number of the window's first line.
    first_line: usize,
}

impl Excerpt {
    /// Lines kept on each side of the offset's line: more than the handler's context (one line).
    const MARGIN: usize = 3;

    fn around(name: String, text: &Arc<str>, line_starts: &[usize], offset: usize) -> Self {
        let line = line_starts.partition_point(|start| *start <= offset).saturating_sub(1);
        let first_line = line.saturating_sub(Self::MARGIN);
        let start = line_starts.get(first_line).copied().unwrap_or(0);
        let end = line_starts.get(line + Self::MARGIN + 1).copied().unwrap_or(text.len());
        Self { name, text: text.clone(), start, end, first_line }
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let window = self.text.get(self.start..self.end).ok_or(MietteError::OutOfBounds)?;
        let local =
            SourceSpan::new(span.offset().checked_sub(self.start).ok_or(MietteError::OutOfBounds)?.into(), span.len());
        let contents = window.read_span(&local, context_lines_before, context_lines_after)?;
        let data: &'a [u8] = contents.data();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            SourceSpan::new((contents.span().offset() + self.start).into(), contents.span().len()),
            contents.line() + self.first_line,
            contents.column(),
            contents.line_count() + self.first_line,
        )))
    }
}

impl fmt::Display for Report<'_> {
    /// The message; without an excerpt, prefixed by what the excerpt's header would have said.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let diagnostic = self.diagnostic;
        if self.excerpt.is_none() {
            diagnostic.write_place(f)?;
        }
        write!(f, "{}", escape_invisible(&diagnostic.message))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic.help.as_ref().map(|help| Box::new(escape_invisible(help).into_owned()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.excerpt.as_ref().map(|(source, _)| source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, span) = self.excerpt.as_ref()?;
        let label = if self.diagnostic.message.starts_with("missing key") {
            "in this mapping".to_owned()
        } else if self.diagnostic.path.is_empty() {
            "here".to_owned()
        } else {
            escape_invisible(&self.diagnostic.path).into_owned()
        };
        Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(Some(label), *span))))
    }
}

/// Whether `offset` points into `text` on a line short enough to show.
fn excerptable(text: &str, offset: usize) -> bool {
    if offset > text.len() || !text.is_char_boundary(offset) {
        return false;
    }
    let start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |newline| offset + newline);
    end - start <= MAX_EXCERPT_LINE
}

/// The length in bytes of the YAML token starting at `offset`: a quoted string with its quotes, a bracketed
/// flow collection on one line, a key up to its `:`, or a plain scalar up to the end of its line, a comment
/// or (inside `[…]`/`{…}`) the next `,`.
pub(crate) fn token_len(text: &str, offset: usize) -> usize {
    let rest = &text[offset..];
    let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let Some(first) = line.chars().next() else { return 0 };
    match first {
        // A tab or other indentation: the whitespace itself.
        ' ' | '\t' => line.len() - line.trim_start_matches([' ', '\t']).len(),
        // A stand-in for a forbidden or undecodable character (see `load`): that character alone.
        '\u{2400}'..='\u{2421}' | '\u{fffd}' => first.len_utf8(),
        '"' | '\'' => closing_quote(line, first).unwrap_or(line.len()),
        '[' | '{' => closing_bracket(line).unwrap_or(line.trim_end().len()),
        _ => {
            let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
            let in_flow = open_brackets(&text[line_start..offset]) > 0;
            let mut end = line.len();
            for (index, character) in line.char_indices() {
                let next = line[index + character.len_utf8()..].chars().next();
                let ends = match character {
                    ':' => next.is_none_or(|next| next == ' ' || next == '\t'),
                    '#' => line[..index].ends_with([' ', '\t']),
                    ',' | ']' | '}' => in_flow,
                    _ => false,
                };
                if ends {
                    end = index;
                    break;
                }
            }
            line[..end].trim_end().len()
        }
    }
}

/// The length of a quoted scalar opened by `quote` at the start of `line`, quotes included.
fn closing_quote(line: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (index, character) in line.char_indices().skip(1) {
        match character {
            '\\' if quote == '"' && !escaped => escaped = true,
            c if c == quote && !escaped => return Some(index + 1),
            _ => escaped = false,
        }
    }
    None
}

/// How many `[`/`{` of `text` (one line) are still open at its end, quotes skipped.
fn open_brackets(text: &str) -> usize {
    let mut depth = 0usize;
    let mut quote = None;
    for character in text.chars() {
        match (quote, character) {
            (Some(open), c) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(character),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth
}

/// The length of the flow collection opening `line`, when it closes on the same line.
fn closing_bracket(line: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    for (index, character) in line.char_indices() {
        match (quote, character) {
            (Some(open), c) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(character),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(index + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Location, SourceMap};

    fn token(text: &str, needle: &str) -> &'static str {
        let offset = text.find(needle).unwrap();
        let len = token_len(text, offset);
        Box::leak(text[offset..offset + len].to_owned().into_boxed_str())
    }

    #[test]
    fn tokens() {
        let text =
            "fields:\n  id: { type: strnig, x: 1 }\n  name: \"a \\\" b\" # c\n  list: [a, b]\nplain: some words # c\n";
        assert_eq!(token(text, "fields"), "fields");
        assert_eq!(token(text, "id"), "id");
        assert_eq!(token(text, "strnig"), "strnig");
        assert_eq!(token(text, "{ type"), "{ type: strnig, x: 1 }");
        assert_eq!(token(text, "\"a"), "\"a \\\" b\"");
        assert_eq!(token(text, "a, b"), "a");
        assert_eq!(token(text, "[a"), "[a, b]");
        assert_eq!(token(text, "some"), "some words");
        assert_eq!(token_len(text, text.len()), 0);
    }

    #[test]
    fn human_form_has_an_excerpt_label_and_help() {
        let text: Arc<str> = "resource: users\nfields:\n  id:\n    type: strnig\n".into();
        let mut sources = SourceMap::default();
        sources.insert("calendar/users.yaml", text.clone());
        let offset = text.find("strnig").unwrap();
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(Diagnostic {
            file: "calendar/users.yaml".into(),
            location: Some(Location { line: 4, column: 11, offset }),
            path: "fields.id.type".into(),
            message: "unknown type \"strnig\"".into(),
            help: Some("did you mean \"string\"?".into()),
        });
        diagnostics.push(Diagnostic::file("truto.yaml", "file is empty"));
        let rendered = render_human(&diagnostics.with_sources(&sources), false);
        let expected = "  × unknown type \"strnig\"
   ╭─[calendar/users.yaml:4:11]
 3 │   id:
 4 │     type: strnig
   ·           ───┬──
   ·              ╰── fields.id.type
   ╰────
  help: did you mean \"string\"?

  × truto.yaml: file is empty";
        assert_eq!(rendered, expected);
    }

    #[test]
    fn locations_past_the_text_fall_back_to_the_location() {
        let mut sources = SourceMap::default();
        sources.insert("a.yaml", "a: 1\n".into());
        let diagnostic = Diagnostic {
            location: Some(Location { line: 9, column: 1, offset: 99 }),
            ..Diagnostic::file("a.yaml", "broken")
        };
        let rendered = render_human(&Diagnostics::from(diagnostic).with_sources(&sources), false);
        assert_eq!(rendered, "  × a.yaml:9:1: broken");
    }
}
