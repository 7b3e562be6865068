"""Words an index learns from its own articles: the names the stock dictionary cannot spell.

Government news is about people, and most of their names are not in any dictionary: the segmenter
cuts them into letters and syllables (จุ·ริ·นทร์, ว·รา·วุธ), and cuts them differently when the
name is glued to the next word (a query typed without spaces), so a query can miss the article it
was copied from. One cheap pass over the articles finds them:

* a name after a title (นาย, นางสาว, ดร., พล.อ., …): the run of Thai letters that follows, and the
  surname after one space;
* in headlines, a run of pieces the segmenter leaves as letters or non-words (ไวรัส·โค·โร·นา);
* an abbreviation written with its dot (คปภ., อสม., รธน.): the dictionary has none of them, and
  glued to the word before it one steals that word's letters (สำนักงานคปภ -> สำนัก·งา·นค·ปภ,
  ปฐมนิเทศอสม -> ปฐม·นิ·เท·ศอ·สม), so a query typed without spaces misses the article that spaced it.

A candidate is learned when it recurs (in ``MIN_DOCS`` articles) and the stock dictionary would
cut it into a letter or a non-word (an abbreviation: or leave it a non-word); a name it can spell
(สม·ชาย) splits the same way everywhere.
The result is stable per index generation: a rebuild learns it, the generation keeps it, and its
documents and queries are segmented with it (:class:`indexer.thai.Lexicon`).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from indexer.thai import abbreviations, dictionary_words, lexicon

MIN_DOCS = 2  # articles a candidate must occur in
MAX_WORDS = 50_000  # most frequent first, should a huge corpus offer more

_T = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
# Titles written glued to the name (นายวันชัย), and often to the word before (โดยมีนายวันชัย); ranks and
# degrees may take a space (ดร. นลินี). Words that begin like a title (นายก, คุณภาพ) rarely end at a space
# as a run the dictionary cannot spell, which a candidate must.
_GLUED = r"นางสาว|นาง|นาย(?!ก|แพทย์|อำเภอ|ทหาร|ตำรวจ|จ้าง|ด่าน|ทุน|หน้า|ช่าง|สิบ|ร้อย|พัน|พล|เรือ|ประกัน|ท่า|บ้าน)" \
         r"|นายแพทย์|แพทย์หญิง|ว่าที่ร้อยตรี|คุณ"
_DOTTED = r"น\.ส\.|[พร]\.[ตอท]\.(?:[อทต]\.)?|ดร\.|ผศ\.|รศ\.|ศ\.|นพ\.|พญ\.|ม\.ร\.ว\.|ม\.ล\.|พล\.(?:[อรต]\.)?[อทต]\.|พลเอก|พลตำรวจเอก"
# A name ends at a space, a closing quote or bracket, or ฯ (พล.อ.อ.ประจินฯ: the rest of the name left out).
_NAME = re.compile(
    rf"(?:(?:{_GLUED})|(?:{_DOTTED})\s?)([{_T}]{{3,20}})(?:\s([{_T}]{{3,20}}))?(?=[\s\"”’),/ฯ]|$)"
)
_THAI_RUN = re.compile(rf"[{_T}]+")
# An abbreviation: a run of 3-6 Thai letters that starts a run and ends with its dot, not one of
# several one-letter pieces (ธ.ก.ส.); the dot is what tells คปภ. from the end of a longer word.
_ABBR = re.compile(rf"(?<![{_T}.])([{_T}]{{3,6}})\.(?![{_T}]\.)")
ABBR_MARK = "."  # a counted abbreviation is keyed with its dot, so choose() can tell it from a name


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
            seen.update(m.group(1) + ABBR_MARK for m in _ABBR.finditer(text))
        names.update(seen)
        runs.update(set(_short_runs(title, base)))
    return names + runs


def choose(counts: Counter[str]) -> list[str]:
    """The words learned from the candidates counted by :func:`count`, sorted."""
    vocab = dictionary_words()
    base = lexicon()
    spelled = abbreviations()
    merged: Counter[str] = Counter()
    abbrs: set[str] = set()
    # Most candidates occur once: a word and its dotted form together must reach MIN_DOCS before the
    # segmenter is asked about them (the checks below cost a segmentation each).
    totals: Counter[str] = Counter()
    for w, n in counts.items():
        totals[w[:-1] if w.endswith(ABBR_MARK) else w] += n
    for w, n in counts.items():
        if totals[w[:-1] if w.endswith(ABBR_MARK) else w] < MIN_DOCS:
            continue
        if w.endswith(ABBR_MARK):
            # Dotted abbreviations the segmenter already reads as their spelled-out word are left to it.
            if w in spelled:
                continue
            w = w[:-1]
            if w in vocab or not _unspelt(w, base) or _word_and_letter(w, vocab):
                continue
            abbrs.add(w)
        elif not _misspelt(w, base):
            continue
        merged[w] += n
    # Most frequent first, ties by the word: the same words whatever order the shares came in.
    ranked = sorted(merged.items(), key=lambda wn: (-wn[1], wn[0]))
    out = [w for w, n in ranked if n >= MIN_DOCS and w not in vocab]
    learned = set(out[:MAX_WORDS])
    # A name glued to the verb after it (พลวรรธน์กล่าว) is the name and a word, not a new word; nor is
    # a word glued to an abbreviation (รองนรม).
    abbrs &= learned
    return sorted(w for w in learned
                  if not any((w[:i] in learned and w[i:] in vocab) or (w[:i] in vocab and w[i:] in abbrs)
                             for i in range(3, len(w) - 1)))


_CONSONANT = re.compile("[\u0e01-\u0e2e]")


def _word_and_letter(word: str, vocab) -> bool:
    """True for a word glued to a one-letter abbreviation: ที่จ of "ที่จ.เชียงใหม่" (ที่, then จ. for
    จังหวัด), ที่อ of "ที่อ.เมือง". Learned, it would keep ที่ from matching wherever the text glues
    it so, and a query typed without spaces would miss the article that spaced it. The word has a
    vowel or a tone mark; an abbreviation of bare consonants (กกต.) is no word and a letter, though
    กก is a word."""
    head = word[:-1]
    return head in vocab and bool(_CONSONANT.fullmatch(word[-1])) and not all(map(_CONSONANT.match, head))


def _unspelt(word: str, base) -> bool:
    """True when the stock dictionary cuts ``word`` into a single letter or a non-word, or cannot
    spell it at all (a one-piece non-word: คปภ)."""
    vocab = dictionary_words()
    return any(len(p) == 1 or p not in vocab for p in base.segment(word))


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
