//! Uniqueness of generated names within one Rust namespace.
//!
//! Two schema names may become one Rust name after case conversion (`fooBar` and `foo_bar` are both
//! `foo_bar`); a namespace records who claimed each name first, so the second claimant is reported with
//! the first one's location.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Location};
use crate::ir::MethodKind;
use crate::runtime_api;

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

/// The method names a request builder of `kind` has before its own query parameters' setters claim theirs:
/// those of the runtime's request traits and the derives ([`runtime_api::builder_methods`]).
pub fn builder_namespace(kind: MethodKind, untyped_body: bool) -> Namespace {
    let mut names = Namespace::default();
    for name in runtime_api::builder_methods(kind, untyped_body) {
        names.reserve(name, format!("the builder method `{name}` (from the runtime)"));
    }
    names
}

/// The name of an open enum's catch-all variant, given the namespace of its documented variants: `Other`, or
/// the first of `Unrecognized`, `OtherValue`, `UnrecognizedValue`, `UnrecognizedValue2`, `UnrecognizedValue3`,
/// … that no documented value takes.
pub fn catch_all_variant(variants: &Namespace) -> String {
    ["Other", "Unrecognized", "OtherValue", "UnrecognizedValue"]
        .into_iter()
        .map(str::to_owned)
        .chain((2_u32..).map(|suffix| format!("UnrecognizedValue{suffix}")))
        .find(|candidate| !variants.contains(candidate))
        .expect("a namespace holds finitely many names")
}

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

    /// Whether `name` is taken, reserved or claimed.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains_key(name)
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
                    Taken::Reserved(what) => (what.clone(), reserved_help(&claim.what)),
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

/// The kind of schema entry a claim describes: the first word of `what` (`field`, `response`, …).
fn kind_of(what: &str) -> &str {
    what.split([' ', '`', '"']).next().unwrap_or_default()
}

/// How to resolve a collision with a name generated code takes, by what collided.
fn reserved_help(what: &str) -> &'static str {
    match kind_of(what) {
        "query" | "operator" => {
            "the runtime gives every request builder a method of this name, so no query parameter's setter may \
             take it"
        }
        _ => {
            "the name is taken by generated code: choose another (`model:` renames a nested object or enum; a \
             shared type is named by its key)"
        }
    }
}

/// How to resolve a collision, by what collided.
fn collision_help(what: &str) -> &'static str {
    match kind_of(what) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(what: &str, index: usize) -> Claim {
        let location = Location { line: 1, column: index + 1, offset: index };
        Claim { what: what.to_owned(), file: "truto.yaml".to_owned(), location, path: format!("values[{index}]") }
    }

    #[test]
    fn the_catch_all_variant_skips_every_taken_name() {
        let mut variants = Namespace::default();
        assert_eq!(catch_all_variant(&variants), "Other");
        for name in ["Other", "Unrecognized", "OtherValue", "UnrecognizedValue", "UnrecognizedValue2"] {
            assert!(variants.claim(name, claim(&format!("value \"{name}\""), 0)).is_none());
        }
        assert_eq!(catch_all_variant(&variants), "UnrecognizedValue3");
    }
}
