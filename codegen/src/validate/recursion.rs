//! Recursive types: a struct that contains itself, directly or through other structs, must hold the
//! recursive field in a `Box` to have a size. `Vec` and map fields already hold their items on the heap.

use std::collections::BTreeMap;

use crate::ir::{Type, TypeDef, TypeScope};

/// Marks `boxed` every field whose struct type leads back to the field's own struct, among the types of
/// one module (`scope`): cycles cannot cross modules, since resource types are never referenced from
/// elsewhere and shared types only refer to shared types.
///
/// A field leads back to its struct exactly when both are in one strongly connected component of the
/// graph of inline fields, so the components are computed once (linear in types and fields) rather than
/// searching from every field, which took minutes for a chain of 20 000 shared types.
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
    let component = components(&edges);
    for (name, definition) in types.iter_mut() {
        let TypeDef::Struct(definition) = definition else { continue };
        for field in &mut definition.fields {
            if let Some(target) = direct_target(&field.ty, scope) {
                field.boxed =
                    component.get(target.as_str()).is_some_and(|target| component.get(name.as_str()) == Some(target));
            }
        }
    }
}

/// The strongly connected component of every node (Tarjan's algorithm, with an explicit stack so that a
/// long chain of types cannot overflow the call stack).
fn components(edges: &BTreeMap<String, Vec<String>>) -> BTreeMap<&str, usize> {
    let names: Vec<&str> = edges.keys().map(String::as_str).collect();
    let id: BTreeMap<&str, usize> = names.iter().enumerate().map(|(index, name)| (*name, index)).collect();
    let successors: Vec<Vec<usize>> = edges
        .values()
        .map(|targets| targets.iter().filter_map(|target| id.get(target.as_str()).copied()).collect())
        .collect();
    let count = names.len();
    let (mut index, mut low, mut on_stack) = (vec![usize::MAX; count], vec![0; count], vec![false; count]);
    let mut component = vec![usize::MAX; count];
    let (mut next_index, mut next_component) = (0, 0);
    let mut stack = Vec::new();
    for start in 0..count {
        if index[start] != usize::MAX {
            continue;
        }
        // (node, position of its next successor to visit)
        let mut calls = vec![(start, 0)];
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&(node, position)) = calls.last() {
            if let Some(&next) = successors[node].get(position) {
                if let Some(call) = calls.last_mut() {
                    call.1 += 1;
                }
                if index[next] == usize::MAX {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    calls.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    names.into_iter().zip(component).collect()
}

/// The struct a field holds inline (not through a `Vec` or a map), in `scope`.
fn direct_target(ty: &Type, scope: TypeScope) -> Option<String> {
    match ty {
        Type::Named(name, target_scope) if *target_scope == scope => Some(name.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Field, Struct};

    fn field(name: &str, ty: Type) -> Field {
        crate::ir::plain_field(name, ty)
    }

    fn structure(name: &str, fields: Vec<Field>) -> (String, TypeDef) {
        (
            name.into(),
            TypeDef::Struct(Struct {
                name: name.into(),
                description: None,
                fields,
                input: false,
                in_inputs: false,
                field_list: crate::ir::FieldList::Complete,
                derives_default: true,
                extras_field: Some("extras".to_owned()),
            }),
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

    #[test]
    fn long_chains_are_linear() {
        let count = 50_000;
        let shared = |name: String| Type::Named(name, TypeScope::Shared);
        let mut types: BTreeMap<_, _> = (0..count)
            .map(|index| {
                structure(&format!("T{index}"), vec![field("next", shared(format!("T{}", (index + 1) % count)))])
            })
            .chain([structure("Leaf", vec![field("up", shared("T0".into()))])])
            .collect();
        let started = std::time::Instant::now();
        box_recursive_fields(&mut types, TypeScope::Shared);
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "{:?}", started.elapsed());
        assert!(boxed(&types, "T0", "next") && boxed(&types, "T49999", "next"), "the whole ring is one cycle");
        assert!(!boxed(&types, "Leaf", "up"), "nothing leads back to Leaf");
    }
}
