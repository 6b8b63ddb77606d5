//! The fake server: its settings, its shared state, and the task accepting connections on 127.0.0.1.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};
use truto_unified_runtime::{Client, ClientBuilder};

use crate::account::FakeAccount;
use crate::connection;
use crate::faults::{Fault, FaultRule, Faults};
use crate::list::DEFAULT_PAGE_SIZE;
use crate::log::{RecordedRequest, RequestLog};
use crate::ratelimit::{RateLimitConfig, RateLimits};
use crate::seed_file::SeedFile;
use crate::spec::Spec;
use crate::store::Store;
use crate::truto::Settings;
use truto_unified_runtime::seed::SeedError;

/// The API token the fake accepts unless built with another.
pub const DEFAULT_TOKEN: &str = "fake-truto-token";
/// The largest request body the fake reads (larger ones answer 413).
pub const DEFAULT_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Locks a mutex, whatever a panicking holder left: the fake's state stays usable.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Fixed settings.
#[derive(Debug)]
pub(crate) struct Config {
    pub token: String,
    pub spec: Option<Spec>,
    pub page_size: usize,
    pub max_body_bytes: usize,
}

/// Everything the connections share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub config: Config,
    pub store: Mutex<Store>,
    pub log: Mutex<RequestLog>,
    pub faults: Mutex<Faults>,
    pub limits: Mutex<RateLimits>,
}

impl Shared {
    pub fn settings(&self) -> Settings<'_> {
        Settings { token: &self.config.token, spec: self.config.spec.as_ref(), page_size: self.config.page_size }
    }
}

/// Settings of a [`FakeTruto`] before it starts.
#[derive(Clone, Debug)]
#[must_use = "call start() to run the fake"]
pub struct FakeBuilder {
    token: String,
    spec: Option<Spec>,
    page_size: usize,
    addr: SocketAddr,
    rate_limit: RateLimitConfig,
    max_body_bytes: usize,
}

impl Default for FakeBuilder {
    fn default() -> Self {
        Self {
            token: DEFAULT_TOKEN.to_owned(),
            spec: None,
            page_size: DEFAULT_PAGE_SIZE,
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            rate_limit: RateLimitConfig::default(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

impl FakeBuilder {
    /// The API token requests must carry (`Authorization: Bearer <token>`); default [`DEFAULT_TOKEN`].
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = token.into();
        self
    }

    /// The schema's resources and requirements (`truto_unified::SPEC`, or a [`Spec`] built by hand).
    pub fn spec(mut self, spec: impl Into<Spec>) -> Self {
        self.spec = Some(spec.into());
        self
    }

    /// Records per page when a list sends no `limit`; default [`DEFAULT_PAGE_SIZE`] (at least 1).
    pub fn default_page_size(mut self, size: usize) -> Self {
        self.page_size = size.max(1);
        self
    }

    /// Listen on this port of 127.0.0.1 (default: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.addr.set_port(port);
        self
    }

    /// Listen on this address (default `127.0.0.1:0`).
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Enforce a rate limit of `limit` requests per `window` per integrated account: past it, 429 with
    /// `Retry-After` (Truto's is 50 per 10 s, the default reported in the `ratelimit-*` headers, unenforced).
    pub fn enforce_rate_limit(mut self, limit: u64, window: Duration) -> Self {
        self.rate_limit = RateLimitConfig { limit, window, enforce: true };
        self
    }

    /// The largest request body read; default [`DEFAULT_MAX_BODY_BYTES`].
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// Binds the address and starts serving on the current tokio runtime.
    pub async fn start(self) -> io::Result<FakeTruto> {
        let listener = TcpListener::bind(self.addr).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            config: Config {
                token: self.token,
                spec: self.spec,
                page_size: self.page_size,
                max_body_bytes: self.max_body_bytes,
            },
            store: Mutex::default(),
            log: Mutex::default(),
            faults: Mutex::default(),
            limits: Mutex::new(RateLimits::new(self.rate_limit)),
        });
        let server = tokio::spawn(accept(listener, Arc::clone(&shared)));
        Ok(FakeTruto { shared, addr, server })
    }
}

/// Accepts connections until the fake is dropped (which aborts this task and, with it, every connection).
async fn accept(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        match listener.accept().await {
            Ok((stream, _)) => {
                let _ = stream.set_nodelay(true);
                connections.spawn(connection::serve(stream, Arc::clone(&shared)));
            }
            // Out of file descriptors, say: wait a little instead of spinning.
            Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}

/// A fake Truto serving on 127.0.0.1 until dropped. See the [crate documentation](crate) for what it does.
///
/// ```no_run
/// # async fn demo() {
/// let fake = truto_unified_fake::FakeTruto::start().await;
/// let account = fake.account("acct-1");
/// let client = fake.client(); // a truto_unified::Client pointed at the fake, with its token
/// # let _ = (account, client);
/// # }
/// ```
#[derive(Debug)]
pub struct FakeTruto {
    shared: Arc<Shared>,
    addr: SocketAddr,
    server: JoinHandle<()>,
}

impl Drop for FakeTruto {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakeTruto {
    /// Settings to start a fake with.
    pub fn builder() -> FakeBuilder {
        FakeBuilder::default()
    }

    /// A fake with every default, on a free port of 127.0.0.1.
    ///
    /// # Panics
    ///
    /// When no port can be bound (use [`FakeBuilder::start`] to get the error instead).
    pub async fn start() -> Self {
        Self::builder().start().await.unwrap_or_else(|error| panic!("cannot start the fake Truto: {error}"))
    }

    /// The base URL: `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The API token it accepts.
    pub fn token(&self) -> &str {
        &self.shared.config.token
    }

    /// The spec it was started with.
    pub fn spec(&self) -> Option<&Spec> {
        self.shared.config.spec.as_ref()
    }

    /// A client builder with the fake's URL and token (and the runtime's default retries), to adjust.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder().token(self.token()).base_url(self.url())
    }

    /// A client pointed at the fake with its token.
    pub fn client(&self) -> Client {
        self.client_builder().build().unwrap_or_else(|error| panic!("a client for the fake Truto: {error}"))
    }

    /// The integrated account `id`, created (without an integration) if the fake does not have it yet.
    pub fn account(&self, id: impl Into<String>) -> FakeAccount {
        FakeAccount::open(Arc::clone(&self.shared), id.into())
    }

    /// The ids of every integrated account.
    pub fn accounts(&self) -> Vec<String> {
        lock(&self.shared.store).accounts.keys().cloned().collect()
    }

    /// Adds the accounts, records and custom results of a seed file.
    pub fn load_seed(&self, seed: &SeedFile) -> Result<(), SeedError> {
        seed.apply(self)
    }

    /// Every request received so far (up to [`MAX_RECORDED`](crate::MAX_RECORDED)), oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.log).all()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        lock(&self.shared.log).clear();
    }

    /// Injects a fault into the requests `rule` matches (rules apply in the order they were added).
    pub fn inject(&self, rule: FaultRule) {
        lock(&self.shared.faults).add(rule);
    }

    /// Injects `fault` into each of the next `count` requests, whatever they are.
    pub fn fail_next(&self, count: u32, fault: Fault) {
        self.inject(FaultRule::new(fault).times(count));
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }
}
