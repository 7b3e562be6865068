"""Words typed glued that no article holds, split into words articles hold.

English words typed without their spaces (ThailandPass, a fragment's "Beach Clean up" with its
spaces dropped) and a Thai name glued to the one after it that the dictionary cannot cut
(พิงค์พิชฌามลณ์ of "น้องพิงค์” พิชฌามลณ์ฯ"): the engine reads a clause that found nothing again with such
runs split, the pieces standing together in the article (:meth:`indexer.ranking.Ranker.clause`).
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

from indexer.thai import THAI_LETTERS, current_lexicon

_LATIN_RUN = re.compile(r"[a-z]{4,60}")
_LATIN_WORD = re.compile(r"[a-z]+")
_THAI_RUN = re.compile("[\u0e01-\u0e4e]{4,60}")
# A Thai piece starts on a consonant or a leading vowel, not after a leading vowel (เ·ก is no cut).
_THAI_START = re.compile("[\u0e01-\u0e2e\u0e40-\u0e44]")
# nor on a letter silenced by ์, the end of the syllable before (เมลล์ is no เมล·ล์).
_LEADING = "\u0e40\u0e41\u0e42\u0e43\u0e44"
_SILENT = "\u0e4c"
_MAX_PIECE = 24
MAX_SPLITS = 4
MAX_RESPLITS = 8
_THAI_WORD = re.compile(rf"[{THAI_LETTERS}]+$")


def latin_splits(word: str, held: Callable[[str], bool]) -> list[list[str]]:
    """A run of Latin letters no article holds, split into words of two letters or more that
    articles hold: the splits into the fewest words, then into one more (``capitalinthetwenty`` ->
    capital·in·the·twenty); at most :data:`MAX_SPLITS`, none when the run is held or cannot be
    split so. English words typed without their spaces, or a fragment's spaces dropped."""
    if not _LATIN_RUN.fullmatch(word) or held(word):
        return []
    return _splits(word, held, set(range(len(word) + 1)))


def thai_splits(word: str, held: Callable[[str], bool]) -> list[list[str]]:
    """A Thai word no article holds (one the dictionary cannot cut: two names glued), split as
    :func:`latin_splits` splits a Latin run, at letters a syllable can start on."""
    if not _THAI_RUN.fullmatch(word) or held(word):
        return []
    cuts = {0, len(word)} | {i for i in range(1, len(word)) if _THAI_START.match(word[i])
                             and word[i - 1] not in _LEADING and not word.startswith(_SILENT, i + 1)}
    return _splits(word, held, cuts)


def _splits(word: str, held: Callable[[str], bool], cuts: set[int]) -> list[list[str]]:
    """``word`` cut at ``cuts`` into held pieces of 2+ letters: the fewest pieces, then one more."""
    n = len(word)
    # ends[i]: where the held pieces starting at i end, longest first.
    ends = {i: [e for e in range(min(n, i + _MAX_PIECE), i + 1, -1) if e in cuts and held(word[i:e])]
            if i in cuts else [] for i in range(n - 1)}
    ends[n - 1] = []
    fewest = [n + 1] * n + [0]  # fewest[i]: fewest pieces making word[i:] (n + 1: none)
    for i in range(n - 2, -1, -1):
        fewest[i] = min((fewest[e] + 1 for e in ends[i]), default=n + 1)
    if fewest[0] > n:
        return []
    splits: list[list[str]] = []

    def walk(start: int, pieces: list[str], left: int) -> None:  # exactly ``left`` more pieces
        if len(splits) >= MAX_SPLITS:
            return
        if start == n:
            if left == 0:
                splits.append(pieces)
            return
        for e in ends[start]:
            if 1 + fewest[e] <= left:
                walk(e, pieces + [word[start:e]], left - 1)

    walk(0, [], fewest[0])
    walk(0, [], fewest[0] + 1)
    return [split for split in splits if len(split) > 1]


def latin_readings(words: list[str], held: Callable[[str], bool]) -> Iterator[tuple[list[str], list[str]]]:
    """``words`` with neighbouring Latin words joined and each Latin run split by
    :func:`latin_splits`, one reading per split (jetskiworldcup: jetski·world·cup, then
    jet·ski·world·cup, the article's), each with the pieces of its first split run, which must stand
    together in the article. A run some article holds is kept whole first, then split too: a
    clause that found nothing may hold "Clean up" typed as cleanup, which one other article writes,
    or capitalised BeachCleanup, read beach·cleanup."""
    runs = _latin_joined(words)
    return _readings(runs, [[[w]] + latin_splits(w, lambda p, w=w: p != w and held(p)) if held(w)
                            else latin_splits(w, held) for w in runs])


def thai_readings(words: list[str], held: Callable[[str], bool]) -> Iterator[tuple[list[str], list[str]]]:
    """``words`` with each Thai word no article holds split by :func:`thai_splits`, as
    :func:`latin_readings` reads Latin runs."""
    return _readings(words, [thai_splits(w, held) for w in words])


def _readings(runs: list[str], options: list[list[list[str]]]) -> Iterator[tuple[list[str], list[str]]]:
    for k in range(max(map(len, options), default=0)):
        chosen = [o[min(k, len(o) - 1)] if o else [w] for w, o in zip(runs, options)]
        pair = next((pieces for pieces in chosen if len(pieces) > 1), None)
        if pair is not None:
            yield [p for pieces in chosen for p in pieces], pair


def _latin_joined(words: list[str]) -> list[str]:
    """``words`` with neighbouring runs of Latin letters joined into one."""
    out: list[str] = []
    for w in words:
        if out and _LATIN_WORD.fullmatch(w) and _LATIN_WORD.fullmatch(out[-1]):
            out[-1] += w
        else:
            out.append(w)
    return out


def resplit(words: list[str], held: Callable[[str], bool] = lambda _w: True) -> list[tuple[list[str], list[str]]]:
    """``words`` with two Thai neighbours split at another place into two words of the lexicon
    (ขอ·งอก -> ของ·อก), or one Thai word split into two (ลดละ -> ลด·ละ): where the segmenter reads the
    glued text otherwise than the article it occurs in, which has a space there ("ย้ำ ลด ละเลิก"
    typed ย้ำลดละเลิก). Each reading comes with its two new words. At most :data:`MAX_RESPLITS`
    readings: splits of words no article holds (``held`` false) first, wherever they stand in a
    long pasted fragment."""
    lex = current_lexicon()
    out: list[tuple[bool, list[str], list[str]]] = []

    def split(i: int, j: int) -> None:  # words[i:j] joined, cut anywhere but where they meet now
        joined, now = "".join(words[i:j]), len(words[i])
        unheld = not all(held(w) for w in words[i:j])
        for cut in range(1, len(joined)):
            left, right = joined[:cut], joined[cut:]
            if (j - i == 1 or cut != now) and left in lex and right in lex:
                out.append((unheld, words[:i] + [left, right] + words[j:], [left, right]))

    for i, w in enumerate(words):
        if _THAI_WORD.match(w):
            split(i, i + 1)
            if i + 1 < len(words) and _THAI_WORD.match(words[i + 1]):
                split(i, i + 2)
    out.sort(key=lambda r: not r[0])  # stable: left to right within each kind
    return [(reading, pair) for _u, reading, pair in out[:MAX_RESPLITS]]
