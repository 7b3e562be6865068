"""Recent search results of the current index version, the least recently used dropped first.

Popular queries, a page and the next, a facet clicked and un-clicked come back often. Keys start
with the index version: a result of an older version is never served, and the first result of a
new version clears the older ones.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Generic, Hashable, TypeVar

ENV = "GOVSEARCH_RESULTS_CACHE"  # results a server keeps (0 turns the cache off: benchmarks)
DEFAULT_SIZE = 512

T = TypeVar("T")


def size_from_env() -> int:
    """The cache size $GOVSEARCH_RESULTS_CACHE asks for (default 512); ValueError, naming the
    variable, for anything but a whole number of 0 or more."""
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return DEFAULT_SIZE
    if not raw.isdecimal():
        raise ValueError(f"{ENV} must be a whole number of results, 0 or more (0 turns the cache off); got {raw!r}")
    return int(raw)


class ResultsCache(Generic[T]):
    """A thread-safe LRU of results keyed by tuples whose first item is the index version."""

    def __init__(self, size: int):
        if size < 0:
            raise ValueError(f"a results cache holds 0 or more results, not {size}")
        self.size = size
        self._items: OrderedDict[tuple, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Hashable, ...]) -> T | None:
        """The result kept under ``key``, or None."""
        with self._lock:
            got = self._items.get(key)
            if got is not None:
                self._items.move_to_end(key)
            return got

    def put(self, key: tuple[Hashable, ...], result: T) -> None:
        """Keep ``result`` under ``key``, dropping other versions' results and the least recent."""
        if not self.size:
            return
        with self._lock:
            if self._items and next(iter(self._items))[0] != key[0]:
                self._items.clear()  # the index changed: older versions' results are stale
            self._items[key] = result
            while len(self._items) > self.size:
                self._items.popitem(last=False)
