//! One resource's file (`calendar/users.rs`): the resource handle, its request builders, and every type
//! the resource defines (record first, then nested types by name).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Api, Coverage, Method, MethodKind, Resource, TypeDef, unified_path};
use crate::naming;

use super::{Context, EmittedFile, docs, enums, models, requests};

/// Emits `<api>/<resource>.rs`.
///
/// ```text
/// //! The `users` resource of the Calendar API (`/unified/calendar/users`). …coverage table…
/// const PATH: &str = "/unified/calendar/users";
///
/// #[derive(Clone, Debug)]
/// pub struct Users { account: runtime::Account }
/// impl Users {
///     pub fn new(account: runtime::Account) -> Self { … }
///     pub fn list(&self) -> ListUsers { … }                     // one method per schema method
///     pub fn get(&self, id: impl Into<String>) -> GetUser { … }
/// }
/// pub struct ListUsers { … }  pub struct GetUser { … }         // see `requests`
/// pub struct User { … }  pub struct UserEmail { … }  pub enum UserStatus { … }
/// ```
pub fn emit(context: &Context<'_>, api: &Api, resource: &Resource) -> EmittedFile {
    let path = unified_path(&api.path, &resource.path);
    let module_doc = docs::inner_attrs(&docs::paragraphs([
        format!("The `{}` resource of the {} unified API (`{path}`).", resource.path, api.name),
        docs::description(resource.description.as_ref(), ""),
        docs::inferred_sentence(resource.inferred.as_ref()).unwrap_or_default(),
        format!("Generated from `{}`.", resource.source_file),
    ]));
    let handle = resource_handle(context, api, resource, &path);
    let builders = resource.methods.iter().map(|method| requests::emit(context, &api.path, resource, method));
    let types = resource_types(context, resource);
    let runtime_import = context.runtime_import();
    let tokens = quote! {
        #module_doc

        #runtime_import

        /// The resource's path below the base URL.
        const PATH: &str = #path;

        #handle

        #( #builders )*
        #( #types )*
    };
    EmittedFile {
        path: format!("{}/{}", api.module.trim_start_matches("r#"), naming::file_name(&resource.module)).into(),
        tokens,
        source: resource.source_file.clone(),
    }
}

/// The resource handle: one method per schema method, and `meta`.
///
/// ```text
/// /// The `users` resource of one integrated account (`/unified/calendar/users`). …coverage table…
/// pub struct Users { account: runtime::Account }
/// impl Users {
///     pub fn list(&self) -> ListUsers { … }
///     pub fn meta(&self, method: impl Into<String>) -> runtime::Meta { … }
/// }
/// ```
fn resource_handle(context: &Context<'_>, api: &Api, resource: &Resource, path: &str) -> TokenStream {
    let runtime = &context.runtime;
    let handle_methods = resource.methods.iter().map(|method| handle_method(context, api, resource, method));
    let meta_doc = docs::attrs(&format!(
        "Truto's metadata about one of this resource's methods (query schema, body schema, default query, …): \
         `GET {path}/meta/{{method}}`."
    ));
    let handle_doc = docs::attrs(&docs::paragraphs([
        format!("The `{}` resource of one integrated account (`{path}`).", resource.path),
        docs::description(resource.description.as_ref(), ""),
        docs::inferred_sentence(resource.inferred.as_ref()).unwrap_or_default(),
        coverage_table(resource),
    ]));
    super::account_handle(
        context,
        &resource.handle,
        handle_doc,
        "resource",
        quote! {
            #( #handle_methods )*

            #meta_doc
            pub fn meta(&self, method: impl Into<String>) -> #runtime::Meta {
                #runtime::codegen::meta(&self.account, PATH, method.into())
            }
        },
    )
}

/// Every type of the resource, its record first (documented with the methods returning it), then the
/// others by name.
fn resource_types<'a>(context: &'a Context<'_>, resource: &'a Resource) -> impl Iterator<Item = TokenStream> + 'a {
    let returned_by: Vec<String> =
        resource.methods_returning_the_record().map(|method| docs::method_link(resource, method)).collect();
    let record_doc = match returned_by.split_last() {
        None => String::new(),
        Some((last, [])) => format!("Returned by {last}."),
        Some((last, rest)) => format!("Returned by {} and {last}.", rest.join(", ")),
    };
    let record = resource.types.get(&resource.model).into_iter();
    let others = resource.types.values().filter(|definition| type_name(definition) != resource.model);
    record.chain(others).map(move |definition| match definition {
        TypeDef::Struct(definition) if definition.name == resource.model => {
            models::emit(context, definition, &record_doc)
        }
        TypeDef::Struct(definition) => models::emit(context, definition, ""),
        TypeDef::Enum(definition) => enums::emit(context, definition),
    })
}

