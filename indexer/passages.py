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
# Words left out at each end, fewest first (the longer the phrase, the fewer articles hold it): a
# word cut by a selection reads as one to three pieces (รร·ม of ธรรม, ดก·ระ·ทรวง of จัดกระทรวง).
CUTS = (2, 3)
MIN_INNER = 2  # words the phrase keeps at least


def passage_readings(parsed: ParsedQuery) -> list[ParsedQuery]:
    """``parsed`` with its positive clauses read as one phrase of their inner words (all but each of
    :data:`CUTS` at each end), longest phrase first, only the longest when neither end looks cut;
    none for a query too short to be a pasted passage, or one whose operators (OR, quotes) say it
    was typed, not pasted."""
    positive = [c for c in parsed.clauses if not c.negated]
    if any(c.phrase or c.alternatives for c in positive):
        return []
    words = [w for c in positive for w in c.words]
    if len(words) < PASSAGE_WORDS:
        return []
    # Whole words at both ends (a passage cut between words, or a long query typed): one reading;
    # a piece of a word left at either end may read as a whole word too (รองดอง of ปรองดอง).
    cuts = CUTS if _looks_cut(words[0]) or _looks_cut(words[-1]) else CUTS[:1]
    text = " ".join(c.text for c in positive)
    # Every word as a phrase too: no article holds the cut ends so, but its words' scores put the
    # article holding most of them first among those holding the inner words (alternatives add up).
    whole = Clause(text, words, phrase=True)
    negated = [c for c in parsed.clauses if c.negated]
    return [replace(parsed, clauses=[Clause(text, words[cut:len(words) - cut], phrase=True, alternatives=[whole]),
                                     *negated], undotted=None, passage_of=parsed)
            for cut in cuts if len(words) - 2 * cut >= MIN_INNER]


_THAI = re.compile("^[\u0e01-\u0e4e]+$")


def _looks_cut(word: str) -> bool:
    """True for a Thai word at an end of the query that a selection may have cut: a syllable of one
    or two letters (a cut word's piece), or no word of the index's word list (ป็น of เป็น)."""
    return bool(_THAI.match(word)) and (len(word) <= 2 or word not in current_lexicon().vocabulary)
