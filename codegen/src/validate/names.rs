//! Uniqueness of generated names within one Rust namespace.
//!
//! Two schema names may become one Rust name after case conversion (`fooBar` and `foo_bar` are both
//! `foo_bar`); a namespace records who claimed each name first, so the second claimant is reported with
//! the first one's location.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Location};

/// Who claimed a name: a description for messages and where it is written.
#[derive(Clone, Debug)]
pub struct Claim {
    /// What it is, for messages (`field "fooBar"`).
    pub what: String,
    /// The schema file.
    pub file: String,
    /// Where in it.
    pub location: Location,
    /// The dotted key path.
    pub path: String,
}

/// Methods every request builder has, which no query parameter setter may shadow.
pub const BUILDER_METHODS: [&str; 6] = ["send", "send_with_meta", "stream", "pages", "key_by", "into_request"];

/// Names taken in one Rust namespace (a struct's fields, an enum's variants, a module's items, …).
#[derive(Debug, Default)]
pub struct Namespace {
    taken: BTreeMap<String, Taken>,
}

#[derive(Debug)]
enum Taken {
    /// By generated code that is not in the schema (`the builder method "send"`).
    Reserved(String),
    /// By a schema entry.
    Claimed(Claim),
}

impl Namespace {
    /// Marks `name` as used by fixed generated code, described by `what` in messages.
    pub fn reserve(&mut self, name: &str, what: impl Into<String>) {
        self.taken.entry(name.to_owned()).or_insert_with(|| Taken::Reserved(what.into()));
    }

    /// Claims `name`; on a collision, returns the diagnostic for the second claimant.
    #[must_use = "a collision must be reported"]
    pub fn claim(&mut self, name: &str, claim: Claim) -> Option<Diagnostic> {
        match self.taken.get(name) {
            None => {
                self.taken.insert(name.to_owned(), Taken::Claimed(claim));
                None
            }
            Some(first) => {
                let (earlier, help) = match first {
                    Taken::Claimed(first) => (
                        format!("{} at {}:{}:{}", first.what, first.file, first.location.line, first.location.column),
                        collision_help(&claim.what),
                    ),
                    Taken::Reserved(what) => (
                        what.clone(),
                        "the name is taken by generated code: choose another (`model:` renames a nested object or \
                         enum; a shared type is named by its key)",
                    ),
                };
                // "type `Person` collides with …" rather than "type `Person` becomes the Rust name `Person`".
                let message = if claim.what.contains(&format!("`{name}`")) {
                    format!("{} collides with {earlier}", claim.what)
                } else {
                    format!("{} becomes the Rust name `{name}`, which collides with {earlier}", claim.what)
                };
                Some(Diagnostic {
                    file: claim.file,
                    location: Some(claim.location),
                    path: claim.path,
                    message,
                    help: Some(help.to_owned()),
                })
            }
        }
    }
}

/// How to resolve a collision, by what collided.
fn collision_help(what: &str) -> &'static str {
    let kind = what.split([' ', '`', '"']).next().unwrap_or_default();
    match kind {
        "field" => "two JSON names cannot share one Rust field: remove or rename one of them in the schema",
        "value" => {
            "values that differ only in case or punctuation cannot both be variants: list one of them \
             (the other still decodes, as the enum's catch-all variant)"
        }
        "type" | "enum" => "give one of them another Rust name with `model:`",
        "integration" => "integration slugs must stay distinct in UpperCamelCase: rename one of them",
        "query" | "operator" => "rename the query parameter or operator: its setter would shadow the other",
        "method" => "rename one of the methods",
        _ => "rename one of them",
    }
}
