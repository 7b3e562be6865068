"""Dotted abbreviations of ranks, offices and places (พล.อ., รมว., จ.) and the words they stand for.

Segmentation reads an abbreviation as its spelled-out word at the abbreviation's own offsets, so
``พล.อ.ประวิตร`` and ``พลเอกประวิตร`` give the same words; the list is indexer/data/abbreviations.txt.
A query's abbreviation typed without its dots (``ครมเห็นชอบ``) gets them back first (:func:`dot_abbreviations`).
"""
from __future__ import annotations

import functools
import re
from importlib.resources import files
from itertools import accumulate

from indexer.compounds import THAI_LETTERS
from indexer.lexicon import current_lexicon, read_data_lines


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
    return re.compile("|".join([*alts, INITIALS]))


# Initials: two or more consonants each written with a dot (ป.ป.ส., ธ.ก.ส; the last dot maybe left
# out), or each with a dot and a space (ก. พ. ร.); never across a space otherwise: "10.00 น. ณ ห้อง"
# and "ส.ส. ส.ว." are several words. Not after a Thai letter nor right after another letter's dot:
# not the ``ม.ย.`` of เม.ย., nor the ``ร.บ.`` of ตามพ.ร.บ. or ``ป.ส.`` of กับป.ป.ส. and ผอ.ป.ป.ส.,
# where the run starts glued to a word (it stays letters, as in the query typed so). They are read as
# the letters together (ปปส), as people type them undotted and as the dictionary holds them: one
# letter each, ป·ป·ส, they matched no article of ปปส nor a query typed so.
INITIALS = (rf"(?<![{THAI_LETTERS}])(?<![ก-ฮ]\.)"
            rf"(?:[ก-ฮ]\.(?:[ก-ฮ]\.)*[ก-ฮ](?:\.|(?![{THAI_LETTERS}]))|[ก-ฮ]\. (?:[ก-ฮ]\. )*[ก-ฮ]\.)")


@functools.lru_cache(maxsize=1)
def abbreviation_marks() -> tuple[str, ...] | None:
    """Characters one of which every abbreviation holds (``.`` or ``ฯ``; the pattern keeps them
    literal): a text holding none of them holds no abbreviation and need not be scanned (half the
    paragraphs of a snippet window). None when some abbreviation holds neither."""
    marks = (".", "ฯ")
    return marks if all(any(m in a for m in marks) for a in abbreviations()) else None


def spelled_out(abbreviation: str) -> str:
    """The word an abbreviation found by :func:`abbreviation_pattern` stands for (initials: their
    letters)."""
    key = abbreviation.replace(" ", "")
    return abbreviations().get(key) or key.replace(".", "")


MIN_UNDOTTED = 3  # letters: a shorter abbreviation typed without its dots (รพ, พศ) is too often a syllable


@functools.lru_cache(maxsize=1)
def _undotted_pattern() -> tuple[re.Pattern, dict[str, str]] | None:
    """An abbreviation of :func:`abbreviations` that ends with a dot, typed with some of its dots
    left out (``ครม``, ``พรบ``, ``พ.ร.บ``, ``พลอ.``); and each one's letters -> its dotted form.
    After a dot too: the letters after another abbreviation (``ครม.กทม``) or a list number
    (``1.ครมเห็นชอบ``) start a run of their own (the dot is no Thai letter)."""
    forms: dict[str, str] = {}
    for a in abbreviations():
        letters = a.replace(".", "")
        if a.endswith(".") and "ฯ" not in a and len(letters) >= MIN_UNDOTTED:
            forms[letters] = a
    if not forms:
        return None
    alts = sorted((r"\.?".join(map(re.escape, letters)) for letters in forms), key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(alts)})\.?"), forms


