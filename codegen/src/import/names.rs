//! Names the imported schema gives: so that the validator accepts whatever Truto's names are, the importer
//! claims every Rust name validation will claim, and resolves a collision itself, never silently.
//!
//! - Rust type names are unique within a unified API's module: [`TypeNames`] holds the names generated code
//!   takes (the prelude, handles, request builders, bodies, records) and hands out the others, adding a digit
//!   (`UserAddress2`) where a derived name is taken; the resource file then names the type with `model:`.
//! - Record models are derived from the resource (`users` → `User`), avoiding the handle (`Users`) and
//!   other resources' names (`status` → `StatusRecord`).
//! - Fields, enum values, methods and query parameters that collide after case conversion are dropped by
//!   their callers, with a warning, keeping the first by name.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::MethodKind;
use crate::naming;
use crate::validate::RESERVED_TYPE_NAMES;

/// The Rust type names taken in one unified API's module.
#[derive(Clone, Debug, Default)]
pub struct TypeNames {
    taken: BTreeSet<String>,
}

impl TypeNames {
    /// The names of the module of unified API `api` before any resource: the prelude names generated code
    /// uses and the API's handle.
    pub fn for_api(api: &str) -> Self {
        let mut taken: BTreeSet<String> = RESERVED_TYPE_NAMES.iter().map(|name| (*name).to_owned()).collect();
        taken.insert(naming::pascal(api));
        Self { taken }
    }

    /// Whether `name` is still free.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(name)
    }

    /// Takes `name`; `false` when it was taken already.
    pub fn claim(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_owned())
    }

    /// Takes `derived` if free, else the first free of `derived2`, `derived3`, ….
    pub fn allocate(&mut self, derived: &str) -> String {
        let name = std::iter::once(derived.to_owned())
            .chain((2_u32..).map(|suffix| format!("{derived}{suffix}")))
            .find(|candidate| self.is_free(candidate))
            .unwrap_or_else(|| derived.to_owned());
        self.claim(&name);
        name
    }

    /// A name for a type of a resource file's `types:`, derived from `text` (a `$ref`'s last segment). The
    /// validator names such a type by `pascal(key)`, so the key must be a type name `pascal` keeps as it is.
    pub fn allocate_key(&mut self, text: &str) -> String {
        let base = naming::pascal(text);
        let base = if is_stable_type_name(&base) { base } else { "Type".to_owned() };
        let name = std::iter::once(base.clone())
            .chain((2_u32..).map(|suffix| format!("{base}{suffix}")))
            .find(|candidate| is_stable_type_name(candidate) && self.is_free(candidate))
            .unwrap_or(base);
        self.claim(&name);
        name
    }
}

/// Whether `name` is a type name that [`naming::pascal`] leaves unchanged.
fn is_stable_type_name(name: &str) -> bool {
    naming::is_type_name(name) && naming::pascal(name) == name
}

/// The Rust names of one resource.
#[derive(Clone, Debug)]
pub struct ResourceNames {
    /// The record's type (`User`).
    pub model: String,
    /// Method name → its request builder (`list` → `ListUsers`), for the methods kept.
    pub builders: BTreeMap<String, String>,
}

/// The method kind of a method name.
pub fn kind_of(method: &str) -> MethodKind {
    MethodKind::STANDARD.into_iter().find(|kind| kind.name() == method).unwrap_or(MethodKind::Custom)
}

/// Claims the handle type of `resource` (`Users`); `Err` with why when it is taken. Every resource's
/// handle is claimed before any record is named, so that records avoid them all.
pub fn claim_handle(names: &mut TypeNames, resource: &str) -> Result<(), String> {
    let handle = naming::pascal(resource);
    match names.claim(&handle) {
        true => Ok(()),
        false => Err(format!("its handle type `{handle}` is already a type of this unified API")),
    }
}

