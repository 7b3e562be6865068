"""``govsearch schedule``: re-crawl each source at its interval, with jitter, until stopped.

APScheduler 3 (BackgroundScheduler) runs one job per source. A job never overlaps itself in this
process (``max_instances=1``, ``coalesce``) nor in another one: :class:`crawler.crawl.SourceLock`
is a file lock in the data folder, so a second scheduler (or a manual crawl) skips a source that
is being crawled. A failing source is logged and retried at its next turn; the others go on. The
next run of every source is written to the store (``crawl_schedule``) for ``govsearch status``.
SIGTERM and SIGINT stop it cleanly: the crawl in flight finishes its current article (each one
is committed on its own) and the process exits.
"""
from __future__ import annotations

import logging
import signal
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MISSED
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from crawler.crawl import AlreadyRunning, RunStats, crawl_source, update_index
from crawler.sources import Source
from core.store import Store
from core.paths import store_path

log = logging.getLogger(__name__)


def _iso(when: datetime | None) -> str | None:
    return when.astimezone(timezone.utc).replace(microsecond=0).isoformat() if when else None


class CrawlScheduler:
    """Re-crawls sources on their intervals. ``start()``, then ``wait()`` or ``stop()``."""

    def __init__(self, sources: Iterable[Source], data_dir: Path, *, index: bool = True,
                 max_pages: int | None = None, workers: int = 2, run_now: bool = True):
        self.sources = list(sources)
        self.data_dir = Path(data_dir)
        self.index = index
        self.max_pages = max_pages
        self.run_now = run_now
        self.results: list[RunStats] = []
        self._stopped = threading.Event()
        self._index_lock = threading.Lock()
        self.scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(max_workers=workers)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
            timezone=timezone.utc,
        )
        self.scheduler.add_listener(self._on_event, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED)

    def start(self) -> None:
        """Add one job per source and start running them."""
        now = datetime.now(timezone.utc)
        for src in self.sources:
            trigger = IntervalTrigger(seconds=max(src.interval, 1), jitter=int(src.jitter) or None,
                                      timezone=timezone.utc)
            first = now + timedelta(seconds=0.2) if self.run_now else None
            self.scheduler.add_job(self._run, trigger, args=[src], id=src.id, name=f"crawl {src.id}",
                                   next_run_time=first or trigger.get_next_fire_time(None, now))
        self.scheduler.start()
        self._record_next_runs()
        log.info("scheduler started: %s", ", ".join(f"{s.id} every {s.interval:g}s" for s in self.sources))

    def _run(self, src: Source) -> RunStats | None:
        if self._stopped.is_set():
            return None
        try:
            stats = crawl_source(src, self.data_dir, max_pages=self.max_pages)
        except AlreadyRunning as e:
            log.warning("skipped: %s", e)
            return None
        self.results.append(stats)
        log.info("%s", stats.summary())
        if self.index and (stats.new or stats.updated):
            with self._index_lock:  # one index writer at a time
                update_index(self.data_dir)
        return stats

    def _on_event(self, event) -> None:
        if getattr(event, "exception", None) is not None:
            log.error("crawl job %s failed: %r", event.job_id, event.exception)
        self._record_next_runs()

    def _record_next_runs(self) -> None:
        try:
            with Store(store_path(self.data_dir)) as store:
                for job in self.scheduler.get_jobs():
                    src = next((s for s in self.sources if s.id == job.id), None)
                    store.set_next_run(job.id, _iso(job.next_run_time), src.interval if src else None)
        except Exception:  # status bookkeeping must never stop the scheduler
            log.exception("could not record the next runs")

    def stop(self, wait: bool = True) -> None:
        """Stop scheduling; with ``wait``, let crawls in flight finish."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        log.info("scheduler stopping")
        self.scheduler.shutdown(wait=wait)
        with Store(store_path(self.data_dir)) as store:
            for src in self.sources:
                store.set_next_run(src.id, None, src.interval)

    def wait(self) -> None:
        """Block until :meth:`stop` is called (e.g. from a signal handler)."""
        while not self._stopped.wait(1.0):
            pass

    def install_signal_handlers(self) -> None:
        """Stop cleanly on SIGTERM and SIGINT (call from the main thread)."""
        def handler(signum, _frame):
            log.info("received %s", signal.Signals(signum).name)
            threading.Thread(target=self.stop, daemon=True).start()
        signal.signal(signal.SIGTERM, handler)
        signal.signal(signal.SIGINT, handler)


def run_scheduler(sources: Iterable[Source], data_dir: Path, **kw) -> None:
    """Run the scheduler in the foreground until SIGTERM/SIGINT."""
    sched = CrawlScheduler(sources, data_dir, **kw)
    sched.install_signal_handlers()
    sched.start()
    sched.wait()
    log.info("scheduler stopped")
