# Shared by the benchmark scripts: paths, tools on PATH, a clock and summary statistics.
# shellcheck shell=bash
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=$TARGET/bench-work
RESULTS=$TARGET/bench-results
TOOLS=$TARGET/bench-tools
export PATH=$TOOLS/bin:$PATH
SYNTH=$TARGET/release/synth
CODEGEN=$TARGET/release/truto-codegen
PROGENITOR=$TOOLS/bin/cargo-progenitor
mkdir -p "$WORK" "$RESULTS"

now() { date +%s.%N; }

# Seconds taken by a command (its output discarded); exits on failure.
seconds() {
  local start end
  start=$(now)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@" >&2; exit 1; }
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

# Reads one number per line; prints "mean sd min max n".
stats() {
  awk '{ v[NR] = $1; s += $1; if (NR == 1 || $1 < mn) mn = $1; if (NR == 1 || $1 > mx) mx = $1 }
       END { m = s / NR; for (i = 1; i <= NR; i++) d += (v[i] - m) ^ 2; sd = NR > 1 ? sqrt(d / (NR - 1)) : 0;
             printf "%.4f %.4f %.4f %.4f %d\n", m, sd, mn, mx, NR }'
}

# "mean ± sd (min–max, n)" of one number per line, with a format for the numbers.
summary() {
  local format=${1:-%.3f}
  stats | awk -v f="$format" '{ printf f " ± " f " (" f "–" f ", n=%d)\n", $1, $2, $3, $4, $5 }'
}
