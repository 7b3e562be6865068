"""The one search function behind the CLI, the JSON API and the web pages.

``SearchEngine(data_dir).search(params)`` parses the query, finds every matching article,
filters by agency (a ministry includes its departments) and date, counts agency and year
facets, ranks or sorts, and returns one page of hits with highlighted snippets.

Matching, filters, facets and ranking are array operations over whole posting lists and
per-document columns read once per index version (:mod:`indexer.ranking`); recent results of the
current index version are cached.
"""
from __future__ import annotations

import os
import threading
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np

from core.agencies import registry
from core.store import Article, Store
from core.paths import store_path
from indexer.highlight import mark, snippet
from indexer.index import IndexUnavailable, current_generation, open_index
from indexer.query import ParsedQuery, parse, relaxed, unquoted
from indexer.ranking import DocTable, Ranker, adjacency_bonus, top_k
from indexer.thai import PART_MARK
from core.thaidates import DateError, parse_range, thai_date
from indexer.understand import keyboard_layout_fix, understand

SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100
MAX_PAGE = 1000
_REFRESH_SECONDS = 1.0


class ParamError(ValueError):
    """A search parameter a user typed that cannot be used; the message says why (Thai / English)."""


@dataclass
class SearchParams:
    """A validated search request."""

    q: str = ""
    agencies: list[str] = field(default_factory=list)
    since: date | None = None
    until: date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20


def build_params(q: str | None = "", agencies: list[str] | None = None, since: str | None = None,
                 until: str | None = None, sort: str | None = None, page: str | int | None = None,
                 per_page: str | int | None = None) -> SearchParams:
    """Validate raw parameters (as typed in a URL or on the command line) into SearchParams.

    Agencies may be ids, Thai names, abbreviations, English names or domains. Dates may be ISO,
    Buddhist-era, a month ("มี.ค. 2564") or a year ("2564"): ``since`` takes the first day of
    the range, ``until`` the last. Raises ParamError with a message fit for the user.
    """
    reg = registry()
    ids: list[str] = []
    for raw in agencies or []:
        for part in str(raw).split(","):
            if not part.strip():
                continue
            resolved = reg.resolve(part)
            if not resolved:
                raise ParamError(f"ไม่รู้จักหน่วยงาน / unknown agency: {part.strip()[:80]!r}")
            if resolved not in ids:
                ids.append(resolved)
    try:
        since_range = parse_range(since)
        until_range = parse_range(until)
    except DateError as e:
        raise ParamError(str(e)) from None
    start = since_range[0] if since_range else None
    end = until_range[1] if until_range else None
    if start and end and start > end:
        raise ParamError("วันเริ่มต้นอยู่หลังวันสิ้นสุด / 'since' is after 'until'")
    sort = (sort or "relevance").strip().lower()
    if sort not in SORTS:
        raise ParamError(f"sort must be one of {', '.join(SORTS)}")
    return SearchParams(
        q=(q or "")[:10_000],
        agencies=ids,
        since=start,
        until=end,
        sort=sort,
        page=_int_param("page", page, 1, 1, MAX_PAGE),
        per_page=_int_param("per_page", per_page, 20, 1, MAX_PER_PAGE),
    )


def _int_param(name: str, value: str | int | None, default: int, lo: int, hi: int) -> int:
    if value is None or value == "":
        return default
    try:
        n = int(str(value).strip())
    except ValueError:
        raise ParamError(f"{name} must be a whole number, got {str(value)[:20]!r}") from None
    if not lo <= n <= hi:
        raise ParamError(f"{name} must be between {lo} and {hi}")
    return n


@dataclass
class Hit:
    """One result."""

    url: str
    title: str
    date: str | None
    agency: str
    score: float
    snippet: str
    title_html: str


@dataclass
class SearchResult:
    """One page of results with facets, and what the engine understood of the query."""

    params: SearchParams
    total: int
    hits: list[Hit]
    facets: dict[str, list[dict]]
    words: list[str]
    notices: list[str] = field(default_factory=list)
    relaxed: bool = False
    took_ms: float = 0.0
    did_you_mean: str | None = None
    agency_suggestions: list[str] = field(default_factory=list)
    date_from_query: tuple[date, date] | None = None

    def to_json(self) -> dict:
        """The document the JSON API returns (design.md), with a few extra keys."""
        reg = registry()
        return {
            "query": self.params.q,
            "total": self.total,
            "page": self.params.page,
            "per_page": self.params.per_page,
            "sort": self.params.sort,
            "hits": [
                {
                    "url": h.url,
                    "title": h.title,
                    "date": h.date,
                    "agency": {"id": h.agency, "name": reg.name(h.agency)},
                    "score": round(h.score, 4),
                    "snippet": h.snippet,
                }
                for h in self.hits
            ],
            "facets": self.facets,
            "words": self.words,
            "relaxed": self.relaxed,
            "notices": self.notices,
            "did_you_mean": self.did_you_mean,
            "agency_suggestions": [{"id": a, "name": reg.name(a)} for a in self.agency_suggestions],
            "date_from_query": [d.isoformat() for d in self.date_from_query] if self.date_from_query else None,
            "took_ms": round(self.took_ms, 1),
        }