/// Claims the names of resource `resource` (whose handle is claimed) with `methods` (valid method names) in
/// `names`. Returns the names, and each method left out with why (its builder's name is taken).
pub fn resource_names(
    names: &mut TypeNames,
    resource: &str,
    methods: &[String],
) -> (ResourceNames, Vec<(String, String)>) {
    let kinds: BTreeSet<MethodKind> = methods.iter().map(|method| kind_of(method)).collect();
    let model = record_model(names, resource, &kinds);
    let resource_part = naming::pascal_part(resource);
    let mut builders = BTreeMap::new();
    let mut dropped = Vec::new();
    for method in methods {
        let (builder, body) = match kind_of(method) {
            MethodKind::List => (format!("List{resource_part}"), None),
            MethodKind::Custom => {
                let builder = naming::pascal(&format!("{}{resource_part}", naming::pascal_part(method)));
                let body = format!("{builder}Body");
                (builder, Some(body))
            }
            kind => {
                builders.insert(method.clone(), format!("{}{model}", naming::pascal(kind.name())));
                continue;
            }
        };
        let free = names.is_free(&builder) && body.as_ref().is_none_or(|body| names.is_free(body));
        if free {
            names.claim(&builder);
            if let Some(body) = &body {
                names.claim(body);
            }
            builders.insert(method.clone(), builder);
        } else {
            dropped.push((
                method.clone(),
                format!("its request builder `{builder}` is already a type of this unified API"),
            ));
        }
    }
    (ResourceNames { model, builders }, dropped)
}

/// The record's type name: the resource in the singular (`users` → `User`), or with `Record` (and a digit)
/// appended until it and the names derived from it (`GetUser`, `UserCreate`, …) are all free; claims them.
fn record_model(names: &mut TypeNames, resource: &str, kinds: &BTreeSet<MethodKind>) -> String {
    let base = naming::pascal(&naming::singular(resource));
    let base = if naming::is_type_name(&base) { base } else { format!("{}Record", base.trim_end_matches('_')) };
    let base = if naming::is_type_name(&base) { base } else { "Record".to_owned() };
    let derived = |model: &str| -> Vec<String> {
        let mut all = vec![model.to_owned()];
        for kind in kinds {
            match kind {
                MethodKind::Get | MethodKind::Delete => all.push(format!("{}{model}", naming::pascal(kind.name()))),
                MethodKind::Create | MethodKind::Update => {
                    let verb = naming::pascal(kind.name());
                    all.push(format!("{verb}{model}"));
                    all.push(format!("{model}{verb}"));
                }
                MethodKind::List | MethodKind::Custom => {}
            }
        }
        all
    };
    let candidates = std::iter::once(base.clone())
        .chain(std::iter::once(format!("{base}Record")))
        .chain((2_u32..).map(|suffix| format!("{base}Record{suffix}")));
    let mut candidates = candidates;
    let model = candidates.find(|candidate| derived(candidate).iter().all(|name| names.is_free(name))).unwrap_or(base);
    for name in derived(&model) {
        names.claim(&name);
    }
    model
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_names_get_a_digit_when_taken() {
        let mut names = TypeNames::for_api("crm");
        assert!(!names.is_free("Crm") && !names.is_free("String"));
        assert_eq!(names.allocate("UserAddress"), "UserAddress");
        assert_eq!(names.allocate("UserAddress"), "UserAddress2");
        assert_eq!(names.allocate_key("address"), "Address");
        assert_eq!(names.allocate_key("address"), "Address2");
        assert_eq!(names.allocate_key("ABC"), "Abc");
        assert_eq!(names.allocate_key("self"), "Type");
        assert_eq!(names.allocate_key("String"), "String2");
    }

    #[test]
    fn records_avoid_their_handle_and_other_resources() {
        let mut names = TypeNames::for_api("crm");
        for resource in ["users", "user", "status"] {
            claim_handle(&mut names, resource).unwrap();
        }
        let methods = ["list".to_owned(), "get".to_owned(), "create".to_owned(), "merge".to_owned()];
        let (users, dropped) = resource_names(&mut names, "users", &methods);
        assert_eq!(users.model, "UserRecord", "`User` is the handle of resource user");
        assert!(dropped.is_empty());
        assert_eq!(users.builders["list"], "ListUsers");
        assert_eq!(users.builders["get"], "GetUserRecord");
        assert_eq!(users.builders["merge"], "MergeUsers");
        let (status, _) = resource_names(&mut names, "status", &methods[..1]);
        assert_eq!(status.model, "StatusRecord", "`Status` is the handle");
        let (user, _) = resource_names(&mut names, "user", &methods[..2]);
        assert_eq!(user.model, "UserRecord2", "`UserRecord` is taken by users");
        assert!(claim_handle(&mut names, "users").is_err(), "the handle `Users` is taken");
        assert!(claim_handle(&mut names, "merge_users").is_err(), "`MergeUsers` is a builder");
        let mut names = TypeNames::for_api("crm");
        claim_handle(&mut names, "list_a").unwrap();
        claim_handle(&mut names, "a").unwrap();
        let (_, dropped) = resource_names(&mut names, "a", &["list".to_owned()]);
        assert_eq!(dropped.len(), 1, "`ListA` is the handle of list_a");
    }
}
