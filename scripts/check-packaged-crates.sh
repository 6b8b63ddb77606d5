#!/usr/bin/env bash
# The published crates, used the way a user outside this repository uses them (issue #14): after
# `cargo package --workspace` (which leaves each package unpacked in target/package/), a workspace in
# target/outside-app/ holds an app whose Cargo.toml asks for `truto-unified = "0.1"` as from crates.io. A
# `[patch.crates-io]` section stands in for the registry: every crate resolves to its packaged copy, so the
# build sees exactly what `cargo publish` would upload (nothing from this repository's tree).
#   1. the app is the README's "Using the crate" example, copied from README.md, with one API feature pair;
#   2. the packaged truto-codegen's `fake` serves the packaged schema on 127.0.0.1, seeded for that example;
#   3. the example runs against it and prints what the seed holds; with a wrong token it fails with one
#      `Display` line (not a `Debug` dump) and exit status 1.
# Dependencies build into this repository's target/ (same lock file, so registry crates are compiled once).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
packages=$root/target/package
work=$root/target/outside-app
fail() { echo "check-packaged-crates: FAIL: $*" >&2; exit 1; }

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
crates=(truto-unified truto-unified-runtime truto-codegen truto-unified-fake)
for crate in "${crates[@]}"; do
  [ -f "$packages/$crate-$version/Cargo.toml" ] || fail "run cargo package --workspace first (no $crate-$version)"
done

rm -rf "$work"
mkdir -p "$work/app/src" "$work/crates"
for crate in "${crates[@]}"; do cp -r "$packages/$crate-$version" "$work/crates/"; done
cp Cargo.lock "$work/Cargo.lock"
{
  echo '[workspace]'
  echo 'resolver = "3"'
  # The packaged truto-codegen is a member so that its binary can run (`cargo run -p truto-codegen`).
  echo "members = [\"app\", \"crates/truto-codegen-$version\"]"
  echo
  echo '[patch.crates-io]'
  for crate in "${crates[@]}"; do echo "$crate = { path = \"crates/$crate-$version\" }"; done
} >"$work/Cargo.toml"
cat >"$work/app/Cargo.toml" <<'TOML'
[package]
name = "readme-example"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
truto-unified = { version = "0.1", default-features = false, features = ["calendar", "user-directory", "rustls-ring"] }
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
TOML
awk '/^## Using the crate/ { section = 1 } section && /^```rust,no_run/ { inside = 1; next } inside && /^```/ { exit }
     inside' README.md >"$work/app/src/main.rs"
grep -q 'async fn main' "$work/app/src/main.rs" || fail "no example found in README.md's \"Using the crate\""

account=62f44730-dd91-461e-bd6a-aedd9e0ad79d
cat >"$work/seed.json" <<JSON
{
  "accounts": {
    "$account": {
      "records": {
        "/unified/calendar/users": [
          { "id": "u_1", "name": "Ada Lovelace", "status": "active" },
          { "id": "u_2", "name": "Grace Hopper", "status": "on_sabbatical" }
        ],
        "/unified/user-directory/users": [
          { "id": "u_123", "emails": [{ "email": "ada@example.com", "is_primary": true }] }
        ]
      }
    }
  }
}
JSON

export CARGO_TARGET_DIR=$root/target
manifest=$work/Cargo.toml
echo "== building the README example and truto-codegen from the packaged crates"
cargo build -q --manifest-path "$manifest" -p readme-example -p truto-codegen
grep -q "$work/crates/truto-unified-$version" <(cargo metadata -q --format-version 1 --manifest-path "$manifest") ||
  fail "truto-unified did not resolve to its packaged copy"

fake_out=$work/fake.out
"$CARGO_TARGET_DIR/debug/truto-codegen" fake \
  --schema "$work/crates/truto-unified-$version/schema" --port 0 --token test-token --seed "$work/seed.json" \
  >"$fake_out" 2>"$work/fake.err" &
fake_pid=$!
trap 'kill "$fake_pid" 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  [ -s "$fake_out" ] && break
  kill -0 "$fake_pid" 2>/dev/null || fail "the fake did not start: $(cat "$work/fake.err")"
  sleep 0.1
done
url=$(head -1 "$fake_out")
case "$url" in http://127.0.0.1:*) ;; *) fail "the fake printed no URL: $url" ;; esac

echo "== running the README example against $url"
example=$CARGO_TARGET_DIR/debug/readme-example
output=$(TRUTO_BASE_URL=$url TRUTO_API_TOKEN=test-token "$example") ||
  fail "the README example failed"
expected=$(printf '%s\n' '2 users, more: false' $'u_1\tAda Lovelace\tactive' $'u_2\tGrace Hopper\ton_sabbatical')
[ "$(echo "$output" | head -3)" = "$expected" ] || fail "unexpected output:\n$output"
echo "$output" | tail -1 | grep -q 'ada@example.com' || fail "the user-directory user is missing:\n$output"

echo "== a failing call prints one Display line"
set +e
error=$(TRUTO_BASE_URL=$url TRUTO_API_TOKEN=wrong "$example" 2>&1 >/dev/null)
status=$?
set -e
[ "$status" = 1 ] || fail "exit status $status, not 1"
[ "$(echo "$error" | wc -l)" = 1 ] || fail "more than one line:\n$error"
case "$error" in "error: GET /unified/calendar/users: HTTP 401"*) ;; *) fail "not the Display form: $error" ;; esac
echo "   $error"
echo "check-packaged-crates: ok"
