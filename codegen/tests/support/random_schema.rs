//! Random but valid schema folders, drawn from a tape of choices.
//!
//! Every decision (how many fields, which name, which type, how deep) reads the next number of a tape, so
//! the same tape always gives the same schema. The property tests of truto-codegen draw tapes with
//! proptest (which shrinks a failing tape towards zeros, that is towards the first choice of everything:
//! the simplest schema); the build script of truto-tests draws a few from a fixed seed and compiles the
//! bindings they generate.
//!
//! Names come from pools of awkward ones (keywords, digits, empty, punctuation, non-ASCII, names generated
//! code uses) whose Rust forms are pairwise distinct, so a schema drawn here is always valid: a failure to
//! generate is a bug. Plain dependency-free Rust, as build scripts include it with `#[path]`.

#![allow(dead_code)] // each includer uses a part

/// A sequence of choices; past its end every choice is 0.
pub struct Tape<'a> {
    choices: &'a [u32],
    position: usize,
}

impl<'a> Tape<'a> {
    /// A tape reading `choices`.
    pub fn new(choices: &'a [u32]) -> Self {
        Self { choices, position: 0 }
    }

    /// A number below `bound`.
    pub fn below(&mut self, bound: usize) -> usize {
        let choice = self.choices.get(self.position).copied().unwrap_or(0);
        self.position += 1;
        if bound == 0 { 0 } else { choice as usize % bound }
    }

    /// True with about `percent`% probability.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items`.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Up to `max` distinct items of `pool`, in pool order.
    pub fn subset<T: Copy>(&mut self, pool: &[T], max: usize) -> Vec<T> {
        let count = self.below(max + 1);
        let mut chosen: Vec<usize> = Vec::new();
        for _ in 0..count {
            let index = self.below(pool.len());
            if !chosen.contains(&index) {
                chosen.push(index);
            }
        }
        chosen.sort_unstable();
        chosen.into_iter().map(|index| pool[index]).collect()
    }
}

/// A small deterministic generator of tapes (xorshift), for build scripts.
pub fn tape_from_seed(seed: u64, length: usize) -> Vec<u32> {
    let mut state = seed.max(1);
    (0..length)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u32
        })
        .collect()
}

/// JSON field names whose snake_case forms (and UpperCamelCase parts) are pairwise distinct and never
/// collide with what the generator derives (`<Model>Create`, builder names, …).
pub const FIELD_NAMES: &[&str] = &[
    "type",
    "self",
    "match",
    "async",
    "await",
    "dyn",
    "super",
    "crate",
    "1st",
    "2fa_enabled",
    "",
    "Other",
    "unknown",
    "client",
    "Result",
    "Option",
    "Some",
    "None",
    "Default",
    "new",
    "café",
    "x²",
    "a-b",
    "with space",
    "camelCase",
    "snake_case",
    "UPPER",
    "__proto__",
    "null",
    "true",
    "0",
    "colon: here",
    "#hash",
    "\"quoted\"",
    "back\\slash",
    "tab\there",
    "line\nbreak",
    "日本abc",
    "emoji🙂z",
    "r#raw",
    "id_",
    "value",
    "fn",
    "impl",
    "loop",
    "\u{202e}rtl",
];

/// Enum values whose UpperCamelCase forms are pairwise distinct.
pub const ENUM_VALUES: &[&str] = &[
    "type",
    "self",
    "match",
    "async",
    "1st",
    "",
    "Other",
    "unknown",
    "client",
    "Result",
    "Option",
    "None",
    "Some",
    "Default",
    "café",
    "a b",
    "x-y",
    "UPPER",
    "v1.2",
    "null",
    "true",
    "42",
    "Unrecognized",
    "OtherValue",
    "\"q\"",
    "line\nbreak",
    "\u{2067}iso",
];

/// Query parameter names: distinct setters, none taken by the methods the runtime gives every builder.
pub const QUERY_NAMES: &[&str] =
    &["type", "self", "match", "1st", "", "Other", "client", "q", "a-b", "with space", "x²", "café", "created_at"];

/// Comparison operators.
pub const OPERATORS: &[&str] = &["gt", "lt", "gte", "in"];

/// Custom method names (URL path segments) whose Rust forms are distinct.
pub const CUSTOM_METHODS: &[&str] = &["merge", "batch-delete", "type", "async", "1st", "do_it"];

/// Descriptions that are awkward in rustdoc.
pub const DESCRIPTIONS: &[&str] = &[
    "",
    "Plain words.",
    "With \"quotes\" and 'apostrophes'.",
    "back\\slash and */ /* comment markers",
    "<b>html</b> & [a link](https://example.com) `code`",
    "multi\nline\n\n- a list",
    "unicode ü 日本 🙂",
    "# a heading",
    "trailing space ",
    "\ttab",
    "```\nfenced\n```",
    "Trojan \u{202e}Source\u{2066} and an escape \u{1b}[31m",
];

