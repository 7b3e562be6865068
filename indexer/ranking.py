"""Matching, filtering, facet counting and BM25 ranking over whole posting lists with numpy.

Whoosh scores a query one matching document at a time in Python (about 3.5 µs a document: over
100 ms for a common word on the full corpus), and a results page needs every match anyway to count
facets. Here each posting list is an array of document numbers and term frequencies, and matching,
filters, facets and scores are array operations over all documents of the index version. The
engine keeps what it is good at (storing postings, phrase positions, stored fields, spelling)
and hands this module arrays through :class:`TermSource`.

BM25 (k1 = 1.2, b = 0.75) per field: the title (weight 3), the text as a word (1) and the text as
a part of a compound (0.35); a multi-word clause found as one run of text earns a bonus.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from indexer.query import W_BODY, W_PART, W_TITLE, Clause, ParsedQuery
from indexer.thai import PART_MARK, THAI_LETTERS, current_lexicon, iter_spans, leaves

K1, B = 1.2, 0.75
_THAI_WORD = re.compile(rf"[{THAI_LETTERS}]+$")


class TermSource(Protocol):
    """One index version as arrays: per-document columns and posting lists (docnums 0..n-1)."""

    n: int                          # documents, deleted ones included
    live: np.ndarray                # bool per docnum
    doc_count: int                  # live documents
    lengths: dict[str, np.ndarray]  # field -> length per docnum
    avg: dict[str, float]           # field -> average length

    def postings(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """``(docnums, term frequencies)`` of a term."""

    def phrase_docs(self, words: list[str]) -> np.ndarray:
        """Docnums where ``words`` stand next to each other in the text (each maybe a compound's part)."""


@dataclass
class Evaluation:
    """The documents a query matches (a mask over docnums) and their scores."""

    mask: np.ndarray
    scores: np.ndarray


class Ranker:
    """Evaluates parsed queries against one index version."""

    def __init__(self, terms: TermSource):
        self.t = terms

    def _bm25(self, field: str, ids: np.ndarray, tf: np.ndarray, more_df: int = 0) -> np.ndarray:
        df = len(ids) + more_df
        n = max(1, self.t.doc_count)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        lens = self.t.lengths[field][ids]
        return idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lens / self.t.avg[field]))

    def word(self, word: str, same_as: str | None = None) -> Evaluation:
        """A word as a word of the text or a part of a compound; title matches add. With ``same_as``
        (another spelling of the word: กทม of กรุงเทพมหานคร), as rare as the two together."""
        mask = np.zeros(self.t.n, dtype=bool)
        scores = np.zeros(self.t.n, dtype=np.float32)
        for field, prefix, weight, matches in (("title", "", W_TITLE, False), ("text", "", W_BODY, True),
                                               ("text", PART_MARK, W_PART, True)):
            ids, tf = self.t.postings(field, prefix + word)
            if len(ids):
                more = len(self.t.postings(field, prefix + same_as)[0]) if same_as else 0
                scores[ids] += weight * self._bm25(field, ids, tf, more)
                if matches:
                    mask[ids] = True
        return Evaluation(mask, scores)

    def clause(self, clause: Clause) -> Evaluation:
        """A clause: all its words (a quoted phrase: next to each other), summed scores.

        A clause of words that no article holds together is read once more with every compound
        split into its finest parts: typed glued, a name or a compound crosses a space the article
        has ("สำนักงานปลัดกระทรวง" for "สำนักงาน ปลัดกระทรวง"), and a query that occurs in an
        article must find it."""
        result = self._all_words(clause)
        if clause.phrase or result.mask.any():
            return result
        tried = [clause.words]
        # Each reading below is tried only when the ones before it matched nothing. Pieces the user spaced, each split on its own (a name the glued reading split otherwise),
        # then every compound cut into its finest parts, then two neighbours split at another place.
        by_piece = [w for piece in clause.pieces for w, _s, _e in iter_spans(piece)]
        finer = [leaf for w in (by_piece or clause.words) for leaf in leaves(w)]
        # Last, a pasted fragment's first or last word may be the cut end of a longer one ("พว" of
        # ธพว): the words inside it still have to match.
        inner = [finer[1:], finer[:-1], finer[1:-1]] if len(finer) >= 4 else []
        for words in (by_piece, finer, *resplit(by_piece or clause.words), *inner):
            if words and words not in tried:
                tried.append(words)
                result = self._all_words(Clause(clause.text, words, same_as=clause.same_as))
                if result.mask.any():
                    break
        return result

    def _all_words(self, clause: Clause) -> Evaluation:
        result: Evaluation | None = None
        for w in clause.words:
            ev = self.word(w, clause.same_as.get(w))
            result = ev if result is None else Evaluation(result.mask & ev.mask, result.scores + ev.scores)
        assert result is not None
        if clause.phrase and len(clause.words) > 1:
            # Only documents holding every word can hold the phrase: check positions there.
            phrase_mask = np.zeros(self.t.n, dtype=bool)
            phrase_mask[self.t.phrase_docs(clause.words)] = True
            glued = "".join(clause.words)
            for term in (glued, PART_MARK + glued):
                phrase_mask[self.t.postings("text", term)[0]] = True
            result.mask &= phrase_mask
        return result

    def evaluate(self, parsed: ParsedQuery) -> Evaluation:
        """The whole query: clauses ANDed, alternatives ORed, negated clauses removed."""
        mask = self.t.live.copy()
        scores = np.zeros(self.t.n, dtype=np.float32)
        positive = [c for c in parsed.clauses if not c.negated]
        for i, c in enumerate(positive):
            ev = self.spellings(c)
            for alt in c.alternatives:
                other = self.spellings(alt)
                ev = Evaluation(ev.mask | other.mask, ev.scores + other.scores)
            if _cut_end(positive, i) and (not ev.mask.any() or _short(c)):
                # The cut end of a pasted fragment ("พว." of ธพว., a last "อ"): it may add to the
                # score, but the rest must match.
                scores += ev.scores
                continue
            mask &= ev.mask
            scores += ev.scores
        for c in parsed.clauses:
            if c.negated:
                mask &= ~self.spellings(c).mask
        return Evaluation(mask, scores)

    def spellings(self, clause: Clause) -> Evaluation:
        """A clause, or the same clause read as typed (:attr:`Clause.as_typed`): an article
        matching both readings scores as the better one, not as two clauses."""
        ev = self.clause(clause)
        if clause.as_typed is None:
            return ev
        other = self.clause(clause.as_typed)
        return Evaluation(ev.mask | other.mask, np.maximum(ev.scores, other.scores))


