"""Snippets with ``<mark>``: the best window of an article, query words marked exactly.

An occurrence is marked only where it starts and ends on a boundary of the same segmentation
the index uses, so "ตา" is not marked inside "ตาราง" while "มหาดไทย" is marked inside
"กระทรวงมหาดไทย". Offsets are in the stored (normalised) text, which is what is shown.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from html import escape
from typing import Callable, Iterable

from indexer.query import parse
from indexer.thai import Lexicon, iter_spans, segment_memo, spans_near, split_tree, use_lexicon

SNIPPET_CHARS = 260
_LEAD = 70  # characters of context before the first marked word
_MAX_OCCURRENCES = 200


def _occurrences(lower: str, terms: Iterable[str]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for term in terms:
        if not term:
            continue
        start = lower.find(term)
        while start != -1 and len(out) < _MAX_OCCURRENCES:
            out.append((start, start + len(term), term))
            start = lower.find(term, start + 1)
    out.sort()
    return out


def _snap_start(text: str, pos: int) -> int:
    """A window start at or just before ``pos`` that does not cut a word: a space or newline
    close by, else the start of the word the segmenter finds there."""
    if pos <= 0:
        return 0
    cut = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos))
    if cut >= 0 and pos - cut < 40:
        return cut + 1
    lo = max(0, pos - 60)
    chunk = text[lo:pos + 60]
    # The word holding pos is in its own piece; only a piece with no word before pos needs more.
    start = max((lo + s for _w, s, _e in spans_near(chunk, [pos - lo]) if lo + s <= pos), default=None)
    if start is None:
        start = max((lo + s for _w, s, _e in iter_spans(chunk) if lo + s <= pos), default=pos)
    return start


def _snap_end(text: str, pos: int) -> int:
    """A window end at or just after ``pos`` that does not cut a word."""
    if pos >= len(text):
        return len(text)
    cuts = [c for c in (text.find(" ", pos), text.find("\n", pos)) if c != -1]
    if cuts and min(cuts) - pos < 40:
        return min(cuts)
    lo = max(0, pos - 60)
    chunk = text[lo:pos + 60]
    end = min((lo + e for _w, _s, e in spans_near(chunk, [pos - lo]) if lo + e >= pos), default=None)
    if end is None:
        end = min((lo + e for _w, _s, e in iter_spans(chunk) if lo + e >= pos), default=pos)
    return end


def mark(text: str, terms: Iterable[str]) -> str:
    """``text`` as HTML with every whole-word occurrence of ``terms`` wrapped in ``<mark>``."""
    return _render(text, _valid_spans(text, text.lower(), _with_dots(terms)), 0, len(text))


_INITIALS_WORD = re.compile("[ก-ฮ]{2,6}")


def _with_dots(terms: Iterable[str]) -> list[str]:
    """``terms`` and the dotted spellings of initials among them (ปปส: ป.ป.ส. and ป.ป.ส), which the
    segmenter reads as the word and the text prints (:data:`indexer.abbreviations.INITIALS`)."""
    out = list(terms)
    for t in list(out):
        if _INITIALS_WORD.fullmatch(t):
            dotted = ".".join(t)
            out += [dotted + ".", dotted]
    return out


def query_words(q: str) -> set[str]:
    """The words of the query ``q`` that a page marks (its positive words, as typed and as read)."""
    return parse(q).highlight_terms if q else set()


def title_marker(terms: Iterable[str], lex: Lexicon) -> Callable[[str], str]:
    """``mark(title, terms)`` as a search would have run it (its lexicon, runs remembered), for
    a hit's title marked only when a page shows it."""
    def marked(title: str) -> str:
        with use_lexicon(lex), segment_memo():
            return mark(title, terms)
    return marked


def _valid_spans(window: str, lower: str, terms: list[str]) -> list[tuple[int, int]]:
    occ = _occurrences(lower, terms)
    if not occ:
        return []
    # Only the pieces an occurrence starts or ends in are segmented: the rest cannot decide.
    spans_of_words = spans_near(window, [p for s, e, _t in occ for p in (s, e)])
    starts = {s for _w, s, _e in spans_of_words}
    ends = {e for _w, _s, e in spans_of_words}
    # The parts of a compound are boundaries too (iter_fine's nodes), but only the words an
    # occurrence starts or ends inside need their split trees: most words of a window need none.
    inside = sorted({s for s, _e, _t in occ if s not in starts} | {e for _s, e, _t in occ if e not in ends})
    if inside:
        for word, s, e in spans_of_words:
            i = bisect_right(inside, s)
            if i < len(inside) and inside[i] < e and e - s == len(word):  # not an abbreviation
                for part, off, _leaf in split_tree(word)[0]:
                    starts.add(s + off)
                    ends.add(s + off + len(part))
    spans: list[tuple[int, int]] = []
    for s, e, _term in occ:
        if s in starts and e in ends:
            if spans and s <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], e))
            else:
                spans.append((s, e))
    return spans


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out: list[str] = []
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def _densest_window(occ: list[tuple[int, int, str]], span: int) -> int:
    """Start of the first window of ``span`` characters holding the most distinct terms."""
    best, best_score = (occ[0][0] if occ else 0), 0
    counts: dict[str, int] = {}
    j = 0
    for s, _e, t in occ:  # two pointers: the window is occ[i..j) starting at s
        while j < len(occ) and occ[j][0] < s + span:
            counts[occ[j][2]] = counts.get(occ[j][2], 0) + 1
            j += 1
        if len(counts) > best_score:
            best, best_score = s, len(counts)
        counts[t] -= 1
        if not counts[t]:
            del counts[t]
    return best


def snippet(text: str, terms: Iterable[str], width: int = SNIPPET_CHARS) -> str:
    """An HTML snippet of ``text``: the window with the most distinct query words, marked.

    Falls back to the start of the text when no query word occurs in it.
    """
    terms = sorted({t for t in _with_dots(terms) if t}, key=len, reverse=True)
    if all(t.lower() == t == t.upper() for t in terms):
        # Thai letters have no case: a word without cased letters is found where the text holds
        # it as written, and lower-casing the whole body took a tenth of the snippet's time.
        lower = text
    else:
        lower = text.lower()
        if len(lower) != len(text):  # a case mapping that changes length: offsets would drift
            lower = text
    occ = _occurrences(lower, terms)
    best = _densest_window(occ, width - _LEAD)
    start = _snap_start(text, best - _LEAD) if occ else 0
    end = _snap_end(text, start + width)
    window = text[start:end]
    spans = [(s + start, e + start) for s, e in _valid_spans(window, lower[start:end], terms)]
    html = _render(text, spans, start, end).replace("\n", " ")
    return ("… " if start > 0 else "") + html + (" …" if end < len(text) else "")
