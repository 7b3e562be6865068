"""Words that cross the boundary between two neighbouring words of a segmented text.

The segmenter picks one split where several are possible, and a word a reader sees in the text may
straddle two of its words: ปลัดกระทรวงมหาดไทย is read ปลัด · กระทรวงมหาดไทย (one split among equals),
so ปลัดกระทรวง, the word people search for, is no word of the text; เศรษฐกิจการค้า reads เศรษฐ ·
กิจการค้า; "สำนักงาน ปลัดกระทรวง" written with a space is two words, while a query typed glued is one.
The index keeps each such word as a part (:data:`indexer.thai.PART_MARK`) at the position of the
first of the two words, so a query for it finds the text as the text is written.

A bridge is a dictionary word of at least :data:`MIN_BRIDGE` letters made of the first word whole
and the second whole or a leading part of it (a node of its split tree), or a trailing part of the
first and the second whole. Only words of Thai letters are joined; the paragraph is the limit.
"""
from __future__ import annotations

import functools
import re
import threading
from typing import Sequence

from indexer.compounds import THAI_LETTERS, word_tree
from indexer.lexicon import Lexicon, dictionary_words

MIN_BRIDGE = 4  # shorter words joined across a boundary are mostly syllables meeting by chance
_THAI_WORD = re.compile(rf"[{THAI_LETTERS}]+")

# Per lexicon: word -> (the word and its leading parts, the word and its trailing parts), or None
# for a word that is not Thai letters. A server lives through many generations: only the latest
# few lexicons keep one, each bounded.
_Ends = tuple[tuple[str, ...], tuple[str, ...]]
_CACHES: dict[str, dict[str, _Ends | None]] = {}
_MAX_WORDS = 500_000
_MAX_LEXICONS = 4
_lock = threading.Lock()


def _cache(lex: Lexicon) -> dict[str, _Ends | None]:
    cache = _CACHES.get(lex.key)
    if cache is None or len(cache) > _MAX_WORDS:
        with _lock:
            cache = _CACHES.get(lex.key)
            if cache is None or len(cache) > _MAX_WORDS:
                _CACHES.pop(lex.key, None)
                while len(_CACHES) >= _MAX_LEXICONS:
                    del _CACHES[next(iter(_CACHES))]  # the oldest
                cache = _CACHES[lex.key] = {}
    return cache


def _ends(word: str, lex: Lexicon, cache: dict[str, _Ends | None]) -> _Ends | None:
    if not _THAI_WORD.fullmatch(word):
        cache[word] = None
        return None
    nodes, n = word_tree(word, lex)
    heads, tails = [word], [word]
    if n > 1:
        for t, off, _leaf in nodes:
            if t != word:
                if off == 0:
                    heads.append(t)
                if off + len(t) == len(word):
                    tails.append(t)
    ends = cache[word] = (tuple(heads), tuple(tails))
    return ends


def bridges(words: Sequence[str], lex: Lexicon) -> list[tuple[str, int]]:
    """``(word, i)`` for each dictionary word that crosses the boundary between ``words[i]`` and
    ``words[i + 1]`` (the words of one paragraph, in order), in order of ``i``."""
    cache = _cache(lex)
    vocab = _vocabulary(lex)
    out: list[tuple[str, int]] = []
    prev = None
    a = ""
    for i, word in enumerate(words):
        ends = cache.get(word, False)
        if ends is False:
            ends = _ends(word, lex, cache)
        if prev is not None and ends is not None:
            # The first word whole and the second whole or its head; the first's tail and the
            # second whole (the first whole is its own first tail, already joined).
            for head in ends[0]:
                joined = a + head
                if joined in vocab and len(joined) >= MIN_BRIDGE:
                    out.append((joined, i - 1))
            tails = prev[1]
            if len(tails) > 1:
                for tail in tails[1:]:
                    joined = tail + word
                    if joined in vocab and len(joined) >= MIN_BRIDGE and (joined, i - 1) not in out[-2:]:
                        out.append((joined, i - 1))
        prev, a = ends, word
    return out


@functools.lru_cache(maxsize=_MAX_LEXICONS)
def _vocabulary(lex: Lexicon) -> frozenset[str]:
    """Every word of ``lex`` in one set (one look-up a join, not two)."""
    return dictionary_words() | lex.learned if lex.learned else dictionary_words()
