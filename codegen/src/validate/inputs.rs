//! Response models that request inputs contain: a create body holding a shared `Reference` or a query
//! parameter of type `common/Address` must let callers build one, so those types are marked `in_inputs` and
//! stay open to struct literals (`Reference { id: Some(…), ..Default::default() }`) instead of
//! `#[non_exhaustive]`.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Resource, TypeDef, TypeScope, definitions, reachable};

/// Marks every struct reachable from a request input (a body, a query parameter), in the resources, the
/// root types and the shared types.
pub fn mark_types_in_inputs(
    resources: &mut [&mut Resource],
    root: &mut BTreeMap<String, TypeDef>,
    shared: &mut BTreeMap<String, TypeDef>,
) {
    let mut outside_resources = BTreeSet::new();
    for resource in resources.iter_mut() {
        let reached = reachable(resource.input_types(), definitions(Some(&resource.types), root, shared));
        let (in_resource, elsewhere): (BTreeSet<_>, BTreeSet<_>) =
            reached.into_iter().partition(|(_, scope)| *scope == TypeScope::Resource);
        mark(&mut resource.types, in_resource);
        outside_resources.extend(elsewhere);
    }
    let (in_root, in_shared): (BTreeSet<_>, BTreeSet<_>) =
        outside_resources.into_iter().partition(|(_, scope)| *scope == TypeScope::Root);
    mark(root, in_root);
    mark(shared, in_shared);
}

fn mark(types: &mut BTreeMap<String, TypeDef>, names: BTreeSet<(String, TypeScope)>) {
    for (name, _) in names {
        if let Some(TypeDef::Struct(definition)) = types.get_mut(&name)
            && !definition.input
        {
            definition.in_inputs = true;
        }
    }
}
