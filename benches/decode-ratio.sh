#!/usr/bin/env bash
# Decoding speed of the generated models, as ratios (issue #10): the valid ~1 MB users page against the
# hand-written serde struct (goal ≥ 0.90), and the page with 1 irregular record in 100 against the valid
# page (goal ≥ 0.80). Two views of the same work:
# - wall time, the three decoders interleaved within each round (`decode_ratio`), summarised per ratio;
# - instructions per decode under callgrind, which do not depend on the machine's load: each decoder is run
#   for 1 and for 3 decodes, and the difference halved removes the setup (building the pages).
# Both for two builds of the same program: Cargo's default release profile, and with `lto = "fat"` (one LLVM
# module, so serde_json's map-reading functions can be inlined into the generated models wherever rustc's
# codegen units put them; see BENCHMARKS.md).
#
# Env: TRUTO_BENCH_ROUNDS (default 30).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

out=$RESULTS/decode-ratio.txt
rounds=${TRUTO_BENCH_ROUNDS:-30}
declare -A binary=([release]=$TARGET/release/decode_ratio [lto]=$WORK/decode-lto-target/release/decode_ratio)
# Built every time (a no-op when nothing changed), so the figures are never an older binary's.
cargo build --release -q -p truto-benches --bin decode_ratio
CARGO_PROFILE_RELEASE_LTO=fat CARGO_TARGET_DIR=$WORK/decode-lto-target \
  cargo build --release -q -p truto-benches --bin decode_ratio

instructions() { # binary variant iterations
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" --only "$2" --iterations "$3" 2>&1 >/dev/null \
    | awk '/Collected|refs:/ { gsub(",", "", $NF); print $NF }' | tail -1
}

: >"$out"
for build in release lto; do
  bin=${binary[$build]}
  rounds_file=$RESULTS/decode-ratio-rounds.$build.txt
  "$bin" --rounds "$rounds" --iterations 10 >"$rounds_file"
  {
    echo "# $build build: decode speed ratios, wall time, $rounds interleaved rounds"
    echo "valid page, generated / hand-written: $(awk '!/^#/ { print $2 }' "$rounds_file" | summary %.3f)"
    echo "1 irregular in 100 / valid page:      $(awk '!/^#/ { print $3 }' "$rounds_file" | summary %.3f)"
  } | tee -a "$out"

  declare -A per_decode=()
  for variant in generated hand-written irregular; do
    one=$(instructions "$bin" "$variant" 1)
    three=$(instructions "$bin" "$variant" 3)
    per_decode[$variant]=$(awk -v a="$one" -v b="$three" 'BEGIN { printf "%.0f", (b - a) / 2 }')
  done
  {
    echo "# $build build: instructions per decode (callgrind Ir)"
    for variant in generated hand-written irregular; do
      printf "%-13s %14s\n" "$variant" "${per_decode[$variant]}"
    done
    awk -v g="${per_decode[generated]}" -v h="${per_decode[hand-written]}" -v i="${per_decode[irregular]}" 'BEGIN {
      printf "valid page, generated / hand-written (speed, = hand Ir / generated Ir): %.3f\n", h / g
      printf "1 irregular in 100 / valid page (speed, = valid Ir / irregular Ir):     %.3f\n", g / i }'
  } | tee -a "$out"
done
