"""Per-segment columns and posting lists, cached by Whoosh segment id.

A Whoosh segment never changes once written (deletions are kept apart, in the index's table of
contents), so what is read from one stays valid for every later index version that still holds
it. A sync adds a small segment (and sometimes merges a few small ones): only those are read,
and the next index version's :class:`indexer.whoosh_backend.postings.DocTable` is put together
from the cached parts of the others — its cost grows with the new documents, not the corpus.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from whoosh.columns import NumericColumn
from whoosh.util.numeric import byte_to_length

from indexer.headlines import Headlines
from indexer.whoosh_backend import sidecar

POSTINGS_CACHE_BYTES = 64 * 1024 * 1024
_EMPTY_IDS = np.zeros(0, dtype=np.int32)
_EMPTY_TF = np.zeros(0, dtype=np.float32)
# Whoosh stores a field's length per document as one byte on a logarithmic scale.
_BYTE_LENGTHS = np.array([0.0] + [byte_to_length(b) for b in range(1, 256)], dtype=np.float32)


class SegmentColumns:
    """The per-document columns of one segment, in its own docnums (0..n-1).

    ``agency`` and ``province_combo`` index ``agency_names`` and ``province_combos`` when read;
    :class:`SegmentCache` renumbers them to its shared ids.
    """

    def __init__(self, reader):
        self.n = n = reader.doc_count_all()
        self.days = _numeric(reader, "day", n).astype(np.int32)
        self.ranks = _numeric(reader, "story_rank", n).astype(np.int32)
        self.agency_names, self.agency = _interned(reader.column_reader("agency"), n)
        self.province_combos, self.province_combo = _interned(reader.column_reader("provinces"), n)
        # Story ids as 64-bit hashes: grouping across segments is then a sort of integers
        # (the strings are never compared again); a collision needs ~2^32 distinct stories.
        self.story = np.fromiter((hash(s) for s in reader.column_reader("story")), dtype=np.int64, count=n)
        self.lengths = {f: _lengths(reader, f, n) for f in ("title", "text")}
        # Stored titles, read once per segment (~20 µs a document), for a selection cut mid-word.
        self.headlines = Headlines(reader.stored_fields(d).get("title", "") for d in range(n))


def _interned(values, n: int) -> tuple[list[str], np.ndarray]:
    """Distinct values (first seen first) and each document's index into them."""
    index: dict[str, int] = {}
    ids = np.fromiter((index.setdefault(v or "", len(index)) for v in values), dtype=np.int32, count=n)
    return list(index), ids


def _numeric(reader, field: str, n: int) -> np.ndarray:
    """A numeric column whole: one read of its fixed-width array when the codec is Whoosh's own."""
    col = reader.column_reader(field, translate=False)
    raw = _fixed_bytes(col, n)
    if raw is None:
        return np.fromiter(reader.column_reader(field), dtype=np.int64, count=n)
    # Sortable numerics are stored shifted to unsigned; translate back in bulk.
    field_obj = reader.schema[field]
    return raw.astype(np.int64) + int(field_obj.from_column_value(0))


def _fixed_bytes(col, n: int) -> np.ndarray | None:
    """The values of a Whoosh-Reloaded 2.7.5 numeric column reader as an array (None: unknown)."""
    if type(col) is not NumericColumn.Reader or not hasattr(col, "_dbfile") or col._reverse:
        return None
    dtype = np.dtype(">" + col._typecode)
    count = min(col._count, n)
    out = np.full(n, col._default, dtype=dtype.newbyteorder("="))
    if count:
        buf = col._dbfile.get(col._basepos, count * dtype.itemsize)
        out[:count] = np.frombuffer(buf, dtype=dtype)
    return out


def _lengths(reader, field: str, n: int) -> np.ndarray:
    perdoc = getattr(reader, "_perdoc", None)
    cached = getattr(perdoc, "_cached_reader", None)
    if cached is not None:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        col = cached(_lenfield(field), LENGTHS_COLUMN)
        if col is None:
            return np.zeros(n, dtype=np.float32)
        raw = _fixed_bytes(col, n)
        if raw is not None:
            return _BYTE_LENGTHS[raw]
    return np.fromiter((reader.doc_field_length(d, field, 0) or 0 for d in range(n)), dtype=np.float32, count=n)


