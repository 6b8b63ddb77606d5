#!/usr/bin/env bash
# Instructions executed by `truto-codegen generate` for 10, 100 and 1,000 synthetic resources, under
# callgrind: unlike wall time, this count does not depend on the machine's load, so it shows whether the
# generator's work grows linearly. Also keeps the callgrind profiles (callgrind_annotate them).
#
# Env: TRUTO_BENCH_SIZES (default "10 100 1000").
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SIZES=${TRUTO_BENCH_SIZES:-10 100 1000}
out=$RESULTS/gen-instructions.txt
echo "# truto-codegen generate: instructions (callgrind Ir) per resource" | tee "$out"
for n in $SIZES; do
  dir=$WORK/gen-$n
  [ -d "$dir/schema" ] || "$SYNTH" --resources "$n" --out "$dir"
  rm -rf "$dir/out-callgrind"
  refs=$(valgrind --tool=callgrind --callgrind-out-file="$RESULTS/callgrind-generate-$n.out" \
    "$CODEGEN" generate --schema "$dir/schema" --out "$dir/out-callgrind" 2>&1 >/dev/null \
    | awk '/Collected|refs:/ { gsub(",", "", $NF); print $NF }' | tail -1)
  awk -v n="$n" -v r="$refs" 'BEGIN { printf "%5d resources: %14.0f instructions, %.2f M per resource\n", n, r, r / n / 1e6 }' \
    | tee -a "$out"
done
