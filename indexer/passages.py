"""A passage pasted from the body of an article: read as the run of its inner words.

A reporter pastes a sentence from a release ("…ซึ่งต้องของบประมาณเพิ่มเติมอี") to find the release.
Selected with a mouse, it starts and ends inside words: the cut pieces read as other words than the
article's (รร·ม of ธรรม), and the article no longer holds every word of the query. The words inside
the cut ends still stand side by side in it, and few other articles hold them so. The engine tries
this reading when the first result of a long query holds it nowhere, and keeps it when its own first
result does (:func:`indexer.proximity.holds_typed`).

Engine-neutral: a reading of the parsed query, nothing more.
"""
from __future__ import annotations

from dataclasses import replace

from indexer.query import Clause, ParsedQuery

PASSAGE_WORDS = 6  # words of a query's positive clauses before it is read as a passage too
# Words left out at each end: a word cut by a selection reads as one to three pieces (รร·ม of ธรรม,
# ดก·ระ·ทรวง of จัดกระทรวง), and a long passage can spare three at each end.
CUT, LONG_CUT, LONG = 2, 3, 9


def passage_reading(parsed: ParsedQuery) -> ParsedQuery | None:
    """``parsed`` with its positive clauses read as one phrase of their inner words (all but ``CUT``
    or ``LONG_CUT`` at each end); None for a query too short to be a pasted passage, or one whose
    operators (OR, quotes) say it was typed, not pasted."""
    positive = [c for c in parsed.clauses if not c.negated]
    if any(c.phrase or c.alternatives for c in positive):
        return None
    words = [w for c in positive for w in c.words]
    if len(words) < PASSAGE_WORDS:
        return None
    cut = LONG_CUT if len(words) >= LONG else CUT
    inner = Clause(" ".join(c.text for c in positive), words[cut:-cut], phrase=True)
    return replace(parsed, clauses=[inner, *(c for c in parsed.clauses if c.negated)], undotted=None)
