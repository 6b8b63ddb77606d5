//! Deterministic YAML text for the schema files the importer writes, with comments.
//!
//! One canonical style, so that the same tree always gives the same bytes and a re-import changes only the
//! lines whose facts changed:
//! - block mappings, indented by two spaces, in the tree's key order;
//! - short lists of simple scalars in flow style (`[hubspot, salesforce]`), others one entry per line;
//! - strings plain when YAML reads them back as the same string (checked with serde_yaml), multi-line ones
//!   as `|-` literal blocks, everything else double-quoted with every control, line-separator and
//!   text-direction character escaped (`\u202E`), so that no file holds a character the loader refuses;
//! - comments are written on the line above the key they belong to ([`Comments::above`]) or after it
//!   ([`Comments::trailing`]), keyed by the key path.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value as Yaml};

use crate::diagnostics::is_direction_override;

/// The first words of the comment heading every file the importer writes: a resource file starting with it
/// is the importer's to update or remove; any other file in the folder is hand-written and left alone.
pub const HEADER_MARKER: &str = "# Imported by truto-codegen";

/// Flow lists longer than this (with their key and indentation) are written one entry per line.
const MAX_FLOW_WIDTH: usize = 100;

/// Comments to write, by the key path (`["fields", "name", "type"]`) of the key they go with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comments {
    /// Comment lines (each starting with `#`) written above a key.
    pub above: BTreeMap<Vec<String>, Vec<String>>,
    /// A comment written at the end of a key's line.
    pub trailing: BTreeMap<Vec<String>, String>,
    /// Comment lines written at the end of the file.
    pub end: Vec<String>,
}

impl Comments {
    /// How many comment lines there are.
    pub fn len(&self) -> usize {
        self.above.values().map(Vec::len).sum::<usize>() + self.trailing.len() + self.end.len()
    }
}