def dot_abbreviations(text: str) -> str:
    """``text`` with abbreviations typed without their dots written with them (``ครมเห็นชอบ`` ->
    ``ครม.เห็นชอบ``, ``รมวพม`` -> ``รมว.พม``, ``วราวุธรมว`` -> ``วราวุธรมว.``), so that a query finds
    what the dotted form finds.

    People often leave the dots out; glued to the words around it the letters then segment into
    noise (คร·ม·เห็นชอบ) and find nothing. Only at the start of a run of Thai letters or at its
    end, and only when reading the letters as the abbreviation leaves a cleaner rest: the segmenter
    reads the run with the abbreviation as its first (last) word, or the rest of the run has fewer
    one-letter and unknown words than the whole run (พลอยแดง stays a gem, โครม a crash, and อบรมวิชา
    holds no รมว)."""
    found = _undotted_pattern()
    if found is None or not text:
        return text
    pattern, forms = found

    def fix(m: re.Match) -> str:
        typed = m.group()
        letters = typed.replace(".", "")
        if typed == forms[letters]:
            return typed  # dotted as it should be
        before = _RUN_BEFORE.search(text, 0, m.start()).group()
        after = _RUN_AFTER.match(text, m.end()).group()
        if before and (after or typed.endswith(".")):
            return typed  # inside a run: part of a word
        rest = before or after
        if not rest:
            return forms[letters]
        lex = current_lexicon()
        whole = lex.segment(before + letters + after)
        edge = whole[-1] if before else whole[0]
        if edge == letters or _junk(lex.segment(rest), lex) < _junk(whole, lex):
            return forms[letters]
        return typed

    return pattern.sub(fix, text)


# A run of Thai letters right before a dot, and the consonants an abbreviation glued to its end may
# be (one to three: จ. ก.พ. พท. กยศ.).
_RUN_BEFORE_DOT = re.compile(f"[{THAI_LETTERS}]{{3,}}(?=\\.)")
_CONSONANTS = re.compile("[\u0e01-\u0e2e]{1,3}")
_NOT_CONSONANT = re.compile("[^\u0e01-\u0e2e]")


def apart(text: str) -> str | None:
    """``text`` with a space between a word and the abbreviation glued after it, or None when it has
    none: the letters right before a dot end an abbreviation, and glued to the word before them
    they may segment with it ("กลางก.พ." -> กลา·งก·พ where the article spaces กลาง ก.พ.; "ดำเนินงานพท."
    -> ดำเนิน·งา·นพ·ท). Of the last one to three letters, if consonants, the split whose rest reads
    cleanest (fewest one-letter and unknown words, then fewest words; fewer letters on a tie), if
    it reads no worse than the run as segmented and the segmenter ran a word across that point. A
    rest of bare consonants is no word (สสจ., บกปภ. are one abbreviation); nor is a word with a
    dot after it (ประชุม., โทร.) cut, its split reading worse."""
    lex = current_lexicon()

    def fix(m: re.Match) -> str:
        run, best = m.group(), None
        for k in (1, 2, 3):
            rest = run[:-k]
            if _CONSONANTS.fullmatch(run[-k:]) and _NOT_CONSONANT.search(rest):
                words = lex.segment(rest)
                score = (_junk(words, lex), len(words) + 1)  # the abbreviation is one word more
                if best is None or score < best[0]:
                    best = (score, rest, run[-k:])
        if best is None:
            return run
        whole = lex.segment(run)
        if best[0] > (_junk(whole, lex), len(whole)) or len(best[1]) in accumulate(map(len, whole)):
            return run  # reads worse split, or the segmenter already cuts there
        return f"{best[1]} {best[2]}"

    spaced = _RUN_BEFORE_DOT.sub(fix, text)
    return spaced if spaced != text else None


_RUN_BEFORE = re.compile(f"[{THAI_LETTERS}]*$")
_RUN_AFTER = re.compile(f"[{THAI_LETTERS}]*")


def _junk(words: list[str], lex) -> int:
    """One-letter and unknown words among ``words``."""
    return sum(len(w) < 2 or w not in lex for w in words)
