//! Structs for JSON objects: the records of a resource, their nested objects, and query-parameter objects.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Field, FieldShape, Struct};
use crate::naming;

use super::types;
use super::{Context, docs};

/// Emits one struct.
///
/// ```text
/// /// The emails of the user
/// #[derive(Clone, Debug, Default, PartialEq)]
/// #[non_exhaustive]                       // response models only: new fields are not breaking
/// pub struct UserEmail {
///     /// The email address
///     pub email: Option<String>,          // absent or null: None
///     pub emails: Vec<…>,                 // collections: absent and null are empty
///     pub id: String,                     // required
///     /// What the server sent beyond these fields …
///     pub extras: runtime::Extras,        // unknown keys, kept wire values, decode issues
/// }
/// impl runtime::codegen::Struct for UserEmail { … }   // lenient decode, lossless encode: see `struct_impl`
/// impl Serialize for UserEmail { … }  impl<'de> Deserialize<'de> for UserEmail { … }
/// impl runtime::codegen::Placeholder for UserEmail { … }   // the empty value of a required field
/// ```
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
    let name = naming::ident(&definition.name);
    let doc = docs::attrs(&docs::paragraphs([
        docs::description(definition.description.as_ref(), &format!("A `{}` object.", definition.name)),
        docs::field_list_sentence(definition.field_list).unwrap_or_default().to_owned(),
        extra_docs.to_owned(),
    ]));
    let fields = definition.fields.iter().map(|field| emit_field(context, field, definition.input));
    let default = definition.derives_default.then(|| quote!(Default,));
    let Some(extras) = &definition.extras_field else {
        return input(context, definition, doc, fields.collect());
    };
    let runtime = &context.runtime;
    let extras = naming::ident(extras);
    // Request bodies contain this type: callers build it with a struct literal and `..Default::default()`.
    let non_exhaustive = (!definition.in_inputs).then(|| quote!(#[non_exhaustive]));
    let struct_impl = struct_impl(context, definition, &extras);
    let placeholder = placeholder(context, definition, &extras);
    let (definition_gate, impl_gate) = (context.definition_gate(), context.impl_gate());
    quote! {
        #definition_gate
        #doc
        #[derive(Clone, Debug, #default PartialEq)]
        #non_exhaustive
        pub struct #name {
            #( #fields )*

            /// What the server sent beyond the fields above: keys the schema does not know, values that did
            /// not fit their field, and what did not fit (read them through [`runtime::Model`]). Written back
            /// out when the record is serialized.
            pub #extras: #runtime::Extras,
        }

        #struct_impl

        #impl_gate
        impl #runtime::serde::Serialize for #name {
            fn serialize<S: #runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #runtime::codegen::serialize_struct(self, serializer)
            }
        }

        #impl_gate
        impl<'de> #runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: #runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #runtime::codegen::deserialize_struct(deserializer)
            }
        }

        #placeholder
    }
}

/// An input struct: serialized only, derived.
fn input(context: &Context<'_>, definition: &Struct, doc: TokenStream, fields: Vec<TokenStream>) -> TokenStream {
    let runtime = &context.runtime;
    let serde_crate = context.serde_crate();
    let name = naming::ident(&definition.name);
    let required: Vec<&Field> = definition.fields.iter().filter(|field| field.required).collect();
    let default = required.is_empty().then(|| quote!(Default,));
    let constructor = (!required.is_empty()).then(|| constructor(context, definition, &required));
    let definition_gate = context.definition_gate();
    quote! {
        #definition_gate
        #doc
        #[derive(Clone, Debug, #default PartialEq, #runtime::serde::Serialize)]
        #[serde(crate = #serde_crate)]
        pub struct #name {
            #( #fields )*
        }

        #constructor
    }
}