/// The text of a file: the `header` lines (each made a one-line comment), then `value`, with `comments`.
pub fn write(header: &[String], value: &Yaml, comments: &Comments) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str("# ");
        out.push_str(&one_line(line));
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    let mut path = Vec::new();
    match value {
        Yaml::Mapping(mapping) => write_mapping(&mut out, mapping, 0, &mut path, comments),
        other => {
            out.push_str(&scalar(other, false));
            out.push('\n');
        }
    }
    for line in &comments.end {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn write_mapping(out: &mut String, mapping: &Mapping, indent: usize, path: &mut Vec<String>, comments: &Comments) {
    for (key, value) in mapping {
        path.push(key_text(key));
        for line in comments.above.get(path.as_slice()).into_iter().flatten() {
            push_indented(out, indent, line);
            out.push('\n');
        }
        let key = scalar(untagged(key), false);
        push_indented(out, indent, &key);
        out.push(':');
        let trailing = comments.trailing.get(path.as_slice());
        match untagged(value) {
            Yaml::Mapping(inner) if !inner.is_empty() => {
                end_line(out, trailing);
                write_mapping(out, inner, indent + 2, path, comments);
            }
            Yaml::Mapping(_) => {
                out.push_str(" {}");
                end_line(out, trailing);
            }
            Yaml::Sequence(items) => match flow_list(items, indent + key.len() + 2) {
                Some(flow) => {
                    out.push(' ');
                    out.push_str(&flow);
                    end_line(out, trailing);
                }
                None => {
                    end_line(out, trailing);
                    write_sequence(out, items, indent + 2, path, comments);
                }
            },
            Yaml::String(text) if is_literal_block(text) => {
                out.push_str(" |-");
                end_line(out, trailing);
                write_literal(out, text, indent + 2);
            }
            other => {
                out.push(' ');
                out.push_str(&scalar(other, false));
                end_line(out, trailing);
            }
        }
        path.pop();
    }
}

fn write_sequence(out: &mut String, items: &[Yaml], indent: usize, path: &mut Vec<String>, comments: &Comments) {
    for item in items {
        push_indented(out, indent, "-");
        match untagged(item) {
            Yaml::Mapping(inner) if !inner.is_empty() => {
                out.push('\n');
                write_mapping(out, inner, indent + 2, path, comments);
            }
            Yaml::Sequence(inner) if !inner.is_empty() => {
                out.push('\n');
                write_sequence(out, inner, indent + 2, path, comments);
            }
            Yaml::String(text) if is_literal_block(text) => {
                out.push_str(" |-\n");
                write_literal(out, text, indent + 2);
            }
            Yaml::Mapping(_) => out.push_str(" {}\n"),
            Yaml::Sequence(_) => out.push_str(" []\n"),
            other => {
                out.push(' ');
                out.push_str(&scalar(other, false));
                out.push('\n');
            }
        }
    }
}

fn write_literal(out: &mut String, text: &str, indent: usize) {
    for line in text.split('\n') {
        if !line.is_empty() {
            push_indented(out, indent, line);
        }
        out.push('\n');
    }
}

fn push_indented(out: &mut String, indent: usize, text: &str) {
    out.extend(std::iter::repeat_n(' ', indent));
    out.push_str(text);
}

fn end_line(out: &mut String, trailing: Option<&String>) {
    if let Some(comment) = trailing {
        out.push_str("  ");
        out.push_str(comment);
    }
    out.push('\n');
}

/// A tagged value (`!tag value`, never written by the importer) is written as its value.
fn untagged(value: &Yaml) -> &Yaml {
    match value {
        Yaml::Tagged(tagged) => untagged(&tagged.value),
        other => other,
    }
}

/// A key as a path segment: strings as they are, other scalars as written.
pub fn key_text(key: &Yaml) -> String {
    match untagged(key) {
        Yaml::String(text) => text.clone(),
        other => scalar(other, false),
    }
}

/// `[a, b, c]` when every item is a simple scalar and the line stays short.
fn flow_list(items: &[Yaml], used: usize) -> Option<String> {
    if items.is_empty() {
        return Some("[]".to_owned());
    }
    let mut texts = Vec::with_capacity(items.len());
    for item in items {
        match untagged(item) {
            Yaml::String(text) if is_plain(text, true) => texts.push(text.clone()),
            Yaml::Number(number) => texts.push(number.to_string()),
            Yaml::Bool(flag) => texts.push(flag.to_string()),
            _ => return None,
        }
    }
    let flow = format!("[{}]", texts.join(", "));
    (used + flow.chars().count() <= MAX_FLOW_WIDTH).then_some(flow)
}

/// One scalar (or an empty collection) as YAML text on one line.
pub fn scalar(value: &Yaml, flow: bool) -> String {
    match untagged(value) {
        Yaml::Null => "null".to_owned(),
        Yaml::Bool(flag) => flag.to_string(),
        Yaml::Number(number) => number.to_string(),
        Yaml::String(text) if is_plain(text, flow) => text.clone(),
        Yaml::String(text) => quoted(text),
        Yaml::Sequence(items) if items.is_empty() => "[]".to_owned(),
        Yaml::Mapping(mapping) if mapping.is_empty() => "{}".to_owned(),
        other => quoted(&serde_yaml::to_string(other).unwrap_or_default()),
    }
}

/// Whether `text` may be written without quotes: it starts with a letter, digit or one of `_$(./`, holds no
/// character that starts a comment (`#`), a mapping (`: `; in flow lists any `:`) or that must be escaped,
/// and YAML reads it back as this very string (not `true`, `null`, a number, …).
fn is_plain(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else { return false };
    let starts_well = first.is_alphanumeric() || "_$(./".contains(first);
    let unsafe_in_flow = |character: char| flow && matches!(character, ',' | '[' | ']' | '{' | '}' | ':');
    let clean = !text
        .chars()
        .any(|character| must_escape(character) || matches!(character, '#' | '\t') || unsafe_in_flow(character))
        && !text.contains(": ")
        && !text.ends_with(':');
    starts_well
        && clean
        && text.trim() == text
        && matches!(serde_yaml::from_str::<Yaml>(text), Ok(Yaml::String(read)) if read == text)
}

/// Whether a multi-line string can be a `|-` literal block that reads back exactly.
fn is_literal_block(text: &str) -> bool {
    text.contains('\n')
        && !text.starts_with([' ', '\n'])
        && !text.ends_with(char::is_whitespace)
        && text.split('\n').all(|line| !line.ends_with(char::is_whitespace))
        && text.chars().all(|character| character == '\n' || !(must_escape(character) || character == '\t'))
}

/// Characters never written raw: controls, line separators, the byte-order mark, noncharacters and the
/// text-direction overrides of "Trojan Source".
fn must_escape(character: char) -> bool {
    character.is_control()
        || is_direction_override(character)
        || matches!(character, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// A double-quoted YAML string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            character if must_escape(character) => out.push_str(&format!("\\u{:04X}", character as u32)),
            character => out.push(character),
        }
    }
    out.push('"');
    out
}

