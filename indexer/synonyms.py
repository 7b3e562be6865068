"""Words a searcher takes for the same thing (ค่าแรง and ค่าจ้าง, น้ำท่วม and อุทกภัย, ดิจิทัล and
ดิจิตอล): a clause is also read with one of them in place of the other.

An article saying ค่าจ้างขั้นต่ำ is what someone typing ค่าแรงขั้นต่ำ is after, though it holds none
of the words typed. The other reading's articles are matched too, scored at :data:`WEIGHT` of
their BM25, so that an article using the user's own word ranks first; the list is
indexer/data/synonyms.txt.
"""
from __future__ import annotations

import functools
import re
from importlib.resources import files

from indexer.compounds import THAI_LETTERS
from indexer.lexicon import PerLexicon, current_lexicon, dictionary_words, read_data_lines
from indexer.thai import iter_fine, word_texts

_THAI = re.compile(f"[{THAI_LETTERS}]")
WEIGHT = 0.5  # of the BM25 of an article found only through another word of the group
MAX_READINGS = 4  # other readings of one clause: each costs a look-up of its words

_READINGS = PerLexicon(max_words=20_000)


@functools.lru_cache(maxsize=1)
def groups() -> dict[str, tuple[str, ...]]:
    """Each word of the list -> the other words of its group that are looked for (those the
    dictionary reads as words: a misspelling split into syllables would match syllables anywhere)."""
    known = dictionary_words()
    out: dict[str, tuple[str, ...]] = {}
    for line in read_data_lines(files("indexer").joinpath("data/synonyms.txt").read_text("utf-8")):
        group = line.split()
        readable = [w for w in group if all(t in known or not _THAI.search(t) for t in word_texts(w))]
        for w in group:
            out[w] = tuple(o for o in readable if o != w)
    return out


def readings(text: str) -> tuple[tuple[str, str], ...]:
    """``(reading, word put in)`` for ``text`` (a clause as typed) with one word of a group put in
    place of another, where that word stands whole in it (it begins and ends where the segmenter's
    words or their parts do: not ค่าไฟ inside ค่าไฟฟ้า); at most :data:`MAX_READINGS`, in the
    order the words stand."""
    low = text.lower()  # Latin words are listed lower-case; Thai has no case, offsets stay
    found = sorted((i, w) for w in groups() if w in low for i in _starts(low, w))
    if not found:
        return ()
    cache = _READINGS.of(current_lexicon())
    cached = cache.get(text)
    if cached is None:
        bounds = {0, len(text)}
        for _t, start, end, _pos in iter_fine(text):
            bounds.update((start, end))
        out: dict[str, str] = {}
        for i, w in found:
            if i in bounds and i + len(w) in bounds:
                # Not a word the text already says (ขยะมูลฝอย read as มูลฝอยมูลฝอย finds nothing more).
                for other in groups()[w]:
                    if other not in low:
                        out.setdefault(text[:i] + other + text[i + len(w):], other)
        cached = cache[text] = tuple(out.items())[:MAX_READINGS]
    return cached


def _starts(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out
