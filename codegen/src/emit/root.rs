//! The root file (`mod.rs`): the `Integration` enum, one `pub mod` per unified API, the accessors that
//! lead from an account to each API, and for fake servers the seeding trait and `SPEC`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, TypeDef};
use crate::naming;

use super::{Context, EmittedFile, Settings, docs, enums, models};

/// Emits `mod.rs`.
///
/// ```text
/// pub enum Integration { … }                       // the integrations catalog
/// #[cfg(feature = "calendar")]                     // with feature gates
/// #[cfg_attr(docsrs, doc(cfg(feature = "calendar")))]  // with doc_cfg
/// pub mod calendar;
/// pub trait UnifiedApis {                          // `Account` is the runtime crate's: an extension trait
///     #[cfg(feature = "calendar")]                 // (and the doc_cfg badge)
///     fn calendar(&self) -> calendar::Calendar;
///     #[cfg(not(feature = "calendar"))]            // the feature is off: a call says which feature to enable
///     fn calendar(&self) -> Infallible where Self: CalendarFeatureIsOff { … }
/// }
/// impl UnifiedApis for ::truto_unified::runtime::Account { … calendar::Calendar::new(self.clone()) … }
/// pub trait UnifiedApisSeed: ::truto_unified::runtime::seed::Seeder { … }   // see `seed::root_trait`
/// pub static SPEC: ::truto_unified::runtime::spec::Spec = …;             // see `spec::emit`
/// ```
///
/// No `//!` module docs: this file is usually `include!`d, where inner attributes are not allowed.
pub fn emit(context: &Context<'_>, settings: &Settings) -> EmittedFile {
    let ir = context.ir;
    let runtime = &context.runtime;
    let types = ir.root_types.values().map(|definition| match definition {
        TypeDef::Struct(definition) => models::emit(context, definition, ""),
        TypeDef::Enum(definition) => enums::emit(context, definition),
    });
    let gate = |feature: &String| settings.gate([feature]);
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
    let accessor_trait = naming::ident(&settings.accessor_trait);
    let declarations = ir.apis.values().map(|api| accessor_declaration(api, settings));
    let definitions = ir.apis.values().map(|api| {
        let (module, handle) = (naming::ident(&api.module), naming::ident(&api.handle));
        // The declaration on the trait carries the documentation badge.
        let cfg = gate(&api.feature).map(|gate| gate.cfg);
        quote! {
            #cfg
            fn #module(&self) -> #module::#handle {
                #module::#handle::new(self.clone())
            }
        }
    });
    let feature_off = ir.apis.values().filter(|_| settings.feature_gates).map(|api| feature_off_marker(api, settings));
    let trait_doc = docs::attrs(&format!(
        "The unified APIs of these bindings, on an integrated account: bring this trait into scope and call \
         `account.{}()`.",
        ir.apis.values().next().map_or("calendar", |api| api.module.trim_start_matches("r#"))
    ));
    let accessors = quote! {
        #trait_doc
        pub trait #accessor_trait {
            #( #declarations )*
        }

        impl #accessor_trait for #runtime::Account {
            #( #definitions )*
        }

        #( #feature_off )*
    };
    let common = common_module(ir, settings);
    let seed_trait = super::seed::root_trait(context, settings);
    let spec = super::spec::emit(context, settings);
    let tokens = quote! {
        #( #types )*
        #common
        #( #modules )*
        #accessors
        #seed_trait
        #spec
    };
    EmittedFile { path: "mod.rs".into(), tokens, source: crate::layout::INTEGRATIONS_FILE.to_owned() }
}

/// The declaration of one API's accessor on the extension trait; with feature gates, also the stand-in
/// compiled when its feature is off, whose every call fails with a message naming the feature.
fn accessor_declaration(api: &Api, settings: &Settings) -> TokenStream {
    let module = naming::ident(&api.module);
    let handle = naming::ident(&api.handle);
    let doc = docs::attrs(&docs::paragraphs([
        format!("The {} unified API (`/unified/{}`) of this integrated account.", api.name, api.path),
        docs::description(api.description.as_ref(), ""),
    ]));
    if !settings.feature_gates {
        return quote!(#doc fn #module(&self) -> #module::#handle;);
    }
    let feature = &api.feature;
    let stand_in = feature_off_stand_in(api);
    let gate = settings.gate([feature]);
    quote! {
        #doc
        #gate
        fn #module(&self) -> #module::#handle;

        #stand_in
    }
}

/// The method of an extension trait compiled instead of an API's accessor when its feature is off: every call
/// fails to compile with a message naming the feature.
///
/// ```text
/// /// Not compiled: the Cargo feature of this unified API is off.
/// #[cfg(not(feature = "crm"))]
/// #[doc(hidden)]
/// fn crm(&self) -> ::std::convert::Infallible where Self: CrmFeatureIsOff { CrmFeatureIsOff::feature_is_off(self) }
/// ```
pub(super) fn feature_off_stand_in(api: &Api) -> TokenStream {
    let module = naming::ident(&api.module);
    let feature = &api.feature;
    let marker = feature_off_name(api);
    quote! {
        /// Not compiled: the Cargo feature of this unified API is off.
        #[cfg(not(feature = #feature))]
        #[doc(hidden)]
        fn #module(&self) -> ::std::convert::Infallible
        where
            Self: #marker,
        {
            #marker::feature_is_off(self)
        }
    }
}

/// `CrmFeatureIsOff`: the trait nothing implements, whose diagnostic tells a caller of a disabled API which
/// feature to enable.
fn feature_off_name(api: &Api) -> proc_macro2::Ident {
    naming::ident(&format!("{}FeatureIsOff", naming::pascal_part(&api.path)))
}

fn feature_off_marker(api: &Api, settings: &Settings) -> TokenStream {
    let feature = &api.feature;
    let marker = feature_off_name(api);
    let crate_name = &settings.crate_name;
    let message =
        format!("the {} unified API is not compiled: the `{feature}` feature of {crate_name} is off", api.name);
    let label = format!("`{}()` needs the `{feature}` feature", api.module.trim_start_matches("r#"));
    // `{{`/`}}`: the note is itself a format string (rustc's `malformed_diagnostic_format_literals`).
    let note = format!("enable it in Cargo.toml: {crate_name} = {{{{ version = \"…\", features = [\"{feature}\"] }}}}");
    quote! {
        #[cfg(not(feature = #feature))]
        #[doc(hidden)]
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        pub trait #marker {
            /// Never called: nothing implements this trait.
            fn feature_is_off(&self) -> ::std::convert::Infallible;
        }
    }
}

/// `pub mod common;`, gated (with feature gates) by the features of the APIs using its types when each of
/// them has some; a type no API uses keeps the module always compiled.
fn common_module(ir: &crate::ir::Ir, settings: &Settings) -> Option<TokenStream> {
    if ir.shared_types.is_empty() {
        return None;
    }
    let every_type_gated = ir.shared_types.keys().all(|name| ir.shared_type_features.contains_key(name));
    let features: std::collections::BTreeSet<&String> = ir.shared_type_features.values().flatten().collect();
    let gate = every_type_gated.then(|| settings.gate(features)).flatten();
    Some(quote! {
        /// Types shared across resources (`common.yaml`).
        #gate
        pub mod common;
    })
}
