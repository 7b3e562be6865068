"""Matching, filtering, facet counting and BM25 ranking over whole posting lists with numpy.

Whoosh scores a query one matching document at a time in Python (about 3.5 µs a document: over
100 ms for a common word on the full corpus), and a results page needs every match anyway to count
facets. Here each posting list is read a block at a time into arrays, and matching, filters,
facets and scores are array operations over all documents of the index version. Whoosh keeps what
it is good at: storing postings, phrase positions, stored fields, spelling.

BM25 (k1 = 1.2, b = 0.75) per field: the title (weight 3), the text as a word (1) and the text as
a part of a compound (0.35); a multi-word clause found as one run of text earns a bonus.
"""
from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from indexer.query import W_BODY, W_PART, W_PHRASE, W_TITLE, Clause, ParsedQuery, quoted_phrase_query
from indexer.thai import PART_MARK

K1, B = 1.2, 0.75
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


@dataclass
class Evaluation:
    """The documents a query matches (a mask over docnums) and their scores."""

    mask: np.ndarray
    scores: np.ndarray


class Ranker:
    """Evaluates parsed queries against one searcher and its DocTable."""

    def __init__(self, searcher, table: DocTable):
        self.searcher = searcher
        self.t = table

    def _bm25(self, field: str, ids: np.ndarray, tf: np.ndarray) -> np.ndarray:
        df = len(ids)
        n = max(1, self.t.doc_count)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        lens = self.t.lengths[field][ids]
        return idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lens / self.t.avg[field]))

    def word(self, word: str) -> Evaluation:
        """A word as a word of the text or a part of a compound; title matches add."""
        mask = np.zeros(self.t.n, dtype=bool)
        scores = np.zeros(self.t.n, dtype=np.float32)
        for field, term, weight, matches in (("title", word, W_TITLE, False), ("text", word, W_BODY, True),
                                             ("text", PART_MARK + word, W_PART, True)):
            ids, tf = self.t.postings(self.searcher, field, term)
            if len(ids):
                scores[ids] += weight * self._bm25(field, ids, tf)
                if matches:
                    mask[ids] = True
        return Evaluation(mask, scores)

    def clause(self, clause: Clause) -> Evaluation:
        """A clause: all its words (a quoted phrase: next to each other), summed scores."""
        result: Evaluation | None = None
        for w in clause.words:
            ev = self.word(w)
            result = ev if result is None else Evaluation(result.mask & ev.mask, result.scores + ev.scores)
        assert result is not None
        if clause.phrase and len(clause.words) > 1:
            # Only documents holding every word can hold the phrase: check positions there.
            phrase_mask = np.zeros(self.t.n, dtype=bool)
            docs = np.fromiter(self.searcher.docs_for_query(quoted_phrase_query(clause.words)), dtype=np.int64)
            phrase_mask[docs] = True
            glued = "".join(clause.words)
            for term in (glued, PART_MARK + glued):
                phrase_mask[self.t.postings(self.searcher, "text", term)[0]] = True
            result.mask &= phrase_mask
        return result

    def evaluate(self, parsed: ParsedQuery) -> Evaluation:
        """The whole query: clauses ANDed, alternatives ORed, negated clauses removed."""
        mask = self.t.live.copy()
        scores = np.zeros(self.t.n, dtype=np.float32)
        for c in parsed.clauses:
            if c.negated:
                continue
            ev = self.clause(c)
            for alt in c.alternatives:
                other = self.clause(alt)
                ev = Evaluation(ev.mask | other.mask, ev.scores + other.scores)
            mask &= ev.mask
            scores += ev.scores
        for c in parsed.clauses:
            if c.negated:
                mask &= ~self.clause(c).mask
        return Evaluation(mask, scores)


def adjacency_bonus(parsed: ParsedQuery, titles: dict[int, str]) -> dict[int, float]:
    """Extra score for documents whose title holds a multi-word clause as one run of text
    (a headline a user remembers). Checked on the stored titles of the top candidates only:
    a positional phrase check over the body costs more than the whole rest of a query."""
    bonus: dict[int, float] = {}
    for c in parsed.clauses:
        if c.negated or len(c.words) < 2:
            continue
        glued = "".join(c.words)
        for d, title in titles.items():
            if glued in title.lower().replace(" ", ""):
                bonus[d] = bonus.get(d, 0.0) + W_PHRASE * W_TITLE * len(c.words)
    return bonus


def top_k(scores: np.ndarray, candidates: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` best-scored of ``candidates`` (docnums), best first; ties by docnum."""
    if len(candidates) <= k:
        order = np.lexsort((candidates, -scores[candidates]))
        return candidates[order]
    part = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
    return part[np.lexsort((part, -scores[part]))]
