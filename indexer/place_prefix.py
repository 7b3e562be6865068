"""จ., อ. and ต. before a place's name are จังหวัด, อำเภอ and ตำบล to a Thai reader: "จ.เชียงใหม่" is
"จังหวัดเชียงใหม่", "อ.แม่สาย" "อำเภอแม่สาย", "ต.ในเมือง" "ตำบลในเมือง". A query clause holding one form
is also read with the other, scored as the better of the two as a dotted abbreviation's reading is
(:attr:`indexer.query.Clause.as_typed`); documents are indexed as printed.

Not in the abbreviation table the segmenter reads in documents too (indexer/data/abbreviations.txt):
a lone จ., อ. or ต. is also the end of many a word glued to a dot, จ. stands for จันทร์ in a date, อ.
for อาจารย์, and ต. begins ต.ค. In a query the swap only adds the other spelling of what was typed:

* จ. only before the name of one of the 77 provinces (core.provinces), where it is only ever จังหวัด;
* อ. and ต. before any word of two letters or more (the project carries no list of the nine hundred
  districts and seven thousand subdistricts), typed with their dot, and not inside a run of one-letter
  abbreviations (พ.ต.อ. is a police rank, อ.ส.ค. an agency, ต.ค. October).

Typed with a space after the dot ("อ. แม่สาย") the letter is a clause of its own, which stays optional
as a one-letter word beside a longer one does (:func:`indexer.query.cut_end`): the name finds both
spellings, and the articles without either after them.
"""
from __future__ import annotations

import functools
import re

from core.provinces import provinces

SPELLINGS = {"จ": "จังหวัด", "จังหวัด": "จ", "อ": "อำเภอ", "อำเภอ": "อ", "ต": "ตำบล", "ตำบล": "ต"}
_NAMED_ONLY = frozenset({"จ", "จังหวัด"})  # swapped only before a province's name


@functools.lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    return frozenset(n for p in provinces() for n in (p.name_th, *p.aliases_th) if n)


def swapped(words: list[str], text: str = "") -> list[str] | None:
    """``words`` (of a clause typed as ``text``) with the first จ/จังหวัด before a province's name,
    or อ/อำเภอ or ต/ตำบล before a name, spelled the other way; None when there is none."""
    for k in range(len(words) - 1):
        word, after = words[k], words[k + 1]
        if word not in SPELLINGS:
            continue
        if word in _NAMED_ONLY:
            if after in _names():
                return [*words[:k], SPELLINGS[word], *words[k + 1:]]
        elif len(after) >= 2 and not after.isdigit() and (len(word) > 1 or _dotted_alone(words, k, text)):
            return [*words[:k], SPELLINGS[word], *words[k + 1:]]
    return None


def _dotted_alone(words: list[str], k: int, text: str) -> bool:
    """True when the one-letter word ``words[k]`` was typed with its dot and does not follow another
    one-letter word (พ·ต·อ of พ.ต.อ.)."""
    return f"{words[k]}." in text and (k == 0 or len(words[k - 1]) > 1)


# A lone จ., อ. or ต. with its dot before Thai letters, not the end of a word (กนอ.): the prefix.
_LETTER_DOT = re.compile(r"(?<![ก-ฮ])([จอต])\.\s?(?=[\u0e01-\u0e4e])")


def spelled(text: str) -> str:
    """``text`` with each one-letter prefix written with its dot spelled out (อ.เมือง: อำเภอเมือง), so
    that a run compared letter for letter finds อำเภอเมือง whichever way it is printed, and not the
    อ of พ่อเมือง."""
    return _LETTER_DOT.sub(lambda m: SPELLINGS[m.group(1)], text) if "." in text else text


def starts_with_letter(words: list[str]) -> bool:
    """True when ``words`` start with a one-letter prefix (จ, อ, ต)."""
    return bool(words) and len(words[0]) == 1 and words[0] in SPELLINGS
