"""How well any search can do on known-item queries that several articles hold letter for letter.

A run cut from a headline ("นายกฯ พอใจ", "อนุทินเป็น") is often printed in other headlines too. No
search can tell which of them the query was cut from, so a known-item class cannot reach 1.0:
the bound here is the MRR@10 of a search that puts the article first whenever it is the only one
holding the query's letters, and among the k that hold them puts it at a random place (expected
reciprocal rank (1/k)·(1 + 1/2 + … + 1/min(k, 10))). Headlines with the same letters count once
(the evaluation accepts any article with the article's headline). Dotted queries are re-spaced or spelled out, so
their letters are matched with the abbreviation spelled as in the headline where that is known.
"""
from __future__ import annotations

import re
from collections import defaultdict

_NOT_LETTER = re.compile(r"[^\u0e01-\u0e4e0-9a-z]")
# The classes whose query is cut from the headline; ``body`` is cut from the body.
_FROM_TITLE = ("printed", "no spaces", "names", "dotted", "pasted")


def letters(text: str) -> str:
    """Thai letters, digits and Latin letters of normalised ``text``: what a paste keeps of a run."""
    from core.normalize import normalize_line

    return _NOT_LETTER.sub("", normalize_line(text).lower())


def expected_rr(k: int) -> float:
    """Expected reciprocal rank (cut at 10) of one of ``k`` tied articles placed at random among them."""
    return sum(1 / i for i in range(1, min(k, 10) + 1)) / max(1, k)


def _query_letters(item, spelled: dict[str, str]) -> str:
    query = item.query
    if item.kind == "dotted":
        for abbr, full in spelled.items():
            if full in query and abbr in item.title:
                query = query.replace(full, abbr, 1)
                break
    return letters(query)


def bounds(items: list, articles: list, spelled: dict[str, str]) -> dict[str, float]:
    """Per class, the best MRR@10 a search can expect when ties are broken at random."""
    headlines = {letters(a.title) for a in articles}
    bodies = [(letters(a.title), letters(a.body)) for a in articles] if any(
        it.kind == "body" for it in items) else []
    out: dict[str, list[float]] = defaultdict(list)
    for it in items:
        q = _query_letters(it, spelled)
        if it.kind in _FROM_TITLE:
            k = sum(1 for h in headlines if q in h)
        else:
            k = len({t for t, b in bodies if q in b})
        out[it.kind].append(expected_rr(max(1, k)))
    return {kind: sum(v) / len(v) for kind, v in out.items()}
