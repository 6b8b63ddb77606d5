#!/usr/bin/env bash
# The minimum supported Rust version, `rust-version` in Cargo.toml (issue #14). With that toolchain installed,
# the workspace is checked with it. CI cannot install it (no network beyond package registries; rustup cannot
# fetch toolchains), so there the check is what can be known without it: no package in the resolved graph
# (Cargo.lock, on this platform) declares a newer `rust-version`. Clippy's `incompatible_msrv` lint (on in
# `cargo clippy -D warnings`) covers the standard library APIs the code itself calls.
set -euo pipefail
cd "$(dirname "$0")/.."

msrv=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml | head -1)
[ -n "$msrv" ] || { echo "check-msrv: no rust-version in Cargo.toml" >&2; exit 1; }
if rustup toolchain list 2>/dev/null | grep -q "^$msrv[-.]"; then
  echo "check-msrv: checking with Rust $msrv"
  cargo "+$msrv" check --workspace --all-targets --locked
  exit
fi

# Whether version $1 is newer than $2 (`1.88` and `1.88.0` are the same version).
newer() { awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, "."); split(b, y, ".");
  for (i = 1; i <= 3; i++) if (x[i] + 0 != y[i] + 0) exit !(x[i] + 0 > y[i] + 0); exit 1 }'; }

echo "check-msrv: Rust $msrv is not installed; checking the rust-version of every locked dependency instead"
platform=$(rustc -vV | sed -n 's/^host: //p')
newer=$(cargo metadata -q --locked --format-version 1 --filter-platform "$platform" | jq -r --arg msrv "$msrv" '
  [.resolve.nodes[].id] as $used
  | .packages[] | select(.id as $id | $used | index($id)) | select(.rust_version != null)
  | "\(.rust_version) \(.name) \(.version)"' |
  while read -r version name crate_version; do
    if newer "$version" "$msrv"; then
      echo "  $name $crate_version needs Rust $version"
    fi
  done)
if [ -n "$newer" ]; then
  echo "check-msrv: FAIL: rust-version is $msrv, but:" >&2
  echo "$newer" >&2
  exit 1
fi
echo "check-msrv: ok (no dependency needs more than Rust $msrv)"
