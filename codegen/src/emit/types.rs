//! The Rust type written for each IR [`Type`].
//!
//! | schema | Rust |
//! |---|---|
//! | `string`, `uuid`, `url`, `email` | `String` (kept verbatim: Truto does not promise the format) |
//! | `integer` / `number` / `boolean` | `i64` / `f64` / `bool` |
//! | `date-time` / `date` | `runtime::DateTime` / `runtime::Date` (verbatim, parsed on demand) |
//! | `any` | `runtime::json::Value` |
//! | `map` | `BTreeMap<String, T>` |
//! | `array` | `Vec<T>` |
//! | `object`, `enum` | the generated type, by a path relative to the referring module |
//!
//! Prelude names (`String`, `Vec`, `Option`) are written bare: validation reserves them, so no generated
//! type can shadow them.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Type, TypeScope};
use crate::naming;

use super::Context;

/// The Rust type of `ty`, as written in the module `context` is emitting.
pub fn rust_type(context: &Context<'_>, ty: &Type) -> TokenStream {
    let runtime = &context.runtime;
    match ty {
        Type::String | Type::Uuid | Type::Url | Type::Email => quote!(String),
        Type::Integer => quote!(i64),
        Type::Number => quote!(f64),
        Type::Boolean => quote!(bool),
        Type::DateTime => quote!(#runtime::DateTime),
        Type::Date => quote!(#runtime::Date),
        Type::Any => quote!(#runtime::json::Value),
        Type::Map(values) => {
            let values = rust_type(context, values);
            quote!(::std::collections::BTreeMap<String, #values>)
        }
        Type::Array(items) => {
            let items = rust_type(context, items);
            quote!(Vec<#items>)
        }
        Type::Named(name, scope) => {
            let name = naming::ident(name);
            // Modules: the root, `<root>::common`, and `<root>::<api>::<resource>`.
            match (scope, context.module) {
                (TypeScope::Root, TypeScope::Resource) => quote!(super::super::#name),
                (TypeScope::Root, TypeScope::Shared) => quote!(super::#name),
                (TypeScope::Shared, TypeScope::Resource) => quote!(super::super::common::#name),
                (TypeScope::Shared, TypeScope::Root) => quote!(common::#name),
                // Resource types are only referred to from their own module.
                (TypeScope::Resource, _)
                | (TypeScope::Root, TypeScope::Root)
                | (TypeScope::Shared, TypeScope::Shared) => {
                    quote!(#name)
                }
            }
        }
    }
}
