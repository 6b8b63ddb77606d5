//! The bodies of `create` and `update`: the record's writable fields, with the method's `request_fields`
//! notes (who accepts and requires each), plus fields the body has and the record does not (a `request_fields`
//! entry with a `type` or `$ref`).

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostics;
use crate::ir::{Coverage, Field, FieldList, MethodKind, Struct};
use crate::load::positions::KeyPath;
use crate::load::raw;
use crate::naming;

use super::coverage::Catalog;
use super::resource::MethodContext;
use super::types::{Place, TypeLowering};
use crate::suggest;

/// The body struct of `create` (`UserCreate`: required writable fields stay required) or `update`
/// (`UserUpdate`: every field optional); returns its name.
pub fn record_body(
    method: &MethodContext<'_>,
    raw: &raw::Method,
    record_fields: &[Field],
    lowering: &mut TypeLowering<'_, raw::ResourceFile>,
    catalog: &Catalog<'_>,
    diagnostics: &mut Diagnostics,
) -> String {
    let creating = method.kind == MethodKind::Create;
    let (suffix, description) = if creating {
        ("Create", format!("The body of [`{}`]: the writable fields of [`{}`].", method.builder, method.model))
    } else {
        (
            "Update",
            format!(
                "The body of [`{}`]: the fields of [`{}`] to change; unset fields are not sent.",
                method.builder, method.model
            ),
        )
    };
    let name = format!("{}{suffix}", method.model);
    let mut fields: Vec<Field> = record_fields
        .iter()
        .filter(|field| !field.read_only)
        .map(|field| noted(method, raw.request_fields.get(&field.json_name), field, lowering, catalog, diagnostics))
        .collect();
    fields.extend(body_only_fields(method, raw, record_fields, &name, lowering, catalog, diagnostics));
    fields.sort_by(|a, b| a.json_name.cmp(&b.json_name));
    let body = Struct {
        name: name.clone(),
        description: Some(description),
        fields,
        input: true,
        in_inputs: false,
        field_list: FieldList::Complete,
        derives_default: false,
        extras_field: None,
    };
    lowering.define_built(body, &method.path.clone());
    name
}

/// A record field as the body sends it, with the method's note on it (if any).
fn noted(
    method: &MethodContext<'_>,
    note: Option<&raw::Field>,
    field: &Field,
    lowering: &mut TypeLowering<'_, raw::ResourceFile>,
    catalog: &Catalog<'_>,
    diagnostics: &mut Diagnostics,
) -> Field {
    let creating = method.kind == MethodKind::Create;
    let Some(note) = note else {
        let coverage = Coverage::Unknown;
        return Field {
            required: creating && field.required,
            supported: coverage.clone(),
            required_in: coverage,
            ..field.clone()
        };
    };
    let source = lowering.source();
    let note_path = method.path.key("request_fields").key(&field.json_name);
    lowering.check_keys(note, &note_path, Place::Input);
    for (key, present) in shape_keys(note) {
        if present {
            diagnostics.push(source.error_at_key(
                &note_path.key(key),
                format!(
                    "`{key}` does not apply to a note on record field \"{}\": it has the record's type",
                    field.json_name
                ),
            ));
        }
    }
    let resolve = |key: &str, coverage: Option<&raw::Coverage>, diagnostics: &mut Diagnostics| {
        catalog.resolve(coverage, source, &note_path.key(key), diagnostics)
    };
    Field {
        required: creating && (field.required || note.required),
        description: note.description.clone().or_else(|| field.description.clone()),
        supported: resolve("supported_in", note.supported_in.as_ref(), diagnostics),
        required_in: resolve("required_in", note.required_in.as_ref(), diagnostics),
        inferred: note.inferred.clone().or_else(|| field.inferred.clone()),
        ..field.clone()
    }
}

/// The keys that give a field its shape, which notes on record fields must not carry.
fn shape_keys(field: &raw::Field) -> [(&'static str, bool); 6] {
    [
        ("type", field.ty.is_some()),
        ("$ref", field.reference.is_some()),
        ("items", field.items.is_some()),
        ("fields", field.fields.is_some()),
        ("values", field.values.is_some()),
        ("model", field.model.is_some()),
    ]
}

/// The `request_fields` entries that name no record field: with a `type` (or `$ref`), fields of the body
/// only; without one, a mistake (a misspelt record field, most likely).
fn body_only_fields(
    method: &MethodContext<'_>,
    raw: &raw::Method,
    record_fields: &[Field],
    body: &str,
    lowering: &mut TypeLowering<'_, raw::ResourceFile>,
    catalog: &Catalog<'_>,
    diagnostics: &mut Diagnostics,
) -> Vec<Field> {
    let source = lowering.source();
    let by_name: BTreeMap<&str, &Field> = record_fields.iter().map(|field| (field.json_name.as_str(), field)).collect();
    let mut fields = Vec::new();
    for (name, entry) in &raw.request_fields {
        let path = method.path.key("request_fields").key(name);
        match by_name.get(name.as_str()) {
            Some(field) if field.read_only => diagnostics
                .push(source.error_at_key(&path, format!("field \"{name}\" is read-only, so it is never sent"))),
            Some(_) => {}
            None if record_fields.iter().any(|field| field.rust_name == naming::snake(name)) => {
                diagnostics.push(source.error_at_key(
                    &path,
                    format!(
                        "body field \"{name}\" becomes the Rust name `{}`, which a record field has",
                        naming::snake(name)
                    ),
                ));
            }
            None if entry.ty.is_some() || entry.reference.is_some() => {
                fields.push(body_only(method, name, entry, &path, body, lowering, catalog, diagnostics));
            }
            None => {
                let mut diagnostic =
                    source.error_at_key(&path, format!("\"{name}\" is not a field of `{}`", method.model));
                diagnostic.help =
                    suggest::did_you_mean(name, record_fields.iter().map(|field| field.json_name.as_str()))
                        .or_else(|| Some("give it a `type` to send it as a field of the body only".to_owned()));
                diagnostics.push(diagnostic);
            }
        }
    }
    fields
}

/// A field of the body only, lowered like a field of an input.
#[allow(clippy::too_many_arguments, reason = "one call site, which has all of these at hand")]
fn body_only(
    method: &MethodContext<'_>,
    name: &str,
    entry: &raw::Field,
    path: &KeyPath,
    body: &str,
    lowering: &mut TypeLowering<'_, raw::ResourceFile>,
    catalog: &Catalog<'_>,
    diagnostics: &mut Diagnostics,
) -> Field {
    let source = lowering.source();
    lowering.check_keys(entry, path, Place::Input);
    lowering.defining_inputs = true;
    let ty = lowering.lower(entry, path, body, name);
    lowering.defining_inputs = false;
    let resolve = |key: &str, coverage: Option<&raw::Coverage>, diagnostics: &mut Diagnostics| {
        catalog.resolve(coverage, source, &path.key(key), diagnostics)
    };
    Field {
        json_name: name.to_owned(),
        rust_name: naming::snake(name),
        ty,
        required: method.kind == MethodKind::Create && entry.required,
        description: entry.description.clone(),
        supported: resolve("supported_in", entry.supported_in.as_ref(), diagnostics),
        required_in: resolve("required_in", entry.required_in.as_ref(), diagnostics),
        read_only: false,
        boxed: false,
        inferred: entry.inferred.clone(),
    }
}
