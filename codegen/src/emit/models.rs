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
/// #[derive(Clone, Debug, Default, PartialEq, Serialize)]
/// #[serde(crate = "::truto_unified::runtime::serde")]
/// #[non_exhaustive]                       // response models only: new fields are not breaking
/// pub struct UserEmail {
///     /// The email address
///     #[serde(skip_serializing_if = "Option::is_none")]
///     pub email: Option<String>,          // absent or null: None
///     #[serde(skip_serializing_if = "Vec::is_empty")]
///     pub emails: Vec<…>,                 // collections: absent and null decode as empty
///     pub id: String,                     // required: must be present
/// }
/// impl<'de> Deserialize<'de> for UserEmail { … }   // hand-written: see `deserialize_impl`
/// ```
/// Unknown JSON fields are ignored (never `deny_unknown_fields`), so the server may add fields freely.
/// Response models are `#[non_exhaustive]` (a new field is not a breaking change) yet `Default`, so callers
/// build them with `let mut user = User::default(); user.name = Some(…);` for tests and mocks. Models that
/// request bodies contain (`in_inputs`) drop `#[non_exhaustive]`, so a body can be written as one literal:
/// `Reference { id: Some(…), ..Default::default() }`.
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
        docs::field_list_sentence(definition.field_list).unwrap_or_default().to_owned(),
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
    // Request bodies contain this type: callers build it with a struct literal and `..Default::default()`.
    let non_exhaustive = (!definition.in_inputs).then(|| quote!(#[non_exhaustive]));
    let deserialize = deserialize_impl(context, definition);
    quote! {
        #doc
        #[derive(Clone, Debug, #default PartialEq, #runtime::serde::Serialize)]
        #[serde(crate = #serde_crate)]
        #non_exhaustive
        pub struct #name {
            #( #fields )*
        }

        #deserialize
    }
}

