"""Matching, filtering, facet counting and BM25 ranking over whole posting lists with numpy.

Whoosh scores a query one matching document at a time in Python (about 3.5 µs a document: over
100 ms for a common word on the full corpus), and a results page needs every match anyway to count
facets. Here each posting list is an array of document numbers and term frequencies, and matching,
filters, facets and scores are array operations over all documents of the index version. The
engine keeps what it is good at (storing postings, phrase positions, stored fields, spelling)
and hands this module arrays through :class:`TermSource`.

BM25 (k1 = 1.2, b = 0.75) per field: the title as a word (weight 3) and as a part of a compound
or across two words (3 x 0.35), the text as a word (1) and as a part (0.35); a multi-word clause
found as one run of text earns a bonus.
"""
from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from itertools import chain
from typing import Iterable, Protocol

import numpy as np

from indexer import place_prefix, synonyms
from indexer.glued import latin_readings, resplit, thai_readings
from indexer.query import W_BODY, W_PART, W_TITLE, Clause, ParsedQuery, cut_end, short_word
from indexer.thai import PART_MARK, apart, leaves, word_texts

K1, B = 1.2, 0.75
TYPED_WORDS = 2  # a clause of at most this many words is a word or two typed, not a fragment pasted
MEMO_BYTES = 16 << 20  # word evaluations a run keeps (16 MB: 35 words at 90,000 articles)


