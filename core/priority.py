"""CPU priority of background work: a rebuild's worker processes yield the CPU to a server.

``govsearch reindex`` lowers its own priority (nice 10) and marks itself as background work; the
worker processes it starts (import, regroup, vocabulary and index-build workers) then put
themselves in Linux's idle scheduling class, where they take only CPU nothing else wants. The
process that holds the store's write transaction and the index's locks stays at nice 10: in the
idle class it could hold them for as long as a busy server leaves it no CPU, and a crawl waiting
on them would time out.
"""
from __future__ import annotations

import os

BACKGROUND_ENV = "GOVSEARCH_BACKGROUND"  # inherited by worker processes, forked or spawned
NICENESS = 10


def mark_background(step: int = NICENESS) -> None:
    """Lower this process's priority by ``step`` and mark it, so the workers it starts run idle."""
    try:
        os.nice(step)
    except (AttributeError, OSError):  # no nice on this OS: run as before
        pass
    os.environ[BACKGROUND_ENV] = "1"


def worker_started() -> None:
    """Called first in every worker process (a pool's initializer): in background work, move this
    worker (it holds no lock) to the idle scheduling class where the OS has one."""
    if os.environ.get(BACKGROUND_ENV) != "1":
        return
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):  # not Linux, or not allowed: niceness alone
        pass


def in_idle_class() -> bool:
    """True when this process runs in the idle scheduling class."""
    return hasattr(os, "SCHED_IDLE") and os.sched_getscheduler(0) == os.SCHED_IDLE
