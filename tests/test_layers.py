"""The layering contract of pyproject.toml ([tool.importlinter]), checked by import-linter.

govsearch may import anything; webui imports indexer and core; indexer, crawler and devtools are
independent of each other and import core only; core imports none of them; outside indexer, only
indexer/__init__.py (its interface) is imported, never one of its modules. A broken contract
fails with import-linter's report, which names each offending import and its line.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Every top-level package of ours that can exist; a contract can only check what it lists.
OURS = {"govsearch", "webui", "indexer", "crawler", "devtools", "core"}


def _lint_imports() -> str:
    exe = Path(sys.executable).with_name("lint-imports")
    found = str(exe) if exe.exists() else shutil.which("lint-imports")
    if not found:
        pytest.fail("lint-imports not found: pip install -e '.[test]' (import-linter)", pytrace=False)
    return found


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def test_every_package_of_ours_is_checked():
    present = {name for name in OURS if (ROOT / name / "__init__.py").exists()}
    assert set(_config()["root_packages"]) == present, "list every package of ours in root_packages"


def test_imports_keep_the_layers():
    # This checkout's packages, not whichever copy the environment has installed.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([_lint_imports(), "--no-logo", "--no-cache", "pyproject.toml"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    report = proc.stdout + proc.stderr
    broken = report.find("Broken contracts")
    assert proc.returncode == 0, report[broken:] if broken >= 0 else report
    kept = len(_config()["contracts"])
    assert f"Contracts: {kept} kept, 0 broken." in report, report  # every contract was read and checked
