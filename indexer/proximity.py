"""Words typed together mean words that stand together: a bonus for articles where they do.

BM25 scores each word on its own, so an article with ราคา in one paragraph and ปุ๋ย in another can
outrank one about the price of fertiliser. The head of the BM25 ranking is re-ranked here with the
stored text: a clause of several words earns a bonus where its words stand as one run (spaces and
punctuation ignored, as a reader ignores them) in the headline, a smaller one in the body, and half
of that where they stand within a few letters of each other. Engine-neutral: plain strings in,
numbers out.
"""
from __future__ import annotations

import re

from indexer.query import W_BODY, W_PHRASE, W_TITLE, ParsedQuery

HEAD = 80  # BM25 candidates re-ranked for a multi-word query
NEAR_SLACK = 12  # letters allowed between the words of a clause for "nearly together"
_GAPS = re.compile(r"[\s\"'“”‘’«»()\[\]{}<>!?.,:;#…\-–—/\\|*~_+=]+")


def squeeze(text: str) -> str:
    """``text`` lower-cased without spaces and punctuation: how a run of words is compared."""
    return _GAPS.sub("", text.lower())


def wants_proximity(parsed: ParsedQuery) -> bool:
    """True when some positive clause has several words (a single word has nothing to be near)."""
    return any(len(c.words) > 1 and not c.negated for c in parsed.clauses)


def proximity_bonus(parsed: ParsedQuery, title: str, body: str) -> float:
    """The bonus of one article (its normalised title and body) for the query's multi-word clauses."""
    bonus = 0.0
    t, b = squeeze(title), None
    for c in parsed.clauses:
        if c.negated or len(c.words) < 2:
            continue
        words = [squeeze(w) for w in c.words]
        glued = "".join(words)
        weight = W_PHRASE * len(words)
        if glued in t:
            bonus += weight * W_TITLE
            continue
        if b is None:
            b = squeeze(body)
        if glued in b:
            bonus += weight * W_BODY
        elif _near(words, t, len(glued) + NEAR_SLACK):
            bonus += weight * W_TITLE / 2
        elif _near(words, b, len(glued) + NEAR_SLACK):
            bonus += weight * W_BODY / 2
    return bonus


def _near(words: list[str], text: str, window: int) -> bool:
    """True when one occurrence of every word fits inside ``window`` letters of ``text``."""
    hits: list[tuple[int, int]] = []
    for i, w in enumerate(words):
        if not w:
            continue
        start = text.find(w)
        if start < 0:
            return False
        while start >= 0:
            hits.append((start, i))
            start = text.find(w, start + 1)
    hits.sort()
    need = len({i for _p, i in hits})
    count: dict[int, int] = {}
    lo = 0
    for pos, i in hits:
        count[i] = count.get(i, 0) + 1
        while len(count) == need:
            first, j = hits[lo]
            if pos + len(words[i]) - first <= window:
                return True
            count[j] -= 1
            if not count[j]:
                del count[j]
            lo += 1
    return False
