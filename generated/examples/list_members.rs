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

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use futures::TryStreamExt;
use truto_unified::instant_messaging::{ListMembersChannel, ListMembersWorkspace};

const USAGE: &str = "usage: list_members [--channel <ID>] [--workspace <ID>]";

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`| head`): not an error.
        Err(error) if error.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == ErrorKind::BrokenPipe) => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}", report(error.as_ref()));
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = truto_unified::Client::from_env()?;
    let account = client.account(env("TRUTO_INTEGRATED_ACCOUNT_ID")?);

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
        writeln!(stdout, "{}", line(&member.id, member.name.as_deref(), status))?;
    }
    Ok(())
}

/// `id\tname\tstatus`, `-` standing in for a missing value. Tabs and line breaks inside a value become
/// spaces, so every record stays one line of three columns.
fn line(id: &str, name: Option<&str>, status: Option<&str>) -> String {
    let column = |value: Option<&str>| value.unwrap_or("-").replace(['\t', '\n', '\r'], " ");
    format!("{}\t{}\t{}", column(Some(id)), column(name), column(status))
}

/// A required, non-empty environment variable.
fn env(name: &str) -> Result<String, String> {
    std::env::var(name).ok().filter(|value| !value.trim().is_empty()).ok_or_else(|| format!("{name} is not set"))
}

/// The error's message, followed by those of its causes that it does not already include (for a transport
/// error, the I/O failure behind it: "Connection refused").
fn report(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(source) = cause {
        let message = source.to_string();
        if !text.contains(&message) {
            text = format!("{text}: {message}");
        }
        cause = source.source();
    }
    text
}