fn type_name(definition: &TypeDef) -> &str {
    match definition {
        TypeDef::Struct(definition) => &definition.name,
        TypeDef::Enum(definition) => &definition.name,
    }
}

/// Which integrations serve each method and fill each top-level field, as a Markdown table.
fn coverage_table(resource: &Resource) -> String {
    let Some(TypeDef::Struct(record)) = resource.types.get(&resource.model) else {
        return String::new();
    };
    let mut lines = vec!["# Integration coverage".to_owned(), String::new()];
    let methods: Vec<String> = resource
        .methods
        .iter()
        .map(|method| {
            let partial = match &method.partial {
                Coverage::Unknown => String::new(),
                partial => format!(" (partial response: {})", docs::coverage_cell(partial)),
            };
            format!("| `{}` | {}{partial} |", method.name, docs::coverage_cell(&method.supported))
        })
        .collect();
    lines.extend(["| Method | Supported in |".to_owned(), "|---|---|".to_owned()]);
    lines.extend(methods);
    lines.push(String::new());
    lines.extend(["| Field | Supported in |".to_owned(), "|---|---|".to_owned()]);
    for field in &record.fields {
        lines.push(format!("| {} | {} |", docs::table_code(&field.json_name), docs::coverage_cell(&field.supported)));
    }
    lines.push(String::new());
    lines.push("\"—\": Truto's docs do not say.".to_owned());
    lines.join("\n")
}

/// The resource handle's method that starts a request of `method`.
///
/// ```text
/// pub fn list(&self) -> ListUsers                                   // GET  PATH
/// pub fn get(&self, id: impl Into<String>) -> GetUser               // GET  PATH/{id}
/// pub fn create(&self, body: ContactCreate) -> CreateContact        // POST PATH
/// pub fn update(&self, id: impl Into<String>, body: ContactUpdate) -> UpdateContact   // PATCH PATH/{id}
/// pub fn delete(&self, id: impl Into<String>) -> DeleteContact      // DELETE PATH/{id}
/// pub fn merge(&self, body: MergeAccountsBody) -> MergeAccounts     // POST PATH/merge
/// ```
fn handle_method(context: &Context<'_>, api: &Api, resource: &Resource, method: &Method) -> TokenStream {
    let runtime = &context.runtime;
    let name = naming::ident(&method.handle_method);
    let builder = naming::ident(&method.builder);
    let doc = docs::attrs(&docs::paragraphs([
        docs::description(method.description.as_ref(), ""),
        format!("`{}`", requests::http_line(&api.path, resource, method)),
        docs::supported_sentence(&method.supported).unwrap_or_default(),
        docs::partial_sentence(&method.partial).unwrap_or_default(),
        docs::inferred_sentence(method.inferred.as_ref()).unwrap_or_default(),
    ]));
    let http_method = format_ident!("{}", method.kind.http_method());
    let codegen = quote!(#runtime::codegen);
    let body = method.body.as_ref().map(|body| naming::ident(body));
    let (arguments, request) = match (method.kind, &body) {
        // Truto's custom methods take a JSON body even when there is nothing to say.
        (MethodKind::Custom, None) => {
            let segment = &method.name;
            let empty = quote!(#runtime::json::Value::Object(Default::default()));
            (quote!(), quote!(#codegen::custom_request(&self.account, PATH, #segment, #empty)))
        }
        (MethodKind::Custom, Some(body)) => {
            let segment = &method.name;
            let json = quote!(#codegen::to_json(&body));
            (quote!(body: #body), quote!(#codegen::custom_request(&self.account, PATH, #segment, #json)))
        }
        (kind, Some(body)) => {
            let method = quote!(#codegen::Method::#http_method);
            let (id_argument, id) = match kind.takes_id() {
                true => (quote!(id: impl Into<String>,), quote!(Some(id.into()))),
                false => (quote!(), quote!(None)),
            };
            let json = quote!(#codegen::to_json(&body));
            (
                quote!(#id_argument body: #body),
                quote!(#codegen::write_request(&self.account, #method, PATH, #id, #json)),
            )
        }
        (kind, None) => {
            let method = quote!(#codegen::Method::#http_method);
            match kind.takes_id() {
                true => (
                    quote!(id: impl Into<String>),
                    quote!(#codegen::request_with_id(&self.account, #method, PATH, id.into())),
                ),
                false => (quote!(), quote!(#codegen::request(&self.account, #method, PATH))),
            }
        }
    };
    quote! {
        #doc
        pub fn #name(&self, #arguments) -> #builder {
            #builder(#request)
        }
    }
}
