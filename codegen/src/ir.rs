//! The intermediate representation: a closed, validated model of the whole API.
//!
//! [`crate::validate`] is the only producer; the emitters are the only consumers. Every name here is already
//! a checked Rust identifier, every type reference resolves, every integration is known, and every
//! collection is ordered (`BTreeMap`, or a `Vec` sorted by name), so emitting is a pure function of this
//! model and the output is byte-for-byte reproducible.

use std::collections::{BTreeMap, BTreeSet};

/// The whole API: the integrations catalog, the shared types and every unified API with its resources.
///
/// Truto's own query parameters (`integrated_account_id`, `truto_response_format`, `limit`, `next_cursor`,
/// …) are not here: the runtime speaks them, for every resource ([`crate::runtime_api`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Ir {
    /// Every known integration, by slug.
    pub integrations: BTreeMap<String, Integration>,
    /// Root types by Rust name: the `Integration` enum of the catalog.
    pub root_types: BTreeMap<String, TypeDef>,
    /// Types shared across resources (`common.yaml`) that something uses (a resource or a root type, directly
    /// or through other types), by Rust name; emitted in the `common` module. Unused ones are validated, then
    /// left out.
    pub shared_types: BTreeMap<String, TypeDef>,
    /// For each shared type, the Cargo features of the unified APIs that use it (through anything a resource
    /// holds, directly or through other types): with feature gates on, a type is compiled only when one of
    /// them is enabled. Types a root type uses are absent: always compiled.
    pub shared_type_features: BTreeMap<String, BTreeSet<String>>,
    /// Unified APIs, by path segment.
    pub apis: BTreeMap<String, Api>,
}

/// An integration: a SaaS product behind the unified APIs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Integration {
    /// `outlook_calendar`.
    pub slug: String,
    /// `Outlook Calendar`.
    pub name: String,
}

/// One unified API (`calendar`, `instant-messaging`): a module and a Cargo feature.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// URL path segment (`instant-messaging`).
    pub path: String,
    /// Module and accessor name (`instant_messaging`).
    pub module: String,
    /// Cargo feature gating the module (`instant-messaging`).
    pub feature: String,
    /// Type name of the API handle (`InstantMessaging`; `FormsApi` when a resource's handle is `Forms`).
    pub handle: String,
    /// Type name of the API's seeding handle, for fake servers in tests (`InstantMessagingSeed`: the handle's
    /// name and `Seed`).
    pub seed_handle: String,
    /// Display name (`Instant Messaging`).
    pub name: String,
    /// What the API covers.
    pub description: Option<String>,
    /// Resources, by path segment.
    pub resources: BTreeMap<String, Resource>,
}

/// A resource's URL path below the base URL, as requests use it and docs quote it:
/// `/unified/calendar/users`.
pub fn unified_path(api_path: &str, resource_path: &str) -> String {
    format!("/unified/{api_path}/{resource_path}")
}

/// One unified resource (`users`): a module with its models, a handle and its request builders.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    /// URL path segment (`users`, `drive-items`).
    pub path: String,
    /// Module and accessor name (`users`, `drive_items`).
    pub module: String,
    /// Whether the module has its unified API's name (`/unified/ads/ads` → `ads::ads`).
    pub named_like_its_api: bool,
    /// Type name of the resource handle (`Users`).
    pub handle: String,
    /// The schema file it came from (`calendar/users.yaml`), quoted in docs.
    pub source_file: String,
    /// What a record is.
    pub description: Option<String>,
    /// What about the resource was inferred rather than read on Truto's pages.
    pub inferred: Option<String>,
    /// Rust name of the record type (`User`), a key of `types`.
    pub model: String,
    /// Methods: the standard ones in [`MethodKind`] order, then custom methods by name.
    pub methods: Vec<Method>,
    /// Every struct and enum this resource defines, by Rust name: the record, its nested objects, its enums,
    /// the objects of its query parameters, and the request bodies of its create, update and custom methods.
    pub types: BTreeMap<String, TypeDef>,
}

