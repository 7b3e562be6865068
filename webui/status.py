"""What the status page and ``/api/status`` show, and how: the documents, not how they are collected.

The app does not know the crawl sources: whoever builds it passes a collector
(``create_app(data_dir, status=...)``) that returns a :class:`Status`; without one, the status
routes answer 404.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from flask import abort, current_app

EXTENSION = "govsearch.status"


UNREACHABLE_RUNS = 3


@dataclass
class SourceStatus:
    """One crawl source: its last run and when it is due to be crawled next."""

    id: str
    name: str
    agency: str
    publisher: str
    verified: bool
    interval_s: float
    articles: int
    last_run: dict | None
    next_crawl: str | None
    family: str = ""
    evidence: str = ""
    crawlable: bool = True  # False: no public evidence of the layout, so never crawled
    failed_runs: int = 0  # runs in a row that failed (site down, disallowed) since the last success
    last_success: str | None = None
    scheduled: bool = False  # a running scheduler has planned next_crawl (interval_s is then its own)

    @property
    def unreachable(self) -> bool:
        """Failing for long enough to tell the operator (not one bad run)."""
        return self.failed_runs >= UNREACHABLE_RUNS


@dataclass
class Status:
    """What the status page, ``/api/status`` and ``govsearch status`` show."""

    articles: int
    index_docs: int
    index_bytes: int
    index_generation: str | None
    index_applied_seq: int
    store_seq: int
    store_updated: str | None
    sources: list[SourceStatus] = field(default_factory=list)
    agencies: list[tuple[str, int]] = field(default_factory=list)
    other_runs: dict[str, dict] = field(default_factory=dict)

    @property
    def index_behind(self) -> int:
        """Store changes the index has not applied yet (0 = fresh)."""
        return max(0, self.store_seq - self.index_applied_seq)

    def to_json(self) -> dict:
        """The ``/api/status`` document."""
        return {
            "articles": self.articles,
            "index": {
                "documents": self.index_docs,
                "bytes": self.index_bytes,
                "generation": self.index_generation,
                "applied_seq": self.index_applied_seq,
                "store_seq": self.store_seq,
                "behind": self.index_behind,
                "store_updated": self.store_updated,
            },
            "sources": [
                {
                    "id": s.id, "name": s.name, "agency": s.agency, "publisher": s.publisher,
                    "verified": s.verified, "interval_seconds": s.interval_s, "articles": s.articles,
                    "last_run": s.last_run, "next_crawl": s.next_crawl,
                    "family": s.family, "evidence": s.evidence, "crawlable": s.crawlable,
                    "failed_runs": s.failed_runs, "last_success": s.last_success,
                    "scheduled": s.scheduled,
                }
                for s in self.sources
            ],
            "other_runs": self.other_runs,
            "agencies": [{"id": a, "count": n} for a, n in self.agencies],
        }


StatusCollector = Callable[[], Status]

_UNITS = ((86400, "d", "วัน"), (3600, "h", "ชม."), (60, "min", "นาที"), (1, "s", "วินาที"))


def every(seconds: float, lang: str = "en") -> str:
    """An interval in its largest whole unit: "every 5 min", "every 3 h", "ทุก 1 วัน"."""
    secs = max(1, round(seconds))
    size, en, th = next(u for u in _UNITS if secs % u[0] == 0)
    n = secs // size
    return f"every {n} {en}" if lang == "en" else f"ทุก {n} {th}"


def current() -> Status:
    """The status from the collector the app was built with (404 when it was built without one)."""
    collect: StatusCollector | None = current_app.extensions.get(EXTENSION)
    if collect is None:
        abort(404, description="this server was started without a status collector")
    return collect()
