#!/usr/bin/env bash
# Decoding speed of the generated models, as ratios (issue #10): the valid ~1 MB users page against the
# hand-written serde struct (goal ≥ 0.90), and the page with 1 irregular record in 100 against the valid
# page (goal ≥ 0.80). Two views of the same work:
# - wall time, the three decoders interleaved within each round (`decode_ratio`), summarised per ratio;
# - instructions per decode under callgrind, which do not depend on the machine's load: each decoder is run
#   for 1 and for 3 decodes, and the difference halved removes the setup (building the pages).
#
# Env: TRUTO_BENCH_ROUNDS (default 30).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BIN=$TARGET/release/decode_ratio
[ -x "$BIN" ] || cargo build --release -q -p truto-benches --bin decode_ratio
out=$RESULTS/decode-ratio.txt
rounds=${TRUTO_BENCH_ROUNDS:-30}

"$BIN" --rounds "$rounds" --iterations 10 >"$RESULTS/decode-ratio-rounds.txt"
{
  echo "# decode speed ratios, wall time, $rounds interleaved rounds"
  echo "valid page, generated / hand-written: $(awk '!/^#/ { print $2 }' "$RESULTS/decode-ratio-rounds.txt" | summary %.3f)"
  echo "1 irregular in 100 / valid page:      $(awk '!/^#/ { print $3 }' "$RESULTS/decode-ratio-rounds.txt" | summary %.3f)"
} | tee "$out"

instructions() { # variant iterations
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" --only "$1" --iterations "$2" 2>&1 >/dev/null \
    | awk '/Collected|refs:/ { gsub(",", "", $NF); print $NF }' | tail -1
}
declare -A per_decode
for variant in generated hand-written irregular; do
  one=$(instructions "$variant" 1)
  three=$(instructions "$variant" 3)
  per_decode[$variant]=$(awk -v a="$one" -v b="$three" 'BEGIN { printf "%.0f", (b - a) / 2 }')
done
{
  echo "# instructions per decode (callgrind Ir)"
  for variant in generated hand-written irregular; do
    printf "%-13s %14s\n" "$variant" "${per_decode[$variant]}"
  done
  awk -v g="${per_decode[generated]}" -v h="${per_decode[hand-written]}" -v i="${per_decode[irregular]}" 'BEGIN {
    printf "valid page, generated / hand-written (speed, = hand Ir / generated Ir): %.3f\n", h / g
    printf "1 irregular in 100 / valid page (speed, = valid Ir / irregular Ir):     %.3f\n", g / i }'
} | tee -a "$out"
