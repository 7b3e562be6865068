"""Shared fixtures: a data folder built from real articles (tests/data/core_articles.jsonl)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")  # a download attempt must fail loudly, not hang

DATA = Path(__file__).parent / "data"
CORE_ARTICLES = DATA / "core_articles.jsonl"


def build_data_dir(path: Path, files: list[Path]) -> Path:
    """Import ``files`` into a fresh data folder at ``path`` and index them."""
    from core.importer import import_files
    from core.store import Store
    from core.paths import store_path
    from indexer import sync_index

    path.mkdir(parents=True, exist_ok=True)
    with Store(store_path(path)) as store:
        report = import_files(store, files)
    assert not report.skipped, report.skipped
    sync_index(path)
    return path


def data_dir_of(folder: Path, articles: list[dict]) -> Path:
    """A data folder at ``folder/data`` holding ``articles`` (import records), imported and indexed."""
    import json

    src = folder / "articles.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return build_data_dir(folder / "data", [src])


def data_dir_of_rows(folder: Path, rows, day: str) -> Path:
    """:func:`data_dir_of` for articles given as ``(url, title, body)`` rows, all of ``day``."""
    return data_dir_of(folder, [{"url": u, "title": t, "body": b, "date": day} for u, t, b in rows])


@pytest.fixture(scope="session")
def core_data_dir(tmp_path_factory) -> Path:
    """A data folder holding the 40 real core articles (read-only: copy it to change it)."""
    return build_data_dir(tmp_path_factory.mktemp("core") / "data", [CORE_ARTICLES])


@pytest.fixture
def writable_data_dir(core_data_dir, tmp_path) -> Path:
    """A private copy of the core data folder that a test may change."""
    dest = tmp_path / "data"
    shutil.copytree(core_data_dir, dest)
    return dest


@pytest.fixture(scope="session")
def engine(core_data_dir):
    """A SearchEngine over the core articles."""
    from indexer import SearchEngine

    eng = SearchEngine(core_data_dir)
    yield eng
    eng.close()
