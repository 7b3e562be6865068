"""Words an index learns from its own articles: the names the stock dictionary cannot spell.

Government news is about people, and most of their names are not in any dictionary: the segmenter
cuts them into letters and syllables (จุ·ริ·นทร์, ว·รา·วุธ), and cuts them differently when the
name is glued to the next word (a query typed without spaces), so a query can miss the article it
was copied from. One cheap pass over the articles finds them:

* a name after a title (นาย, นางสาว, ดร., พล.อ., …): the run of Thai letters that follows, and the
  surname after one space;
* in headlines, a run of pieces the segmenter leaves as letters or non-words (ไวรัส·โค·โร·นา).

A candidate is learned when it recurs (in ``MIN_DOCS`` articles) and the stock dictionary would
cut it into a letter or a non-word; a name it can spell (สม·ชาย) splits the same way everywhere.
The result is stable per index generation: a rebuild learns it, the generation keeps it, and its
documents and queries are segmented with it (:class:`indexer.thai.Lexicon`).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from indexer.thai import dictionary_words, lexicon

MIN_DOCS = 2  # articles a candidate must occur in
MAX_WORDS = 50_000  # most frequent first, should a huge corpus offer more

_T = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
# Titles written glued to the name (นายวันชัย), and often to the word before (โดยมีนายวันชัย); ranks and
# degrees may take a space (ดร. นลินี). Words that begin like a title (นายก, คุณภาพ) rarely end at a space
# as a run the dictionary cannot spell, which a candidate must.
_GLUED = r"นางสาว|นาง|นาย(?!ก|แพทย์|อำเภอ|ทหาร|ตำรวจ|จ้าง|ด่าน|ทุน|หน้า|ช่าง|สิบ|ร้อย|พัน|พล|เรือ|ประกัน|ท่า|บ้าน)" \
         r"|นายแพทย์|แพทย์หญิง|ว่าที่ร้อยตรี|คุณ"
_DOTTED = r"ดร\.|ผศ\.|รศ\.|ศ\.|นพ\.|พญ\.|ม\.ร\.ว\.|ม\.ล\.|พล\.(?:[อรต]\.)?[อทต]\.|พลเอก|พลตำรวจเอก|ร\.ต\.อ\."
_NAME = re.compile(
    rf"(?:(?:{_GLUED})|(?:{_DOTTED})\s?)([{_T}]{{3,20}})(?:\s([{_T}]{{3,20}}))?(?=[\s\"”’),/]|$)"
)
_THAI_RUN = re.compile(rf"[{_T}]+")


def learn(articles: Iterable[tuple[str, str]]) -> list[str]:
    """Words to add to the segmentation dictionary, from ``(title, body)`` pairs of normalised text."""
    return choose(count(articles))


def count(articles: Iterable[tuple[str, str]]) -> Counter[str]:
    """The candidates of ``(title, body)`` pairs, each with the number of articles it occurs in.
    Counts of disjoint shares of the articles add up (``+``) to the count of them all, so shares
    can be counted in parallel; :func:`choose` then picks the words."""
    names: Counter[str] = Counter()
    runs: Counter[str] = Counter()
    base = lexicon()
    for title, body in articles:
        seen: set[str] = set()
        for text in (title, body):
            for m in _NAME.finditer(text):
                seen.update(g for g in m.groups() if g)
        names.update(seen)
        runs.update(set(_short_runs(title, base)))
    return names + runs


def choose(counts: Counter[str]) -> list[str]:
    """The words learned from the candidates counted by :func:`count`, sorted."""
    vocab = dictionary_words()
    base = lexicon()
    # Most frequent first, ties by the word: the same words whatever order the shares came in.
    ranked = sorted(counts.items(), key=lambda wn: (-wn[1], wn[0]))
    out = [w for w, n in ranked if n >= MIN_DOCS and w not in vocab and _misspelt(w, base)]
    learned = set(out[:MAX_WORDS])
    # A name glued to the verb after it (พลวรรธน์กล่าว) is the name and a word, not a new word.
    return sorted(w for w in learned if not any(w[:i] in learned and w[i:] in vocab for i in range(3, len(w) - 1)))


def _misspelt(word: str, base) -> bool:
    """True when the stock dictionary cuts ``word`` into a single letter or a non-word."""
    vocab = dictionary_words()
    pieces = base.segment(word)
    return len(pieces) > 1 and any(len(p) == 1 or p not in vocab for p in pieces)


def _short_runs(title: str, base) -> Iterable[str]:
    """Runs of 2+ adjacent pieces of at most 2 letters or not in the dictionary, in a headline."""
    vocab = dictionary_words()
    for m in _THAI_RUN.finditer(title):
        run: list[str] = []
        for piece in [*base.segment(m.group()), ""]:
            if piece and (len(piece) <= 2 or piece not in vocab):
                run.append(piece)
                continue
            if len(run) >= 2 and len("".join(run)) >= 4:
                yield "".join(run)
            run = []
