"""SIGTERM to `govsearch schedule` or `govsearch crawl` in the middle of a crawl stops within one
article, indexes what was fetched, logs "stopped" last, and the next run resumes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from crawler.bookkeeping import CrawlBook
from crawler.crawl import crawl_source
from crawler_fixtures import data_dir, mirror, open_store, sources  # noqa: F401

DELAY = 0.4  # seconds between requests: one article takes at least this long


def _count(data_dir) -> int:
    try:
        with open_store(data_dir) as store:
            return store.count_articles()
    except Exception:  # not created yet, or mid-migration in the child
        return 0


@pytest.mark.parametrize("command", ["schedule", "crawl"])
def test_sigterm_stops_within_one_article_indexes_and_resumes(mirror, sources, data_dir, command):
    from indexer.whoosh_backend import open_index

    child = subprocess.Popen(
        [sys.executable, "-m", "govsearch", "--data-dir", str(data_dir), command, "moi", "--base-url",
         mirror.base_url, "--delay", str(DELAY)],
        env={**os.environ, "PYTHAINLP_OFFLINE": "1"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while _count(data_dir) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _count(data_dir) >= 4, "the crawl did not start"
        t0 = time.monotonic()
        child.send_signal(signal.SIGTERM)
        _out, err = child.communicate(timeout=60)
        took = time.monotonic() - t0
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err[-2000:]
    stored = _count(data_dir)
    assert stored < len(mirror.moi_ids), "the crawl ran to its end instead of stopping"
    # Within one article (a couple of requests at DELAY) plus the index update, not the whole run.
    assert took < 8, f"took {took:.1f} s to stop"
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert "stopped" in lines[-1], lines[-5:]  # "stopped" is the last word, once everything stopped
    assert open_index(data_dir).doc_count() == stored  # what was fetched is indexed
    with open_store(data_dir) as store:
        run = CrawlBook(store).runs("moi")[0]
    assert run["status"] == "ok" and "stopped" in (run["message"] or "")

    stats = crawl_source(sources["moi"], data_dir)  # the next run carries on
    assert stats.status == "ok"
    assert _count(data_dir) == len(mirror.moi_ids)
