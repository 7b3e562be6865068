#!/usr/bin/env bash
# The one test command (README): create .venv, install the project with its test extras (when
# pyproject.toml changed), run pytest. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh
ensure_venv '.[test]'
export PYTHAINLP_OFFLINE=1
exec .venv/bin/python -m pytest -q "$@"