def segment_postings(reader, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """``(docnums, term frequencies)`` of a term in one segment (its own docnums, deleted included)."""
    if (field, text) not in reader:
        return _EMPTY_IDS, _EMPTY_TF
    m = reader.postings(field, text)
    ids_parts: list[np.ndarray] = []
    tf_parts: list[np.ndarray] = []
    if hasattr(m, "_read_ids") and hasattr(m, "_read_weights") and hasattr(m, "_next_block"):
        # A block at a time: Whoosh-Reloaded 2.7.5 (pinned) keeps a block's arrays in _ids/_weights.
        while m.is_active():
            if m._ids is None:
                m._read_ids()
            if m._weights is None:
                m._read_weights()
            ids_parts.append(np.asarray(m._ids, dtype=np.int32))
            tf_parts.append(np.asarray(m._weights, dtype=np.float32))
            m._next_block()
    else:  # another codec: the public, slower way
        ids, tfs = [], []
        while m.is_active():
            ids.append(m.id())
            tfs.append(m.weight())
            m.next()
        ids_parts.append(np.array(ids, dtype=np.int32))
        tf_parts.append(np.array(tfs, dtype=np.float32))
    if not ids_parts:
        return _EMPTY_IDS, _EMPTY_TF
    return np.concatenate(ids_parts), np.concatenate(tf_parts)


class Interner:
    """Distinct strings numbered in order of first sight, for every segment of a cache alike:
    a segment's ids never change once given, so versions concatenate them without remapping."""

    def __init__(self):
        self.ids: dict[str, int] = {}
        self.names: list[str] = []

    def add(self, values: list[str]) -> np.ndarray:
        """The ids of ``values`` (new ones are numbered)."""
        out = np.empty(len(values), dtype=np.int32)
        for i, v in enumerate(values):
            j = self.ids.get(v)
            if j is None:
                j = self.ids[v] = len(self.names)
                self.names.append(v)
            out[i] = j
        return out


class ProvinceCombos(Interner):
    """Province combinations (space-separated codes) and the (combination, code) pairs they hold."""

    def __init__(self):
        super().__init__()
        self.codes = Interner()
        self.rows: list[int] = []
        self.cols: list[int] = []

    def add(self, values: list[str]) -> np.ndarray:
        """The ids of the combinations ``values``; new ones are split into codes once."""
        first_new = len(self.names)
        out = super().add(values)
        for row in range(first_new, len(self.names)):
            codes = self.names[row].split()
            self.rows.extend([row] * len(codes))
            self.cols.extend(self.codes.add(codes).tolist())
        return out


class SegmentCache:
    """Columns, posting arrays (:mod:`indexer.whoosh_backend.sidecar`) and recently used posting
    lists of segments, shared by every thread.

    Columns are kept for the segments of the index versions still in use (:meth:`retain`); posting
    lists in a least-recently-used cache bounded in bytes: common words (และ, การ, ประเทศ) recur
    in many queries and decoding their thousands of blocks is most of a query's cost.
    """

    def __init__(self, postings_bytes: int = POSTINGS_CACHE_BYTES):
        self._columns: dict[str, SegmentColumns] = {}
        self.agencies = Interner()
        self.provinces = ProvinceCombos()
        self._postings: OrderedDict[tuple[str, str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._postings_bytes = 0
        self._limit = postings_bytes
        self._arrays: dict[str, sidecar.PostingArrays | None] = {}
        self._lock = threading.Lock()

    def columns(self, reader) -> SegmentColumns:
        """The columns of the segment ``reader`` reads (read once per segment)."""
        segid = reader.segment().segment_id()
        with self._lock:
            cols = self._columns.get(segid)
        if cols is None:
            cols = SegmentColumns(reader)
            with self._lock:
                if segid in self._columns:
                    return self._columns[segid]
                # Ids shared by every segment of this cache (local ones mapped once, here).
                cols.agency = self.agencies.add(cols.agency_names)[cols.agency]
                cols.province_combo = self.provinces.add(cols.province_combos)[cols.province_combo]
                self._columns[segid] = cols
        return cols

    def snapshot(self) -> tuple[list[str], list[str], list[str], np.ndarray, np.ndarray]:
        """Agency names, province combinations, province codes and the (combination, code)
        pairs, as they stand (ids of :meth:`columns` index them)."""
        with self._lock:
            p = self.provinces
            return (list(self.agencies.names), list(p.names), list(p.codes.names),
                    np.array(p.rows, dtype=np.int64), np.array(p.cols, dtype=np.int64))

    def retain(self, segids: set[str]) -> None:
        """Forget the columns and posting lists of segments outside ``segids`` (merged or retired)."""
        with self._lock:
            self._columns = {s: c for s, c in self._columns.items() if s in segids}
            # A segment remembered without posting arrays is tried again with each new version:
            # a sync writes a new segment's arrays only after its commit.
            self._arrays = {s: a for s, a in self._arrays.items() if s in segids and a is not None}
            for key in [k for k in self._postings if k[0] not in segids]:
                ids, tf = self._postings.pop(key)
                self._postings_bytes -= ids.nbytes + tf.nbytes

    def postings(self, reader, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """:func:`segment_postings`: from the segment's posting arrays when they hold the term
        (a slice of a mapped file, not worth a cache entry), else decoded from Whoosh and cached."""
        segid = reader.segment().segment_id()
        arrays = self._arrays_of(segid, reader)
        if arrays is not None:
            found = arrays.get(field, text)
            if found is not None:
                return found
        key = (segid, field, text)
        with self._lock:
            hit = self._postings.get(key)
            if hit is not None:
                self._postings.move_to_end(key)
                return hit
        value = segment_postings(reader, field, text)
        size = value[0].nbytes + value[1].nbytes
        if size <= self._limit // 8:
            with self._lock:
                if key not in self._postings:
                    self._postings[key] = value
                    self._postings_bytes += size
                while self._postings_bytes > self._limit:
                    _k, (ids, tf) = self._postings.popitem(last=False)
                    self._postings_bytes -= ids.nbytes + tf.nbytes
        return value

    def _arrays_of(self, segid: str, reader) -> sidecar.PostingArrays | None:
        with self._lock:
            if segid in self._arrays:
                return self._arrays[segid]
        arrays = sidecar.open_for(reader)  # None too, until the next version: no retry per query
        with self._lock:
            return self._arrays.setdefault(segid, arrays)
