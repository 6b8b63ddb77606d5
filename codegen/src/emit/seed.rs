//! Typed seeding of fake Truto servers: per unified API a seeding handle with one method per resource, and at
//! the root an extension trait giving every `runtime::seed::Seeder` (a fake server's integrated account, such
//! as truto-unified-fake's `FakeAccount`) one method per unified API, so a test writes
//! `fake.account("acct-1").calendar().users().insert(user)`.
//!
//! The handles are generic over the seeder, so they cost nothing in builds that never seed a fake; they call
//! only the runtime's dependency-free `seed` module.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, unified_path};
use crate::naming;

use super::{Context, Settings, docs};

/// The seeding handle of one unified API, in its module file (`calendar.rs`).
///
/// ```text
/// /// Typed seeding of the Calendar unified API on one integrated account of a fake Truto server: …
/// #[derive(Clone, Debug)]
/// pub struct CalendarSeed<S: runtime::seed::Seeder> { seeder: S }
/// impl<S: runtime::seed::Seeder> CalendarSeed<S> {
///     pub fn new(seeder: S) -> Self { Self { seeder } }
///     /// The records of `/unified/calendar/users`, typed [`User`].
///     pub fn users(&self) -> runtime::seed::SeedResource<S, users::User> {
///         runtime::seed::SeedResource::new(self.seeder.clone(), "/unified/calendar/users")
///     }
/// }
/// ```
pub fn api_handle(context: &Context<'_>, api: &Api, seed_trait: &str) -> TokenStream {
    let runtime = &context.runtime;
    let runtime_doc = context.runtime_doc_path();
    let name = naming::ident(&api.seed_handle);
    let methods = api.resources.values().map(|resource| {
        let (module, model) = (naming::ident(&resource.module), naming::ident(&resource.model));
        let method = naming::ident(&resource.module);
        let path = unified_path(&api.path, &resource.path);
        let doc = docs::attrs(&format!("The records of `{path}`, typed [`{}`].", resource.model));
        quote! {
            #doc
            pub fn #method(&self) -> #runtime::seed::SeedResource<S, #module::#model> {
                #runtime::seed::SeedResource::new(self.seeder.clone(), #path)
            }
        }
    });
    let doc = docs::attrs(&docs::paragraphs([
        format!(
            "Typed seeding of the {} unified API on one integrated account of a fake Truto server: one method \
             per resource, each a [`SeedResource`]({runtime_doc}::seed::SeedResource) taking the resource's records.",
            api.name
        ),
        format!(
            "`S` is the fake's handle on the account (a [`Seeder`]({runtime_doc}::seed::Seeder), such as \
             truto-unified-fake's `FakeAccount`); [`{seed_trait}`](super::{seed_trait}) gives every seeder \
             `.{}()`.",
            api.module.trim_start_matches("r#")
        ),
    ]));
    quote! {
        #doc
        #[derive(Clone, Debug)]
        pub struct #name<S: #runtime::seed::Seeder> {
            seeder: S,
        }

        impl<S: #runtime::seed::Seeder> #name<S> {
            /// The API on the fake account `seeder`.
            pub fn new(seeder: S) -> Self {
                Self { seeder }
            }

            #( #methods )*
        }
    }
}

/// The root's seeding trait, named after the accessor trait (`UnifiedApis` → `UnifiedApisSeed`), so two
/// generated crates never clash.
///
/// ```text
/// /// Typed seeding of a fake Truto server, per unified API: …
/// pub trait UnifiedApisSeed: ::truto_unified::runtime::seed::Seeder {
///     #[cfg(feature = "calendar")]                   // with feature gates
///     fn calendar(&self) -> calendar::CalendarSeed<Self> { calendar::CalendarSeed::new(self.clone()) }
///     #[cfg(not(feature = "calendar"))]              // the feature is off: a call says which feature to enable
///     fn calendar(&self) -> Infallible where Self: CalendarFeatureIsOff { … }
/// }
/// impl<S: ::truto_unified::runtime::seed::Seeder> UnifiedApisSeed for S {}
/// ```
pub fn root_trait(context: &Context<'_>, settings: &Settings) -> TokenStream {
    let runtime = &context.runtime;
    let runtime_doc = context.runtime_doc_path();
    let name = naming::ident(&settings.seed_trait);
    let methods = context.ir.apis.values().map(|api| {
        let (module, handle) = (naming::ident(&api.module), naming::ident(&api.seed_handle));
        let doc = docs::attrs(&format!(
            "Seeding of the {} unified API (`/unified/{}`) on this fake account.",
            api.name, api.path
        ));
        let feature = &api.feature;
        let (gate, stand_in) = match settings.feature_gates {
            true => (Some(quote!(#[cfg(feature = #feature)])), Some(super::root::feature_off_stand_in(api))),
            false => (None, None),
        };
        quote! {
            #doc
            #gate
            fn #module(&self) -> #module::#handle<Self> {
                #module::#handle::new(self.clone())
            }

            #stand_in
        }
    });
    let example = context.ir.apis.values().next().map_or("calendar().users".to_owned(), |api| {
        let resource = api.resources.values().next().map_or("users", |resource| resource.module.as_str());
        format!("{}().{}", api.module.trim_start_matches("r#"), resource.trim_start_matches("r#"))
    });
    let doc = docs::attrs(&format!(
        "Typed seeding of a fake Truto server, per unified API: bring this trait into scope and call \
         `fake.account(\"acct-1\").{example}().insert(…)` on any [`Seeder`]({runtime_doc}::seed::Seeder) (an \
         integrated account of a fake server, such as truto-unified-fake's `FakeAccount`)."
    ));
    quote! {
        #doc
        pub trait #name: #runtime::seed::Seeder {
            #( #methods )*
        }

        impl<S: #runtime::seed::Seeder> #name for S {}
    }
}