MAX_RESPLITS = 8


def resplit(words: list[str]) -> list[list[str]]:
    """``words`` with two Thai neighbours split at another place into two words of the lexicon
    (ขอ·งอก -> ของ·อก), or one Thai word split into two (ลดละ -> ลด·ละ): where the segmenter reads the
    glued text otherwise than the article it occurs in, which has a space there ("ย้ำ ลด ละเลิก"
    typed ย้ำลดละเลิก). At most :data:`MAX_RESPLITS` readings."""
    lex = current_lexicon()
    out: list[list[str]] = []

    def split(i: int, j: int) -> None:  # words[i:j] joined, cut anywhere but where they meet now
        joined, now = "".join(words[i:j]), len(words[i])
        for cut in range(1, len(joined)):
            left, right = joined[:cut], joined[cut:]
            if (j - i == 1 or cut != now) and left in lex and right in lex:
                out.append(words[:i] + [left, right] + words[j:])

    for i, w in enumerate(words):
        if _THAI_WORD.match(w):
            split(i, i + 1)
            if i + 1 < len(words) and _THAI_WORD.match(words[i + 1]):
                split(i, i + 2)
    return out[:MAX_RESPLITS]


def _cut_end(positive: list[Clause], i: int) -> bool:
    """True for the first or last of several plain clauses: where a selection was cut."""
    c = positive[i]
    return len(positive) >= 2 and i in (0, len(positive) - 1) and not c.phrase and not c.alternatives \
        and (len(positive) >= 3 or _short(c))


def _short(c: Clause) -> bool:
    return len(c.words) == 1 and len(c.words[0]) <= 2


def top_k(scores: np.ndarray, candidates: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` best-scored of ``candidates`` (docnums), best first; ties by docnum."""
    if len(candidates) <= k:
        order = np.lexsort((candidates, -scores[candidates]))
        return candidates[order]
    # Every candidate tied with the k-th score, not the ones argpartition happens to pick: the
    # lowest docnums among ties then come first whatever k is, so the head (k = 60) and a deeper
    # page (k = 80, cut at 60) never share or skip a document.
    cand_scores = scores[candidates]
    kth = np.partition(-cand_scores, k - 1)[k - 1]
    part = candidates[-cand_scores <= kth]
    return part[np.lexsort((part, -scores[part]))[:k]]
