"""The scheduler: short intervals, a failing source, the cross-process lock, clean shutdown."""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time

from core.crawlruns import next_runs
from crawler.bookkeeping import CrawlBook
from crawler.lock import SourceLock
from crawler.scheduler import CrawlScheduler
from crawler_fixtures import data_dir, mirror, open_store, page_requests, sources  # noqa: F401


def _wait(pred, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not pred() and time.monotonic() < deadline:
        time.sleep(0.05)
    return pred()


def _runs(data_dir, source):
    with open_store(data_dir) as store:
        return CrawlBook(store).runs(source)


def test_recrawls_at_the_interval_and_survives_a_failing_source(sources, data_dir):
    good = sources["moi-pr"].with_overrides(interval=1.0, jitter=0)
    # A source whose site is down (nothing listens on port 9 of 127.0.0.1).
    bad = sources["moi"].with_base_url("http://127.0.0.1:9").with_overrides(interval=1.0, jitter=0, retries=0)
    sched = CrawlScheduler([good, bad], data_dir)
    sched.start()
    try:
        assert _wait(lambda: sum(r.source == "moi-pr" for r in sched.results) >= 3)
        with open_store(data_dir) as store:
            nxt = next_runs(store)
            assert set(nxt) == {"moi-pr", "moi"} and nxt["moi-pr"]["next_run"]
            runs = CrawlBook(store).runs("moi")
            assert runs and all(r["status"] == "error" for r in runs)  # failed, and retried each turn
            assert len(runs) >= 2
    finally:
        sched.stop()
    good_runs = [r for r in sched.results if r.source == "moi-pr"]
    assert good_runs[0].new > 0 and all(r.new == 0 and r.not_modified == r.pages for r in good_runs[1:])
    with open_store(data_dir) as store:
        assert next_runs(store)["moi-pr"]["next_run"] is None  # stopped: nothing planned


def test_a_source_locked_by_another_process_is_skipped(sources, data_dir, mirror, caplog):
    src = sources["moi-pr"].with_overrides(interval=0.5, jitter=0)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from crawler.lock import SourceLock\n"
        f"l = SourceLock(Path({str(data_dir)!r}), 'moi-pr'); l.acquire(); print('locked', flush=True); time.sleep(30)")],
        stdout=subprocess.PIPE, text=True)

    def skips() -> int:
        return sum("skipped" in r.getMessage() and "'moi-pr' is already running" in r.getMessage()
                   for r in caplog.records)

    try:
        assert holder.stdout.readline().strip() == "locked"
        caplog.set_level(logging.WARNING, logger="crawler.scheduler")
        sched = CrawlScheduler([src], data_dir)
        sched.start()
        try:
            # The job did run, twice (now and one interval later), and found the lock taken each time.
            assert _wait(lambda: skips() >= 2, 10), caplog.text
            # Stop between turns, not as a turn ends: APScheduler 3's shutdown(wait=True) holds the
            # job store lock while the ending job's listener (_record_next_runs) waits for it.
            time.sleep(0.3)
        finally:
            sched.stop()
        # ... so nothing was crawled: no result, no run in the store, no page asked of the site.
        assert sched.results == []
        with open_store(data_dir) as store:
            assert CrawlBook(store).runs("moi-pr") == []
        assert page_requests(mirror) == []
    finally:
        holder.kill()
        holder.wait()
    with SourceLock(data_dir, "moi-pr"):  # the lock died with its holder
        pass


def test_schedule_command_stops_cleanly_on_sigterm(mirror, data_dir, tmp_path):
    sources_file = tmp_path / "sources.toml"
    sources_file.write_text(
        '[sources.moi-pr]\nagency = "moi-ops"\npublisher = "pr.moi.go.th"\nadapter = "listing"\n'
        'base_url = "http://pr.moi.go.th"\nstart_urls = ["http://pr.moi.go.th/news.htm"]\n'
        'interval = "1h"\njitter = 0\ndelay = 0\nverified = true\n'
        '[sources.moi-pr.options]\nitem = "a[href$=\'.htm\']"\ntitle = "h2"\ndate = ".date"\nbody = ".content"\n',
        encoding="utf-8")
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "govsearch", "--data-dir", str(data_dir), "schedule",
                             "--sources", str(sources_file), "--base-url", mirror.base_url, "--no-index"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert _wait(lambda: any(r["path"].startswith("/news/pr") for r in mirror.log), 30)
        assert _wait(lambda: (data_dir / "store.sqlite3").exists() and _runs(data_dir, "moi-pr")
                     and _runs(data_dir, "moi-pr")[0]["status"] == "ok", 30)
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, out
    assert "received SIGTERM" in out and "scheduler stopped" in out


def test_after_changes_runs_one_call_at_a_time(sources, data_dir):
    """Two sources crawled in parallel threads, both with new articles: the callback never overlaps."""
    import threading

    busy, overlaps, calls = threading.Lock(), [], []

    def after_changes():
        if not busy.acquire(blocking=False):
            overlaps.append(1)
            return
        try:
            calls.append(1)
            # Hold on until the other job has finished its crawl too: it then calls back meanwhile
            # unless the scheduler serialises the calls.
            _wait(lambda: len(sched.results) == 2, 20)
            time.sleep(0.2)
        finally:
            busy.release()

    jobs = [sources[s].with_overrides(interval=3600, jitter=0) for s in ("moi-pr", "prd")]
    sched = CrawlScheduler(jobs, data_dir, after_changes=after_changes, workers=2)
    sched.start()
    try:
        assert _wait(lambda: len(sched.results) == 2 and len(calls) == 2, 30), (sched.results, calls)
    finally:
        sched.stop()
    assert all(r.new for r in sched.results) and overlaps == []


def test_the_scheduler_updates_the_index_after_each_run_that_changed_articles(sources, mirror, data_dir):
    """With indexing on (as `govsearch schedule` runs): new articles are searchable after their
    run, an edited one is re-indexed by the next."""
    from govsearch.crawl_commands import index_updater
    from indexer import IndexUnavailable, SearchEngine, build_params

    src = sources["moi-pr"].with_overrides(interval=1.0, jitter=0)
    sched = CrawlScheduler([src], data_dir, after_changes=index_updater(data_dir))
    sched.start()
    try:
        assert _wait(lambda: len(sched.results) >= 1, 60)
        engine = SearchEngine(data_dir, cache_size=0)

        def total(q: str) -> int:
            try:
                return engine.search(build_params(q=q)).total
            except IndexUnavailable:  # the run is recorded before its index update has built the index
                return -1

        assert _wait(lambda: total("") == sched.results[0].new > 0, 30)
        target = mirror.pr_ids[0]
        mirror.edit(target, title="ข่าวแก้ไขฟ้าผ่ากลางทะเลทราย")
        assert _wait(lambda: total("ฟ้าผ่ากลางทะเลทราย") == 1, 60)
    finally:
        sched.stop()


def test_each_run_is_logged_once(sources, data_dir, caplog):
    """The demo's log showed every crawl summary twice (crawler.crawl and crawler.scheduler)."""
    good = sources["moi-pr"].with_overrides(interval=60.0, jitter=0)
    sched = CrawlScheduler([good], data_dir)
    with caplog.at_level(logging.INFO):
        sched.start()
        try:
            assert _wait(lambda: len(sched.results) >= 1)
        finally:
            sched.stop()
    summary = sched.results[0].summary()
    assert [r.getMessage() for r in caplog.records].count(summary) == 1
