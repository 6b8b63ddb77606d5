//! The shared types of `common.yaml`: objects and enums used by several resources, one Rust type each.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Diagnostics;
use crate::ir::{Api, TypeDef, TypeScope, definitions, reachable};
use crate::load::Source;
use crate::load::positions::KeyPath;
use crate::load::raw;
use crate::naming;

use super::coverage::Catalog;
use super::names::Namespace;
use super::types::{Place, TypeLowering};

/// The names `common.yaml` declares, known before any type is lowered so that references resolve in any
/// order (and shared types may refer to each other, or to themselves).
pub fn declared_names(source: Option<&Source<raw::CommonFile>>) -> BTreeSet<String> {
    source.map(|source| source.content.types.keys().cloned().collect()).unwrap_or_default()
}

/// Lowers every shared type; their names must not collide with `reserved` (names generated code uses).
pub fn lower(
    source: Option<&Source<raw::CommonFile>>,
    catalog: &Catalog<'_>,
    declared: &BTreeSet<String>,
    reserved: Namespace,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, TypeDef> {
    let Some(source) = source else { return BTreeMap::new() };
    let mut lowering = TypeLowering::new(source, catalog, TypeScope::Shared, reserved, declared);
    for (name, field) in &source.content.types {
        let path = KeyPath::root().key("types").key(name);
        if !naming::is_type_name(name) {
            diagnostics.push(source.error_at_key(
                &path,
                format!("shared type \"{name}\" is not a Rust type name (expected UpperCamelCase letters and digits)"),
            ));
            continue;
        }
        if field.model.is_some() {
            diagnostics.push(source.error_at_key(&path.key("model"), "a shared type is named by its key, not `model`"));
        }
        if !field.ty.as_ref().is_some_and(raw::TypeName::defines_type) {
            diagnostics.push(
                source
                    .error_at(&path.key("type"), "a shared type must be an `object` or an `enum`")
                    .with_help("use the type directly where it is needed, or wrap it in an object"),
            );
            continue;
        }
        lowering.check_keys(field, &path, Place::SharedType);
        lowering.lower(field, &path, "", name);
    }
    diagnostics.extend(std::mem::take(&mut lowering.diagnostics));
    lowering.types
}

/// Drops the shared types nothing uses: no resource holds them (directly or through other types) and no root
/// type does. `common.yaml` may declare a library of types; only those the schema uses are generated.
pub fn keep_used(
    shared: &mut BTreeMap<String, TypeDef>,
    apis: &BTreeMap<String, Api>,
    root: &BTreeMap<String, TypeDef>,
) {
    let root_held = root.values().flat_map(TypeDef::field_types).cloned();
    let mut used = reachable(root_held, definitions(None, root, shared));
    for resource in apis.values().flat_map(|api| api.resources.values()) {
        used.extend(reachable(resource.held_types(), definitions(Some(&resource.types), root, shared)));
    }
    shared.retain(|name, _| used.contains(&(name.clone(), TypeScope::Shared)));
}

/// The features of the unified APIs that use each shared type, directly or through other types: from
/// anything a resource holds (fields, query parameters, bodies, custom method responses). A shared type the
/// root types use is left out: the root module is always compiled, so it must be too.
pub fn features_using(
    apis: &BTreeMap<String, Api>,
    root: &BTreeMap<String, TypeDef>,
    shared: &BTreeMap<String, TypeDef>,
) -> BTreeMap<String, BTreeSet<String>> {
    let root_held = root.values().flat_map(TypeDef::field_types).cloned();
    let always = reachable(root_held, definitions(None, root, shared));
    let mut features: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for api in apis.values() {
        for resource in api.resources.values() {
            let reached = reachable(resource.held_types(), definitions(Some(&resource.types), root, shared));
            for (name, scope) in reached {
                if scope == TypeScope::Shared && !always.contains(&(name.clone(), scope)) {
                    features.entry(name).or_default().insert(api.feature.clone());
                }
            }
        }
    }
    features
}
