#!/usr/bin/env bash
# The one test command (README): create .venv, install the project with its test extras, run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
export PYTHAINLP_OFFLINE=1
exec .venv/bin/python -m pytest -q "$@"
