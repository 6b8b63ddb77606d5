//! The client (token, base URL, HTTP settings) and the integrated-account scope every unified call runs in.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret, SecretString};

use super::error::Error;
use super::retry::RetryPolicy;

/// Truto's API, where clients send requests unless told otherwise.
pub const DEFAULT_BASE_URL: &str = "https://api.truto.one";

/// Environment variable holding the API token, read by [`Client::from_env`].
pub const TOKEN_ENV: &str = "TRUTO_API_TOKEN";
/// Environment variable overriding the base URL, read by [`Client::from_env`].
pub const BASE_URL_ENV: &str = "TRUTO_BASE_URL";

/// A Truto API client: cheap to clone (an `Arc`), safe to share across tasks.
///
/// ```no_run
/// # async fn demo() -> Result<(), truto_unified_runtime::Error> {
/// let client = truto_unified_runtime::Client::builder().token("…").build()?;
/// let account = client.account("62f44730-dd91-461e-bd6a-aedd9e0ad79d");
/// # let _ = account;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    /// `Bearer <token>`, built and checked once, marked sensitive so no `Debug` of it shows the token.
    pub(crate) authorization: HeaderValue,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_body_bytes: usize,
    /// Fail on the first value that does not fit the schema instead of keeping it.
    pub(crate) strict_decoding: bool,
}

impl Client {
    /// A builder with the defaults described on [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client for `token` with every default.
    pub fn new(token: impl Into<String>) -> Result<Self, Error> {
        Self::builder().token(token).build()
    }

    /// A client configured from the environment: the token from `TRUTO_API_TOKEN` (required) and the base
    /// URL from `TRUTO_BASE_URL` (optional; defaults to the schema's, `https://api.truto.one`).
    pub fn from_env() -> Result<Self, Error> {
        let token = std::env::var(TOKEN_ENV)
            .ok()
            .filter(|token| !token.trim().is_empty())
            .ok_or_else(|| Error::Config(format!("{TOKEN_ENV} is not set: export your Truto API token")))?;
        let mut builder = Self::builder().token(token);
        if let Some(base_url) = std::env::var(BASE_URL_ENV).ok().filter(|url| !url.trim().is_empty()) {
            builder = builder.base_url(base_url);
        }
        builder.build()
    }

    /// The scope of one integrated account: every unified call made through it carries
    /// `integrated_account_id`, which Truto requires on every unified request: "The ID of the integrated
    /// account to use for the request", a UUID such as `62f44730-dd91-461e-bd6a-aedd9e0ad79d`.
    pub fn account(&self, integrated_account_id: impl Into<String>) -> Account {
        Account { client: self.clone(), id: Arc::from(integrated_account_id.into()) }
    }

    /// The base URL requests go to (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("token", &"[redacted]")
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .field("strict_decoding", &self.inner.strict_decoding)
            .finish_non_exhaustive()
    }
}

/// One integrated account (a customer's connection to one integration), as seen through a [`Client`].
///
/// The unified APIs hang off it: `account.calendar().users().list()`.
#[derive(Clone)]
pub struct Account {
    client: Client,
    id: Arc<str>,
}

impl Account {
    /// The integrated account id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The client this account uses.
    pub fn client(&self) -> &Client {
        &self.client
    }
}

impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Account").field("id", &self.id).field("client", &self.client).finish()
    }
}

/// Settings for a [`Client`].
///
/// Defaults: base URL `https://api.truto.one`; 30 s per attempt; 10 s to connect; up to 3 retries with
/// capped exponential backoff and jitter ([`RetryPolicy::default`]); responses up to 256 MiB; rustls.
#[derive(Default)]
pub struct ClientBuilder {
    token: Option<SecretString>,
    base_url: Option<String>,
    http: Option<reqwest::Client>,
    timeout: Option<Option<Duration>>,
    connect_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    max_body_bytes: Option<usize>,
    user_agent: Option<String>,
    strict_decoding: bool,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// Default time allowed for one attempt of a request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default cap on a response body, so a server sending endless bytes cannot exhaust memory.
pub const DEFAULT_MAX_BODY_BYTES: usize = 256 * 1024 * 1024;

impl ClientBuilder {
    /// The API token (an environment's API token, or an integrated-account token). Required.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(SecretString::from(token.into()));
        self
    }

