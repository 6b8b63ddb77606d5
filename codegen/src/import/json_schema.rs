//! JSON Schema, as Truto serves it, → the fields of a resource file.
//!
//! | JSON Schema | schema |
//! |---|---|
//! | `string` (`format`: `date-time`, `date`, `uuid`, `email`, `uri`/`url`) | `string` (`date-time`, `date`, `uuid`, `email`, `url`) |
//! | `integer`, `number`, `boolean` | the same |
//! | `enum` (or `const`) of strings | `enum` with its `values` |
//! | `object` with `properties` | `object` with `fields` (`required: true` on a property, or `required: [names]`) |
//! | `object` without `properties` (`additionalProperties` a schema, `true` or absent) | `map` (with `items`) |
//! | `array` with `items` | `array` |
//! | `$ref: "#/…"` to an object or enum | a type of the file's `types:` and `$ref: <Name>`; `#` is the record |
//! | `$ref` to anything else | the target, inlined |
//! | `["string", "null"]`, `anyOf`/`oneOf` with `null`, one-element `allOf` | the non-null type |
//! | `allOf` of objects | one object with every property |
//! | no `type` | inferred from `properties`, `items`, `additionalProperties` or `enum` (and said so in `inferred`) |
//!
//! Anything else (several types, unions, `$ref`s into other documents, nesting beyond [`MAX_LEVELS`]) becomes
//! `any` with a [`Warning`] at its JSON pointer; keys that do not shape a type are ignored, and those JSON
//! Schema does not define are reported. Nothing here panics on any JSON value.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use serde_yaml::{Mapping, Value as Yaml};

use super::Warning;
use super::model::escape_pointer;
use super::names::TypeNames;
use crate::naming;

/// How deeply objects and arrays may nest before the rest is typed `any`: deeper would exceed the loader's
/// nesting limit for YAML files.
pub const MAX_LEVELS: usize = 20;

/// Keys of a JSON Schema that are read, or that constrain values without changing the type (ignored).
const KNOWN_KEYS: &[&str] = &[
    "type",
    "properties",
    "required",
    "description",
    "title",
    "default",
    "enum",
    "const",
    "format",
    "items",
    "additionalProperties",
    "$ref",
    "anyOf",
    "oneOf",
    "allOf",
    "readOnly",
    "writeOnly",
    "nullable",
    "deprecated",
    "examples",
    "example",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "$schema",
    "$id",
    "$comment",
    "definitions",
    "$defs",
    "contentMediaType",
];

/// The order of a field's keys in the written file.
const KEY_ORDER: &[&str] = &[
    "type",
    "$ref",
    "model",
    "required",
    "read_only",
    "description",
    "default",
    "example",
    "supported_in",
    "required_in",
    "partial_in",
    "inferred",
    "field_list",
    "values",
    "items",
    "fields",
    "query",
];

/// Where a converted schema is declared, which decides the keys it may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A field of a record or of an object inside one.
    Model,
    /// A field of a request input: a custom method's body, an object of a query parameter.
    Input,
    /// A query parameter.
    Query,
}

/// One step of a path into a record, for coverage: a property, or the items of an array.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// A property.
    Property(String),
    /// The items of an array (or values of a map).
    Items,
}

/// Which integrations fill which fields of a record, from their meta `response_schema`s.
#[derive(Clone, Debug, Default)]
pub struct FieldCoverage {
    /// The integrations whose `response_schema` was read.
    pub known: BTreeSet<String>,
    /// Field path → the integrations filling it.
    pub paths: BTreeMap<Vec<Step>, BTreeSet<String>>,
    /// Whether every integration mapping the resource is in `known`: only then does an empty list mean
    /// that no integration fills a field (else the field's coverage is left unsaid).
    pub complete: bool,
}

