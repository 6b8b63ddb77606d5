//! Open enums: documented values get variants, any other value survives as `Other(String)`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::Enum;
use crate::naming;

use super::{Context, docs};

/// Emits one open enum: its definition, conversions from and to text, and its serde impls.
///
/// serde is written by hand rather than derived: a string in, a string out, with no intermediate
/// representation, and far less code for the compiler than `#[serde(other)]`-style derives.
pub fn emit(context: &Context<'_>, definition: &Enum) -> TokenStream {
    let name = naming::ident(&definition.name);
    let other = naming::ident(&definition.other);
    let definition_tokens = enum_definition(context, definition, &name, &other);
    let text = text_conversions(context, &name, &other);
    let serde = serde_impls(context, definition, &name, &other);
    quote! { #definition_tokens #text #serde }
}

/// The enum and its inherent impl.
///
/// ```text
/// /// The status of the user. …
/// #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
/// #[non_exhaustive]
/// pub enum UserStatus {
///     /// `active`
///     Active,
///     /// A value these bindings do not know (yet), exactly as the server sent it.
///     Other(String),
/// }
/// impl UserStatus {
///     pub const KNOWN_VALUES: &'static [&'static str] = &["active", …];
///     pub fn as_str(&self) -> &str { … }
///     pub fn display_name(&self) -> Option<&'static str> { … } // when values have labels
///     fn known(value: &str) -> Option<Self> { … }
/// }
/// ```
fn enum_definition(context: &Context<'_>, definition: &Enum, name: &Ident, other: &Ident) -> TokenStream {
    let doc = docs::attrs(&docs::paragraphs([
        docs::description(definition.description.as_ref(), &format!("The `{}` values.", definition.name)),
        format!(
            "Open enum: a value not listed here decodes as [`{}::{}`] with the text the server sent, and \
             encodes back unchanged. Build values with `From<&str>` so known values get their variant.",
            definition.name, definition.other
        ),
    ]));
    let variants: Vec<_> = definition.variants.iter().map(|variant| naming::ident(&variant.rust_name)).collect();
    let values: Vec<_> = definition.variants.iter().map(|variant| variant.value.as_str()).collect();
    let variant_docs = definition.variants.iter().map(|variant| match &variant.label {
        Some(label) => {
            docs::attrs(&format!("{} ({})", docs::escape(&docs::one_line(label)), docs::code(&variant.value)))
        }
        None => docs::attrs(&docs::code(&variant.value)),
    });
    let display_name = display_name(definition);
    let (definition_gate, impl_gate) = (context.definition_gate(), context.impl_gate());
    quote! {
        #definition_gate
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value these bindings do not know (yet), exactly as the server sent it.
            #other(String),
        }

        #impl_gate
        impl #name {
            /// Every value documented in the schema, in schema order.
            pub const KNOWN_VALUES: &'static [&'static str] = &[ #( #values ),* ];

            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::#other(value) => value,
                }
            }

            #display_name

            fn known(value: &str) -> Option<Self> {
                match value {
                    #( #values => Some(Self::#variants), )*
                    _ => None,
                }
            }
        }
    }
}

/// `display_name()`, for enums whose values have labels (`Outlook Calendar`); nothing otherwise.
fn display_name(definition: &Enum) -> Option<TokenStream> {
    let labelled: Vec<_> = definition.variants.iter().filter(|variant| variant.label.is_some()).collect();
    (!labelled.is_empty()).then(|| {
        let variants = labelled.iter().map(|variant| naming::ident(&variant.rust_name));
        let labels = labelled.iter().filter_map(|variant| variant.label.as_deref());
        quote! {
            /// The human-readable name (`Outlook Calendar`), for known values.
            pub fn display_name(&self) -> Option<&'static str> {
                match self {
                    #( Self::#variants => Some(#labels), )*
                    _ => None,
                }
            }
        }
    })
}

/// Conversions from and to text, none of which can fail.
///
/// ```text
/// impl From<&str> for UserStatus { … }   // known values get their variant
/// impl From<String> for UserStatus { … }
/// impl FromStr for UserStatus { type Err = Infallible; … }
/// impl Display for UserStatus { … }      // the wire value
/// ```
fn text_conversions(context: &Context<'_>, name: &Ident, other: &Ident) -> TokenStream {
    let gate = context.impl_gate();
    quote! {
        #gate
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| Self::#other(value.to_owned()))
            }
        }

        #gate
        impl From<String> for #name {
            fn from(value: String) -> Self {
                Self::known(&value).unwrap_or(Self::#other(value))
            }
        }

        #gate
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        #gate
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// serde, through the runtime's enum decoder.
///
/// ```text
/// impl Serialize for UserStatus { … }                         // the wire value
/// impl Deserialize for UserStatus { … }                       // any JSON scalar
/// impl runtime::codegen::Lenient for UserStatus { … }     // a number or boolean is kept as its text
/// impl runtime::codegen::Placeholder for UserStatus { … } // `Other("")`, for a required field left out
/// ```
fn serde_impls(context: &Context<'_>, definition: &Enum, name: &Ident, other: &Ident) -> TokenStream {
    let runtime = &context.runtime;
    let expected = format!("a {} value", definition.name);
    let gate = context.impl_gate();
    quote! {
        #gate
        impl #runtime::serde::Serialize for #name {
            fn serialize<S: #runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #gate
        impl<'de> #runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: #runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #runtime::codegen::deserialize_enum(deserializer)
            }
        }

        #gate
        impl #runtime::codegen::Lenient for #name {
            const EXPECTED: &'static str = #expected;

            fn decode<'de, D: #runtime::serde::Deserializer<'de>>(
                deserializer: D,
                ctx: &mut #runtime::codegen::Ctx,
            ) -> Result<#runtime::codegen::Outcome<Self>, D::Error> {
                #runtime::codegen::decode_enum(deserializer, ctx, Self::EXPECTED)
            }
        }

        #gate
        impl #runtime::codegen::Placeholder for #name {
            fn placeholder() -> Self {
                Self::#other(String::new())
            }
        }
    }
}
