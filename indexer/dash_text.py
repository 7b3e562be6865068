"""A dash inside a pasted headline fragment is punctuation, not an exclusion.

"ครม. -ผู้แทนรัฐบาลไทย -คณะทูตกว่า 88" is how a headline lists who came; typed into a search box
the dashes read as "leave out articles with ผู้แทนรัฐบาลไทย", which leaves out the headline itself
while the rest still matches hundreds of articles (so :func:`indexer.fallbacks.second_reading`,
which reads the dash as text only when nothing matched, never runs). The two are told apart by
the articles: when a long query (:data:`MIN_TYPED` letters) is held as typed, dashes included
(spaces and other punctuation ignored), by one to :data:`MAX_HOLDERS` headlines of the
dashes-as-text reading's BM25 head, the dashes were pasted with it, and that reading is the one
shown (notice ``dash_in_headline``). A user who means the exclusion ("ครม. -อนุมัติ", "ไทย -จีน")
is not overruled. A query that only excludes (a dash before every word: a pasted list) is read
with its dashes as punctuation (notice ``only_exclusions``).

Costs one more BM25 run (without the proximity re-ranking) only for a query with an exclusion
after another word, and the dashes-as-text reading in full only when a headline holds the query.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from core.normalize import normalize_line
from indexer.fallbacks import Reading
from indexer.interface import Page
from indexer.query import ParsedQuery, dashes_as_text
from indexer.result import Notice

# Letters of the query (its dashes aside) and headlines of the head holding it: a pasted fragment is
# long and copies one headline (or its few republished copies); "ไทย -จีน" is short, and a pair that
# many headlines print hyphenated is one a user may well mean to leave out.
MIN_TYPED = 12
MAX_HOLDERS = 3
# Everything but letters, digits and the dash goes: "สธ. -มูลนิธิ" and "สธ.-มูลนิธิ" are one text.
_NOT_KEPT = re.compile(r"[^\w\u0e01-\u0e5b-]|_")  # \w misses Thai vowel and tone marks
_DASHES = re.compile(r"[-–—‐]")


def dashed(text: str) -> str:
    """``text`` lower-cased with its dashes kept as one kind, its spaces and other marks dropped."""
    return _NOT_KEPT.sub("", _DASHES.sub("-", text.lower()))


def dash_as_text(first: Reading, page: Page, plain: ParsedQuery, run: Callable[[Reading], Page],
                 head_titles: Callable[[Reading], list[str]]) -> tuple[Reading, Page]:
    """``(first, page)``, or the query with its dashes read as text and its page when a headline of
    that reading's head holds the query as typed, dashes and all (see the module docstring)."""
    if first.parsed is not plain or first.date_from_query:
        return first, page
    alt_parsed = dashes_as_text(plain)
    if alt_parsed is not None and plain.is_empty:
        # Only exclusions ("-จ่ายบิลน้ำไฟ -จ่ายภาษี", a bulleted list pasted): "every other article"
        # is no search anyone means; the dashes are bullets and the words what was asked for.
        alt = Reading(first.params, alt_parsed, notices=[Notice(code="only_exclusions")])
        return alt, run(alt)
    if alt_parsed is None or plain.clauses[0].negated:
        return first, page
    typed = dashed(plain.text)
    if "-" not in typed or len(typed.replace("-", "")) < MIN_TYPED:
        return first, page
    alt = Reading(first.params, alt_parsed, notices=[Notice(code="dash_in_headline")])
    probe = replace(alt, params=replace(alt.params, page=1))
    holders = sum(typed in dashed(normalize_line(t)) for t in head_titles(probe))
    if not 0 < holders <= MAX_HOLDERS:
        return first, page
    return alt, run(alt)
