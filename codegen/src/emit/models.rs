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
pub fn emit(context: &Context<'_>, definition: &Struct, extra_docs: &str) -> TokenStream {
    let runtime = &context.runtime;
    let serde_crate = context.serde_crate();
    let name = naming::ident(&definition.name);
    let doc = docs::attrs(&docs::paragraphs([
        docs::description(definition.description.as_ref(), &format!("A `{}` object.", definition.name)),
        extra_docs.to_owned(),
    ]));
    let fields = definition.fields.iter().map(|field| emit_field(context, field));
    let derive_default =
        definition.fields.iter().all(|field| !field.required || types::has_default(context, &field.ty));
    let default = derive_default.then(|| quote!(Default,));
    let non_exhaustive = (!definition.input).then(|| quote!(#[non_exhaustive]));
    quote! {
        #doc
        #[derive(Clone, Debug, #default PartialEq, #runtime::serde::Serialize, #runtime::serde::Deserialize)]
        #[serde(crate = #serde_crate)]
        #non_exhaustive
        pub struct #name {
            #( #fields )*
        }
    }
}

fn emit_field(context: &Context<'_>, field: &Field) -> TokenStream {
    let name = naming::ident(&field.rust_name);
    let ty = types::rust_type(context, &field.ty);
    let doc = docs::attrs(&docs::paragraphs([
        docs::description(field.description.as_ref(), ""),
        docs::supported_sentence(&field.supported).unwrap_or_default(),
    ]));
    let rename = (field.json_name != field.rust_name.trim_start_matches("r#")).then(|| {
        let json_name = &field.json_name;
        quote!(rename = #json_name,)
    });
    let null_as_default = context.helper("null_as_default");
    let (serde, ty) = if types::is_collection(&field.ty) {
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