impl FieldCoverage {
    /// Adds the properties of `schema` (a `response_schema` of `integration`), nested ones included.
    pub fn add(&mut self, integration: &str, schema: &Value) {
        self.known.insert(integration.to_owned());
        let mut pending = vec![(schema, Vec::new())];
        while let Some((node, path)) = pending.pop() {
            if path.len() > MAX_LEVELS {
                continue;
            }
            if let Some(properties) = node.get("properties").and_then(Value::as_object) {
                for (name, property) in properties {
                    let mut child = path.clone();
                    child.push(Step::Property(name.clone()));
                    self.paths.entry(child.clone()).or_default().insert(integration.to_owned());
                    pending.push((property, child));
                }
            }
            if let Some(items) = node.get("items").filter(|items| items.is_object()) {
                let mut child = path;
                child.push(Step::Items);
                pending.push((items, child));
            }
        }
    }
}

/// The JSON document a schema is read from: its file (for warnings), its root (which `$ref`s point into) and
/// the pointer of the schema being converted (`#/…` is tried relative to it first).
#[derive(Clone, Copy, Debug)]
pub struct Document<'a> {
    /// The file, relative to the input.
    pub file: &'a str,
    /// The whole file.
    pub root: &'a Value,
    /// The pointer of the schema being converted.
    pub base: &'a str,
    /// Whether that schema is the record's, so that `$ref: "#"` is the record itself.
    pub is_record: bool,
}

/// A property of an object schema.
struct Property<'v> {
    name: &'v str,
    node: &'v Value,
    pointer: String,
    required: bool,
}