impl Resource {
    /// The methods answering with the resource's record: list, get, create, update, and custom methods
    /// whose `result` is the record.
    pub fn methods_returning_the_record(&self) -> impl Iterator<Item = &Method> {
        self.methods.iter().filter(|method| match &method.response {
            MethodResponse::Page | MethodResponse::Record => true,
            MethodResponse::Result(Type::Named(name, TypeScope::Resource)) => name == &self.model,
            MethodResponse::Result(_) | MethodResponse::Deleted => false,
        })
    }

    /// Every type the resource holds: its types' fields, its methods' query parameters, bodies and responses
    /// (the record itself is one of its types).
    pub fn held_types(&self) -> impl Iterator<Item = Type> + '_ {
        let fields = self.types.values().flat_map(TypeDef::field_types).cloned();
        let methods = self.methods.iter().flat_map(|method| {
            let query = method.query.values().map(|param| param.ty.clone());
            let body = method.body.iter().map(|body| Type::Named(body.clone(), TypeScope::Resource));
            let response = match &method.response {
                MethodResponse::Result(ty) => Some(ty.clone()),
                MethodResponse::Page | MethodResponse::Record | MethodResponse::Deleted => None,
            };
            query.chain(body).chain(response)
        });
        let record = std::iter::once(Type::Named(self.model.clone(), TypeScope::Resource));
        record.chain(fields).chain(methods)
    }

    /// The types the resource's requests carry, which callers build: its query parameters' types and its
    /// input structs (request bodies, query parameter objects).
    pub fn input_types(&self) -> impl Iterator<Item = Type> + '_ {
        let query = self.methods.iter().flat_map(|method| method.query.values()).map(|param| param.ty.clone());
        let inputs = self.types.values().filter_map(|definition| match definition {
            TypeDef::Struct(definition) if definition.input => {
                Some(Type::Named(definition.name.clone(), TypeScope::Resource))
            }
            _ => None,
        });
        query.chain(inputs)
    }
}

/// A type definition.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeDef {
    /// A JSON object.
    Struct(Struct),
    /// A string with documented values; open to others.
    Enum(Enum),
}

impl TypeDef {
    /// The types of its fields (none for an enum).
    pub fn field_types(&self) -> impl Iterator<Item = &Type> {
        let fields = match self {
            Self::Struct(definition) => definition.fields.as_slice(),
            Self::Enum(_) => &[],
        };
        fields.iter().map(|field| &field.ty)
    }
}

/// A JSON object with known fields.
#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    /// Rust type name.
    pub name: String,
    /// Documentation.
    pub description: Option<String>,
    /// Fields, sorted by JSON name.
    pub fields: Vec<Field>,
    /// Whether it describes a request input (a body, a query parameter object) rather than a response
    /// model: inputs stay constructible with struct literals and are only serialized.
    pub input: bool,
    /// A response model that request bodies also contain (a shared `Reference` in `ContactCreate`): it stays
    /// constructible with struct literals (no `#[non_exhaustive]`).
    pub in_inputs: bool,
    /// How much of the object's field list Truto's pages show.
    pub field_list: FieldList,
    /// Whether it derives `Default`: every required field's type has a default (recursively; enums have
    /// none). Inputs with required fields get a `new(…)` instead.
    pub derives_default: bool,
    /// Response models: the Rust name of the field holding what the server sent beyond the typed fields
    /// (`extras`, or `extras_` when a schema field takes that name). `None` for inputs.
    pub extras_field: Option<String>,
}

/// How a field holds its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldShape {
    /// Always present: the type itself.
    Required,
    /// A list or map: empty when absent.
    Collection,
    /// Anything else: `Option`.
    Optional,
}

/// How much of an object's field list Truto's pages show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FieldList {
    /// Every field.
    #[default]
    Complete,
    /// Some: Truto documents more fields than these.
    Partial,
    /// None: the resource is known only by its name and path.
    Unknown,
}

