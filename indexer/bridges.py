"""Words that cross the boundary between two neighbouring words of a segmented text.

The segmenter picks one split where several are possible, and a word a reader sees in the text may
straddle two of its words: ปลัดกระทรวงมหาดไทย is read ปลัด · กระทรวงมหาดไทย (one split among equals),
so ปลัดกระทรวง, the word people search for, is no word of the text; ข้าราชการทหาร reads ข้า ·
ราชการทหาร; "สำนักงาน ปลัดกระทรวง" written with a space is two words, while a query typed glued is one.
The index keeps each such word as a part (:data:`indexer.thai.PART_MARK`) at the position of the
first of the two words, so a query for it finds the text as the text is written.

A bridge is a dictionary word of at least :data:`MIN_BRIDGE` characters made of the first word whole
and the second whole or a head of it, or of a tail of the first and the second whole. A head is a
node of the word's split tree, or what is left when a dictionary word is cut off its end (คาที่ is
คา · ที่ too, so ใน·รา·คาที่ holds ราคา, the reading ราคา·ที่ that the segmenter passed over); a
tail likewise. Such a reading is kept only where the word counts of pythainlp's Thai National
Corpus make it likelier than the segmenter's (ตาม·มาตรา holds no ตามมา). Only words of two or more
Thai letters are joined (a lone letter is an initial or a syllable of an unknown name: นาย ก. and
ค. วัน are no นายก or ควัน); the paragraph is the limit.
"""
from __future__ import annotations

import functools
import re
from typing import Sequence

from indexer.compounds import THAI_LETTERS, word_tree
from indexer.lexicon import Lexicon, PerLexicon

MIN_BRIDGE = 4  # shorter words joined across a boundary are mostly syllables meeting by chance
_MIN_REST = 2  # the dictionary word a head or tail leaves behind: no lone letter
_JOINABLE = re.compile(rf"[{THAI_LETTERS}]{{2,}}")

# Per lexicon: word -> (heads, tails), or None for a word that is not joined. A head is
# ``(head, rest)``: rest is None for the word itself and the nodes of its split tree, else the
# dictionary word the cut leaves behind (tails likewise, ``(tail, rest)`` with rest before it).
_End = tuple[str, str | None]
_Ends = tuple[tuple[_End, ...], tuple[_End, ...]]
_ENDS = PerLexicon()


@functools.lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    """Word counts of the Thai National Corpus (bundled with pythainlp): how likely a reading is."""
    from pythainlp.corpus.tnc import word_freqs

    return dict(word_freqs())


def likelier(left: str, right: str, a: str, b: str) -> bool:
    """Whether reading a pair as ``left · right`` is likelier than the segmenter's ``a · b`` (a
    unigram model over the corpus counts, unseen words counted once): ราคา · ที่ over รา · คาที่, not
    ตามมา · ตรา over ตาม · มาตรา."""
    freq = _frequencies()
    return freq.get(left, 1) * freq.get(right, 1) > freq.get(a, 1) * freq.get(b, 1)


def _ends(word: str, lex: Lexicon, cache: dict[str, _Ends | None]) -> _Ends | None:
    if not _JOINABLE.fullmatch(word):
        cache[word] = None
        return None
    nodes, n = word_tree(word, lex)
    heads: list[_End] = [(word, None)]
    tails: list[_End] = [(word, None)]
    if n > 1:
        for t, off, _leaf in nodes:
            if t != word:
                if off == 0:
                    heads.append((t, None))
                if off + len(t) == len(word):
                    tails.append((t, None))
    known_heads, known_tails = {h for h, _r in heads}, {t for t, _r in tails}
    vocab = lex.vocabulary
    for cut in range(_MIN_REST, len(word) - _MIN_REST + 1):
        head, tail = word[:cut], word[cut:]
        if head not in known_heads and tail in vocab and _JOINABLE.fullmatch(tail):
            heads.append((head, tail))
        if tail not in known_tails and head in vocab and _JOINABLE.fullmatch(head):
            tails.append((tail, head))
    ends = cache[word] = (tuple(heads), tuple(tails))
    return ends


def bridges(words: Sequence[str], lex: Lexicon) -> list[tuple[str, int, int]]:
    """``(word, i, cut)`` for each dictionary word that crosses the boundary between ``words[i]``
    and ``words[i + 1]`` (the words of one paragraph, in order), its first ``cut`` characters from
    ``words[i]``; in order of ``i``, each word once at each ``i``."""
    cache = _ENDS.of(lex)
    vocab = lex.vocabulary
    out: list[tuple[str, int, int]] = []
    prev: _Ends | None = None
    for i, word in enumerate(words):
        ends = cache.get(word, False)
        if ends is False:
            ends = _ends(word, lex, cache)
        if prev is not None and ends is not None:
            a = words[i - 1]
            seen: set[str] = set()
            # The first word whole and the second whole or its head, then the first's tail and
            # the second whole (the first whole is its own first tail, joined already).
            # A cut that leaves a word behind (rest) is another reading of the pair: the bridge
            # and the rest, kept when likelier than the segmenter's.
            joins = [(a + head, len(a), rest and (a + head, rest)) for head, rest in ends[0]]
            joins += [(tail + word, len(tail), rest and (rest, tail + word)) for tail, rest in prev[1][1:]]
            for joined, cut, reading in joins:
                if len(joined) < MIN_BRIDGE or joined not in vocab or joined in seen:
                    continue
                if reading is None or likelier(*reading, a, word):
                    seen.add(joined)
                    out.append((joined, i - 1, cut))
        prev = ends
    return out


def bridge_spans(text: str, spans: list[tuple[str, int, int]], lex: Lexicon) -> dict[int, list[tuple[str, int, int]]]:
    """The bridges of ``spans`` (``(word, start, end)`` of each word of ``text``, in order) as
    ``(word, start, end)`` by the index of their first word, paragraph by paragraph: from where
    the word starts in the first to where it ends in the second (an abbreviation's letters are
    not its spelled-out word's: all of it)."""
    out: dict[int, list[tuple[str, int, int]]] = {}
    first = 0
    for last in range(1, len(spans) + 1):
        if last < len(spans) and "\n" not in text[spans[last - 1][2]:spans[last][1]]:
            continue  # the paragraph goes on
        for word, i, cut in bridges([w for w, _s, _e in spans[first:last]], lex):
            (a, a_start, a_end), (b, b_start, b_end) = spans[first + i], spans[first + i + 1]
            start = a_end - cut if a_end - a_start == len(a) else a_start
            end = b_start + len(word) - cut if b_end - b_start == len(b) else b_end
            out.setdefault(first + i, []).append((word, start, end))
        first = last
    return out