/// The shape of one JSON Schema node, before names are given.
enum Shape<'v> {
    Scalar(&'static str),
    Enum(Vec<(usize, String)>),
    Object(Vec<Property<'v>>),
    Map(Option<(&'v Value, String)>),
    Array(Option<(&'v Value, String)>),
    Ref(String),
    Any,
}

/// How the type defined at a node is named.
#[derive(Clone, Copy)]
enum Naming<'s> {
    /// After the field holding it, as the validator derives it (`UserAddress`): `parent` + `name`.
    Derived { parent: &'s str, name: &'s str },
    /// A type of `types:`, named by its key.
    Fixed(&'s str),
}

/// The type keys of a field or item (`type`, `$ref`, `model`, `values`, `items`, `fields`), and what about
/// them was inferred.
struct Typed {
    keys: Mapping,
    inferred: Option<String>,
}

/// Converts the JSON Schemas of one resource file, collecting the `types:` they define and the warnings.
pub struct Converter<'a, 'n> {
    /// The document being read.
    pub document: Document<'a>,
    /// The record's type name, for `$ref: "#"`.
    pub record: String,
    /// The unified API's type names.
    pub names: &'n mut TypeNames,
    /// What could not be expressed, located.
    pub warnings: Vec<Warning>,
    /// The file's `types:`, by name.
    pub types: BTreeMap<String, Mapping>,
    /// Which integrations fill which record fields, when known.
    pub coverage: Option<FieldCoverage>,
    refs: BTreeMap<(String, String), String>,
    expanding: BTreeSet<(String, String)>,
}

impl<'a, 'n> Converter<'a, 'n> {
    /// A converter reading `document`, for the resource whose record is `record`.
    pub fn new(document: Document<'a>, record: String, names: &'n mut TypeNames) -> Self {
        Self {
            document,
            record,
            names,
            warnings: Vec::new(),
            types: BTreeMap::new(),
            coverage: None,
            refs: BTreeMap::new(),
            expanding: BTreeSet::new(),
        }
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.warnings.push(Warning::new(self.document.file, pointer, message));
    }

    /// The `fields:` of the object schema at `pointer` of the current document (a record, a custom method's
    /// body), declared inside the type `parent`; `None` when the schema is not an object with properties.
    pub fn object_fields(&mut self, node: &'a Value, pointer: &str, parent: &str, place: Place) -> Option<Mapping> {
        let coverage = (place == Place::Model && self.coverage.is_some()).then(Vec::new);
        let (node, pointer) = self.root_target(node, pointer);
        match self.shape(node, &pointer) {
            (Shape::Object(properties), _) => Some(self.fields_of(properties, parent, place, coverage.as_deref(), 1)),
            _ => None,
        }
    }

    /// The target of a schema that is only a `$ref` (`{"$ref": "#/definitions/Contact"}`), else the schema.
    fn root_target(&self, node: &'a Value, pointer: &str) -> (&'a Value, String) {
        let fragment = node.get("$ref").and_then(Value::as_str).and_then(|target| target.strip_prefix('#'));
        if let Some(fragment) = fragment.filter(|_| !has_properties(node)) {
            for candidate in [format!("{}{fragment}", self.document.base), fragment.to_owned()] {
                if candidate != self.document.base
                    && let Some(found) = self.document.root.pointer(&candidate)
                {
                    return (found, candidate);
                }
            }
        }
        (node, pointer.to_owned())
    }

    /// The properties of an object as `fields:`, dropping (with a warning) a property whose Rust field name
    /// an earlier one (by name) already has.
    fn fields_of(
        &mut self,
        properties: Vec<Property<'_>>,
        parent: &str,
        place: Place,
        coverage: Option<&[Step]>,
        depth: usize,
    ) -> Mapping {
        let mut fields = Mapping::new();
        let mut rust_names: BTreeMap<String, String> = BTreeMap::new();
        for property in properties {
            let rust = naming::snake(property.name);
            if let Some(first) = rust_names.get(&rust) {
                let message = format!(
                    "property \"{}\" becomes the Rust field `{rust}`, as property \"{first}\" does: left out",
                    property.name
                );
                self.warn(&property.pointer, message);
                continue;
            }
            rust_names.insert(rust, property.name.to_owned());
            let child = coverage.map(|path| {
                let mut child = path.to_vec();
                child.push(Step::Property(property.name.to_owned()));
                child
            });
            let site = Site { pointer: &property.pointer, parent, name: property.name, depth };
            let field = self.field(property.node, site, place, property.required, child.as_deref());
            fields.insert(property.name.into(), Yaml::Mapping(field));
        }
        fields
    }

    /// One field, query parameter or body field declared as `name` inside the type `parent`.
    pub fn query_parameter(&mut self, node: &Value, pointer: &str, parent: &str, name: &str) -> Mapping {
        self.field(node, Site { pointer, parent, name, depth: 1 }, Place::Query, false, None)
    }

    /// A field of a custom method's body (`Input`), declared as `name` inside `parent`.
    pub fn input_field(&mut self, node: &Value, pointer: &str, parent: &str, name: &str, required: bool) -> Mapping {
        self.field(node, Site { pointer, parent, name, depth: 1 }, Place::Input, required, None)
    }

    fn field(
        &mut self,
        node: &Value,
        site: Site<'_>,
        place: Place,
        required: bool,
        coverage: Option<&[Step]>,
    ) -> Mapping {
        let nested = if place == Place::Model { Place::Model } else { Place::Input };
        let typed = self.type_of(node, site, nested, coverage, false);
        let mut field = typed.keys;
        if required && place != Place::Query {
            field.insert("required".into(), true.into());
        }
        if place == Place::Model && node.get("readOnly") == Some(&Value::Bool(true)) {
            field.insert("read_only".into(), true.into());
        }
        let default = node.get("default").filter(|default| !default.is_null());
        let mut description = description_of(node);
        match (place, default) {
            (Place::Query, Some(default)) => {
                field.insert("default".into(), json_text(default).into());
            }
            (_, Some(default)) => {
                let note = format!("Default: `{}`.", json_text(default));
                description = Some(match description {
                    Some(text) => format!("{text}\n\n{note}"),
                    None => note,
                });
            }
            (_, None) => {}
        }
        if let Some(description) = description {
            field.insert("description".into(), description.into());
        }
        if place == Place::Query
            && let Some(example) = example_of(node)
        {
            field.insert("example".into(), example.into());
        }
        if let (Some(path), Some(coverage)) = (coverage, &self.coverage)
            && !coverage.known.is_empty()
        {
            let integrations = coverage.paths.get(path).cloned().unwrap_or_default();
            if coverage.complete || !integrations.is_empty() {
                field.insert("supported_in".into(), slugs(&integrations));
            }
        }
        if let Some(inferred) = typed.inferred {
            field.insert("inferred".into(), inferred.into());
        }
        ordered(field)
    }

    /// The type keys of `node`: `items` (`as_items`) carry a description only when they define an object
    /// or enum.
    fn type_of(
        &mut self,
        node: &Value,
        site: Site<'_>,
        place: Place,
        coverage: Option<&[Step]>,
        as_items: bool,
    ) -> Typed {
        if site.depth > MAX_LEVELS {
            self.warn(site.pointer, format!("nested more than {MAX_LEVELS} levels deep: typed as any JSON value"));
            return Typed { keys: any(), inferred: None };
        }
        let (shape, inferred) = self.shape(node, site.pointer);
        let naming = Naming::Derived { parent: site.parent, name: site.name };
        let mut keys = self.emit(shape, site, naming, place, coverage);
        let defines_type = matches!(keys.get("type").and_then(Yaml::as_str), Some("object" | "enum"));
        if as_items
            && defines_type
            && let Some(description) = description_of(node)
        {
            keys.insert("description".into(), description.into());
        }
        Typed { keys: ordered(keys), inferred }
    }

    /// The keys of `shape`, defining (and naming) the object or enum it is.
    fn emit(
        &mut self,
        shape: Shape<'_>,
        site: Site<'_>,
        naming: Naming<'_>,
        place: Place,
        coverage: Option<&[Step]>,
    ) -> Mapping {
        let mut keys = Mapping::new();
        match shape {
            Shape::Scalar(ty) => {
                keys.insert("type".into(), ty.into());
            }
            Shape::Any => return any(),
            Shape::Enum(values) => {
                let values = self.enum_values(values, site.pointer);
                keys.insert("type".into(), "enum".into());
                self.name(&mut keys, naming);
                keys.insert("values".into(), Yaml::Sequence(values.into_iter().map(Yaml::String).collect()));
            }
            Shape::Object(properties) => {
                let name = self.name(&mut keys, naming);
                let fields = self.fields_of(properties, &name, place, coverage, site.depth + 1);
                if fields.is_empty() {
                    return map_of(None);
                }
                keys.insert("type".into(), "object".into());
                keys.insert("fields".into(), Yaml::Mapping(fields));
            }
            Shape::Map(items) => {
                let items = items.map(|(node, pointer)| self.items(node, &pointer, site, place, coverage));
                return map_of(items.filter(|items| items.get("type").and_then(Yaml::as_str) != Some("any")));
            }
            Shape::Array(items) => {
                let items = match items {
                    Some((node, pointer)) => self.items(node, &pointer, site, place, coverage),
                    None => any(),
                };
                keys.insert("type".into(), "array".into());
                keys.insert("items".into(), Yaml::Mapping(items));
            }
            Shape::Ref(target) => return self.reference(&target, site, naming, place, coverage),
        }
        keys
    }

    /// The `items` of an array or map at `site`: named after the field in the singular.
    fn items(
        &mut self,
        node: &Value,
        pointer: &str,
        site: Site<'_>,
        place: Place,
        coverage: Option<&[Step]>,
    ) -> Mapping {
        let name = naming::singular(site.name);
        let child = coverage.map(|path| [path, &[Step::Items]].concat());
        let site = Site { pointer, parent: site.parent, name: &name, depth: site.depth + 1 };
        self.type_of(node, site, place, child.as_deref(), true).keys
    }

    /// Names the object or enum being defined: a derived name that is taken gets a digit, and `model:`.
    fn name(&mut self, keys: &mut Mapping, naming: Naming<'_>) -> String {
        match naming {
            Naming::Fixed(name) => name.to_owned(),
            Naming::Derived { parent, name } => {
                let derived = naming::nested_type(parent, name);
                let chosen = self.names.allocate(&derived);
                if chosen != derived {
                    keys.insert("model".into(), chosen.clone().into());
                }
                chosen
            }
        }
    }

    /// The values of an enum: the first of values that become the same variant is kept, the others are left
    /// out with a warning (they still decode, as the catch-all variant).
    fn enum_values(&mut self, values: Vec<(usize, String)>, pointer: &str) -> Vec<String> {
        let mut kept = Vec::with_capacity(values.len());
        let mut seen = BTreeSet::new();
        let mut variants: BTreeMap<String, String> = BTreeMap::new();
        for (index, value) in values {
            if !seen.insert(value.clone()) {
                continue;
            }
            let variant = naming::pascal(&value);
            if let Some(first) = variants.get(&variant) {
                let message = format!(
                    "value \"{value}\" becomes the variant `{variant}`, as \"{first}\" does: left out of `values` \
                     (it still decodes, as the enum's catch-all variant)"
                );
                self.warn(&format!("{pointer}/enum/{index}"), message);
                continue;
            }
            variants.insert(variant, value.clone());
            kept.push(value);
        }
        kept
    }

    /// `$ref: "#/…"`: objects and enums become types of `types:` (once each, recursion allowed); anything
    /// else is inlined.
    fn reference(
        &mut self,
        target: &str,
        site: Site<'_>,
        naming: Naming<'_>,
        place: Place,
        coverage: Option<&[Step]>,
    ) -> Mapping {
        let ref_pointer = format!("{}/$ref", site.pointer);
        let Some(fragment) = target.strip_prefix('#') else {
            let message =
                format!("`$ref: {target}` points into another document, which is not read: typed as any JSON value");
            self.warn(&ref_pointer, message);
            return any();
        };
        let document = self.document;
        let candidates = [format!("{}{fragment}", document.base), fragment.to_owned()];
        let Some(absolute) = candidates.into_iter().find(|pointer| document.root.pointer(pointer).is_some()) else {
            self.warn(
                &ref_pointer,
                format!("`$ref: {target}` points at nothing in this document: typed as any JSON value"),
            );
            return any();
        };
        let mut keys = Mapping::new();
        if absolute == document.base && document.is_record {
            keys.insert("$ref".into(), self.record.clone().into());
            return keys;
        }
        let key = (document.file.to_owned(), absolute.clone());
        if let Some(name) = self.refs.get(&key) {
            keys.insert("$ref".into(), name.clone().into());
            return keys;
        }
        let Some(node) = document.root.pointer(&absolute) else { return any() };
        if !self.expanding.insert(key.clone()) {
            let message = format!(
                "`$ref: {target}` refers back to itself through types that are not objects: typed as any JSON value"
            );
            self.warn(&ref_pointer, message);
            return any();
        }
        let depth = site.depth + 1;
        let target_site = Site { pointer: &absolute, parent: site.parent, name: site.name, depth };
        let result = match self.shape(node, &absolute) {
            (shape @ (Shape::Object(_) | Shape::Enum(_)), _) if depth <= MAX_LEVELS => {
                let segment = absolute.rsplit('/').next().unwrap_or_default().replace("~1", "/").replace("~0", "~");
                let name = self.names.allocate_key(&segment);
                self.refs.insert(key.clone(), name.clone());
                let mut definition = self.emit(shape, target_site, Naming::Fixed(&name), Place::Model, None);
                if definition.get("type").and_then(Yaml::as_str) == Some("map") {
                    self.refs.remove(&key);
                    definition
                } else {
                    if let Some(description) = description_of(node) {
                        definition.insert("description".into(), description.into());
                    }
                    self.types.insert(name.clone(), ordered(definition));
                    keys.insert("$ref".into(), name.into());
                    keys
                }
            }
            _ if depth > MAX_LEVELS => {
                self.warn(&absolute, format!("nested more than {MAX_LEVELS} levels deep: typed as any JSON value"));
                any()
            }
            (shape, _) => self.emit(shape, target_site, naming, place, coverage),
        };
        self.expanding.remove(&key);
        result
    }

    /// The shape of `node` (at `pointer`), and what about it was inferred.
    fn shape<'v>(&mut self, node: &'v Value, pointer: &str) -> (Shape<'v>, Option<String>) {
        let object = match node {
            Value::Object(object) => object,
            Value::Bool(true) => return (Shape::Any, None),
            _ => {
                self.warn(pointer, "not a JSON Schema object: typed as any JSON value");
                return (Shape::Any, None);
            }
        };
        self.report_unknown_keys(object, pointer);
        if let Some(target) = object.get("$ref") {
            return match target.as_str() {
                Some(target) => (Shape::Ref(target.to_owned()), None),
                None => {
                    self.warn(&format!("{pointer}/$ref"), "`$ref` is not a string: typed as any JSON value");
                    (Shape::Any, None)
                }
            };
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(alternatives) = object.get(key) {
                return self.alternatives(alternatives, &format!("{pointer}/{key}"));
            }
        }
        if let Some(members) = object.get("allOf") {
            return self.all_of(members, &format!("{pointer}/allOf"));
        }
        let ty = match self.declared_type(object.get("type"), pointer) {
            Ok(ty) => ty,
            Err(()) => return (Shape::Any, None),
        };
        let values = self.string_values(object, pointer, ty);
        match ty {
            Some("string") | None if !values.is_empty() => {
                let inferred = ty.is_none().then(|| "the type (enum), from its `enum` values".to_owned());
                (Shape::Enum(values), inferred)
            }
            Some("string") => (Shape::Scalar(string_format(object.get("format"))), None),
            Some("integer") => (Shape::Scalar("integer"), None),
            Some("number") => (Shape::Scalar("number"), None),
            Some("boolean") => (Shape::Scalar("boolean"), None),
            Some("any") => (Shape::Any, None),
            Some("array") => (Shape::Array(self.array_items(object, pointer)), None),
            Some("object") => (self.object_shape(object, pointer), None),
            Some(other) => {
                self.warn(
                    &format!("{pointer}/type"),
                    format!("type \"{other}\" has no equivalent: typed as any JSON value"),
                );
                (Shape::Any, None)
            }
            None => self.inferred_shape(object, pointer),
        }
    }

    /// The shape of a schema without `type`, from the keys it has.
    fn inferred_shape<'v>(
        &mut self,
        object: &'v serde_json::Map<String, Value>,
        pointer: &str,
    ) -> (Shape<'v>, Option<String>) {
        if object.contains_key("properties") {
            (self.object_shape(object, pointer), Some("the type (object), from its `properties`".to_owned()))
        } else if object.contains_key("items") {
            (Shape::Array(self.array_items(object, pointer)), Some("the type (array), from its `items`".to_owned()))
        } else if object.get("additionalProperties").is_some_and(Value::is_object) {
            (self.object_shape(object, pointer), Some("the type (map), from its `additionalProperties`".to_owned()))
        } else {
            self.warn(pointer, "no `type`: typed as any JSON value");
            (Shape::Any, None)
        }
    }

    /// `type`: a name, or a list of names of which one is not `null`. `Err` (warned) when unusable.
    fn declared_type<'v>(&mut self, ty: Option<&'v Value>, pointer: &str) -> Result<Option<&'v str>, ()> {
        let at = format!("{pointer}/type");
        match ty {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(ty)) => Ok(Some(ty)),
            Some(Value::Array(types)) => {
                let names: Vec<&str> = types.iter().filter_map(Value::as_str).filter(|ty| *ty != "null").collect();
                if names.len() == 1 && types.iter().all(Value::is_string) {
                    return Ok(Some(names[0]));
                }
                if names.is_empty() && types.iter().all(Value::is_string) {
                    return Ok(Some("any"));
                }
                self.warn(&at, "several types (a union) have no equivalent: typed as any JSON value");
                Err(())
            }
            Some(_) => {
                self.warn(&at, "`type` is neither a string nor a list of strings: typed as any JSON value");
                Err(())
            }
        }
    }

    /// The string values of `enum` (or `const`), with their index; other values are reported.
    fn string_values(
        &mut self,
        object: &serde_json::Map<String, Value>,
        pointer: &str,
        ty: Option<&str>,
    ) -> Vec<(usize, String)> {
        let values: Vec<(usize, &Value)> = match (object.get("enum"), object.get("const")) {
            (Some(Value::Array(values)), _) => values.iter().enumerate().collect(),
            (Some(Value::Null) | None, Some(value)) if !value.is_null() => vec![(0, value)],
            (Some(Value::Null) | None, _) => return Vec::new(),
            (Some(_), _) => {
                self.warn(&format!("{pointer}/enum"), "`enum` is not a list: left out");
                return Vec::new();
            }
        };
        let strings: Vec<(usize, String)> =
            values.iter().filter_map(|(index, value)| value.as_str().map(|text| (*index, text.to_owned()))).collect();
        let others = values.iter().filter(|(_, value)| !value.is_string() && !value.is_null()).count();
        if others > 0 && matches!(ty, None | Some("string")) {
            let message = format!("{others} enum value(s) that are not strings left out (enums hold strings)");
            self.warn(&format!("{pointer}/enum"), message);
        } else if !values.is_empty() && matches!(ty, Some(ty) if ty != "string") {
            let message = "the values of an enum that is not of strings are not kept (enums hold strings): \
                           typed by its `type`";
            self.warn(&format!("{pointer}/enum"), message);
            return Vec::new();
        }
        strings
    }

    /// An object: `fields` when it has properties, else a map of its `additionalProperties`.
    fn object_shape<'v>(&mut self, object: &'v serde_json::Map<String, Value>, pointer: &str) -> Shape<'v> {
        let properties = properties(object, pointer);
        let additional = object.get("additionalProperties").filter(|schema| schema.is_object());
        if properties.is_empty() {
            return Shape::Map(additional.map(|schema| (schema, format!("{pointer}/additionalProperties"))));
        }
        if additional.is_some() {
            let message = "`additionalProperties` next to `properties`: the other keys are kept, untyped";
            self.warn(&format!("{pointer}/additionalProperties"), message);
        }
        Shape::Object(properties)
    }

    fn array_items<'v>(
        &mut self,
        object: &'v serde_json::Map<String, Value>,
        pointer: &str,
    ) -> Option<(&'v Value, String)> {
        match object.get("items") {
            None | Some(Value::Null) => None,
            Some(items @ (Value::Object(_) | Value::Bool(true))) => Some((items, format!("{pointer}/items"))),
            Some(_) => {
                let message =
                    "`items` that is not one schema (a tuple) has no equivalent: items typed as any JSON value";
                self.warn(&format!("{pointer}/items"), message);
                None
            }
        }
    }

    /// `anyOf`/`oneOf`: one alternative besides `null` is that alternative; more are `any`.
    fn alternatives<'v>(&mut self, alternatives: &'v Value, pointer: &str) -> (Shape<'v>, Option<String>) {
        let Some(list) = alternatives.as_array() else {
            self.warn(pointer, "not a list of schemas: typed as any JSON value");
            return (Shape::Any, None);
        };
        let not_null: Vec<(usize, &Value)> =
            list.iter().enumerate().filter(|(_, schema)| schema.get("type") != Some(&Value::from("null"))).collect();
        match not_null.as_slice() {
            [] => (Shape::Any, None),
            [(index, schema)] => self.shape(schema, &format!("{pointer}/{index}")),
            _ => {
                self.warn(
                    pointer,
                    format!("{} alternatives (a union) have no equivalent: typed as any JSON value", not_null.len()),
                );
                (Shape::Any, None)
            }
        }
    }

    /// `allOf`: one member is that member; objects are merged into one; anything else is `any`.
    fn all_of<'v>(&mut self, members: &'v Value, pointer: &str) -> (Shape<'v>, Option<String>) {
        let Some(list) = members.as_array() else {
            self.warn(pointer, "not a list of schemas: typed as any JSON value");
            return (Shape::Any, None);
        };
        if let [member] = list.as_slice() {
            return self.shape(member, &format!("{pointer}/0"));
        }
        let mut merged: Vec<Property<'v>> = Vec::new();
        for (index, member) in list.iter().enumerate() {
            let member_pointer = format!("{pointer}/{index}");
            match member.as_object().filter(|object| object.contains_key("properties") && !object.contains_key("$ref"))
            {
                Some(object) => {
                    for property in properties(object, &member_pointer) {
                        if !merged.iter().any(|existing| existing.name == property.name) {
                            merged.push(property);
                        }
                    }
                }
                None => {
                    self.warn(pointer, "`allOf` of schemas that are not all objects with properties has no equivalent: typed as any JSON value");
                    return (Shape::Any, None);
                }
            }
        }
        merged.sort_by(|a, b| a.name.cmp(b.name));
        (Shape::Object(merged), None)
    }

    fn report_unknown_keys(&mut self, object: &serde_json::Map<String, Value>, pointer: &str) {
        let unknown: Vec<&str> = object
            .keys()
            .map(String::as_str)
            .filter(|key| !KNOWN_KEYS.contains(key) && !key.starts_with("x-"))
            .collect();
        if !unknown.is_empty() {
            let keys = unknown.iter().map(|key| format!("`{key}`")).collect::<Vec<_>>().join(", ");
            self.warn(pointer, format!("unknown key(s) {keys} ignored"));
        }
    }
}

