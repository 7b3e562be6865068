"""``govsearch schedule``: re-crawl each source at its interval, with jitter, until stopped.

APScheduler 3 (BackgroundScheduler) runs one job per source. A job never overlaps itself in this
process (``max_instances=1``, ``coalesce``) nor in another one: :class:`crawler.lock.SourceLock`
is a file lock in the data folder, so a second scheduler (or a manual crawl) skips a source that
is being crawled. After a run that stored new or updated articles, the ``after_changes`` callback
(given by the caller, e.g. an index update) runs, one call at a time. A failing source is
logged and retried at its next turn; the others go on. The next run of every source is written
to the store (``crawl_schedule``) for ``govsearch status``. SIGTERM and SIGINT stop it cleanly:
a crawl in flight ends after its current article (each one is committed on its own; the walk
resumes at the next run), the index is brought up to date with what was fetched, and only then
does :meth:`CrawlScheduler.wait` return.
"""
from __future__ import annotations

import logging
import signal
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterable

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MISSED
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from core.paths import store_path
from core.store import Store
from crawler.bookkeeping import CrawlBook
from crawler.crawl import crawl_source
from crawler.lock import AlreadyRunning
from crawler.runstats import RunStats
from crawler.sources import Source

log = logging.getLogger(__name__)


def _iso(when: datetime | None) -> str | None:
    return when.astimezone(timezone.utc).replace(microsecond=0).isoformat() if when else None


class CrawlScheduler:
    """Re-crawls sources on their intervals. ``start()``, then ``wait()`` or ``stop()``."""

    def __init__(self, sources: Iterable[Source], data_dir: Path, *,
                 after_changes: Callable[[], object] | None = None, max_pages: int | None = None,
                 workers: int = 2, run_now: bool = True):
        self.sources = list(sources)
        self.data_dir = Path(data_dir)
        self.after_changes = after_changes
        self.max_pages = max_pages
        self.run_now = run_now
        self.results: list[RunStats] = []
        self._stopped = threading.Event()
        self._finished = threading.Event()  # set once stop() has seen every crawl end
        self._after_lock = threading.Lock()
        self._active = 0  # crawls in flight; stop() waits for them itself (see there)
        self._idle = threading.Condition()
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
        with self._idle:
            if self._stopped.is_set():
                return None
            self._active += 1
        try:
            return self._crawl(src)
        finally:
            with self._idle:
                self._active -= 1
                self._idle.notify_all()

    def _crawl(self, src: Source) -> RunStats | None:
        try:
            stats = crawl_source(src, self.data_dir, max_pages=self.max_pages, stop=self._stopped)
        except AlreadyRunning as e:
            log.warning("skipped: %s", e)
            return None
        self.results.append(stats)  # crawl_source logged its summary: not twice
        if self.after_changes is not None and stats.changed:
            with self._after_lock:  # jobs run in parallel threads; an index takes one writer at a time
                self.after_changes()
        return stats

    def _on_event(self, event) -> None:
        if getattr(event, "exception", None) is not None:
            log.error("crawl job %s failed: %r", event.job_id, event.exception)
        if not self._stopped.is_set():
            self._record_next_runs()

    def _record_next_runs(self) -> None:
        try:
            with Store(store_path(self.data_dir)) as store:
                book = CrawlBook(store)
                for job in self.scheduler.get_jobs():
                    src = next((s for s in self.sources if s.id == job.id), None)
                    book.set_next_run(job.id, _iso(job.next_run_time), src.interval if src else None)
        except Exception:  # status bookkeeping must never stop the scheduler
            log.exception("could not record the next runs")

    def stop(self, wait: bool = True) -> None:
        """Stop scheduling; with ``wait``, let crawls in flight finish."""
        if self._stopped.is_set():
            return
        with self._idle:
            self._stopped.set()
        log.info("scheduler stopping")
        # APScheduler's shutdown(wait=True) joins the job threads while holding the job-store lock
        # that a job's completion listener needs (get_jobs): it deadlocks if a crawl finishes
        # meanwhile. So shut down without waiting, then wait for the crawls in flight here.
        self.scheduler.shutdown(wait=False)
        if wait:
            with self._idle:
                self._idle.wait_for(lambda: self._active == 0)
        try:
            with Store(store_path(self.data_dir)) as store:
                book = CrawlBook(store)
                for src in self.sources:
                    book.set_next_run(src.id, None, src.interval)
        finally:
            self._finished.set()

    def wait(self) -> None:
        """Block until :meth:`stop` has finished (e.g. called from a signal handler): every crawl
        in flight has ended and its articles are indexed."""
        while not self._finished.wait(1.0):
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