/// The runtime's view of a response model: decoding field by field (leniently, keeping unknown keys and
/// values that do not fit), its extras, and encoding it back as it was received.
/// ```text
/// impl runtime::codegen::Struct for UserEmail {
///     const EXPECTED: &'static str = "an object of type UserEmail";
///     #[inline]                                            // see below
///     fn decode_map<'de, A: MapAccess<'de>>(map: &mut A, ctx: &mut Ctx) -> Result<Self, A::Error> {
///         fn index(name: &str) -> usize { match name { "email" => 0, "is_primary" => 1, _ => usize::MAX } }
///         let mut reader = runtime::codegen::Reader::new(map, ctx);
///         let mut value_email = None;
///         while let Some(field) = reader.next_field(index)? {
///             match field { 0 => value_email = reader.field(0, "email")?, … }
///         }
///         Ok(Self { email: value_email, …, extras: reader.finish() })
///     }
///     fn extras(&self) -> &runtime::Extras { &self.extras }   fn extras_mut(&mut self) -> …
///     fn write_fields<M: SerializeMap>(&self, writer: &mut Writer<'_, M>) -> Result<(), M::Error> {
///         writer.optional(0, "email", &self.email)?; … Ok(())
///     }
/// }
/// ```
fn struct_impl(context: &Context<'_>, definition: &Struct, extras: &proc_macro2::Ident) -> TokenStream {
    let runtime = &context.runtime;
    let name = naming::ident(&definition.name);
    let expecting = format!("an object of type {}", definition.name);
    let fields: Vec<_> =
        definition.fields.iter().enumerate().map(|(index, field)| FieldCode::new(index, field)).collect();
    let read_fields = read_fields(&fields);
    let initialisers = fields.iter().map(|field| &field.initialiser);
    let writes = fields.iter().map(|field| &field.write);
    let unused_writer = fields.is_empty().then(|| quote!(let _ = writer;));
    let impl_gate = context.impl_gate();
    quote! {
        #impl_gate
        impl #runtime::codegen::Struct for #name {
            const EXPECTED: &'static str = #expecting;

            // Inline: copied into the codegen unit of serde_json's code that calls it, so serde_json's
            // per-key and per-value reads can be inlined here (BENCHMARKS.md, "Lenient, lossless decoding").
            #[inline]
            fn decode_map<'de, A: #runtime::serde::de::MapAccess<'de>>(
                map: &mut A,
                ctx: &mut #runtime::codegen::Ctx,
            ) -> Result<Self, A::Error> {
                let mut reader = #runtime::codegen::Reader::new(map, ctx);
                #read_fields
                Ok(Self { #( #initialisers )* #extras: reader.finish() })
            }

            fn extras(&self) -> &#runtime::Extras {
                &self.#extras
            }

            fn extras_mut(&mut self) -> &mut #runtime::Extras {
                &mut self.#extras
            }

            fn write_fields<M: #runtime::serde::ser::SerializeMap>(
                &self,
                writer: &mut #runtime::codegen::Writer<'_, M>,
            ) -> Result<(), M::Error> {
                #unused_writer
                #( #writes )*
                Ok(())
            }
        }
    }
}

/// The pieces of `Struct::decode_map` and `write_fields` for one field.
struct FieldCode {
    /// `"email" => 0,` in `index()`.
    index_arm: TokenStream,
    /// `let mut value_email = None;`
    local: TokenStream,
    /// `0`
    at: proc_macro2::Literal,
    /// `value_email = reader.field(0, "email")?`
    read: TokenStream,
    /// `email: value_email,` (a required field: `id: reader.required(value_id, 0, "id")?,`)
    initialiser: TokenStream,
    /// `writer.optional(0, "email", &self.email)?;`
    write: TokenStream,
}

