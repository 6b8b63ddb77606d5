//! Lists every instant-messaging member of an integrated account, following every page.
//!
//! ```sh
//! export TRUTO_API_TOKEN=…                 # required
//! export TRUTO_INTEGRATED_ACCOUNT_ID=…     # required
//! export TRUTO_BASE_URL=…                  # optional, defaults to https://api.truto.one
//! cargo run --example list_members [-- --channel <ID>] [--workspace <ID>]
//! ```
//!
//! Some integrations list members per channel or per workspace only; pass `--channel` / `--workspace` for
//! them (without, Truto's error names the missing parameter).
//!
//! Prints one line per member, `<id>\t<name>\t<status>`, with `-` for a missing value and the status exactly
//! as Truto sent it. Errors go to stderr, with a non-zero exit code.

use std::io::Write;
use std::process::ExitCode;

mod common;

use futures::TryStreamExt;
use truto_unified::instant_messaging::{ListMembersChannel, ListMembersWorkspace};
use truto_unified::prelude::*;

const USAGE: &str = "usage: list_members [--channel <ID>] [--workspace <ID>]";

#[tokio::main]
async fn main() -> ExitCode {
    common::exit(run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let account = common::account_from_env()?;

    let mut list = account.instant_messaging().members().list();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let id = Some(args.next().ok_or(USAGE)?);
        list = match flag.as_str() {
            "--channel" => list.channel(ListMembersChannel { id }),
            "--workspace" => list.workspace(ListMembersWorkspace { id }),
            _ => return Err(USAGE.into()),
        };
    }

    // One page in memory at a time: the next page is requested once this one's members are printed.
    let mut members = list.stream();
    let mut stdout = std::io::stdout().lock();
    while let Some(member) = members.try_next().await? {
        let status = member.status.as_ref().map(|status| status.as_str());
        writeln!(stdout, "{}", common::line(&member.id, member.name.as_deref(), status))?;
    }
    Ok(())
}
