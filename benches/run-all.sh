#!/usr/bin/env bash
# Runs every benchmark of issue #6 and leaves the figures in target/bench-results/ (see BENCHMARKS.md).
# Installs what it needs: hyperfine and valgrind (apt, as root), cargo-progenitor 0.15 (into
# target/bench-tools). Takes 30–60 minutes on 2 cores; set TRUTO_BENCH_QUICK=1 for a smaller run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

echo "== tools"
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v valgrind >/dev/null || missing+=(valgrind)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}"
fi
if ! "$PROGENITOR" --version 2>/dev/null | grep -q '0\.15'; then
  cargo install --root "$TOOLS" cargo-progenitor --version '~0.15' --locked
fi
cargo build --release -q -p truto-codegen -p truto-benches --bins

if [ -n "${TRUTO_BENCH_QUICK:-}" ]; then
  export TRUTO_BENCH_SIZES="10 100" TRUTO_BENCH_RUNS=3 TRUTO_BENCH_ROUNDS=2 TRUTO_BENCH_BUILD_RESOURCES=14
  criterion=(--warm-up-time 1 --measurement-time 3)
else
  criterion=(--warm-up-time 2 --measurement-time 10)
fi

{
  echo "# Machine"
  echo "nproc: $(nproc)"
  free -g | head -2
  rustc -V
  cargo -V
  hyperfine --version
  "$PROGENITOR" --version 2>/dev/null || true
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$RESULTS/machine.txt"

echo "== generation: whole process, truto-codegen against progenitor"
benches/gen-time.sh
echo "== generation: instructions per resource (callgrind, deterministic)"
benches/gen-instructions.sh
echo "== generation and decoding in process (criterion)"
cargo bench -p truto-benches --bench generate -- "${criterion[@]}" 2>&1 | tee "$RESULTS/criterion-generate.txt"
cargo bench -p truto-benches --bench decode -- "${criterion[@]}" 2>&1 | tee "$RESULTS/criterion-decode.txt"
echo "== decoding: valid against hand-written serde, 1 irregular record in 100 against valid (wall and callgrind)"
benches/decode-ratio.sh
echo "== streaming memory"
benches/stream-rss.sh
echo "== build cost of the generated crates"
benches/build-cost.sh
echo "== the real crate at scale against the baseline (build, doc, lines per resource)"
benches/scale.sh
echo "== no-op rebuilds"
benches/noop-rebuild.sh
echo "== clean build of a one-API app: before (baseline-round2), after, and the reqwest + serde + tokio floor"
benches/clean-build.sh
echo "== done: figures in $RESULTS"
