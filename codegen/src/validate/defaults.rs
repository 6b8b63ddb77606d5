//! Which structs derive `Default`: those whose every required field has a default value, recursively.
//! Enums have none (no value is a natural default), and a cycle of required fields has none either (its
//! `Default` would never end), so the answer is the least fixed point: a struct gets `Default` once all its
//! required fields are known to have one.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Resource, Type, TypeDef, TypeScope};

type Known = BTreeSet<(String, TypeScope)>;

/// Sets `derives_default` on every struct of the resources, the root types and the shared types.
pub fn decide(
    resources: &mut [&mut Resource],
    root: &mut BTreeMap<String, TypeDef>,
    shared: &mut BTreeMap<String, TypeDef>,
) {
    // Shared types refer only to shared types; root types to root and shared ones.
    let mut outside = Known::new();
    grow(shared, TypeScope::Shared, &mut outside);
    grow(root, TypeScope::Root, &mut outside);
    apply(shared, TypeScope::Shared, &outside);
    apply(root, TypeScope::Root, &outside);
    for resource in resources.iter_mut() {
        let mut known = outside.clone();
        grow(&resource.types, TypeScope::Resource, &mut known);
        apply(&mut resource.types, TypeScope::Resource, &known);
    }
}

/// Adds to `known` every struct of `types` (in `scope`) whose required fields all have defaults, until no
/// more can be added.
fn grow(types: &BTreeMap<String, TypeDef>, scope: TypeScope, known: &mut Known) {
    loop {
        let found: Vec<String> = types
            .iter()
            .filter(|(name, _)| !known.contains(&((*name).clone(), scope)))
            .filter_map(|(name, definition)| match definition {
                TypeDef::Struct(definition) => Some((name, definition)),
                TypeDef::Enum(_) => None,
            })
            .filter(|(_, definition)| {
                definition.fields.iter().all(|field| {
                    !field.required
                        || match &field.ty {
                            Type::Named(name, scope) => known.contains(&(name.clone(), *scope)),
                            _ => true,
                        }
                })
            })
            .map(|(name, _)| name.clone())
            .collect();
        if found.is_empty() {
            return;
        }
        known.extend(found.into_iter().map(|name| (name, scope)));
    }
}

fn apply(types: &mut BTreeMap<String, TypeDef>, scope: TypeScope, known: &Known) {
    for (name, definition) in types.iter_mut() {
        if let TypeDef::Struct(definition) = definition {
            definition.derives_default = known.contains(&(name.clone(), scope));
        }
    }
}
