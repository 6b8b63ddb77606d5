//! Response models that request bodies contain: a create body holding a shared `Reference` or `Address`
//! must let callers build one, so those types are marked `in_inputs` and stay open to struct literals
//! (`Reference { id: Some(…), ..Default::default() }`) instead of `#[non_exhaustive]`.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Resource, Type, TypeDef, TypeScope};

/// Marks every struct reachable from a request input (a body or a query object), in the resources and in
/// the shared types.
pub fn mark_types_in_inputs(resources: &mut [&mut Resource], shared: &mut BTreeMap<String, TypeDef>) {
    let mut shared_marked = BTreeSet::new();
    for resource in resources.iter_mut() {
        let mut resource_marked = BTreeSet::new();
        let mut pending: Vec<(String, TypeScope)> = resource
            .types
            .values()
            .filter_map(|definition| match definition {
                TypeDef::Struct(definition) if definition.input => Some(definition),
                _ => None,
            })
            .flat_map(|definition| definition.fields.iter().filter_map(|field| named(&field.ty)))
            .collect();
        while let Some((name, scope)) = pending.pop() {
            let (types, marked) = match scope {
                TypeScope::Resource => (&resource.types, &mut resource_marked),
                TypeScope::Shared => (&*shared, &mut shared_marked),
                TypeScope::Root => continue,
            };
            if !marked.insert(name.clone()) {
                continue;
            }
            if let Some(TypeDef::Struct(definition)) = types.get(&name) {
                pending.extend(definition.fields.iter().filter_map(|field| named(&field.ty)));
            }
        }
        mark(&mut resource.types, &resource_marked);
    }
    mark(shared, &shared_marked);
}

/// The named type a field holds, through arrays and maps.
fn named(ty: &Type) -> Option<(String, TypeScope)> {
    match ty {
        Type::Named(name, scope) => Some((name.clone(), *scope)),
        Type::Array(inner) | Type::Map(inner) => named(inner),
        _ => None,
    }
}

fn mark(types: &mut BTreeMap<String, TypeDef>, names: &BTreeSet<String>) {
    for name in names {
        if let Some(TypeDef::Struct(definition)) = types.get_mut(name)
            && !definition.input
        {
            definition.in_inputs = true;
        }
    }
}
