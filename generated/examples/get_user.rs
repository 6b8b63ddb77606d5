//! Gets one user of an integrated account's user directory by id (Truto serves `get` for User Directory
//! users; Calendar users are list-only).
//!
//! ```sh
//! export TRUTO_API_TOKEN=…                 # required
//! export TRUTO_INTEGRATED_ACCOUNT_ID=…     # required
//! export TRUTO_BASE_URL=…                  # optional, defaults to https://api.truto.one
//! cargo run --example get_user -- <ID>
//! ```
//!
//! Prints the user as one line, `<id>\t<name>\t<status>`, with `-` for a missing value and the status exactly
//! as Truto sent it. Errors go to stderr, with a non-zero exit code.

use std::process::ExitCode;
use truto_unified::prelude::*;

mod common;

const USAGE: &str = "usage: get_user <ID>";

#[tokio::main]
async fn main() -> ExitCode {
    common::exit(run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(id), None) = (args.next(), args.next()) else { return Err(USAGE.into()) };
    let account = common::account_from_env()?;

    let user = account.user_directory().users().get(id).send().await?;
    let status = user.status.as_ref().map(|status| status.as_str());
    println!("{}", common::line(&user.id, user.name.as_deref(), status));
    Ok(())
}
