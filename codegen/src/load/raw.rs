//! Serde mirrors of the YAML files, exactly as written: no defaults resolved, no names checked.
//!
//! `deny_unknown_fields` everywhere turns a typo in a key into a located error instead of a silently
//! ignored setting. Maps are `BTreeMap`s so everything downstream sees one deterministic order.
//! The format is documented, with a complete example, in `schema/README.md`.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `schema/truto.yaml` (optional): the display name and description of each unified API folder.
///
/// Truto's base URL and its own query parameters are not here: the runtime speaks them for every resource.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiFile {
    /// Unified API path segment → display name and description. An entry without a folder is ignored.
    #[serde(default)]
    pub apis: BTreeMap<String, ApiInfo>,
}

/// `schema/integrations.yaml`: the integrations catalog.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntegrationsFile {
    /// Integration slug → display name (`outlook_calendar: Outlook Calendar`).
    pub integrations: BTreeMap<String, String>,
}

/// `schema/common.yaml`: types shared by several resources, referenced as `$ref: common/<Name>`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommonFile {
    /// Rust type name → its definition (an `object` or an `enum`).
    pub types: BTreeMap<String, Field>,
}

/// An entry of `apis:` in `truto.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiInfo {
    /// Display name (`Instant Messaging`).
    pub name: String,
    /// What the unified API covers.
    #[serde(default)]
    pub description: Option<String>,
}

/// `schema/<api>/<resource>.yaml`: one unified resource.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceFile {
    /// The URL path segment (`users`, `drive-items`).
    pub resource: String,
    /// The Rust type name of one record (`User`).
    pub model: String,
    /// What a record is.
    #[serde(default)]
    pub description: Option<String>,
    /// Method name (`list`, `get`, … or a custom method) → its settings.
    pub methods: BTreeMap<String, Method>,
    /// JSON field name → field.
    pub fields: BTreeMap<String, Field>,
    /// Types used more than once in this file, by Rust name: each an `object` or `enum`, referenced as
    /// `$ref: <Name>`.
    #[serde(default)]
    pub types: BTreeMap<String, Field>,
    /// How much of the record's field list Truto's pages show.
    #[serde(default)]
    pub field_list: Option<FieldList>,
    /// What about the resource was inferred rather than read on Truto's pages, and from what.
    #[serde(default)]
    pub inferred: Option<String>,
}

/// How much of an object's field list Truto's pages show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldList {
    /// Every field (the default).
    #[default]
    Complete,
    /// Some fields: the pages were cut off, or name more fields than they describe.
    Partial,
    /// None: only the resource's name and path are known.
    Unknown,
}

/// One method of a resource. An empty mapping (`get: {}`) is valid.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// Short summary (`List Users`).
    #[serde(default)]
    pub description: Option<String>,
    /// Integrations serving this method.
    #[serde(default)]
    pub supported_in: Option<Coverage>,
    /// `list` only: integrations whose list returns only some fields ("Partial response").
    #[serde(default)]
    pub partial_in: Option<Coverage>,
    /// Resource-specific query parameters of this method.
    #[serde(default)]
    pub query: BTreeMap<String, Field>,
    /// `create`/`update`: request-side notes on writable fields of the record (who requires them, …), and
    /// fields of the body only (with a `type` or `$ref`).
    #[serde(default)]
    pub request_fields: BTreeMap<String, Field>,
    /// Custom methods: the JSON body's fields.
    #[serde(default)]
    pub body: Option<BTreeMap<String, Field>>,
    /// Custom methods: the type of the `result` the server wraps its answer in.
    #[serde(default)]
    pub response: Option<Field>,
    /// What about the method was inferred rather than read on Truto's pages, and from what.
    #[serde(default)]
    pub inferred: Option<String>,
}

/// A field of a record, a nested object or an array item, or a query parameter.
///
/// One shape serves all of these so that nesting works the same everywhere; keys that only make sense in
/// one place (`operators` on query parameters, `read_only` on record fields) are checked by validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// `string`, `integer`, `number`, `boolean`, `date-time`, `date`, `uuid`, `url`, `email`, `enum`,
    /// `object`, `array`, `map` or `any`. Absent when `$ref` names a shared type instead.
    #[serde(rename = "type", default)]
    pub ty: Option<TypeName>,
    /// A shared type of `common.yaml`: `common/Address`.
    #[serde(rename = "$ref", default)]
    pub reference: Option<String>,
    /// Documentation, copied into rustdoc.
    #[serde(default)]
    pub description: Option<String>,
    /// Present in every record (record fields), or sent in every request (body fields).
    #[serde(default)]
    pub required: bool,
    /// Integrations that fill this field or accept this parameter.
    #[serde(default)]
    pub supported_in: Option<Coverage>,
    /// Query parameters: integrations that reject a request without it.
    #[serde(default)]
    pub required_in: Option<Coverage>,
    /// `array`: the item type.
    #[serde(default)]
    pub items: Option<Box<Field>>,
    /// `object`: its fields.
    #[serde(default)]
    pub fields: Option<BTreeMap<String, Field>>,
    /// `object` and `enum`: the Rust type name, instead of one derived from the path.
    #[serde(default)]
    pub model: Option<String>,
    /// `enum`: the documented values (the generated enum stays open to others).
    #[serde(default)]
    pub values: Option<Vec<String>>,
    /// Query parameters: the value the server assumes when the parameter is absent.
    #[serde(default)]
    pub default: Option<String>,
    /// Query parameters: an example value or encoding, shown in rustdoc.
    #[serde(default)]
    pub example: Option<String>,
    /// Record fields: set by the server only (`id`, `created_at`, `remote_data`, …), never sent in a body.
    #[serde(default)]
    pub read_only: bool,
    /// Query parameters: comparison operators accepted as `name[op]=value` (`created_at[gt]=…`).
    #[serde(default)]
    pub operators: Option<Vec<String>>,
    /// What about the field was inferred rather than read on Truto's pages (its name, its type), and from
    /// what.
    #[serde(default)]
    pub inferred: Option<String>,
    /// `object`: how much of its field list Truto's pages show.
    #[serde(default)]
    pub field_list: Option<FieldList>,
}

