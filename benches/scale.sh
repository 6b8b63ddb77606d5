#!/usr/bin/env bash
# The real crate at today's scale against the crate before this round (issues #11 and #12), in one run:
#   - `cargo build -p truto-unified` (debug) of the baseline (git tag baseline-round2: 14 resources over 7 APIs,
#     every API), of today's crate with `full` (every API) and with one API (`calendar`), per resource;
#   - `cargo doc -p truto-unified --no-deps`, the same three ways;
#   - generated lines per resource, and the baseline's 14 resource files then and now (issue #11: ≥ 25% fewer).
# The baseline is checked out into a worktree of its own, with its own target directory; dependencies are built
# first; then, in interleaved rounds, `touch` each crate's src/lib.rs and time the build of that crate alone (its
# build script, which generates the code, does not re-run: only rustc of the generated code is timed).
#
# Env: TRUTO_BENCH_ROUNDS (default 3), TRUTO_BENCH_BASELINE (default 3d118bf: the commit tagged baseline-round2, as a fresh clone has no tags).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROUNDS=${TRUTO_BENCH_ROUNDS:-3}
BASE_REV=${TRUTO_BENCH_BASELINE:-3d118bf}
ONE_API=calendar
base=$WORK/scale-baseline
out=$RESULTS/scale.txt
export CARGO_INCREMENTAL=0

if [ ! -d "$base/.git" ] && [ ! -f "$base/.git" ]; then
  git -C "$ROOT" worktree add --detach "$base" "$BASE_REV" >/dev/null
fi
git -C "$base" checkout -q --detach "$BASE_REV"

# side → (checkout, target dir, cargo flags)
declare -A dir=([base]=$base [full]=$ROOT [one]=$ROOT)
declare -A target=([base]=$WORK/scale-target-base [full]=$WORK/scale-target-now [one]=$WORK/scale-target-now)
declare -A flags=([base]="" [full]="" [one]="--no-default-features --features $ONE_API")

run() { # side command... (in the side's checkout, with its target directory)
  local side=$1
  shift
  (cd "${dir[$side]}" && CARGO_TARGET_DIR=${target[$side]} "$@")
}
resources() { # side [api]: schema files that are resources (`<api>/<resource>.yaml`)
  if [ -n "${2:-}" ]; then
    find "${dir[$1]}/schema/$2/" -maxdepth 1 -name '*.yaml' | wc -l
  else
    find "${dir[$1]}/schema/" -mindepth 2 -maxdepth 2 -name '*.yaml' | wc -l
  fi
}
newest_out_dir() { # side: the OUT_DIR of its newest build
  ls -dt "${target[$1]}"/debug/build/truto-unified-*/out | head -1
}
generated_lines() { # side: lines of the generated code in its OUT_DIR (the newest build)
  find "$(newest_out_dir "$1")" -name '*.rs' -exec cat {} + | wc -l
}
# The baseline's resource files (`<api>/<resource>.rs`: handle, builders, models, enums), then and now, one line
# each: path, baseline lines, today's lines (0 when the resource is gone).
same_resources() {
  (cd "$out_base" && find . -path './*/*/*.rs' | sort) | while read -r file; do
    local now=0
    [ -f "$out_full/$file" ] && now=$(wc -l <"$out_full/$file")
    printf '%-38s %6d %6d\n' "${file#./}" "$(wc -l <"$out_base/$file")" "$now"
  done
}

declare -A count=([base]=$(resources base) [full]=$(resources full) [one]=$(resources one $ONE_API))
for side in base full one; do
  # shellcheck disable=SC2086
  run "$side" cargo build -q -p truto-unified ${flags[$side]}
  declare "lines_$side=$(generated_lines "$side")" "out_$side=$(newest_out_dir "$side")"
  # shellcheck disable=SC2086
  run "$side" cargo doc -q -p truto-unified --no-deps ${flags[$side]}
done
for side in base full one; do : >"$WORK/scale-build.$side"; : >"$WORK/scale-doc.$side"; done

for round in $(seq "$ROUNDS"); do
  for side in base full one; do
    touch "${dir[$side]}/generated/src/lib.rs"
    # shellcheck disable=SC2086
    build=$(run "$side" seconds cargo build -q -p truto-unified ${flags[$side]})
    touch "${dir[$side]}/generated/src/lib.rs"
    # shellcheck disable=SC2086
    doc=$(run "$side" seconds cargo doc -q -p truto-unified --no-deps ${flags[$side]})
    echo "$build" >>"$WORK/scale-build.$side"
    echo "$doc" >>"$WORK/scale-doc.$side"
    echo "  round $round, $side: build ${build}s, doc ${doc}s" >&2
  done
done

per_resource() { awk -v n="${count[$2]}" '{ print $1 * 1000 / n }' "$WORK/scale-$1.$2"; }
ratio_per_resource() { # kind side: per-resource time of side / baseline's, per round
  paste <(per_resource "$1" "$2") <(per_resource "$1" base) | awk '{ printf "%.4f\n", $1 / $2 }' | summary %.3f
}
{
  echo "# Scale: the baseline ($BASE_REV) against today's truto-unified, $ROUNDS interleaved rounds, debug"
  for side in base full one; do
    printf '%-5s %3d resources, %7d generated lines (%.0f per resource)\n' "$side" "${count[$side]}" \
      "$(eval echo "\$lines_$side")" "$(awk -v l="$(eval echo "\$lines_$side")" -v n="${count[$side]}" 'BEGIN { print l / n }')"
  done
  echo "## the baseline's resources, file by file: baseline lines, today's lines"
  same_resources
  same_resources | awk '{ b += $2; n += $3 } END { printf "total %d -> %d lines (%.1f%%)\n", b, n, (n - b) * 100 / b }'
  for kind in build doc; do
    echo "## cargo $kind -p truto-unified"
    for side in base full one; do
      echo "$side (s):                  $(summary <"$WORK/scale-$kind.$side")"
      echo "$side per resource (ms):    $(per_resource "$kind" "$side" | summary %.1f)"
    done
    echo "per resource, full / baseline:  $(ratio_per_resource "$kind" full)"
    echo "per resource, one API / baseline: $(ratio_per_resource "$kind" one)"
  done
} | tee "$out"