/// Where a field is declared: its pointer, the type holding it, its name and how deeply it nests.
#[derive(Clone, Copy)]
struct Site<'s> {
    pointer: &'s str,
    parent: &'s str,
    name: &'s str,
    depth: usize,
}

/// The properties of an object schema, by name, each required when it says `required: true` or the object's
/// `required` list names it.
fn properties<'v>(object: &'v serde_json::Map<String, Value>, pointer: &str) -> Vec<Property<'v>> {
    let Some(Value::Object(properties)) = object.get("properties") else { return Vec::new() };
    let listed: BTreeSet<&str> = match object.get("required") {
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
        _ => BTreeSet::new(),
    };
    let mut all: Vec<Property<'v>> = properties
        .iter()
        .map(|(name, node)| Property {
            name,
            node,
            pointer: format!("{pointer}/properties/{}", escape_pointer(name)),
            required: listed.contains(name.as_str()) || node.get("required") == Some(&Value::Bool(true)),
        })
        .collect();
    all.sort_by(|a, b| a.name.cmp(b.name));
    all
}

/// Whether `schema` has properties (is an object the importer turns into fields).
pub fn has_properties(schema: &Value) -> bool {
    schema.get("properties").and_then(Value::as_object).is_some_and(|properties| !properties.is_empty())
}

