#!/usr/bin/env bash
# Peak memory while streaming users across pages from a local server (the server is a thread of the same
# process and generates each page on demand): 1,000 against 100,000 items, several interleaved runs,
# measured with /usr/bin/time -v (maximum resident set size).
#
# Env: TRUTO_BENCH_ROUNDS (default 3).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROUNDS=${TRUTO_BENCH_ROUNDS:-3}
out=$RESULTS/stream-rss.txt
bin=$TARGET/release/stream_rss
: >"$WORK/rss.1000"; : >"$WORK/rss.100000"; : >"$WORK/rss.ratio"

peak() { # items → KiB
  /usr/bin/time -v "$bin" --items "$1" --page-size 100 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { print $2 }'
}

for round in $(seq "$ROUNDS"); do
  small=$(peak 1000)
  large=$(peak 100000)
  echo "$small" >>"$WORK/rss.1000"
  echo "$large" >>"$WORK/rss.100000"
  awk -v a="$large" -v b="$small" 'BEGIN { printf "%.4f\n", a / b }' >>"$WORK/rss.ratio"
done
{
  echo "# Streaming peak RSS (KiB), pages of 100 users (~130 KB each), $ROUNDS rounds"
  echo "1,000 items:    $(summary %.0f <"$WORK/rss.1000")"
  echo "100,000 items:  $(summary %.0f <"$WORK/rss.100000")"
  echo "100k / 1k:      $(summary %.3f <"$WORK/rss.ratio")"
} | tee "$out"
