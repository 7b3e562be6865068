"""Dotted abbreviations of ranks, offices and places (พล.อ., รมว., จ.) and the words they stand for.

Segmentation reads an abbreviation as its spelled-out word at the abbreviation's own offsets, so
``พล.อ.ประวิตร`` and ``พลเอกประวิตร`` give the same words; the list is indexer/data/abbreviations.txt.
"""
from __future__ import annotations

import functools
import re
from importlib.resources import files

from indexer.lexicon import read_data_lines


@functools.lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Dotted abbreviations and their spelled-out word (``พล.อ.`` -> ``พลเอก``)."""
    out = {}
    for line in read_data_lines(files("indexer").joinpath("data/abbreviations.txt").read_text("utf-8")):
        short, _tab, full = line.partition("\t")
        out[short.strip()] = full.strip()
    return out


@functools.lru_cache(maxsize=1)
def abbreviation_pattern() -> re.Pattern:
    """Any abbreviation of :func:`abbreviations`, longest first; not one whose end begins another
    that the text goes on to spell (บริการพ.ศ. holds พ.ศ., not รพ.)."""
    abbrs = sorted(abbreviations(), key=len, reverse=True)
    alts = []
    for a in abbrs:
        tails = {b[len(a) - i:] for b in abbrs for i in range(1, len(a)) if b != a
                 and len(b) > len(a) - i and b.startswith(a[i:]) and a[i - 1] != "."}
        ahead = "".join(f"(?!{re.escape(t)})" for t in sorted(tails) if t)
        # A space after an inner dot is the same abbreviation (พ. ศ. 2563, พล. อ. ประยุทธ์).
        alts.append(re.escape(a[:-1]).replace(r"\.", r"\.\s?") + re.escape(a[-1]) + ahead)
    return re.compile("|".join(alts))


@functools.lru_cache(maxsize=1)
def abbreviation_marks() -> tuple[str, ...] | None:
    """Characters one of which every abbreviation holds (``.`` or ``ฯ``; the pattern keeps them
    literal): a text holding none of them holds no abbreviation and need not be scanned (half the
    paragraphs of a snippet window). None when some abbreviation holds neither."""
    marks = (".", "ฯ")
    return marks if all(any(m in a for m in marks) for a in abbreviations()) else None


def spelled_out(abbreviation: str) -> str:
    """The word an abbreviation found by :func:`abbreviation_pattern` stands for."""
    return abbreviations()[abbreviation.replace(" ", "")]
