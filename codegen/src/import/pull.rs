//! `truto-codegen pull`: fetches an environment's unified models and the metadata of each integration's
//! methods from Truto, through the bindings' own runtime client (cursor pagination, retries with backoff,
//! `Retry-After` and rate limits honoured), for [`super::plan`] to import.
//!
//! Requests: `GET /unified-model` (every page), `GET /unified-model/{id}` (each model whole),
//! `GET /environment-unified-model` (every page: the environment's overrides of its models), then
//! `GET /unified/{model}/{resource}/{integration}/meta/{method}` for every method of every integration's
//! mapping, a few at a time. None needs an integrated account. An integration whose meta Truto refuses
//! (a 4xx other than 429) is reported and left out; any other failure stops the pull.
//!
//! The token is only ever in the `Authorization` header: [`Redactor`] also removes it from every message and
//! saved file, in case a server echoes it.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;

use serde_json::Value;
use truto_unified_runtime::futures::{StreamExt, TryStreamExt, stream};
use truto_unified_runtime::{Client, Environment, Error};

use super::model::{Input, MetaKey};
use super::{ImportError, JSON_DIR, Warning};

pub use truto_unified_runtime::TOKEN_ENV;

/// A client configured from the environment: the token from `TRUTO_API_TOKEN`, the base URL from
/// `TRUTO_BASE_URL` (default `https://api.truto.one`).
pub fn client_from_env() -> Result<Client, Error> {
    Client::from_env()
}

/// Runs `future` to completion on a single-threaded runtime (a pull is I/O-bound).
pub fn block_on<F: std::future::Future>(future: F) -> std::io::Result<F::Output> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().map(|runtime| runtime.block_on(future))
}

/// The JSON a pull fetched, by the path it is saved at under `.truto/json/`.
#[derive(Clone, Debug, Default)]
pub struct Fetched {
    /// Path (`unified-model/crm.json`, `meta/crm/contacts/hubspot/list.json`) → body, in path order.
    pub documents: Vec<(String, Value)>,
    /// Requests Truto refused, and names that cannot be requested.
    pub warnings: Vec<Warning>,
}

/// Removes a secret (the API token) from text.
#[derive(Clone)]
pub struct Redactor {
    secret: String,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Redactor([redacted])")
    }
}

impl Redactor {
    /// Removes `secret` (when it is long enough to be a token, not a common word).
    pub fn new(secret: impl Into<String>) -> Self {
        Self { secret: secret.into() }
    }

    /// `text` with the secret replaced by `[redacted]`.
    pub fn redact(&self, text: &str) -> String {
        if self.secret.trim().len() < 8 { text.to_owned() } else { text.replace(&self.secret, "[redacted]") }
    }
}

/// How far a pull is, on stderr: a counter updated in place on a terminal, plain lines otherwise.
#[derive(Debug)]
pub struct Progress {
    terminal: bool,
    models: usize,
    resources: usize,
    integrations: BTreeSet<String>,
    done: usize,
    total: usize,
    printed: usize,
}

impl Progress {
    /// Progress for stderr; `terminal` when it is one.
    pub fn new(terminal: bool) -> Self {
        Self { terminal, models: 0, resources: 0, integrations: BTreeSet::new(), done: 0, total: 0, printed: 0 }
    }

    fn line(&self) -> String {
        format!(
            "{} unified models, {} resources, {} integrations; meta {}/{}",
            self.models,
            self.resources,
            self.integrations.len(),
            self.done,
            self.total
        )
    }

    /// Shows the current counts: always on a terminal, else when `milestone`.
    fn show(&mut self, milestone: bool) {
        let mut stderr = std::io::stderr().lock();
        if self.terminal {
            let _ = write!(stderr, "\r\x1b[2K{}", self.line());
            let _ = stderr.flush();
        } else if milestone {
            let _ = writeln!(stderr, "pull: {}", self.line());
        }
    }

    fn meta_done(&mut self) {
        self.done += 1;
        // About every tenth, without a terminal.
        let step = (self.total / 10).max(1);
        let milestone = self.done == self.total || self.done >= self.printed + step;
        if milestone {
            self.printed = self.done;
        }
        self.show(milestone);
    }

    /// Ends the in-place counter's line.
    pub fn finish(&mut self) {
        if self.terminal {
            let _ = writeln!(std::io::stderr().lock());
        }
    }
}

/// Fetches everything an import needs, `concurrency` meta requests at a time.
pub async fn fetch(client: &Client, concurrency: usize, progress: &mut Progress) -> Result<Fetched, Error> {
    let environment = client.environment();
    let mut fetched = Fetched::default();
    let mut pages = environment.list("/unified-model").pages();
    let mut listed = Vec::new();
    while let Some(page) = pages.try_next().await? {
        listed.extend(page.result.iter().cloned());
        let number = fetched.documents.len() + 1;
        fetched
            .documents
            .push((format!("unified-model/page-{number}.json"), serde_json::to_value(&page).unwrap_or_default()));
        progress.models = listed.len();
        progress.show(true);
    }
    for model in &listed {
        fetch_model(&environment, model, &mut fetched).await?;
    }
    fetch_overrides(&environment, &mut fetched).await?;
    let input = Input::from_documents(fetched.documents.clone(), &mut Vec::new());
    let keys = meta_keys(&input, &mut fetched.warnings);
    progress.resources = input.models.values().map(|source| source.model.resources.len()).sum();
    progress.integrations = keys.iter().map(|key| key.integration.clone()).collect();
    progress.total = keys.len();
    progress.show(true);
    let mut responses = stream::iter(keys)
        .map(|key| {
            let path = format!("/unified/{}/{}/{}/meta/{}", key.model, key.resource, key.integration, key.method);
            let request = environment.get(path);
            async move { (key, request.send().await) }
        })
        .buffer_unordered(concurrency.max(1));
    while let Some((key, response)) = responses.next().await {
        let file = format!("meta/{}/{}/{}/{}.json", key.model, key.resource, key.integration, key.method);
        match response {
            Ok(body) => fetched.documents.push((file, body)),
            Err(error) if is_refusal(&error) => {
                fetched.warnings.push(Warning::new(&file, "", format!("not fetched, left out: {error}")))
            }
            Err(error) => return Err(error),
        }
        progress.meta_done();
    }
    fetched.documents.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(fetched)
}

