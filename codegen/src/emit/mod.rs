//! Step 3 of the pipeline: turn the [`Ir`] into Rust token streams, one per output file.
//!
//! Output layout (a module tree that works both `include!`d from `OUT_DIR` and checked in under `src/`):
//! ```text
//! mod.rs                    root: `Integration`, Truto parameter types, `pub mod <api>;`, account accessors
//! common.rs                 types shared across resources (`common::Address`)
//! calendar.rs               the API module: its handle, `pub mod users;` and re-exports
//! calendar/users.rs         one resource: handle, request builders, models and enums
//! ```
//! One emitter per concept: [`root`], [`api`], [`resource`] assemble files from [`models`], [`enums`] and
//! [`requests`]; [`types`] writes type expressions and [`docs`] rustdoc. Emitters never re-check the
//! schema: the IR is already valid.

mod api;
mod common;
mod docs;
mod enums;
mod models;
mod requests;
mod resource;
mod root;
mod setters;
mod types;

use std::collections::BTreeMap;
use std::path::PathBuf;

use proc_macro2::TokenStream;

use crate::ir::{Api, Ir, Resource, TypeDef, TypeScope};

/// How the emitted code attaches to the runtime.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Path of the runtime module (`::truto_unified::runtime`).
    pub runtime_path: String,
    /// Gate each unified API module behind the Cargo feature of the same name.
    pub feature_gates: bool,
}

/// One output file: its path relative to the output folder, its tokens, and the schema file it comes from.
#[derive(Debug)]
pub struct EmittedFile {
    /// `calendar/users.rs`.
    pub path: PathBuf,
    /// The file's items.
    pub tokens: TokenStream,
    /// The schema file it was generated from, for the header (`calendar/users.yaml`).
    pub source: String,
}

/// What every emitter needs: the IR, the runtime path, and the types visible where it is emitting.
pub struct Context<'a> {
    /// The whole IR.
    pub ir: &'a Ir,
    /// Tokens of the runtime path.
    pub runtime: TokenStream,
    runtime_path: &'a str,
    /// Types of the module being emitted (a resource's, or the root's).
    types: &'a BTreeMap<String, TypeDef>,
    /// Which kind of module is being emitted, for relative paths to named types.
    module: TypeScope,
}

impl<'a> Context<'a> {
    fn new(ir: &'a Ir, settings: &'a Settings, types: &'a BTreeMap<String, TypeDef>) -> Self {
        // Validated in `Config`: the path parses.
        let runtime = settings.runtime_path.parse().unwrap_or_default();
        Self { ir, runtime, runtime_path: &settings.runtime_path, types, module: TypeScope::Root }
    }

    /// The context for emitting a resource module defining `types`.
    fn for_resource(&self, types: &'a BTreeMap<String, TypeDef>) -> Self {
        Self { module: TypeScope::Resource, ..self.for_api() }.with_types(types)
    }

    /// The context for emitting a unified API's module, which imports the runtime as `runtime`
    /// (see [`Context::runtime_import`]).
    fn for_api(&self) -> Self {
        Self {
            ir: self.ir,
            runtime: quote::quote!(runtime),
            runtime_path: self.runtime_path,
            types: self.types,
            module: self.module,
        }
    }

    /// The context for emitting the `common` module of shared types.
    fn for_shared(&self) -> Self {
        Self { module: TypeScope::Shared, ..self.for_api() }.with_types(&self.ir.shared_types)
    }

    fn with_types(self, types: &'a BTreeMap<String, TypeDef>) -> Self {
        Self { types, ..self }
    }

