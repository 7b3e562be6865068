"""Glued Thai read the way the index's own articles make likeliest.

The segmenter reads a glued run with its dictionary and the words it learned, longest match
first; where a query glues words a headline spaces, that can cut across them ("ช้อปสุดยอด…"
reads ช้อ·ปสุ·ดย·อด, the headline ช้อป สุดยอด; "…หลอมรวมหัวใจรัก" reads หลอม·รวมหัว·ใจรัก, the
headline หลอมรวมหัวใจ รัก). Here a run is read again as the sequence of words with the highest
product of their probabilities in the index (a unigram model: a word's articles over all the
articles), the words being the lexicon's and the segmenter's own; a cut reading the index has no
use for (words it never holds) costs as much as an unknown letter.
"""
from __future__ import annotations

import math
import re
from typing import Callable, Protocol

from indexer.compounds import THAI_LETTERS
from indexer.thai import current_lexicon, iter_spans

MAX_WORD = 20  # letters: the longest word looked for
MAX_RUN = 80  # letters of a glued run read again (a pasted headline; a longer run costs too many look-ups)
MIN_RUN = 6
_RUN = re.compile(f"[{THAI_LETTERS}]+")
_MARKS = ".ฯ"  # beside a run: an abbreviation, read as the segmenter spells it


class WordCounts(Protocol):
    """How many articles hold a word, and how many there are (the index's own counts)."""

    def word_frequency(self, word: str) -> int:
        """Articles holding ``word`` as a word of the text."""

    def doc_count(self) -> int:
        """Articles in the index."""


def likeliest(text: str, counts: WordCounts) -> list[str]:
    """The words of ``text`` (a clause as typed), each glued Thai run read as the index makes
    likeliest; the rest as segmented."""
    spans = list(iter_spans(text))
    runs = [m.span() for m in _RUN.finditer(text) if MIN_RUN <= m.end() - m.start() <= MAX_RUN
            and not _marked(text, m.start() - 1) and not _marked(text, m.end())]
    out: list[str] = []
    done = 0
    for a, b in runs:
        inside = [(w, s - a, e - a) for w, s, e in spans if a <= s and e <= b]
        if not inside or "".join(w for w, _s, _e in inside) != text[a:b]:
            continue  # a span reaches past the run, or spells out what it stands for
        out += [w for w, s, _e in spans[done:] if s < a]
        out += _best(text[a:b], inside, counts.word_frequency, max(1, counts.doc_count()))
        done = next((i for i, (_w, s, _e) in enumerate(spans) if s >= b), len(spans))
    return out + [w for w, _s, _e in spans[done:]]


def _marked(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i] in _MARKS


def _best(run: str, segmented: list[tuple[str, int, int]], counts: Callable[[str], int],
          n_docs: int) -> list[str]:
    vocab = current_lexicon().vocabulary
    own = {(s, e) for _w, s, e in segmented}
    seen: dict[str, int] = {}

    def cost(word: str) -> float:
        if word not in seen:
            seen[word] = counts(word)
        return -math.log((seen[word] + 0.1) / n_docs)

    UNHELD = -math.log(0.1 / n_docs)  # noqa: N806  (the cost of a word no article holds)

    n = len(run)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(math.inf, 0)] * n
    for i in range(n):
        if best[i][0] == math.inf:
            continue
        for j in range(i + 1, min(n, i + MAX_WORD) + 1):
            word = run[i:j]
            # The lexicon's words, the segmenter's, and any other the index holds as a word.
            if word in vocab or (i, j) in own or j == i + 1 or cost(word) < UNHELD:
                total = best[i][0] + cost(word)
                if total < best[j][0]:
                    best[j] = (total, i)
    words, j = [], n
    while j:
        i = best[j][1]
        words.append(run[i:j])
        j = i
    return words[::-1]
