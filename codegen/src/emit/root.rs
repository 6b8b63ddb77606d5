//! The root file (`mod.rs`): the types of Truto parameters, one `pub mod` per unified API, and the
//! accessors that lead from an account to each API.

use quote::quote;

use crate::ir::TypeDef;
use crate::naming;

use super::{Context, EmittedFile, Settings, docs, enums, models};

/// Emits `mod.rs`.
///
/// ```text
/// //! Typed bindings for the Truto unified API …
/// pub const DEFAULT_BASE_URL: &str = "https://api.truto.one";
/// pub enum TrutoSuperQuery { … }                   // types of Truto parameters
/// #[cfg(feature = "calendar")]                     // with feature gates
/// pub mod calendar;
/// pub trait UnifiedApis {                         // `Account` is the runtime crate's: an extension trait
///     #[cfg(feature = "calendar")]
///     fn calendar(&self) -> calendar::Calendar;
/// }
/// impl UnifiedApis for ::truto_unified::runtime::Account { … calendar::Calendar::new(self.clone()) … }
/// ```
///
/// No `//!` module docs: this file is usually `include!`d, where inner attributes are not allowed.
pub fn emit(context: &Context<'_>, settings: &Settings) -> EmittedFile {
    let ir = context.ir;
    let runtime = &context.runtime;
    let base_url = &ir.base_url;

    let types = ir.root_types.values().map(|definition| match definition {
        TypeDef::Struct(definition) => models::emit(context, definition, ""),
        TypeDef::Enum(definition) => enums::emit(context, definition),
    });

    let gate = |feature: &String| settings.feature_gates.then(|| super::cfg_any_feature([feature]));
    // No outer docs on `pub mod`: the module file's own `//!` docs say the same, and rustdoc resolves the
    // links of a module documented both ways from the parent module, which breaks the list of resources.
    let modules = ir.apis.values().map(|api| {
        let module = naming::ident(&api.module);
        let gate = gate(&api.feature);
        quote! {
            #gate
            pub mod #module;
        }
    });

    // One accessor per API: its documentation, feature gate, signature and body, for the trait and its impl.
    let accessors: Vec<_> = ir
        .apis
        .values()
        .map(|api| {
            let module = naming::ident(&api.module);
            let handle = naming::ident(&api.handle);
            let doc = docs::attrs(&docs::paragraphs([
                format!("The {} unified API (`/unified/{}`) of this integrated account.", api.name, api.path),
                docs::description(api.description.as_ref(), ""),
            ]));
            let gate = gate(&api.feature);
            let signature = quote!(fn #module(&self) -> #module::#handle);
            let body = quote!({ #module::#handle::new(self.clone()) });
            (doc, gate, signature, body)
        })
        .collect();
    let declarations = accessors.iter().map(|(doc, gate, signature, _)| quote!(#doc #gate #signature;));
    let definitions = accessors.iter().map(|(_, gate, signature, body)| quote!(#gate #signature #body));
    let accessors = quote! {
        /// The unified APIs of these bindings, on an integrated account: bring this trait into scope and call
        /// `account.calendar()`.
        pub trait UnifiedApis {
            #( #declarations )*
        }

        impl UnifiedApis for #runtime::Account {
            #( #definitions )*
        }
    };

    // With feature gates, the module compiles when an API using one of its types does (its types carry
    // their own gates); a type no API uses keeps the module always compiled.
    let every_type_gated = ir.shared_types.keys().all(|name| ir.shared_type_features.contains_key(name));
    let common_gate = (settings.feature_gates && every_type_gated).then(|| {
        let features: std::collections::BTreeSet<&String> = ir.shared_type_features.values().flatten().collect();
        super::cfg_any_feature(features)
    });
    let common = (!ir.shared_types.is_empty()).then(|| {
        quote! {
            /// Types shared across resources (`common.yaml`).
            #common_gate
            pub mod common;
        }
    });
    let tokens = quote! {
        /// The base URL the schema declares; clients use it unless told otherwise.
        pub const DEFAULT_BASE_URL: &str = #base_url;

        #( #types )*
        #common
        #( #modules )*
        #accessors
    };
    EmittedFile { path: "mod.rs".into(), tokens, source: crate::load::API_FILE.to_owned() }
}