def _day(d: date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


class SearchEngine:
    """Searches one data folder. Thread-safe: each thread gets its own searcher and store.

    The searcher follows the index: a sync or a rebuild is picked up within about a second.
    """

    def __init__(self, data_dir: Path | str, cache_size: int | None = None):
        self.data_dir = Path(data_dir)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._ix = None
        self._gen: Path | None = None
        self._tables: dict[tuple, DocTable] = {}
        # Results of recent searches of the current index version: popular queries, a page and
        # the next, a facet clicked and un-clicked come back often. 0 turns it off (benchmarks).
        self._cache: OrderedDict[tuple, SearchResult] = OrderedDict()
        # $GOVSEARCH_RESULTS_CACHE sets the size for servers (0 measures uncached searches).
        self._cache_size = cache_size if cache_size is not None else int(os.environ.get("GOVSEARCH_RESULTS_CACHE", 512))

    # -- resources --------------------------------------------------------------------------
    def store(self) -> Store:
        """This thread's connection to the article store."""
        st = getattr(self._local, "store", None)
        if st is None:
            st = self._local.store = Store(store_path(self.data_dir))
        return st

    def _index(self):
        with self._lock:
            gen = current_generation(self.data_dir)
            if self._ix is None or gen != self._gen:
                self._ix = open_index(self.data_dir)
                self._gen = Path(self._ix.storage.folder)
            return self._ix

    def searcher(self):
        """This thread's Whoosh searcher, refreshed when the index has changed."""
        local = self._local
        now = time.monotonic()
        s = getattr(local, "searcher", None)
        if s is not None and now - local.checked < _REFRESH_SECONDS:
            return s
        ix = self._index()
        if s is None or local.ix is not ix:
            if s is not None:
                s.close()
            s = ix.searcher()
        elif not s.up_to_date():
            s = s.refresh()
        local.searcher, local.ix, local.checked = s, ix, now
        return s

    def _table_key(self, searcher) -> tuple:
        # An index version, the same for every thread's searcher: the live folder, the Whoosh
        # commit (TOC generation) and the live doc count (which changes with deletions).
        return str(self._gen), searcher.reader().generation(), searcher.doc_count()

    def _table_for(self, searcher) -> DocTable:
        key = self._table_key(searcher)
        with self._lock:
            table = self._tables.get(key)
            if table is None:
                table = DocTable(searcher)
                self._tables = {key: table}  # keep only the newest version
            return table

    def warm_up(self) -> None:
        """Load the dictionary and the current index version's columns before the first user."""
        try:
            self.search(SearchParams(q="กระทรวงมหาดไทย"))
        except IndexUnavailable:
            pass

    def close(self) -> None:
        """Close this thread's searcher and store."""
        s = getattr(self._local, "searcher", None)
        if s is not None:
            s.close()
            self._local.searcher = None
        st = getattr(self._local, "store", None)
        if st is not None:
            st.close()
            self._local.store = None

    # -- searching --------------------------------------------------------------------------
    def search(self, params: SearchParams) -> SearchResult:
        """Run a search (see the module docstring); recent results of this index version are reused."""
        if not self._cache_size:
            return self._search(params)
        searcher = self.searcher()
        key = (self._table_key(searcher), params.q, tuple(params.agencies), params.since, params.until,
               params.sort, params.page, params.per_page)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
        if hit is not None:
            return replace(hit, took_ms=0.0)
        result = self._search(params)
        with self._lock:
            if self._cache and next(iter(self._cache))[0] != key[0]:
                self._cache.clear()  # the index changed: older versions' results are stale
            self._cache[key] = result
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return result

    def _search(self, params: SearchParams) -> SearchResult:
        t0 = time.perf_counter()
        und = understand(params.q)
        date_from_query = None
        parsed = parse(params.q)
        result = None
        if und.date_range and not (params.since or params.until) and und.text:
            # "น้ำท่วม มีนาคม 2564": the month is a filter, not a word to find (unless, read that way,
            # nothing is found).
            dated = replace(params, since=und.date_range[0], until=und.date_range[1])
            result = self._run(dated, parse(und.text))
            if result.total:
                params, parsed, date_from_query = dated, parse(und.text), und.date_range
            else:
                result = None
        if result is None:
            result = self._run(params, parsed)
        if result.total == 0 and any(c.phrase and len(c.words) > 1 for c in parsed.clauses):
            # Quotes pasted along with a headline: a phrase may cross a compound differently
            # from how the article was split. Read it as plain words before giving up.
            loose = unquoted(parsed)
            alt = self._run(params, loose)
            if alt.total:
                alt.notices.append("ไม่พบวลีตรงตัว แสดงบทความที่มีทุกคำ / "
                                   "the exact phrase was not found; showing articles with all its words")
                result, parsed = alt, loose
        if result.total == 0 and not parsed.is_empty:
            result.did_you_mean = self._did_you_mean(params, parsed)
            loose = relaxed(parsed) if not result.did_you_mean else None
            if loose is not None:
                alt = self._run(params, loose)
                if alt.total:
                    alt.relaxed = True
                    alt.notices.append("ไม่พบบทความที่มีครบทุกคำ แสดงบทความที่มีบางคำ / "
                                       "no article has all the words; showing articles with some of them")
                    result = alt
        if date_from_query:
            result.date_from_query = date_from_query
            result.notices.append(f"ช่วงวันที่จากคำค้น / dates from the query: {thai_date(date_from_query[0])} – "
                                  f"{thai_date(date_from_query[1])}")
        result.agency_suggestions = [a for a in und.agencies or [] if a not in params.agencies]
        if parsed.truncated:
            result.notices.append("คำค้นยาวเกินไป ใช้เพียงส่วนแรก / query too long: only its start was used")
        result.took_ms = (time.perf_counter() - t0) * 1000
        return result

    def _did_you_mean(self, params: SearchParams, parsed: ParsedQuery) -> str | None:
        """A query that finds something: the keyboard-layout fix, else close indexed words."""
        fixed = keyboard_layout_fix(params.q)
        if fixed and self._run(params, parse(fixed)).total:
            return fixed
        searcher = self.searcher()
        corrector = searcher.corrector("text")
        changed = False
        texts: list[str] = []
        for clause in parsed.clauses:
            text = clause.text
            # Correct what the user typed as a whole: a typo splits a word into junk words.
            key = text.lower()
            if not clause.negated and len(key) >= 3 and searcher.doc_frequency("text", key) == 0 \
                    and searcher.doc_frequency("text", PART_MARK + key) == 0:
                dist = 2 if len(key) >= 7 else 1
                # The word may exist only inside compounds, i.e. only as a marked part.
                options = [o.removeprefix(PART_MARK) for o in
                           corrector.suggest(key, limit=1, maxdist=dist, prefix=1)
                           + corrector.suggest(PART_MARK + key, limit=1, maxdist=dist, prefix=2)]
                if options:
                    text, changed = options[0], True
            texts.append(("-" if clause.negated else "") + (f'"{text}"' if clause.phrase else text))
        if not changed:
            return None
        suggestion = " ".join(texts)
        return suggestion if self._run(params, parse(suggestion)).total else None

    def _run(self, params: SearchParams, parsed: ParsedQuery) -> SearchResult:
        searcher = self.searcher()
        table = self._table_for(searcher)
        reg = registry()
        scored = params.sort == "relevance" and not parsed.is_empty
        if parsed.is_empty and not any(c.negated for c in parsed.clauses):
            matched, scores = table.live, None
        else:
            ev = Ranker(searcher, table).evaluate(parsed)
            matched, scores = ev.mask, ev.scores

        agency_mask = date_mask = None
        if params.agencies:
            wanted: set[str] = set()
            for a in params.agencies:
                wanted |= reg.descendants(a)
            agency_mask = table.agency_mask(frozenset(wanted))
        if params.since or params.until:
            date_mask = table.date_mask(_day(params.since) if params.since else 1,
                                        _day(params.until) if params.until else 99991231)
        filtered = matched
        for m in (agency_mask, date_mask):
            if m is not None:
                filtered = filtered & m
        # Facets count what the other filters leave: the agency facet ignores the agency filter
        # (so a user can see and add other agencies), the year facet ignores the dates.
        agency_base = matched & date_mask if date_mask is not None else matched
        year_base = matched & agency_mask if agency_mask is not None else matched
        agency_counts = np.bincount(table.agency[agency_base], minlength=len(table.agency_names))
        years = table.days[year_base] // 10000
        year_counts = np.bincount(years) if len(years) else np.zeros(0, dtype=np.int64)

        candidates = np.flatnonzero(filtered)
        total = len(candidates)
        want = params.page * params.per_page
        if scored:
            # Rank a generous head by BM25, then let whole runs of a multi-word query lift articles.
            head = top_k(scores, candidates, max(want, 60) if any(len(c.words) > 1 for c in parsed.clauses)
                         else want)
            page_docs = self._rerank(searcher, parsed, head, scores)[want - params.per_page:want]
        else:
            key = table.days[candidates] * (1 << 24) + candidates
            order = np.argsort(key, kind="stable")
            if params.sort != "oldest":
                order = order[::-1]
            page_docs = [(int(d), 0.0) for d in candidates[order[want - params.per_page:want]]]

        hits = self._hits(searcher, page_docs, parsed)
        facets = {
            "agency": self._agency_facet({i: int(n) for i, n in enumerate(agency_counts) if n}, table, reg),
            "year": [{"value": int(y), "count": int(n)} for y, n in sorted(
                ((y, n) for y, n in enumerate(year_counts) if n and y), reverse=True)],
        }
        return SearchResult(params, total, hits, facets, parsed.words)

    @staticmethod
    def _rerank(searcher, parsed: ParsedQuery, head: np.ndarray, scores: np.ndarray) -> list[tuple[int, float]]:
        ranked = [(int(d), float(scores[d])) for d in head]
        if not any(len(c.words) > 1 and not c.negated for c in parsed.clauses):
            return ranked
        titles = {d: searcher.stored_fields(d).get("title", "") for d, _s in ranked}
        bonus = adjacency_bonus(parsed, titles)
        boosted = [(d, s + bonus.get(d, 0.0)) for d, s in ranked]
        boosted.sort(key=lambda x: (-x[1], x[0]))
        return boosted

    @staticmethod
    def _agency_facet(counts: dict[int, int], table: DocTable, reg) -> list[dict]:
        by_ministry: Counter = Counter()
        by_agency: Counter = Counter()
        for idx, n in counts.items():
            agency = table.agency_names[idx]
            by_agency[agency] += n
            by_ministry[reg.ministry_of(agency)] += n
        out = []
        for ministry, n in by_ministry.most_common():
            out.append({"id": ministry, "name": reg.name(ministry), "name_en": reg.name(ministry, "en"),
                        "count": n, "parent": None})
            for agency, m in by_agency.most_common():
                if agency != ministry and reg.ministry_of(agency) == ministry:
                    out.append({"id": agency, "name": reg.name(agency), "name_en": reg.name(agency, "en"),
                                "count": m, "parent": ministry})
        return out

    def _hits(self, searcher, page: list[tuple[int, float]], parsed: ParsedQuery) -> list[Hit]:
        if not page:
            return []
        stored = [searcher.stored_fields(d) for d, _s in page]
        articles = self.store().get_articles([s["url"] for s in stored])
        terms = parsed.highlight_terms
        hits = []
        for (docnum, score), fields in zip(page, stored):
            art = articles.get(fields["url"])
            title = art.title if art else fields.get("title", "")
            body = art.body if art else ""
            day = fields.get("day") or 0
            hits.append(Hit(
                url=fields["url"],
                title=title,
                date=f"{day // 10000:04d}-{day // 100 % 100:02d}-{day % 100:02d}" if day else None,
                agency=fields.get("agency", ""),
                score=float(score),
                snippet=snippet(body, terms) if body else "",
                title_html=mark(title, terms),
            ))
        return hits

    def matching_urls(self, q: str) -> set[str]:
        """URLs of every article the query matches, unranked and unfiltered (for evaluations)."""
        searcher = self.searcher()
        parsed = parse(q)
        if parsed.is_empty:
            return set()
        ev = Ranker(searcher, self._table_for(searcher)).evaluate(parsed)
        return {searcher.stored_fields(int(d))["url"] for d in np.flatnonzero(ev.mask)}

    # -- other reads ------------------------------------------------------------------------
    def article(self, url: str) -> Article | None:
        """The stored article for a URL."""
        return self.store().get_article(url)

    def doc_count(self) -> int:
        """Documents in the live index."""
        return self.searcher().doc_count()
