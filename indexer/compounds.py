"""How a compound word splits into the dictionary words it is made of (กระทรวงมหาดไทย ->
กระทรวง · มหาดไทย), down to its finest parts: what lets a query for a part find the compound
(:mod:`indexer.thai` indexes every node of a word's split tree).
"""
from __future__ import annotations

import functools
import re

from pythainlp.tokenize import newmm

from indexer.lexicon import Lexicon, current_lexicon, dictionary_words, stock_words

# Thai letters and the marks that belong to them (not digits, ฯ, ๆ or the currency sign).
THAI_LETTERS = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
_THAI_RUN = re.compile(rf"[{THAI_LETTERS}]+")
# A split into syllables (กระ·ทร·วง, ตา·ราง) would make a query for a syllable match every word
# that happens to contain it. So parts are words of 3+ letters, except that one 2-letter word may
# stand beside a part of 4+ letters (ปี·งบประมาณ, งบ·ประมาณ).
_MIN_SPLIT_LEN = 5  # a shorter word cannot have a short part and a long one
_MIN_PART_LEN = 3
_LONG_PART_LEN = 4
_MAX_RUN = 6  # longest run of leaves looked up as a word of its own


@functools.lru_cache(maxsize=300_000)
def _split_once(word: str) -> tuple[str, ...] | None:
    """The fewest-parts split of ``word`` into other dictionary words, or None.

    A word is split only when every part is itself a dictionary word (so an unknown name is never
    cut into noise) and the parts are not syllables (see ``_MIN_PART_LEN``).
    """
    if len(word) < _MIN_SPLIT_LEN or not _THAI_RUN.fullmatch(word):
        return None
    vocab = dictionary_words()
    parts = newmm.segment(word, stock_words().excluding(word))  # the word must not match itself
    if len(parts) < 2 or any(len(p) < 2 or p not in vocab for p in parts):
        return None
    short = sum(len(p) < _MIN_PART_LEN for p in parts)
    if short > 1 or (short and max(map(len, parts)) < _LONG_PART_LEN):
        return None
    return tuple(parts)


@functools.lru_cache(maxsize=300_000)
def split_tree(word: str) -> tuple[tuple[tuple[str, int, int], ...], int]:
    """Every node of the word's split tree, and the number of its leaves.

    Nodes are ``(text, char offset in word, index of its first leaf)``; the word itself is the
    first node. กระทรวงมหาดไทย gives itself, กระทรวง (leaf 0) and มหาดไทย (leaf 1) and the parts of
    those in turn. The fewest-parts split is not always the one a reader sees (ข้าราชการพลเรือน
    splits as ข้า · ราชการพลเรือน), so every dictionary word made of consecutive leaves is a node too
    (ข้าราชการ, พลเรือน).
    """
    nodes, n = _tree(word)
    if n < 3:
        return nodes, n
    leaf_at = _leaf_nodes(nodes, n)
    have = {(t, off) for t, off, _leaf in nodes}
    vocab = dictionary_words()
    extra = []
    for i in range(n):
        for j in range(i + 2, min(n, i + _MAX_RUN) + 1):
            off = leaf_at[i][1]
            text = "".join(t for t, _o in leaf_at[i:j])
            if (text, off) not in have and text in vocab:
                extra.append((text, off, i))
                have.add((text, off))
    return nodes + tuple(extra), n


def _leaf_nodes(nodes: tuple[tuple[str, int, int], ...], n: int) -> list[tuple[str, int]]:
    """``(text, offset)`` of each leaf, in order (nodes come parent first: the last at a leaf wins)."""
    out: list[tuple[str, int]] = [("", 0)] * n
    for text, off, leaf in nodes:
        out[leaf] = (text, off)
    return out


def _tree(word: str) -> tuple[tuple[tuple[str, int, int], ...], int]:
    parts = _split_once(word)
    if not parts:
        return ((word, 0, 0),), 1
    nodes = [(word, 0, 0)]
    offset = leaf = 0
    for part in parts:
        sub, n = _tree(part)
        nodes.extend((t, offset + o, leaf + i) for t, o, i in sub)
        offset += len(part)
        leaf += n
    return tuple(nodes), leaf


@functools.lru_cache(maxsize=100_000)
def word_tree(word: str, lex: Lexicon) -> tuple[tuple[tuple[str, int, int], ...], int]:
    """:func:`split_tree` of ``word``; a word ``lex`` learned splits into the pieces the stock
    dictionary cuts it into (ดิศกุล: ดิ · ศกุล), so that a fragment cut inside a name still finds it."""
    if word not in lex.learned:
        return split_tree(word)
    nodes = [(word, 0, 0)]
    off = 0
    for i, piece in enumerate(lex.stock_split(word)):
        nodes.append((piece, off, i))
        off += len(piece)
    return tuple(nodes), len(nodes) - 1


def leaves(word: str) -> list[str]:
    """The finest parts of ``word`` in order (``[word]`` when it has no split)."""
    nodes, n = word_tree(word, current_lexicon())
    return [t for t, _o in _leaf_nodes(nodes, n)] if n > 1 else [word]
