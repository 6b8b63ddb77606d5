//! The `common` module: types shared across resources, declared once in `common.yaml`.

use quote::quote;

use crate::ir::TypeDef;

use super::{Context, EmittedFile, Settings, docs, enums, models};

/// Emits `common.rs`.
///
/// ```text
/// //! Types shared across resources …
/// use ::truto_unified::runtime;
/// pub struct Address { … }          // referred to as `super::super::common::Address` from resources
/// pub enum PhoneNumberType { … }
/// ```
/// With feature gates, each type (with its impls) compiles only when an API using it is enabled:
/// ```text
/// #[cfg(any(feature = "calendar", feature = "crm"))]
/// #[cfg_attr(docsrs, doc(cfg(any(feature = "calendar", feature = "crm"))))]   // with doc_cfg
/// pub struct Address { … }
/// ```
pub fn emit(context: &Context<'_>, settings: &Settings) -> EmittedFile {
    let module_doc = docs::inner_attrs(
        "Types shared across resources, declared once in `common.yaml`: the same nested object is one Rust type \
         wherever it appears.",
    );
    let runtime_import = context.runtime_import();
    let types = context.ir.shared_types.iter().map(|(name, definition)| {
        // Used by a root type only (or no gates wanted): no gate, always compiled.
        let gate = context.ir.shared_type_features.get(name).and_then(|features| settings.gate(features));
        let context = context.gated(gate);
        match definition {
            TypeDef::Struct(definition) => models::emit(&context, definition, ""),
            TypeDef::Enum(definition) => enums::emit(&context, definition),
        }
    });
    let tokens = quote! {
        #module_doc

        #runtime_import

        #( #types )*
    };
    EmittedFile { path: "common.rs".into(), tokens, source: crate::layout::COMMON_FILE.to_owned() }
}
