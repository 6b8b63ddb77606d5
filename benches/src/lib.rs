//! Benchmarks of truto-codegen and truto-unified (issue #6): synthetic schemas in both formats (ours and
//! OpenAPI for progenitor), list pages of users, and a local page server. The measurements themselves are
//! in `benches/*.rs` (criterion), `src/bin/` and `*.sh`; `run-all.sh` runs everything. See `BENCHMARKS.md`.

pub mod server;
pub mod synth;
pub mod users;

/// Peak resident set size of this process so far (`VmHWM`), in KiB; `None` off Linux.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
