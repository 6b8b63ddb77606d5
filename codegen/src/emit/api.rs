//! One unified API's module file (`calendar.rs`): its handle, its resource modules and re-exports, and its
//! seeding handle for fake servers.

use quote::quote;

use crate::ir::{Api, unified_path};
use crate::naming;

use super::{Context, EmittedFile, docs};

/// Emits `<api>.rs`.
///
/// ```text
/// //! The Calendar unified API (`/unified/calendar`). …
/// pub mod users;
/// pub use users::{GetUser, ListUsers, User, UserEmail, …, Users};
///
/// #[derive(Clone, Debug)]
/// pub struct Calendar { account: runtime::Account }
/// impl Calendar {
///     pub fn new(account: runtime::Account) -> Self { … }
///     pub fn users(&self) -> Users { Users::new(self.account.clone()) }
/// }
///
/// pub struct CalendarSeed<S: runtime::seed::Seeder> { … }  // see `seed::api_handle`
/// ```
pub fn emit(context: &Context<'_>, api: &Api, seed_trait: &str) -> EmittedFile {
    let resource_list = api
        .resources
        .values()
        .map(|resource| format!("- [`{}`] (`{}`)", resource.module, unified_path(&api.path, &resource.path)))
        .collect::<Vec<_>>()
        .join("\n");
    let module_doc = docs::inner_attrs(&docs::paragraphs([
        format!("The {} unified API (`/unified/{}`).", api.name, api.path),
        docs::description(api.description.as_ref(), ""),
        format!("Resources:\n\n{resource_list}"),
    ]));

    let modules = api.resources.values().map(|resource| {
        let module = naming::ident(&resource.module);
        let doc = docs::attrs(&format!("`{}`", unified_path(&api.path, &resource.path)));
        let inception = resource.named_like_its_api.then(|| {
            let reason =
                format!("the resource has its unified API's name: {}", unified_path(&api.path, &resource.path));
            quote!(#[allow(clippy::module_inception, reason = #reason)])
        });
        let mut exported: Vec<&str> = resource.types.keys().map(String::as_str).collect();
        exported.push(&resource.handle);
        exported.extend(resource.methods.iter().map(|method| method.builder.as_str()));
        exported.sort_unstable();
        let exported = exported.into_iter().map(naming::ident);
        quote! {
            #doc
            #inception
            pub mod #module;
            pub use #module::{ #( #exported ),* };
        }
    });

    let accessors = api.resources.values().map(|resource| {
        let module = naming::ident(&resource.module);
        let resource_handle = naming::ident(&resource.handle);
        let doc = docs::attrs(&docs::paragraphs([
            format!("The `{}` resource (`{}`).", resource.path, unified_path(&api.path, &resource.path)),
            docs::description(resource.description.as_ref(), ""),
        ]));
        quote! {
            #doc
            pub fn #module(&self) -> #resource_handle {
                #resource_handle::new(self.account.clone())
            }
        }
    });

    let handle_doc = docs::attrs(&format!(
        "The {} unified API of one integrated account: the entry point to its resources.",
        api.name
    ));
    let handle = super::account_handle(context, &api.handle, handle_doc, "API", quote!(#( #accessors )*));
    let seed_handle = super::seed::api_handle(context, api, seed_trait);
    let runtime_import = context.runtime_import();
    let tokens = quote! {
        #module_doc

        #runtime_import

        #( #modules )*

        #handle

        #seed_handle
    };
    EmittedFile { path: naming::file_name(&api.module).into(), tokens, source: format!("{}/", api.path) }
}
