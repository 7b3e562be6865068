"""Prepares each new index version in the background, before its first search.

A sync (a crawl run, an import) commits a new index version; the first search on it would build
the version's :class:`indexer.whoosh_backend.postings.DocTable` (its whole-corpus columns) while
a user waits. A watcher thread of the backend notices the new version within half a refresh
interval and builds the table with a searcher of its own, so the search finds it ready and only
opens the new segment for its own thread (a cost in the new documents, not the corpus).

The thread runs while the backend is searched: it stops after ``IDLE_SECONDS`` without a search
(the next search starts it again), when the backend is garbage, and in a forked child (which
starts its own).
"""
from __future__ import annotations

import logging
import os
import threading
import time
import weakref

log = logging.getLogger(__name__)

IDLE_SECONDS = 120.0


class VersionWatcher:
    """Starts and stops the preparing thread of one backend (see the module docstring)."""

    def __init__(self, backend, interval: float):
        self._backend = weakref.ref(backend)
        self._interval = interval
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid = 0
        self.last_search = 0.0
        self.prepared = 0  # versions this thread prepared (for tests and benchmarks)

    def touch(self) -> None:
        """A search happened: keep the thread running (start it if it is not)."""
        self.last_search = time.monotonic()
        thread = self._thread
        if thread is not None and thread.is_alive() and self._pid == os.getpid():
            return
        with self._lock:
            if self._thread is None or not self._thread.is_alive() or self._pid != os.getpid():
                self._pid = os.getpid()
                self._thread = threading.Thread(target=self._run, name="govsearch-prepare", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        failures = 0
        try:
            while time.monotonic() - self.last_search < IDLE_SECONDS:
                # After a failure, wait longer each time (up to a minute): a damaged index must
                # not be re-read twice a second; a search reports it, this thread only waits.
                time.sleep(min(self._interval * 2 ** failures, 60.0))
                backend = self._backend()
                if backend is None:
                    return
                try:
                    if backend.prepare():
                        self.prepared += 1
                    failures = 0
                except Exception:  # noqa: BLE001 - see above
                    if not failures:  # once per run of failures: a search reports the index's state
                        log.warning("preparing the new index version failed; retrying", exc_info=True)
                    failures += 1
                del backend
        finally:
            backend = self._backend()
            if backend is not None:
                backend.close()  # this thread's searcher
