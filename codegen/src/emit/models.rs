//! Structs for JSON objects: the records of a resource, their nested objects, and query-parameter objects.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Field, Struct};
use crate::naming;

use super::types;
use super::{Context, docs};

/// Emits one struct.
///
/// ```text
/// /// The emails of the user
/// #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
/// #[serde(crate = "::truto_unified::runtime::serde")]
/// #[non_exhaustive]                       // response models only: new fields are not breaking
/// pub struct UserEmail {
///     /// The email address
///     #[serde(default, skip_serializing_if = "Option::is_none")]
///     pub email: Option<String>,
///     #[serde(default, deserialize_with = "…::null_as_default", skip_serializing_if = "Vec::is_empty")]
///     pub emails: Vec<…>,                 // collections: absent and null decode as empty
///     pub id: String,                     // required: must be present
/// }
/// ```
/// Unknown JSON fields are ignored (never `deny_unknown_fields`), so the server may add fields freely.
/// Response models are `#[non_exhaustive]` yet `Default`, so callers build them with
/// `let mut user = User::default(); user.name = Some(…);` for tests and mocks.
///
/// Inputs (request bodies, query parameter objects) are only serialized and stay open to struct literals;
/// when some of their fields are required they get `new(required…)` instead of `Default`:
/// ```text
/// #[derive(Clone, Debug, PartialEq, Serialize)]
/// pub struct EventCreate { pub title: String, pub description: Option<String>, … }
/// impl EventCreate { pub fn new(title: impl Into<String>, …) -> Self { … } }
/// ```
pub fn emit(context: &Context<'_>, definition: &Struct, extra_docs: &str) -> TokenStream {
    let runtime = &context.runtime;
    let serde_crate = context.serde_crate();
    let name = naming::ident(&definition.name);
    let doc = docs::attrs(&docs::paragraphs([
        docs::description(definition.description.as_ref(), &format!("A `{}` object.", definition.name)),
        extra_docs.to_owned(),
    ]));
    let fields = definition.fields.iter().map(|field| emit_field(context, field, definition.input));
    if definition.input {
        let required: Vec<&Field> = definition.fields.iter().filter(|field| field.required).collect();
        let default = required.is_empty().then(|| quote!(Default,));
        let constructor = (!required.is_empty()).then(|| constructor(context, definition, &required));
        return quote! {
            #doc
            #[derive(Clone, Debug, #default PartialEq, #runtime::serde::Serialize)]
            #[serde(crate = #serde_crate)]
            pub struct #name {
                #( #fields )*
            }

            #constructor
        };
    }
    let derive_default =
        definition.fields.iter().all(|field| !field.required || types::has_default(context, &field.ty));
    let default = derive_default.then(|| quote!(Default,));
    quote! {
        #doc
        #[derive(Clone, Debug, #default PartialEq, #runtime::serde::Serialize, #runtime::serde::Deserialize)]
        #[serde(crate = #serde_crate)]
        #[non_exhaustive]
        pub struct #name {
            #( #fields )*
        }
    }
}

/// `new(required…)`: the required fields as arguments, every other field empty.
fn constructor(context: &Context<'_>, definition: &Struct, required: &[&Field]) -> TokenStream {
    let name = naming::ident(&definition.name);
    let arguments = required.iter().map(|field| {
        let argument = naming::ident(&field.rust_name);
        let ty = types::rust_type(context, &field.ty);
        quote!(#argument: #ty)
    });
    let initialisers = definition.fields.iter().map(|field| {
        let field_name = naming::ident(&field.rust_name);
        if field.required { quote!(#field_name) } else { quote!(#field_name: Default::default()) }
    });
    let required_names = required.iter().map(|field| docs::code(&field.json_name)).collect::<Vec<_>>().join(", ");
    let doc = docs::attrs(&format!("A body with the required {required_names} and nothing else set."));
    quote! {
        impl #name {
            #doc
            pub fn new(#( #arguments ),*) -> Self {
                Self { #( #initialisers ),* }
            }
        }
    }
}

fn emit_field(context: &Context<'_>, field: &Field, input: bool) -> TokenStream {
    let name = naming::ident(&field.rust_name);
    let ty = types::rust_type(context, &field.ty);
    let ty = if field.boxed { quote!(Box<#ty>) } else { ty };
    let doc = docs::attrs(&docs::paragraphs([
        docs::description(field.description.as_ref(), ""),
        docs::supported_sentence(&field.supported).unwrap_or_default(),
        docs::required_sentence(&field.required_in).unwrap_or_default(),
    ]));
    let rename = (field.json_name != field.rust_name.trim_start_matches("r#")).then(|| {
        let json_name = &field.json_name;
        quote!(rename = #json_name,)
    });
    let null_as_default = context.helper("null_as_default");
    let (serde, ty) = if input {
        // Only serialized: unset fields are left out, so an update sends just what changes.
        let skip = match (field.required, &field.ty) {
            (true, _) => None,
            (false, crate::ir::Type::Array(_)) => Some(quote!(skip_serializing_if = "Vec::is_empty")),
            (false, crate::ir::Type::Map(_)) => {
                Some(quote!(skip_serializing_if = "::std::collections::BTreeMap::is_empty"))
            }
            (false, _) => Some(quote!(skip_serializing_if = "Option::is_none")),
        };
        let attributes = match (rename, skip) {
            (None, None) => quote!(),
            (rename, skip) => quote!(#[serde(#rename #skip)]),
        };
        let ty = if field.required || types::is_collection(&field.ty) { ty } else { quote!(Option<#ty>) };
        (attributes, ty)
    } else if types::is_collection(&field.ty) {
        let skip = match field.ty {
            crate::ir::Type::Map(_) => "::std::collections::BTreeMap::is_empty",
            _ => "Vec::is_empty",
        };
        (quote!(#[serde(#rename default, deserialize_with = #null_as_default, skip_serializing_if = #skip)]), ty)
    } else if field.required {
        (rename.map(|rename| quote!(#[serde(#rename)])).unwrap_or_default(), ty)
    } else {
        (quote!(#[serde(#rename default, skip_serializing_if = "Option::is_none")]), quote!(Option<#ty>))
    };
    quote! {
        #doc
        #serde
        pub #name: #ty,
    }
}
