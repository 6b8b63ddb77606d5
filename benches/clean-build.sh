#!/usr/bin/env bash
# Clean build of a one-API app (issue #14): a small crate outside the workspace, depending on truto-unified with
# one unified API (`calendar`) and calling it, built from nothing (`cargo build`, debug, its own empty target
# directory; sources already downloaded). Timed, and the crates Cargo compiles counted, for:
#   before        truto-unified at the tag baseline-round2 (a `git worktree` of it), the state before issue #14;
#   after         this checkout, default TLS (rustls with ring);
#   after-aws-lc  this checkout with `rustls-aws-lc-rs` instead (reqwest's own default provider);
#   floor         an app using only reqwest (its default features: rustls with aws-lc-rs) + serde + tokio;
#   floor-ring    the same with rustls on ring, like `after`.
# All in one run, the variants interleaved round after round, so each ratio compares builds made back to back on
# the same machine; ratios are given per round (mean ± sd), crates once (the same every round).
#
# Env: TRUTO_BENCH_CLEAN_VARIANTS (default: all five, in that order), TRUTO_BENCH_ROUNDS (default 2),
# TRUTO_BENCH_BASELINE (default 3d118bf, the commit tagged baseline-round2 where the tag was made; a fresh clone has no tags).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BASELINE=${TRUTO_BENCH_BASELINE:-3d118bf}
VARIANTS=${TRUTO_BENCH_CLEAN_VARIANTS:-before after after-aws-lc floor floor-ring}
ROUNDS=${TRUTO_BENCH_ROUNDS:-2}
dir=$WORK/clean-build
out=$RESULTS/clean-build.txt
baseline=$dir/baseline-src
mkdir -p "$dir"

# The baseline's sources, from a worktree of the tag (removed again on exit).
if [[ " $VARIANTS " == *" before "* ]]; then
  git -C "$ROOT" worktree remove --force "$baseline" 2>/dev/null || rm -rf "$baseline"
  git -C "$ROOT" worktree add --detach -q "$baseline" "$BASELINE"
  trap 'git -C "$ROOT" worktree remove --force "$baseline"' EXIT
fi

# The app calling one unified API: one page of calendar users, then one user by id.
TRUTO_MAIN='use truto_unified::prelude::*;

#[tokio::main]
async fn main() -> Result<(), truto_unified::Error> {
    let client = truto_unified::Client::from_env()?;
    let account = client.account("62f44730-dd91-461e-bd6a-aedd9e0ad79d");
    let page = account.calendar().users().list().limit(50).send().await?;
    for user in &page.result {
        println!("{} {:?}", user.id, user.name);
    }
    Ok(())
}'
# The same calls by hand: what any Rust client of Truto compiles at least.
FLOOR_MAIN='#[derive(serde::Deserialize)]
struct User {
    id: String,
    name: Option<String>,
}

#[derive(serde::Deserialize)]
struct Page {
    result: Vec<User>,
}

#[tokio::main]
async fn main() -> Result<(), reqwest::Error> {
    let token = std::env::var("TRUTO_API_TOKEN").unwrap_or_default();
    let page: Page = reqwest::Client::new()
        .get("https://api.truto.one/unified/calendar/users")
        .query(&[("integrated_account_id", "62f44730-dd91-461e-bd6a-aedd9e0ad79d"), ("limit", "50")])
        .bearer_auth(token)
        .send()
        .await?
        .json()
        .await?;
    for user in &page.result {
        println!("{} {:?}", user.id, user.name);
    }
    Ok(())
}'
TOKIO='tokio = { version = "1", features = ["macros", "rt-multi-thread"] }'

