//! Rustdoc text: descriptions from the schema, and integration coverage in words and tables.
//!
//! Coverage is part of the bindings: a field's rustdoc says which integrations fill it, the way Truto's
//! docs show "1 supported · Outlook Calendar".

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Coverage, Integration, Method, Resource};

/// `#[doc = "…"]` attributes, one per line of `text` (rendered as `///` lines by prettyplease).
pub fn attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc = "…"]` attributes for a module's own documentation (rendered as `//!` lines).
pub fn inner_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// The lines of a doc comment, each after a space; tabs (which clippy flags in docs) become spaces, and
/// control and text-direction characters (which rustc rejects in comments: "Trojan Source") are written as
/// escapes.
fn doc_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {}", crate::diagnostics::escape_invisible(&line.replace('\t', "    ")))
        }
    })
}

/// Joins paragraphs with blank lines, skipping empty ones.
pub fn paragraphs<I, S>(parts: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    parts
        .into_iter()
        .map(|part| part.as_ref().trim().to_owned())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A description, or a fallback when the schema has none.
pub fn description(text: Option<&String>, fallback: &str) -> String {
    text.map_or_else(|| fallback.to_owned(), |text| escape(&prose(text.trim())))
}

/// Schema prose made safe as rustdoc, whatever it holds:
/// - indentation is dropped, so no line becomes an indented code block (which rustdoc would compile as a
///   doc test) or an over-indented list item;
/// - fenced blocks are marked `text`, so they are shown, never compiled;
/// - a line right after a list item that is not one ends the list with a blank line (clippy's
///   `doc_lazy_continuation`).
pub fn prose(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut after_item = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let fence = &trimmed[..3];
            out.push(if in_fence { fence.to_owned() } else { format!("{fence}text") });
            in_fence = !in_fence;
            after_item = false;
            continue;
        }
        if in_fence {
            out.push(line.to_owned());
            continue;
        }
        let item = is_list_item(trimmed);
        if after_item && !item && !trimmed.is_empty() {
            out.push(String::new());
        }
        after_item = item;
        out.push(trimmed.to_owned());
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out.join("\n")
}

fn is_list_item(line: &str) -> bool {
    let bullet = ["- ", "* ", "+ "].iter().any(|bullet| line.starts_with(bullet)) || ["-", "*", "+"].contains(&line);
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let numbered = digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "));
    bullet || numbered
}

/// `text` on one line: line breaks and tabs become spaces.
pub fn one_line(text: &str) -> String {
    text.split(['\n', '\r', '\t']).collect::<Vec<_>>().join(" ")
}

/// An inline code span showing `text` exactly, whatever it holds: control characters are written as escapes
/// (`\n`), a backtick gets a longer fence, and the empty string is shown as `""`.
pub fn code(text: &str) -> String {
    if text.is_empty() {
        return "`\"\"`".to_owned();
    }
    let mut shown = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '\n' => shown.push_str("\\n"),
            '\r' => shown.push_str("\\r"),
            '\t' => shown.push_str("\\t"),
            c if crate::diagnostics::is_invisible(c) => shown.push_str(&c.escape_unicode().to_string()),
            c => shown.push(c),
        }
    }
    let longest_run = shown.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    if longest_run == 0 {
        return format!("`{shown}`");
    }
    let fence = "`".repeat(longest_run + 1);
    format!("{fence} {shown} {fence}")
}

/// [`code`] for a table cell, where `|` would end the cell.
pub fn table_code(text: &str) -> String {
    code(text).replace('|', "\\|")
}

/// Keeps schema prose from being read as rustdoc markup it was not meant as: bare `[x]` would become a
/// broken intra-doc link and `<x>` an HTML tag, and a bare URL becomes an autolink (`<https://…>`, as
/// rustdoc's `bare_urls` lint asks). Code spans (between backticks) are left as written, and so is a link to
/// one (`` [`CreateTicket`] ``), which is how descriptions the generator writes name other items.
pub fn escape(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    let mut escaped = String::with_capacity(text.len());
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            escaped.push('`');
        }
        if index % 2 == 1 {
            escaped.push_str(part);
            continue;
        }
        // A `[` right before a code span whose closing backtick is followed by `]` opens a link to it.
        let opens_link = index + 2 < parts.len() && parts[index + 2].starts_with(']');
        let closes_link = index >= 2 && part.starts_with(']') && parts[index - 2].ends_with('[');
        let last = part.chars().count().saturating_sub(1);
        let mut position = 0;
        for (is_url, segment) in url_segments(part) {
            if is_url {
                escaped.push_str(&format!("<{segment}>"));
                position += segment.chars().count();
                continue;
            }
            for c in segment.chars() {
                let link_bracket =
                    (c == '[' && position == last && opens_link) || (c == ']' && position == 0 && closes_link);
                match c {
                    _ if link_bracket => escaped.push(c),
                    '[' => escaped.push_str("\\["),
                    ']' => escaped.push_str("\\]"),
                    '<' => escaped.push_str("&lt;"),
                    '>' => escaped.push_str("&gt;"),
                    c => escaped.push(c),
                }
                position += 1;
            }
        }
    }
    escaped
}

