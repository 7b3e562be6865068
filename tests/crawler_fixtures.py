"""Fixtures for the crawler tests: a mirror on 127.0.0.1 and sources pointed at it with no delay.

Import what a test module needs: ``from crawler_fixtures import mirror, sources, data_dir``.
Politeness is configured, not patched: the sources are loaded with ``delay=0`` and short timeouts.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

FIXTURES = Path(__file__).parent / "data" / "crawler"
TEST_SETTINGS = dict(delay=0.0, timeout=2.0, retries=2, known_stop=5)


@pytest.fixture
def mirror():
    """A fresh mirror of the bundled sample (faults and edits stay within one test)."""
    from devtools.mirror import Mirror

    with Mirror() as m:
        yield m


@pytest.fixture
def sources(mirror):
    """Every source from the bundled sources.toml, pointed at the mirror, delay 0, and no
    rotating re-check of older articles (tests count the walks' requests; ``with_recheck``)."""
    from crawler.sources import load_sources

    return {sid: with_recheck(s.with_base_url(mirror.base_url), 0)
            for sid, s in load_sources(**TEST_SETTINGS).items()}


def with_recheck(source, budget: int):
    """The source re-checking ``budget`` older stored articles per run."""
    import dataclasses

    return dataclasses.replace(source, options={**source.options, "recheck": budget})


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """An empty data folder."""
    d = tmp_path / "data"
    d.mkdir()
    return d


def open_store(data_dir: Path):
    """The store of a data folder."""
    from core.store import Store
    from core.paths import store_path

    return Store(store_path(data_dir))


def page_requests(mirror, status: int | None = None) -> list[dict]:
    """Logged requests except robots.txt."""
    return [r for r in mirror.requests(status) if r["path"] != "/robots.txt"]
