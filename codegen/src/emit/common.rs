//! The `common` module: types shared across resources, declared once in `common.yaml`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::TypeDef;

use super::{Context, EmittedFile, Gate, Settings, docs, enums, models};

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
        let items = match definition {
            TypeDef::Struct(definition) => models::emit(context, definition, ""),
            TypeDef::Enum(definition) => enums::emit(context, definition),
        };
        match context.ir.shared_type_features.get(name).and_then(|features| settings.gate(features)) {
            Some(gate) => gate_items(items, &gate),
            // Used by a root type only (or no gates wanted): always compiled.
            None => items,
        }
    });
    let tokens = quote! {
        #module_doc

        #runtime_import

        #( #types )*
    };
    EmittedFile { path: "common.rs".into(), tokens, source: crate::layout::COMMON_FILE.to_owned() }
}

/// Puts `gate` on every item of `items` (a type and its impls): its documentation badge on the type only.
fn gate_items(items: TokenStream, gate: &Gate) -> TokenStream {
    match syn::parse2::<syn::File>(items.clone()) {
        Ok(file) => {
            let items = file.items.iter().map(|item| match item {
                syn::Item::Struct(_) | syn::Item::Enum(_) => quote!(#gate #item),
                _ => {
                    let cfg = &gate.cfg;
                    quote!(#cfg #item)
                }
            });
            quote!( #( #items )* )
        }
        // The emitters always produce items; were that ever not so, the ungated tokens reach the formatter,
        // which reports the generator bug.
        Err(_) => items,
    }
}
