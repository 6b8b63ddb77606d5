//! Request builders: one per method of a resource (`ListUsers`, `GetUser`), holding a runtime request
//! and exposing one typed setter per query parameter plus the terminal methods that send it.
//!
//! Each builder is a thin typed shim: setters turn typed values into query values and every network
//! concern (auth, encoding, retries, decoding, pagination) lives once in the non-generic runtime.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{FormatBody, Method, MethodKind, QueryParam, Resource, Role, Type};
use crate::naming;

use super::types;
use super::{Context, docs};

/// Emits the builder struct of `method` and its impl.
///
/// ```text
/// /// Lists users: `GET /unified/calendar/users`. …
/// #[derive(Clone, Debug)]
/// #[must_use = "a request does nothing until it is sent"]
/// pub struct ListUsers { request: runtime::Request }
///
/// impl ListUsers {
///     pub fn limit(mut self, limit: u32) -> Self { self.request.set_query("limit", limit.into()); self }
///     pub fn truto_exclude_fields<I, S>(mut self, values: I) -> Self where … { … }
///     pub fn channel(mut self, value: ListMembersChannel) -> Self { … }   // resource parameters
///     pub async fn send(self) -> Result<runtime::ListPage<User>, runtime::Error> { … }
///     pub fn stream(self) -> runtime::Items<User> { … }                    // list only
///     pub fn pages(self) -> runtime::Pages<User> { … }                     // list only
///     pub fn key_by(self, field: impl Into<String>) -> runtime::KeyedList<User> { … }
///     pub fn raw(self) -> runtime::JsonList { … }                           // one per response format
///     pub async fn byte_stream(self) -> Result<runtime::ByteStream, runtime::Error> { … }
///     pub fn into_request(self) -> runtime::Request { … }
/// }
/// ```
pub fn emit(context: &Context<'_>, api_path: &str, resource: &Resource, method: &Method) -> TokenStream {
    let runtime = &context.runtime;
    let builder = naming::ident(&method.builder);
    let handle = &resource.handle;
    let call = method.kind.name();
    let doc = docs::attrs(&format!(
        "Request builder for [`{handle}::{call}`]: `{}`.\n\nSet query parameters with its methods, then call \
         [`send`](Self::send){}.",
        http_line(api_path, resource, method.kind),
        if method.kind == MethodKind::List { " or [`stream`](Self::stream)" } else { "" },
    ));

    let truto_setters = method
        .truto_params
        .iter()
        .filter_map(|name| context.ir.truto_params.get(name))
        .filter(|param| matches!(param.role, None | Some(Role::Limit | Role::Cursor)))
        .map(|param| setter(context, param, true));
    let resource_setters = method.query.values().map(|param| setter(context, param, false));
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
            #terminals

            /// The request as it stands, for inspection or to send it untyped.
            pub fn into_request(self) -> #runtime::Request {
                self.request
            }
        }
    }
}

/// `GET /unified/calendar/users/{id}`.
pub fn http_line(api_path: &str, resource: &Resource, kind: MethodKind) -> String {
    match kind {
        MethodKind::List => format!("GET /unified/{api_path}/{}", resource.path),
        MethodKind::Get => format!("GET /unified/{api_path}/{}/{{id}}", resource.path),
    }
}

