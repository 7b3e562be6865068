"""Readings of a query whose ends may be cut: a headline fragment selected mid-word, a word typed
unfinished, a selection starting inside an abbreviation; and of one whose dropped spaces glued
words otherwise than the headline spaces them (an abbreviation to the word before it, neighbours
read across a junction). The engine tries them when no headline holds the query's run
(:func:`ends_optional`) or when the query found nothing (:func:`completed_last_word`).

Engine-neutral: the index's words are asked for through an :data:`Expand` callable.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from indexer.bridges import likelier
from indexer.glued import resplit
from indexer.likeliest import WordCounts, likeliest
from indexer.proximity import EDGES
from indexer.query import Clause, ParsedQuery, cut_end, short_word
from indexer.thai import apart, current_lexicon, word_texts

# The index's words starting with a text, at most n; the bool: from its term list too (not free).
Expand = Callable[[str, int, bool], list[str]]
_THAI = re.compile("[\u0e01-\u0e4e]")

MIN_CUT_WORDS = 4  # words of a clause before its ends may be the cut ends of a selection


def ends_optional(parsed: ParsedQuery, expand: Expand | None = None,
                  counts: WordCounts | None = None) -> ParsedQuery | None:
    """The query with its one clause read in other ways too (its first or last word optional, its
    last word completed, its words read as the headline may space them), or None.

    A headline fragment selected or pasted mid-word ends in the piece of a word ("…เสริมบทบาทอ" of
    บทบาทองค์กร): glued to the words before it, the piece changes how they segment, and the article
    it was copied from no longer holds every word of the query. The reading here also matches the
    articles that hold all the words but the first or all but the last (or the text without its
    first or last one or two letters); only for a clause of several words with a ragged end (its
    first or last two words both syllables of at most two letters, or its first or last a single
    letter, or a short syllable beside a number or a mark, or a short abbreviation opening it:
    :func:`_cut_syllable`). Whatever its ends, a long clause is also read piece by piece as the
    user spaced it, with neighbours split likelier (:func:`_likelier_resplits`) and, with ``counts``
    (the index's word counts), as the index makes likeliest (:func:`indexer.likeliest.likeliest`),
    and any clause with an abbreviation glued to the word before it (:func:`indexer.thai.apart`). With
    ``expand`` (the index's words that start with a text), a last word cut anywhere is completed
    too, in a clause of any length (a query typed unfinished: ไวรัสโคโร): the longest tail of the
    text that starts an indexed word ("…ผู้ติดเชื้อไวรัสโค" -> ไวรัสโคโรนา, "สมพงษ์จิรศิริ" ->
    จิรศิริเลิศ) is read as that word, the text before it segmented afresh. A query of several
    clauses opening with a short dotted abbreviation is read without it
    (:func:`_without_cut_abbreviation`), and one of three or more whose first or last clause is
    all a ragged end without that clause (:func:`_without_ragged_end`). The engine runs it only
    when no headline holds the query's run, and keeps it only when one of its headlines does, or
    its first article holds the query in its body where the narrow reading's first does not."""
    positive = [c for c in parsed.clauses if not c.negated]
    if (head := _without_cut_abbreviation(parsed, positive)) is not None:
        return head
    # A letter or two before or after the long clause ("ก. อุตฯ แถลงผล…", ก. of รัฐมนตรี ก.อุตฯ) is a
    # cut end the ranking already leaves optional: the long clause is still the one to widen.
    core = [c for i, c in enumerate(positive) if not (cut_end(positive, i) and short_word(c))]
    if len(core) != 1:
        return _without_ragged_end(parsed, core) if len(core) >= 3 else None
    c = core[0]
    if c.phrase or c.alternatives:
        return None
    completed = _completed(c, expand) if expand is not None else []
    if _short(c):
        # A short query is no selection of a headline, but its last word may be typed unfinished
        # (กระทรวงวัฒนธร, ไวรัสโคโร): only the completed readings.
        ragged, spaced = False, []
    else:
        ragged = _ragged(c.words[:2], c.words[0]) or _ragged(c.words[-2:], c.words[-1]) or _cut_syllable(c)
        # Pasted with its spaces, the pieces read one by one are the words of the headline they
        # came from, where the words read glued (for re-spacing to change nothing) may run across
        # a space.
        by_piece = [w for piece in c.pieces for w in word_texts(piece)]
        spaced = [by_piece] if by_piece and by_piece != c.words else []
        spaced += _likelier_resplits(c.words)
        # Each piece the user spaced on its own: a space is where the user's words part.
        if counts is not None and (likely := likeliest(" ".join(c.pieces) or c.text, counts)) != c.words:
            spaced.append(likely)
    # An abbreviation glued to the word before it, read apart as an article spaces it (กลางก.พ.).
    unglued = [word_texts(t) for t in [apart(c.text)] if t is not None]
    if not ragged and not completed and not spaced and not unglued:
        return None  # whole words at both ends: nothing was cut (and a second run is not free)
    readings = completed + spaced + unglued
    if ragged:
        # Without the first or last word, and without the first or last letter or two (the rest
        # segmented afresh: "…บทบาทอ" is บท·บา·ทอ, "…บทบาท" is บทบาท, as the article has it;
        # "…ประชาชนกย" of กยศ. is ประชา·ชนก·ย, and without one letter still ประชา·ชนก).
        readings += [c.words[1:], c.words[:-1]]
        # The letters, not a dot or a bracket pasted at an end ("…เผยก." is cut at ก, not at the dot).
        core = EDGES.sub("", c.text) or c.text
        readings += [word_texts(t) for t in (core[1:], core[:-1], core[2:], core[:-2])]
    alternatives: list[Clause] = []
    for words in readings:
        if words and words != c.words and all(words != a.words for a in alternatives):
            alternatives.append(Clause(c.text, words))
    if not alternatives:
        return None  # every reading is the query's own: a second run would find the same
    wide = Clause(c.text, c.words, pieces=c.pieces, alternatives=alternatives, as_typed=c.as_typed)
    return replace(parsed, clauses=[wide if x is c else x for x in parsed.clauses], undotted=None)


# A dotted abbreviation of two or three letters glued to another of two or more: ปอ.รฟม. (not the
# letters of one abbreviation, ก.พ.ร.).
_CUT_ABBREVIATION = re.compile("^([\u0e01-\u0e2e]{2,3})\\.(?=[\u0e01-\u0e2e]{2,}\\.)")


def _without_cut_abbreviation(parsed: ParsedQuery, positive: list[Clause]) -> ParsedQuery | None:
    """The query without its first word when that is a dotted abbreviation of two or three letters,
    typed with its dot and glued to another one, opening a query of several clauses: maybe the end
    of a longer one cut by a selection ("ปอ.รฟม. ลงตรวจ…" of คปอ.รฟม., which the index holds as one
    word คปอ), or None. An abbreviation standing alone (ครม. เห็นชอบ) or spelled out (พล.อ.) is
    whole."""
    first = positive[0] if len(positive) >= 2 else None
    m = _CUT_ABBREVIATION.match(first.text) if first is not None else None
    if m is None or first.phrase or first.alternatives or first.typed or len(first.words) < 2 \
            or first.words[0] != m.group(1):
        return None
    i = next(i for i, c in enumerate(parsed.clauses) if c is first)
    rest = Clause(first.text[m.end():], first.words[1:])
    return replace(parsed, clauses=[*parsed.clauses[:i], rest, *parsed.clauses[i + 1:]], undotted=None)


def _likelier_resplits(words: list[str]) -> list[list[str]]:
    """``words`` with two neighbours split at another place (:func:`indexer.glued.resplit`) where the
    new pair is the likelier reading by the corpus counts (:func:`indexer.bridges.likelier`):
    glued, "10นาทีหลัง" reads นา·ทีหลัง, where the headline spaces นาที·หลัง. A pair read as likely
    as it could be (ลง·พื้นที่, not ลงพื้น·ที่) is left as read: a reading for every long query would
    cost each one a second run."""
    out = []
    for reading, pair in resplit(words):
        if len(reading) != len(words):
            continue  # one word split in two: no pair to weigh it against
        i = next(i for i, (a, b) in enumerate(zip(words, reading)) if a != b)
        if likelier(*pair, words[i], words[i + 1]):
            out.append(reading)
    return out


def _without_ragged_end(parsed: ParsedQuery, core: list[Clause]) -> ParsedQuery | None:
    """The query without its first (else last) clause when that is all a ragged end: two or more Thai
    syllables of at most two letters, what a selection left of a word ("โรนา 2019(COVID-19) ประจำวันที่
    22", โร·นา of โคโรนา, which the article holds as one word), in a fragment pasted in three or more
    clauses; or None. A clause with a whole word in it (จ.เชียงใหม่) is no cut end."""
    for c in (core[0], core[-1]):
        if len(c.words) >= 2 and not (c.phrase or c.alternatives or c.typed) \
                and all(len(w) <= 2 and _THAI.match(w) for w in c.words) and "." not in c.text:
            return replace(parsed, clauses=[x for x in parsed.clauses if x is not c], undotted=None)
    return None


def _short(c: Clause) -> bool:
    """True for a clause too short to be a selection of a headline: typed, not pasted."""
    return len(c.words) < MIN_CUT_WORDS or len("".join(c.words)) < 12


MIN_TAIL, MAX_TAIL = 3, 20  # letters of a cut word's tail looked up in the index's words
COMPLETIONS = 2  # indexed words tried for one cut tail (the most frequent)
_THAI_TAIL = re.compile("[\u0e01-\u0e4e]+$")


def _completed(c: Clause, expand: Expand, whole_too: bool = False) -> list[list[str]]:
    """Readings of ``c`` with its last word completed to an indexed word (see :func:`ends_optional`),
    or []: when the longest tail that starts an indexed word is the last word itself and that is a
    dictionary word (a whole word: nothing suggests a cut), unless ``whole_too``."""
    core = re.sub("[^\u0e01-\u0e4e]+$", "", c.text)  # pasted brackets, marks, emoji after it
    m = _THAI_TAIL.search(core)
    if not c.words or not m or not core.endswith(c.words[-1]):
        return []
    last, run = c.words[-1], m.group()
    whole = last in current_lexicon().vocabulary
    # A tail longer than the last word: the cut changed how the letters before it segment
    # (ผู้ติดเชื้อ·ไวรัสโค[โรนา] -> ผู้·ติด·เชื้อไวรัส·โค). Inside the last word, a tail is a word's end.
    for size in range(min(len(run), MAX_TAIL), max(MIN_TAIL, len(last)) - 1, -1):
        tail = run[-size:]
        # The index's own terms (a name no word list holds: มนัญ of มนัญญา) only for the last word
        # itself when it is no dictionary word: a scan of the term list is not free.
        words = expand(tail, COMPLETIONS, tail == last and not whole)
        if words:
            if tail == last and whole and not whole_too:
                return []  # a whole word: nothing suggests a cut (ศาสต, no word, is ศาสตร์ cut)
            head = word_texts(core[:-size])
            return [head + [w] for w in words]
    return []


def completed_last_word(parsed: ParsedQuery, expand: Expand) -> tuple[ParsedQuery, list[str]] | None:
    """The query with the last word of its last clause completed to the index's words that start
    with it, and those words; or None. For a query that found nothing: a word typed unfinished
    (ศาสต, ยั่งยื); in a short query, a dictionary word too (17พฤศจิก: พฤศจิก is one), not at the end
    of a long pasted fragment."""
    positive = [c for c in parsed.clauses if not c.negated]
    c = positive[-1] if positive else None
    if c is None or c.phrase or c.alternatives:
        return None
    readings = [w for w in _completed(c, expand, whole_too=_short(c)) if w != c.words]
    if not readings:
        return None
    wide = replace(c, alternatives=[Clause(c.text, w) for w in readings])
    clauses = [wide if x is c else x for x in parsed.clauses]
    return replace(parsed, clauses=clauses, undotted=None), list(dict.fromkeys(w[-1] for w in readings))


_ONE_LETTER_WORDS = frozenset("ณ")  # "ณ ทำเนียบรัฐบาล": a word of its own, not a cut one's last letter


def _ragged(end: list[str], outer: str) -> bool:
    """True for the two words at an end of a clause when both are Thai syllables of at most two
    letters (บา·ทอ of "…บทบาทอ"), or when the outermost (``outer``) is a single Thai letter (ม of
    "ม.พล.อ.อ.ประจิน", cut from นรม.): what the segmenter leaves of a word cut by a selection."""
    if len(outer) == 1 and _THAI.match(outer) and outer not in _ONE_LETTER_WORDS:
        return True
    return all(len(w) <= 2 and _THAI.match(w) for w in end)


_THAI_HEAD = re.compile("^[\u0e01-\u0e4e]+")
_CONSONANTS = re.compile("[\u0e01-\u0e2e]{2,3}")


def _cut_syllable(c: Clause) -> bool:
    """True when the clause's first (last) word is a Thai syllable of at most two letters that is the
    whole Thai run before (after) a number, a Latin word or a mark: "นา2019(COVID-19)ประจำวันที่…",
    the end of โคโรนา cut by a selection, or '…ย้ำ"พล' of พลังประชารัฐ; or when it opens the clause as
    an abbreviation of two or three letters (กก. of คกก., "กก.สุขภาพดิจิทัลฯ ครั้งแรก…"). :func:`_ragged`
    looks for two such syllables; beside a number or a mark there is only one."""
    core = EDGES.sub("", c.text) or c.text  # brackets and quotes pasted around the selection
    head, tail = _THAI_HEAD.match(core), _THAI_TAIL.search(core)
    if head is not None and head.group() == c.words[0] and _CONSONANTS.fullmatch(head.group()) \
            and core.startswith(".", head.end()):
        return True
    return any(m is not None and m.group() == w and len(w) <= 2 and w not in _ONE_LETTER_WORDS
               for m, w in ((head, c.words[0]), (tail, c.words[-1])))
