"""The engine boundary: only indexer/whoosh_backend/ may import whoosh (design.md, "Beyond one machine")."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BACKEND = ROOT / "indexer" / "whoosh_backend"


def whoosh_imports(path: Path) -> list[str]:
    """``import whoosh…`` / ``from whoosh… import`` statements in a file (any depth, even in functions)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "whoosh"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "whoosh":
            found.append(node.module)
    return found


def test_the_detector_sees_a_whoosh_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from whoosh.query import Term\n    import whoosh.index as wi\n")
    assert whoosh_imports(probe) == ["whoosh.query", "whoosh.index"]


def test_the_backend_is_where_whoosh_is():
    assert any(whoosh_imports(p) for p in BACKEND.rglob("*.py"))


@pytest.mark.parametrize("package", ["indexer", "webui", "govsearch", "core", "crawler"])
def test_no_module_outside_the_backend_imports_whoosh(package):
    offenders = {str(p.relative_to(ROOT)): whoosh_imports(p) for p in (ROOT / package).rglob("*.py")
                 if BACKEND not in p.parents and whoosh_imports(p)}
    assert offenders == {}
