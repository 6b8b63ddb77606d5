//! Lists every calendar user of an integrated account, following every page.
//!
//! ```sh
//! export TRUTO_API_TOKEN=…                 # required
//! export TRUTO_INTEGRATED_ACCOUNT_ID=…     # required
//! export TRUTO_BASE_URL=…                  # optional, defaults to https://api.truto.one
//! cargo run --example list_users
//! ```
//!
//! Prints one line per user, `<id>\t<name>\t<status>`, with `-` for a missing value and the status exactly as
//! Truto sent it (also when these bindings do not know it). Errors go to stderr, with a non-zero exit code.

use std::io::Write;
use std::process::ExitCode;

mod common;

use futures::TryStreamExt;
use truto_unified::prelude::*;

#[tokio::main]
async fn main() -> ExitCode {
    common::exit(run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let account = common::account_from_env()?;

    // One page in memory at a time: the next page is requested once this one's users are printed.
    let mut users = account.calendar().users().list().stream();
    let mut stdout = std::io::stdout().lock();
    while let Some(user) = users.try_next().await? {
        let status = user.status.as_ref().map(|status| status.as_str());
        writeln!(stdout, "{}", common::line(&user.id, user.name.as_deref(), status))?;
    }
    Ok(())
}