/// A field of a [`Struct`].
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Name on the wire (`first_name`, `type`).
    pub json_name: String,
    /// Rust field name (`first_name`, `r#type`).
    pub rust_name: String,
    /// Its type.
    pub ty: Type,
    /// Always present: not wrapped in `Option`.
    pub required: bool,
    /// Documentation.
    pub description: Option<String>,
    /// Which integrations fill it (or, in a request body, accept it).
    pub supported: Coverage,
    /// Request bodies: integrations rejecting the request without it.
    pub required_in: Coverage,
    /// Set by the server only; left out of request bodies.
    pub read_only: bool,
    /// Held in a `Box`: the field's type contains the field's own struct (a recursive type).
    pub boxed: bool,
    /// What about the field was inferred rather than read on Truto's pages.
    pub inferred: Option<String>,
}

impl Field {
    /// How the field holds its value.
    pub fn shape(&self) -> FieldShape {
        match (&self.ty, self.required) {
            (Type::Array(_) | Type::Map(_), _) => FieldShape::Collection,
            (_, true) => FieldShape::Required,
            (_, false) => FieldShape::Optional,
        }
    }
}

/// A string enum whose documented values get variants; any other value is kept verbatim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enum {
    /// Rust type name.
    pub name: String,
    /// Documentation.
    pub description: Option<String>,
    /// Documented values, in schema order.
    pub variants: Vec<Variant>,
    /// The Rust name of the catch-all variant: `Other`, or when a documented value takes that name, the first
    /// of `Unrecognized`, `OtherValue`, `UnrecognizedValue`, `UnrecognizedValue2`, … that none takes.
    pub other: String,
}

/// A documented enum value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// The value on the wire (`in_progress`).
    pub value: String,
    /// The Rust variant name (`InProgress`).
    pub rust_name: String,
    /// A human-readable name (`Outlook Calendar` for `outlook_calendar`), when the schema has one.
    pub label: Option<String>,
}

/// The type of a field or parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Type {
    /// `string`.
    String,
    /// `integer` (64-bit).
    Integer,
    /// `number` (64-bit float).
    Number,
    /// `boolean`.
    Boolean,
    /// `date-time` (ISO 8601), kept verbatim and parsed on demand.
    DateTime,
    /// `date` (ISO 8601), kept verbatim and parsed on demand.
    Date,
    /// `uuid`, kept as a string: Truto does not promise every id is one.
    Uuid,
    /// `url`, kept as a string.
    Url,
    /// `email`, kept as a string.
    Email,
    /// `any`: arbitrary JSON.
    Any,
    /// `map`: a JSON object with arbitrary keys and values of one type (`Record<string, any>` in Truto's
    /// docs is a map of [`Type::Any`]).
    Map(Box<Type>),
    /// `array`.
    Array(Box<Type>),
    /// A struct or enum, by Rust name, defined where [`TypeScope`] says.
    Named(String, TypeScope),
}

impl Type {
    /// The struct or enum this type holds, through arrays and maps.
    pub fn named(&self) -> Option<(&str, TypeScope)> {
        match self {
            Self::Named(name, scope) => Some((name, *scope)),
            Self::Array(inner) | Self::Map(inner) => inner.named(),
            _ => None,
        }
    }
}

/// Every named type reachable from `roots`: the types they hold and, through the fields of each definition
/// `definition` finds, the types those hold in turn (through arrays and maps, across scopes). Names
/// `definition` does not find are still included, with nothing reached through them.
pub fn reachable<'a>(
    roots: impl IntoIterator<Item = Type>,
    definition: impl Fn(&str, TypeScope) -> Option<&'a TypeDef>,
) -> BTreeSet<(String, TypeScope)> {
    let mut reached = BTreeSet::new();
    let mut pending: Vec<(String, TypeScope)> =
        roots.into_iter().filter_map(|ty| ty.named().map(|(name, scope)| (name.to_owned(), scope))).collect();
    while let Some((name, scope)) = pending.pop() {
        if reached.contains(&(name.clone(), scope)) {
            continue;
        }
        if let Some(found) = definition(&name, scope) {
            pending.extend(found.field_types().filter_map(Type::named).map(|(name, scope)| (name.to_owned(), scope)));
        }
        reached.insert((name, scope));
    }
    reached
}

