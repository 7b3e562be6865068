"""The status page and ``/api/status``: crawl runs per source, counts, index size and freshness."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from crawler.sources import load_sources
from indexer import applied_seq, current_generation, index_size
from webui.services import engine


@dataclass
class SourceStatus:
    """One crawl source: its last run and when the scheduler will run it next."""

    id: str
    name: str
    agency: str
    publisher: str
    verified: bool
    interval_s: float
    articles: int
    last_run: dict | None
    next_crawl: str | None


@dataclass
class Status:
    """What the status page and ``/api/status`` show."""

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
                }
                for s in self.sources
            ],
            "other_runs": self.other_runs,
            "agencies": [{"id": a, "count": n} for a, n in self.agencies],
        }


def status() -> Status:
    """Crawl runs per source, article counts, and the index's size and freshness."""
    eng = engine()
    store = eng.store()
    data = eng.data_dir
    gen = current_generation(data)
    runs = store.last_runs()
    by_publisher = store.counts_by("publisher")
    sources = []
    for src in load_sources().values():
        last = runs.pop(src.id, None)
        sources.append(SourceStatus(
            id=src.id, name=src.name or src.id, agency=src.agency, publisher=src.publisher,
            verified=src.verified, interval_s=src.interval, articles=by_publisher.get(src.publisher, 0),
            last_run=last, next_crawl=_next_crawl(last, src.interval),
        ))
    # Verified sources first, then the ones with runs, then by name.
    sources.sort(key=lambda s: (not s.verified, s.last_run is None, s.id))
    agencies = sorted(store.counts_by("agency").items(), key=lambda kv: -kv[1])
    return Status(
        articles=store.count_articles(),
        index_docs=eng.doc_count(),
        index_bytes=index_size(data),
        index_generation=gen.name if gen else None,
        index_applied_seq=applied_seq(gen) if gen else 0,
        store_seq=store.last_seq(),
        store_updated=store.last_update(),
        sources=sources,
        agencies=agencies,
        other_runs=runs,  # runs of sources no longer configured
    )


def _next_crawl(last_run: dict | None, interval: float) -> str | None:
    """When the scheduler is due to crawl again: the last start plus the interval."""
    if not last_run or not last_run.get("started"):
        return None
    try:
        started = datetime.fromisoformat(last_run["started"])
    except ValueError:
        return None
    if started.tzinfo is None:
        started = started.replace(tzinfo=timezone.utc)
    return datetime.fromtimestamp(started.timestamp() + interval, timezone.utc).replace(microsecond=0).isoformat()
