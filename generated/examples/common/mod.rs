//! What the examples share: reading the account from the environment, the `id\tname\tstatus` line, and
//! turning an error into one readable line on stderr with a non-zero exit.

use std::io::ErrorKind;
use std::process::ExitCode;

/// The account named by `TRUTO_INTEGRATED_ACCOUNT_ID`, through a client configured from `TRUTO_API_TOKEN`
/// and the optional `TRUTO_BASE_URL`.
pub fn account_from_env() -> Result<truto_unified::Account, Box<dyn std::error::Error>> {
    let client = truto_unified::Client::from_env()?;
    let id = std::env::var("TRUTO_INTEGRATED_ACCOUNT_ID")
        .ok()
        .filter(|value| !value.trim().is_empty())
        .ok_or("TRUTO_INTEGRATED_ACCOUNT_ID is not set")?;
    Ok(client.account(id))
}

/// `id\tname\tstatus`, `-` standing in for a missing value. Tabs and line breaks inside a value become
/// spaces, so every record stays one line of three columns.
pub fn line(id: &str, name: Option<&str>, status: Option<&str>) -> String {
    let column = |value: Option<&str>| value.unwrap_or("-").replace(['\t', '\n', '\r'], " ");
    format!("{}\t{}\t{}", column(Some(id)), column(name), column(status))
}

/// The exit code of an example's `run`: success, also when the reader went away (`| head`); otherwise
/// the error on stderr and a failure.
pub fn exit(result: Result<(), Box<dyn std::error::Error>>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == ErrorKind::BrokenPipe) => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}", report(error.as_ref()));
            ExitCode::FAILURE
        }
    }
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
