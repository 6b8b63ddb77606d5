//! What a schema says the server requires, as plain `'static` data: the resources, their methods, and per
//! method the query parameters and body fields each integration requires (the schema's `required_in`, on query
//! parameters and on `request_fields`).
//!
//! The generator emits one [`Spec`] for a whole schema; a fake server (`truto-unified-fake`) takes it at
//! start-up to answer like Truto: which resources and methods exist, and which requests an integrated account of
//! a given integration rejects with `truto_error_insight.missing_required_query_parameters` or
//! `missing_required_body_fields`. Only what some integration requires is listed: a parameter no integration
//! requires does not appear.
//!
//! ```
//! use truto_unified_runtime::spec::{MethodKind, MethodSpec, Requirement, ResourceSpec, Spec};
//!
//! static SPEC: Spec = Spec {
//!     resources: &[ResourceSpec {
//!         path: "/unified/crm/contacts",
//!         methods: &[
//!             MethodSpec::standard(MethodKind::List),
//!             MethodSpec {
//!                 kind: MethodKind::Create,
//!                 name: "create",
//!                 query: &[Requirement { name: "workspace", required_in: &["highlevel"] }],
//!                 body: &[Requirement { name: "account", required_in: &["close", "planhat", "zoho_crm"] }],
//!             },
//!         ],
//!     }],
//! };
//!
//! let create = SPEC.resource("/unified/crm/contacts").and_then(|contacts| contacts.method("create")).unwrap();
//! assert_eq!(create.required_body("close").collect::<Vec<_>>(), ["account"]);
//! assert_eq!(create.required_query("close").count(), 0);
//! ```
//!
//! The types have public fields and no private ones so that generated code in any crate can write them as
//! `static` literals.

/// Every resource of a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// The resources, in any order.
    pub resources: &'static [ResourceSpec],
}

impl Spec {
    /// The resource at `path` (`/unified/crm/contacts`).
    pub fn resource(&self, path: &str) -> Option<&'static ResourceSpec> {
        self.resources.iter().find(|resource| resource.path == path)
    }
}

/// One resource and its methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceSpec {
    /// The path below the base URL, without an id: `/unified/crm/contacts`.
    pub path: &'static str,
    /// Its methods: the standard ones and its custom methods.
    pub methods: &'static [MethodSpec],
}

impl ResourceSpec {
    /// The method named `name` (`list`, …, or a custom method's name, `merge`).
    pub fn method(&self, name: &str) -> Option<&'static MethodSpec> {
        self.methods.iter().find(|method| method.name == name)
    }
}

/// One method of a resource, with what integrations require of its requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MethodSpec {
    /// Which kind of method.
    pub kind: MethodKind,
    /// Its name: the kind's name for standard methods (`list`), the last path segment for custom ones (`merge`).
    pub name: &'static str,
    /// Query parameters some integrations require.
    pub query: &'static [Requirement],
    /// Body fields some integrations require.
    pub body: &'static [Requirement],
}

impl MethodSpec {
    /// A standard method (`list`, `get`, …) that no integration requires anything of.
    pub const fn standard(kind: MethodKind) -> Self {
        Self { kind, name: kind.name(), query: &[], body: &[] }
    }

    /// A method with what integrations require of it: the fields in order, as the generated `SPEC` lists
    /// them one method a line.
    pub const fn new(
        kind: MethodKind,
        name: &'static str,
        query: &'static [Requirement],
        body: &'static [Requirement],
    ) -> Self {
        Self { kind, name, query, body }
    }

    /// The query parameters `integration` (a slug: `highlevel`) requires.
    pub fn required_query<'a>(&self, integration: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        required_by(self.query, integration)
    }

    /// The body fields `integration` requires.
    pub fn required_body<'a>(&self, integration: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        required_by(self.body, integration)
    }
}

/// The names of `requirements` that `integration` requires.
fn required_by<'a>(
    requirements: &'static [Requirement],
    integration: &'a str,
) -> impl Iterator<Item = &'static str> + 'a {
    requirements
        .iter()
        .filter(move |requirement| requirement.required_in.contains(&integration))
        .map(|requirement| requirement.name)
}

/// A query parameter or body field, and the integrations that reject a request without it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Requirement {
    /// The wire name (`workspace`, `account`).
    pub name: &'static str,
    /// The integrations requiring it, by slug (`highlevel`).
    pub required_in: &'static [&'static str],
}

impl Requirement {
    /// `name`, required by `required_in`.
    pub const fn new(name: &'static str, required_in: &'static [&'static str]) -> Self {
        Self { name, required_in }
    }
}

/// The kinds of method a unified resource has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MethodKind {
    /// `GET {path}`: a page of records.
    List,
    /// `GET {path}/{id}`: one record.
    Get,
    /// `POST {path}`: a new record.
    Create,
    /// `PATCH {path}/{id}`: changes to a record.
    Update,
    /// `DELETE {path}/{id}`: answers `{id}`.
    Delete,
    /// `POST {path}/{method}`: an integration-specific verb, answering `{result}`.
    Custom,
}

impl MethodKind {
    /// The schema name of a standard method (`list`); `custom` for custom methods.
    pub const fn name(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::Get => "get",
            Self::Create => "create",
            Self::Update => "update",
            Self::Delete => "delete",
            Self::Custom => "custom",
        }
    }

    /// The HTTP method it is sent with.
    pub const fn http_method(self) -> &'static str {
        match self {
            Self::List | Self::Get => "GET",
            Self::Create | Self::Custom => "POST",
            Self::Update => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    /// Whether its path ends with a record id.
    pub const fn takes_id(self) -> bool {
        matches!(self, Self::Get | Self::Update | Self::Delete)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SPEC: Spec = Spec {
        resources: &[ResourceSpec {
            path: "/unified/calendar/events",
            methods: &[
                MethodSpec::standard(MethodKind::List),
                MethodSpec {
                    kind: MethodKind::Get,
                    name: "get",
                    query: &[Requirement { name: "calendar", required_in: &["google_calendar", "outlook_calendar"] }],
                    body: &[],
                },
                MethodSpec::new(MethodKind::Custom, "rsvp", &[], &[Requirement::new("response", &["google_calendar"])]),
            ],
        }],
    };

    #[test]
    fn resources_and_methods_are_found_by_path_and_name() {
        let events = SPEC.resource("/unified/calendar/events").unwrap();
        assert!(SPEC.resource("/unified/calendar/users").is_none());
        assert_eq!(events.method("list").unwrap().kind, MethodKind::List);
        assert_eq!(events.method("rsvp").unwrap().kind.http_method(), "POST");
        assert!(events.method("delete").is_none());
        let get = events.method("get").unwrap();
        assert_eq!(get.required_query("google_calendar").collect::<Vec<_>>(), ["calendar"]);
        assert_eq!(get.required_query("slack").count(), 0);
        assert!(get.kind.takes_id() && !MethodKind::Custom.takes_id());
        let rsvp = events.method("rsvp").unwrap();
        assert_eq!((rsvp.name, rsvp.required_body("google_calendar").collect::<Vec<_>>()), ("rsvp", vec!["response"]));
    }
}
