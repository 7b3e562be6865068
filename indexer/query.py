"""User query language -> clauses of words (engine-neutral).

What a user can type: words (Thai without spaces is fine), ``"exact phrases"``, ``OR`` between
two terms, ``-word`` or ``-"phrase"`` to exclude. Anything else is text: brackets, lone quotes
and operators in odd places are read as plainly as possible, never as an error.

This module only parses; :mod:`indexer.ranking` scores, and the engine matches. A word is looked up three
ways: in the title (ranks high), as a word of the text, and as a part of a compound in the text
(``~มหาดไทย`` inside กระทรวงมหาดไทย, ``~ปลัดกระทรวง`` across ปลัด·กระทรวงมหาดไทย, ranked lower). A
term that segments into several words matches them anywhere in the article; in one run in a
headline ranks higher.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import Sequence

from core.agencies import registry
from core.normalize import normalize_line
from indexer import place_prefix, synonyms
from indexer.thai import abbreviation_pattern, current_lexicon, dot_abbreviations, iter_spans, spelled_out, word_texts

MAX_QUERY_CHARS = 500
MAX_CLAUSES = 24
CUT_BESIDE = 3  # words of the other clause of two beside which an agency's abbreviation may be a cut end

# Per-field weights of a match.
W_TITLE, W_BODY, W_PART = 3.0, 1.0, 0.35

_TOKEN = re.compile(r'(-?)"([^"]*)("?)|(\S+)')
# Spaces between Thai letters are where the user paused, not word boundaries: Thai is written
# without spaces between words and re-spaced at will ("สำนักงาน ปลัดกระทรวง" = สำนักงานปลัดกระทรวง).
_THAI_END = re.compile("[\u0e01-\u0e4e]$")
_THAI_START = re.compile("[\u0e01-\u0e4e]")


@dataclass
class Clause:
    """One thing the user asked for: a term or a phrase, maybe negated, maybe OR-ed with others."""

    text: str
    words: list[str]
    phrase: bool = False
    negated: bool = False
    alternatives: list["Clause"] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)  # as typed, when Thai pieces were read together
    # The same text with the letters that were given dots read as typed (``กทม`` of ``สังกัดกทม``, an
    # article may write them so): matched beside this reading in the same run, not an OR of another
    # term (the clause is still one run of text for proximity and the cut ends of a selection).
    as_typed: "Clause | None" = None
    # On an as-typed reading: letters -> the spelled-out word they stand for, whose articles count
    # with theirs for how rare the word is (a synonym: the rare undotted spelling is no rarer a word).
    same_as: dict[str, str] = field(default_factory=dict)
    typed: str = ""  # the text as typed, when dots were given to it (``พล.อประวิตรฯ`` of ``พล.อ.ประวิตรฯ``)


@dataclass
class ParsedQuery:
    """A parsed query: its clauses, the words shown to the user and the terms to highlight."""

    text: str
    clauses: list[Clause]
    truncated: bool = False
    # The text as typed when abbreviations typed without their dots were given them and some clause
    # could not also be read as typed in the same run (letters that segment into syllables, คร·ม):
    # the fall-back reading when the dotted one finds nothing (an article may spell it undotted).
    undotted: str | None = None
    printed: str = ""  # as typed, before any dots were given: compared with a headline as printed
    # Headlines holding this squeezed text match too (:mod:`indexer.headlines`): a fragment cut mid-word.
    in_headline: str = ""
    # A passage reading (:mod:`indexer.passages`): the query as pasted, which ranks its articles.
    passage_of: ParsedQuery | None = None

    @property
    def words(self) -> list[str]:
        """How the query was split into words (for display)."""
        out: list[str] = []
        for c in self.clauses:
            for alt in [c, *c.alternatives]:
                if not alt.negated:
                    out.extend(alt.words)
        return out

    @property
    def highlight_terms(self) -> set[str]:
        """Words whose occurrences are marked in snippets: the positive words of the query (and of
        its clauses read as typed, or with another word of a group: :mod:`indexer.synonyms`)."""
        typed = [w for alt in self._positive() if alt.as_typed for w in alt.as_typed.words]
        others = [put.lower() for put in self.also_searched]  # each one word (indexer.synonyms.groups)
        return set(self.words) | set(typed) | set(others)

    @property
    def also_searched(self) -> list[str]:
        """Words searched beside a word of the query because a searcher takes them for the same
        (:mod:`indexer.synonyms`): ค่าจ้าง for ค่าแรง."""
        return list(dict.fromkeys(put for _text, put in self._other_words()))

    def _positive(self) -> list[Clause]:
        return [alt for c in self.clauses if not c.negated for alt in (c, *c.alternatives) if not alt.negated]

    def _other_words(self) -> list[tuple[str, str]]:
        return [r for alt in self._positive() if not alt.phrase for r in synonyms.readings(alt.text)]

    @property
    def is_empty(self) -> bool:
        """True when nothing positive was asked for (blank, punctuation only, or only exclusions)."""
        return not any(not c.negated for c in self.clauses)


def parse(text: str, normalized: bool = False, dots: bool = True) -> ParsedQuery:
    """Parse what the user typed. Never raises: odd input becomes plain words.

    ``normalized=True``: ``text`` already went through :func:`core.normalize.normalize_line`.
    ``dots=False``: abbreviations typed without their dots are read as typed.
    """
    if not normalized:
        text = normalize_line(text)
    text, truncated = cut_query(text)
    undotted: str | None = None
    # An abbreviation typed without its dots (ครมเห็นชอบ) is the abbreviation; a spaced one
    # (พ. ศ., พล. อ.) is one word, not a clause per letter.
    dotted = dot_abbreviations(text) if dots else text
    typed = text
    text, given = _squeeze_abbreviations(dotted, _given_dots(text, dotted))
    clauses: list[Clause] = []
    pending_or = False
    glued_text = _glue_thai(text)  # as long as text: a NUL where a space joined two Thai pieces
    for m in _TOKEN.finditer(glued_text):
        neg, quoted, _closing, bare = m.group(1), m.group(2), m.group(3), m.group(4)
        if bare is not None:
            if bare in ("OR", "|") and clauses:
                pending_or = True
                continue
            if bare in ("AND", "&", "+"):
                continue
            negated = bare.startswith("-") and len(bare) > 1
            body = bare[1:] if negated else bare
            clause = _bare_clause(body, negated)
            start = m.start(4) + negated
        else:
            clause = Clause(quoted, word_texts(quoted), phrase=True, negated=bool(neg))
            start = m.start(2)
        if not clause.words:
            continue
        if given:
            clause.as_typed, fits = _read_as_typed(clause, glued_text, start, given)
            if not fits:
                undotted = typed
        if clause.as_typed is None and not clause.phrase and (other := place_prefix.swapped(clause.words, clause.text)):
            clause.as_typed = Clause(clause.text, other, negated=clause.negated)  # จ.เชียงใหม่: จังหวัดเชียงใหม่
        if pending_or and clauses and not clause.negated and not clauses[-1].negated:
            clauses[-1].alternatives.append(clause)
        else:
            clauses.append(clause)
        pending_or = False
        if len(clauses) >= MAX_CLAUSES:
            truncated = True
            break
    return ParsedQuery(text, clauses, truncated, undotted, printed=_printed(typed))


def _printed(typed: str) -> str:
    """``typed`` without its exclusions, its OR'd alternatives and its operators: the part of the
    query a headline may print (an exclusion is what the headline must not hold, and either side
    of an OR may be the one it holds)."""
    kept: list[str | None] = []  # None: a token dropped
    pending_or = False
    for m in _TOKEN.finditer(_glue_thai(typed)):  # the tokens parse() reads
        neg, bare = m.group(1), m.group(4)
        if bare in ("OR", "|") and kept:
            kept[-1], pending_or = None, True
            continue
        if bare in ("AND", "&", "+"):
            continue
        negated = neg or (bare is not None and bare.startswith("-") and len(bare) > 1)
        kept.append(None if negated or pending_or else m.group(0).replace("\x00", " "))
        pending_or = False
    return " ".join(t for t in kept if t is not None)


def _bare_clause(body: str, negated: bool) -> Clause:
    """A clause typed without quotes; ``body`` has a NUL where Thai pieces were glued."""
    glued = body.replace("\x00", "")
    pieces = body.split("\x00") if "\x00" in body else []
    return Clause(glued, _words_of(glued, pieces), phrase=False, negated=negated, pieces=pieces)


def _given_dots(typed: str, dotted: str) -> set[int]:
    """Where in ``dotted`` (``typed`` with dots inserted by :func:`dot_abbreviations`) the inserted
    dots stand."""
    given: set[int] = set()
    j = 0
    for i, ch in enumerate(dotted):
        if j < len(typed) and typed[j] == ch:
            j += 1
        else:
            given.add(i)
    return given


def _squeeze_abbreviations(text: str, given: set[int]) -> tuple[str, set[int]]:
    """``text`` with the spaces inside abbreviations dropped (พ. ศ., พล. อ.: one word, not a clause per
    letter), and ``given`` moved along."""
    out: list[str] = []
    moved: set[int] = set()
    done = 0
    for m in [*abbreviation_pattern().finditer(text), None]:
        stop = m.start() if m else len(text)
        for i in range(done, stop):
            if i in given:
                moved.add(len(out))
            out.append(text[i])
        if m is None:
            break
        for i in range(m.start(), m.end()):
            if text[i] != " ":
                if i in given:
                    moved.add(len(out))
                out.append(text[i])
        done = m.end()
    return "".join(out), moved


def _read_as_typed(clause: Clause, text: str, start: int, given: set[int]) -> tuple[Clause | None, bool]:
    """``clause`` (at ``start`` in ``text``, Thai pieces joined by NULs) read without the dots it was
    given, and whether it can be matched that way in the same run: each abbreviation given dots is
    one word as typed (กทม, รมว: words of the lexicon), scored as a synonym of the word it stands
    for. Letters that segment into syllables (คร·ม) would match syllables anywhere: the whole query
    read as typed is then a fall-back (:func:`indexer.fallbacks.as_typed`)."""
    end = start + len(clause.text) + len(clause.pieces) - (1 if clause.pieces else 0)
    span = range(start, end)
    if not any(i in given for i in span):
        return None, True
    raw = "".join(text[i] for i in span if i not in given)
    clause.typed = raw.replace("\x00", "")
    same_as: dict[str, str] = {}
    for m in abbreviation_pattern().finditer(text[start:end].replace("\x00", " ")):
        if any(start + i in given for i in range(m.start(), m.end())):
            same_as[m.group().replace(".", "").replace(" ", "")] = spelled_out(m.group())
    if clause.phrase:
        reading = Clause(raw, word_texts(raw), phrase=True, negated=clause.negated)
    else:
        reading = _bare_clause(raw, clause.negated)
    if not same_as or not all(letters in reading.words for letters in same_as):
        return None, False
    reading.same_as = same_as
    return reading, True


def cut_query(text: str) -> tuple[str, bool]:
    """``text`` cut to the :data:`MAX_QUERY_CHARS` the engine reads, and whether it was cut.

    Cut at a space where there is one: half a word would find nothing.
    """
    if len(text) <= MAX_QUERY_CHARS:
        return text, False
    cut = text[:MAX_QUERY_CHARS]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut), True


def _words_of(glued: str, pieces: list[str]) -> list[str]:
    """The words of a clause: read glued, so that re-spacing changes nothing, unless the glued
    reading is worse than the pieces read one by one (more one-letter or unknown words, or as many
    but more words: the segmenter ran a word across the user's space, "บทบาท อ" -> บา·ทอ; or ran
    one across it into the letters of an abbreviation, "กลาง ก.พ." -> กลา·งก·พ)."""
    spans = list(iter_spans(glued))
    words = [w for w, _s, _e in spans]
    if not pieces:
        return words
    joins = list(accumulate(len(p) for p in pieces[:-1]))
    by_piece = [(piece, list(iter_spans(piece))) for piece in pieces]
    junk = sum(_junk(piece, piece_spans) for piece, piece_spans in by_piece)
    n = sum(len(piece_spans) for _p, piece_spans in by_piece)
    if (junk, n) < (_junk(glued, spans, joins), len(words)):
        return [w for _p, piece_spans in by_piece for w, _s, _e in piece_spans]
    return words


def _junk(text: str, spans: list, joins: Sequence[int] = ()) -> int:
    """One-letter and unknown Thai words of ``text`` (its ``spans``), and words that run across one
    of the ``joins`` into the letters before a dot (an abbreviation's, none of them junk alone)."""
    vocab = current_lexicon()

    def junk(w: str, s: int, e: int) -> bool:
        if text.startswith(".", e):
            return any(s < j < e for j in joins)
        return len(w) < 2 or (_THAI_START.match(w) is not None and w not in vocab)

    return sum(junk(*span) for span in spans)


def _glue_thai(text: str) -> str:
    """Join Thai pieces separated by spaces, outside quotes and exclusions; a NUL marks each join
    (counted, then dropped) so that :func:`relaxed` still knows how many pieces the user typed."""
    out: list[str] = []
    for part in re.split(r'(-?"[^"]*"?)', text):
        if part.startswith(('"', '-"')):
            out.append(part)
            continue
        pieces: list[str] = []
        split = part.split(" ")
        for i, piece in enumerate(split):
            prev = pieces[-1] if pieces else ""
            # OR binds the pieces on either side of it.
            ored = (i + 1 < len(split) and split[i + 1] in ("OR", "|")) or (i >= 2 and split[i - 2] in ("OR", "|"))
            # A one- or two-letter piece at the end is where a pasted selection was cut: not glued.
            last = i == len(split) - 1 and len(piece) <= 2
            if prev and not ored and not last and not prev.startswith("-") and _THAI_END.search(prev) \
                    and _THAI_START.match(piece):
                pieces[-1] = prev + "\x00" + piece
            else:
                pieces.append(piece)
        out.append(" ".join(pieces))
    return "".join(out)


def _long_unspaced(clause: Clause) -> bool:
    # A headline pasted without spaces: words at the junctions may segment differently from the
    # article, so "most of the words, adjacent ones first" is the useful reading.
    return not clause.phrase and len(clause.words) >= 4 and len(clause.text) >= 12


def _whole_words(clause: Clause) -> bool:
    # Words of the lexicon (the index's learned names among them), not the syllables of a typo
    # ("ปลัมหาดไทย": ปลั·มหาดไทย): a name glued to a verb ("ทิพานันแถลง") that no article holds
    # together is as much "some of the words" as the two typed apart.
    vocab = current_lexicon().vocabulary
    return not clause.phrase and len(clause.words) >= 2 and all(len(w) >= 3 and w in vocab for w in clause.words)


def relaxed(parsed: ParsedQuery) -> ParsedQuery | None:
    """The same query with ANY of its words allowed (for when ALL of them find nothing)."""
    positive = [c for c in parsed.clauses if not c.negated]
    if sum(len(c.pieces) or 1 for c in positive) < 2 and not (positive and _long_unspaced(positive[0])) \
            and not (len(positive) == 1 and _whole_words(positive[0])):
        # A short unspaced chunk that finds nothing is a typo or absent, not "any of its syllables".
        return None
    words = [w for c in positive for w in c.words]
    # Letters given dots may be written undotted in the article (กทม): either spelling is one of the words.
    words += [w for c in positive if c.as_typed for w in c.as_typed.words if w not in words]
    first = Clause(words[0], [words[0]])
    first.alternatives = [Clause(w, [w]) for w in words[1:]]
    return replace(parsed, clauses=[first, *(c for c in parsed.clauses if c.negated)], undotted=None)


def by_pieces(parsed: ParsedQuery) -> ParsedQuery | None:
    """The same query with each clause typed in several pieces read piece by piece (None when that
    changes no clause): glued across the user's space, "ราชเจ้า กรม" reads เจ้ากรม, which one other
    article holds alone, while the one the text was copied from says เจ้า·กรม. The glued reading keeps
    re-spacing from changing the results; this one is for when, together with the other clauses,
    it found nothing."""
    clauses = []
    for c in parsed.clauses:
        words = [w for piece in c.pieces for w in word_texts(piece)]
        # An exclusion keeps its words: read piece by piece it would exclude more than was typed.
        clauses.append(replace(c, words=words) if words and words != c.words and not c.negated else c)
    if all(a is b for a, b in zip(clauses, parsed.clauses)):
        return None
    return replace(parsed, clauses=clauses, undotted=None)


def dashes_as_text(parsed: ParsedQuery) -> ParsedQuery | None:
    """The same query with its exclusions of plain words read as words (None when it has none): a
    dash pasted with a headline ("พม. -สหวิชาชีพ" from "พม.-สหวิชาชีพ") or a list is punctuation, not
    an exclusion. A dash before a quoted phrase is deliberate and stays."""
    if not any(c.negated and not c.phrase for c in parsed.clauses):
        return None
    clauses = [replace(c, negated=c.negated and c.phrase,
                       as_typed=c.as_typed and replace(c.as_typed, negated=c.negated and c.phrase))
               for c in parsed.clauses]
    return replace(parsed, clauses=clauses, undotted=None)


def unquoted(parsed: ParsedQuery) -> ParsedQuery:
    """The same query with its quoted phrases read as plain words (all still required)."""
    clauses = [replace(c, phrase=False, pieces=[], as_typed=c.as_typed and replace(c.as_typed, phrase=False))
               if c.phrase else c for c in parsed.clauses]
    return replace(parsed, clauses=clauses, undotted=None)


def cut_end(positive: list[Clause], i: int) -> bool:
    """True for the first or last of several plain clauses (``positive``: a query's clauses that are
    not exclusions) where a selection may have cut a word: one of three or more, or a short word
    beside a longer one ("ปี 64": neither); not an agency's two-letter abbreviation typed beside a
    word or two ("รมว. กษ.", "รมว สธ": every letter meant; "อธิบดีกรมการปกครอง สน" is cut from สนอง)."""
    c, other = positive[i], positive[1 - i] if len(positive) == 2 else None
    return len(positive) >= 2 and i in (0, len(positive) - 1) and not c.phrase and not c.alternatives \
        and (other is None or (short_word(c) and not short_word(other) and not _typed_abbreviation(c, other)))


def _typed_abbreviation(c: Clause, other: Clause) -> bool:
    return len(c.words[0]) == 2 and len(other.words) < CUT_BESIDE and registry().resolve(c.words[0] + ".") is not None


def short_word(c: Clause) -> bool:
    """True for a clause of one word of at most two letters."""
    return len(c.words) == 1 and len(c.words[0]) <= 2