impl FieldCode {
    fn new(index: usize, field: &Field) -> Self {
        let json_name = &field.json_name;
        let rust_name = naming::ident(&field.rust_name);
        // Named after the field so the emitted code reads like hand-written serde; the prefix keeps a field
        // called `map` or `ctx` from shadowing the function's own names.
        let local = quote::format_ident!("value_{}", field.rust_name.trim_start_matches("r#").trim_start_matches('_'));
        let at = proc_macro2::Literal::usize_unsuffixed(index);
        let (read, init, write) = match field.shape() {
            FieldShape::Collection => (quote!(collection), quote!(Default::default()), quote!(collection)),
            FieldShape::Optional => (quote!(field), quote!(None), quote!(optional)),
            FieldShape::Required => (quote!(field), quote!(None), quote!(required)),
        };
        let initialiser = match field.shape() {
            FieldShape::Required => quote!(#rust_name: reader.required(#local, #at, #json_name)?,),
            _ => quote!(#rust_name: #local,),
        };
        Self {
            index_arm: quote!(#json_name => #at,),
            local: quote!(let mut #local = #init;),
            read: quote!(#local = reader.#read(#at, #json_name)?),
            write: quote!(writer.#write(#at, #json_name, &self.#rust_name)?;),
            at,
            initialiser,
        }
    }
}

/// The reading half of `decode_map`: `index()`, the locals and the loop over the object's keys.
fn read_fields(fields: &[FieldCode]) -> TokenStream {
    let read_loop = match fields {
        [] => return quote!(reader.next_field(|_| usize::MAX)?;),
        // One field: every known key is that field.
        [only] => {
            let read = &only.read;
            quote!(while reader.next_field(index)?.is_some() { #read; })
        }
        _ => {
            let arms = fields.iter().map(|FieldCode { at, read, .. }| quote!(#at => #read,));
            quote! {
                while let Some(field) = reader.next_field(index)? {
                    match field {
                        #( #arms )*
                        _ => {}
                    }
                }
            }
        }
    };
    let index_arms = fields.iter().map(|field| &field.index_arm);
    let locals = fields.iter().map(|field| &field.local);
    quote! {
        fn index(name: &str) -> usize {
            match name {
                #( #index_arms )*
                _ => usize::MAX,
            }
        }
        #( #locals )*
        #read_loop
    }
}

fn placeholder(context: &Context<'_>, definition: &Struct, extras: &proc_macro2::Ident) -> TokenStream {
    let runtime = &context.runtime;
    let name = naming::ident(&definition.name);
    let value = if definition.derives_default {
        quote!(Self::default())
    } else {
        let fields = definition.fields.iter().map(|field| {
            let rust_name = naming::ident(&field.rust_name);
            match field.shape() {
                FieldShape::Required => quote!(#rust_name: #runtime::codegen::Placeholder::placeholder(),),
                _ => quote!(#rust_name: Default::default(),),
            }
        });
        quote!(Self { #( #fields )* #extras: Default::default() })
    };
    let impl_gate = context.impl_gate();
    quote! {
        #impl_gate
        impl #runtime::codegen::Placeholder for #name {
            fn placeholder() -> Self {
                #value
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
    let impl_gate = context.impl_gate();
    quote! {
        #impl_gate
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

/// The `skip_serializing_if` of an input's field: unset optional fields and empty lists and maps are left
/// out, so an update sends just what changes; required fields are always sent.
fn skip_if(field: &Field) -> Option<&'static str> {
    match field.shape() {
        FieldShape::Required => None,
        FieldShape::Collection if field.required => None,
        FieldShape::Collection => Some(match field.ty {
            crate::ir::Type::Array(_) => "Vec::is_empty",
            _ => "::std::collections::BTreeMap::is_empty",
        }),
        FieldShape::Optional => Some("Option::is_none"),
    }
}

/// `/// docs` `pub name: T,`, where `T` is wrapped in `Option` for an optional scalar or record (lists and maps
/// are empty instead). Inputs, serialized by serde's derive, also get `#[serde(rename = "json",
/// skip_serializing_if = "…")]`.
fn emit_field(context: &Context<'_>, field: &Field, input: bool) -> TokenStream {
    let name = naming::ident(&field.rust_name);
    let ty = field_type(context, field);
    let ty = match field.shape() {
        FieldShape::Optional => quote!(Option<#ty>),
        FieldShape::Required | FieldShape::Collection => ty,
    };
    let doc = docs::attrs(&docs::paragraphs([
        docs::description(field.description.as_ref(), ""),
        docs::supported_sentence(&field.supported).unwrap_or_default(),
        docs::required_sentence(&field.required_in).unwrap_or_default(),
        docs::inferred_sentence(field.inferred.as_ref()).unwrap_or_default(),
    ]));
    let serde = input.then(|| {
        let rename = (field.json_name != field.rust_name.trim_start_matches("r#")).then(|| {
            let json_name = &field.json_name;
            quote!(rename = #json_name,)
        });
        let skip = skip_if(field).map(|skip| quote!(skip_serializing_if = #skip));
        match (rename, skip) {
            (None, None) => quote!(),
            (rename, skip) => quote!(#[serde(#rename #skip)]),
        }
    });
    quote! {
        #doc
        #serde
        pub #name: #ty,
    }
}
