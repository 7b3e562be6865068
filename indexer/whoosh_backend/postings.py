"""Whoosh's posting lists and columns as numpy arrays: what :mod:`indexer.ranking` scores.

:class:`DocTable` holds the per-document columns of one index version (shared by every thread);
:class:`VersionTerms` binds it to one thread's searcher as a :class:`indexer.ranking.TermSource`.
Posting lists are read a block at a time through Whoosh-Reloaded's private block arrays (the
pinned 2.7.5), with the public per-posting API as the fallback for any other codec.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from indexer.whoosh_backend.phrases import quoted_phrase_query

POSTINGS_CACHE_BYTES = 96 * 1024 * 1024
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_TF = np.zeros(0, dtype=np.float32)


class DocTable:
    """Per-document columns of one index version: day, agency, field lengths, live flags."""

    def __init__(self, searcher):
        reader = searcher.reader()
        self.n = n = reader.doc_count_all()
        self.days = np.fromiter(reader.column_reader("day"), dtype=np.int64, count=n) if n else np.zeros(0, np.int64)
        agencies = list(reader.column_reader("agency")) if n else []
        self.agency_names: list[str] = sorted(set(agencies))
        index = {a: i for i, a in enumerate(self.agency_names)}
        self.agency = np.fromiter((index[a] for a in agencies), dtype=np.int32, count=n)
        self.provinces = ProvinceColumn(list(reader.column_reader("provinces")) if n else [])
        self._groups(reader)
        self.live = np.zeros(n, dtype=bool)
        self.live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        self.doc_count = int(self.live.sum())
        self.lengths = {f: self._lengths(reader, f) for f in ("title", "text")}
        self.avg = {f: max(1.0, reader.field_length(f) / max(1, reader.doc_count())) for f in ("title", "text")}
        self._agency_masks: dict[frozenset[str], np.ndarray] = {}
        # Decoded posting lists of recently used terms: common words (และ, การ, ประเทศ) recur in
        # many queries and decoding their thousands of blocks is most of a query's cost.
        self._postings: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._postings_bytes = 0
        self._postings_lock = threading.Lock()

    def postings(self, searcher, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """:func:`postings` of this index version, through a small LRU cache (bounded in bytes)."""
        key = (field, text)
        with self._postings_lock:
            hit = self._postings.get(key)
            if hit is not None:
                self._postings.move_to_end(key)
                return hit
        value = postings(searcher, field, text)
        size = value[0].nbytes + value[1].nbytes
        if size <= POSTINGS_CACHE_BYTES // 8:
            with self._postings_lock:
                if key not in self._postings:
                    self._postings[key] = value
                    self._postings_bytes += size
                while self._postings_bytes > POSTINGS_CACHE_BYTES:
                    _k, (ids, tf) = self._postings.popitem(last=False)
                    self._postings_bytes -= ids.nbytes + tf.nbytes
        return value

    def _groups(self, reader) -> None:
        """Story columns: the documents of groups with several copies, in (group, rank) order."""
        n = self.n
        stories = list(reader.column_reader("story")) if n else []
        ranks = np.fromiter(reader.column_reader("story_rank"), dtype=np.int64, count=n) if n else np.zeros(0)
        _names, group = np.unique(np.array(stories, dtype=object), return_inverse=True) if n else ([], [])
        self.group = np.asarray(group, dtype=np.int64).reshape(-1)
        sizes = np.bincount(self.group) if n else np.zeros(0, dtype=np.int64)
        self.shared = sizes[self.group] > 1 if n else np.zeros(0, dtype=bool)
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

    def _lengths(self, reader, field: str) -> np.ndarray:
        return np.fromiter((reader.doc_field_length(d, field, 0) or 0 for d in range(self.n)),
                           dtype=np.float32, count=self.n)

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
    over combination ids times a small combinations x provinces matrix, and a filter is a lookup of
    which combinations hold a wanted province.
    """

    def __init__(self, values: list[str]):
        combos: dict[str, int] = {}
        ids = np.fromiter((combos.setdefault(v or "", len(combos)) for v in values), dtype=np.int32,
                          count=len(values))
        self.combo = ids
        self.codes: list[str] = sorted({c for v in combos for c in v.split()})
        col = {c: i for i, c in enumerate(self.codes)}
        self.matrix = np.zeros((len(combos), len(self.codes)), dtype=np.int64)
        for value, i in combos.items():
            for c in value.split():
                self.matrix[i, col[c]] = 1

    def counts(self, base: np.ndarray) -> dict[str, int]:
        """Documents of the boolean mask ``base`` per province code."""
        if not self.codes:
            return {}
        per_combo = np.bincount(self.combo[base], minlength=len(self.matrix))
        totals = per_combo @ self.matrix
        return {self.codes[i]: int(n) for i, n in enumerate(totals) if n}

    def mask(self, codes: frozenset[str]) -> np.ndarray:
        """Documents naming any of ``codes``."""
        cols = [i for i, c in enumerate(self.codes) if c in codes]
        wanted = self.matrix[:, cols].any(axis=1) if cols else np.zeros(len(self.matrix), dtype=bool)
        return wanted[self.combo]


def postings(searcher, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """All ``(docnums, term frequencies)`` of a term, across segments (deleted docs included)."""
    ids_parts: list[np.ndarray] = []
    tf_parts: list[np.ndarray] = []
    for reader, offset in searcher.reader().leaf_readers():
        if (field, text) not in reader:
            continue
        m = reader.postings(field, text)
        if hasattr(m, "_read_ids") and hasattr(m, "_read_weights") and hasattr(m, "_next_block"):
            # A block at a time: Whoosh-Reloaded 2.7.5 (pinned) keeps a block's arrays in _ids/_weights.
            while m.is_active():
                if m._ids is None:
                    m._read_ids()
                if m._weights is None:
                    m._read_weights()
                ids_parts.append(np.asarray(m._ids, dtype=np.int64) + offset)
                tf_parts.append(np.asarray(m._weights, dtype=np.float32))
                m._next_block()
        else:  # another codec: the public, slower way
            ids, tfs = [], []
            while m.is_active():
                ids.append(m.id())
                tfs.append(m.weight())
                m.next()
            ids_parts.append(np.array(ids, dtype=np.int64) + offset)
            tf_parts.append(np.array(tfs, dtype=np.float32))
    if not ids_parts:
        return _EMPTY_IDS, _EMPTY_TF
    return np.concatenate(ids_parts), np.concatenate(tf_parts)


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

    def phrase_docs(self, words: list[str]) -> np.ndarray:
        """Docnums holding ``words`` as a phrase (Whoosh's positional span query)."""
        return np.fromiter(self.searcher.docs_for_query(quoted_phrase_query(words)), dtype=np.int64)