/// Integration slugs of the catalog.
pub const INTEGRATIONS: &[&str] = &["self", "type", "async", "slack", "outlook_calendar", "x1"];

const SCALARS: &[&str] =
    &["string", "integer", "number", "boolean", "date-time", "date", "uuid", "url", "email", "any"];

/// A YAML double-quoted scalar: always valid, whatever the text.
pub fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A key or value, plain when that is safe and the tape says so, else double-quoted.
fn scalar(tape: &mut Tape<'_>, text: &str) -> String {
    let plain = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !text.starts_with('-')
        && !["null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"].contains(&text.to_lowercase().as_str())
        && text.parse::<f64>().is_err();
    if plain && tape.chance(50) { text.to_owned() } else { quoted(text) }
}

/// Writes a YAML line at `indent`.
fn line(out: &mut String, indent: usize, text: &str) {
    out.push_str(&"  ".repeat(indent));
    out.push_str(text);
    out.push('\n');
}

/// What fields may refer to.
struct Scope {
    /// Shared types of common.yaml.
    shared: Vec<String>,
}

/// What a field's mapping declares, which decides the keys it may carry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A field of a record: may be `required`.
    Record,
    /// A field of a nested object or a body.
    Field,
    /// Array or map `items`, or a custom method's `response`: a type, so no `required` or `supported_in`, and
    /// a `description` only on an object or enum.
    Type,
}

/// Writes the keys of one field (its mapping's content) at `indent`.
fn field(tape: &mut Tape<'_>, scope: &Scope, out: &mut String, indent: usize, depth: usize, place: Place) {
    // The keys of a field are drawn first and written once the type is known (they are dropped where a type,
    // not a field, is declared), so that the tape is read in the same order everywhere.
    let mut description_line = String::new();
    let mut field_keys = String::new();
    let description = tape.pick(DESCRIPTIONS);
    if !description.is_empty() {
        line(&mut description_line, indent, &format!("description: {}", quoted(description)));
    }
    if place == Place::Record && tape.chance(20) {
        line(&mut field_keys, indent, "required: true");
    }
    if tape.chance(30) {
        let slugs = tape.subset(INTEGRATIONS, 3);
        if tape.chance(20) {
            line(&mut field_keys, indent, &format!("supported_in: {}", tape.below(40)));
        } else {
            let slugs: Vec<String> = slugs.iter().map(|slug| scalar(tape, slug)).collect();
            line(&mut field_keys, indent, &format!("supported_in: [{}]", slugs.join(", ")));
        }
    }
    let mut body = String::new();
    let kind = field_type(tape, scope, &mut body, indent, depth);
    let defines_type = kind == 1 || kind == 3;
    if place != Place::Type || defines_type {
        out.push_str(&description_line);
    }
    if place != Place::Type {
        out.push_str(&field_keys);
    }
    out.push_str(&body);
}

/// Writes a field's type at `indent`: 1 for an enum, 3 for an object (which define a type), else another number.
fn field_type(tape: &mut Tape<'_>, scope: &Scope, out: &mut String, indent: usize, depth: usize) -> usize {
    let kinds = if depth >= 3 { 3 } else { 7 };
    let kind = tape.below(kinds);
    match kind {
        0 => line(out, indent, &format!("type: {}", tape.pick(SCALARS))),
        1 => {
            line(out, indent, "type: enum");
            let mut values = tape.subset(ENUM_VALUES, 6);
            if values.is_empty() {
                values.push("only");
            }
            line(out, indent, "values:");
            for value in values {
                line(out, indent + 1, &format!("- {}", scalar(tape, value)));
            }
        }
        2 if !scope.shared.is_empty() => {
            let name = scope.shared[tape.below(scope.shared.len())].clone();
            line(out, indent, &format!("$ref: common/{name}"));
        }
        2 => line(out, indent, "type: map"),
        3 => {
            line(out, indent, "type: object");
            line(out, indent, "fields:");
            fields(tape, scope, out, indent + 1, depth + 1, Place::Field, 4);
        }
        4 => {
            line(out, indent, "type: array");
            line(out, indent, "items:");
            field(tape, scope, out, indent + 1, depth + 1, Place::Type);
        }
        5 => {
            line(out, indent, "type: map");
            line(out, indent, "items:");
            field(tape, scope, out, indent + 1, depth + 1, Place::Type);
        }
        _ => line(out, indent, &format!("type: {}", tape.pick(SCALARS))),
    }
    kind
}

