//! Step 3 of the pipeline: turn the [`Ir`] into Rust token streams, one per output file.
//!
//! Output layout (a module tree that works both `include!`d from `OUT_DIR` and checked in under `src/`):
//! ```text
//! mod.rs                    root: `Integration`, Truto parameter types, `pub mod <api>;`, account accessors,
//!                           the seeding trait and `SPEC`
//! common.rs                 types shared across resources (`common::Address`)
//! calendar.rs               the API module: its handle and seeding handle, `pub mod users;` and re-exports
//! calendar/users.rs         one resource: handle, request builders, models and enums
//! ```
//! One emitter per concept: [`root`], [`api`], [`resource`] assemble files from [`models`], [`enums`],
//! [`requests`], [`seed`] (typed seeding of fake servers) and [`spec`] (what the schema requires, for fake
//! servers); [`types`] writes type expressions and [`docs`] rustdoc. Emitters never re-check the
//! schema: the IR is already valid.

mod api;
mod common;
mod docs;
mod enums;
mod models;
mod requests;
mod resource;
mod root;
mod seed;
mod setters;
mod spec;
mod types;

use std::collections::BTreeMap;
use std::path::PathBuf;

use proc_macro2::TokenStream;

use crate::ir::{Api, Ir, Resource, TypeDef, TypeScope};

/// How the emitted code attaches to the runtime and to the crate that includes it.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Path of the runtime module (`::truto_unified::runtime`).
    pub runtime_path: String,
    /// Gate each unified API module behind the Cargo feature of the same name.
    pub feature_gates: bool,
    /// Beside each gate, `#[cfg_attr(docsrs, doc(cfg(…)))]`: docs built with `--cfg docsrs` (docs.rs) show
    /// which feature an item needs.
    pub doc_cfg: bool,
    /// When set, the features whose API modules are emitted, as Cargo names them in `CARGO_FEATURE_*`
    /// (`INSTANT_MESSAGING`); the other APIs' modules are compiled out, so they are not written.
    pub enabled_features: Option<std::collections::BTreeSet<String>>,
    /// The extension trait giving `Account` one accessor per unified API (`UnifiedApis`).
    pub accessor_trait: String,
    /// The extension trait giving fake servers' accounts typed seeding per unified API: the accessor trait's
    /// name and `Seed` (`UnifiedApisSeed`).
    pub seed_trait: String,
    /// The crate the code is compiled into, for messages about its features (`truto-unified`).
    pub crate_name: String,
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
    /// The feature gate of the shared type being emitted (see [`Context::gated`]); `None` elsewhere.
    gate: Option<Gate>,
}

impl<'a> Context<'a> {
    fn new(ir: &'a Ir, settings: &'a Settings, types: &'a BTreeMap<String, TypeDef>) -> Self {
        // Validated in `Config`: the path parses.
        let runtime = settings.runtime_path.parse().unwrap_or_default();
        Self { ir, runtime, runtime_path: &settings.runtime_path, types, module: TypeScope::Root, gate: None }
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
            gate: None,
        }
    }

    /// The context for emitting one shared type compiled only as `gate` says (always, for `None`): the
    /// models and enums emitters put the gate on the type and its `cfg` on each of its impls.
    fn gated(&self, gate: Option<Gate>) -> Self {
        Self {
            ir: self.ir,
            runtime: self.runtime.clone(),
            runtime_path: self.runtime_path,
            types: self.types,
            module: self.module,
            gate,
        }
    }

    /// The attributes on a type's definition: its gate with the docs badge (nothing for an ungated type).
    fn definition_gate(&self) -> TokenStream {
        self.gate.as_ref().map(quote::ToTokens::to_token_stream).unwrap_or_default()
    }

    /// The attributes on an impl of the type: its gate's `cfg` alone (rustdoc shows impls under their type).
    fn impl_gate(&self) -> TokenStream {
        self.gate.as_ref().map(|gate| gate.cfg.clone()).unwrap_or_default()
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

    /// The runtime's path as intra-doc links write it where [`Context::runtime`] is written: `runtime` in API
    /// and resource modules, the runtime path without its leading `::` in the root.
    fn runtime_doc_path(&self) -> String {
        self.runtime.to_string().replace(' ', "").trim_start_matches("::").to_owned()
    }

    /// `#[serde(crate = "…")]`: serde as re-exported by the runtime, so users need no serde dependency.
    fn serde_crate(&self) -> String {
        format!("{}::serde", self.runtime_path)
    }

    /// Whether `name` (in `scope`) is an enum.
    fn is_enum(&self, name: &str, scope: TypeScope) -> bool {
        matches!(self.lookup(name, scope), Some(TypeDef::Enum(_)))
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
        FileJob::Common => common::emit(&context.for_shared(), settings),
        FileJob::Api(api) => api::emit(&context.for_api(), api, &settings.seed_trait),
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

impl Settings {
    /// Whether the file of `job` is compiled, so worth emitting: every file but the modules of APIs whose
    /// feature is known to be off.
    pub fn compiles(&self, job: &FileJob<'_>) -> bool {
        let (FileJob::Api(api) | FileJob::Resource(api, _)) = job else { return true };
        let Some(enabled) = &self.enabled_features else { return true };
        enabled.contains(&api.feature.to_uppercase().replace('-', "_"))
    }

    /// The gate of an item compiled when any of `features` is on; `None` without feature gates.
    fn gate<'f>(&self, features: impl IntoIterator<Item = &'f String>) -> Option<Gate> {
        if !self.feature_gates {
            return None;
        }
        let predicate = match features.into_iter().collect::<Vec<_>>().as_slice() {
            [feature] => quote::quote!(feature = #feature),
            features => quote::quote!(any( #( feature = #features ),* )),
        };
        let badge = self.doc_cfg.then(|| quote::quote!(#[cfg_attr(docsrs, doc(cfg(#predicate)))]));
        Some(Gate { cfg: quote::quote!(#[cfg(#predicate)]), badge })
    }
}

/// The attributes compiling an item only with some features: written whole (`quote!(#gate …)`) on items
/// whose documentation shows the feature, `cfg` alone on the impls of such an item.
///
/// ```text
/// #[cfg(feature = "crm")]                               // or cfg(any(feature = "calendar", feature = "crm"))
/// #[cfg_attr(docsrs, doc(cfg(feature = "crm")))]        // with doc_cfg: docs.rs shows "crate feature crm"
/// ```
#[derive(Clone)]
struct Gate {
    cfg: TokenStream,
    badge: Option<TokenStream>,
}

impl quote::ToTokens for Gate {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.cfg.to_tokens(tokens);
        self.badge.to_tokens(tokens);
    }
}