class TermSource(Protocol):
    """One index version as arrays: per-document columns and posting lists (docnums 0..n-1)."""

    n: int                          # documents, deleted ones included
    live: np.ndarray                # bool per docnum
    doc_count: int                  # live documents
    lengths: dict[str, np.ndarray]  # field -> length per docnum
    avg: dict[str, float]           # field -> average length

    def postings(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """``(docnums, term frequencies)`` of a term."""

    def phrase_docs(self, words: list[str], touching: bool = False) -> np.ndarray:
        """Docnums where ``words`` stand next to each other in the text (each maybe a compound's part;
        with ``touching``, maybe at the same place as the word before: parts of one compound)."""

    def held(self, field: str, text: str) -> bool:
        """Whether some document holds the term (its dictionary entry: no posting list is read)."""

    def headline_docs(self, key: str) -> np.ndarray:
        """Docnums whose squeezed headline holds the squeezed text ``key`` (:mod:`indexer.headlines`)."""


@dataclass
class Evaluation:
    """The documents a query matches (a mask over docnums) and their scores."""

    mask: np.ndarray
    scores: np.ndarray
    # What was let go as a pasted fragment's cut ends: clauses that matched nothing (as typed), and
    # the end words of a clause's inner reading that no article holds.
    unmatched: tuple[str, ...] = ()


class Ranker:
    """Evaluates parsed queries against one index version."""

    def __init__(self, terms: TermSource):
        self.t = terms
        # Each word's evaluation, once per run: the readings a clause that matched nothing is tried
        # in (a pasted passage's cut ends make dozens) share most of their words. At most MEMO_BYTES
        # of arrays (a mask and scores per document each), the least recently used let go.
        self._words: OrderedDict[tuple[str, str | None], Evaluation] = OrderedDict()
        self._memo_size = max(4, MEMO_BYTES // max(1, terms.n * 5))

    def _bm25(self, field: str, ids: np.ndarray, tf: np.ndarray, more_df: int = 0) -> np.ndarray:
        df = len(ids) + more_df
        n = max(1, self.t.doc_count)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        lens = self.t.lengths[field][ids]
        return idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lens / self.t.avg[field]))

    def word(self, word: str, same_as: str | None = None) -> Evaluation:
        """A word as a word of the text or a part of a compound; title matches add. With ``same_as``
        (another spelling of the word: กทม of กรุงเทพมหานคร), as rare as the two together. The
        evaluation is shared by every reading of this run that has the word: not to be changed."""
        key = (word, same_as)
        got = self._words.get(key)
        if got is None:
            got = self._words[key] = self._word(word, same_as)
            if len(self._words) > self._memo_size:
                self._words.popitem(last=False)
        else:
            self._words.move_to_end(key)
        return got

    def _word(self, word: str, same_as: str | None) -> Evaluation:
        mask = np.zeros(self.t.n, dtype=bool)
        scores = np.zeros(self.t.n, dtype=np.float32)
        # A part in the headline (ผู้ว่าราชการ of ผู้ว่าราชการจังหวัด) as a part in the text is: the
        # part's weight of a whole word's.
        for field, prefix, weight, matches in (("title", "", W_TITLE, False),
                                               ("title", PART_MARK, W_TITLE * W_PART, False),
                                               ("text", "", W_BODY, True), ("text", PART_MARK, W_PART, True)):
            ids, tf = self.t.postings(field, prefix + word)
            if len(ids):
                more = self._others(field, prefix + same_as, ids) if same_as else 0
                scores[ids] += weight * self._bm25(field, ids, tf, more)
                if matches:
                    mask[ids] = True
        return Evaluation(mask, scores)

    def _others(self, field: str, term: str, ids: np.ndarray) -> int:
        """The documents holding ``term`` in ``field`` but none of ``ids``: an article that writes both
        spellings (กทม and กรุงเทพมหานคร) counts once for how rare the word is, not twice."""
        other = self.t.postings(field, term)[0]
        if not len(other):
            return 0
        held = np.zeros(self.t.n, dtype=bool)
        held[ids] = True
        return int(len(other) - held[other].sum())

    def clause(self, clause: Clause, widen: bool = True, inner: bool = True) -> Evaluation:
        """A clause: all its words (a quoted phrase: next to each other), summed scores.

        A clause of words that no article holds together is read again, each reading tried only
        when the ones before it matched nothing: typed glued, a name or a compound crosses a space
        the article has ("สำนักงานปลัดกระทรวง" for "สำนักงาน ปลัดกระทรวง"), and a query that occurs in
        an article must find it. The pieces the user spaced, each split on its own (a name the glued
        reading split otherwise); every compound cut into its finest parts; the letters before a
        dot read apart from the word they are glued to (:func:`indexer.thai.apart`); then, with ``widen``
        (not for an exclusion, which must not grow), a word split in two or two neighbours split at
        another place, the two new words side by side in the article; last (with ``inner`` too),
        the words inside a pasted fragment's cut ends; before those, English words typed glued and
        Thai words no article holds split into words articles hold, side by side in the article
        (:mod:`indexer.glued`)."""
        result = self._all_words(clause)
        if clause.phrase or result.mask.any():
            return result
        tried = [clause.words]
        inside: dict[int, list[str]] = {}  # id of an inner reading's words -> the ends it lets go
        held = lambda w: self.t.held("text", w)  # noqa: E731
        by_piece = [w for piece in clause.pieces for w in word_texts(piece)]
        finer = [leaf for w in (by_piece or clause.words) for leaf in leaves(w)]
        # (words, the words among them that must stand together or None)
        readings: Iterable[tuple[list[str], list[str] | None]] = [(by_piece, None), (finer, None)]
        if (spaced := apart(clause.text)) is not None:  # an abbreviation glued on: "พิษณุโลกอ.เมือง"
            readings.append((word_texts(spaced), None))
        if widen:
            # Lazily: a run of Latin letters costs a look-up per piece tried, worth it only when
            # the readings before found nothing.
            readings = chain(readings, latin_readings(finer, held), thai_readings(finer, held),
                             resplit(by_piece or clause.words, held))
            # A pasted fragment's first or last word may be the cut end of a longer one ("พว" of
            # ธพว): the words inside it still have to match. Not the inside of one or two words
            # typed (แรง·ขั้น of ค่าแรงขั้นต่ำ).
            if inner and len(finer) >= 4 and len(by_piece or clause.words) > TYPED_WORDS:
                inside = {id(w): cut for w, cut in ((finer[1:], finer[:1]), (finer[:-1], finer[-1:]),
                                                    (finer[1:-1], [finer[0], finer[-1]]))}
                readings = chain(readings, [(finer[1:], None), (finer[:-1], None), (finer[1:-1], None)])
        for words, pair in readings:
            if words and words not in tried:
                tried.append(words)
                result = self._all_words(Clause(clause.text, words, same_as=clause.same_as))
                if words is finer and result.mask.any() and len(by_piece or clause.words) <= TYPED_WORDS:
                    # One or two words typed, not a passage pasted (whose words the re-ranking and
                    # the passage readings place; their span queries cost ~100 ms each).
                    result.mask &= self._touching(clause)
                elif pair is not None and result.mask.any():
                    # Two lexicon words anywhere in an article (ลด of ลดราคา, ละ of ร้อยละ) are not the
                    # text typed, nor are jet and ski apart: they must stand together.
                    result.mask &= self._together(pair)
                if result.mask.any():
                    if id(words) in inside:  # the ends let go: named when no article holds them
                        gone = tuple(w for w in inside[id(words)] if not self._held_anywhere(w))
                        result = Evaluation(result.mask, result.scores, gone)
                    break
        return result

    def _held_anywhere(self, word: str) -> bool:
        return self.t.held("text", word) or self.t.held("text", PART_MARK + word)

    def _touching(self, clause: Clause) -> np.ndarray:
        """The documents where the finest parts of each piece the user typed stand together (the
        parts of one compound at its place, the next word's at the next): ค่า·แรง·ขั้น·ต่ำ scattered
        over an article (ค่าฝุ่น, รุนแรง, ขั้นตอน, ต่ำกว่า) are not ค่าแรงขั้นต่ำ."""
        mask = self.t.live.copy()
        for words in [word_texts(piece) for piece in clause.pieces] or [clause.words]:
            finest = [leaf for w in words for leaf in leaves(w)]
            if len(finest) > 1:
                mask &= self._together(finest, touching=True)
        return mask

    def _together(self, words: list[str], touching: bool = False) -> np.ndarray:
        """A mask of the documents holding ``words`` side by side (:meth:`TermSource.phrase_docs`)."""
        mask = np.zeros(self.t.n, dtype=bool)
        mask[self.t.phrase_docs(words, touching)] = True
        return mask

    def _all_words(self, clause: Clause) -> Evaluation:
        result: Evaluation | None = None
        for w in clause.words:
            ev = self.word(w, clause.same_as.get(w))
            result = Evaluation(ev.mask.copy(), ev.scores.copy()) if result is None \
                else Evaluation(result.mask & ev.mask, result.scores + ev.scores)
        assert result is not None
        if clause.phrase and len(clause.words) > 1:
            # Only documents holding every word can hold the phrase: check positions there.
            phrase_mask = self._together(clause.words)
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
        unmatched: list[str] = []
        for i, c in enumerate(positive):
            ev = self.said(c)
            for alt in c.alternatives:
                other = self.said(alt)
                ev = Evaluation(ev.mask | other.mask, ev.scores + other.scores)
            if cut_end(positive, i) and (not ev.mask.any() or short_word(c)):
                # The cut end of a pasted fragment ("พว." of ธพว., a last "อ"): it may add to the
                # score, but the rest must match.
                scores += ev.scores
                if not ev.mask.any():
                    unmatched.append(c.text)
                continue
            mask &= ev.mask
            scores += ev.scores
            unmatched += ev.unmatched
        for c in parsed.clauses:
            if c.negated:
                mask &= ~self.spellings(c, widen=False).mask
        if parsed.in_headline:  # a selection cut mid-word: the headlines that hold it letter for letter
            held = self.t.headline_docs(parsed.in_headline)
            # Above every other match in BM25's order too, so that they reach the head re-ranked:
            # their cut words often match little of them (BM25 0) and much of other articles.
            top = float(scores[mask].max()) if mask.any() else 0.0
            mask[held] = self.t.live[held]
            scores[held] += top + 1.0
        return Evaluation(mask, scores, tuple(unmatched))

    def said(self, clause: Clause) -> Evaluation:
        """A positive clause in its :meth:`spellings`, or with a word of it put in another word a
        searcher takes for the same (:mod:`indexer.synonyms`; not in a quoted phrase, which asks for
        its words): those articles scored at :data:`indexer.synonyms.WEIGHT`, an article matching
        both readings as the better."""
        ev = self.spellings(clause)
        for words in () if clause.phrase else synonyms.reading_words(clause.text):
            other = self._all_words(Clause(clause.text, list(words)))
            if other.mask.any():
                better = np.where(other.mask, np.maximum(ev.scores, synonyms.WEIGHT * other.scores), ev.scores)
                ev = Evaluation(ev.mask | other.mask, better, ev.unmatched)
        return ev

    def spellings(self, clause: Clause, widen: bool = True) -> Evaluation:
        """A clause, or the same clause read as typed (:attr:`Clause.as_typed`): an article
        matching both readings scores as the better one, not as two clauses. The readings of
        :meth:`clause` for a clause that matches nothing are tried only when neither spelling
        matches: beside a dotted reading that found articles they would only widen the query."""
        if clause.as_typed is None:
            return self.clause(clause, widen)
        ev, other = self._letter_beside(clause), self._letter_beside(clause.as_typed)
        if not clause.phrase and not ev.mask.any() and not other.mask.any():
            ev = self.clause(clause, widen)
            if not ev.mask.any():
                # Not the cut ends' inner words: those drop the letters, the one word this reading adds.
                other = self.clause(clause.as_typed, widen, inner=False)
        return Evaluation(ev.mask | other.mask, np.maximum(ev.scores, other.scores))


    def _letter_beside(self, clause: Clause) -> Evaluation:
        """:meth:`_all_words` of a spelling, where a one-letter place prefix (the จ of จ·เชียงใหม่, the
        อ of อ·เมือง: :mod:`indexer.place_prefix`) stands right before the name: a stray อ elsewhere
        (อ. of อาจารย์, a cut word) beside เมือง anywhere is not อ.เมือง."""
        ev = self._all_words(clause)
        words = clause.words
        for k in range(len(words) - 1):
            if len(words[k]) == 1 and words[k] in place_prefix.SPELLINGS and ev.mask.any():
                return Evaluation(ev.mask & self._together(words[k:k + 2]), ev.scores)
        return ev


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
