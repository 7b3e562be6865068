"""A reference for known-item queries that several articles hold letter for letter.

A run cut from a headline ("นายกฯ พอใจ", "อนุทินเป็น") is often printed in other headlines too, and
nothing in the query tells which of them it was cut from. The reference here is the MRR@10 of a
search that puts the article first whenever it is the only one holding the query's letters, and
among the k that hold them puts it at a random place (expected reciprocal rank
(1/k)·(1 + 1/2 + … + 1/min(k, 10))). It is no upper bound: ties can be broken better than at
random (a shorter headline has fewer runs to cut, so is likelier the source). Articles with the
same normalised headline count once, as the evaluation accepts any of them. A dotted query spelled
out is matched with the headline's abbreviation in place of its spelled-out form.
"""
from __future__ import annotations

import re
from collections import defaultdict

from core.normalize import normalize_line

_NOT_LETTER = re.compile(r"[^\u0e01-\u0e4e0-9a-z]")
# The classes whose query is cut from the headline; ``body`` is cut from the body.
_FROM_TITLE = ("printed", "no spaces", "names", "dotted", "pasted")


def letters(text: str) -> str:
    """Thai letters, digits and Latin letters of normalised ``text``: what a paste keeps of a run."""
    return _NOT_LETTER.sub("", normalize_line(text).lower())


def expected_rr(k: int) -> float:
    """Expected reciprocal rank (cut at 10) of one of ``k`` tied articles placed at random among them."""
    return sum(1 / i for i in range(1, min(k, 10) + 1)) / max(1, k)


def _query_letters(item, spelled: dict[str, str], dotted: re.Pattern) -> str:
    query = item.query
    m = dotted.search(item.title) if item.kind == "dotted" else None
    if m and m.group(0) in spelled and query.startswith(spelled[m.group(0)]):  # the spelled-out way
        query = m.group(0) + query[len(spelled[m.group(0)]):]
    return letters(query)


def random_tie_mrr(items: list, articles: list, spelled: dict[str, str], dotted: re.Pattern) -> tuple[dict[str, float], int]:
    """Per class, the MRR@10 of breaking ties at random; and how many queries no article holds
    (a query the evaluation could not have cut: counted as untied, and worth a look)."""
    headlines: dict[str, set[str]] = defaultdict(set)  # headline letters -> its normalised headlines
    for a in articles:
        headlines[letters(a.title)].add(normalize_line(a.title))
    bodies = [(normalize_line(a.title), letters(a.body)) for a in articles] if any(
        it.kind == "body" for it in items) else []
    out: dict[str, list[float]] = defaultdict(list)
    unheld = 0
    for it in items:
        q = _query_letters(it, spelled, dotted)
        if it.kind in _FROM_TITLE:
            k = len({t for h, titles in headlines.items() if q in h for t in titles})
        else:
            k = len({t for t, b in bodies if q in b})
        unheld += k == 0
        out[it.kind].append(expected_rr(max(1, k)))
    return {kind: sum(v) / len(v) for kind, v in out.items()}, unheld
