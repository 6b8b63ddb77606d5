//! What the fake knows of the schema: resources, their methods, and what each integration requires of them.
//!
//! Built from the static [`truto_unified_runtime::spec::Spec`] that generated code provides (`From`), or by hand
//! (the `truto-codegen fake` command builds it from the schema directly).

use std::collections::{BTreeMap, BTreeSet};

pub use truto_unified_runtime::spec::MethodKind;

/// Every resource the fake serves, with its methods.
///
/// Without a spec the fake serves every path below `/unified/` with every method. With one, a resource the spec
/// lacks (and no test seeded) answers 404, and so does a method its resource lacks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spec {
    resources: BTreeMap<String, ResourceSpec>,
}

impl Spec {
    /// A spec without resources.
    pub fn new() -> Self {
        Self::default()
    }

    /// The resource at `path` (`/unified/crm/contacts`), added when missing, to describe it.
    pub fn resource_mut(&mut self, path: impl Into<String>) -> &mut ResourceSpec {
        self.resources.entry(path.into()).or_default()
    }

    /// The resource at `path`.
    pub fn resource(&self, path: &str) -> Option<&ResourceSpec> {
        self.resources.get(path)
    }

    /// Every resource, by path.
    pub fn resources(&self) -> impl Iterator<Item = (&str, &ResourceSpec)> {
        self.resources.iter().map(|(path, resource)| (path.as_str(), resource))
    }
}

/// One resource's methods.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResourceSpec {
    methods: BTreeMap<String, MethodSpec>,
}

impl ResourceSpec {
    /// Adds (or replaces) a method: `name` is the kind's name for standard methods (`list`) and the last path
    /// segment for custom ones (`merge`).
    pub fn add_method(&mut self, kind: MethodKind, name: impl Into<String>) -> &mut MethodSpec {
        let method = MethodSpec { kind, query: BTreeMap::new(), body: BTreeMap::new() };
        let name = name.into();
        self.methods.insert(name.clone(), method);
        self.methods.get_mut(&name).expect("just inserted")
    }

    /// The method named `name`.
    pub fn method(&self, name: &str) -> Option<&MethodSpec> {
        self.methods.get(name)
    }

    /// Every method, by name.
    pub fn methods(&self) -> impl Iterator<Item = (&str, &MethodSpec)> {
        self.methods.iter().map(|(name, method)| (name.as_str(), method))
    }
}

/// One method, and the query parameters and body fields integrations require of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodSpec {
    kind: MethodKind,
    query: BTreeMap<String, BTreeSet<String>>,
    body: BTreeMap<String, BTreeSet<String>>,
}

impl MethodSpec {
    /// Which kind of method it is.
    pub fn kind(&self) -> MethodKind {
        self.kind
    }

    /// Records that `integrations` (slugs) reject a request without the query parameter `name`.
    pub fn require_query<I: Into<String>>(
        &mut self,
        name: impl Into<String>,
        integrations: impl IntoIterator<Item = I>,
    ) -> &mut Self {
        require(&mut self.query, name.into(), integrations);
        self
    }

    /// Records that `integrations` reject a request whose body lacks the field `name`.
    pub fn require_body<I: Into<String>>(
        &mut self,
        name: impl Into<String>,
        integrations: impl IntoIterator<Item = I>,
    ) -> &mut Self {
        require(&mut self.body, name.into(), integrations);
        self
    }

    /// The query parameters `integration` requires, by name.
    pub fn required_query(&self, integration: &str) -> Vec<&str> {
        required_by(&self.query, integration)
    }

    /// The body fields `integration` requires, by name.
    pub fn required_body(&self, integration: &str) -> Vec<&str> {
        required_by(&self.body, integration)
    }

    /// Every required query parameter with the integrations requiring it.
    pub fn query_requirements(&self) -> Vec<(&str, Vec<&str>)> {
        listed(&self.query)
    }

    /// Every required body field with the integrations requiring it.
    pub fn body_requirements(&self) -> Vec<(&str, Vec<&str>)> {
        listed(&self.body)
    }
}

/// Adds `integrations` to the requirement `name` (nothing when there are none).
fn require<I: Into<String>>(
    requirements: &mut BTreeMap<String, BTreeSet<String>>,
    name: String,
    integrations: impl IntoIterator<Item = I>,
) {
    let integrations: BTreeSet<String> = integrations.into_iter().map(Into::into).collect();
    if !integrations.is_empty() {
        requirements.entry(name).or_default().extend(integrations);
    }
}

fn listed(requirements: &BTreeMap<String, BTreeSet<String>>) -> Vec<(&str, Vec<&str>)> {
    requirements
        .iter()
        .map(|(name, integrations)| (name.as_str(), integrations.iter().map(String::as_str).collect()))
        .collect()
}

fn required_by<'a>(requirements: &'a BTreeMap<String, BTreeSet<String>>, integration: &str) -> Vec<&'a str> {
    requirements
        .iter()
        .filter(|(_, integrations)| integrations.contains(integration))
        .map(|(name, _)| name.as_str())
        .collect()
}

impl From<&truto_unified_runtime::spec::Spec> for Spec {
    fn from(source: &truto_unified_runtime::spec::Spec) -> Self {
        let mut spec = Spec::new();
        for resource in source.resources {
            let target = spec.resource_mut(resource.path);
            for method in resource.methods {
                let added = target.add_method(method.kind, method.name);
                for requirement in method.query {
                    added.require_query(requirement.name, requirement.required_in.iter().copied());
                }
                for requirement in method.body {
                    added.require_body(requirement.name, requirement.required_in.iter().copied());
                }
            }
        }
        spec
    }
}

impl From<truto_unified_runtime::spec::Spec> for Spec {
    fn from(source: truto_unified_runtime::spec::Spec) -> Self {
        Self::from(&source)
    }
}

#[cfg(test)]
mod tests {
    use truto_unified_runtime::spec as generated;

    use super::*;

    static CONTACTS: generated::Spec = generated::Spec {
        resources: &[generated::ResourceSpec {
            path: "/unified/crm/contacts",
            methods: &[
                generated::MethodSpec::standard(MethodKind::List),
                generated::MethodSpec {
                    kind: MethodKind::Create,
                    name: "create",
                    query: &[generated::Requirement { name: "workspace", required_in: &["highlevel"] }],
                    body: &[generated::Requirement { name: "account", required_in: &["close", "zoho_crm"] }],
                },
            ],
        }],
    };

    #[test]
    fn the_static_spec_becomes_an_owned_one() {
        let spec = Spec::from(&CONTACTS);
        let contacts = spec.resource("/unified/crm/contacts").unwrap();
        let create = contacts.method("create").unwrap();
        assert_eq!(create.kind(), MethodKind::Create);
        assert_eq!(create.required_query("highlevel"), ["workspace"]);
        assert_eq!(create.required_body("close"), ["account"]);
        assert!(create.required_body("highlevel").is_empty());
        assert_eq!(contacts.methods().map(|(name, _)| name).collect::<Vec<_>>(), ["create", "list"]);
        assert_eq!(spec.resources().count(), 1);
        let mut list = Spec::new();
        let method = list.resource_mut("/unified/a/b").add_method(MethodKind::List, "list");
        method.require_query("q", Vec::<String>::new());
        assert!(method.query_requirements().is_empty(), "a requirement of no integration is none");
    }
}