/// One setter: typed argument in, query value out.
fn setter(context: &Context<'_>, param: &QueryParam, truto: bool) -> TokenStream {
    let runtime = &context.runtime;
    let name = naming::ident(&param.setter);
    let wire = &param.name;
    let mut parts = vec![docs::description(param.description.as_ref(), &format!("Sets `{wire}`."))];
    if truto {
        parts.push(format!("Truto-specific parameter `{wire}`."));
    }
    parts.extend(docs::supported_sentence(&param.supported));
    parts.extend(docs::required_sentence(&param.required_in));
    if let Some(default) = &param.default {
        parts.push(format!("Defaults to `{default}`."));
    }
    if let Some(example) = &param.example {
        parts.push(format!("Example: `{example}`"));
    }
    let doc = docs::attrs(&docs::paragraphs(parts));

    let (generics, argument, value) = match (&param.role, &param.ty) {
        (Some(Role::Limit), _) => (None, quote!(u32), quote!(value.into())),
        (_, Type::Map(values)) => {
            let (value_type, value) = match values.as_ref() {
                Type::Any => (quote!(impl Into<#runtime::json::Value>), quote!(value.into())),
                other => {
                    let ty = types::rust_type(context, other);
                    (quote!(#ty), quote!(#runtime::query_value(&value)))
                }
            };
            // A map parameter is set one entry at a time: `remote_query("foo", "bar")` → `remote_query[foo]=bar`.
            return quote! {
                #doc
                pub fn #name(mut self, key: impl Into<String>, value: #value_type) -> Self {
                    self.request.set_query_entry(#wire, key.into(), #value);
                    self
                }
            };
        }
        (_, Type::Array(items)) if is_stringly(items) => (
            Some(quote!(<S: Into<String>>)),
            quote!(impl IntoIterator<Item = S>),
            quote!(#runtime::json::Value::Array(
                value.into_iter().map(|item| #runtime::json::Value::String(item.into())).collect()
            )),
        ),
        (_, ty) => {
            let (argument, value) = argument(context, ty);
            (None, argument, value)
        }
    };
    quote! {
        #doc
        pub fn #name #generics (mut self, value: #argument) -> Self {
            self.request.set_query(#wire, #value);
            self
        }
    }
}

/// The argument type of a setter for a value of `ty`, and the expression turning `value` into a query value.
fn argument(context: &Context<'_>, ty: &Type) -> (TokenStream, TokenStream) {
    let runtime = &context.runtime;
    match ty {
        Type::String | Type::Uuid | Type::Url | Type::Email => {
            (quote!(impl Into<String>), quote!(#runtime::json::Value::String(value.into())))
        }
        Type::Integer => (quote!(i64), quote!(value.into())),
        Type::Number => (quote!(f64), quote!(value.into())),
        Type::Boolean => (quote!(bool), quote!(value.into())),
        Type::DateTime => {
            (quote!(impl Into<#runtime::DateTime>), quote!(#runtime::json::Value::String(value.into().into_string())))
        }
        Type::Date => {
            (quote!(impl Into<#runtime::Date>), quote!(#runtime::json::Value::String(value.into().into_string())))
        }
        Type::Any => (quote!(impl Into<#runtime::json::Value>), quote!(value.into())),
        Type::Named(name, _) if context.is_enum(name) => {
            let ty = types::rust_type(context, ty);
            (quote!(impl Into<#ty>), quote!(#runtime::json::Value::String(value.into().as_str().to_owned())))
        }
        Type::Named(..) | Type::Array(_) | Type::Map(_) => {
            let ty = types::rust_type(context, ty);
            (ty, quote!(#runtime::query_value(&value)))
        }
    }
}

fn is_stringly(ty: &Type) -> bool {
    matches!(ty, Type::String | Type::Uuid | Type::Url | Type::Email)
}

/// `send` and friends.
fn terminals(context: &Context<'_>, resource: &Resource, method: &Method) -> TokenStream {
    let runtime = &context.runtime;
    let model = naming::ident(&resource.model);
    let typed = match method.kind {
        MethodKind::List => quote! {
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
        MethodKind::Get => quote! {
            /// Sends the request and returns the record.
            pub async fn send(self) -> Result<#model, #runtime::Error> {
                self.request.fetch_json().await
            }
        },
    };
    let key_by = context.ir.truto_params.values().find(|param| param.role == Some(Role::KeyBy));
    let key_by = key_by.filter(|param| method.truto_params.contains(&param.name)).map(|param| {
        let wire = &param.name;
        let doc = docs::attrs(&docs::paragraphs([
            docs::description(param.description.as_ref(), ""),
            format!("Sets `{wire}` and returns a list whose pages map each value of `field` to its record."),
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
                (FormatBody::Json, MethodKind::Get) => quote! {
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
    let key_by = if method.kind == MethodKind::List { key_by } else { None };
    quote! {
        #typed
        #key_by
        #( #formats )*
    }
}
