//! Gets one calendar user of an integrated account by id.
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

const USAGE: &str = "usage: get_user <ID>";

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", report(error.as_ref()));
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(id), None) = (args.next(), args.next()) else { return Err(USAGE.into()) };
    let client = truto_unified::Client::from_env()?;
    let account = client.account(env("TRUTO_INTEGRATED_ACCOUNT_ID")?);

    let user = account.calendar().users().get(id).send().await?;
    let status = user.status.as_ref().map(|status| status.as_str());
    println!("{}", line(&user.id, user.name.as_deref(), status));
    Ok(())
}

/// `id\tname\tstatus`, `-` standing in for a missing value. Tabs and line breaks inside a value become
/// spaces, so the record stays one line of three columns.
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