/// Finds a named type's definition for [`reachable`]: in `resource` (the types of the resource referring to
/// it, if any), in the root types or in the shared types.
pub fn definitions<'a>(
    resource: Option<&'a BTreeMap<String, TypeDef>>,
    root: &'a BTreeMap<String, TypeDef>,
    shared: &'a BTreeMap<String, TypeDef>,
) -> impl Fn(&str, TypeScope) -> Option<&'a TypeDef> {
    move |name, scope| match scope {
        TypeScope::Resource => resource?.get(name),
        TypeScope::Root => root.get(name),
        TypeScope::Shared => shared.get(name),
    }
}

/// Which module a named type is defined in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeScope {
    /// A resource module (`calendar::users`), referred to from that module only.
    Resource,
    /// The generated root module (`Integration`, types of Truto parameters).
    Root,
    /// The `common` module of shared types (`common::Address`).
    Shared,
}

/// Which integrations something applies to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Coverage {
    /// The docs say nothing.
    #[default]
    Unknown,
    /// The docs say some integrations, without naming or counting them.
    Unnamed,
    /// The docs give a count without names.
    Count(u32),
    /// These integrations, sorted by display name.
    Named(Vec<Integration>),
    /// The docs count `count` integrations and name only `named` (sorted by display name).
    Partial {
        /// How many the docs count.
        count: u32,
        /// The ones they name.
        named: Vec<Integration>,
    },
}

/// The kinds of method a resource may have, in the order they are emitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MethodKind {
    /// `GET /unified/{api}/{resource}`: a page of records.
    List,
    /// `GET /unified/{api}/{resource}/{id}`: one record.
    Get,
    /// `POST /unified/{api}/{resource}`: a new record from a typed body.
    Create,
    /// `PATCH /unified/{api}/{resource}/{id}`: changes to a record, every body field optional.
    Update,
    /// `DELETE /unified/{api}/{resource}/{id}`: answers `{id}`.
    Delete,
    /// `POST /unified/{api}/{resource}/{method}`: an integration-specific verb, answering `{result}`.
    Custom,
}

impl MethodKind {
    /// The schema name (`list`); `custom` stands for every custom method in `methods:` of Truto parameters.
    pub fn name(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::Get => "get",
            Self::Create => "create",
            Self::Update => "update",
            Self::Delete => "delete",
            Self::Custom => "custom",
        }
    }

    /// Every kind, for "did you mean" suggestions.
    pub const ALL: [MethodKind; 6] = [Self::List, Self::Get, Self::Create, Self::Update, Self::Delete, Self::Custom];

    /// The standard kinds a resource file names directly (any other name is a custom method).
    pub const STANDARD: [MethodKind; 5] = [Self::List, Self::Get, Self::Create, Self::Update, Self::Delete];

    /// The HTTP method.
    pub fn http_method(self) -> &'static str {
        match self {
            Self::List | Self::Get => "GET",
            Self::Create | Self::Custom => "POST",
            Self::Update => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    /// Whether the path ends with the record id.
    pub fn takes_id(self) -> bool {
        matches!(self, Self::Get | Self::Update | Self::Delete)
    }
}

/// One method of a resource.
#[derive(Clone, Debug, PartialEq)]
pub struct Method {
    /// Which kind.
    pub kind: MethodKind,
    /// The schema name (`list`, `merge`): for custom methods, also the last path segment.
    pub name: String,
    /// The resource handle's method (`list`, `batch_delete`).
    pub handle_method: String,
    /// Type name of its request builder (`ListUsers`, `MergeAccounts`).
    pub builder: String,
    /// Summary (`List Users`).
    pub description: Option<String>,
    /// What about the method was inferred rather than read on Truto's pages.
    pub inferred: Option<String>,
    /// Which integrations serve it.
    pub supported: Coverage,
    /// `list`: integrations whose list returns only some fields.
    pub partial: Coverage,
    /// Resource-specific query parameters, by wire name.
    pub query: BTreeMap<String, QueryParam>,
    /// The request body's struct (in the resource's types), for create, update and custom methods.
    pub body: Option<String>,
    /// A custom method whose body the schema does not describe: its builder takes an untyped one
    /// (`body(json)`).
    pub untyped_body: bool,
    /// Whether it writes (`create`, `update`, custom methods): its builder takes an idempotency key.
    pub writes: bool,
    /// What `send()` returns.
    pub response: MethodResponse,
}

