"""What to do when a query finds nothing: fall-back readings, each chosen without running the engine.

A query is normalised, understood and parsed once, and tried in at most two readings (up to five
when letters typed without dots were read as an abbreviation, Thai pieces were read glued or the
last word may be unfinished, see 2).
A reading is one engine run, or two when a pasted fragment's cut ends are widened or a date or a
dash in the query is read as text (:mod:`indexer.date_text`, :mod:`indexer.dash_text`):

1. **The first reading.** A month or year written in the query ("น้ำท่วม มีนาคม 2564") is read as a
   date filter on the other words, when no date filter was given and those words exist in the index
   (term statistics); a query that is only a date ("ปี 2564") lists every article of that time,
   newest first; otherwise the query is read as typed.
2. **One fall-back, only when the first reading found nothing**, the first of these that applies
   and could match (every required word is in the index):

   a. the first reading took a date from the query: read the query as typed (the date as words);
   a'. words after a dash were excluded: read the dash as punctuation (a pasted "พม. -สหวิชาชีพ");
   b. a quoted phrase of several words: the same words, not as a phrase (quotes pasted with a
      headline may cross a compound differently from how the article was split);
   c. no did-you-mean suggestion, or a passage pasted whole (:data:`PASTED_WORDS` words or more,
      its ends maybe cut mid-word): articles with *some* of the words (:func:`indexer.query.relaxed`);
      a piece typed apart that some word of which no article holds is left out whole, and named
      (not the other articles that hold its other words); a short query all of it absent so is
      not relaxed (a name no article prints: ศศิกานต์ is not กานต์).
   Before it, when letters typed without dots were read as an abbreviation and could not also be
   read as typed in the same run (they segment into syllables, ครมเห็นชอบ -> คร·ม·เห็นชอบ; letters
   that are one word, กทม, are matched beside the abbreviation: :attr:`indexer.query.Clause.as_typed`),
   the query read as typed (:func:`as_typed`: an article may write them so); then, when Thai pieces
   the user spaced were read glued, the pieces read one by one (:func:`spaced`: glued, a junction
   may read as another word, "ราชเจ้า กรม" -> เจ้ากรม); then, unless a date, a dash or a phrase is
   there to read otherwise (a to b above), the last word read as the start of the index's words (a
   word typed unfinished, ศาสต: :func:`completed`). Only if those find nothing too does the
   fall-back above run, so a query is tried in at most five readings.
3. **Did you mean**, when the answer is still empty, comes from term statistics, never from a run:
   Thai typed on an English keyboard layout, else close indexed words for the words absent from the
   index. It is offered only when every word of the suggestion is in the index.

Each reading carries its :class:`~indexer.result.Notice` codes; the words are the web page's.

Engine-neutral: all it asks of the engine is term statistics (:class:`Terms`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Callable, Iterable, Protocol

from indexer.params import SearchParams
from indexer.cut_ends import completed_last_word
from indexer.proximity import EDGES
from indexer.query import Clause, ParsedQuery, by_pieces, dashes_as_text, parse, relaxed, unquoted
from indexer.result import Notice
from indexer.thai import word_texts
from indexer.understand import Understanding, keyboard_layout_fix

MAX_TOPIC_WORDS = 4
# A query finding fewer results than this, one short word the segmenter cut into pieces of one or
# two letters, is offered a close indexed word standing in FAR_MORE times as many articles.
FEW_FOR_A_TYPO, FAR_MORE, TYPO_LETTERS = 50, 10, 12
PASTED_WORDS = 6
MISSING_LETTERS = 3  # a shorter word let go at a query's end is a cut syllable, not named
# A vowel or a mark that only follows a consonant: a word starting so was cut from a longer one.
_CUT_START = re.compile("[\u0e30-\u0e3a\u0e45-\u0e4e]")
NAME_WORDS = 3  # a query of this many words or fewer, some word of it in no article, is not relaxed


class Terms(Protocol):
    """Term statistics of the live index (no query is run to answer them)."""

    def doc_frequency(self, word: str) -> int:
        """Articles holding ``word`` as a word or inside a compound."""

    def suggest(self, word: str, maxdist: int) -> list[str]:
        """Indexed words close to ``word``, best first."""

    def words_starting(self, prefix: str, limit: int, index_terms: bool = False) -> list[str]:
        """Indexed words longer than ``prefix`` that start with it, most frequent first."""


@dataclass
class Reading:
    """One way to read the query: what a single run of the engine evaluates."""

    params: SearchParams
    parsed: ParsedQuery
    date_from_query: tuple[date, date] | None = None
    relaxed: bool = False
    notices: list[Notice] = field(default_factory=list)
    date_as_words: str = ""  # with a date from the query: the query with the date as words (understand)


def could_match(parsed: ParsedQuery, terms: Terms) -> bool:
    """False when term statistics alone show the reading finds nothing: a required clause (or
    every one of its OR alternatives, each also read as typed) has a word that no article holds."""
    for clause in parsed.clauses:
        if clause.negated:
            continue
        readings = [r for alt in [clause, *clause.alternatives] for r in (alt, alt.as_typed) if r is not None]
        if not any(all(terms.doc_frequency(w) for w in r.words) for r in readings):
            return False
    return True


def first_reading(params: SearchParams, und: Understanding, plain: ParsedQuery, terms: Terms) -> Reading:
    """The reading the engine runs first: the date in the query as a filter when that can match;
    a query that is only a date lists every article of that time, newest first."""
    if und.date_range and not (params.since or params.until):
        since, until = und.date_range
        dated = parse(und.text, normalized=True)
        dates = {"since": since.isoformat(), "until": until.isoformat()}
        if dated.is_empty:
            sort = "newest" if params.sort == "relevance" else params.sort
            return Reading(replace(params, since=since, until=until, sort=sort), dated,
                           date_from_query=und.date_range, notices=[Notice(code="date_only_query", params=dates)],
                           date_as_words=und.date_as_words)
        # A year inside a pasted headline ("… ประจำปีงบประมาณ พ.ศ. 2565 …") is part of the text, not
        # a filter a user typed beside a topic.
        if len(dated.words) <= MAX_TOPIC_WORDS and could_match(dated, terms):
            return Reading(replace(params, since=since, until=until), dated, date_from_query=und.date_range,
                           notices=[Notice(code="date_filter_from_query", params=dates)],
                           date_as_words=und.date_as_words)
    return Reading(params, plain)


def as_typed(params: SearchParams, plain: ParsedQuery, terms: Terms) -> Reading | None:
    """The query with the letters that were given dots read as typed (step a0), or None when no
    letters were given dots or the typed words could not match."""
    if plain.undotted is None:
        return None
    literal = parse(plain.undotted, normalized=True, dots=False)
    return Reading(params, literal) if could_match(literal, terms) else None


def spaced(first: Reading, terms: Terms) -> Reading | None:
    """``first`` with its clauses typed in pieces read piece by piece (its filters and notices
    kept), or None when that changes nothing or could not match (:func:`indexer.query.by_pieces`)."""
    parsed = by_pieces(first.parsed)
    return replace(first, parsed=parsed) if parsed is not None and could_match(parsed, terms) else None


def completed(params: SearchParams, plain: ParsedQuery, first: Reading, terms: Terms) -> Reading | None:
    """The query with its last word read as the start of the index's words (a word typed
    unfinished: ศาสต; quotes pasted with it dropped), or None when that changes nothing or could not
    match, or when :func:`second_reading` has a reading of a date, a dash or a phrase to try."""
    if first.date_from_query or dashes_as_text(plain) is not None \
            or any(c.phrase and len(c.words) > 1 for c in plain.clauses):
        return None
    done = completed_last_word(unquoted(plain), terms.words_starting)
    if done is None or not could_match(done[0], terms):
        return None
    parsed, words = done
    return Reading(params, parsed, notices=[Notice(code="last_word_completed", params={"words": " / ".join(words)})])


def second_reading(first: Reading, params: SearchParams, plain: ParsedQuery, terms: Terms,
                   suggestion: Suggestion) -> Reading | None:
    """The one fall-back to run after ``first`` found nothing, or None (see the module docstring)."""
    worded = parse(first.date_as_words, normalized=True) if first.date_as_words else plain
    if first.date_from_query and could_match(worded, terms):
        since, until = first.date_from_query
        return Reading(params, worded, notices=[Notice(code="date_read_as_words", params={
            "since": since.isoformat(), "until": until.isoformat()})])
    dashed = dashes_as_text(plain)
    if dashed is not None and could_match(dashed, terms):
        return Reading(params, dashed, notices=[Notice(code="dash_read_as_text")])
    if any(c.phrase and len(c.words) > 1 for c in plain.clauses):
        loose = unquoted(plain)
        if could_match(loose, terms):
            return Reading(params, loose, notices=[Notice(code="phrase_loosened")])
    if _pasted(plain) or suggestion.get() is None:
        loose = relaxed(plain)
        absent, found = _typed_apart(plain, terms)
        if loose is not None and absent:
            loose = _some_words_of(loose, found) if found else None if _few_words(plain) else loose
        if loose is not None and could_match(loose, terms):
            notices = [Notice(code="some_words")]
            if absent and found:
                notices.append(Notice(code="words_not_found", params={"words": " ".join(absent)}))
            return Reading(params, loose, relaxed=True, notices=notices)
    return None


def worth_naming(unmatched: Iterable[str]) -> list[str]:
    """The words let go at the ends of a query (:attr:`indexer.interface.Page.unmatched`) worth
    naming as in no article: without the marks pasted around them, of :data:`MISSING_LETTERS`
    letters or more, and not starting with a vowel or mark that follows a consonant (าวุธ” of a
    selection cut inside วราวุธ is a cut syllable, not a word the user asked for)."""
    out = []
    for w in unmatched:
        w = EDGES.sub("", w)
        if len(w) >= MISSING_LETTERS and not _CUT_START.match(w):
            out.append(w)
    return out


def _typed_apart(plain: ParsedQuery, terms: Terms) -> tuple[list[str], list[str]]:
    """The query's positive units as typed (a piece the user spaced, else a clause) that some word
    of which no article holds, and the words of the others. A name no article prints
    (ศศิกานต์: ศศิ·กานต์) is absent as a whole: its pieces that other articles hold (กานต์ of
    กิตติกานต์) are not some of the words asked for."""
    absent: list[str] = []
    found: list[str] = []
    for c in plain.clauses:
        if c.negated:
            continue
        if c.alternatives or c.as_typed is not None:  # read more ways than its words say: kept whole
            found += [w for alt in (c, *c.alternatives) for r in (alt, alt.as_typed) if r for w in r.words]
            continue
        for unit in c.pieces or [c.text]:
            words = word_texts(unit) if c.pieces else c.words
            if all(terms.doc_frequency(w) for w in words):
                found += words
            else:
                absent.append(unit)
    return absent, found


def _some_words_of(loose: ParsedQuery, found: list[str]) -> ParsedQuery | None:
    """The relaxed reading (:func:`indexer.query.relaxed`: one clause ORing words, then the
    exclusions) ORing the ``found`` words instead: each piece typed apart as segmented on its own
    (the glued reading may join two pieces into a word of neither: ผู้ว่าราชการ·จังหวัด)."""
    words = list(dict.fromkeys(found))
    if not words:
        return None
    first = Clause(words[0], [words[0]], alternatives=[Clause(w, [w]) for w in words[1:]])
    return replace(loose, clauses=[first, *loose.clauses[1:]])


def _few_words(plain: ParsedQuery) -> bool:
    """True for a query of at most :data:`NAME_WORDS` words: a name, maybe with a verb, not a
    headline pasted without spaces whose some words are a useful answer."""
    return sum(len(c.words) for c in plain.clauses if not c.negated) <= NAME_WORDS


def _pasted(parsed: ParsedQuery) -> bool:
    """True for a query of :data:`PASTED_WORDS` words or more: a passage pasted from an article
    (its ends cut mid-word: "้องใจ ความกังวลในการใช้ PDPA ว่"), whose some words are a better answer
    than a did-you-mean that respells one of them."""
    return sum(len(c.words) for c in parsed.clauses if not c.negated) >= PASTED_WORDS


def _dotted_and_held(word: str, terms: Terms) -> bool:
    """True for a word with a dot or ฯ in it whose every segmented word the index holds."""
    return ("." in word or "ฯ" in word) and all(map(terms.doc_frequency, word_texts(word)))


def typo_like(plain: ParsedQuery) -> bool:
    """True for a query of one short word, without operators, that the segmenter read as pieces
    one of which has at most two letters (โควิท: โค·วิ·ท): how a mistyped word reads."""
    if len(plain.clauses) != 1:
        return False
    c = plain.clauses[0]
    return not (c.negated or c.phrase or c.alternatives) and len(c.text) <= TYPO_LETTERS \
        and len(c.words) > 1 and any(len(w) <= 2 for w in c.words)


def typo_suggestion(plain: ParsedQuery, total: int, first_lacks_it: Callable[[], bool],
                    suggestion: "Suggestion", terms: Terms) -> str | None:
    """The did-you-mean of a query that found ``total`` articles, or None (``first_lacks_it()``: the
    first of them does not hold the query as typed; asked only of one glued word). Only the pieces a
    typo split a word into stand in a few articles (โควิท: โค·วิ·ท): a close word in many more; or a
    word's pieces stand together in no article (ผู้ว่าราชกาน: ผู้ว่า·ราช·กาน scattered over 156): a
    close word that articles hold."""
    if total < FEW_FOR_A_TYPO and typo_like(plain):
        least = FAR_MORE * total
    elif one_glued_word(plain) and not plain.also_searched and first_lacks_it():
        # Not when a synonym was searched (its articles hold the other word): the corrector costs
        # ~100 ms on 10,000 articles, spent only on a short glued word that nothing holds as typed.
        # Its pieces scattered may stand in more articles than the word meant (156 against 33).
        least = 1
    else:
        return None
    better = suggestion.get()
    return better if better and terms.doc_frequency(better) >= least else None


def one_glued_word(plain: ParsedQuery) -> bool:
    """True for a query of one word's length (at most :data:`TYPO_LETTERS` letters) typed without
    spaces or operators that the segmenter read as several words."""
    if len(plain.clauses) != 1:
        return False
    c = plain.clauses[0]
    return not (c.negated or c.phrase or c.alternatives or c.pieces) and len(c.text) <= TYPO_LETTERS \
        and len(c.words) > 1


class Suggestion:
    """The did-you-mean of a query, computed when first asked for (the corrector is not free)."""

    def __init__(self, text: str, plain: ParsedQuery, terms: Terms):
        self._args = (text, plain, terms)
        self._done = False
        self._value: str | None = None

    def get(self) -> str | None:
        """A query that could find something, or None."""
        if not self._done:
            self._value, self._done = did_you_mean(*self._args), True
        return self._value


def did_you_mean(text: str, plain: ParsedQuery, terms: Terms) -> str | None:
    """The keyboard-layout fix of ``text``, else ``plain`` with its absent words replaced by close
    indexed ones; only a suggestion whose every word is in the index."""
    if plain.is_empty:
        return None
    fixed = keyboard_layout_fix(text)
    if fixed and could_match(parse(fixed, normalized=True), terms):
        return fixed
    changed = False
    texts: list[str] = []
    for clause in plain.clauses:
        pieces = []
        for word in clause.pieces or [clause.text]:
            # Correct what the user typed as a whole: a typo splits a word into junk words. Its dots
            # and quotes are no letters to correct ("ปชช." is the indexed ปชช, not a typo of it), and
            # an abbreviation the index holds as its segmented words (ครม. as คณะรัฐมนตรี) is none.
            key = EDGES.sub("", word.lower())
            if not clause.negated and len(key) >= 3 and terms.doc_frequency(key) == 0 \
                    and not _dotted_and_held(word, terms):
                options = terms.suggest(key, maxdist=2 if len(key) >= 7 else 1)
                if options:
                    word, changed = options[0], True
            pieces.append(word)
        word = " ".join(pieces)
        texts.append(("-" if clause.negated else "") + (f'"{word}"' if clause.phrase else word))
    if not changed:
        return None
    suggestion = " ".join(texts)
    if suggestion == text:  # letters typed without dots, read with them, then "corrected" back
        return None
    return suggestion if could_match(parse(suggestion), terms) else None
