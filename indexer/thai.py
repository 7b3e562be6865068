"""Thai word segmentation with character offsets, and the finer split of compounds.

Two views of the same normalised text:

* ``words``: dictionary words (nlpo3, newmm as fallback), punctuation stripped at the edges,
  Latin lower-cased, each with its exact character span in the text.
* ``fine_words``: every word with the parts it splits into (กระทรวงมหาดไทย -> กระทรวง ·
  มหาดไทย; :mod:`indexer.compounds`), down to the finest split, so that a query for a part finds the compound. Spans of
  the parts are exact sub-spans of the word.

Documents and queries go through the same functions and the same dictionary: the stock one plus
the words an index generation learned from its own articles (:class:`Lexicon`, names the stock
dictionary cannot spell). The index's analyzer names its lexicon; a search runs inside
:func:`use_lexicon` with the lexicon of the generation it searches, so both split alike.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import accumulate, chain
from typing import Iterator, NamedTuple

from indexer.bridges import bridge_spans, bridges
from indexer.compounds import THAI_LETTERS, leaves, split_tree, word_tree  # noqa: F401 (re-exported: part of segmentation)
from indexer.abbreviations import (  # noqa: F401 (re-exported)
    abbreviation_marks,
    apart,
    abbreviation_pattern,
    abbreviations,
    dot_abbreviations,
    spelled_out,
)
from indexer.lexicon import (  # noqa: F401 (re-exported: the dictionary is part of segmentation)
    Lexicon,
    PerLexicon,
    current_lexicon,
    dictionary_words,
    lexicon,
    read_data_lines,
    segment_memo,
    segment_once,
    stock_words,
    use_lexicon,
)


class Word(NamedTuple):
    """A token: its indexed text and its character span in the (normalised) source text."""

    text: str
    start: int
    end: int


# Numbers keep their inner separators (10.30, 1,000.50); words are runs of Thai letters and
# marks or of other letters. Everything else (punctuation, ๆ, ฯ, spaces) separates tokens.
_TOKEN = re.compile(
    rf"(?P<num>\d+(?:[.,:]\d+)*)|(?P<word>(?:[{THAI_LETTERS}]|[^\W\d_\u0e00-\u0e7f])+)"
)
_PLAIN_THAI = re.compile(rf"[{THAI_LETTERS}]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # FaceShield = Face Shield, typed glued or not


_PIECES = re.compile(rf"(?P<thai>[{THAI_LETTERS}]+)|(?P<other>[^{THAI_LETTERS}]+)")


def _stretches(par: str) -> Iterator[tuple[int, int, str | None]]:
    """``(start, end, spelled)`` stretches of a paragraph: each abbreviation, with the word it
    stands for, and the text between them (``spelled`` None)."""
    marks = abbreviation_marks()
    if marks is not None and not any(m in par for m in marks):
        yield 0, len(par), None
        return
    done = 0
    for m in abbreviation_pattern().finditer(par):
        yield done, m.start(), None
        yield m.start(), m.end(), spelled_out(m.group())
        done = m.end()
    yield done, len(par), None


@functools.lru_cache(maxsize=256)
def _paragraph_words(par: str, lex: Lexicon) -> tuple[tuple[str, int, int], ...]:
    """Words of one paragraph. Only runs of Thai letters go to the segmenter: punctuation and
    spaces are hard word boundaries (a pasted ``#`` or quote cannot change how the letters after
    it are split), and an abbreviation is read as the word it stands for, at its own offsets."""
    out: list[tuple[str, int, int]] = []
    for start, end, spelled in _stretches(par):
        if spelled is None:
            _plain_words(par, start, end, out, lex)
        else:
            out.append((spelled, start, end))
    return tuple(out)


def spans_near(text: str, positions: list[int], lex: Lexicon | None = None) -> list[tuple[str, int, int]]:
    """The words :func:`iter_spans` finds in ``text``, but only those of the pieces (runs of Thai
    letters, other tokens' runs, abbreviations) that hold or touch one of ``positions``.

    Pieces are segmented independently of each other, so these words are exactly the full
    segmentation's there; a highlighter checking a few occurrences pays for a few runs instead of
    segmenting its whole window.
    """
    lex = lex or current_lexicon()
    wanted = sorted(set(positions))
    out: list[tuple[str, int, int]] = []
    offset = 0
    for par in text.split("\n"):
        end_par = offset + len(par)
        first = bisect_left(wanted, offset)
        if par and first < len(wanted) and wanted[first] <= end_par:
            # The positions in this paragraph, in its own offsets: a piece or stretch [s, e] is
            # touched when the first position at or after s is at most e.
            local = [p - offset for p in wanted[first:bisect_right(wanted, end_par)]]
            last = local[-1]
            for start, end, spelled in _stretches(par):
                if start > last:
                    break
                k = bisect_left(local, start)
                if k == len(local) or local[k] > end:
                    continue
                if spelled is not None:
                    out.append((spelled, start + offset, end + offset))
                    continue
                for m in _PIECES.finditer(par, start, end):
                    s, e = m.span()
                    if s > last:
                        break
                    k = bisect_left(local, s)
                    if k < len(local) and local[k] <= e:
                        _piece_words(m, out, lex, offset)
        offset = end_par + 1
    return out


def _piece_words(m: re.Match, out: list[tuple[str, int, int]], lex: Lexicon, shift: int) -> None:
    """The words of one piece (a match of ``_PIECES``), at offsets moved by ``shift``: what
    :func:`_plain_words` gives for the piece's span."""
    pos = m.start() + shift
    if m.lastgroup == "thai":
        chunks = segment_once(lex, m.group())
        ends = list(accumulate(map(len, chunks), initial=pos))
        out.extend(zip(chunks, ends, ends[1:]))  # (chunk, start, end), without a loop in Python
        return
    for t in _TOKEN.finditer(m.group()):
        if t.lastgroup == "num":
            out.append((t.group().replace(",", ""), pos + t.start(), pos + t.end()))
            continue
        offset = pos + t.start()
        for word in _CAMEL.split(t.group()):
            out.append((word.lower(), offset, offset + len(word)))
            offset += len(word)


def _plain_words(par: str, start: int, end: int, out: list[tuple[str, int, int]], lex: Lexicon) -> None:
    for m in _PIECES.finditer(par, start, end):
        _piece_words(m, out, lex, 0)


_RUN = re.compile(rf"[{THAI_LETTERS}]+")
_OTHER = re.compile(rf"[^{THAI_LETTERS}]+")


@functools.lru_cache(maxsize=4096)
def _other_words(piece: str) -> tuple[str, ...]:
    """The words of a piece without Thai letters, as :func:`_piece_words` finds them; most such
    pieces are a space or a punctuation mark, and recur."""
    out: list[str] = []
    for t in _TOKEN.finditer(piece):
        if t.lastgroup == "num":
            out.append(t.group().replace(",", ""))
        else:
            out += (word.lower() for word in _CAMEL.split(t.group()))
    return tuple(out)


@functools.lru_cache(maxsize=256)
def _paragraph_terms(par: str, lex: Lexicon) -> tuple[str, ...]:
    """The words of :func:`_paragraph_words`, without their offsets (what the index keeps), with
    the runs of Thai letters between two abbreviations segmented in one call
    (:meth:`Lexicon.segment_runs`) instead of one call each."""
    out: list[str] = []
    for start, end, spelled in _stretches(par):
        if spelled is None:
            _plain_terms(par, start, end, lex, out)
        else:
            out.append(spelled)
    return tuple(out)


def _plain_terms(par: str, start: int, end: int, lex: Lexicon, out: list[str]) -> None:
    """Append the words of ``par[start:end]`` (no abbreviation inside) to ``out``: what
    :func:`_plain_words` finds there, without a Python step per piece."""
    chunks = lex.segment_runs(_RUN.findall(par, start, end))
    others = list(map(_other_words, _OTHER.findall(par, start, end)))
    if not any(others):  # only spaces and punctuation between the runs: most stretches
        out += filter("\n".__ne__, chunks)
        return
    # Runs and other pieces alternate: run, other, run, ... or other, run, other, ...
    rest = iter(others)
    if not _RUN.match(par, start, end):
        out += next(rest)
    for chunk in chunks:
        if chunk == "\n":  # the other piece between two runs
            out += next(rest)
        else:
            out.append(chunk)
    for words_after in rest:  # the piece after the last run, if any
        out += words_after


def iter_spans(text: str, lex: Lexicon | None = None) -> Iterator[tuple[str, int, int]]:
    """``(word, start, end)`` for each word of normalised ``text`` (plain tuples: the hot path),
    segmented with ``lex`` (default: :func:`current_lexicon`).

    Newlines are hard word boundaries, so text is segmented a paragraph at a time and recent
    paragraphs are cached: the index segments the title, the body and then both again for the
    fine field, and pays once.
    """
    lex = lex or current_lexicon()
    if "\n" not in text:
        yield from _paragraph_words(text, lex)
        return
    offset = 0
    for par in text.split("\n"):
        if par:
            if offset:
                for w, s, e in _paragraph_words(par, lex):
                    yield w, s + offset, e + offset
            else:
                yield from _paragraph_words(par, lex)
        offset += len(par) + 1


def words(text: str) -> list[Word]:
    """Segment normalised ``text`` into words with exact character offsets."""
    return [Word(*t) for t in iter_spans(text)]


def word_texts(text: str) -> list[str]:
    """The words of normalised ``text``, without their offsets."""
    return [w for w, _s, _e in iter_spans(text)]


class FineWord(NamedTuple):
    """A node of a word's split tree, with its position in the fine token stream."""

    text: str
    start: int
    end: int
    pos: int


def iter_fine(text: str) -> Iterator[tuple[str, int, int, int]]:
    """``(text, start, end, position)`` of every node of every word's split tree.

    Positions count leaves: the leaves of consecutive words are consecutive (phrases over
    parts work), and a compound shares the position of its first leaf, as a synonym would.
    """
    pos = 0
    lex = current_lexicon()
    for word, start, end in iter_spans(text, lex):
        nodes, n = word_tree(word, lex)
        if n == 1:
            yield word, start, end, pos
        elif end - start != len(word):  # an abbreviation: its parts cover all of its letters
            for t, _off, leaf in nodes:
                yield t, start, end, pos + leaf
        else:
            for t, off, leaf in nodes:
                yield t, start + off, start + off + len(t), pos + leaf
        pos += n


# Prefix of an indexed part: "~มหาดไทย" stands inside กระทรวงมหาดไทย, "~ปลัดกระทรวง" across ปลัด·กระทรวงมหาดไทย.
PART_MARK = "~"


def iter_text(text: str, lex: Lexicon | None = None) -> Iterator[tuple[str, int, int, int]]:
    """``(term, start, end, position)`` for the index's text field, in order of position.

    Each word at its own position, and every part of its split tree (except the word itself),
    marked with ``PART_MARK``, at the same position: a query finds a part as readily as a word,
    while a whole-word match can still be ranked above a match inside a compound, and phrases of
    whole words stay phrases. The bridges of each paragraph (:mod:`indexer.bridges`), marked too,
    stand at the position of their first word, from its start to the end of the second.
    """
    lex = lex or current_lexicon()
    cache = _marked_parts_cache(lex)
    spans = list(iter_spans(text, lex))
    crossing = bridge_spans(text, spans, lex)
    for pos, (word, start, end) in enumerate(spans):
        for t, b_start, b_end in crossing.get(pos - 1, ()):
            # Once at a position, as text_positions gives it (a bridge that is also a part there).
            if all(part != PART_MARK + t for part, _o, _n in cache[spans[pos - 1][0]]):
                yield PART_MARK + t, b_start, b_end, pos - 1
        yield word, start, end, pos
        parts = cache.get(word)
        if parts is None:
            parts = _marked_parts(word, lex, cache)
        if parts:
            if end - start != len(word):  # an abbreviation: parts cover all of its letters
                for t, _off, _n in parts:
                    yield t, start, end, pos
            else:
                for t, off, n in parts:
                    yield t, start + off, start + off + n, pos


def text_positions(text: str, lex: Lexicon | None = None) -> dict[str, list[int]]:
    """Every term :func:`iter_text` gives for ``text`` with its positions in order (the index's
    postings of the title and text fields, without the offsets they do not keep). Words come
    first, in order of first occurrence, then the marked parts and bridges."""
    lex = lex or current_lexicon()
    # iter_spans' paragraphs, words only: this runs for every word a build indexes, and needs
    # neither the words' offsets nor a generator.
    poses: dict[str, list[int]] = defaultdict(list)
    paragraphs = [_paragraph_terms(par, lex) for par in text.split("\n") if par]
    for pos, word in enumerate(chain.from_iterable(paragraphs)):
        poses[word].append(pos)
    # A word's parts stand at each of its positions: looked up once per distinct word, not per
    # occurrence. A part held by several words gets their positions merged (they never collide:
    # one position holds one word). Parts never clash with words (PART_MARK is no word letter).
    cache = _marked_parts_cache(lex)
    merged: dict[str, list[int]] = {}
    shared: set[str] = set()
    for word, at in poses.items():
        marked = cache.get(word)
        if marked is None:
            marked = _marked_parts(word, lex, cache)
        for t, _off, _n in marked:
            got = merged.get(t)
            if got is None:
                merged[t] = at.copy()
            else:
                got += at
                shared.add(t)
    start = 0
    for words_of_par in paragraphs:
        for word, i, _cut in bridges(words_of_par, lex):
            t = PART_MARK + word
            got = merged.get(t)
            if got is None:
                merged[t] = [start + i]
            elif got[-1] != start + i:  # a compound's own part at the same place is there already
                got.append(start + i)
                shared.add(t)
        start += len(words_of_par)
    for t in shared:
        merged[t] = sorted(set(merged[t]))
    poses.update(merged)
    return poses


# Marked compound parts per lexicon.
_PARTS = PerLexicon()


def _marked_parts_cache(lex: Lexicon) -> dict[str, tuple[tuple[str, int, int], ...]]:
    return _PARTS.of(lex)


def _marked_parts(word: str, lex: Lexicon, cache: dict) -> tuple[tuple[str, int, int], ...]:
    """``(PART_MARK + part, offset in word, length)`` of each distinct part of ``word``'s split
    tree but the word itself, in tree order; cached per lexicon (a plain dict: this runs for
    every word the index reads)."""
    nodes, n = word_tree(word, lex)
    out = []
    if n > 1:
        seen = {word}
        for t, off, _leaf in nodes:
            if t not in seen:
                seen.add(t)
                out.append((PART_MARK + t, off, len(t)))
    parts = cache[word] = tuple(out)
    return parts


def fine_words(text: str) -> list[FineWord]:
    """Every node of every word's split tree of ``text``, with offsets and positions."""
    return [FineWord(*t) for t in iter_fine(text)]
