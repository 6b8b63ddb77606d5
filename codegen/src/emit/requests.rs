//! Request builders: one per method of a resource (`ListUsers`, `GetUser`, `CreateContact`, `MergeAccounts`),
//! holding a runtime request and exposing typed query setters ([`setters`](super::setters)) plus the terminal
//! methods that send it.
//!
//! Each builder is a thin typed shim: every network concern (auth, encoding, retries, decoding, pagination)
//! lives once in the non-generic runtime; the builder only names the type to decode.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{FormatBody, Method, MethodKind, MethodResponse, Resource, Role, unified_path};
use crate::naming;

use super::{Context, docs, setters, types};

/// Emits the builder struct of `method` and its impl.
///
/// ```text
/// /// Request builder for [`Users::list`]: `GET /unified/calendar/users`. …
/// #[derive(Clone, Debug)]
/// #[must_use = "a request does nothing until it is sent"]
/// pub struct ListUsers { request: runtime::Request }
///
/// impl ListUsers {
///     pub fn limit(mut self, value: u32) -> Self { … }           // setters: Truto's, then the resource's
///     pub fn idempotency_key(mut self, key: impl Into<String>) -> Self { … }   // POST and PATCH only
///     pub fn idempotent(self) -> Self { … }                                     // POST and PATCH only
///     pub fn body(mut self, body: impl Into<Value>) -> Self { … }    // custom methods without `body:`
///     pub async fn send(self) -> Result<runtime::ListPage<User>, runtime::Error> { … }
///     pub async fn send_with_meta(self) -> Result<runtime::Response<User>, runtime::Error> { … } // not list
///     pub fn stream(self) -> runtime::Items<User> { … }           // list only
///     pub fn pages(self) -> runtime::Pages<User> { … }            // list only
///     pub fn key_by(self, field: impl Into<String>) -> runtime::KeyedList<User> { … }   // list only
///     pub fn raw(self) -> runtime::JsonList { … }                 // one per response format
///     pub async fn byte_stream(self) -> Result<runtime::ByteStream, runtime::Error> { … }
///     pub fn into_request(self) -> runtime::Request { … }
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
        format!(
            "Set query parameters with its methods, then call [`send`](Self::send){}.",
            if method.kind == MethodKind::List { " or [`stream`](Self::stream)" } else { "" }
        ),
        client_driven_params(context, method),
    ]));

    let truto_setters = method
        .truto_params
        .iter()
        .filter_map(|name| context.ir.truto_params.get(name))
        .filter(|param| matches!(param.role, None | Some(Role::Limit | Role::Cursor)))
        .map(|param| setters::setter(context, param, true));
    let resource_setters = method.query.values().map(|param| setters::setter(context, param, false));
    let idempotency = matches!(method.kind, MethodKind::Create | MethodKind::Update | MethodKind::Custom).then(|| {
        quote! {
            /// Sends an `Idempotency-Key` header: the server answers a repeated key with the first response,
            /// and the client may then retry this request after a failure.
            pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
                self.request = self.request.idempotency_key(key);
                self
            }

            /// Sends a random (UUID v4) `Idempotency-Key`, making the request safe to retry.
            pub fn idempotent(mut self) -> Self {
                self.request = self.request.random_idempotency_key();
                self
            }
        }
    });
    // A custom method whose body the schema does not describe still needs one: Truto passes it to the
    // integration, so the caller sets it as JSON.
    let untyped_body = (method.kind == MethodKind::Custom && method.body.is_none()).then(|| {
        quote! {
            /// Sets the JSON body (`{}` unless set). The schema does not describe this method's body: it is sent
            /// as given.
            pub fn body(mut self, body: impl Into<#runtime::json::Value>) -> Self {
                self.request = self.request.body(body.into());
                self
            }
        }
    });
    let terminals = terminals(context, resource, method);

    quote! {
        #doc
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #builder {
            request: #runtime::Request,
        }

        impl #builder {
            #( #truto_setters )*
            #( #resource_setters )*
            #untyped_body
            #idempotency
            #terminals

            /// The request as it stands, for inspection or to send it untyped.
            pub fn into_request(self) -> #runtime::Request {
                self.request
            }
        }
    }
}

