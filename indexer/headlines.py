"""Headlines that hold a pasted fragment letter for letter: the fall-back of a selection cut mid-word.

A headline fragment selected with a mouse starts and ends where the hand stopped, often inside a
word ('ยกฯ รับทราบ ไทยพบ "โอไมครอน' of นายกฯ รับทราบ ไทยพบ "โอไมครอน" รายแรก). Segmented, its cut
pieces read as other words than the headline's, and those words may match nothing or bury the
headline under articles that hold them apart. So every headline of an index version is also kept
squeezed (lower case, spaces and punctuation out: :func:`indexer.proximity.squeeze`), and the
query squeezed the same way is looked for in them as plain text, as a substring search would. The
engine asks only when no headline of its head holds the query's run (:meth:`SearchEngine._head`).

Engine-neutral: a backend keeps one :class:`Headlines` per segment of titles and asks :meth:`find`.
"""
from __future__ import annotations

import re
from typing import Iterable

import numpy as np

from indexer.proximity import squeeze
from indexer.query import ParsedQuery

MIN_LETTERS = 8  # a shorter text is held by too many headlines to say which one was meant
MAX_HELD = 1000  # headlines holding the text: more is no pasted fragment (the words rank those)
_SEP = "\n"  # never in a squeezed headline: a text found cannot run across two
# Vowels and tone marks written above or below a letter: a selection may start or end on one,
# which normalisation may move or drop in the query but not in the headline.
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_EDGE_MARKS = re.compile(f"^[{_MARKS}]+|[{_MARKS}]+$")


class Headlines:
    """The squeezed headlines of one segment, in its docnums, as one text to search."""

    def __init__(self, titles: Iterable[str]):
        squeezed = [squeeze(t) for t in titles]
        self.text = _SEP.join(squeezed)
        lengths = np.fromiter((len(s) + 1 for s in squeezed), dtype=np.int64, count=len(squeezed))
        self.starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(squeezed) else lengths

    def find(self, key: str, limit: int = MAX_HELD) -> list[int] | None:
        """Docnums whose squeezed headline holds ``key`` (a squeezed text), or None past ``limit``."""
        out: list[int] = []
        pos = self.text.find(key)
        while pos >= 0:
            doc = int(np.searchsorted(self.starts, pos, side="right")) - 1
            out.append(doc)
            if len(out) > limit:
                return None
            nxt = int(self.starts[doc + 1]) if doc + 1 < len(self.starts) else len(self.text)
            pos = self.text.find(key, nxt)
        return out


def headline_key(parsed: ParsedQuery) -> str | None:
    """The query as a squeezed text to look for in headlines, or None: a query with exclusions or
    alternatives is no pasted fragment, and one of fewer than :data:`MIN_LETTERS` letters says
    too little."""
    if any(c.negated or c.alternatives for c in parsed.clauses):
        return None
    key = _EDGE_MARKS.sub("", squeeze("".join(c.text for c in parsed.clauses)))
    return key if len(key) >= MIN_LETTERS else None
