"""scripts/demo.sh: arguments reach `govsearch demo`; the first run says it is installing; a second
run with pyproject.toml unchanged does not reinstall, a changed one does.

The scripts run for real in a copy of the project; only the Python they are given (``$PYTHON``)
stands in: its ``-m venv`` writes a .venv whose python logs what pip is asked to do and whose
``govsearch`` prints its arguments, so the test needs no network and takes a second.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FAKE_PYTHON = r"""#!/usr/bin/env bash
# Stands in for python3: `-m venv DIR` makes a venv of stand-ins.
[ "$1 $2" = "-m venv" ] || exit 3
mkdir -p "$3/bin"
cat > "$3/bin/python" <<'PY'
#!/usr/bin/env bash
echo "python $*" >> "$(dirname "$0")/../../calls.log"
PY
cat > "$3/bin/govsearch" <<'GS'
#!/usr/bin/env bash
echo "govsearch $*"
GS
chmod +x "$3/bin/python" "$3/bin/govsearch"
"""


def _project(tmp_path: Path) -> tuple[Path, dict]:
    proj = tmp_path / "proj"
    (proj / "scripts").mkdir(parents=True)
    for name in os.listdir(ROOT / "scripts"):
        if name.endswith(".sh"):
            shutil.copy(ROOT / "scripts" / name, proj / "scripts" / name)
    shutil.copy(ROOT / "pyproject.toml", proj / "pyproject.toml")
    fake = tmp_path / "python3"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    return proj, {**os.environ, "PYTHON": str(fake)}


def _demo(proj: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(proj / "scripts" / "demo.sh"), *args], capture_output=True, text=True,
                          env=env, timeout=30)


def _installs(proj: Path) -> int:
    log = proj / "calls.log"
    return log.read_text().count("pip install") if log.exists() else 0


def test_demo_script_installs_once_says_so_and_passes_its_arguments(tmp_path):
    proj, env = _project(tmp_path)
    first = _demo(proj, env, "--port", "8123", "--recrawl", "60")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "govsearch demo --port 8123 --recrawl 60"
    assert "Installing govsearch into .venv (first run, about a minute)" in first.stderr
    assert _installs(proj) == 1

    again = _demo(proj, env, "--port", "8124")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "govsearch demo --port 8124"
    assert _installs(proj) == 1 and again.stderr == ""  # nothing changed: no reinstall, nothing said

    with open(proj / "pyproject.toml", "a") as f:
        f.write("\n# a new dependency would go here\n")
    changed = _demo(proj, env)
    assert changed.returncode == 0 and _installs(proj) == 2 and "Updating" in changed.stderr
