//! `truto-codegen` generates typed Rust bindings for the [Truto](https://truto.one) unified API from YAML
//! descriptions of its resources.
//!
//! The pipeline, one module per step:
//! [`load`] (YAML → serde mirrors with positions) → [`validate`] (checks, builds the [`ir`]) →
//! `emit` (IR → token streams) → `format` (prettyplease, `@generated` header) → [`write`](mod@write) (atomic,
//! only when bytes change).
//!
//! Use it from a build script, the way prost-build and tonic-build are used:
//!
//! ```no_run
//! // build.rs, in `fn main`:
//! if let Err(error) = truto_codegen::Config::new().schema_dir("schema").generate_to_out_dir() {
//!     eprintln!("{error}");
//!     std::process::exit(1);
//! }
//! ```
//! and include the result in the crate (`truto-unified` provides the runtime it calls):
//! ```text
//! include!(concat!(env!("OUT_DIR"), "/truto/mod.rs"));
//! ```
//! The `truto-codegen` binary does the same from the command line (`generate`, `generate --check`, `check`), and
//! writes the schema of a Truto environment from Truto's own description of it (`pull`, `import`: see [`import`]).
//!
//! A schema with problems yields [`Error::Schema`]: every problem at once, each a located [`Diagnostic`].
//! Its `Display` is one `file:line:col: path: message (help)` line per problem (what a failing build script
//! prints); [`Diagnostics::render`] with [`MessageFormat::Human`] adds an excerpt of the file with the
//! problem underlined, as the binary does. Nothing is written unless the whole schema is valid, and
//! nothing in the input (malformed, hostile or huge) makes the generator panic: see the bad-input catalog
//! in `tests/fixtures/bad/`.

// docs.rs builds with `--cfg docsrs` on nightly: each item gated by a feature says which.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

pub mod diagnostics;
mod emit;
mod format;
#[cfg(feature = "import")]
#[cfg_attr(docsrs, doc(cfg(feature = "import")))]
pub mod import;
pub mod ir;
mod layout;
pub mod load;
mod naming;
mod report;
pub mod requirements;
pub mod runtime_api;
mod suggest;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};

pub use diagnostics::{Diagnostic, Diagnostics, Location, SourceMap};
pub use report::MessageFormat;
pub use write::{ChangedFile, Drift, GeneratedFile, WriteReport};

/// The folder under `OUT_DIR` that [`Config::generate_to_out_dir`] writes to.
pub const OUT_DIR_FOLDER: &str = "truto";

/// Everything that can go wrong in a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The schema has problems; nothing was written.
    #[error("{0}")]
    Schema(Diagnostics),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The configuration is unusable (for example, a runtime path that is not a Rust path).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The generator produced something it should not have: a bug in truto-codegen, never the schema's
    /// fault. Nothing was written.
    #[error("internal error in truto-codegen (please report it): {0}")]
    Internal(String),
}

/// Settings for one generation run, builder style.
#[derive(Clone, Debug)]
pub struct Config {
    schema_dir: PathBuf,
    runtime_path: String,
    feature_gates: bool,
    doc_cfg: bool,
    only_enabled_features: bool,
    accessor_trait: String,
    crate_name: Option<String>,
}

/// The accessor trait of bindings generated outside `truto-unified`, named apart from truto-unified's own
/// `UnifiedApis` so that a crate can use both.
pub const CUSTOM_ACCESSOR_TRAIT: &str = "CustomUnifiedApis";

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

/// The bindings generated from one schema folder, in memory.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The files, in a stable order (root first).
    pub files: Vec<GeneratedFile>,
    /// Every schema file and folder read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// The validated model the files were generated from.
    pub ir: ir::Ir,
}

impl Config {
    /// Defaults for bindings generated outside `truto-unified`: schema in `schema/`, runtime at
    /// `::truto_unified::runtime`, no feature gates, and the extension trait [`CUSTOM_ACCESSOR_TRAIT`]
    /// (`CustomUnifiedApis`) for `account.my_api()`.
    pub fn new() -> Self {
        Self {
            schema_dir: PathBuf::from("schema"),
            runtime_path: "::truto_unified::runtime".to_owned(),
            feature_gates: false,
            doc_cfg: false,
            only_enabled_features: false,
            accessor_trait: CUSTOM_ACCESSOR_TRAIT.to_owned(),
            crate_name: None,
        }
    }

