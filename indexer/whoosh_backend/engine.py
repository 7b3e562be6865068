"""The searcher side of the Whoosh engine (:class:`indexer.interface.SearchBackend`).

Each thread gets its own Whoosh searcher, refreshed when a sync or a rebuild lands (checked at
most once a second); the per-document columns of an index version (:class:`DocTable`) are built
once and shared. One :meth:`WhooshBackend.run` evaluates a reading of a query over whole posting
lists (:mod:`indexer.ranking`), applies the filters, counts the facets and cuts one page.
"""
from __future__ import annotations

import itertools
import threading
import time
from bisect import bisect_right
from datetime import date
from pathlib import Path

import numpy as np

from core.agencies import registry
from indexer.interface import IndexUnavailable, Match, Page
from indexer.params import SearchParams
from indexer.query import ParsedQuery
from indexer.ranking import Ranker, top_k
from indexer.lexicon import lexicon_words_starting
from indexer.thai import PART_MARK, Lexicon
from indexer.whoosh_backend.analysis import schema_lexicon
from indexer.whoosh_backend.index import current_generation, open_index
from indexer.whoosh_backend.postings import DocTable, VersionTerms
from indexer.whoosh_backend.prepare import VersionWatcher
from indexer.whoosh_backend.searchers import renewed_searcher
from indexer.whoosh_backend.segments import SegmentCache

_REFRESH_SECONDS = 1.0
MAX_EXPANSIONS = 400  # words read from the lexicon for one prefix (a cut word is rare: few start so)
MAX_TERM_EXPANSIONS = 100  # terms read from the index for one prefix (a name typed unfinished)


def _and(base: np.ndarray, *masks: np.ndarray | None) -> np.ndarray:
    for m in masks:
        if m is not None:
            base = base & m
    return base


def _age(version: tuple) -> tuple:
    """Order of index versions: generation folders are named by time, commits count up (an
    empty index's reader has no commit number)."""
    return version[0], -1 if version[1] is None else version[1]


