//! The `common` module: types shared across resources, declared once in `common.yaml`.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::TypeDef;

use super::{Context, EmittedFile, docs, enums, models};

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
/// pub struct Address { … }
/// ```
pub fn emit(context: &Context<'_>, feature_gates: bool) -> EmittedFile {
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
        match context.ir.shared_type_features.get(name) {
            Some(features) if feature_gates => gate_items(items, features),
            // Used by no API, or by a Truto parameter (or no gates wanted): always compiled.
            _ => items,
        }
    });
    let tokens = quote! {
        #module_doc

        #runtime_import

        #( #types )*
    };
    EmittedFile { path: "common.rs".into(), tokens, source: crate::layout::COMMON_FILE.to_owned() }
}

/// Puts `#[cfg(any(feature = …))]` on every item of `items` (a type and its impls).
fn gate_items(items: TokenStream, features: &BTreeSet<String>) -> TokenStream {
    let gate = super::cfg_any_feature(features);
    match syn::parse2::<syn::File>(items.clone()) {
        Ok(file) => {
            let items = file.items.iter();
            quote!( #( #gate #items )* )
        }
        // The emitters always produce items; were that ever not so, the ungated tokens reach the formatter,
        // which reports the generator bug.
        Err(_) => items,
    }
}
