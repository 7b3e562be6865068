"""What the views need from the search core (views hold no Whoosh or SQL; status: webui.status).

One :class:`~indexer.SearchEngine` per app: it is thread-safe (a searcher and a store per
thread) and reopens the index by itself when a sync or rebuild lands, so new articles appear
without a restart.
"""
from __future__ import annotations

import gc
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_to_bytes

from flask import Flask, current_app
from werkzeug.datastructures import MultiDict

from core.store import Article
from indexer import ParamError, SearchEngine, SearchParams, SearchResult, build_params
from webui.urls import url_variants

_EXT = "govsearch"


def init_app(app: Flask) -> None:
    """Attach a search engine over the app's data folder."""
    app.extensions[_EXT] = {"engine": SearchEngine(app.config["DATA_DIR"]), "home": _TTLCache()}


def warm_up(app: Flask) -> None:
    """Prepare the engine before the first request, then leave what it loaded out of the
    garbage collector's full passes.

    The objects alive after the warm-up (modules, dictionaries, the index version's tables) mostly
    live as long as the process: ``gc.freeze`` spares every full collection scanning them again (on
    the 90k index a full pass took ~50 ms of a request, 5 ms after the freeze; all collections
    0.16 -> 0.06 CPU ms a request). The warm-up's own searcher and store connection are closed
    first: this thread serves no request, and its searcher would keep the first index version's
    files open on disk after a re-index replaced them."""
    eng = app.extensions[_EXT]["engine"]
    eng.warm_up()
    eng.close()
    gc.collect()
    gc.freeze()


def engine() -> SearchEngine:
    """The current app's search engine."""
    return current_app.extensions[_EXT]["engine"]


def params_from_args(args: MultiDict, per_page_default: int | None = None, raw: bytes = b"") -> SearchParams:
    """Validated search parameters from a query string (``raw``: as it came, to check its
    percent-escapes are UTF-8); raises ParamError for bad input."""
    try:
        unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        # The server would search the escapes as letters ("%FF%FE" as ff and fe): say so instead.
        raise ParamError("ที่อยู่มีอักขระที่อ่านไม่ออก (ไม่ใช่ UTF-8) / the query string is not UTF-8 "
                         "percent-encoded text") from None
    return build_params(
        q=args.get("q", ""),
        agencies=args.getlist("agency"),
        provinces=args.getlist("province"),
        since=args.get("since"),
        until=args.get("until"),
        sort=args.get("sort"),
        page=args.get("page"),
        per_page=args.get("per_page") or per_page_default,
        group=args.get("group"),
    )


def search(params: SearchParams, marked_titles: bool = True) -> SearchResult:
    """Run a search (ParamError and IndexUnavailable reach the error handler); ``marked_titles``:
    see :meth:`SearchEngine.search`."""
    return engine().search(params, marked_titles=marked_titles)


def data_version() -> tuple:
    """The version of the data the answers come from (see :meth:`SearchEngine.version`)."""
    return engine().version()


def count_without_filters(params: SearchParams) -> int:
    """How many articles the query finds with no agency, province or date filter (for the empty state)."""
    loose = SearchParams(q=params.q, sort=params.sort, page=1, per_page=1)
    return engine().search(loose).total


def count_at_any_date(params: SearchParams, words: str) -> int:
    """How many articles ``words`` find at any date, with the request's other filters (the way out
    of a date read from the query that found nothing)."""
    loose = SearchParams(q=words, agencies=params.agencies, provinces=params.provinces, group=params.group,
                         page=1, per_page=1)
    return engine().search(loose).total


def article(url: str) -> Article | None:
    """The stored article for a URL, or None; the URL may also be pasted in another form of it
    (:func:`webui.urls.url_variants`: http for https, a slash more or less at the end)."""
    for candidate in url_variants(url) if url else ():
        art = engine().article(candidate)
        if art is not None:
            return art
    return None


def copies(art: Article) -> list[dict]:
    """The other copies of an article's release: ``{url, publisher, title, date}``."""
    return engine().copies(art.url, art.story)


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
