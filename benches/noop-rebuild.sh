#!/usr/bin/env bash
# No-op rebuilds of truto-unified and of a crate that depends on it (truto-tests' library):
#   1. `cargo build` twice with no change: the second must run no build script and compile nothing;
#   2. `touch` a schema file (same bytes): what Cargo re-runs, whether the generated files are rewritten
#      (their mtimes), and why Cargo recompiles what it recompiles (its fingerprint log).
# The schema file's bytes are never changed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

out=$RESULTS/noop-rebuild.txt
schema=schema/calendar/users.yaml
downstream=truto-tests

cargo build -q -p "$downstream"
out_dir=$(ls -td "$TARGET"/debug/build/truto-unified-*/out/truto | head -1)
mtimes() { find "$out_dir" -name '*.rs' -printf '%P %T@\n' | sort; }

{
  echo "# No-op rebuilds ($(cargo -V))"
  echo "## 1. second build, no change"
  start=$(now)
  log=$(cargo build -v -p "$downstream" 2>&1)
  echo "wall: $(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f s", b - a }')"
  echo "$log" | grep -E "Fresh truto-unified|Fresh truto-tests|Running|Compiling|Dirty" || true
  echo "build scripts run: $(echo "$log" | grep -c 'build-script-build' || true); rustc runs: $(echo "$log" | grep -c 'Running `.*rustc' || true)"

  echo "## 2. touch $schema (same bytes)"
  before=$(mtimes)
  sum_before=$(sha256sum "$schema")
  sleep 1
  touch "$schema"
  start=$(now)
  log=$(CARGO_LOG=cargo::core::compiler::fingerprint=info cargo build -v -p "$downstream" 2>&1)
  echo "wall: $(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f s", b - a }')"
  [ "$sum_before" = "$(sha256sum "$schema")" ] || { echo "the schema changed bytes" >&2; exit 1; }
  echo "$log" | grep -E "Fresh truto-unified|Fresh truto-tests|Compiling|Running \`.*build-script-build|Dirty" \
    | sed -E 's/(Running `[^ ]+).*/\1 …`/' || true
  echo "cargo's reasons (fingerprint log):"
  echo "$log" | grep -E "dirty:|stale:|fingerprint error|StaleDep|FsStatus" | sed -E 's/^.*INFO +//' | cut -c1-220 | head -20 || true
  after=$(mtimes)
  if [ "$before" = "$after" ]; then
    echo "generated files rewritten: none ($(echo "$after" | wc -l) files, mtimes unchanged)"
  else
    echo "generated files rewritten:"; diff <(echo "$before") <(echo "$after") || true
  fi
  echo "build scripts run: $(echo "$log" | grep -c 'Running `.*build-script-build' || true); rustc runs: $(echo "$log" | grep -c 'Running `.*rustc ' || true)"
} | tee "$out"
