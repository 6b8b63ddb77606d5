//! Setters of a resource's own query parameters on its request builders: a typed argument in, a query value
//! out. (Truto's own parameters come from the runtime's request traits.)
//!
//! ```text
//! pub fn email(mut self, value: impl Into<String>) -> Self { runtime::codegen::set_query(&mut self.0, "email", …); self }
//! pub fn ids<S: Into<String>>(mut self, value: impl IntoIterator<Item = S>) -> Self { … }   // ids[]=a&ids[]=b
//! pub fn filters(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self { … }   // maps: per entry
//! pub fn created_at_gt(mut self, value: impl Into<DateTime>) -> Self { … }   // operators: created_at[gt]=…
//! pub fn channel(mut self, value: ListMembersChannel) -> Self { … }            // objects: channel[id]=…
//! ```

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{QueryParam, Type};
use crate::naming;

use super::{Context, docs, types};

/// The setter of `param` (and one per comparison operator).
pub fn setter(context: &Context<'_>, param: &QueryParam) -> TokenStream {
    let runtime = &context.runtime;
    let main = main_setter(context, param);
    let operators = param.operators.iter().map(|(operator, setter)| {
        let name = naming::ident(setter);
        let wire = &param.name;
        let doc = docs::attrs(&format!(
            "Sets {}: records whose {} is `{operator}` the value.",
            docs::code(&format!("{wire}[{operator}]")),
            docs::code(wire)
        ));
        let (argument, value) = argument(context, &param.ty);
        quote! {
            #doc
            pub fn #name(mut self, value: #argument) -> Self {
                #runtime::codegen::set_query_entry(&mut self.0, #wire, #operator, #value);
                self
            }
        }
    });
    quote! {
        #main
        #( #operators )*
    }
}

fn main_setter(context: &Context<'_>, param: &QueryParam) -> TokenStream {
    let runtime = &context.runtime;
    let name = naming::ident(&param.setter);
    let wire = &param.name;
    let mut parts = vec![docs::description(param.description.as_ref(), &format!("Sets {}.", docs::code(wire)))];
    parts.extend(docs::supported_sentence(&param.supported));
    parts.extend(docs::required_sentence(&param.required_in));
    parts.extend(docs::inferred_sentence(param.inferred.as_ref()));
    if let Some(default) = &param.default {
        parts.push(format!("Defaults to {}.", docs::code(default)));
    }
    if let Some(example) = &param.example {
        parts.push(format!("Example: {}", docs::code(example)));
    }
    let doc = docs::attrs(&docs::paragraphs(parts));

    let (generics, argument, value) = match &param.ty {
        Type::Map(values) => {
            let (value_type, value) = match values.as_ref() {
                Type::Any => (quote!(impl Into<#runtime::json::Value>), quote!(value.into())),
                other => {
                    let ty = types::rust_type(context, other);
                    (quote!(#ty), quote!(#runtime::codegen::to_json(&value)))
                }
            };
            // A map parameter is set one entry at a time: `remote_query("foo", "bar")` → `remote_query[foo]=bar`.
            return quote! {
                #doc
                pub fn #name(mut self, key: impl Into<String>, value: #value_type) -> Self {
                    #runtime::codegen::set_query_entry(&mut self.0, #wire, key.into(), #value);
                    self
                }
            };
        }
        Type::Array(items) if is_stringly(items) => (
            Some(quote!(<S: Into<String>>)),
            quote!(impl IntoIterator<Item = S>),
            quote!(#runtime::json::Value::Array(
                value.into_iter().map(|item| #runtime::json::Value::String(item.into())).collect()
            )),
        ),
        ty => {
            let (argument, value) = argument(context, ty);
            (None, argument, value)
        }
    };
    quote! {
        #doc
        pub fn #name #generics (mut self, value: #argument) -> Self {
            #runtime::codegen::set_query(&mut self.0, #wire, #value);
            self
        }
    }
}

/// The argument type of a setter for a value of `ty`, and the expression turning `value` into a query value.
fn argument(context: &Context<'_>, ty: &Type) -> (TokenStream, TokenStream) {
    let runtime = &context.runtime;
    match ty {
        Type::String | Type::Uuid | Type::Url | Type::Email => {
            (quote!(impl Into<String>), quote!(#runtime::json::Value::String(value.into())))
        }
        Type::Integer => (quote!(i64), quote!(value.into())),
        Type::Number => (quote!(f64), quote!(value.into())),
        Type::Boolean => (quote!(bool), quote!(value.into())),
        Type::DateTime => {
            (quote!(impl Into<#runtime::DateTime>), quote!(#runtime::json::Value::String(value.into().into_string())))
        }
        Type::Date => {
            (quote!(impl Into<#runtime::Date>), quote!(#runtime::json::Value::String(value.into().into_string())))
        }
        Type::Any => (quote!(impl Into<#runtime::json::Value>), quote!(value.into())),
        Type::Named(name, scope) if context.is_enum(name, *scope) => {
            let ty = types::rust_type(context, ty);
            (quote!(impl Into<#ty>), quote!(#runtime::json::Value::String(value.into().as_str().to_owned())))
        }
        Type::Named(..) | Type::Array(_) | Type::Map(_) => {
            let ty = types::rust_type(context, ty);
            (ty, quote!(#runtime::codegen::to_json(&value)))
        }
    }
}

fn is_stringly(ty: &Type) -> bool {
    matches!(ty, Type::String | Type::Uuid | Type::Url | Type::Email)
}
