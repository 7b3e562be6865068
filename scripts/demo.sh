#!/usr/bin/env bash
# The one command for a newcomer (README): install into .venv (once), then run the demo.
# Arguments go to `govsearch demo`: bash scripts/demo.sh --port 8080
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh
ensure_venv .
export PYTHAINLP_OFFLINE=1
exec .venv/bin/govsearch demo "$@"
