//! Lowering one field's YAML (`type`, `items`, `fields`, `values`, `model`) into an IR [`Type`], defining
//! the structs and enums it needs along the way.
//!
//! Nested types are named after their path unless the schema gives `model:`: the field `emails` of `User`
//! holds `UserEmail` items (arrays name their items in the singular), the object `organization` of
//! `MemberGroup` is `MemberGroupOrganization`, the enum `status` of `User` is `UserStatus`.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Diagnostics;
use crate::ir::{Enum, Field, FieldList, Struct, Type, TypeDef, TypeScope, Variant};
use crate::load::Source;
use crate::load::positions::{KeyPath, Segment};
use crate::load::raw;
use crate::naming;

use super::coverage::Catalog;
use super::names::{Claim, Namespace, catch_all_variant};
use crate::suggest;

/// Where a field is declared, which decides the keys it may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A field of a record or of a nested object.
    Model,
    /// A field of a request input: a custom method's body, a query parameter's object.
    Input,
    /// A resource-specific query parameter.
    Query,
    /// The `items` of an array or map: a type, not a field.
    Items,
    /// A shared type of `common.yaml`: a type, not a field.
    SharedType,
    /// The `response` of a custom method: the type of its `result`, not a field.
    Response,
    /// A type of a resource file's `types:`: a type, not a field.
    FileType,
}

impl Place {
    /// Whether a type, rather than a field or parameter, is declared here: only its shape is kept, so
    /// `required`, `read_only`, `supported_in` and the parameter keys have nowhere to go.
    fn is_type(self) -> bool {
        matches!(self, Self::Items | Self::SharedType | Self::Response | Self::FileType)
    }

    /// "on a field", "on `items`", … for messages.
    fn on(self) -> &'static str {
        match self {
            Self::Model => "on a field",
            Self::Input => "on a field of a request body or query object",
            Self::Query => "on a query parameter",
            Self::Items => "on `items`",
            Self::SharedType => "on a shared type",
            Self::Response => "on a custom method's `response`",
            Self::FileType => "on a type of `types:`",
        }
    }
}

/// Lowers fields of one file, collecting the types they define.
pub struct TypeLowering<'a, T> {
    source: &'a Source<T>,
    catalog: &'a Catalog<'a>,
    scope: TypeScope,
    /// Types defined so far, by Rust name.
    pub types: BTreeMap<String, TypeDef>,
    /// Type names taken so far in the module the types are emitted into.
    pub type_names: Namespace,
    /// Problems found so far.
    pub diagnostics: Diagnostics,
    /// Whether objects defined now are request inputs (query parameter objects) rather than response models.
    pub defining_inputs: bool,
    /// The types `common.yaml` declares, which `$ref: common/<Name>` may name.
    shared_names: &'a BTreeSet<String>,
    /// The types of this file a `$ref: <Name>` may name: a resource file's `types:` and its record.
    pub local_names: BTreeSet<String>,
}

impl<'a, T> TypeLowering<'a, T> {
    /// Lowering for `source`, whose types live in `scope` and must not collide with `type_names`;
    /// `shared_names` are the types a `$ref` may name.
    pub fn new(
        source: &'a Source<T>,
        catalog: &'a Catalog<'a>,
        scope: TypeScope,
        type_names: Namespace,
        shared_names: &'a BTreeSet<String>,
    ) -> Self {
        Self {
            source,
            catalog,
            scope,
            types: BTreeMap::new(),
            type_names,
            diagnostics: Diagnostics::default(),
            defining_inputs: false,
            shared_names,
            local_names: BTreeSet::new(),
        }
    }