    /// `use ::truto_unified::runtime;` — API and resource modules name the runtime by this short alias.
    /// The root module cannot: inside `truto-unified` it shares the crate root with the `runtime` module.
    fn runtime_import(&self) -> TokenStream {
        let path: TokenStream = self.runtime_path.parse().unwrap_or_default();
        if self.runtime_path.rsplit("::").next() == Some("runtime") {
            quote::quote!(use #path;)
        } else {
            quote::quote!(use #path as runtime;)
        }
    }

    /// `#[serde(crate = "…")]`: serde as re-exported by the runtime, so users need no serde dependency.
    fn serde_crate(&self) -> String {
        format!("{}::serde", self.runtime_path)
    }

    /// The string path of a runtime serde helper, for `deserialize_with = "…"`.
    fn helper(&self, name: &str) -> String {
        format!("{}::serde_helpers::{name}", self.runtime_path)
    }

    /// The token path of a runtime serde helper, for calls.
    fn helper_path(&self, name: &str) -> TokenStream {
        self.helper(name).parse().unwrap_or_default()
    }

    /// Whether `name` (in `scope`) is an enum.
    fn is_enum(&self, name: &str, scope: TypeScope) -> bool {
        matches!(self.lookup(name, scope), Some(TypeDef::Enum(_)))
    }

    /// Whether `name` (in `scope`) is a struct whose every required field has a default, recursively (so the
    /// struct can derive `Default`). A cycle of required fields has none.
    fn is_struct_with_default(&self, name: &str, scope: TypeScope) -> bool {
        self.struct_with_default(name, scope, &mut BTreeMap::new(), 0)
    }

    /// Memoised over `known` (`None` while being decided: a cycle), so shared sub-structs are visited once;
    /// a chain of required structs deeper than `MAX_DEPTH` gets no `Default` (never wrong, and the
    /// recursion stays shallow).
    fn struct_with_default(
        &self,
        name: &str,
        scope: TypeScope,
        known: &mut BTreeMap<(String, TypeScope), Option<bool>>,
        depth: usize,
    ) -> bool {
        const MAX_DEPTH: usize = 64;
        let key = (name.to_owned(), scope);
        if let Some(known) = known.get(&key) {
            return known.unwrap_or(false);
        }
        if depth > MAX_DEPTH {
            return false;
        }
        known.insert(key.clone(), None);
        let result = match self.lookup(name, scope) {
            Some(TypeDef::Struct(definition)) => definition.fields.iter().all(|field| {
                !field.required
                    || match &field.ty {
                        crate::ir::Type::Named(inner, inner_scope) => {
                            self.struct_with_default(inner, *inner_scope, known, depth + 1)
                        }
                        _ => true,
                    }
            }),
            _ => false,
        };
        known.insert(key, Some(result));
        result
    }

    /// The definition `name` refers to in `scope`.
    fn lookup(&self, name: &str, scope: TypeScope) -> Option<&'a TypeDef> {
        match scope {
            TypeScope::Shared => self.ir.shared_types.get(name),
            TypeScope::Root => self.ir.root_types.get(name),
            // Resource types are only referred to from their own resource's module.
            TypeScope::Resource => self.types.get(name),
        }
    }
}

/// One output file to emit. Plain references into the IR, so a job can move to another thread (token
/// streams cannot: proc-macro2's are not `Send`), which lets files be emitted and formatted in parallel.
#[derive(Clone, Copy, Debug)]
pub enum FileJob<'a> {
    /// `mod.rs`.
    Root,
    /// `common.rs`.
    Common,
    /// `<api>.rs`.
    Api(&'a Api),
    /// `<api>/<resource>.rs`.
    Resource(&'a Api, &'a Resource),
}

/// Every file of the bindings, in output order (root first).
pub fn plan(ir: &Ir) -> Vec<FileJob<'_>> {
    let mut jobs = vec![FileJob::Root];
    if !ir.shared_types.is_empty() {
        jobs.push(FileJob::Common);
    }
    for api in ir.apis.values() {
        jobs.push(FileJob::Api(api));
        jobs.extend(api.resources.values().map(|resource| FileJob::Resource(api, resource)));
    }
    jobs
}

/// Emits one file.
pub fn emit(ir: &Ir, settings: &Settings, job: FileJob<'_>) -> EmittedFile {
    let context = Context::new(ir, settings, &ir.root_types);
    match job {
        FileJob::Root => root::emit(&context, settings),
        FileJob::Common => common::emit(&context.for_shared(), settings.feature_gates),
        FileJob::Api(api) => api::emit(&context.for_api(), api),
        FileJob::Resource(api, resource) => resource::emit(&context.for_resource(&resource.types), api, resource),
    }
}

/// A handle on part of the API for one account (a unified API, a resource): a cheap clone of the account
/// and the methods leading further down.
///
/// ```text
/// /// …
/// #[derive(Clone, Debug)]
/// pub struct Users { account: runtime::Account }
/// impl Users {
///     /// The resource as seen by `account`.
///     pub fn new(account: runtime::Account) -> Self { Self { account } }
///     …methods…
/// }
/// ```
fn account_handle(
    context: &Context<'_>,
    name: &str,
    doc: TokenStream,
    what: &str,
    methods: TokenStream,
) -> TokenStream {
    let runtime = &context.runtime;
    let name = crate::naming::ident(name);
    let new_doc = format!(" The {what} as seen by `account`.");
    quote::quote! {
        #doc
        #[derive(Clone, Debug)]
        pub struct #name {
            account: #runtime::Account,
        }

        impl #name {
            #[doc = #new_doc]
            pub fn new(account: #runtime::Account) -> Self {
                Self { account }
            }

            #methods
        }
    }
}

/// `#[cfg(feature = "crm")]`, or `#[cfg(any(feature = "calendar", feature = "crm"))]` for several.
fn cfg_any_feature<'f>(features: impl IntoIterator<Item = &'f String>) -> TokenStream {
    match features.into_iter().collect::<Vec<_>>().as_slice() {
        [feature] => quote::quote!(#[cfg(feature = #feature)]),
        features => quote::quote!(#[cfg(any( #( feature = #features ),* ))]),
    }
}