def _day(d: date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


class _Docnums:
    """One run's docnums of each distinct mask, and each mask collapsed to story groups: computed
    once however many facets share the mask (keyed by the array, which the entry keeps alive)."""

    def __init__(self) -> None:
        self._docs: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._collapsed: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def __call__(self, mask: np.ndarray) -> np.ndarray:
        got = self._docs.get(id(mask))
        if got is None:
            got = self._docs[id(mask)] = (mask, np.flatnonzero(mask))
        return got[1]

    def collapsed(self, table: DocTable, mask: np.ndarray) -> np.ndarray:
        got = self._collapsed.get(id(mask))
        if got is None:
            got = self._collapsed[id(mask)] = (mask, table.collapse(mask))
        return got[1]


REMEMBERED_DOCS = 4096  # stored fields kept per index version (a head is 60 documents)


def _stored_fields(reader, docnums: list[int], remembered: dict[int, dict]) -> list[dict]:
    """The stored fields of ``docnums``, from ``remembered`` (the index version's documents read
    lately: the same articles head query after query and page after page; a docnum means one
    document within a version) or read straight from their segments' stored-field columns.

    ``searcher.stored_fields`` goes through the multi-segment reader and then filters every
    field against the schema, a third of a page's reads; the fields read here are all in the
    schema, so the filter changes nothing they see. A reader of another codec (no per-document
    reader) goes through the public call."""
    leaves = offsets = None
    out = []
    for d in docnums:
        fields = remembered.get(d)
        if fields is None:
            if leaves is None:
                leaves = reader.leaf_readers()
                offsets = [int(off) for _leaf, off in leaves]
            leaf, off = leaves[bisect_right(offsets, d) - 1]
            perdoc = getattr(leaf, "_perdoc", None)
            fields = perdoc.stored_fields(d - off) if perdoc is not None else leaf.stored_fields(d - off)
            if len(remembered) >= REMEMBERED_DOCS:
                remembered.clear()  # (a dict's single operations are atomic: threads share it)
            remembered[d] = fields
        out.append(fields)
    return out


class WhooshBackend:
    """Searches the Whoosh index of one data folder. Thread-safe."""

    def __init__(self, data_dir: Path | str):
        self.data_dir = Path(data_dir)
        self.runs = 0
        self._local = threading.local()
        self._lock = threading.Lock()
        self._ix = None
        self._gen: Path | None = None
        self._tables: dict[tuple, DocTable] = {}
        self._tables_lock = threading.Lock()
        self._segments = SegmentCache()
        # Builds a new version's table before its first search (see prepare.py).
        self.watcher = VersionWatcher(self, _REFRESH_SECONDS / 2)

    # -- resources --------------------------------------------------------------------------
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
        try:
            if s is None or local.ix is not ix:
                if s is not None:
                    s.close()
                s = ix.searcher()
            elif not s.up_to_date():
                s = renewed_searcher(ix, s)  # not Searcher.refresh(): see searchers.py
        except OSError as e:  # a segment's files were deleted under the index
            with self._lock:
                self._ix = None
            raise IndexUnavailable(f"the live index {self._gen} is damaged ({e.__class__.__name__}): "
                                   "run `govsearch reindex`") from None
        local.searcher, local.ix, local.checked = s, ix, now
        return s

    def version(self) -> tuple:
        """The index version, the same for every thread's searcher: the live folder, the Whoosh
        commit (TOC generation) and the live doc count (which changes with deletions)."""
        return self._version_of(self.searcher())

    def _version_of(self, searcher) -> tuple:
        """The version of this thread's ``searcher``: its own folder (not the newest one another
        thread may have opened meanwhile), Whoosh commit and live doc count."""
        return str(self._local.ix.storage.folder), searcher.reader().generation(), searcher.doc_count()

    def _terms(self) -> VersionTerms:
        self.watcher.touch()
        searcher = self.searcher()
        return VersionTerms(searcher, self._table(searcher, self._version_of(searcher)))

    def _table(self, searcher, key: tuple) -> DocTable:
        """The DocTable of version ``key`` (``searcher``'s): built once, by whichever thread asks
        first (the watcher, usually); another thread asking meanwhile waits for it."""
        table = self._tables.get(key)  # (the dict is replaced whole, never changed in place)
        if table is not None:
            return table  # not waiting on the lock while another version is being built
        with self._tables_lock:
            table = self._tables.get(key)
            if table is None:
                table = DocTable(searcher, self._segments)
                # The newest version and this one: a thread still on an older one (its searcher
                # is renewed within a second) must not rebuild it over the newer one, nor evict it.
                newest = max(self._tables, key=_age, default=None)
                self._tables = {**({newest: self._tables[newest]} if newest else {}), key: table}
                self._segments.retain({seg for t in self._tables.values() for seg in t.segment_ids})
        return table

    def prepare(self) -> bool:
        """Build the table of the newest index version unless it is built (True: it was built now)."""
        self._local.checked = float("-inf")  # look at the index now, not once a second
        searcher = self.searcher()
        key = self._version_of(searcher)
        with self._tables_lock:
            if key in self._tables:
                return False
        self._table(searcher, key)
        return True

    def _count_run(self) -> None:
        with self._lock:
            self.runs += 1

    def close(self) -> None:
        """Close this thread's searcher."""
        s = getattr(self._local, "searcher", None)
        if s is not None:
            s.close()
            self._local.searcher = None

    # -- term statistics --------------------------------------------------------------------
    def doc_frequency(self, word: str) -> int:
        """Articles holding ``word`` in the text, as a word or as a part (of a compound, or across two
        words: :mod:`indexer.bridges`)."""
        searcher = self.searcher()
        key = word.lower()
        return searcher.doc_frequency("text", key) + searcher.doc_frequency("text", PART_MARK + key)

    def word_frequency(self, word: str) -> int:
        """Articles holding ``word`` as a word of the text (not as a part)."""
        return self.searcher().doc_frequency("text", word.lower())

    def suggest(self, word: str, maxdist: int) -> list[str]:
        """Close indexed words: as words, then as parts of compounds (some exist only inside one)."""
        corrector = self.searcher().corrector("text")
        key = word.lower()
        return [o.removeprefix(PART_MARK) for o in
                corrector.suggest(key, limit=1, maxdist=maxdist, prefix=1)
                + corrector.suggest(PART_MARK + key, limit=1, maxdist=maxdist, prefix=2)]

    def words_starting(self, prefix: str, limit: int, index_terms: bool = False) -> list[str]:
        """Indexed words longer than ``prefix`` that start with it, most frequent first (at most
        ``limit``): the words of the live lexicon (stock and learned) that some article holds; with
        ``index_terms``, when none, the index's own terms (a word the segmenter left whole that no
        lexicon holds, มนัญญา). (The lexicon's sorted list first: a prefix scan of Whoosh's terms
        across segments costs ~1 ms a lookup.)"""
        searcher = self.searcher()
        key = prefix.lower()
        words = lexicon_words_starting(schema_lexicon(searcher.schema), key, MAX_EXPANSIONS)
        found = [(-n, w) for w in words if (n := searcher.doc_frequency("text", w))]
        if not found and index_terms:
            terms = itertools.islice(searcher.reader().expand_prefix("text", key), MAX_TERM_EXPANSIONS)
            words = [t.decode("utf-8") for t in terms]
            found = [(-n, w) for w in words if w != key and (n := searcher.doc_frequency("text", w))]
        return [w for _n, w in sorted(found)[:limit]]

    def headlines_holding(self, key: str) -> int:
        """Live articles whose squeezed headline holds ``key`` (:mod:`indexer.headlines`)."""
        return len(self._terms().table.headline_docs(key))

    def doc_count(self) -> int:
        """Documents in the live index."""
        return self.searcher().doc_count()

    def lexicon(self) -> Lexicon:
        """The words the live generation segments with (its learned words included): those of this
        thread's searcher, the one the query then runs on."""
        return schema_lexicon(self.searcher().schema)

    # -- searching --------------------------------------------------------------------------
    def run(self, params: SearchParams, parsed: ParsedQuery, head: int = 0) -> Page:
        """Evaluate one reading with the filters of ``params``: one page, ranked or sorted; ranked,
        a page that starts inside the best ``head`` comes with everything from the first to its end
        (``first`` 0, for the caller to re-rank the head and cut the page)."""
        self._count_run()
        terms = self._terms()
        table = terms.table
        scored = params.sort == "relevance" and not parsed.is_empty
        unmatched: tuple[str, ...] = ()
        if parsed.is_empty and not any(c.negated for c in parsed.clauses):
            matched, scores = table.live, None
        else:
            ev = Ranker(terms).evaluate(parsed)
            matched, scores, unmatched = ev.mask, ev.scores, ev.unmatched

        agency_mask = date_mask = province_mask = None
        if params.agencies:
            reg = registry()
            wanted: set[str] = set()
            for a in params.agencies:
                wanted |= reg.descendants(a)
            agency_mask = table.agency_mask(frozenset(wanted))
        if params.since or params.until:
            date_mask = table.date_mask(_day(params.since) if params.since else 1,
                                        _day(params.until) if params.until else 99991231)
        if params.provinces:
            province_mask = table.provinces.mask(frozenset(params.provinces))
        filtered = matched
        for m in (agency_mask, date_mask, province_mask):
            if m is not None:
                filtered = filtered & m
        # Facets count what the other filters leave: the agency facet ignores the agency filter
        # (so a user can see and add other agencies), the month timeline ignores the dates (it
        # shows the range among the rest), the province facet the provinces. The year facet counts
        # the hits themselves: its counts add up to the total shown beside them.
        agency_base = _and(matched, date_mask, province_mask)
        month_base = _and(matched, agency_mask, province_mask)
        province_base = _and(matched, agency_mask, date_mask)
        # Without filters the four masks are one array: collapse it and list its documents once.
        docs = _Docnums()
        if params.group:  # one hit per release: totals and facets count groups
            filtered, agency_base, month_base, province_base = (
                docs.collapsed(table, m) for m in (filtered, agency_base, month_base, province_base))
        agency_counts = np.bincount(table.agency[docs(agency_base)], minlength=len(table.agency_names))
        filtered_days = table.days[docs(filtered)]
        years = filtered_days // 10000
        year_counts = np.bincount(years) if len(years) else np.zeros(0, dtype=np.int64)
        days = filtered_days if month_base is filtered else table.days[docs(month_base)]
        ym = days[days > 0] // 100
        month_counts = np.bincount((ym // 100) * 12 + ym % 100 - 1) if len(ym) else np.zeros(0, dtype=np.int64)

        candidates = docs(filtered)
        want = params.page * params.per_page
        first = want - params.per_page
        if scored:
            ranked = top_k(scores, candidates, max(want, head))
            if head <= first:  # a page past the head: in BM25 order
                ranked = ranked[first:]
            else:
                # The caller re-ranks the head, then cuts the page from it and the BM25 order past
                # it: a page reaching past the head (50 a page, a head of 60) must not show again
                # what the head moved up, nor skip what it moved down.
                first = 0
            page_docs = [(int(d), float(scores[d])) for d in ranked]
        else:
            key = table.days[candidates] * (1 << 24) + candidates
            order = np.argsort(key, kind="stable")
            if params.sort != "oldest":
                order = order[::-1]
            page_docs = [(int(d), 0.0) for d in candidates[order[first:want]]]
        matches = []
        stored = _stored_fields(terms.searcher.reader(), [d for d, _s in page_docs], table.stored)
        for (docnum, score), fields in zip(page_docs, stored):
            matches.append(Match(url=fields["url"], title=fields.get("title", ""), day=fields.get("day") or 0,
                                 agency=fields.get("agency", ""), score=float(score),
                                 story=fields.get("story") or fields["url"]))
        return Page(
            total=len(candidates),
            matches=matches,
            first=first,
            agency_counts={table.agency_names[i]: int(agency_counts[i]) for i in np.flatnonzero(agency_counts)},
            # The counts are indexed by year (and year * 12 + month): mostly zeros, skipped in numpy.
            year_counts={int(y): int(year_counts[y]) for y in np.flatnonzero(year_counts) if y},
            province_counts=table.provinces.counts_of(docs(province_base)),
            month_counts={int(i // 12 * 100 + i % 12 + 1): int(month_counts[i]) for i in np.flatnonzero(month_counts)},
            unmatched=unmatched,
        )

    def matching_urls(self, parsed: ParsedQuery) -> set[str]:
        """URLs of every article the query matches, unranked and unfiltered (for evaluations)."""
        if parsed.is_empty:
            return set()
        self._count_run()
        terms = self._terms()
        ev = Ranker(terms).evaluate(parsed)
        return {terms.searcher.stored_fields(int(d))["url"] for d in np.flatnonzero(ev.mask)}