    /// The file being lowered.
    pub fn source(&self) -> &'a Source<T> {
        self.source
    }

    /// Claims a type name defined outside this lowering (a resource handle, a request builder).
    pub fn claim_type_name(&mut self, name: &str, what: String, path: &KeyPath) {
        let claim = self.claim(what, path, true);
        if let Some(diagnostic) = self.type_names.claim(name, claim) {
            self.diagnostics.push(diagnostic);
        }
    }

    /// Defines the struct `name` from a `fields:` mapping at `path`: lowers its fields and records the struct
    /// among the scope's types.
    pub fn define_struct(
        &mut self,
        name: &str,
        description: Option<&String>,
        fields: &BTreeMap<String, raw::Field>,
        path: &KeyPath,
        input: bool,
        field_list: Option<raw::FieldList>,
    ) {
        let mut field_names = Namespace::default();
        let mut lowered = Vec::with_capacity(fields.len());
        for (json_name, field) in fields {
            let field_path = path.key(json_name);
            let rust_name = naming::snake(json_name);
            let claim = self.claim(format!("field \"{json_name}\""), &field_path, true);
            if let Some(diagnostic) = field_names.claim(&rust_name, claim) {
                self.diagnostics.push(diagnostic);
            }
            self.check_keys(field, &field_path, if input { Place::Input } else { Place::Model });
            let ty = self.lower(field, &field_path, name, json_name);
            let supported = self.catalog.resolve(
                field.supported_in.as_ref(),
                self.source,
                &field_path.key("supported_in"),
                &mut self.diagnostics,
            );
            let required_in = self.catalog.resolve(
                field.required_in.as_ref(),
                self.source,
                &field_path.key("required_in"),
                &mut self.diagnostics,
            );
            lowered.push(Field {
                json_name: json_name.clone(),
                rust_name,
                ty,
                required: field.required,
                description: field.description.clone(),
                supported,
                required_in,
                read_only: field.read_only,
                boxed: false,
                inferred: field.inferred.clone(),
            });
        }
        let extras_field = (!input).then(|| extras_field_name(&lowered));
        let definition = Struct {
            name: name.to_owned(),
            description: description.cloned(),
            fields: lowered,
            input,
            in_inputs: false,
            field_list: field_list_of(field_list),
            // Decided once every type is known (`defaults`).
            derives_default: false,
            extras_field,
        };
        self.define(name, TypeDef::Struct(definition), path);
    }

    /// Defines a struct built from other IR (a request body made of record fields), claimed at `path`.
    pub fn define_built(&mut self, definition: Struct, path: &KeyPath) {
        let name = definition.name.clone();
        self.define(&name, TypeDef::Struct(definition), path);
    }

    /// Lowers the type of `field` (written at `path`), declared as `field_name` inside the type `parent`.
    pub fn lower(&mut self, field: &raw::Field, path: &KeyPath, parent: &str, field_name: &str) -> Type {
        self.lower_documented(field, path, parent, field_name, None)
    }

    /// [`lower`](Self::lower), documenting a type the schema leaves undescribed with `fallback` (array items
    /// are described by their array).
    fn lower_documented(
        &mut self,
        field: &raw::Field,
        path: &KeyPath,
        parent: &str,
        field_name: &str,
        fallback: Option<String>,
    ) -> Type {
        let ty = match (&field.ty, &field.reference) {
            (Some(_), Some(_)) => {
                self.diagnostics
                    .push(self.source.error_at_key(&path.key("$ref"), "give either `type` or `$ref`, not both"));
                return Type::Any;
            }
            (Some(raw::TypeName::Unknown(ty)), None) => {
                let known = || raw::TypeName::known_names().collect::<Vec<_>>().join(", ");
                let mut diagnostic = self.source.error_at(&path.key("type"), format!("unknown type \"{ty}\""));
                diagnostic.help = suggest::did_you_mean(ty, raw::TypeName::known_names())
                    .or_else(|| Some(format!("expected one of: {}", known())));
                self.diagnostics.push(diagnostic);
                return Type::Any;
            }
            (Some(ty), None) => ty,
            (None, Some(reference)) => return self.lower_reference(field, reference, path),
            (None, None) => {
                let known = raw::TypeName::known_names().collect::<Vec<_>>().join(", ");
                self.diagnostics.push(
                    self.source
                        .error_at_key(path, "missing `type`")
                        .with_help(format!("expected one of: {known}, or `$ref: common/<Type>`")),
                );
                return Type::Any;
            }
        };
        self.reject_misplaced(field, path);
        self.lower_type(ty, field, path, parent, field_name, fallback)
    }

    /// The IR type of a known `type:`; objects and enums are defined on the way.
    fn lower_type(
        &mut self,
        ty: &raw::TypeName,
        field: &raw::Field,
        path: &KeyPath,
        parent: &str,
        field_name: &str,
        fallback: Option<String>,
    ) -> Type {
        use raw::TypeName as Raw;
        match ty {
            Raw::String => Type::String,
            Raw::Integer => Type::Integer,
            Raw::Number => Type::Number,
            Raw::Boolean => Type::Boolean,
            Raw::DateTime => Type::DateTime,
            Raw::Date => Type::Date,
            Raw::Uuid => Type::Uuid,
            Raw::Url => Type::Url,
            Raw::Email => Type::Email,
            Raw::Any | Raw::Unknown(_) => Type::Any,
            Raw::Map => match &field.items {
                Some(items) => Type::Map(Box::new(self.lower_items(field, items, path, parent, field_name))),
                None => Type::Map(Box::new(Type::Any)),
            },
            Raw::Array => match &field.items {
                Some(items) => Type::Array(Box::new(self.lower_items(field, items, path, parent, field_name))),
                None => {
                    self.diagnostics
                        .push(self.source.error_at(&path.key("type"), "an array needs `items` (the item type)"));
                    Type::Array(Box::new(Type::Any))
                }
            },
            Raw::Object => {
                let name = self.type_name(field, path, || naming::nested_type(parent, field_name));
                match &field.fields {
                    Some(fields) if !fields.is_empty() => {
                        let input = self.defining_inputs;
                        let description = field.description.clone().or(fallback);
                        let fields_path = path.key("fields");
                        self.define_struct(&name, description.as_ref(), fields, &fields_path, input, field.field_list);
                    }
                    _ => self.diagnostics.push(self.source.error_at(
                        &path.key("type"),
                        "an object needs `fields`; use `map` for an object with arbitrary keys",
                    )),
                }
                Type::Named(name, self.scope)
            }
            Raw::Enum => {
                let name = self.type_name(field, path, || naming::nested_type(parent, field_name));
                self.define_enum(&name, field, path, fallback);
                Type::Named(name, self.scope)
            }
        }
    }

    /// `$ref: common/Address`: a type of `common.yaml`.
    fn lower_reference(&mut self, field: &raw::Field, reference: &str, path: &KeyPath) -> Type {
        let ref_path = path.key("$ref");
        for (key, present) in [
            ("items", field.items.is_some()),
            ("fields", field.fields.is_some()),
            ("values", field.values.is_some()),
            ("model", field.model.is_some()),
        ] {
            if present {
                self.diagnostics.push(self.source.error_at_key(
                    &path.key(key),
                    format!("`{key}` does not apply to a `$ref`: the shared type defines its own shape"),
                ));
            }
        }
        let Some(name) = reference.strip_prefix("common/") else {
            if self.local_names.contains(reference) {
                return Type::Named(reference.to_owned(), self.scope);
            }
            let mut diagnostic = self.source.error_at(
                &ref_path,
                format!("`$ref: {reference}` names neither a type of this file nor a shared type"),
            );
            let shared = self.shared_names.iter().map(|name| format!("common/{name}"));
            let candidates: Vec<String> = self.local_names.iter().cloned().chain(shared).collect();
            let closest = match self.shared_names.contains(reference) {
                true => Some(format!("common/{reference}")),
                false => suggest::closest(reference, candidates.iter().map(String::as_str)).map(str::to_owned),
            };
            diagnostic.help = closest.map(|name| format!("did you mean `$ref: {name}`?")).or_else(|| {
                Some(
                    "a resource file's own types (under `types:`) and its record are `$ref: <Name>`; shared types \
                     are `common/<Type>`, declared in common.yaml"
                        .to_owned(),
                )
            });
            self.diagnostics.push(diagnostic);
            return Type::Any;
        };
        if !self.shared_names.contains(name) {
            let mut diagnostic = self.source.error_at(
                &ref_path,
                format!("unknown shared type \"{name}\" (shared types are declared in common.yaml)"),
            );
            diagnostic.help = suggest::did_you_mean(name, self.shared_names.iter().map(String::as_str))
                .map(|help| help.replace("did you mean \"", "did you mean \"common/"));
            self.diagnostics.push(diagnostic);
            return Type::Any;
        }
        Type::Named(name.to_owned(), TypeScope::Shared)
    }

    /// Array items and map values are named like their field (in the singular) and described by it.
    fn lower_items(
        &mut self,
        field: &raw::Field,
        items: &raw::Field,
        path: &KeyPath,
        parent: &str,
        field_name: &str,
    ) -> Type {
        let items_path = path.key("items");
        self.check_keys(items, &items_path, Place::Items);
        let fallback = match &field.description {
            Some(description) => format!("An entry of `{parent}::{field_name}`: {}", lowercase_first(description)),
            None => format!("An entry of `{parent}::{field_name}`."),
        };
        self.lower_documented(items, &items_path, parent, &naming::singular(field_name), Some(fallback))
    }

    fn define_enum(&mut self, name: &str, field: &raw::Field, path: &KeyPath, fallback: Option<String>) {
        let values = field.values.as_deref().unwrap_or_default();
        if values.is_empty() {
            self.diagnostics.push(self.source.error_at(&path.key("type"), "an enum needs `values` (at least one)"));
        }
        let mut variant_names = Namespace::default();
        let mut variants = Vec::with_capacity(values.len());
        let mut seen = BTreeSet::new();
        for (index, value) in values.iter().enumerate() {
            let value_path = path.key("values").index(index);
            if !seen.insert(value.as_str()) {
                self.diagnostics.push(self.source.error_at(&value_path, format!("value \"{value}\" is listed twice")));
                continue;
            }
            let rust_name = naming::pascal(value);
            let claim = self.claim(format!("value \"{value}\""), &value_path, false);
            match variant_names.claim(&rust_name, claim) {
                None => variants.push(Variant { value: value.clone(), rust_name, label: None }),
                Some(diagnostic) => self.diagnostics.push(diagnostic),
            }
        }
        let other = catch_all_variant(&variant_names);
        let description = field.description.clone().or(fallback);
        let definition = Enum { name: name.to_owned(), description, variants, other };
        self.define(name, TypeDef::Enum(definition), path);
    }

    /// The `model:` name when given and valid, else the derived one.
    fn type_name(&mut self, field: &raw::Field, path: &KeyPath, derived: impl FnOnce() -> String) -> String {
        match &field.model {
            Some(model) if naming::is_type_name(model) => model.clone(),
            Some(model) => {
                self.diagnostics.push(self.source.error_at(
                    &path.key("model"),
                    format!("\"{model}\" is not a Rust type name (expected UpperCamelCase letters and digits)"),
                ));
                derived()
            }
            None => derived(),
        }
    }

    fn define(&mut self, name: &str, definition: TypeDef, path: &KeyPath) {
        let what = match &definition {
            TypeDef::Struct(_) => format!("type `{name}`"),
            TypeDef::Enum(_) => format!("enum `{name}`"),
        };
        // A type is named where its name comes from: its `model:`, else the field (or file) defining it.
        let owner = match path.segments().last() {
            Some(Segment::Key(key)) if key == "fields" => path.parent().unwrap_or_default(),
            _ => path.clone(),
        };
        let model = owner.key("model");
        let claim = if self.source.positions.contains(&model) {
            self.claim(what, &model, false)
        } else {
            self.claim(what, &owner, true)
        };
        match self.type_names.claim(name, claim) {
            None => {
                self.types.insert(name.to_owned(), definition);
            }
            Some(diagnostic) => self.diagnostics.push(diagnostic),
        }
    }

    /// Reports keys that do not belong in `place`: every key accepted here is carried into the IR, so none
    /// is silently lost.
    pub fn check_keys(&mut self, field: &raw::Field, path: &KeyPath, place: Place) {
        use Place::{Input, Model, Query};
        let keys: [(&str, bool, &[Place]); 8] = [
            ("required_in", field.required_in.is_some(), &[Query, Input]),
            ("default", field.default.is_some(), &[Query]),
            ("example", field.example.is_some(), &[Query]),
            ("required", field.required, &[Model, Input]),
            ("read_only", field.read_only, &[Model]),
            ("supported_in", field.supported_in.is_some(), &[Model, Query, Input]),
            ("operators", field.operators.is_some(), &[Query]),
            ("inferred", field.inferred.is_some(), &[Model, Query, Input]),
        ];
        for (key, present, allowed) in keys {
            if present && !allowed.contains(&place) {
                let help = if place.is_type() {
                    type_place_help(place, key)
                } else {
                    match key {
                        "required" => {
                            "a query parameter's requirement depends on the integration: use `required_in`".to_owned()
                        }
                        "required_in" => "`required_in` lists the integrations that require a query parameter or a \
                                          field of a request body; for a record field sent by create or update, use \
                                          `request_fields` of the method"
                            .to_owned(),
                        "inferred" => "`inferred` says what about a field or parameter was inferred".to_owned(),
                        "read_only" => "`read_only` marks record fields the server sets".to_owned(),
                        "operators" => "`operators` lists the comparison operators of a query parameter".to_owned(),
                        "example" => "`example` shows a parameter's value in rustdoc: it applies to query \
                                      parameters only; write it into the field's `description` instead"
                            .to_owned(),
                        _ => "`default` gives the value a query parameter has when it is not sent".to_owned(),
                    }
                };
                let message = format!("`{key}` is not allowed {}", place.on());
                self.diagnostics.push(self.source.error_at_key(&path.key(key), message).with_help(help));
            }
        }
        // A type's description becomes the rustdoc of the struct or enum it defines; other types define none.
        if place.is_type() && field.description.is_some() && !documents_type(field) {
            let ty = match (&field.ty, &field.reference) {
                (Some(ty), _) => format!("type \"{ty}\""),
                (None, Some(reference)) => format!("`$ref: {reference}`"),
                (None, None) => "no type".to_owned(),
            };
            let holder = match place {
                Place::Items => "the field holding the array or map",
                Place::SharedType => "the fields using the shared type",
                _ => "the method with its own `description`",
            };
            self.diagnostics.push(
                self.source
                    .error_at_key(
                        &path.key("description"),
                        format!("`description` is not allowed {} of {ty}", place.on()),
                    )
                    .with_help(format!(
                        "only an `object` or `enum` defines a struct or enum for the description to document; \
                         describe {holder} instead"
                    )),
            );
        }
    }

    /// Reports `items`, `fields`, `values` or `model` on a type that has no use for them.
    fn reject_misplaced(&mut self, field: &raw::Field, path: &KeyPath) {
        use raw::TypeName as Raw;
        let Some(ty) = &field.ty else { return };
        let misplaced = [
            ("items", field.items.is_some(), ty.is_container()),
            ("fields", field.fields.is_some(), *ty == Raw::Object),
            ("field_list", field.field_list.is_some(), *ty == Raw::Object),
            ("values", field.values.is_some(), *ty == Raw::Enum),
            ("model", field.model.is_some(), ty.defines_type()),
        ];
        for (key, present, allowed) in misplaced {
            if present && !allowed {
                self.diagnostics
                    .push(self.source.error_at_key(&path.key(key), format!("`{key}` does not apply to type \"{ty}\"")));
            }
        }
    }

    /// A claim on a name written at `path`, located at its key or its value.
    fn claim(&self, what: String, path: &KeyPath, at_key: bool) -> Claim {
        let location = if at_key { self.source.positions.key(path) } else { self.source.positions.value(path) };
        Claim { what, file: self.source.file.clone(), location, path: path.to_string() }
    }
}

