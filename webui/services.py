"""Everything the views need from the search core, in one place (views hold no Whoosh or SQL).

One :class:`~indexer.search.SearchEngine` per app: it is thread-safe (a searcher and a store per
thread) and reopens the index by itself when a sync or rebuild lands, so new articles appear
without a restart.
"""
from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from flask import Flask, current_app
from werkzeug.datastructures import MultiDict

from crawler.agencies import registry
from crawler.sources import load_sources
from crawler.store import Article
from indexer.index import IndexUnavailable, applied_seq, current_generation, index_size
from indexer.search import ParamError, SearchEngine, SearchParams, SearchResult, build_params

_EXT = "govsearch"
_PHRASE_MARKS = re.compile(r'["\u201c\u201d]')
log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Attach a search engine over the app's data folder."""
    app.extensions[_EXT] = {"engine": SearchEngine(app.config["DATA_DIR"]), "home": _TTLCache()}


def engine() -> SearchEngine:
    """The current app's search engine."""
    return current_app.extensions[_EXT]["engine"]


def params_from_args(args: MultiDict, per_page_default: int | None = None) -> SearchParams:
    """Validated search parameters from a query string; raises ParamError for bad input."""
    return build_params(
        q=args.get("q", ""),
        agencies=args.getlist("agency"),
        since=args.get("since"),
        until=args.get("until"),
        sort=args.get("sort"),
        page=args.get("page"),
        per_page=args.get("per_page") or per_page_default,
    )


def search(params: SearchParams) -> SearchResult:
    """Run a search; a query the engine fails on is retried once as plain words (see below)."""
    try:
        return engine().search(params)
    except (ParamError, IndexUnavailable):
        raise
    except Exception:
        # The reader typed nothing wrong: this is a bug in the search core, so log it with its
        # traceback, then answer the same words without quotes rather than a 500.
        plain = _PHRASE_MARKS.sub(" ", params.q).strip()
        if plain == params.q.strip():
            raise
        log.exception("search failed for %r; retried without quotes", params.q[:200])
        result = engine().search(replace(params, q=plain))
        result.params = params
        result.notices.append("ค้นแบบวลีตรงตัวไม่ได้ จึงค้นเป็นคำทั่วไป / "
                              "the exact-phrase search failed; the words were searched instead")
        return result


def count_without_filters(params: SearchParams) -> int:
    """How many articles the query finds with no agency or date filter (for the empty state)."""
    loose = SearchParams(q=params.q, sort=params.sort, page=1, per_page=1)
    return engine().search(loose).total


def article(url: str) -> Article | None:
    """The stored article for a URL, or None."""
    return engine().article(url) if url else None


# -- home page -----------------------------------------------------------------------------

@dataclass
class HomeSection:
    """Newest articles of one ministry (its departments included)."""

    agency: str
    count: int
    hits: list


def home_sections() -> tuple[int, list[HomeSection]]:
    """Total articles and the newest news of the busiest ministries (cached a few seconds)."""
    cfg = current_app.config
    cache: _TTLCache = current_app.extensions[_EXT]["home"]
    return cache.get(cfg["HOME_CACHE_SECONDS"], lambda: _home(cfg["HOME_MINISTRIES"], cfg["HOME_PER_MINISTRY"]))


def _home(ministries: int, per_ministry: int) -> tuple[int, list[HomeSection]]:
    eng = engine()
    overview = eng.search(SearchParams(sort="newest", per_page=1))
    tops = [f for f in overview.facets["agency"] if f["parent"] is None][:ministries]
    sections = []
    for f in tops:
        res = eng.search(SearchParams(agencies=[f["id"]], sort="newest", per_page=per_ministry))
        sections.append(HomeSection(f["id"], f["count"], res.hits))
    return overview.total, sections


class _TTLCache:
    """One value, recomputed when older than ``ttl`` seconds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: Any = None
        self._at = -1e18

    def get(self, ttl: float, compute):
        with self._lock:
            if time.monotonic() - self._at < ttl:
                return self._value
        value = compute()
        with self._lock:
            self._value, self._at = value, time.monotonic()
        return value


# -- status --------------------------------------------------------------------------------

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


def agency_name(agency_id: str, lang: str = "th") -> str:
    """Display name of an agency id."""
    return registry().name(agency_id, lang)
