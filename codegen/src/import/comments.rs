//! The comments of a schema file, each tied to the key path of the key it belongs to, so that a re-import
//! writes them back next to the same key ([`super::yaml::Comments`]).
//!
//! A line-level reading of block-style YAML, which is what the importer writes and what hand edits of its
//! files look like: each `key:` line's path comes from its indentation; a comment line belongs to the next
//! key line (or to the end of the file), a comment after a value to its key. Literal and folded blocks
//! (`|`, `>`) are skipped, so a `#` inside one is text, and a `#` inside quotes is not a comment. The
//! importer's own header (the first comment block, when it starts with [`HEADER_MARKER`]) is not kept: it
//! is rewritten. A line this reading cannot place (inside a multi-line flow collection, say) only moves its
//! comment to the next key it recognises: no comment is lost.

use serde_yaml::Value as Yaml;

use super::yaml::{Comments, HEADER_MARKER};

/// The comments of `text`, by key path.
pub fn read(text: &str) -> Comments {
    let mut comments = Comments::default();
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut block: Option<usize> = None;
    let mut lines = text.lines().peekable();
    if text.starts_with(HEADER_MARKER) {
        while lines.next_if(|line| line.trim_start().starts_with('#')).is_some() {}
    }
    for line in lines {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if let Some(owner) = block {
            if trimmed.trim().is_empty() || indent > owner {
                continue;
            }
            block = None;
        }
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() || trimmed == "---" || trimmed == "..." {
            continue;
        }
        if trimmed.starts_with('#') {
            pending.push(trimmed.to_owned());
            continue;
        }
        let (content, indent) = match trimmed.strip_prefix("- ") {
            Some(rest) => (rest.trim_start(), indent + 2 + (rest.len() - rest.trim_start().len())),
            None if trimmed == "-" => ("", indent + 2),
            None => (trimmed, indent),
        };
        let Some((key, value)) = split_key(content) else {
            if let Some(comment) = trailing_comment(content) {
                pending.push(comment.to_owned());
            }
            continue;
        };
        while stack.last().is_some_and(|(level, _)| *level >= indent) {
            stack.pop();
        }
        stack.push((indent, key));
        let path: Vec<String> = stack.iter().map(|(_, key)| key.clone()).collect();
        if !pending.is_empty() {
            comments.above.entry(path.clone()).or_default().append(&mut pending);
        }
        let comment = trailing_comment(value);
        let value = comment.map_or(value, |comment| &value[..value.len() - comment.len()]);
        if let Some(comment) = comment {
            comments.trailing.insert(path, comment.to_owned());
        }
        if is_block_indicator(value.trim()) {
            block = Some(indent);
        }
    }
    comments.end = pending;
    comments
}

/// `key: value` → the key (unquoted) and the text after the colon.
fn split_key(content: &str) -> Option<(String, &str)> {
    let end = match content.chars().next()? {
        '"' | '\'' => quoted_end(content)?,
        '{' | '[' | '#' | '|' | '>' => return None,
        _ => {
            let colon = content.char_indices().find(|&(index, character)| {
                character == ':' && content[index + 1..].chars().next().is_none_or(|next| next == ' ')
            })?;
            colon.0
        }
    };
    let rest = content[end..].trim_start();
    let value = rest.strip_prefix(':')?;
    if !(value.is_empty() || value.starts_with(' ')) {
        return None;
    }
    let raw = content[..end].trim_end();
    if !raw.starts_with(['"', '\'']) && raw.contains(" #") {
        return None;
    }
    let key = match serde_yaml::from_str::<Yaml>(raw) {
        Ok(Yaml::String(key)) => key,
        Ok(other) => super::yaml::key_text(&other),
        Err(_) => raw.to_owned(),
    };
    Some((key, value))
}

/// The end (exclusive) of the quoted scalar starting `text`.
fn quoted_end(text: &str) -> Option<usize> {
    let quote = text.chars().next()?;
    let mut characters = text.char_indices().skip(1).peekable();
    while let Some((index, character)) = characters.next() {
        match (quote, character) {
            ('"', '\\') => {
                characters.next();
            }
            ('\'', '\'') if characters.peek().is_some_and(|&(_, next)| next == '\'') => {
                characters.next();
            }
            (quote, character) if character == quote => return Some(index + 1),
            _ => {}
        }
    }
    None
}

/// The comment at the end of `value` (from its `#`), outside quotes.
fn trailing_comment(value: &str) -> Option<&str> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    let mut characters = value.char_indices().peekable();
    while let Some((index, character)) = characters.next() {
        match (quote, character) {
            (Some('"'), '\\') => {
                characters.next();
            }
            (Some('\''), '\'') if characters.peek().is_some_and(|&(_, next)| next == '\'') => {
                characters.next();
            }
            (Some(open), character) if character == open => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if previous == ' ' || previous == '[' || previous == '{' || previous == ',' => {
                quote = Some(character)
            }
            (None, '#') if previous == ' ' || previous == '\t' => return Some(value[index..].trim_end()),
            _ => {}
        }
        previous = character;
    }
    None
}

/// `|`, `>`, `|-`, `>+2`, …: a block scalar starts on the next line.
fn is_block_indicator(value: &str) -> bool {
    let mut characters = value.chars();
    matches!(characters.next(), Some('|' | '>'))
        && characters.all(|character| matches!(character, '-' | '+') || character.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(keys: &[&str]) -> Vec<String> {
        keys.iter().map(|key| (*key).to_owned()).collect()
    }

    #[test]
    fn comments_belong_to_the_next_key_or_their_line() {
        let text = "# Imported by truto-codegen from x\n# more header\nresource: users\n# about fields\nfields:\n  \
                    # about id\n  id:\n    type: string  # trailing\n    description: |-\n      # not a comment\n      \
                    text\n  \"quoted # key\": { type: any }  # after quoted\n  name:\n    description: 'it''s # not'\n  \
                    list:\n    - a  # on an item\n  # before b\n  b: 1\n# the end\n";
        let comments = read(text);
        assert_eq!(comments.above[&path(&["fields"])], ["# about fields"]);
        assert_eq!(comments.above[&path(&["fields", "id"])], ["# about id"]);
        assert_eq!(comments.trailing[&path(&["fields", "id", "type"])], "# trailing");
        assert_eq!(comments.trailing[&path(&["fields", "quoted # key"])], "# after quoted");
        assert_eq!(comments.above[&path(&["fields", "b"])], ["# on an item", "# before b"]);
        assert_eq!(comments.end, ["# the end"]);
        assert_eq!(comments.len(), 7, "{comments:?}");
    }

    #[test]
    fn a_hand_written_first_comment_is_kept() {
        let comments = read("# my notes\nresource: users\n");
        assert_eq!(comments.above[&path(&["resource"])], ["# my notes"]);
    }
}
