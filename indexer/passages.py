"""A passage pasted from the body of an article: read as the run of its inner words.

A reporter pastes a sentence from a release ("…ซึ่งต้องของบประมาณเพิ่มเติมอี") to find the release.
Selected with a mouse, it starts and ends inside words: the cut pieces read as other words than the
article's (รร·ม of ธรรม), and the article no longer holds every word of the query. The words inside
the cut ends still stand side by side in it, and few other articles hold them so. The engine tries
these readings when the first result of a long query holds it nowhere, and keeps the first whose own
first result does (:func:`indexer.proximity.holds_typed`).

Engine-neutral: readings of the parsed query, nothing more.
"""
from __future__ import annotations

import re
from dataclasses import replace

from indexer.query import Clause, ParsedQuery
from indexer.thai import current_lexicon

PASSAGE_WORDS = 6  # words of a query's positive clauses before it is read as a passage too
# Words left out at an end beyond the pieces that look cut there, fewest first: the first whole-looking
# word may be a cut word's piece too (รอง·ดอง of ปรองดอง, บาล of รัฐบาล).
# (dev's body passages, MRR@10 at query seeds 11 / 23: 0.911 / 0.934 leaving out 2 or 3 words at
# both ends; 0.936 / 0.939 so, at most 8 readings; 0.919 / 0.924 with 0-2 more and 4 readings.)
MORE_CUT = (0, 1, 2, 3)
MAX_READINGS = 8  # each is one more run of the engine, tried only while none found the passage
# Words left out at each end when neither looks cut: only a piece that reads as a word (รอง·ดอง of
# ปรองดอง) can be cut there. (The same MRR@10 as every reading above, at one run.)
WHOLE_CUT = 2
MIN_INNER = 2  # words the phrase keeps at least


def passage_readings(parsed: ParsedQuery) -> list[ParsedQuery]:
    """``parsed`` with its positive clauses read as one phrase of their inner words, longest phrase
    first (at most :data:`MAX_READINGS`): at each end, the words that look cut (:func:`_looks_cut`)
    left out, and :data:`MORE_CUT` more; when neither end looks cut, one reading without
    :data:`WHOLE_CUT` words at each end. None for a query too short to be a pasted passage, or one
    whose operators (OR, quotes) say it was typed, not pasted."""
    positive = [c for c in parsed.clauses if not c.negated]
    if any(c.phrase or c.alternatives for c in positive):
        return []
    words = [w for c in positive for w in c.words]
    if len(words) < PASSAGE_WORDS:
        return []
    head, tail = _cut_pieces(words), _cut_pieces(words[::-1])
    if head == tail == 0:  # a passage cut between words, or a long query typed: one reading
        pairs = {(WHOLE_CUT, WHOLE_CUT)}
    else:
        pairs = {(head + a, tail + b) for a in MORE_CUT for b in MORE_CUT}
    cuts = sorted((p for p in pairs if len(words) - p[0] - p[1] >= MIN_INNER), key=lambda c: (c[0] + c[1], c)) \
        or [(WHOLE_CUT, WHOLE_CUT)]  # pieces at both ends leave too few: as if neither end were cut
    text = " ".join(c.text for c in positive)
    # Every word as a phrase too: no article holds the cut ends so, but its words' scores put the
    # article holding most of them first among those holding the inner words (alternatives add up).
    whole = Clause(text, words, phrase=True)
    negated = [c for c in parsed.clauses if c.negated]
    return [replace(parsed, clauses=[Clause(text, words[a:len(words) - b], phrase=True, alternatives=[whole]),
                                     *negated], undotted=None, passage_of=parsed)
            for a, b in cuts[:MAX_READINGS]]


def _cut_pieces(words: list[str]) -> int:
    """How many words at the start of ``words`` look like the pieces of a word a selection cut."""
    n = 0
    while n < len(words) and _looks_cut(words[n]):
        n += 1
    return n


_THAI = re.compile("^[\u0e01-\u0e4e]+$")


def _looks_cut(word: str) -> bool:
    """True for a Thai word at an end of the query that a selection may have cut: a syllable of one
    or two letters (a cut word's piece), or no word of the index's word list (ป็น of เป็น)."""
    return bool(_THAI.match(word)) and (len(word) <= 2 or word not in current_lexicon().vocabulary)