/// The Rust name of a response model's extras field: `extras`, or with as many `_` appended as it takes for
/// no field of the schema to have that name.
fn extras_field_name(fields: &[Field]) -> String {
    let mut name = "extras".to_owned();
    while fields.iter().any(|field| field.rust_name == name) {
        name.push('_');
    }
    name
}

/// The IR's [`FieldList`] for a schema's `field_list:` (complete when absent).
pub fn field_list_of(field_list: Option<raw::FieldList>) -> FieldList {
    match field_list.unwrap_or_default() {
        raw::FieldList::Complete => FieldList::Complete,
        raw::FieldList::Partial => FieldList::Partial,
        raw::FieldList::Unknown => FieldList::Unknown,
    }
}

/// Help for a field-level `key` written where only a type is declared.
fn type_place_help(place: Place, key: &str) -> String {
    match (place, key) {
        (Place::Response, "supported_in") => {
            "`response` gives only the type of the method's `result`; the method's own `supported_in` says which \
             integrations serve it"
                .to_owned()
        }
        (Place::Response, _) => "`response` gives only the type of the method's `result`".to_owned(),
        (Place::SharedType, _) => {
            format!("a shared type gives only a type; put `{key}` on the fields that use it with `$ref: common/<Name>`")
        }
        (Place::FileType, _) => {
            format!("a type of `types:` gives only a type; put `{key}` on the fields that use it with `$ref: <Name>`")
        }
        _ => {
            format!("`items` gives only the type of each entry; `{key}` belongs on the field holding the array or map")
        }
    }
}

/// Whether the `description` of a type declared at `field` is kept: it documents the struct or enum an object
/// or enum defines, and the description of array or map items is passed on to the object or enum inside them
/// that has none of its own.
fn documents_type(field: &raw::Field) -> bool {
    match &field.ty {
        Some(ty) if ty.defines_type() => true,
        Some(ty) if ty.is_container() => {
            field.items.as_deref().is_some_and(|items| items.description.is_none() && documents_type(items))
        }
        _ => false,
    }
}

/// "The emails of the user" → "the emails of the user", to continue a sentence.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.trim().chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        Some(first) => std::iter::once(first).chain(chars).collect(),
        None => String::new(),
    }
}