    /// The settings `truto-unified` itself builds with: one Cargo feature per unified API, shown on docs.rs
    /// ([`doc_cfg`](Self::doc_cfg)), and the extension trait `UnifiedApis`.
    pub fn for_truto_unified() -> Self {
        Self::new().feature_gates(true).doc_cfg(true).accessor_trait("UnifiedApis").crate_name("truto-unified")
    }

    /// The name of the extension trait that gives `Account` one method per unified API. The trait giving fake
    /// servers' accounts typed seeding per unified API takes this name and `Seed` (`CustomUnifiedApisSeed`).
    #[must_use]
    pub fn accessor_trait(mut self, name: impl Into<String>) -> Self {
        self.accessor_trait = name.into();
        self
    }

    /// The crate the bindings are compiled into, named in the error a call to a unified API whose feature is
    /// off gets (default: the package Cargo is building, `CARGO_PKG_NAME`).
    #[must_use]
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into());
        self
    }

    /// The schema folder (holding `truto.yaml` and one folder per unified API).
    #[must_use]
    pub fn schema_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.schema_dir = dir.into();
        self
    }

    /// The path generated code uses to reach the runtime, for a renamed dependency
    /// (`::my_truto::runtime`).
    #[must_use]
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = path.into();
        self
    }

    /// Gate each unified API module behind a Cargo feature named after it (`calendar`,
    /// `instant-messaging`); the crate must declare those features.
    #[must_use]
    pub fn feature_gates(mut self, on: bool) -> Self {
        self.feature_gates = on;
        self
    }

    /// With feature gates, also mark each gated item `#[cfg_attr(docsrs, doc(cfg(feature = "…")))]`, so that
    /// docs built with `--cfg docsrs` (as docs.rs builds them) say which feature it needs. The crate then needs
    /// `#![cfg_attr(docsrs, feature(doc_cfg))]` at its root.
    #[must_use]
    pub fn doc_cfg(mut self, on: bool) -> Self {
        self.doc_cfg = on;
        self
    }

    /// With feature gates, in a build script: emit the modules of only the unified APIs whose feature Cargo
    /// enabled (`CARGO_FEATURE_*`), since the others are compiled out anyway; the root module still names every
    /// API, so a call to a disabled one still says which feature to enable. The whole schema is validated
    /// all the same. A one-API build then formats one API's files instead of all of them.
    #[must_use]
    pub fn only_enabled_features(mut self, on: bool) -> Self {
        self.only_enabled_features = on;
        self
    }

    /// Validates the schema without generating anything.
    pub fn check(&self) -> Result<ir::Ir, Error> {
        let schema = load::load(&self.schema_dir).map_err(Error::Schema)?;
        validate::validate(&schema).map_err(Error::Schema)
    }

    /// Runs the pipeline up to formatted text, writing nothing.
    pub fn generate(&self) -> Result<Generated, Error> {
        let settings = self.settings()?;
        let schema = load::load(&self.schema_dir).map_err(Error::Schema)?;
        let ir = validate::validate(&schema).map_err(Error::Schema)?;
        let files = emit_and_format(&ir, &settings)?;
        Ok(Generated { files, inputs: schema.inputs, ir })
    }

    /// Generates into `out_dir`. Nothing is written unless the whole schema is valid.
    pub fn generate_to(&self, out_dir: impl AsRef<Path>) -> Result<WriteReport, Error> {
        self.generate()?.write_to(out_dir)
    }

    /// For build scripts: generates into `$OUT_DIR/truto/` and prints `cargo:rerun-if-changed` for every
    /// schema file and folder, so editing the schema regenerates and nothing else does.
    /// Returns the folder holding `mod.rs`.
    pub fn generate_to_out_dir(&self) -> Result<PathBuf, Error> {
        let out_dir = std::env::var_os("OUT_DIR")
            .ok_or_else(|| Error::Config("OUT_DIR is not set: call this from a build script".to_owned()))?;
        let target = PathBuf::from(out_dir).join(OUT_DIR_FOLDER);
        // Printed before generating, so a schema error is retried once the schema is fixed.
        println!("cargo:rerun-if-changed={}", self.schema_dir.display());
        let generated = self.generate();
        match &generated {
            Ok(generated) => {
                generated.inputs.iter().for_each(|input| println!("cargo:rerun-if-changed={}", input.display()))
            }
            Err(_) => rerun_on_any_schema_file(&self.schema_dir),
        }
        generated?.write_to(&target)?;
        Ok(target)
    }

    fn settings(&self) -> Result<emit::Settings, Error> {
        syn::parse_str::<syn::Path>(&self.runtime_path).map_err(|error| {
            Error::Config(format!("runtime path `{}` is not a Rust path: {error}", self.runtime_path))
        })?;
        if !naming::is_type_name(&self.accessor_trait) {
            return Err(Error::Config(format!(
                "accessor trait `{}` is not a Rust type name (UpperCamelCase letters and digits)",
                self.accessor_trait
            )));
        }
        let crate_name = self.crate_name.clone().or_else(|| std::env::var("CARGO_PKG_NAME").ok());
        Ok(emit::Settings {
            runtime_path: self.runtime_path.clone(),
            feature_gates: self.feature_gates,
            doc_cfg: self.doc_cfg,
            enabled_features: (self.feature_gates && self.only_enabled_features).then(enabled_cargo_features),
            accessor_trait: self.accessor_trait.clone(),
            seed_trait: format!("{}Seed", self.accessor_trait),
            crate_name: crate_name.unwrap_or_else(|| "the crate".to_owned()),
        })
    }
}

