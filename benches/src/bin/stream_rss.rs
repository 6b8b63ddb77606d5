//! `stream_rss --items N [--page-size P]`: serves N users in pages of P (default 100) from a local server
//! thread and consumes them with `account.calendar().users().list().stream()`, then prints the item count
//! and the process's peak RSS. Run it under `/usr/bin/time -v` for an outside view of the same peak.

use futures::TryStreamExt;
use truto_unified::UnifiedApis;
use truto_unified::prelude::*;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (mut items, mut page_size) = (1_000usize, 100usize);
    while let Some(arg) = args.next() {
        let value: usize = args.next().and_then(|value| value.parse().ok()).unwrap_or_else(|| usage(&arg));
        match arg.as_str() {
            "--items" => items = value,
            "--page-size" => page_size = value,
            _ => usage(&arg),
        }
    }
    let address = truto_benches::server::spawn(items, page_size).expect("binding 127.0.0.1");
    let client = truto_unified::Client::builder()
        .token("bench")
        .base_url(format!("http://{address}"))
        .build()
        .expect("a client");
    let account = client.account("acc-1");
    let mut users = account.calendar().users().list().limit(page_size as u32).stream();
    let mut seen = 0usize;
    let mut bytes = 0usize;
    while let Some(user) = users.try_next().await.expect("a page") {
        assert_eq!(user.id, format!("u_{seen:08}"), "users arrive in order, once each");
        bytes += user.name.as_deref().map_or(0, str::len);
        seen += 1;
    }
    assert_eq!(seen, items);
    println!(
        "items={seen} page_size={page_size} peak_rss_kib={} name_bytes={bytes}",
        truto_benches::peak_rss_kib().unwrap_or(0)
    );
}

fn usage(arg: &str) -> ! {
    eprintln!("stream_rss: bad argument {arg}\nusage: stream_rss --items N [--page-size P]");
    std::process::exit(2);
}
