//! `SPEC`, in the root file: what the schema says the server serves and requires, as a `runtime::spec::Spec`
//! literal for fake servers (`FakeTruto::builder().spec(truto_unified::SPEC)` in truto-unified-fake). The listing
//! is [`crate::requirements::list`], the one `truto-codegen fake` serves.

use proc_macro2::TokenStream;
use quote::quote;

use crate::requirements::{self, MethodRequirements, Requirement};

use super::{Context, Settings, docs};

/// Emits `SPEC`; with feature gates, each resource is listed only when its API's feature is on.
///
/// ```text
/// /// Every resource of these bindings, its methods, and what each integration requires of them: …
/// pub static SPEC: ::truto_unified::runtime::spec::Spec = {
///     use ::truto_unified::runtime::spec;
///     spec::Spec {
///         resources: &[
///             #[cfg(feature = "crm")]                               // with feature gates
///             spec::ResourceSpec {
///                 path: "/unified/crm/contacts",
///                 methods: &[                                   // kind, name, query, body
///                     spec::MethodSpec::new(spec::MethodKind::List, "list", &[], &[]),
///                     spec::MethodSpec::new(
///                         spec::MethodKind::Create,
///                         "create",
///                         &[spec::Requirement::new("workspace", &["highlevel"])],
///                         &[spec::Requirement::new("account", &["close", "planhat"])],
///                     ),
///                 ],
///             },
///         ],
///     }
/// };
/// ```
/// The module is imported rather than its items: with every feature off (or no requirement in the schema) some
/// items would go unused.
pub fn emit(context: &Context<'_>, settings: &Settings) -> TokenStream {
    let runtime = &context.runtime;
    let resources = requirements::list(context.ir).into_iter().map(|resource| {
        let gate = settings.gate([&resource.api.feature]).map(|gate| gate.cfg);
        let path = &resource.path;
        let methods = resource.methods.iter().map(method);
        quote! {
            #gate
            spec::ResourceSpec {
                path: #path,
                methods: &[ #( #methods ),* ],
            }
        }
    });
    let doc = docs::attrs(&docs::paragraphs([
        "Every resource of these bindings, its methods, and per method the query parameters and body fields each \
         integration requires (the schema's `required_in`), for fake Truto servers in tests: \
         `FakeTruto::builder().spec(SPEC)` (truto-unified-fake) serves these resources and answers a request \
         lacking what its account's integration requires with Truto's 400 and `truto_error_insight`.",
        "Only requirements of named integrations are listed (a bare count of them cannot be checked).",
    ]));
    quote! {
        #doc
        pub static SPEC: #runtime::spec::Spec = {
            use #runtime::spec;
            spec::Spec {
                resources: &[ #( #resources ),* ],
            }
        };
    }
}

/// `spec::MethodSpec::new(spec::MethodKind::Create, "create", &[…], &[…])`: kind, name, query and body
/// requirements.
fn method(method: &MethodRequirements<'_>) -> TokenStream {
    let kind = kind_variant(method.method.kind);
    let name = &method.method.name;
    let (query, body) = (method.query.iter().map(requirement), method.body.iter().map(requirement));
    quote!(spec::MethodSpec::new(spec::MethodKind::#kind, #name, &[ #( #query ),* ], &[ #( #body ),* ]))
}

/// `spec::Requirement::new("workspace", &["highlevel"])`.
fn requirement(requirement: &Requirement<'_>) -> TokenStream {
    let (name, required_in) = (requirement.name, &requirement.required_in);
    quote!(spec::Requirement::new(#name, &[ #( #required_in ),* ]))
}

/// The runtime's `MethodKind` variant of a method kind.
fn kind_variant(kind: crate::ir::MethodKind) -> proc_macro2::Ident {
    use crate::ir::MethodKind;
    let variant = match kind {
        MethodKind::List => "List",
        MethodKind::Get => "Get",
        MethodKind::Create => "Create",
        MethodKind::Update => "Update",
        MethodKind::Delete => "Delete",
        MethodKind::Custom => "Custom",
    };
    proc_macro2::Ident::new(variant, proc_macro2::Span::call_site())
}