/// `text` on one line, for a comment: line breaks become spaces and invisible characters escapes.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|character| match character {
            '\n' | '\r' | '\t' => " ".to_owned(),
            character if must_escape(character) => format!("\\u{:04X}", character as u32),
            character => character.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(value: &Yaml) -> Yaml {
        serde_yaml::from_str(&write(&[], value, &Comments::default())).unwrap()
    }

    #[test]
    fn scalars_read_back_as_written() {
        let texts = [
            "plain text",
            "true",
            "null",
            "1.5",
            "0x1F",
            "~",
            "- a",
            "a: b",
            "a #b",
            "#x",
            "",
            " lead",
            "trail ",
            "multi\nline",
            "multi\nline\n",
            " multi\nline",
            "tab\tin",
            "quote\"s",
            "back\\slash",
            "\u{202e}rtl",
            "nel\u{85}",
            "ls\u{2028}",
            "bom\u{feff}",
            "nul\u{0}",
            "esc\u{1b}[31m",
            "*alias",
            "&anchor",
            "!tag",
            "%percent",
            "@at",
            "`tick",
            "[flow]",
            "{flow}",
            "a, b",
            "yes",
            "no",
            "on",
            "off",
            "2024-01-01",
            "$ref",
            "日本語",
            "line one\n\n#not a comment\n  indented",
            "ends\n\n",
            "\u{fffe}",
        ];
        let mut mapping = Mapping::new();
        for (index, text) in texts.iter().enumerate() {
            mapping.insert(Yaml::String((*text).to_owned()), Yaml::String((*text).to_owned()));
            mapping
                .insert(Yaml::String(format!("list{index}")), Yaml::Sequence(vec![Yaml::String((*text).to_owned())]));
        }
        let value = Yaml::Mapping(mapping);
        assert_eq!(round_trip(&value), value);
        let text = write(&[], &value, &Comments::default());
        assert!(crate::load::positions::Positions::index(&text).is_ok(), "{text}");
        assert!(!text.chars().any(|c| must_escape(c) && c != '\n'), "{text}");
    }

    #[test]
    fn comments_go_above_and_after_their_keys() {
        let value: Yaml = serde_yaml::from_str("a:\n  b: 1\n  c: [x, y]\nd: text\n").unwrap();
        let mut comments = Comments::default();
        comments.above.insert(vec!["a".into(), "c".into()], vec!["# about c".into()]);
        comments.trailing.insert(vec!["d".into()], "# after d".into());
        comments.end.push("# the end".into());
        let text = write(&["Imported by truto-codegen: test".to_owned()], &value, &comments);
        assert_eq!(
            text,
            "# Imported by truto-codegen: test\na:\n  b: 1\n  # about c\n  c: [x, y]\nd: text  # after d\n# the end\n"
        );
    }

    #[test]
    fn long_lists_are_written_one_entry_per_line() {
        let items: Vec<Yaml> = (0..40).map(|index| Yaml::String(format!("integration_{index}"))).collect();
        let mut mapping = Mapping::new();
        mapping.insert("supported_in".into(), Yaml::Sequence(items));
        let value = Yaml::Mapping(mapping);
        let text = write(&[], &value, &Comments::default());
        assert!(text.starts_with("supported_in:\n  - integration_0\n"), "{text}");
        assert_eq!(round_trip(&value), value);
    }
}
