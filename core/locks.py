"""One kind of lock for every writer: an exclusive ``flock`` on a file in the data folder.

The kernel drops an ``flock`` when its holder dies, so a killed crawl, sync or rebuild never leaves
a stale lock behind, and it works across processes (two schedulers, a scheduler and a manual crawl).
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def file_lock(path: Path, *, blocking: bool = True, note: str | None = None) -> Iterator[bool]:
    """Hold an exclusive lock on ``path`` for the block; yields False (holding nothing) when
    ``blocking`` is off and another process has it. ``note`` (e.g. the pid) is written into the file
    so that a person can see who holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            if note is not None:
                os.ftruncate(fd, 0)
                os.write(fd, f"{note}\n".encode())
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