/// `GET /unified-model/{id}`, saved as `unified-model/<name>.json`; the listed entry stands in when the model
/// has no usable id or Truto refuses it.
async fn fetch_model(environment: &Environment, model: &Value, fetched: &mut Fetched) -> Result<(), Error> {
    let name = model.get("name").and_then(Value::as_str).unwrap_or_default();
    let id = match model.get("id") {
        Some(Value::String(id)) => id.clone(),
        Some(Value::Number(id)) => id.to_string(),
        _ => return Ok(()),
    };
    let file = format!("unified-model/{}.json", if is_segment(name) { name } else { &id });
    if !is_segment(&id) {
        let message = format!("unified model id {id:?} cannot be a URL path segment: the listed model is used");
        fetched.warnings.push(Warning::new(&file, "", message));
        return Ok(());
    }
    match environment.get(format!("/unified-model/{id}")).send().await {
        Ok(body) => fetched.documents.push((file, body)),
        Err(error) if is_refusal(&error) => {
            fetched.warnings.push(Warning::new(&file, "", format!("not fetched, the listed model is used: {error}")))
        }
        Err(error) => return Err(error),
    }
    Ok(())
}

/// The folder the environment's override records are saved in (`environment-unified-model/page-1.json`).
const ENVIRONMENT_FOLDER: &str = "environment-unified-model";

/// `GET /environment-unified-model` (every page), saved as `environment-unified-model/page-<n>.json`: the
/// environment's overrides of its models, which the import merges in. A token that may not read them (a 4xx
/// other than 429) leaves the models as Truto defines them, with a warning.
async fn fetch_overrides(environment: &Environment, fetched: &mut Fetched) -> Result<(), Error> {
    let mut pages = environment.list("/environment-unified-model").pages();
    let mut number = 0;
    loop {
        match pages.try_next().await {
            Ok(Some(page)) => {
                number += 1;
                let file = format!("{ENVIRONMENT_FOLDER}/page-{number}.json");
                fetched.documents.push((file, serde_json::to_value(&page).unwrap_or_default()));
            }
            Ok(None) => return Ok(()),
            Err(error) if is_refusal(&error) => {
                let file = format!("{ENVIRONMENT_FOLDER}/page-{}.json", number + 1);
                let message =
                    format!("the environment's overrides are not fetched; models imported without them: {error}");
                fetched.warnings.push(Warning::new(&file, "", message));
                return Ok(());
            }
            Err(error) => return Err(error),
        }
    }
}

/// Every (model, resource, integration, method) of the models' mappings whose names can be requested.
fn meta_keys(input: &Input, warnings: &mut Vec<Warning>) -> Vec<MetaKey> {
    let mut keys = Vec::new();
    for source in input.models.values() {
        for (resource, def) in &source.model.resources {
            for (integration, methods) in &def.integrations {
                for method in methods {
                    let key = MetaKey {
                        model: source.model.name.clone(),
                        resource: resource.clone(),
                        integration: integration.clone(),
                        method: method.clone(),
                    };
                    if [&key.model, &key.resource, &key.integration, &key.method].iter().all(|name| is_segment(name)) {
                        keys.push(key);
                    } else {
                        let message = format!(
                            "the meta of {}/{}/{}/{} is not fetched: a name is not a plain URL path segment",
                            key.model, key.resource, key.integration, key.method
                        );
                        warnings.push(Warning::new(&source.file, &source.pointer, message));
                    }
                }
            }
        }
    }
    keys
}

/// Whether Truto refused the request for good (a 4xx other than 429, which the client retried already).
fn is_refusal(error: &Error) -> bool {
    error.status().is_some_and(|status| (400..500).contains(&status) && status != 429)
}

/// Letters, digits, `-`, `_` and `.` (not only dots): safe in a URL path and as a file name.
fn is_segment(name: &str) -> bool {
    !name.is_empty()
        && name.chars().all(|character| character.is_ascii_alphanumeric() || matches!(character, '-' | '_' | '.'))
        && !name.chars().all(|character| character == '.')
}

impl Fetched {
    /// Replaces `.truto/json/` in the schema folder `out` with these documents (pretty-printed, the secret
    /// removed).
    pub fn save(&self, out: &Path, redactor: &Redactor) -> Result<(), ImportError> {
        let target = out.join(JSON_DIR);
        let staging = out.join(format!("{JSON_DIR}.new-{}", std::process::id()));
        let io = |path: &Path, source| ImportError::Io { path: path.to_path_buf(), source };
        let _ = std::fs::remove_dir_all(&staging);
        for (relative, value) in &self.documents {
            let path = staging.join(relative);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|error| io(parent, error))?;
            }
            let text = serde_json::to_string_pretty(value).unwrap_or_default();
            std::fs::write(&path, format!("{}\n", redactor.redact(&text))).map_err(|error| io(&path, error))?;
        }
        if target.exists() {
            std::fs::remove_dir_all(&target).map_err(|error| io(&target, error))?;
        }
        std::fs::create_dir_all(&staging).map_err(|error| io(&staging, error))?;
        std::fs::rename(&staging, &target).map_err(|error| io(&target, error))
    }
}
