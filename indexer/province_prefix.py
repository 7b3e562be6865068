"""จ. and จังหวัด before a province's name are one word to a Thai reader: "จ.เชียงใหม่",
"จังหวัดเชียงใหม่". A clause holding one of them is also read with the other, scored as the better of
the two as a dotted abbreviation's reading is (:attr:`indexer.query.Clause.as_typed`).

Not in the abbreviation table the segmenter reads in documents too (indexer/data/abbreviations.txt):
a lone จ. is also the end of many a word glued to a dot, and จ. stands for จันทร์ in a date; before
the name of one of the 77 provinces it is only ever จังหวัด.
"""
from __future__ import annotations

import functools

from core.provinces import provinces

SPELLINGS = {"จ": "จังหวัด", "จังหวัด": "จ"}


@functools.lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    return frozenset(n for p in provinces() for n in (p.name_th, *p.aliases_th) if n)


def swapped(words: list[str]) -> list[str] | None:
    """``words`` with the first จ or จังหวัด standing before a province's name spelled the other
    way, or None when there is none."""
    for k in range(len(words) - 1):
        if words[k] in SPELLINGS and words[k + 1] in _names():
            return [*words[:k], SPELLINGS[words[k]], *words[k + 1:]]
    return None