/// Writes a `fields:` mapping's content: distinct names from the pool, at least one field.
fn fields(tape: &mut Tape<'_>, scope: &Scope, out: &mut String, indent: usize, depth: usize, place: Place, max: usize) {
    let mut names = tape.subset(FIELD_NAMES, max);
    if names.is_empty() {
        names.push("value");
    }
    for name in names {
        line(out, indent, &format!("{}:", scalar(tape, name)));
        field(tape, scope, out, indent + 1, depth, place);
    }
}

/// A complete schema folder: file path → YAML text.
pub fn schema(tape: &mut Tape<'_>) -> Vec<(String, String)> {
    let mut files = Vec::new();

    let truto = String::from("apis:\n  random:\n    name: Random\n");
    files.push(("truto.yaml".to_owned(), truto));

    let mut integrations = String::from("integrations:\n");
    for slug in INTEGRATIONS {
        integrations.push_str(&format!("  {slug}: {}\n", quoted(&format!("The {slug} product"))));
    }
    files.push(("integrations.yaml".to_owned(), integrations));

    let mut scope = Scope { shared: Vec::new() };
    if let Some(common) = common_file(tape, &mut scope) {
        files.push(("common.yaml".to_owned(), common));
    }
    let resources = 1 + tape.below(3);
    for index in 0..resources {
        files.push((format!("random/res{index}.yaml"), resource_file(tape, &scope, index)));
    }
    files
}

/// Sometimes, shared types: a recursive node, sometimes with an enum beside it (added to `scope`).
fn common_file(tape: &mut Tape<'_>, scope: &mut Scope) -> Option<String> {
    if !tape.chance(60) {
        return None;
    }
    let mut common = String::from("types:\n  Node:\n    type: object\n    fields:\n");
    common.push_str("      id: { type: string, required: true }\n");
    common.push_str("      parent: { $ref: common/Node }\n");
    common.push_str("      children: { type: array, items: { $ref: common/Node } }\n");
    scope.shared.push("Node".to_owned());
    if tape.chance(50) {
        common.push_str("  Kind:\n    type: enum\n    values:\n");
        for value in tape.subset(ENUM_VALUES, 5).into_iter().chain(["kind"]) {
            common.push_str(&format!("      - {}\n", quoted(value)));
        }
        scope.shared.push("Kind".to_owned());
    }
    Some(common)
}

/// One resource file: `list` (sometimes with query parameters), some standard and custom methods, fields.
fn resource_file(tape: &mut Tape<'_>, scope: &Scope, index: usize) -> String {
    let mut text = format!("resource: res{index}\nmodel: Model{index}\n");
    let description = tape.pick(DESCRIPTIONS);
    if !description.is_empty() {
        text.push_str(&format!("description: {}\n", quoted(description)));
    }
    text.push_str("methods:\n");
    text.push_str("  list:\n");
    if tape.chance(50) {
        list_query(tape, &mut text);
    }
    for method in ["get", "create", "update", "delete"] {
        if tape.chance(50) {
            text.push_str(&format!("  {method}: {{}}\n"));
        }
    }
    for name in tape.subset(CUSTOM_METHODS, 2) {
        text.push_str(&format!("  {name}:\n"));
        if tape.chance(70) {
            text.push_str("    body:\n");
            fields(tape, scope, &mut text, 3, 1, Place::Field, 3);
        }
        if tape.chance(70) {
            text.push_str("    response:\n");
            field(tape, scope, &mut text, 3, 1, Place::Type);
        }
    }
    text.push_str("fields:\n  id: { type: string, required: true, read_only: true }\n");
    let pool: Vec<&str> = FIELD_NAMES.iter().copied().filter(|name| *name != "id_").collect();
    let mut names = tape.subset(&pool, 8);
    if names.is_empty() {
        names.push("value");
    }
    for name in names {
        text.push_str(&format!("  {}:\n", scalar(tape, name)));
        field(tape, scope, &mut text, 2, 1, Place::Record);
    }
    text
}

/// The `query:` block of a list method: up to four parameters, some with comparison operators.
fn list_query(tape: &mut Tape<'_>, text: &mut String) {
    text.push_str("    query:\n");
    for name in tape.subset(QUERY_NAMES, 4) {
        text.push_str(&format!("      {}:\n", scalar(tape, name)));
        let ty = tape.pick(&["string", "integer", "boolean", "date-time", "enum"]);
        text.push_str(&format!("        type: {ty}\n"));
        if ty == "enum" {
            text.push_str(&format!("        values: [{}]\n", quoted(tape.pick(ENUM_VALUES))));
        }
        if tape.chance(30) {
            let operators: Vec<&str> = tape.subset(OPERATORS, 3);
            if !operators.is_empty() {
                text.push_str(&format!("        operators: [{}]\n", operators.join(", ")));
            }
        }
    }
}
