//! The `common` module: types shared across resources, declared once in `common.yaml`.

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
pub fn emit(context: &Context<'_>) -> EmittedFile {
    let module_doc = docs::inner_attrs(
        "Types shared across resources, declared once in `common.yaml`: the same nested object is one Rust type \
         wherever it appears.",
    );
    let runtime_import = context.runtime_import();
    let types = context.ir.shared_types.values().map(|definition| match definition {
        TypeDef::Struct(definition) => models::emit(context, definition, ""),
        TypeDef::Enum(definition) => enums::emit(context, definition),
    });
    let tokens = quote! {
        #module_doc

        #runtime_import

        #( #types )*
    };
    EmittedFile { path: "common.rs".into(), tokens, source: crate::load::COMMON_FILE.to_owned() }
}