/// `text` cut into URLs (`http://` or `https://` up to a space, a quote, `<`, `>`, `[` or `]`, without
/// trailing punctuation or an unmatched `)`) and the text between them, each marked `true` when a URL.
fn url_segments(text: &str) -> Vec<(bool, &str)> {
    let mut segments = Vec::new();
    let mut rest = text;
    while let Some(start) = ["https://", "http://"].iter().filter_map(|scheme| rest.find(scheme)).min() {
        let candidate = &rest[start..];
        let end = candidate.find(|c: char| c.is_whitespace() || "<>[]\"'".contains(c)).unwrap_or(candidate.len());
        let mut url = &candidate[..end];
        loop {
            let unmatched_paren = url.ends_with(')') && url.matches('(').count() < url.matches(')').count();
            if !(url.ends_with(['.', ',', ';', ':', '!', '?']) || unmatched_paren) {
                break;
            }
            url = &url[..url.len() - 1];
        }
        let scheme_only =
            !url.trim_start_matches("https://").trim_start_matches("http://").contains(|c: char| c != '/');
        let (before, url_end) = (&rest[..start], start + url.len());
        if scheme_only {
            segments.push((false, &rest[..url_end]));
        } else {
            segments.extend([(false, before), (true, url)]);
        }
        rest = &rest[url_end..];
    }
    segments.push((false, rest));
    segments.retain(|(_, segment)| !segment.is_empty());
    segments
}

/// "Supported in 1 integration: Outlook Calendar." / "Supported in 3 integrations (not named in Truto's
/// docs)." / nothing when the docs are silent.
pub fn supported_sentence(coverage: &Coverage) -> Option<String> {
    sentence("Supported in", coverage)
}

/// "Required in 2 integrations (…)." for query parameters.
pub fn required_sentence(coverage: &Coverage) -> Option<String> {
    sentence("Required in", coverage)
}

/// The "Partial response" banner of Truto's list pages, naming the integrations it applies to.
pub fn partial_sentence(coverage: &Coverage) -> Option<String> {
    let banner = "**Partial response** — use the `get` endpoint for the full object.";
    match coverage {
        Coverage::Unknown => None,
        Coverage::Unnamed => Some(format!("{banner} Applies to some integrations (not named in Truto's docs).")),
        Coverage::Count(count) => {
            Some(format!("{banner} Applies to {} (not named in Truto's docs).", count_phrase(*count)))
        }
        Coverage::Named(integrations) => Some(format!("{banner} Applies to {}.", names(integrations))),
        Coverage::Partial { count, named } => {
            Some(format!("{banner} Applies to {}; Truto's docs name {}.", count_phrase(*count), names(named)))
        }
    }
}

/// A short cell for coverage tables: "Outlook Calendar", "3 integrations", "—".
pub fn coverage_cell(coverage: &Coverage) -> String {
    match coverage {
        Coverage::Unknown => "—".to_owned(),
        Coverage::Unnamed => "some integrations".to_owned(),
        Coverage::Count(count) => count_phrase(*count),
        Coverage::Named(integrations) if integrations.is_empty() => "none".to_owned(),
        Coverage::Named(integrations) => names(integrations),
        Coverage::Partial { count, named } if named.is_empty() => count_phrase(*count),
        Coverage::Partial { count, named } => format!("{}, among them {}", count_phrase(*count), names(named)),
    }
}

fn sentence(lead: &str, coverage: &Coverage) -> Option<String> {
    match coverage {
        Coverage::Unknown => None,
        Coverage::Unnamed => Some(format!("{lead} some integrations (not named in Truto's docs).")),
        Coverage::Count(count) => Some(format!("{lead} {} (not named in Truto's docs).", count_phrase(*count))),
        Coverage::Named(integrations) if integrations.is_empty() => Some(format!("{lead} no integration.")),
        Coverage::Named(integrations) => {
            Some(format!("{lead} {}: {}.", count_phrase(integrations.len() as u32), names(integrations)))
        }
        Coverage::Partial { count, named } if named.is_empty() => {
            Some(format!("{lead} {} (not named in Truto's docs).", count_phrase(*count)))
        }
        Coverage::Partial { count, named } => Some(format!(
            "{lead} {}; Truto's docs name {} of them: {}.",
            count_phrase(*count),
            named.len(),
            names(named)
        )),
    }
}

