//! Uniqueness of generated names within one Rust namespace.
//!
//! Two schema names may become one Rust name after case conversion (`fooBar` and `foo_bar` are both
//! `foo_bar`); a namespace records who claimed each name first, so the second claimant is reported with
//! the first one's location.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Diagnostic, Location};
use crate::ir::MethodKind;

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

/// A method every request builder of some kinds gets from `truto.yaml`: one per non-default response format
/// (`raw`), or a Truto parameter's setter (`truto_ignore_limit`).
#[derive(Clone, Debug)]
pub struct TrutoMethod {
    /// The Rust method name.
    pub name: String,
    /// The `truto.yaml` entry asking for it.
    pub claim: Claim,
}

/// The method names a request builder of `kind` has before its own query parameters' setters claim theirs:
/// the methods every builder has ([`BUILDER_METHODS`]), those of its kind (`body` on a custom method without
/// `body:`, the idempotency methods on writes), then `truto_methods` in order, each claimed so that a
/// collision is found.
///
/// `truto.yaml` is checked once, for every kind of builder, with `report`: the first collision of each of its
/// entries is pushed there. A resource's builders pass `None`: their Truto methods were reported then.
pub fn builder_namespace(
    kind: MethodKind,
    typed_body: bool,
    truto_methods: &[TrutoMethod],
    report: Option<&mut Vec<Diagnostic>>,
) -> Namespace {
    let mut names = Namespace::default();
    for name in BUILDER_METHODS {
        names.reserve(name, format!("the builder method `{name}`"));
    }
    if kind == MethodKind::Custom && !typed_body {
        names.reserve("body", "the builder method `body` (the untyped body of a custom method without `body:`)");
    }
    if matches!(kind, MethodKind::Create | MethodKind::Update | MethodKind::Custom) {
        for name in ["idempotency_key", "idempotent"] {
            names.reserve(name, format!("the builder method `{name}`"));
        }
    }
    let mut collisions = Vec::new();
    for method in truto_methods {
        collisions.extend(names.claim(&method.name, method.claim.clone()));
    }
    if let Some(report) = report {
        let reported: BTreeSet<(String, String)> =
            report.iter().map(|diagnostic| (diagnostic.file.clone(), diagnostic.path.clone())).collect();
        report.extend(
            collisions
                .into_iter()
                .filter(|diagnostic| !reported.contains(&(diagnostic.file.clone(), diagnostic.path.clone()))),
        );
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
        "response" => {
            "a response format other than the default gets a builder method named after its value, which would \
             shadow this one: leave the value out of `values`"
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
        "response" => {
            "each response format other than the default gets a builder method named after its value: list only \
             one of the values that differ in case or punctuation"
        }
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

    #[test]
    fn response_format_methods_are_claimed_against_the_builder_methods() {
        let methods: Vec<TrutoMethod> = ["raw", "send", "raw", "idempotent"]
            .into_iter()
            .enumerate()
            .map(|(index, name)| TrutoMethod {
                name: name.to_owned(),
                claim: claim(&format!("response format \"{name}\""), index),
            })
            .collect();
        let mut report = Vec::new();
        builder_namespace(MethodKind::List, true, &methods, Some(&mut report));
        assert_eq!(report.len(), 2, "{report:?}");
        builder_namespace(MethodKind::Create, true, &methods, Some(&mut report));
        assert_eq!(report.len(), 3, "{report:?}");
        assert!(report[2].message.contains("the builder method `idempotent`"), "{report:?}");
    }
}
