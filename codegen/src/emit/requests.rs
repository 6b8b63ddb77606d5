//! Request builders: one per method of a resource (`ListUsers`, `GetUser`, `CreateContact`, `MergeAccounts`).
//!
//! A builder is a thin typed shim over a runtime request: everything every request shares (Truto's own
//! parameters, the response formats, `send`/`stream`/`pages`, idempotency keys) comes from the runtime's
//! request traits, which the builder implements in one line each. What is generated is only what is
//! specific to the method: the record type it answers with, and its resource-specific setters.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Method, MethodKind, MethodResponse, Resource, unified_path};
use crate::naming;

use super::{Context, docs, setters, types};

/// Emits the builder struct of `method` and its impls.
///
/// ```text
/// /// Request builder for [`Users::list`]: `GET /unified/calendar/users`. …
/// #[derive(Clone, Debug)]
/// #[must_use = "a request does nothing until it is sent"]
/// pub struct ListUsers(runtime::Request);
///
/// impl runtime::TrutoRequest for ListUsers {                     // every builder
///     fn request_mut(&mut self) -> &mut runtime::Request { &mut self.0 }
///     fn into_request(self) -> runtime::Request { self.0 }
/// }
/// impl runtime::ListRequest for ListUsers { type Record = User; } // or RecordRequest / DeleteRequest /
///                                                                  // CustomRequest { type Output = … }
/// impl runtime::WriteRequest for CreateUser {}                    // create, update, custom
/// impl ListUsers {
///     pub fn email(mut self, value: impl Into<String>) -> Self { … }   // the resource's own parameters
///     pub fn body(mut self, body: impl Into<runtime::json::Value>) -> Self { … }  // custom, untyped body
/// }
/// ```
pub fn emit(context: &Context<'_>, api_path: &str, resource: &Resource, method: &Method) -> TokenStream {
    let runtime = &context.runtime;
    let builder = naming::ident(&method.builder);
    let doc = docs::attrs(&docs::paragraphs([
        format!(
            "Request builder for {}: `{}`.",
            docs::method_link(resource, method),
            http_line(api_path, resource, method)
        ),
        terminal_doc(method),
    ]));
    let kind_impl = kind_impl(context, resource, method);
    let write_impl = method.writes.then(|| quote!(impl #runtime::WriteRequest for #builder {}));
    let setters: Vec<TokenStream> = method.query.values().map(|param| setters::setter(context, param)).collect();
    let untyped_body = method.untyped_body.then(|| {
        quote! {
            /// Sets the JSON body (`{}` unless set): the schema does not describe this method's body, so it is
            /// sent as given.
            pub fn body(mut self, body: impl Into<#runtime::json::Value>) -> Self {
                #runtime::codegen::set_body(&mut self.0, body.into());
                self
            }
        }
    });
    let inherent = (!setters.is_empty() || untyped_body.is_some()).then(|| {
        quote! {
            impl #builder {
                #( #setters )*
                #untyped_body
            }
        }
    });
    quote! {
        #doc
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #builder(#runtime::Request);

        impl #runtime::TrutoRequest for #builder {
            fn request_mut(&mut self) -> &mut #runtime::Request {
                &mut self.0
            }

            fn into_request(self) -> #runtime::Request {
                self.0
            }
        }

        #kind_impl
        #write_impl
        #inherent
    }
}

/// Which runtime trait sends the request, and what it answers with.
fn kind_impl(context: &Context<'_>, resource: &Resource, method: &Method) -> TokenStream {
    let runtime = &context.runtime;
    let builder = naming::ident(&method.builder);
    let model = naming::ident(&resource.model);
    match &method.response {
        MethodResponse::Page => quote!(impl #runtime::ListRequest for #builder { type Record = #model; }),
        MethodResponse::Record => quote!(impl #runtime::RecordRequest for #builder { type Record = #model; }),
        MethodResponse::Deleted => quote!(impl #runtime::DeleteRequest for #builder {}),
        MethodResponse::Result(output) => {
            let output = types::rust_type(context, output);
            quote!(impl #runtime::CustomRequest for #builder { type Output = #output; })
        }
    }
}

/// How the builder is sent, in one sentence linking the runtime trait's methods.
fn terminal_doc(method: &Method) -> String {
    let (trait_name, calls) = match method.response {
        MethodResponse::Page => (
            "ListRequest",
            "[`send`](runtime::ListRequest::send) for one page, [`stream`](runtime::ListRequest::stream) for every record",
        ),
        MethodResponse::Record => ("RecordRequest", "[`send`](runtime::RecordRequest::send)"),
        MethodResponse::Deleted => ("DeleteRequest", "[`send`](runtime::DeleteRequest::send)"),
        MethodResponse::Result(_) => ("CustomRequest", "[`send`](runtime::CustomRequest::send)"),
    };
    let writes = if method.writes { " and [`WriteRequest`](runtime::WriteRequest) (idempotency keys)" } else { "" };
    format!(
        "Send it with {calls}; Truto's own parameters and response formats come from \
         [`TrutoRequest`](runtime::TrutoRequest), [`{trait_name}`](runtime::{trait_name}){writes} \
         (`use truto_unified::prelude::*`)."
    )
}

/// `GET /unified/calendar/users/{id}`.
pub fn http_line(api_path: &str, resource: &Resource, method: &Method) -> String {
    let base = format!("{} {}", method.kind.http_method(), unified_path(api_path, &resource.path));
    match method.kind {
        MethodKind::Custom => format!("{base}/{}", method.name),
        kind if kind.takes_id() => format!("{base}/{{id}}"),
        _ => base,
    }
}
