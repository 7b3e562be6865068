# Sourced by demo.sh and test.sh: make .venv and install the project into it, only when needed.
# A stamp in .venv records what was installed (the extras and a checksum of pyproject.toml), so a
# second run with nothing changed starts at once; the code itself is an editable install.
ensure_venv() {  # ensure_venv SPEC   (e.g. "." or ".[test]")
  local spec=$1 py=${PYTHON:-python3}
  local stamp=".venv/.govsearch-installed${spec#.}" want  # one per extras: demo and tests alternate
  want="$spec $(cksum < pyproject.toml)"
  if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  if [ ! -x .venv/bin/python ]; then
    echo "Installing govsearch into .venv (first run, about a minute)…" >&2
    "$py" -m venv .venv
  else
    echo "Updating govsearch in .venv (pyproject.toml or the extras changed)…" >&2
  fi
  .venv/bin/python -m pip install -q --disable-pip-version-check -e "$spec"
  echo "$want" > "$stamp"
}