    /// Another base URL (a proxy, a local test server).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Time allowed for each attempt of a request, from sending to the last byte; `None` for no limit.
    ///
    /// A [`ByteStream`](crate::ByteStream) (downloads, `truto_response_format=stream`) is allowed this
    /// time to its response head, then again for each chunk, so a long download is not cut off while bytes
    /// keep coming; a stalled one fails with [`Error::Timeout`](crate::Error::Timeout).
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Time allowed to open a connection (ignored when [`http_client`](Self::http_client) is given).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How failed attempts are retried.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Shorthand for a retry policy allowing `retries` retries after the first attempt (0 disables retries).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry = Some(RetryPolicy { max_retries: retries, ..self.retry.unwrap_or_default() });
        self
    }

    /// The largest response body accepted, in bytes; a larger one fails with [`Error::BodyTooLarge`].
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = Some(bytes);
        self
    }

    /// Fail fast on data that does not fit the schema: a value of another JSON type, a `null` in a list, a
    /// missing required field or a record without `id` is then an [`Error::Decode`] for the whole response,
    /// instead of being kept on the record ([`Model::decode_issues`](crate::Model::decode_issues)) with its
    /// neighbours delivered. Off by default; for tests that pin a schema down, and for callers who prefer
    /// an error to a partial record. Keys the schema does not know are kept either way.
    pub fn strict_decoding(mut self, strict: bool) -> Self {
        self.strict_decoding = strict;
        self
    }

    /// The `User-Agent` header (ignored when [`http_client`](Self::http_client) is given).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Your own `reqwest::Client` (proxies, custom TLS, middleware-free tuning). Per-request timeouts and
    /// retries still apply. With the `rustls-ring` feature, call [`tls::install_default_provider`](crate::tls::install_default_provider)
    /// before building it: reqwest needs a crypto provider to build a client.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Builds the client; fails without a token or with a base URL that is not `http(s)://…`.
    pub fn build(self) -> Result<Client, Error> {
        let token = self.token.ok_or_else(|| Error::Config("no API token: call ClientBuilder::token".to_owned()))?;
        if token.expose_secret().trim().is_empty() {
            return Err(Error::Config("the API token is empty".to_owned()));
        }
        let mut authorization = HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))
            .map_err(|_| Error::Config("the API token contains characters not allowed in a header".to_owned()))?;
        authorization.set_sensitive(true);
        let base_url = self.base_url.unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
        let base_url = base_url.trim().trim_end_matches('/').to_owned();
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|error| Error::Config(format!("base URL {base_url:?} is not a URL: {error}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(Error::Config(format!("base URL {base_url:?} must be http(s):// without a query or fragment")));
        }
        let http =
            match self.http {
                Some(http) => http,
                None => {
                    crate::tls::install_default_provider()?;
                    reqwest::Client::builder()
                        .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                        .user_agent(self.user_agent.unwrap_or_else(|| {
                            concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_owned()
                        }))
                        .build()
                        .map_err(|error| Error::Config(format!("cannot build the HTTP client: {error}")))?
                }
            };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                authorization,
                retry: self.retry.unwrap_or_default(),
                timeout: self.timeout.unwrap_or(Some(DEFAULT_TIMEOUT)),
                max_body_bytes: self.max_body_bytes.unwrap_or(DEFAULT_MAX_BODY_BYTES),
                strict_decoding: self.strict_decoding,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_token() {
        let client = Client::builder().token("s3cr3t-token").build().unwrap();
        let account = client.account("acc");
        for rendered in
            [format!("{client:?}"), format!("{account:?}"), format!("{:?}", Client::builder().token("s3cr3t-token"))]
        {
            assert!(!rendered.contains("s3cr3t"), "{rendered}");
            assert!(rendered.contains("redacted"), "{rendered}");
        }
    }

    #[test]
    fn base_url_is_normalised_and_checked() {
        let client = Client::builder().token("t").base_url("http://127.0.0.1:9/ ").build().unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:9");
        assert_eq!(Client::new("t").unwrap().base_url(), DEFAULT_BASE_URL);
        assert!(matches!(Client::builder().token("t").base_url("ftp://x").build(), Err(Error::Config(_))));
        assert!(matches!(Client::builder().base_url("http://x").build(), Err(Error::Config(_))));
        assert!(matches!(Client::builder().token(" ").build(), Err(Error::Config(_))));
        assert!(matches!(Client::builder().token("t").base_url("https://x/#f").build(), Err(Error::Config(_))));
    }

    #[test]
    fn a_token_that_cannot_be_a_header_fails_at_build() {
        let Err(Error::Config(message)) = Client::builder().token("line\nbreak").build() else {
            panic!("a newline cannot go into the Authorization header")
        };
        assert!(message.contains("not allowed in a header"), "{message}");
    }
}
