#!/usr/bin/env bash
# Proves the build-time generation contract of truto-unified (issue #3):
#   1. building again with no change does not re-run the build script (nothing is compiled);
#   2. adding a field to schema/calendar/users.yaml and running `cargo build` makes it available to code
#      using the crate (checked with a probe example that fails before the edit and compiles after it).
# The schema file and the probe are restored on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

schema=schema/calendar/users.yaml
probe=generated/examples/zz_incremental_probe.rs
backup=$(mktemp)
cp "$schema" "$backup"
restore() {
  cp "$backup" "$schema"
  rm -f "$backup" "$probe"
}
trap restore EXIT

fail() { echo "check-incremental-build: FAIL: $*" >&2; exit 1; }

cargo build -q -p truto-unified

echo "1. a second build with no change runs nothing"
log=$(cargo build -p truto-unified -v 2>&1)
echo "$log" | grep -q "Fresh truto-unified" || fail "truto-unified was not fresh:\n$log"
if echo "$log" | grep -q "build-script-build"; then fail "the build script ran again:\n$log"; fi

echo "2. a field added to the schema reaches code using the crate"
cat > "$probe" <<'RUST'
fn main() {
    let user = truto_unified::calendar::User::default();
    let _: &Option<String> = &user.nickname_for_probe;
}
RUST
if cargo build -q -p truto-unified --example zz_incremental_probe 2>/dev/null; then
  fail "the probe compiled before the field existed"
fi
cat >> "$schema" <<'YAML'
  nickname_for_probe:
    type: string
    description: Added by scripts/check-incremental-build.sh
YAML
cargo build -q -p truto-unified --example zz_incremental_probe || fail "the new field is not in the generated model"

echo "check-incremental-build: ok"
