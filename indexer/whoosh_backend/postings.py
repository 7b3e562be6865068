"""Whoosh's posting lists and columns as numpy arrays: what :mod:`indexer.ranking` scores.

:class:`DocTable` holds the per-document columns of one index version (shared by every thread);
:class:`VersionTerms` binds it to one thread's searcher as a :class:`indexer.ranking.TermSource`.
Posting lists are read a block at a time through Whoosh-Reloaded's private block arrays (the
pinned 2.7.5), with the public per-posting API as the fallback for any other codec.
"""
from __future__ import annotations

import numpy as np

from indexer.headlines import MAX_HELD
from indexer.whoosh_backend.phrases import quoted_phrase_query
from indexer.whoosh_backend.segments import SegmentCache

_EMPTY_IDS = np.zeros(0, dtype=np.int32)
_EMPTY_TF = np.zeros(0, dtype=np.float32)
MAX_PHRASES = 256  # phrases whose documents a version keeps
MAX_HELD_KEYS = 1024  # texts whose headlines a version keeps (a scan of every headline each)


class DocTable:
    """Per-document columns of one index version: day, agency, field lengths, live flags.

    Put together from the cached columns of its segments (:class:`SegmentCache`): the segments
    an earlier version already had are not read again, so a sync that adds k documents costs a
    read of k documents plus a few whole-array operations.
    """

    def __init__(self, searcher, cache: SegmentCache | None = None):
        self.cache = cache = cache or SegmentCache()
        reader = searcher.reader()
        leaves = _leaves(reader)
        self.segment_ids = {leaf.segment().segment_id() for leaf, _offset in leaves}
        parts = [cache.columns(leaf) for leaf, _offset in leaves]
        self.n = n = sum(p.n for p in parts)
        self.days = _concat([p.days for p in parts], np.int64)  # sort keys multiply it
        self.agency_names, combos, codes, rows, cols = cache.snapshot()
        self.agency = _concat([p.agency for p in parts], np.int32)
        self.provinces = ProvinceColumn(codes, len(combos), np.asarray(rows, dtype=np.int32),
                                        np.asarray(cols, dtype=np.int32),
                                        _concat([p.province_combo for p in parts], np.int32))
        self._groups(_concat([p.story for p in parts], np.int64), _concat([p.ranks for p in parts], np.int32))
        self.live = np.ones(n, dtype=bool)
        for leaf, offset in leaves:
            if leaf.has_deletions():
                deleted = np.fromiter(leaf.segment().deleted_docs(), dtype=np.int64)
                self.live[deleted + offset] = False
        self.doc_count = int(self.live.sum())
        self.lengths = {f: _concat([p.lengths[f] for p in parts], np.float32) for f in ("title", "text")}
        self.avg = {f: max(1.0, reader.field_length(f) / max(1, reader.doc_count())) for f in ("title", "text")}
        self._agency_masks: dict[frozenset[str], np.ndarray] = {}
        self.stored: dict[int, dict] = {}  # stored fields of documents read lately (engine.py)
        self._phrases: dict[tuple[tuple[str, ...], bool], np.ndarray] = {}
        self._headlines = [(p.headlines, offset) for p, (_leaf, offset) in zip(parts, leaves)]
        self._held: dict[str, np.ndarray] = {}

    def postings(self, searcher, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """All ``(docnums, term frequencies)`` of a term in this version (deleted docs included),
        read through ``searcher`` (this thread's, of this version) and the per-segment cache."""
        leaves = _leaves(searcher.reader())
        if len(leaves) == 1:
            return self.cache.postings(leaves[0][0], field, text)
        ids_parts, tf_parts = [], []
        for leaf, offset in leaves:
            ids, tf = self.cache.postings(leaf, field, text)
            if len(ids):
                ids_parts.append(ids + np.int32(offset))
                tf_parts.append(tf)
        if not ids_parts:
            return _EMPTY_IDS, _EMPTY_TF
        return np.concatenate(ids_parts), np.concatenate(tf_parts)

    def phrase_docs(self, searcher, words: list[str], touching: bool = False) -> np.ndarray:
        """Docnums holding ``words`` as a phrase (``touching``: :func:`quoted_phrase_query`) in this
        version, read through ``searcher`` (Whoosh's positional span query, ~35 ms for ผู้·พิการ on
        10,000 articles) once a version: a query asks again on each of its runs, and the next
        request for it again."""
        key = (tuple(words), touching)
        docs = self._phrases.get(key)
        if docs is None:
            docs = np.fromiter(searcher.docs_for_query(quoted_phrase_query(words, touching)), dtype=np.int64)
            if len(self._phrases) >= MAX_PHRASES:
                self._phrases = {}  # replaced whole: another thread may be reading the old one
            self._phrases[key] = docs
        return docs

    def headline_docs(self, key: str) -> np.ndarray:
        """Live docnums whose squeezed headline holds ``key`` (:mod:`indexer.headlines`); none when
        more than :data:`indexer.headlines.MAX_HELD` do. Kept per version: the engine asks before
        it runs the reading, and the run asks again."""
        docs = self._held.get(key)
        if docs is None:
            found: list[int] = []
            for headlines, offset in self._headlines:
                got = headlines.find(key, MAX_HELD - len(found))
                if got is None:
                    found = []
                    break
                found.extend(d + offset for d in got)
            docs = np.array(found, dtype=np.int64)
            docs = docs[self.live[docs]] if len(docs) else docs
            held = self._held
            if len(held) >= MAX_HELD_KEYS:  # the newer half kept, replaced whole (threads read it)
                held = dict(list(held.items())[MAX_HELD_KEYS // 2:])
            held[key] = docs
            self._held = held
        return docs

    def _groups(self, story: np.ndarray, ranks: np.ndarray) -> None:
        """Story columns: the documents of groups with several copies, in (group, rank) order."""
        _names, group = np.unique(story, return_inverse=True)
        self.group = np.asarray(group, dtype=np.int32).reshape(-1)
        sizes = np.bincount(self.group) if self.n else np.zeros(0, dtype=np.int64)
        self.shared = sizes[self.group] > 1 if self.n else np.zeros(0, dtype=bool)
        docs = np.flatnonzero(self.shared)
        self._shared_order = docs[np.lexsort((docs, ranks[docs], self.group[docs]))]

    def collapse(self, mask: np.ndarray) -> np.ndarray:
        """One document per story group of ``mask``: the lowest-ranked copy it holds."""
        if not len(self._shared_order):
            return mask
        docs = self._shared_order[mask[self._shared_order]]
        out = mask & ~self.shared
        if len(docs):
            g = self.group[docs]
            first = np.ones(len(docs), dtype=bool)
            first[1:] = g[1:] != g[:-1]
            out[docs[first]] = True
        return out

    def agency_mask(self, ids: frozenset[str]) -> np.ndarray:
        """Documents whose agency is one of ``ids`` (cached)."""
        mask = self._agency_masks.get(ids)
        if mask is None:
            wanted = [i for i, a in enumerate(self.agency_names) if a in ids]
            mask = np.isin(self.agency, np.array(wanted, dtype=np.int32))
            if len(self._agency_masks) < 256:
                self._agency_masks[ids] = mask
        return mask

    def date_mask(self, lo: int, hi: int) -> np.ndarray:
        """Documents dated within ``lo``..``hi`` (YYYYMMDD integers)."""
        return (self.days >= lo) & (self.days <= hi)


class ProvinceColumn:
    """The provinces of every document, as an id per distinct combination of provinces.

    Few combinations recur (most articles name none or one province), so counting is a bincount
    over combination ids spread over the (combination, province) pairs, and a filter is a lookup
    of which combinations hold a wanted province. Pairs, not a dense combinations x provinces
    matrix: at 90,904 articles there are ~9,000 combinations but only ~70,000 pairs, and counting
    over the pairs takes half the time of the matrix product.
    """

    def __init__(self, codes: list[str], n_combos: int, rows: np.ndarray, cols: np.ndarray, combo: np.ndarray):
        self.codes = codes  # province codes, indexed by ``cols``
        self.n_combos = n_combos
        self.rows, self.cols = rows, cols  # combination rows[i] holds province codes[cols[i]]
        self.combo = combo  # each document's combination
        # The pairs twice more, grouped by combination and by province (stable: the order within
        # a group is the pairs' own), for the two ways ``counts_of`` sums them.
        by_row = np.argsort(rows, kind="stable")
        self._row_cols = cols[by_row]
        self._row_len = np.bincount(rows, minlength=n_combos).astype(np.int64)
        self._row_start = np.cumsum(self._row_len) - self._row_len
        col_len = np.bincount(cols, minlength=len(codes))
        self._col_rows = rows[np.argsort(cols, kind="stable")]
        self._col_start = (np.cumsum(col_len) - col_len) if len(col_len) and col_len.all() else None

    def counts(self, base: np.ndarray) -> dict[str, int]:
        """Documents of the boolean mask ``base`` per province code."""
        return self.counts_of(np.flatnonzero(base))

    def counts_of(self, docs: np.ndarray) -> dict[str, int]:
        """Documents ``docs`` (docnums) per province code.

        A narrow search holds few combinations: only their pairs are summed. A broad one sums
        every province's combinations at once (``reduceat`` over the pairs grouped by province),
        twice as fast as a weighted ``bincount`` over the pairs."""
        if not self.codes:
            return {}
        per_combo = np.bincount(self.combo[docs], minlength=self.n_combos)
        held = np.flatnonzero(per_combo)
        lens = self._row_len[held]
        if int(lens.sum()) * 3 < len(self.rows) or self._col_start is None:
            held, lens = held[lens > 0], lens[lens > 0]
            ends = np.cumsum(lens)
            pairs = np.arange(ends[-1] if len(ends) else 0) + np.repeat(self._row_start[held] - (ends - lens), lens)
            totals = np.bincount(self._row_cols[pairs], weights=np.repeat(per_combo[held], lens),
                                 minlength=len(self.codes))
        else:
            totals = np.add.reduceat(per_combo[self._col_rows], self._col_start)
        return {self.codes[i]: int(n) for i, n in enumerate(totals) if n}

    def mask(self, codes: frozenset[str]) -> np.ndarray:
        """Documents naming any of ``codes``."""
        cols = [i for i, c in enumerate(self.codes) if c in codes]
        wanted = np.zeros(self.n_combos, dtype=bool)
        if cols:
            wanted[self.rows[np.isin(self.cols, cols)]] = True
        return wanted[self.combo]


def _leaves(reader) -> list[tuple]:
    """The segment readers of ``reader`` with their first docnums (none for an empty index)."""
    return [(leaf, int(offset)) for leaf, offset in reader.leaf_readers() if leaf.segment() is not None]


def _concat(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype=dtype)


class VersionTerms:
    """One thread's view of an index version: the shared DocTable plus this thread's searcher."""

    def __init__(self, searcher, table: DocTable):
        self.searcher = searcher
        self.table = table
        self.n, self.live, self.doc_count = table.n, table.live, table.doc_count
        self.lengths, self.avg = table.lengths, table.avg

    def postings(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """``(docnums, term frequencies)`` of a term (cached per index version)."""
        return self.table.postings(self.searcher, field, text)

    def phrase_docs(self, words: list[str], touching: bool = False) -> np.ndarray:
        """Docnums holding ``words`` as a phrase (cached per index version)."""
        return self.table.phrase_docs(self.searcher, words, touching)

    def headline_docs(self, key: str) -> np.ndarray:
        """Docnums whose squeezed headline holds ``key`` (cached per index version)."""
        return self.table.headline_docs(key)

    def held(self, field: str, text: str) -> bool:
        """Whether some document holds the term: Whoosh's term dictionary, not a posting list (a
        Latin run's pieces are looked up by the dozen, most of them held by nobody)."""
        return self.searcher.doc_frequency(field, text) > 0
