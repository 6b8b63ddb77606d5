#!/usr/bin/env bash
# Whole-process generation time: `truto-codegen generate` against `cargo progenitor` on the same synthetic
# resources (10, 100, 1,000), and truto-codegen on the real `schema/`, with hyperfine. Both start from an
# empty output folder each run (--prepare), so both write every file.
#
# Env: TRUTO_BENCH_SIZES (default "10 100 1000"), TRUTO_BENCH_RUNS (default 10).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SIZES=${TRUTO_BENCH_SIZES:-10 100 1000}
RUNS=${TRUTO_BENCH_RUNS:-10}
out=$RESULTS/gen-time.txt
: >"$out"

for n in $SIZES; do
  dir=$WORK/gen-$n
  "$SYNTH" --resources "$n" --out "$dir"
  runs=$RUNS
  [ "$n" -ge 1000 ] && runs=$(( RUNS < 5 ? RUNS : 5 ))
  echo "## $n resources" | tee -a "$out"
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$RESULTS/gen-time-$n.json" \
    --prepare "rm -rf $dir/out-truto $dir/out-progenitor" \
    -n "truto-codegen $n" "$CODEGEN generate --schema $dir/schema --out $dir/out-truto" \
    -n "progenitor $n" "$PROGENITOR progenitor -i $dir/openapi.json -o $dir/out-progenitor -n synth -v 0.1.0 --interface builder" \
    2>&1 | tee -a "$out"
  "$CODEGEN" generate --schema "$dir/schema" --out "$dir/out-truto" >/dev/null
  "$PROGENITOR" progenitor -i "$dir/openapi.json" -o "$dir/out-progenitor" -n synth -v 0.1.0 --interface builder >/dev/null
  echo "lines: truto $(cat $(find "$dir/out-truto" -name '*.rs') | wc -l), progenitor $(wc -l <"$dir/out-progenitor/src/lib.rs")" | tee -a "$out"
done

echo "## schema/ (release build of truto-codegen)" | tee -a "$out"
hyperfine --style basic --warmup 3 --runs $((RUNS * 3)) --export-json "$RESULTS/gen-time-schema.json" \
  --prepare "rm -rf $WORK/out-schema" \
  -n "truto-codegen schema/" "$CODEGEN generate --schema $ROOT/schema --out $WORK/out-schema" 2>&1 | tee -a "$out"
