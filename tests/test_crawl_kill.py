"""Killing a crawl at any point loses nothing already fetched; the next run resumes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from crawler.bookkeeping import CrawlBook
from crawler.crawl import crawl_source
from crawler_fixtures import data_dir, mirror, open_store, page_requests, sources  # noqa: F401


def _count(data_dir) -> int:
    if not (data_dir / "store.sqlite3").exists():
        return 0
    try:
        with open_store(data_dir) as store:
            return store.count_articles()
    except Exception:  # the store may be mid-migration in the child
        return 0


def test_killed_crawl_resumes_and_loses_nothing(mirror, sources, data_dir):
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1"}
    child = subprocess.Popen(
        [sys.executable, "-m", "govsearch", "--data-dir", str(data_dir), "crawl", "moi", "--base-url",
         mirror.base_url, "--delay", "0.1", "--no-index"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while _count(data_dir) < 12 and time.monotonic() < deadline:  # past page 1, inside page 2
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    stored_before = _count(data_dir)
    assert 12 <= stored_before < len(mirror.moi_ids), "the crawl was not killed mid-way"
    with open_store(data_dir) as store:
        before = {a.url: a.content_hash for a in store.iter_articles()}

    mirror.reset_log()
    stats = crawl_source(sources["moi"], data_dir)
    assert stats.status == "ok"
    with open_store(data_dir) as store:
        after = {a.url: a.content_hash for a in store.iter_articles()}
        runs = CrawlBook(store).runs("moi")
    assert len(after) == len(mirror.moi_ids)
    assert all(after[u] == h for u, h in before.items())  # nothing fetched before the kill was lost
    assert stats.new == len(mirror.moi_ids) - stored_before
    # the articles stored before the kill were not downloaded again
    downloaded = {r["path"] for r in page_requests(mirror, 200) if "/archives/" in r["path"]}
    assert len(downloaded) == stats.new
    assert runs[1]["status"] == "interrupted"  # the killed run is recorded as such