/// What a method's `send()` decodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MethodResponse {
    /// A page of records (`list`).
    Page,
    /// The record (`get`, `create`, `update`).
    Record,
    /// `{id}` (`delete`).
    Deleted,
    /// The `result` of a custom method's `{result}` answer.
    Result(Type),
}

/// A resource-specific query parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryParam {
    /// Name on the wire (`channel`).
    pub name: String,
    /// Setter name (`channel`).
    pub setter: String,
    /// Its type.
    pub ty: Type,
    /// Documentation.
    pub description: Option<String>,
    /// Integrations accepting it.
    pub supported: Coverage,
    /// Integrations rejecting a request without it.
    pub required_in: Coverage,
    /// The value assumed when absent.
    pub default: Option<String>,
    /// An example value or encoding.
    pub example: Option<String>,
    /// Comparison operators, each with its setter (`("gt", "created_at_gt")`): `created_at[gt]=…`.
    pub operators: Vec<(String, String)>,
    /// What about the parameter was inferred rather than read on Truto's pages.
    pub inferred: Option<String>,
}

/// An optional field named `name` (on the wire and in Rust) of type `ty`, with nothing else known: for the
/// unit tests of passes over the IR.
#[cfg(test)]
pub(crate) fn plain_field(name: &str, ty: Type) -> Field {
    Field {
        json_name: name.into(),
        rust_name: name.into(),
        ty,
        required: false,
        description: None,
        supported: Coverage::Unknown,
        required_in: Coverage::Unknown,
        read_only: false,
        boxed: false,
        inferred: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(name: &str, fields: &[Type]) -> TypeDef {
        let fields =
            fields.iter().enumerate().map(|(index, ty)| plain_field(&format!("f{index}"), ty.clone())).collect();
        let (input, in_inputs, field_list, derives_default) = (false, false, FieldList::Complete, true);
        let extras_field = Some("extras".to_owned());
        TypeDef::Struct(Struct {
            name: name.into(),
            description: None,
            fields,
            input,
            in_inputs,
            field_list,
            derives_default,
            extras_field,
        })
    }

    fn named(name: &str, scope: TypeScope) -> Type {
        Type::Named(name.into(), scope)
    }

    #[test]
    fn reachable_follows_arrays_maps_and_every_scope_through_cycles() {
        let resource = BTreeMap::from([(
            "Filter".to_owned(),
            object("Filter", &[Type::Array(Box::new(named("Address", TypeScope::Shared)))]),
        )]);
        let root = BTreeMap::from([("Options".to_owned(), object("Options", &[named("Place", TypeScope::Shared)]))]);
        let shared = BTreeMap::from([
            ("Address".to_owned(), object("Address", &[Type::Map(Box::new(named("Country", TypeScope::Shared)))])),
            ("Country".to_owned(), object("Country", &[named("Address", TypeScope::Shared)])),
            ("Place".to_owned(), object("Place", &[])),
        ]);
        let roots = [Type::Array(Box::new(named("Filter", TypeScope::Resource))), Type::String];
        let reached = reachable(roots, definitions(Some(&resource), &root, &shared));
        let expected =
            [("Address", TypeScope::Shared), ("Country", TypeScope::Shared), ("Filter", TypeScope::Resource)];
        assert_eq!(reached, expected.map(|(name, scope)| (name.to_owned(), scope)).into());

        // Root types are found without a resource; a resource-scoped name is then unknown, yet reached.
        let roots = [named("Options", TypeScope::Root), named("Filter", TypeScope::Resource)];
        let reached = reachable(roots, definitions(None, &root, &shared));
        let expected = [("Filter", TypeScope::Resource), ("Options", TypeScope::Root), ("Place", TypeScope::Shared)];
        assert_eq!(reached, expected.map(|(name, scope)| (name.to_owned(), scope)).into());
    }
}