/// The properties of `schema` by name, each with whether it is required (either way of saying it).
pub fn property_names(schema: &Value) -> BTreeMap<String, bool> {
    match schema.as_object() {
        Some(object) => {
            properties(object, "").into_iter().map(|property| (property.name.to_owned(), property.required)).collect()
        }
        None => BTreeMap::new(),
    }
}

/// The schema type of a string `format`.
fn string_format(format: Option<&Value>) -> &'static str {
    match format.and_then(Value::as_str) {
        Some("date-time") => "date-time",
        Some("date") => "date",
        Some("uuid") => "uuid",
        Some("email") => "email",
        Some("uri" | "url") => "url",
        _ => "string",
    }
}

/// A node's `description` (or `title`), when it is a non-empty string.
fn description_of(node: &Value) -> Option<String> {
    ["description", "title"]
        .into_iter()
        .filter_map(|key| node.get(key).and_then(Value::as_str))
        .map(str::trim)
        .find(|text| !text.is_empty())
        .map(str::to_owned)
}

/// A query parameter's `example` (or first of `examples`), as text.
fn example_of(node: &Value) -> Option<String> {
    let example = node.get("example").or_else(|| node.get("examples").and_then(|examples| examples.get(0)))?;
    (!example.is_null()).then(|| json_text(example))
}

