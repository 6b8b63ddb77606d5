//! One resource's file (`calendar/users.rs`): the resource handle, its request builders, and every type
//! the resource defines (record first, then nested types by name).

use quote::quote;

use crate::ir::{Api, Coverage, MethodKind, Resource, TypeDef};
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
    let runtime = &context.runtime;
    let handle = naming::ident(&resource.handle);
    let path = format!("/unified/{}/{}", api.path, resource.path);
    let module_doc = docs::inner_attrs(&docs::paragraphs([
        format!("The `{}` resource of the {} unified API (`{path}`).", resource.path, api.name),
        docs::description(resource.description.as_ref(), ""),
        format!("Generated from `{}`.", resource.source_file),
    ]));

    let handle_methods = resource.methods.values().map(|method| {
        let builder = naming::ident(&method.builder);
        let doc = docs::attrs(&docs::paragraphs([
            docs::description(method.description.as_ref(), ""),
            format!("`{}`", requests::http_line(&api.path, resource, method.kind)),
            docs::supported_sentence(&method.supported).unwrap_or_default(),
            docs::partial_sentence(&method.partial).unwrap_or_default(),
        ]));
        match method.kind {
            MethodKind::List => quote! {
                #doc
                pub fn list(&self) -> #builder {
                    #builder { request: #runtime::Request::new(&self.account, #runtime::Method::GET, PATH) }
                }
            },
            MethodKind::Get => quote! {
                #doc
                pub fn get(&self, id: impl Into<String>) -> #builder {
                    #builder {
                        request: #runtime::Request::new(&self.account, #runtime::Method::GET, PATH).id(id.into()),
                    }
                }
            },
        }
    });

    let handle_doc = docs::attrs(&docs::paragraphs([
        format!("The `{}` resource of one integrated account (`{path}`).", resource.path),
        docs::description(resource.description.as_ref(), ""),
        coverage_table(resource),
    ]));

    let builders = resource.methods.values().map(|method| requests::emit(context, &api.path, resource, method));

    let record_doc = format!(
        "Returned by {}.",
        resource
            .methods
            .values()
            .map(|method| format!("[`{}::{}`]", resource.handle, method.kind.name()))
            .collect::<Vec<_>>()
            .join(" and ")
    );
    let record = resource.types.get(&resource.model).into_iter();
    let others = resource.types.values().filter(|definition| type_name(definition) != resource.model);
    let types = record.chain(others).map(|definition| match definition {
        TypeDef::Struct(definition) if definition.name == resource.model => {
            models::emit(context, definition, &record_doc)
        }
        TypeDef::Struct(definition) => models::emit(context, definition, ""),
        TypeDef::Enum(definition) => enums::emit(context, definition),
    });

    let runtime_import = context.runtime_import();
    let tokens = quote! {
        #module_doc

        #runtime_import

        /// The resource's path below the base URL.
        const PATH: &str = #path;

        #handle_doc
        #[derive(Clone, Debug)]
        pub struct #handle {
            account: #runtime::Account,
        }

        impl #handle {
            /// The resource as seen by `account`.
            pub fn new(account: #runtime::Account) -> Self {
                Self { account }
            }

            #( #handle_methods )*
        }

        #( #builders )*
        #( #types )*
    };
    EmittedFile {
        path: format!("{}/{}.rs", api.module, resource.module).into(),
        tokens,
        source: resource.source_file.clone(),
    }
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
        .values()
        .map(|method| {
            let partial = match &method.partial {
                Coverage::Unknown => String::new(),
                partial => format!(" (partial response: {})", docs::coverage_cell(partial)),
            };
            format!("| `{}` | {}{partial} |", method.kind.name(), docs::coverage_cell(&method.supported))
        })
        .collect();
    lines.extend(["| Method | Supported in |".to_owned(), "|---|---|".to_owned()]);
    lines.extend(methods);
    lines.push(String::new());
    lines.extend(["| Field | Supported in |".to_owned(), "|---|---|".to_owned()]);
    for field in &record.fields {
        lines.push(format!("| `{}` | {} |", field.json_name, docs::coverage_cell(&field.supported)));
    }
    lines.push(String::new());
    lines.push("\"—\": Truto's docs do not say.".to_owned());
    lines.join("\n")
}