/// "*Inferred:* …", for what the schema says was inferred rather than read on Truto's pages.
pub fn inferred_sentence(inferred: Option<&String>) -> Option<String> {
    inferred.map(|text| format!("*Inferred, not read on Truto's pages:* {}", escape(&prose(text.trim()))))
}

/// What the docs of an object say about how much of its field list Truto's pages show.
pub fn field_list_sentence(field_list: crate::ir::FieldList) -> Option<&'static str> {
    match field_list {
        crate::ir::FieldList::Complete => None,
        crate::ir::FieldList::Partial => Some(
            "**Partial field list:** Truto documents more fields than these bindings know. The others are not \
             lost: they are kept with the record and written back out when it is serialized.",
        ),
        crate::ir::FieldList::Unknown => Some(
            "**Known only by name and path:** Truto's pages seen for these bindings show no fields of this \
             resource. Every field a record carries is kept with it and written back out when it is serialized.",
        ),
    }
}

fn count_phrase(count: u32) -> String {
    if count == 1 { "1 integration".to_owned() } else { format!("{count} integrations") }
}

fn names(integrations: &[Integration]) -> String {
    integrations.iter().map(|integration| integration.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// An intra-doc link to the method of a resource handle: ``[`Users::list`]``.
pub fn method_link(resource: &Resource, method: &Method) -> String {
    format!("[`{}::{}`]", resource.handle, method.handle_method.trim_start_matches("r#"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_never_becomes_code_or_lazy_lists() {
        assert_eq!(prose("A list:\n- one\n- two\ncontinued"), "A list:\n- one\n- two\n\ncontinued");
        assert_eq!(prose("1. first\n2) second\nafter"), "1. first\n2) second\n\nafter");
        assert_eq!(prose("text\n\n    indented code?\n\tand a tab"), "text\n\nindented code?\nand a tab");
        assert_eq!(prose("```\nlet x = 1;\n```"), "```text\nlet x = 1;\n```");
        assert_eq!(prose("```rust\nfn f() {}"), "```text\nfn f() {}\n```", "an unclosed fence is closed");
    }

    #[test]
    fn code_spans_show_any_text() {
        assert_eq!(code("type"), "`type`");
        assert_eq!(code(""), "`\"\"`");
        assert_eq!(code("line\nbreak\ttab"), "`line\\nbreak\\ttab`");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(table_code("a|b"), "`a\\|b`");
    }

    fn outlook() -> Integration {
        Integration { slug: "outlook_calendar".into(), name: "Outlook Calendar".into() }
    }

    #[test]
    fn coverage_sentences() {
        assert_eq!(supported_sentence(&Coverage::Unknown), None);
        assert_eq!(
            supported_sentence(&Coverage::Named(vec![outlook()])).as_deref(),
            Some("Supported in 1 integration: Outlook Calendar.")
        );
        assert_eq!(
            supported_sentence(&Coverage::Count(3)).as_deref(),
            Some("Supported in 3 integrations (not named in Truto's docs).")
        );
        assert_eq!(
            required_sentence(&Coverage::Count(1)).as_deref(),
            Some("Required in 1 integration (not named in Truto's docs).")
        );
        assert_eq!(coverage_cell(&Coverage::Unknown), "—");
        let partial = Coverage::Partial { count: 27, named: vec![outlook()] };
        assert_eq!(
            supported_sentence(&partial).as_deref(),
            Some("Supported in 27 integrations; Truto's docs name 1 of them: Outlook Calendar.")
        );
        assert_eq!(coverage_cell(&partial), "27 integrations, among them Outlook Calendar");
    }

    #[test]
    fn prose_is_escaped() {
        assert_eq!(escape("remote_query[foo]=bar <b>"), "remote_query\\[foo\\]=bar &lt;b&gt;");
        assert_eq!(escape("use `a[]=x` [here]"), "use `a[]=x` \\[here\\]");
        assert_eq!(escape("The body of [`CreateTicket`]."), "The body of [`CreateTicket`].");
        assert_eq!(escape("[`A`] and [`B`]"), "[`A`] and [`B`]");
        assert_eq!(escape("[`a`b] [x`y`]"), "\\[`a`b\\] \\[x`y`\\]");
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            escape("its page (https://truto.one/a.md lists Tags), see http://x.io/b_(c)."),
            "its page (<https://truto.one/a.md> lists Tags), see <http://x.io/b_(c)>."
        );
        assert_eq!(escape("`https://in.code` and [https://a.b]"), "`https://in.code` and \\[<https://a.b>\\]");
        assert_eq!(escape("https:// alone, https://a.b/<x>"), "https:// alone, <https://a.b/>&lt;x&gt;");
    }

    #[test]
    fn doc_attrs_keep_blank_lines() {
        let tokens = attrs("a\n\nb").to_string();
        assert_eq!(tokens, r#"# [doc = " a"] # [doc = ""] # [doc = " b"]"#);
    }
}
