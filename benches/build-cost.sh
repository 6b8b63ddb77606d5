#!/usr/bin/env bash
# Build cost of the generated code, truto-codegen against progenitor, on the same N synthetic resources:
#   - progenitor's crate (`cargo progenitor --interface builder`) and a crate of truto-codegen's output
#     (pre-generated files, `truto-unified` with default-features = false as the runtime dependency);
#   - a program calling list and get of every resource, against each crate (what a user compiles when
#     they use every operation: generic request/decoding code is instantiated there);
#   - one unified API feature against `full` (7 APIs). The runtime is its own crate (`truto-unified-runtime`),
#     a dependency built beforehand, so this is exactly truto-unified's layout: generated code over a runtime.
# Dependencies are built first; then, in interleaved rounds, `touch` the crate's root file and time
# `cargo build` of that crate alone, debug and release. Figures are per resource and as ratios per round.
#
# Env: TRUTO_BENCH_BUILD_RESOURCES (default 21: 3 per API), TRUTO_BENCH_ROUNDS (default 3).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

N=${TRUTO_BENCH_BUILD_RESOURCES:-21}
ROUNDS=${TRUTO_BENCH_ROUNDS:-3}
dir=$WORK/build-$N
out=$RESULTS/build-cost-$N.txt
export CARGO_TARGET_DIR=$WORK/build-target
# Whole compiles, not incremental replays: debug builds are incremental by default, and touching a file
# without changing it would let rustc reuse nearly everything.
export CARGO_INCREMENTAL=0

"$SYNTH" --resources "$N" --out "$dir"
apis=$(cd "$dir/schema" && find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
features() { printf '\n[features]\ndefault = ["full"]\nfull = [%s]\n' "$(echo "$apis" | sed 's/.*/"&"/' | paste -sd, -)"; echo "$apis" | sed 's/.*/& = []/'; }
package() { printf '[package]\nname = "%s"\nversion = "0.1.0"\nedition = "2024"\npublish = false\n\n' "$1"; }

# progenitor's crate, as its CLI writes it (plus an empty [workspace] so it stands alone inside this repo).
rm -rf "$dir/progenitor"
"$PROGENITOR" progenitor -i "$dir/openapi.json" -o "$dir/progenitor" -n synth-progenitor -v 0.1.0 \
  --interface builder >/dev/null
printf '\n[workspace]\n' >>"$dir/progenitor/Cargo.toml"

# Our crate: the generated module tree, one feature per API, `full` for all of them.
rm -rf "$dir/truto"
mkdir -p "$dir/truto/src"
"$CODEGEN" generate --schema "$dir/schema" --out "$dir/truto/src/truto" >/dev/null
{
  package synth-truto
  printf '[dependencies]\ntruto-unified = { path = "%s", default-features = false }\n' "$ROOT/generated"
  features
  printf '\n[workspace]\n'
} >"$dir/truto/Cargo.toml"
echo 'include!("truto/mod.rs");' >"$dir/truto/src/lib.rs"

# Programs calling every operation of each crate.
for side in truto progenitor; do
  rm -rf "$dir/$side-use"
  mkdir -p "$dir/$side-use/src"
  cp "$dir/${side}_use.rs" "$dir/$side-use/src/main.rs"
  {
    package "synth-$side-use"
    printf '[dependencies]\nsynth-%s = { path = "../%s" }\nfutures = { version = "0.3", features = ["executor"] }\n' "$side" "$side"
    [ "$side" = truto ] && printf 'truto-unified = { path = "%s", default-features = false }\n' "$ROOT/generated"
    [ "$side" = progenitor ] && printf 'uuid = "1"\n'
    printf '\n[workspace]\n'
  } >"$dir/$side-use/Cargo.toml"
done

progenitor_lines=$(wc -l <"$dir/progenitor/src/lib.rs")
truto_lines=$(cat $(find "$dir/truto/src/truto" -name '*.rs') | wc -l)
first_api=$(echo "$apis" | head -1)
first_api_resources=$(find "$dir/schema/$first_api" -name '*.yaml' | wc -l)

build() { # crate profile [cargo args...]
  local crate=$1 profile=$2
  shift 2
  local flags=()
  [ "$profile" = release ] && flags+=(--release)
  touch "$dir/$crate"/src/*.rs
  seconds cargo build -q --manifest-path "$dir/$crate/Cargo.toml" "${flags[@]}" "$@"
}
per_resource() { awk -v n="$N" '{ print $1 * 1000 / n }' "$1" | summary %.1f; }
ratio() { paste "$1" "$2" | awk '{ printf "%.4f\n", $1 / $2 }' | summary %.3f; }

{
  echo "# Build cost: $N synthetic resources over $(echo "$apis" | wc -l) APIs, $ROUNDS interleaved rounds"
  echo "generated lines: progenitor $progenitor_lines, truto $truto_lines"
} | tee "$out"

for profile in debug release; do
  flags=()
  [ "$profile" = release ] && flags+=(--release)
  # Dependencies (and a first build of each crate), not timed.
  for crate in progenitor truto progenitor-use truto-use; do
    cargo build -q --manifest-path "$dir/$crate/Cargo.toml" "${flags[@]}"
  done
  cargo build -q --manifest-path "$dir/truto/Cargo.toml" "${flags[@]}" --no-default-features --features "$first_api"
  series=(p t one pu tu)
  for s in "${series[@]}"; do : >"$WORK/$s.$profile"; done
  for round in $(seq "$ROUNDS"); do
    p=$(build progenitor "$profile")
    t=$(build truto "$profile")
    pu=$(build progenitor-use "$profile")
    tu=$(build truto-use "$profile")
    one=$(build truto "$profile" --no-default-features --features "$first_api")
    for s in "${series[@]}"; do echo "${!s}" >>"$WORK/$s.$profile"; done
    echo "  $profile round $round: progenitor ${p}s (+ user ${pu}s), truto full ${t}s (+ user ${tu}s)," \
      "truto $first_api only ${one}s" >&2
  done
  paste "$WORK/p.$profile" "$WORK/pu.$profile" | awk '{ print $1 + $2 }' >"$WORK/pt.$profile"
  paste "$WORK/t.$profile" "$WORK/tu.$profile" | awk '{ print $1 + $2 }' >"$WORK/tt.$profile"
  {
    echo "## $profile"
    echo "progenitor crate (s):                 $(summary <"$WORK/p.$profile")"
    echo "truto crate, full (s):                $(summary <"$WORK/t.$profile")"
    echo "progenitor crate per resource (ms):   $(per_resource "$WORK/p.$profile")"
    echo "truto crate per resource (ms):        $(per_resource "$WORK/t.$profile")"
    echo "crate: truto / progenitor:            $(ratio "$WORK/t.$profile" "$WORK/p.$profile")"
    echo "program using every operation (s):    progenitor $(summary <"$WORK/pu.$profile"); truto $(summary <"$WORK/tu.$profile")"
    echo "crate + program per resource (ms):    progenitor $(per_resource "$WORK/pt.$profile"); truto $(per_resource "$WORK/tt.$profile")"
    echo "crate + program: truto / progenitor:  $(ratio "$WORK/tt.$profile" "$WORK/pt.$profile")"
    echo "truto crate, $first_api only ($first_api_resources of $N resources) (s): $(summary <"$WORK/one.$profile")"
    echo "full / one feature:                   $(ratio "$WORK/t.$profile" "$WORK/one.$profile")"
  } | tee -a "$out"
done
