"""Words a searcher takes for the same thing (ค่าแรง and ค่าจ้าง, น้ำท่วม and อุทกภัย, ดิจิทัล and
ดิจิตอล): a clause is also read with one of them in place of the other.

An article saying ค่าจ้างขั้นต่ำ is what someone typing ค่าแรงขั้นต่ำ is after, though it holds none
of the words typed. The other reading's articles are matched too, scored at :data:`WEIGHT` of
their BM25; a headline holding the query as typed ranks above one holding the other word
(:mod:`indexer.proximity` re-ranks such a query), one holding either above a body that does.
The list is indexer/data/synonyms.txt.
"""
from __future__ import annotations

import functools
import re
from importlib.resources import files

from indexer.compounds import THAI_LETTERS
from indexer.lexicon import PerLexicon, current_lexicon, dictionary_words, read_data_lines
from indexer.thai import iter_fine, word_texts

_THAI = re.compile(f"[{THAI_LETTERS}]")
_CUT_SHORT = re.compile("(?<=[\u0e01-\u0e4e])ฯ(?!ล)")  # not ฯลฯ (et cetera)
WEIGHT = 0.5  # of the BM25 of an article found only through another word of the group
MAX_READINGS = 4  # other readings of one clause: each costs a look-up of its words
MAX_WORD = 20  # letters of a lexicon word looked for around a group's word

_READINGS = PerLexicon(max_words=20_000)


@functools.lru_cache(maxsize=1)
def groups() -> dict[str, tuple[str, ...]]:
    """Each word of the list -> the other words of its group that are looked for: those the
    segmenter reads as one word of the dictionary (or one Latin word). A misspelling split into
    syllables would match syllables anywhere; a phrase (ผู้·พิการ) costs a positional look-up
    over the whole index, ~400 ms at 90,000 articles for a word as common as ผู้."""
    known = dictionary_words()
    out: dict[str, tuple[str, ...]] = {}
    for line in read_data_lines(files("indexer").joinpath("data/synonyms.txt").read_text("utf-8")):
        group = line.split()
        readable = [w for w in group if len(words := word_texts(w)) == 1
                    and (words[0] in known or not _THAI.search(words[0]))]
        for w in group:
            out[w] = tuple(o for o in readable if o != w)
    return out


def readings(text: str) -> tuple[tuple[str, str], ...]:
    """``(reading, word put in)`` for ``text`` (a clause as typed) with one word of a group put in
    place of another where that word stands whole in it (:func:`_whole`); not for a word the
    text already says (ขยะมูลฝอย read as มูลฝอยมูลฝอย finds nothing more); at most
    :data:`MAX_READINGS`, in the order the words stand."""
    cache = _READINGS.of(current_lexicon())
    cached = cache.get(text)
    if cached is None:
        cached = cache[text] = _readings(text)
    return cached


def reading_words(text: str) -> tuple[tuple[str, ...], ...]:
    """The words of each of :func:`readings` of ``text`` (worked out once a text: the head of a
    search compares each of its articles with them)."""
    cache = _READINGS.of(current_lexicon())
    key = ("words", text)
    cached = cache.get(key)
    if cached is None:
        cached = cache[key] = tuple(tuple(word_texts(reading)) for reading, _put in readings(text))
    return cached


def _readings(text: str) -> tuple[tuple[str, str], ...]:
    text = _CUT_SHORT.sub("", text)  # กรุงเทพฯ is กรุงเทพ: the mark only says the name is cut short
    low = text.lower()  # Latin words are listed lower-case; Thai has no case, offsets stay
    found = sorted((i, w) for w in groups() if w in low for i in _starts(low, w))
    if not found:
        return ()
    nodes = {(start, end) for _t, start, end, _pos in iter_fine(text)}
    bounds = {b for node in nodes for b in node}
    vocab = current_lexicon().vocabulary
    whole = [(i, w) for i, w in found if _whole(low, i, i + len(w), bounds, nodes, vocab)]
    said = {w for _i, w in whole}
    out: dict[str, str] = {}
    for i, w in whole:
        if any(other in said for other in groups()[w]):
            continue  # the text says the thing twice already (ทุจริตคอร์รัปชัน)
        for other in groups()[w]:
            out.setdefault(text[:i] + other + text[i + len(w):], other)
    return tuple(out.items())[:MAX_READINGS]


def _whole(text: str, i: int, j: int, bounds: set[int], nodes: set[tuple[int, int]],
           vocab: frozenset[str]) -> bool:
    """Whether ``text[i:j]`` stands whole: it begins and ends where the segmenter's words or the
    parts of their split trees do (ค่าแรง of ค่าแรง·ขั้นต่ำ, ค่าไฟ of ค่า·ไฟ·แพง; not ค่าไฟ of
    ค่า·ไฟฟ้า), no word the segmenter read runs across either end (คน·ชราภาพ: not คนชรา; มกร across
    น้ำท่วม·กรุงเทพ was not read), and a longer one holding it is a word the segmenter read
    (ค่าแรงงาน, though cut ค่าแรง·งาน, is ค่า·แรงงาน)."""
    if i not in bounds or j not in bounds:
        return False
    for s in range(max(0, i - MAX_WORD), j):
        for e in range(max(s + 3, i + 1), min(len(text), s + MAX_WORD) + 1):
            if (s, e) == (i, j) or e <= i or text[s:e] not in vocab:
                continue
            holds = s <= i and j <= e
            if (not holds and (s < i or e > j) and (s, e) in nodes) or (holds and (s, e) not in nodes):
                return False
    return True


def _starts(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out
