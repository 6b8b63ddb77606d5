//! `truto-codegen`: generate, check for drift, or validate Truto unified API bindings from the command line;
//! import (or pull) the schema of your own Truto environment; serve a fake Truto typed by the schema (`fake`).

mod fake_cli;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use truto_codegen::import::{self, Import, ImportError, pull};
use truto_codegen::{Config, Error, Generated, MessageFormat, ir};

/// `println!` that ignores a closed stdout (`truto-codegen generate | head`) instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

#[derive(Parser)]
#[command(name = "truto-codegen", version, about = "Typed Rust bindings for the Truto unified API, from YAML")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// How schema problems are printed: `human` shows each with an excerpt of its file (coloured on a
    /// terminal unless NO_COLOR is set); `short` prints one `file:line:col: path: message (help)` line each.
    #[arg(long, value_enum, default_value_t = Format::Human, global = true)]
    message_format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Source excerpts with the problem underlined, and help.
    Human,
    /// One line per problem.
    Short,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the bindings into --out (or, with --check, report how --out differs from them).
    Generate {
        /// The schema folder.
        #[arg(long, default_value = "schema")]
        schema: PathBuf,
        /// Where to write the generated module tree (`mod.rs` and one file per API and resource).
        #[arg(long, default_value = "target/generated-bindings")]
        out: PathBuf,
        /// Write nothing; exit with status 1 and a diff summary when --out is stale.
        #[arg(long)]
        check: bool,
        /// Path the generated code uses to reach the runtime.
        #[arg(long, default_value = "::truto_unified::runtime")]
        runtime_path: String,
        /// Do not gate each unified API behind a Cargo feature.
        #[arg(long)]
        no_feature_gates: bool,
        /// The extension trait giving `Account` one accessor per unified API (truto-unified's is
        /// `UnifiedApis`; bindings of your own default to `CustomUnifiedApis` in build scripts).
        #[arg(long, default_value = "UnifiedApis")]
        accessor_trait: String,
        /// List every generated file and every resource's calls, not just each API's resources.
        #[arg(long)]
        verbose: bool,
    },
    /// Validate the schema and report every problem, generating nothing.
    Check {
        /// The schema folder.
        #[arg(long, default_value = "schema")]
        schema: PathBuf,
    },
    /// Serve a fake Truto on 127.0.0.1 for tests in any language, seeded from a JSON file.
    Fake(fake_cli::FakeArgs),
    /// Turn saved JSON of Truto's unified models (and their meta responses) into a schema folder, merging
    /// into the files already there.
    Import {
        /// A JSON file (a unified model, a list page or an array of models), or a folder of them with meta
        /// responses at meta/<model>/<resource>/<integration>/<method>.json (as `pull` saves them).
        #[arg(long)]
        from: PathBuf,
        /// The schema folder to write (created when missing).
        #[arg(long, default_value = "schema")]
        out: PathBuf,
        /// Write nothing; exit with status 1 and a summary when the folder differs from the input.
        #[arg(long)]
        check: bool,
    },
    /// Fetch your Truto environment's unified models and per-integration metadata (token from
    /// TRUTO_API_TOKEN, base URL from TRUTO_BASE_URL), save the JSON in <out>/.truto/json/ and import it.
    Pull {
        /// The schema folder to write (created when missing).
        #[arg(long, default_value = "schema")]
        out: PathBuf,
        /// Write nothing; exit with status 1 and a summary when the folder differs from the environment.
        #[arg(long)]
        check: bool,
        /// How many meta requests are in flight at once.
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let format = match cli.message_format {
        Format::Short => MessageFormat::Short,
        Format::Human => {
            let color =
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
            MessageFormat::Human { color }
        }
    };
    match run(cli.command, format) {
        Ok(code) => code,
        Err(error) => {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr().lock(), "{}", render(&error, format));
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command, format: MessageFormat) -> Result<ExitCode, Error> {
    match command {
        Command::Fake(args) => fake_cli::run(args),
        Command::Import { from, out, check } => {
            Ok(finish_import(import::import(&from, &out), check, format, &pull::Redactor::new("")))
        }
        Command::Pull { out, check, concurrency } => Ok(pull_command(&out, check, concurrency, format)),
        Command::Check { schema } => {
            let ir = Config::new().schema_dir(&schema).check()?;
            outln!("{}: valid ({})", schema.display(), counts(&ir));
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate { schema, out, check, runtime_path, no_feature_gates, accessor_trait, verbose } => {
            let config = Config::for_truto_unified()
                .schema_dir(&schema)
                .runtime_path(runtime_path)
                .feature_gates(!no_feature_gates)
                .accessor_trait(accessor_trait);
            let generated = config.generate()?;
            if check {
                return report_drift(&generated, &out);
            }
            let report = generated.write_to(&out)?;
            print_generated(&generated, &report, &out, verbose);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn report_drift(generated: &Generated, out: &std::path::Path) -> Result<ExitCode, Error> {
    let drift = generated.drift(out)?;
    if drift.is_empty() {
        outln!("{} is up to date", out.display());
        return Ok(ExitCode::SUCCESS);
    }
    outln!("{} is stale: run `truto-codegen generate` to update it", out.display());
    for path in &drift.missing {
        outln!("  missing: {}", path.display());
    }
    for path in &drift.stale {
        outln!("  no longer generated: {}", path.display());
    }
    for changed in &drift.changed {
        let path = &changed.path;
        let diff = similar::TextDiff::from_lines(&changed.on_disk, &changed.generated)
            .unified_diff()
            .context_radius(2)
            .header(&format!("{} (on disk)", path.display()), &format!("{} (generated)", path.display()))
            .to_string();
        let (added, removed) = diff.lines().fold((0, 0), |(added, removed), line| {
            match (line.starts_with('+') && !line.starts_with("+++"), line.starts_with('-') && !line.starts_with("---"))
            {
                (true, _) => (added + 1, removed),
                (_, true) => (added, removed + 1),
                _ => (added, removed),
            }
        });
        outln!("  changed: {} (+{added} -{removed})", path.display());
        const SHOWN: usize = 40;
        for line in diff.lines().take(SHOWN) {
            outln!("    {line}");
        }
        if diff.lines().count() > SHOWN {
            outln!("    …");
        }
    }
    Ok(ExitCode::FAILURE)
}

fn counts(ir: &ir::Ir) -> String {
    let resources: usize = ir.apis.values().map(|api| api.resources.len()).sum();
    let types: usize =
        ir.apis.values().flat_map(|api| api.resources.values()).map(|resource| resource.types.len()).sum();
    format!(
        "{} unified APIs, {resources} resources, {} types, {} integrations",
        ir.apis.len(),
        types + ir.root_types.len() + ir.shared_types.len(),
        ir.integrations.len()
    )
}

/// What `generate` did: one line of totals, then each unified API with its resources (with `verbose`, every
/// file and every resource's calls).
fn print_generated(generated: &Generated, report: &truto_codegen::WriteReport, out: &std::path::Path, verbose: bool) {
    let lines: usize = generated.files.iter().map(|file| file.contents.lines().count()).sum();
    outln!("Generated {} into {}/", counts(&generated.ir), out.display());
    outln!(
        "  {} files, {lines} lines: {} written, {} unchanged, {} removed",
        generated.files.len(),
        report.written.len(),
        report.unchanged.len(),
        report.removed.len()
    );
    if verbose {
        for file in &generated.files {
            let status = if report.written.contains(&file.path) { "written" } else { "unchanged" };
            outln!("  {:<48} {:>6} lines  {status}", file.path.display(), file.contents.lines().count());
        }
        for removed in &report.removed {
            outln!("  {:<48} {:>6}        removed (no longer generated)", removed.display(), "");
        }
    }
    for api in generated.ir.apis.values() {
        let resources: Vec<&str> = api.resources.values().map(|resource| resource.module.as_str()).collect();
        outln!(
            "\n{} (`account.{}()`, feature \"{}\"): {} resources",
            api.name,
            api.module,
            api.feature,
            resources.len()
        );
        if !verbose {
            outln!("{}", wrapped(&resources.join(", "), "  ", 110));
            continue;
        }
        for resource in api.resources.values() {
            let methods: Vec<&str> = resource.methods.iter().map(|method| method.name.as_str()).collect();
            outln!(
                "  account.{}().{}().{{{}}}  -> {}",
                api.module,
                resource.module,
                methods.join(", "),
                resource.model
            );
        }
    }
}

/// `text` wrapped at `width` columns after `indent`, breaking after commas.
fn wrapped(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = indent.to_owned();
    for word in text.split_inclusive(", ") {
        if line.len() + word.len() > width && line.len() > indent.len() {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.to_owned();
        }
        line.push_str(word);
    }
    out.push_str(line.trim_end());
    out
}

/// Schema problems in the chosen format (both name file, line and column), then a summary; other errors as
/// they are.
fn render(error: &Error, format: MessageFormat) -> String {
    match error {
        Error::Schema(diagnostics) => {
            let count = diagnostics.len();
            format!(
                "{}\n\nerror: the schema has {count} problem{}; nothing was written",
                diagnostics.render(format),
                if count == 1 { "" } else { "s" }
            )
        }
        other => format!("error: {other}"),
    }
}

/// `pull`: fetch with the runtime client, then import; the token is removed from everything printed or saved.
fn pull_command(out: &std::path::Path, check: bool, concurrency: usize, format: MessageFormat) -> ExitCode {
    use std::io::Write as _;
    let token = std::env::var(pull::TOKEN_ENV).unwrap_or_default();
    let redactor = pull::Redactor::new(token);
    let failed = |message: String| {
        let _ = writeln!(std::io::stderr().lock(), "error: {}", redactor.redact(&message));
        ExitCode::FAILURE
    };
    let client = match pull::client_from_env() {
        Ok(client) => client,
        Err(error) => return failed(error.to_string()),
    };
    let mut progress = pull::Progress::new(std::io::stderr().is_terminal());
    let fetched = pull::block_on(pull::fetch(&client, concurrency, &mut progress));
    progress.finish();
    let fetched = match fetched {
        Ok(Ok(fetched)) => fetched,
        Ok(Err(error)) => return failed(format!("pull failed: {error}")),
        Err(error) => return failed(format!("cannot start the async runtime: {error}")),
    };
    let mut warnings = fetched.warnings.clone();
    let input = import::Input::from_documents(fetched.documents.clone(), &mut warnings);
    let planned = import::plan(&input, out, import::Scope::Environment, warnings);
    if !check
        && planned.is_ok()
        && let Err(error) = fetched.save(out, &redactor)
    {
        return failed(error.to_string());
    }
    finish_import(planned, check, format, &redactor)
}

/// Prints an import's warnings (stderr) and summary (stdout), then writes it, or with `check` reports
/// whether the folder is up to date (exit status 1 when not).
fn finish_import(
    result: Result<Import, ImportError>,
    check: bool,
    format: MessageFormat,
    redactor: &pull::Redactor,
) -> ExitCode {
    use std::io::Write as _;
    let import = match result {
        Ok(import) => import,
        Err(error) => {
            let rendered = match &error {
                ImportError::Invalid(diagnostics) => format!(
                    "{}\n\nerror: the imported schema would not be valid; nothing was written",
                    diagnostics.render(format)
                ),
                other => format!("error: {other}"),
            };
            let _ = writeln!(std::io::stderr().lock(), "{}", redactor.redact(&rendered));
            return ExitCode::FAILURE;
        }
    };
    {
        let mut stderr = std::io::stderr().lock();
        for warning in &import.warnings {
            let _ = writeln!(stderr, "warning: {}", redactor.redact(&warning.to_string()));
        }
    }
    outln!("{}", redactor.redact(import.summary().trim_end()));
    if check {
        if import.is_up_to_date() {
            outln!("up to date");
            return ExitCode::SUCCESS;
        }
        outln!("the schema folder differs from the Truto environment: import (or pull) again to update it");
        return ExitCode::from(1);
    }
    match import.write() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(std::io::stderr().lock(), "error: {}", redactor.redact(&error.to_string()));
            ExitCode::FAILURE
        }
    }
}