/// Which integrations something applies to: their slugs, or only how many when the docs do not name them.
///
/// Deserialized by hand rather than `#[serde(untagged)]`, whose only error is "data did not match any
/// variant of untagged enum Coverage".
#[derive(Debug)]
pub enum Coverage {
    /// `partial_in: true` — the docs say it applies to some integrations without naming or counting them.
    Some(bool),
    /// `supported_in: 3` — the docs show a count without names.
    Count(u32),
    /// `supported_in: [outlook_calendar]`.
    Named(Vec<String>),
    /// `supported_in: { count: 27, named: [bamboohr, gusto] }` — the docs count 27 and name only these.
    Partial {
        /// How many the docs count.
        count: u32,
        /// The ones they name.
        named: Vec<String>,
    },
}

/// The mapping form of [`Coverage`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartialCoverage {
    count: u32,
    #[serde(default)]
    named: Vec<String>,
}

impl<'de> Deserialize<'de> for Coverage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CoverageVisitor)
    }
}

struct CoverageVisitor;

impl<'de> serde::de::Visitor<'de> for CoverageVisitor {
    type Value = Coverage;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            "a list of integration slugs (`[slack, outlook_calendar]`), a count of integrations (`3`), a count with \
             the integrations the docs name (`{ count: 27, named: [slack] }`), or `true` (some integrations, not \
             named)",
        )
    }

    fn visit_bool<E: serde::de::Error>(self, some: bool) -> Result<Coverage, E> {
        Ok(Coverage::Some(some))
    }

    fn visit_u64<E: serde::de::Error>(self, count: u64) -> Result<Coverage, E> {
        u32::try_from(count).map(Coverage::Count).map_err(|_| E::custom(format!("{count} integrations is too many")))
    }

    fn visit_i64<E: serde::de::Error>(self, count: i64) -> Result<Coverage, E> {
        match u64::try_from(count) {
            Ok(count) => self.visit_u64(count),
            Err(_) => Err(E::invalid_value(serde::de::Unexpected::Signed(count), &self)),
        }
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Coverage, A::Error> {
        let mut slugs = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(slug) = seq.next_element::<String>()? {
            slugs.push(slug);
        }
        Ok(Coverage::Named(slugs))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Coverage, A::Error> {
        let partial = PartialCoverage::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(Coverage::Partial { count: partial.count, named: partial.named })
    }
}

/// A `type:` as written. A name the format does not know is kept as written ([`TypeName::Unknown`]), so that
/// validation reports it at its position with the closest known name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeName {
    /// `string`
    String,
    /// `integer`
    Integer,
    /// `number`
    Number,
    /// `boolean`
    Boolean,
    /// `date-time`
    DateTime,
    /// `date`
    Date,
    /// `uuid`
    Uuid,
    /// `url`
    Url,
    /// `email`
    Email,
    /// `enum`
    Enum,
    /// `object`
    Object,
    /// `array`
    Array,
    /// `map`
    Map,
    /// `any`
    Any,
    /// Any other name.
    Unknown(String),
}

impl TypeName {
    /// Every known type with its name in the YAML, in the order the format documents them.
    pub const KNOWN: [(&'static str, TypeName); 14] = [
        ("string", TypeName::String),
        ("integer", TypeName::Integer),
        ("number", TypeName::Number),
        ("boolean", TypeName::Boolean),
        ("date-time", TypeName::DateTime),
        ("date", TypeName::Date),
        ("uuid", TypeName::Uuid),
        ("url", TypeName::Url),
        ("email", TypeName::Email),
        ("enum", TypeName::Enum),
        ("object", TypeName::Object),
        ("array", TypeName::Array),
        ("map", TypeName::Map),
        ("any", TypeName::Any),
    ];

    /// The known names, for help messages and suggestions.
    pub fn known_names() -> impl Iterator<Item = &'static str> + Clone {
        Self::KNOWN.iter().map(|(name, _)| *name)
    }

    /// The type a name stands for.
    pub fn from_name(name: &str) -> Self {
        Self::KNOWN
            .iter()
            .find(|(known, _)| *known == name)
            .map_or_else(|| Self::Unknown(name.to_owned()), |(_, ty)| ty.clone())
    }

    /// The name as written in the YAML.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Unknown(name) => name,
            known => Self::KNOWN.iter().find(|(_, ty)| ty == known).map_or("", |(name, _)| name),
        }
    }

    /// A type holding other values: `array` or `map` (their `items`).
    pub fn is_container(&self) -> bool {
        matches!(self, Self::Array | Self::Map)
    }

    /// A type that defines a struct or enum of its own: `object` or `enum`.
    pub fn defines_type(&self) -> bool {
        matches!(self, Self::Object | Self::Enum)
    }
}

impl<'de> Deserialize<'de> for TypeName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Ok(Self::from_name(&name))
    }
}

impl std::fmt::Display for TypeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