# Writes the app of variant $1 into $dir/$1.
app() {
  local variant=$1 app=$dir/$1
  rm -rf "$app"
  mkdir -p "$app/src"
  printf '[package]\nname = "one-api-%s"\nversion = "0.1.0"\nedition = "2024"\npublish = false\n\n[dependencies]\n' \
    "$variant" >"$app/Cargo.toml"
  case $variant in
    before)
      echo "truto-unified = { path = \"$baseline/generated\", default-features = false, features = [\"calendar\"] }"
      ;;
    after)
      echo "truto-unified = { path = \"$ROOT/generated\", default-features = false, features = [\"calendar\", \"rustls-ring\"] }"
      ;;
    after-aws-lc)
      echo "truto-unified = { path = \"$ROOT/generated\", default-features = false, features = [\"calendar\", \"rustls-aws-lc-rs\"] }"
      ;;
    floor)
      echo 'reqwest = { version = "0.13", features = ["json", "query"] }'
      ;;
    floor-ring)
      echo 'reqwest = { version = "0.13", default-features = false, features = ["rustls-no-provider", "http2", "charset", "system-proxy", "json", "query"] }'
      echo 'rustls = { version = "0.23", default-features = false, features = ["std", "ring"] }'
      ;;
  esac >>"$app/Cargo.toml"
  echo "$TOKIO" >>"$app/Cargo.toml"
  case $variant in
    floor*)
      echo 'serde = { version = "1", features = ["derive"] }' >>"$app/Cargo.toml"
      main=$FLOOR_MAIN
      # With no provider in reqwest, the app installs ring before building its client.
      if [ "$variant" = floor-ring ]; then
        main=${main/'    let token ='/'    let _ = rustls::crypto::ring::default_provider().install_default();
    let token ='}
      fi
      ;;
    *) main=$TRUTO_MAIN ;;
  esac
  printf '%s\n\n[workspace]\n' "" >>"$app/Cargo.toml"
  echo "$main" >"$app/src/main.rs"
  # The versions each side was tested with: the baseline's lock for `before`, this checkout's for the rest.
  if [ "$variant" = before ]; then cp "$baseline/Cargo.lock" "$app/"; else cp "$ROOT/Cargo.lock" "$app/"; fi
}

{
  echo "# Clean build of a one-API app (debug, $(nproc) cores, $(date -u +%Y-%m-%d), $ROUNDS interleaved rounds);" \
    "before = $BASELINE ($(git -C "$ROOT" rev-parse --short "$BASELINE")), after = $(git -C "$ROOT" rev-parse --short HEAD)"
} | tee "$out"
for variant in $VARIANTS; do app "$variant"; done
series=$WORK/clean-build.series
: >"$series"
for round in $(seq "$ROUNDS"); do
  for variant in $VARIANTS; do
    export CARGO_TARGET_DIR=$dir/$variant-target
    rm -rf "$CARGO_TARGET_DIR"
    cargo fetch -q --manifest-path "$dir/$variant/Cargo.toml"
    start=$(now)
    log=$(cargo build --manifest-path "$dir/$variant/Cargo.toml" 2>&1) || { echo "$log" >&2; exit 1; }
    end=$(now)
    seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    crates=$(echo "$log" | grep -c '^ *Compiling ')
    echo "  round $round: $variant ${seconds}s, $crates crates (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    echo "$round $variant $seconds $crates" >>"$series"
    rm -rf "$CARGO_TARGET_DIR"
  done
done
{
  printf '%-14s %-40s %s\n' variant "seconds" crates
  for variant in $VARIANTS; do
    printf '%-14s %-40s %s\n' "$variant" "$(awk -v v="$variant" '$2 == v { print $3 }' "$series" | summary %.1f)" \
      "$(awk -v v="$variant" '$2 == v { print $4; exit }' "$series")"
  done
  # Per-round ratios: both builds of a ratio ran back to back.
  for pair in "after before" "after floor" "after floor-ring" "after-aws-lc after" "floor floor-ring"; do
    set -- $pair
    [[ " $VARIANTS " == *" $1 "* && " $VARIANTS " == *" $2 "* ]] || continue
    ratio=$(awk -v a="$1" -v b="$2" '$2 == a { x[$1] = $3 } $2 == b { y[$1] = $3 }
      END { for (r in x) if (r in y) print x[r] / y[r] }' "$series" | summary %.2f)
    printf '%-24s %s\n' "$1 / $2:" "$ratio"
  done
} | tee -a "$out"