/// The Truto parameters this builder sets itself, documented where a user looks for them: the account
/// scope and the response format.
fn client_driven_params(context: &Context<'_>, method: &Method) -> String {
    let mut parts = Vec::new();
    let applicable = method.truto_params.iter().filter_map(|name| context.ir.truto_params.get(name));
    for param in applicable {
        let wire = &param.name;
        let description = docs::description(param.description.as_ref(), "");
        let example = param.example.as_ref().map(|example| format!(" Example: `{example}`.")).unwrap_or_default();
        match param.role {
            Some(Role::Account) => parts.push(format!(
                "`{wire}` comes from the account the request was made from (`client.account(id)`): {description}{example}"
            )),
            Some(Role::ResponseFormat) => {
                let default = param.default.as_deref().unwrap_or_default();
                let alternatives = context
                    .ir
                    .response_format
                    .iter()
                    .flat_map(|format| &format.alternatives)
                    .map(|alternative| format!("[`{}`](Self::{})", alternative.method, alternative.method))
                    .collect::<Vec<_>>()
                    .join(", ");
                parts.push(format!(
                    "`{wire}` (defaults to `{default}`): [`send`](Self::send) decodes `{default}` into typed \
                     records; {alternatives} request the other formats.\n\n{description}"
                ));
            }
            _ => {}
        }
    }
    parts.join("\n\n")
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

/// `send` and friends.
fn terminals(context: &Context<'_>, resource: &Resource, method: &Method) -> TokenStream {
    let runtime = &context.runtime;
    let model = naming::ident(&resource.model);
    let typed = match &method.response {
        MethodResponse::Page => quote! {
            /// Sends the request and returns one page of records.
            pub async fn send(self) -> Result<#runtime::ListPage<#model>, #runtime::Error> {
                self.request.fetch_page().await
            }

            /// Every record of every page, as a stream. The next page is requested only once the records of
            /// the current one are used up, so one page at a time is held in memory.
            pub fn stream(self) -> #runtime::Items<#model> {
                #runtime::Items::new(self.request)
            }

            /// Every page, as a stream, following `next_cursor` until the server stops sending one.
            pub fn pages(self) -> #runtime::Pages<#model> {
                #runtime::Pages::new(self.request)
            }
        },
        response => {
            let (ty, fetch, fetch_with_meta, what) = match response {
                MethodResponse::Deleted => (
                    quote!(#runtime::Deleted),
                    quote!(fetch_json),
                    quote!(fetch_json_with_meta),
                    "the deleted record's id",
                ),
                MethodResponse::Result(result) => (
                    types::rust_type(context, result),
                    quote!(fetch_result),
                    quote!(fetch_result_with_meta),
                    "its `result`",
                ),
                _ => (quote!(#model), quote!(fetch_json), quote!(fetch_json_with_meta), "the record"),
            };
            let send_doc = docs::attrs(&format!("Sends the request and returns {what}."));
            let meta_doc = docs::attrs(&format!(
                "Sends the request and returns {what} with the response's status, headers and rate limits."
            ));
            quote! {
                #send_doc
                pub async fn send(self) -> Result<#ty, #runtime::Error> {
                    self.request.#fetch().await
                }

                #meta_doc
                pub async fn send_with_meta(self) -> Result<#runtime::Response<#ty>, #runtime::Error> {
                    self.request.#fetch_with_meta().await
                }
            }
        }
    };
    let key_by = context
        .ir
        .truto_params
        .values()
        .find(|param| param.role == Some(Role::KeyBy))
        .filter(|param| method.kind == MethodKind::List && method.truto_params.contains(&param.name))
        .map(|param| {
            let wire = &param.name;
            let doc = docs::attrs(&docs::paragraphs([
                docs::description(param.description.as_ref(), ""),
                format!(
                    "Sets {} and returns a list whose pages map each value of `field` to its record.",
                    docs::code(wire)
                ),
            ]));
            quote! {
                #doc
                pub fn key_by(self, field: impl Into<String>) -> #runtime::KeyedList<#model> {
                    #runtime::KeyedList::new(self.request, #wire, field.into())
                }
            }
        });
    let formats = context.ir.response_format.iter().flat_map(|format| {
        format.alternatives.iter().map(move |alternative| {
            let name = format_ident!("{}", alternative.method);
            let (param, value) = (&format.param, &alternative.value);
            let doc = docs::attrs(&format!(
                "Requests `{param}={value}`{}",
                match alternative.body {
                    FormatBody::Json => " and returns the response as untyped JSON.",
                    FormatBody::Bytes => " and returns the body as a stream of bytes, never buffered whole.",
                }
            ));
            match (alternative.body, method.kind) {
                (FormatBody::Json, MethodKind::List) => quote! {
                    #doc
                    pub fn #name(self) -> #runtime::JsonList {
                        #runtime::JsonList::new(self.request.response_format(#param, #value))
                    }
                },
                (FormatBody::Json, _) => quote! {
                    #doc
                    pub async fn #name(self) -> Result<#runtime::json::Value, #runtime::Error> {
                        self.request.response_format(#param, #value).fetch_json().await
                    }
                },
                (FormatBody::Bytes, _) => quote! {
                    #doc
                    pub async fn #name(self) -> Result<#runtime::ByteStream, #runtime::Error> {
                        self.request.response_format(#param, #value).fetch_bytes().await
                    }
                },
            }
        })
    });
    quote! {
        #typed
        #key_by
        #( #formats )*
    }
}
