//! Which crypto provider rustls uses for the client's TLS, chosen by this crate's features:
//! `rustls-ring` (the default: it builds in a fraction of aws-lc-rs's time) or `rustls-aws-lc-rs`
//! (reqwest's own default: FIPS-capable, faster handshakes). With both on, aws-lc-rs is used.
//!
//! reqwest uses the process-wide default provider when one is installed, and otherwise aws-lc-rs if it is
//! compiled in. With ring, nothing is installed until [`ClientBuilder::build`](crate::ClientBuilder::build)
//! installs it, so a `reqwest::Client` you build yourself for
//! [`ClientBuilder::http_client`](crate::ClientBuilder::http_client) needs [`install_default_provider`]
//! first (reqwest panics without a provider).

use crate::Error;

/// Makes the provider of this crate's features the process-wide default of rustls, unless the process
/// already has one (yours is kept). Returns an [`Error::Config`] naming the features to enable when neither
/// is on and no provider is installed. [`ClientBuilder::build`](crate::ClientBuilder::build) calls it.
///
/// ```
/// truto_unified_runtime::tls::install_default_provider().expect("a crypto provider");
/// let http = truto_unified_runtime::reqwest::Client::builder().build().expect("an HTTP client");
/// let client = truto_unified_runtime::Client::builder().token("token").http_client(http).build();
/// # client.unwrap();
/// ```
pub fn install_default_provider() -> Result<(), Error> {
    if rustls::crypto::CryptoProvider::get_default().is_some() || cfg!(feature = "rustls-aws-lc-rs") {
        // reqwest falls back to aws-lc-rs by itself when it is compiled in.
        return Ok(());
    }
    install_ring()
}

#[cfg(feature = "rustls-ring")]
fn install_ring() -> Result<(), Error> {
    // Fails only when another thread installed a provider in the meantime: that one is used.
    let _ = rustls::crypto::ring::default_provider().install_default();
    Ok(())
}

#[cfg(not(feature = "rustls-ring"))]
fn install_ring() -> Result<(), Error> {
    Err(Error::Config(
        "no TLS crypto provider: enable the `rustls-ring` or `rustls-aws-lc-rs` feature (of truto-unified, or of \
         truto-unified-runtime), or install one with rustls::crypto::CryptoProvider::install_default"
            .to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_provider_is_installed_or_the_error_names_the_features() {
        let provider_compiled_in = cfg!(any(feature = "rustls-ring", feature = "rustls-aws-lc-rs"));
        match super::install_default_provider() {
            Ok(()) => assert!(
                rustls::crypto::CryptoProvider::get_default().is_some() || cfg!(feature = "rustls-aws-lc-rs"),
                "Ok without a provider reqwest can use"
            ),
            Err(error) => {
                assert!(!provider_compiled_in, "{error}");
                assert!(error.to_string().contains("`rustls-ring` or `rustls-aws-lc-rs`"), "{error}");
            }
        }
    }
}