/// A JSON value as text: strings as they are, anything else as JSON.
pub fn json_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A list of integration slugs.
pub fn slugs<'s>(integrations: impl IntoIterator<Item = &'s String>) -> Yaml {
    Yaml::Sequence(integrations.into_iter().map(|slug| Yaml::String(slug.clone())).collect())
}

/// `{ type: any }`.
fn any() -> Mapping {
    let mut keys = Mapping::new();
    keys.insert("type".into(), "any".into());
    keys
}

/// `{ type: map }`, with `items` when given.
fn map_of(items: Option<Mapping>) -> Mapping {
    let mut keys = Mapping::new();
    keys.insert("type".into(), "map".into());
    if let Some(items) = items {
        keys.insert("items".into(), Yaml::Mapping(items));
    }
    keys
}

/// `keys` in the written order ([`KEY_ORDER`], then any other key in its order).
pub fn ordered(keys: Mapping) -> Mapping {
    let rank = |key: &Yaml| key.as_str().and_then(|key| KEY_ORDER.iter().position(|known| *known == key));
    let mut entries: Vec<(Yaml, Yaml)> = keys.into_iter().collect();
    entries.sort_by_key(|(key, _)| rank(key).unwrap_or(KEY_ORDER.len()));
    entries.into_iter().collect()
}
