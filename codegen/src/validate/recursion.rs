//! Recursive types: a struct that contains itself, directly or through other structs, must hold the
//! recursive field in a `Box` to have a size. `Vec` and map fields already hold their items on the heap.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Type, TypeDef, TypeScope};

/// Marks `boxed` every field whose struct type leads back to the field's own struct, among the types of
/// one module (`scope`): cycles cannot cross modules, since resource types are never referenced from
/// elsewhere and shared types only refer to shared types.
pub fn box_recursive_fields(types: &mut BTreeMap<String, TypeDef>, scope: TypeScope) {
    let edges: BTreeMap<String, Vec<String>> = types
        .iter()
        .filter_map(|(name, definition)| match definition {
            TypeDef::Struct(definition) => Some((
                name.clone(),
                definition.fields.iter().filter_map(|field| direct_target(&field.ty, scope)).collect(),
            )),
            TypeDef::Enum(_) => None,
        })
        .collect();
    for (name, definition) in types.iter_mut() {
        let TypeDef::Struct(definition) = definition else { continue };
        for field in &mut definition.fields {
            if let Some(target) = direct_target(&field.ty, scope) {
                field.boxed = reaches(&edges, &target, name);
            }
        }
    }
}

/// The struct a field holds inline (not through a `Vec` or a map), in `scope`.
fn direct_target(ty: &Type, scope: TypeScope) -> Option<String> {
    match ty {
        Type::Named(name, target_scope) if *target_scope == scope => Some(name.clone()),
        _ => None,
    }
}

/// Whether `to` can be reached from `from` through inline fields.
fn reaches(edges: &BTreeMap<String, Vec<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut pending = vec![from.to_owned()];
    while let Some(current) = pending.pop() {
        if current == to {
            return true;
        }
        if seen.insert(current.clone()) {
            pending.extend(edges.get(&current).into_iter().flatten().cloned());
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Coverage, Field, Struct};

    fn field(name: &str, ty: Type) -> Field {
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
        }
    }

    fn structure(name: &str, fields: Vec<Field>) -> (String, TypeDef) {
        (
            name.into(),
            TypeDef::Struct(Struct { name: name.into(), description: None, fields, input: false, in_inputs: false }),
        )
    }

    fn boxed(types: &BTreeMap<String, TypeDef>, owner: &str, name: &str) -> bool {
        let TypeDef::Struct(definition) = &types[owner] else { unreachable!() };
        definition.fields.iter().find(|field| field.json_name == name).is_some_and(|field| field.boxed)
    }

    #[test]
    fn only_fields_on_a_cycle_are_boxed() {
        let shared = |name: &str| Type::Named(name.into(), TypeScope::Shared);
        let mut types: BTreeMap<_, _> = [
            structure("Folder", vec![field("parent", shared("Folder")), field("owner", shared("User"))]),
            structure("User", vec![field("manager", shared("Person"))]),
            structure(
                "Person",
                vec![field("reports", Type::Array(Box::new(shared("User")))), field("boss", shared("User"))],
            ),
        ]
        .into_iter()
        .collect();
        box_recursive_fields(&mut types, TypeScope::Shared);
        assert!(boxed(&types, "Folder", "parent"), "self-reference");
        assert!(!boxed(&types, "Folder", "owner"), "no way back to Folder");
        assert!(boxed(&types, "User", "manager"), "User -> Person -> User");
        assert!(boxed(&types, "Person", "boss"));
        assert!(!boxed(&types, "Person", "reports"), "a Vec already breaks the cycle");
    }
}
