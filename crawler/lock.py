"""One crawl of a source at a time, across processes: a lock file per source in the data folder."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from core.locks import file_lock
from crawler.errors import CrawlError


class AlreadyRunning(CrawlError):
    """Another process is crawling this source right now."""

    kind = "locked"


class SourceLock:
    """An exclusive, non-blocking lock per source (a :func:`core.locks.file_lock` in the data folder)."""

    def __init__(self, data_dir: Path, source_id: str):
        self.path = Path(data_dir) / "locks" / f"crawl-{source_id}.lock"
        self.source_id = source_id
        self._held: contextlib.ExitStack | None = None

    def acquire(self) -> None:
        """Take the lock or raise AlreadyRunning."""
        stack = contextlib.ExitStack()
        if not stack.enter_context(file_lock(self.path, blocking=False, note=str(os.getpid()))):
            stack.close()
            raise AlreadyRunning(f"a crawl of {self.source_id!r} is already running (lock {self.path})")
        self._held = stack

    def release(self) -> None:
        """Release the lock."""
        if self._held is not None:
            self._held.close()
            self._held = None

    def __enter__(self) -> "SourceLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
