//! `decode_ratio [--rounds R] [--iterations N]`: decodes the ~1 MB users page of the `decode` bench three
//! ways, interleaved within each round (the order rotates every round, so all three see the same machine
//! load), and prints one line of ratios per round:
//!
//! - `valid`: the generated `ListPage<calendar::User>` on the valid page, as a fraction of the speed of the
//!   hand-written `#[derive(Deserialize)]` struct on the same bytes (goal ≥ 0.90);
//! - `irregular`: the generated decoder on the page with one irregular record in 100, as a fraction of its
//!   speed on the valid page (goal ≥ 0.80).
//!
//! `decode_ratio --only generated|hand-written|irregular --iterations N` decodes one of them N times and
//! nothing else, for instruction counts under callgrind (`benches/decode-ratio.sh`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use truto_benches::users::{hand, irregular_page, page_of_size};
use truto_unified::ListPage;
use truto_unified::calendar::User;

const VARIANTS: [&str; 3] = ["generated", "hand-written", "irregular"];

struct Pages {
    valid: Vec<u8>,
    irregular: Vec<u8>,
}

impl Pages {
    fn new() -> Self {
        let (valid, users) = page_of_size(1 << 20);
        let (irregular, same_users, _) = irregular_page(1 << 20, 100);
        assert_eq!(users, same_users, "both pages hold the same records");
        Self { valid: valid.into_bytes(), irregular: irregular.into_bytes() }
    }

    /// Decodes the page of `variant` once (never inlined: callgrind profiles are collected inside it).
    #[inline(never)]
    fn decode(&self, variant: &str) {
        match variant {
            "generated" => drop(black_box(serde_json::from_slice::<ListPage<User>>(black_box(&self.valid)).unwrap())),
            "hand-written" => drop(black_box(serde_json::from_slice::<hand::Page>(black_box(&self.valid)).unwrap())),
            "irregular" => {
                let page = serde_json::from_slice::<ListPage<User>>(black_box(&self.irregular)).unwrap();
                assert!(!page.rejected().is_empty(), "the irregular page sets a record aside");
                drop(black_box(page));
            }
            other => usage(other),
        }
    }

    fn time(&self, variant: &str, iterations: u32) -> Duration {
        let start = Instant::now();
        for _ in 0..iterations {
            self.decode(variant);
        }
        start.elapsed()
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut rounds, mut iterations, mut only) = (20u32, 10u32, None);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_else(|| usage(&arg));
        match arg.as_str() {
            "--rounds" => rounds = value.parse().unwrap_or_else(|_| usage(&value)),
            "--iterations" => iterations = value.parse().unwrap_or_else(|_| usage(&value)),
            "--only" if VARIANTS.contains(&value.as_str()) => only = Some(value),
            _ => usage(&arg),
        }
    }
    let pages = Pages::new();
    if let Some(variant) = only {
        pages.time(&variant, iterations);
        return;
    }
    for variant in VARIANTS {
        pages.time(variant, 2); // warm-up
    }
    println!("# round valid irregular (speed ratios; each variant decoded {iterations} times per round)");
    for round in 0..rounds {
        let mut times = [Duration::ZERO; 3];
        for offset in 0..3 {
            let index = (round as usize + offset) % 3;
            times[index] = pages.time(VARIANTS[index], iterations);
        }
        let [generated, hand_written, irregular] = times.map(|time| time.as_secs_f64());
        println!("{round} {:.4} {:.4}", hand_written / generated, generated / irregular);
    }
}

fn usage(arg: &str) -> ! {
    eprintln!("unexpected `{arg}`; usage: decode_ratio [--rounds R] [--iterations N] [--only {}]", VARIANTS.join("|"));
    std::process::exit(2)
}
