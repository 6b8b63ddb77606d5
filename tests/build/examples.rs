//! Example records built from the schema's IR, for the exercise tests: every field and nested field of a
//! record filled with a value of its declared type, so that decoding one proves the whole model decodes.
//!
//! Values by type: strings, uuids, urls and emails get a text of their kind; integers `3`, numbers `2.5`,
//! booleans `true`; dates and date-times ISO 8601 text; enums their first documented value; arrays one
//! element; maps one entry (`"key"`); `any` a small object; `$ref`s are followed into their definitions.
//!
//! Recursion is bounded: a type appears at most [`MAX_ON_PATH`] times on the way from the record to a value,
//! so a recursive field (`parent: Candidate`) is filled once, with a record whose recursive fields are left
//! out. A required field that cannot be filled that way has no finite example: an error, never a guess.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};
use truto_codegen::ir::{self, Ir, Resource, Type, TypeDef, TypeScope};

/// How many times one type may appear on the path from the record to a value.
const MAX_ON_PATH: usize = 2;

/// An example value, and what decoding it must not produce.
pub struct Example {
    /// The JSON.
    pub value: Value,
    /// The Rust names of the catch-all variants (`Other`) of the enums it holds: each of its enum values is
    /// documented, so none may decode as one.
    pub catch_alls: BTreeSet<String>,
}

/// The example record of `resource`, or why it cannot be built.
pub fn record(ir: &Ir, resource: &Resource) -> Result<Example, String> {
    of_type(ir, resource, &Type::Named(resource.model.clone(), TypeScope::Resource))
}

/// The example of a type `resource` holds (its record, a custom method's response), or why it cannot be
/// built.
pub fn of_type(ir: &Ir, resource: &Resource, ty: &Type) -> Result<Example, String> {
    let definition = ir::definitions(Some(&resource.types), &ir.root_types, &ir.shared_types);
    let mut filler = Filler { definition: Box::new(definition), path: Vec::new(), catch_alls: BTreeSet::new() };
    let value = filler.value(ty)?.ok_or_else(|| format!("{ty:?} has no example"))?;
    Ok(Example { value, catch_alls: filler.catch_alls })
}

type Definition<'a> = Box<dyn Fn(&str, TypeScope) -> Option<&'a TypeDef> + 'a>;

/// Walks types depth first, keeping the named types on the current path.
struct Filler<'a> {
    definition: Definition<'a>,
    path: Vec<(String, TypeScope)>,
    catch_alls: BTreeSet<String>,
}

impl Filler<'_> {
    /// A value of `ty`; `None` when the recursion bound leaves it out.
    fn value(&mut self, ty: &Type) -> Result<Option<Value>, String> {
        Ok(Some(match ty {
            Type::String => json!("some text"),
            Type::Integer => json!(3),
            Type::Number => json!(2.5),
            Type::Boolean => json!(true),
            Type::DateTime => json!("2024-05-01T10:30:00Z"),
            Type::Date => json!("2024-05-01"),
            Type::Uuid => json!("123e4567-e89b-12d3-a456-426614174000"),
            Type::Url => json!("https://example.com/a/path"),
            Type::Email => json!("ada@example.com"),
            Type::Any => json!({"any": ["json", 1]}),
            Type::Array(item) => match self.value(item)? {
                Some(item) => json!([item]),
                None => return Ok(None),
            },
            Type::Map(item) => match self.value(item)? {
                Some(item) => json!({ "key": item }),
                None => return Ok(None),
            },
            Type::Named(name, scope) => return self.named(name, *scope),
        }))
    }

    /// A value of a struct or enum, following its definition.
    fn named(&mut self, name: &str, scope: TypeScope) -> Result<Option<Value>, String> {
        let on_path = self.path.iter().filter(|(held, held_scope)| held == name && *held_scope == scope).count();
        if on_path >= MAX_ON_PATH {
            return Ok(None);
        }
        let definition = (self.definition)(name, scope).ok_or_else(|| format!("type {name} is not defined"))?;
        let definition = match definition {
            TypeDef::Enum(definition) => {
                let first = definition.variants.first().ok_or_else(|| format!("enum {name} has no value"))?;
                self.catch_alls.insert(definition.other.clone());
                return Ok(Some(json!(first.value)));
            }
            TypeDef::Struct(definition) => definition,
        };
        self.path.push((name.to_owned(), scope));
        let mut object = Map::new();
        for field in &definition.fields {
            match self.value(&field.ty)? {
                Some(value) => {
                    object.insert(field.json_name.clone(), value);
                }
                None if field.shape() == ir::FieldShape::Required => {
                    return Err(format!(
                        "required field `{}` of {name} recurses past the bound: no finite example",
                        field.json_name
                    ));
                }
                None => {}
            }
        }
        self.path.pop();
        Ok(Some(Value::Object(object)))
    }
}
