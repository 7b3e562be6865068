#!/usr/bin/env bash
# The one command for a newcomer (README): install into .venv, then run the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
export PYTHAINLP_OFFLINE=1
exec .venv/bin/govsearch demo "$@"
