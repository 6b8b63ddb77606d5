#!/usr/bin/env bash
# Build cost of the generated code: the same N synthetic resources as a crate from progenitor's generator
# (`cargo progenitor --interface builder`) and as a crate of truto-codegen output (pre-generated files,
# `truto-unified` with default-features = false as the runtime dependency). Dependencies are built first;
# then, in interleaved rounds, `touch src/lib.rs` and time `cargo build` of each crate alone (debug and
# release). Also: one unified API feature against `full`, with the 7 APIs of the synthetic schema.
#
# Env: TRUTO_BENCH_BUILD_RESOURCES (default 21: 3 per API), TRUTO_BENCH_ROUNDS (default 3).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

N=${TRUTO_BENCH_BUILD_RESOURCES:-21}
ROUNDS=${TRUTO_BENCH_ROUNDS:-3}
dir=$WORK/build-$N
out=$RESULTS/build-cost-$N.txt
export CARGO_TARGET_DIR=$WORK/build-target

"$SYNTH" --resources "$N" --out "$dir"
apis=$(cd "$dir/schema" && find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)

# progenitor's crate, as its CLI writes it (plus an empty [workspace] so it stands alone inside this repo).
rm -rf "$dir/progenitor"
"$PROGENITOR" progenitor -i "$dir/openapi.json" -o "$dir/progenitor" -n synth-progenitor -v 0.1.0 \
  --interface builder >/dev/null
printf '\n[workspace]\n' >>"$dir/progenitor/Cargo.toml"

# Our crate: the generated module tree, one feature per API, `full` for all of them.
rm -rf "$dir/truto"
mkdir -p "$dir/truto/src"
"$CODEGEN" generate --schema "$dir/schema" --out "$dir/truto/src/truto" --accessors trait >/dev/null
{
  printf '[package]\nname = "synth-truto"\nversion = "0.1.0"\nedition = "2024"\npublish = false\n\n'
  printf '[dependencies]\ntruto-unified = { path = "%s", default-features = false }\n\n' "$ROOT/generated"
  printf '[features]\ndefault = ["full"]\nfull = [%s]\n' "$(echo "$apis" | sed 's/.*/"&"/' | paste -sd, -)"
  echo "$apis" | sed 's/.*/& = []/'
  printf '\n[workspace]\n'
} >"$dir/truto/Cargo.toml"
echo 'include!("truto/mod.rs");' >"$dir/truto/src/lib.rs"

lines() { cat "$@" | wc -l; }
progenitor_lines=$(lines "$dir/progenitor/src/lib.rs")
truto_lines=$(lines $(find "$dir/truto/src/truto" -name '*.rs'))
first_api=$(echo "$apis" | head -1)
first_api_resources=$(find "$dir/schema/$first_api" -name '*.yaml' | wc -l)

build() { # crate profile [cargo args...]
  local crate=$1 profile=$2
  shift 2
  local flags=()
  [ "$profile" = release ] && flags+=(--release)
  touch "$dir/$crate/src/lib.rs"
  seconds cargo build -q --manifest-path "$dir/$crate/Cargo.toml" "${flags[@]}" "$@"
}

{
  echo "# Build cost: $N synthetic resources over $(echo "$apis" | wc -l) APIs, $ROUNDS interleaved rounds"
  echo "generated lines: progenitor $progenitor_lines, truto $truto_lines"
} | tee "$out"

for profile in debug release; do
  # Dependencies (and a first build of each crate), not timed.
  flags=()
  [ "$profile" = release ] && flags+=(--release)
  cargo build -q --manifest-path "$dir/progenitor/Cargo.toml" "${flags[@]}"
  cargo build -q --manifest-path "$dir/truto/Cargo.toml" "${flags[@]}"
  cargo build -q --manifest-path "$dir/truto/Cargo.toml" "${flags[@]}" --no-default-features --features "$first_api"
  : >"$WORK/p.$profile" ; : >"$WORK/t.$profile" ; : >"$WORK/one.$profile" ; : >"$WORK/full.$profile"
  : >"$WORK/ratio.$profile" ; : >"$WORK/feature-ratio.$profile"
  for round in $(seq "$ROUNDS"); do
    p=$(build progenitor "$profile")
    t=$(build truto "$profile")
    one=$(build truto "$profile" --no-default-features --features "$first_api")
    echo "$p" >>"$WORK/p.$profile"
    echo "$t" >>"$WORK/t.$profile"
    echo "$one" >>"$WORK/one.$profile"
    awk -v t="$t" -v p="$p" 'BEGIN { printf "%.4f\n", t / p }' >>"$WORK/ratio.$profile"
    awk -v t="$t" -v o="$one" 'BEGIN { printf "%.4f\n", t / o }' >>"$WORK/feature-ratio.$profile"
    echo "  $profile round $round: progenitor ${p}s, truto full ${t}s, truto $first_api only ${one}s" >&2
  done
  {
    echo "## $profile"
    echo "progenitor crate (s):            $(summary <"$WORK/p.$profile")"
    echo "truto crate, full (s):           $(summary <"$WORK/t.$profile")"
    echo "progenitor per resource (ms):    $(awk -v n="$N" '{ print $1 * 1000 / n }' "$WORK/p.$profile" | summary %.1f)"
    echo "truto per resource (ms):         $(awk -v n="$N" '{ print $1 * 1000 / n }' "$WORK/t.$profile" | summary %.1f)"
    echo "truto / progenitor (per round):  $(summary %.3f <"$WORK/ratio.$profile")"
    echo "truto, feature $first_api only ($first_api_resources resources) (s): $(summary <"$WORK/one.$profile")"
    echo "full / one feature (per round):  $(summary %.2f <"$WORK/feature-ratio.$profile")"
  } | tee -a "$out"
done
