"""Words typed together mean words that stand together: a bonus for articles where they do.

BM25 scores each word on its own, so an article with ราคา in one paragraph and ปุ๋ย in another can
outrank one about the price of fertiliser. The head of the BM25 ranking is re-ranked here with the
stored text (the headline and the lead of the body): articles where a clause of several words stands as one run (spaces and punctuation
ignored, as a reader ignores them) in the headline come first, then as one run in the body, then
nearly together (within a few letters), then apart; BM25 orders each tier. Engine-neutral: plain
strings in, numbers out.
"""
from __future__ import annotations


import re

from indexer.query import ParsedQuery
from indexer.thai import abbreviation_pattern, abbreviations, spelled_out

HEAD = 60  # BM25 candidates re-ranked for a multi-word query
NEAR_SLACK = 12  # letters allowed between the words of a clause for "nearly together"
TIER = 1000.0  # above any BM25 sum a query can reach
LEAD = 2500  # letters of the body looked at: an article about the words has them early
_GAPS = re.compile(r"[\s\"'“”‘’«»()\[\]{}<>!?.,:;#…\-–—/\\|*~_+=ฯๆ]+")


def squeeze(text: str, spell: bool = False) -> str:
    """``text`` lower-cased, without spaces and punctuation (and with ``spell``, abbreviations
    spelled out, as the segmenter spells them in the query's words): how a run of words is compared."""
    if spell:
        text = abbreviation_pattern().sub(lambda m: spelled_out(m.group()), text)
    return _GAPS.sub("", text.lower())


def wants_proximity(parsed: ParsedQuery) -> bool:
    """True when some positive clause has several words (a single word has nothing to be near)."""
    return any(len(c.words) > 1 and not c.negated for c in parsed.clauses)


def proximity_bonus(parsed: ParsedQuery, title: str, body: str) -> float:
    """The bonus of one article (its normalised title and body) for the query's multi-word clauses:
    per clause, 3 tiers for a run in the headline, 2 in the body, 1 for nearly together, each tier
    worth more than any BM25 score, so that together always ranks above apart."""
    tiers = 0
    # Spelling out abbreviations costs a scan of the whole body: only when the query has one.
    spelled = set(abbreviations().values())
    spell = any(w in spelled for c in parsed.clauses for w in c.words)
    t, b = squeeze(title, spell), None
    for c in parsed.clauses:
        if c.negated or len(c.words) < 2:
            continue
        words = [squeeze(w) for w in c.words]
        glued = "".join(words)
        if glued in t:
            tiers += 3
            continue
        if b is None:
            b = squeeze(body[:LEAD], spell)
        if glued in b:
            tiers += 2
        elif _near(words, t, len(glued) + NEAR_SLACK) or _near(words, b, len(glued) + NEAR_SLACK):
            tiers += 1
    return TIER * tiers


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
