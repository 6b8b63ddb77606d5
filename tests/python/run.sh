#!/usr/bin/env bash
# Interop proof: Truto's official Python SDK (truto-python-sdk from PyPI, unchanged) against `truto-codegen fake`.
# Creates a virtualenv under target/ with Python >= 3.12 (the SDK's minimum), installs requirements.txt, builds
# the CLI, and runs the tests in this folder; each starts its own fake on a free port of 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Python >= 3.12: $PYTHON, then the usual names on PATH, then pyenv's installs.
find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.14 python3.13 python3.12 python3 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

target="${CARGO_TARGET_DIR:-target}"
venv="$target/python-venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
  python=$(find_python) || { echo "tests/python: no Python >= 3.12 found (set PYTHON)" >&2; exit 1; }
  echo "   creating $venv with $("$python" --version)"
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q -r tests/python/requirements.txt

cargo build -q -p truto-codegen --bin truto-codegen
export TRUTO_CODEGEN="$PWD/$target/debug/truto-codegen"
export TRUTO_SCHEMA="$PWD/schema"
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/python "$@"