impl Generated {
    /// Writes the files under `out_dir`, atomically and only where bytes change.
    pub fn write_to(&self, out_dir: impl AsRef<Path>) -> Result<WriteReport, Error> {
        let out_dir = out_dir.as_ref();
        write::write(out_dir, &self.files).map_err(|source| Error::Io { path: out_dir.to_path_buf(), source })
    }

    /// How `out_dir` differs from these files.
    pub fn drift(&self, out_dir: impl AsRef<Path>) -> Result<Drift, Error> {
        let out_dir = out_dir.as_ref();
        write::drift(out_dir, &self.files).map_err(|source| Error::Io { path: out_dir.to_path_buf(), source })
    }
}

/// The features Cargo enabled for the package whose build script this is, in the form of its `CARGO_FEATURE_*`
/// variables (`INSTANT_MESSAGING`).
fn enabled_cargo_features() -> std::collections::BTreeSet<String> {
    std::env::vars_os()
        .filter_map(|(name, _)| name.to_str()?.strip_prefix("CARGO_FEATURE_").map(str::to_owned))
        .collect()
}

/// Emits and pretty-prints every file, spread over the machine's cores (formatting is most of the work),
/// keeping the output order.
fn emit_and_format(ir: &ir::Ir, settings: &emit::Settings) -> Result<Vec<GeneratedFile>, Error> {
    let mut jobs = emit::plan(ir);
    jobs.retain(|job| settings.compiles(job));
    let one = |job: emit::FileJob<'_>| {
        let file = emit::emit(ir, settings, job);
        let contents = format::format(&file).map_err(Error::Internal)?;
        Ok(GeneratedFile { path: file.path, contents })
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(jobs.len());
    if threads <= 1 {
        return jobs.into_iter().map(one).collect();
    }
    // Thread `t` takes jobs t, t + threads, …: resources of similar size end up spread evenly.
    let mut results: Vec<Option<Result<GeneratedFile, Error>>> = (0..jobs.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|first| {
                let jobs = &jobs;
                let one = &one;
                scope.spawn(move || {
                    (first..jobs.len()).step_by(threads).map(|index| (index, one(jobs[index]))).collect::<Vec<_>>()
                })
            })
            .collect();
        // Every worker is joined, so a panic in one (a generator bug) becomes an error below, not a panic of
        // the scope.
        for done in workers.into_iter().filter_map(|worker| worker.join().ok()) {
            done.into_iter().for_each(|(index, result)| results[index] = Some(result));
        }
    });
    results
        .into_iter()
        .map(|result| result.unwrap_or_else(|| Err(Error::Internal("a generator thread panicked".to_owned()))))
        .collect()
}

/// When loading failed part-way, the inputs are unknown: watch every file and folder below the schema
/// folder, so fixing any of them re-runs the build script.
fn rerun_on_any_schema_file(dir: &Path) {
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            println!("cargo:rerun-if-changed={}", path.display());
            if path.is_dir() {
                pending.push(path);
            }
        }
    }
}