/// A hand-written `Deserialize` for a response model, instead of the derive (build cost: see
/// `runtime::serde_helpers::FieldIndex`; BENCHMARKS.md has the measurements). Same behaviour as the derive
/// with `default` + `null_as_default` on collections: unknown keys are skipped, absent optional fields are
/// `None`, absent or `null` collections are empty, an absent required field is `missing field `id``.
/// Unlike the derive, a key repeated in one object is not an error: the last value wins, as in
/// `serde_json::Value`.
/// ```text
/// impl<'de> Deserialize<'de> for UserEmail {
///     fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
///         struct Visitor;
///         impl<'de> Visitor<'de> for Visitor {
///             type Value = UserEmail;
///             fn expecting(…) { f.write_str("a UserEmail object") }
///             fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UserEmail, A::Error> {
///                 fn field(name: &str) -> usize { match name { "email" => 0, "is_primary" => 1, _ => usize::MAX } }
///                 let mut field0: Option<String> = None;
///                 …
///                 while let Some(index) = map.next_key_seed(FieldIndex(field))? {
///                     match index { 0 => field0 = map.next_value()?, …, _ => { map.next_value::<IgnoredAny>()?; } }
///                 }
///                 Ok(UserEmail { email: field0, … })
///             }
///         }
///         deserializer.deserialize_map(Visitor)
///     }
/// }
/// ```
fn deserialize_impl(context: &Context<'_>, definition: &Struct) -> TokenStream {
    let runtime = &context.runtime;
    let name = naming::ident(&definition.name);
    let expecting = format!("an object of type {}", definition.name);
    let field_index = context.helper_path("FieldIndex");
    let next_collection = context.helper_path("next_collection");
    let mut names = Vec::new();
    let mut locals = Vec::new();
    let mut arms = Vec::new();
    let mut initialisers = Vec::new();
    for (index, field) in definition.fields.iter().enumerate() {
        let json_name = &field.json_name;
        let rust_name = naming::ident(&field.rust_name);
        // Named after the field so the emitted code reads like hand-written serde; the prefix keeps a field
        // called `map` or `field` from shadowing the visitor's own names.
        let local = quote::format_ident!("value_{}", field.rust_name.trim_start_matches("r#").trim_start_matches('_'));
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let ty = field_type(context, field);
        names.push(quote!(#json_name => #index,));
        if types::is_collection(&field.ty) {
            locals.push(quote!(let mut #local: #ty = Default::default();));
            arms.push(quote!(#index => #local = #next_collection(&mut map)?,));
            initialisers.push(quote!(#rust_name: #local,));
        } else if field.required {
            locals.push(quote!(let mut #local: Option<#ty> = None;));
            arms.push(quote!(#index => #local = Some(map.next_value()?),));
            initialisers.push(quote! {
                #rust_name: #local.ok_or_else(|| <A::Error as #runtime::serde::de::Error>::missing_field(#json_name))?,
            });
        } else {
            locals.push(quote!(let mut #local: Option<#ty> = None;));
            arms.push(quote!(#index => #local = map.next_value()?,));
            initialisers.push(quote!(#rust_name: #local,));
        }
    }
    let body = if definition.fields.is_empty() {
        quote! {
            while map.next_key::<#runtime::serde::de::IgnoredAny>()?.is_some() {
                map.next_value::<#runtime::serde::de::IgnoredAny>()?;
            }
            Ok(#name {})
        }
    } else {
        quote! {
            fn field(name: &str) -> usize {
                match name {
                    #( #names )*
                    _ => usize::MAX,
                }
            }
            #( #locals )*
            while let Some(index) = map.next_key_seed(#field_index(field))? {
                match index {
                    #( #arms )*
                    _ => {
                        map.next_value::<#runtime::serde::de::IgnoredAny>()?;
                    }
                }
            }
            Ok(#name { #( #initialisers )* })
        }
    };
    quote! {
        impl<'de> #runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: #runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;

                impl<'de> #runtime::serde::de::Visitor<'de> for Visitor {
                    type Value = #name;

                    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        formatter.write_str(#expecting)
                    }

                    fn visit_map<A: #runtime::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        #body
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }
    }
}

/// `new(required…)`: the required fields as arguments, every other field empty.
fn constructor(context: &Context<'_>, definition: &Struct, required: &[&Field]) -> TokenStream {
    let name = naming::ident(&definition.name);
    // Arguments convert like setters do: any string-like for strings, chrono values for dates, `&str` for
    // enums; other types as they are.
    let arguments = required.iter().map(|field| {
        let argument = naming::ident(&field.rust_name);
        let ty = field_type(context, field);
        if converts_into(context, field) { quote!(#argument: impl Into<#ty>) } else { quote!(#argument: #ty) }
    });
    let initialisers = definition.fields.iter().map(|field| {
        let field_name = naming::ident(&field.rust_name);
        match (field.required, converts_into(context, field)) {
            (true, true) => quote!(#field_name: #field_name.into()),
            (true, false) => quote!(#field_name),
            (false, _) => quote!(#field_name: Default::default()),
        }
    });
    let required_names = required.iter().map(|field| docs::code(&field.json_name)).collect::<Vec<_>>().join(", ");
    let doc = docs::attrs(&format!("A `{}` with the required {required_names} and nothing else set.", definition.name));
    quote! {
        impl #name {
            #doc
            pub fn new(#( #arguments ),*) -> Self {
                Self { #( #initialisers ),* }
            }
        }
    }
}

/// Whether a constructor argument for `field` takes `impl Into<T>`: strings, dates and enums (from `&str`)
/// do; records, lists, maps and boxed fields are taken as they are.
fn converts_into(context: &Context<'_>, field: &Field) -> bool {
    match &field.ty {
        _ if field.boxed => false,
        crate::ir::Type::Named(name, scope) => context.is_enum(name, *scope),
        crate::ir::Type::Array(_) | crate::ir::Type::Map(_) => false,
        _ => true,
    }
}

/// The field's type before `Option`: boxed where validation found recursion.
fn field_type(context: &Context<'_>, field: &Field) -> TokenStream {
    let ty = types::rust_type(context, &field.ty);
    if field.boxed { quote!(Box<#ty>) } else { ty }
}

/// The `skip_serializing_if` of a field. Unset optional fields and empty lists and maps are left out, so an
/// update sends just what changes; a request body sends its required fields even when empty, while a model
/// read from Truto leaves out empty lists and maps however they were declared.
fn skip_if(field: &Field, input: bool) -> Option<&'static str> {
    if field.required && (input || !types::is_collection(&field.ty)) {
        return None;
    }
    Some(match field.ty {
        crate::ir::Type::Array(_) => "Vec::is_empty",
        crate::ir::Type::Map(_) => "::std::collections::BTreeMap::is_empty",
        _ => "Option::is_none",
    })
}

/// `/// docs` `#[serde(rename = "json", skip_serializing_if = "…")]` `pub name: T,`, where `T` is wrapped in
/// `Option` for an optional scalar or record (lists and maps are empty instead).
fn emit_field(context: &Context<'_>, field: &Field, input: bool) -> TokenStream {
    let name = naming::ident(&field.rust_name);
    let ty = field_type(context, field);
    let ty = if field.required || types::is_collection(&field.ty) { ty } else { quote!(Option<#ty>) };
    let doc = docs::attrs(&docs::paragraphs([
        docs::description(field.description.as_ref(), ""),
        docs::supported_sentence(&field.supported).unwrap_or_default(),
        docs::required_sentence(&field.required_in).unwrap_or_default(),
        docs::inferred_sentence(field.inferred.as_ref()).unwrap_or_default(),
    ]));
    let rename = (field.json_name != field.rust_name.trim_start_matches("r#")).then(|| {
        let json_name = &field.json_name;
        quote!(rename = #json_name,)
    });
    let skip = skip_if(field, input).map(|skip| quote!(skip_serializing_if = #skip));
    let serde = match (rename, skip) {
        (None, None) => quote!(),
        (rename, skip) => quote!(#[serde(#rename #skip)]),
    };
    quote! {
        #doc
        #serde
        pub #name: #ty,
    }
}
