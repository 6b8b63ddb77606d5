//! `truto-codegen fake`: a fake Truto for clients in any language, typed by a schema folder and seeded from a
//! JSON file (the format is `truto_unified_fake::SeedFile`'s; see the README).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use truto_codegen::{Config, Error};
use truto_codegen::{ir, requirements};
use truto_unified_fake::spec::{MethodKind, Spec};
use truto_unified_fake::{DEFAULT_PAGE_SIZE, DEFAULT_TOKEN, FakeTruto, SeedFile};

/// The arguments of `truto-codegen fake`.
#[derive(clap::Args)]
pub struct FakeArgs {
    /// The schema folder: its resources, methods and per-integration requirements are served.
    #[arg(long, default_value = "schema")]
    schema: PathBuf,
    /// The port on 127.0.0.1 (0: any free one; the URL is printed on the first line).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// A JSON seed file: accounts (with an integration), records per resource path, custom-method results.
    #[arg(long)]
    seed: Option<PathBuf>,
    /// The API token clients must send as `Authorization: Bearer <token>`.
    #[arg(long, default_value = DEFAULT_TOKEN)]
    token: String,
    /// Records per page when a list sends no `limit`.
    #[arg(long, default_value_t = DEFAULT_PAGE_SIZE)]
    page_size: usize,
}

/// Serves until the process is stopped.
pub fn run(args: FakeArgs) -> Result<ExitCode, Error> {
    let ir = Config::new().schema_dir(&args.schema).check()?;
    let seed = match &args.seed {
        Some(path) => SeedFile::read(path).map_err(|error| Error::Config(error.to_string()))?,
        None => SeedFile::default(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Error::Config(format!("cannot start the async runtime: {error}")))?;
    runtime.block_on(async {
        let builder = FakeTruto::builder().spec(spec(&ir)).token(&args.token).default_page_size(args.page_size);
        let fake = builder
            .port(args.port)
            .start()
            .await
            .map_err(|error| Error::Config(format!("cannot listen on 127.0.0.1:{}: {error}", args.port)))?;
        fake.load_seed(&seed).map_err(|error| Error::Config(format!("seed file: {error}")))?;
        announce(&fake, &ir);
        std::future::pending::<()>().await;
        Ok(ExitCode::SUCCESS)
    })
}

/// The URL first (scripts read it), then what is served.
fn announce(fake: &FakeTruto, ir: &ir::Ir) {
    let mut out = std::io::stdout().lock();
    let resources: usize = ir.apis.values().map(|api| api.resources.len()).sum();
    let _ = writeln!(out, "{}", fake.url());
    let _ = writeln!(out, "fake Truto: {resources} resources; send `Authorization: Bearer {}`", fake.token());
    for id in fake.accounts() {
        let integration = fake.account(id.clone()).integration().unwrap_or_else(|| "no integration".to_owned());
        let _ = writeln!(out, "  integrated account {id} ({integration})");
    }
    let _ = writeln!(out, "requests received: GET {}/_fake/requests; stop with Ctrl-C", fake.url());
    let _ = out.flush();
}

/// What the schema says the server serves and what each integration requires: the listing the generated `SPEC`
/// is made from ([`truto_codegen::requirements::list`]).
pub fn spec(ir: &ir::Ir) -> Spec {
    let mut spec = Spec::new();
    for resource in requirements::list(ir) {
        let served = spec.resource_mut(resource.path);
        for method in &resource.methods {
            let added = served.add_method(kind(method.method.kind), &method.method.name);
            for requirement in &method.query {
                added.require_query(requirement.name, requirement.required_in.iter().copied());
            }
            for requirement in &method.body {
                added.require_body(requirement.name, requirement.required_in.iter().copied());
            }
        }
    }
    spec
}

fn kind(kind: ir::MethodKind) -> MethodKind {
    match kind {
        ir::MethodKind::List => MethodKind::List,
        ir::MethodKind::Get => MethodKind::Get,
        ir::MethodKind::Create => MethodKind::Create,
        ir::MethodKind::Update => MethodKind::Update,
        ir::MethodKind::Delete => MethodKind::Delete,
        ir::MethodKind::Custom => MethodKind::Custom,
    }
}
