"""Words typed together mean words that stand together: a bonus for articles where they do.

BM25 scores each word on its own, so an article with ราคา in one paragraph and ปุ๋ย in another can
outrank one about the price of fertiliser. The head of the BM25 ranking is re-ranked here with the
stored text (the headline and the lead of the body): articles where a clause of several words stands
as one run (spaces and punctuation ignored, as a reader ignores them) in the headline come first,
then as one run in the lead of the body or nearly together (within a few letters) in the headline,
then nearly together in the lead or apart in the headline, then the rest. The lead counts a run of
a few words only when the body says it again or the headline holds its words: once in passing is
not what an article is about. Below the headline tier, how often the run stands in
the whole body adds to BM25 (saturating like BM25's term frequency): an article that says
ราคาน้ำมัน again and again is about the price of oil, one that says it once in passing is not
(headlines that hold the run are about it already: BM25 orders them). The whole query is
looked at the same way when it has several clauses (a pasted fragment with a number in it,
"วันเด็กแห่งชาติ 2566 ทำเนียบรัฐบาล", is three clauses that stand together in one headline), and a
headline holding the query exactly as typed (abbreviations as the user wrote them, a word cut at
either end of the selection) earns one tier more than one that holds only its spelled-out words, and
one more when it also holds the dots and ฯ the user typed (ประวิตรฯ ย้ำ, not ประวิตร ย้ำ), and one
more when it prints the query as pasted, brackets, quotes and the spaces beside numbers and Latin
words kept ("2019 (COVID-19)", not "2019(COVID-19)").
Engine-neutral: plain strings in, numbers out.
"""
from __future__ import annotations

import functools
import re

import numpy as np

from indexer import place_prefix, synonyms
from indexer.query import Clause, ParsedQuery
from indexer.thai import abbreviation_marks, abbreviation_pattern, abbreviations, spelled_out
HEAD = 60  # BM25 candidates re-ranked for a multi-word query
NEAR_SLACK = 12  # letters allowed between the words of a clause for "nearly together"
TIER = 1000.0  # above any BM25 sum a query can reach
IN_HEADLINE = 3 * TIER  # the bonus of a headline holding a run (or the query as typed)
RUN_WEIGHT = 20.0  # per occurrence of a run in the body, saturating like BM25's term frequency
K1 = 1.2
PASSAGE_WORDS = 4  # a run of this many words in the lead earns its tier even said once (a pasted passage)
PASSAGE_LETTERS = 24  # and of this many letters too, anywhere in the body of a passage reading's articles
LEAD = 2500  # letters of the body looked at: an article about the words has them early
# Letters of the body whose runs are counted: the count saturates long before, and a cabinet
# summary of 100,000 letters (a head often holds several) cost ~3 ms each to squeeze whole.
COUNTED = 20_000
_GAP_CHARS = r"\s\"'“”‘’«»()\[\]{}<>!?,:;#…\-–—/\\|*~_+=ๆ"
_GAPS = re.compile(f"[{_GAP_CHARS}.ฯ]+")
# The same gaps but the marks of abbreviations and names (พล.อ., ประวิตรฯ): how the query as typed
# is compared with a headline when the user typed such a mark.
_GAPS_BUT_MARKS = re.compile(f"[{_GAP_CHARS}]+")


_LONG = 200  # letters: a longer text is squeezed as an array of code points


def squeeze(text: str, spell: bool = False) -> str:
    """``text`` lower-cased, without spaces and punctuation (and with ``spell``, abbreviations
    spelled out, as the segmenter spells them in the query's words): how a run of words is compared."""
    if spell:
        text = abbreviation_pattern().sub(lambda m: spelled_out(m.group()), text)
    low = text.lower()
    if len(low) < _LONG:
        return _GAPS.sub("", low)
    # A body has a gap every few letters: the regex pays per gap, a look-up table per letter
    # (a 3,000-letter body: ~65 -> ~25 us; the re-ranked head squeezes a dozen a request).
    points = np.frombuffer(low.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return points[_kept()[points]].tobytes().decode("utf-32-le", "surrogatepass")


@functools.lru_cache(maxsize=1)
def _kept() -> np.ndarray:
    """For each code point, whether :func:`squeeze` keeps it: all but what ``_GAPS`` matches."""
    keep = np.ones(0x110000, dtype=bool)
    # Every code point as one string, decoded from an array: joining 1.1 million one-letter
    # strings made ~100 MB of objects at once, the peak of a serving worker's memory.
    every = np.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    for m in _GAPS.finditer(every):
        keep[m.start():m.end()] = False
    return keep


def wants_proximity(parsed: ParsedQuery) -> bool:
    """True when a positive clause has several words, or the positive clauses without
    alternatives do together (a single word has nothing to be near), or a word of the query is
    also searched as another (the headlines that hold the word typed then rank first)."""
    return (any(len(c.words) > 1 and not c.negated for c in parsed.clauses)
            or sum(len(c.words) for c in _positive(parsed)) > 1 or bool(parsed.also_searched))


def holds_typed(parsed: ParsedQuery, title: str, body: str) -> bool:
    """Whether the headline or the body (its first ``COUNTED`` letters) holds the query as typed,
    as one run (spaces and punctuation ignored): the text a pasted paragraph was copied from."""
    typed = squeeze("".join(c.text for c in _positive(parsed)))
    return len(typed) > 1 and (typed in squeeze(title) or typed in squeeze(body[:COUNTED]))


def _positive(parsed: ParsedQuery) -> list:
    # A clause with OR-alternatives is not one run of text: it has no place in the whole query.
    return [c for c in parsed.clauses if not c.negated and not c.alternatives]


def proximity_bonus(parsed: ParsedQuery, title: str, body: str, passage: bool = False) -> float:
    """The bonus of one article (its normalised title and body) for the query's multi-word clauses
    (and the whole query, when it has several clauses): per run, 3 tiers in the headline, 2 in the
    lead of the body or nearly together in the headline, 1 for nearly together in the lead or every
    word apart in the headline (the lead's only when the body says a short run twice); one more
    for the query as typed in the headline (and one each for its marks and for its print). Each tier is worth more than any BM25 score, so that
    together always ranks above apart; below the headline tier, the run's count in the body adds a
    BM25-sized score. With ``passage`` (the articles of a passage reading, :mod:`indexer.passages`),
    a long run said once anywhere in the body earns the lead's tiers: the passage was copied there."""
    tiers = 0
    # Each run with its other spelling, when letters given dots are read as typed too (an article
    # that writes กทม undotted holds the run สังกัด·กทม, not สังกัด·กรุงเทพมหานคร).
    runs = [_spellings([c]) for c in parsed.clauses if not c.negated and len(c.words) > 1]
    positive = _positive(parsed)
    if len(positive) > 1:
        runs.append(_spellings(positive))
    # Spelling out abbreviations costs a scan of the whole body: only when the query has one, or
    # another word of a group does (กรุงเทพ is กรุงเทพมหานคร, which a headline writes กทม.).
    spelled = set(abbreviations().values())
    spell = any(w in spelled for c in parsed.clauses for w in c.words) or any(
        w in spelled for spellings in runs for run in spellings[1:] for w in run)
    # A run starting with a one-letter place prefix (อ·เมือง) is compared spelled out, in texts whose
    # prefixes with their dot are spelled out: the อ of พ่อเมือง squeezed held "อเมือง" (3 tiers).
    places = any(place_prefix.starts_with_letter(run) for spellings in runs for run in spellings)
    if places:
        runs = [[[place_prefix.SPELLINGS[r[0]], *r[1:]] if place_prefix.starts_with_letter(r) else r for r in sp]
                for sp in runs]
        body = place_prefix.spelled(body)
    compared = place_prefix.spelled(title) if places else title
    t, lead = squeeze(compared, spell), None
    often, whole = 0.0, None
    for spellings in runs:
        best, in_lead = 0, 0
        for run in spellings:
            words = [squeeze(w) for w in run]
            glued = "".join(words)
            if glued in t:
                best = 3  # about it: BM25 orders the headlines that hold it
                break
            if lead is None:  # the body is squeezed only for a run its headline does not hold
                lead = squeeze(body[:LEAD], spell)
            if _near(words, t, len(glued) + NEAR_SLACK):
                best = 2  # a headline with the words a few letters apart is about them too
            elif glued in lead:
                in_lead = 2
            elif _near(words, lead, len(glued) + NEAR_SLACK):
                in_lead = max(in_lead, 1)
        if best == 3:
            tiers += best
            continue
        # How often the run stands in the body: an article that says it again and again is about
        # it, one that says it once in passing is not (BM25 of the run as if it were one term).
        if whole is None:  # squeezed as the lead is: spaced, capitalised or abbreviated runs count too
            whole = lead if len(body) <= LEAD else _squeeze_whole(body[:COUNTED], lead, spell)
        glued_runs = ["".join(squeeze(w) for w in run) for run in spellings]
        said = max(whole.count(g) if len(g) > 1 else 0 for g in glued_runs)
        often += RUN_WEIGHT * said * (K1 + 1) / (said + K1)
        if passage and said and len(spellings[0]) >= PASSAGE_WORDS and len(glued_runs[0]) >= PASSAGE_LETTERS:
            # A passage copied from anywhere in the body: the article it came from ranks as if
            # copied from its lead (a quote from the fifth paragraph finds its release). Not for
            # other queries: a long name (สภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ) said once in passing
            # is no more what an article is about than a short one.
            in_lead = 2
        elif _headline_holds(spellings, t):
            # Every word in the headline, however far apart: about them, as much as the lead's run.
            in_lead = max(in_lead, 1)
        elif said < 2 and len(spellings[0]) < PASSAGE_WORDS:
            # A short run once in the lead and never again, the headline about something else: a
            # passing mention ("…จัดกิจกรรมพัฒนาวัด" saying อาหารกลางวันนักเรียน once) must not
            # outrank a headline that holds the query's words apart, nor one with BM25's best.
            # A run of several words said once is a passage the user copied from that lead.
            in_lead = 0
        tiers += max(best, in_lead)
    as_typed = "".join(c.text for c in positive)
    typed = squeeze(place_prefix.spelled(as_typed) if places else as_typed)
    if len(typed) > 1 and typed in (t if not spell else squeeze(compared)):
        tiers += 1
        # A ฯ or a dot in the query (typed, or given to an abbreviation typed without it) is one the
        # user copied or meant: among headlines holding the words, the one that holds them with the
        # same marks ("ประวิตรฯ ย้ำ", not "ประวิตร ย้ำ") is the one meant.
        # The marks as typed count too: a pasted "พล.อประวิตรฯ" is the headline that spells it so.
        title_marked = _GAPS_BUT_MARKS.sub("", title.lower())
        for text in {as_typed, "".join(c.typed or c.text for c in positive)}:
            marked = _GAPS_BUT_MARKS.sub("", text.lower()).strip(".")
            if ("." in marked or "ฯ" in marked) and marked in title_marked:
                tiers += 1
                break
        # A fragment pasted with its brackets, quotes or a space beside a number or a Latin word
        # ("…โคโรนา 2019 (COVID-19) ประจำ") is a copy of one headline: the one that prints it so, not
        # one that reads "2019(COVID-19)", is the one it was copied from.
        printed = printed_query(parsed.printed)
        if printed is not None and printed in as_printed(title):
            tiers += 1
    # Capped below a tier: however many runs a long pasted query has, a tier still outranks them.
    return TIER * tiers + min(often, TIER / 2)


# Spaces a reader does not take for part of a headline: between Thai letters (Thai is re-spaced at
# will: "สำนักงาน ปลัดกระทรวง" is สำนักงานปลัดกระทรวง) and after an abbreviation's dot (พล.อ. ประวิตร,
# พ.ศ. 2566: spaced or not as the writer likes).
_SOFT_SPACE = re.compile(r"(?<=[\u0e01-\u0e4e]) (?=[\u0e01-\u0e4e.])|(?<=\.) ")
# Marks and brackets at either end of a text (what a selection picks up beside its letters).
EDGES = re.compile(r"^[^\w\u0e01-\u0e4e]+|[^\w\u0e01-\u0e4e]+$")
# A mark other than a dot or a space: a space alone beside a number or a Latin word ("ฝุ่น PM2.5")
# is how the user types, as re-spaceable as Thai; with brackets or quotes the fragment was pasted.
_PRINTED_MARK = re.compile(r"[^\w\u0e01-\u0e4e. ]")


def as_printed(text: str) -> str:
    """``text`` lower-cased, its spaces collapsed, without the spaces a reader ignores (between Thai
    letters, beside a dot): how a fragment is compared with a headline as printed."""
    return _SOFT_SPACE.sub("", " ".join(text.lower().split()))


@functools.lru_cache(maxsize=256)
def printed_query(text: str) -> str | None:
    """The query ``text`` (normalised, as typed) as printed, without what was pasted around it (quotes,
    brackets, emoji at either end), or None when that holds nothing but letters, digits and dots:
    a query typed plainly says nothing about how the headline it wants is printed."""
    printed = EDGES.sub("", as_printed(text))
    return printed if _PRINTED_MARK.search(printed) else None


def _spellings(clauses: list[Clause]) -> list[list[str]]:
    """The words of ``clauses`` in a row; when dots were given to one of them, the row with
    those clauses as typed: the words of its reading as typed, else its text as typed with the
    abbreviations it does spell out spelled (a headline may write "พล.อ ประวิตร" as it was pasted);
    and the rows with a clause read with another word of a group (:mod:`indexer.synonyms`)."""
    run = [w for c in clauses for w in c.words]
    out = [run]
    if any(c.typed for c in clauses):
        out.append([w for c in clauses
                    for w in (c.as_typed.words if c.as_typed else [squeeze(c.typed, spell=True)] if c.typed else c.words)])
    for i, c in enumerate(clauses):
        for words in () if c.phrase else synonyms.reading_words(c.text):
            out.append([w for d in clauses[:i] for w in d.words] + list(words)
                       + [w for d in clauses[i + 1:] for w in d.words])
    return out


def _squeeze_whole(body: str, lead: str, spell: bool) -> str:
    """``squeeze(body, spell)`` given ``lead``, the squeezed first ``LEAD`` letters (most of a
    body): squeezing drops letters one by one, so the rest is squeezed on its own and appended.
    Not so with a capital sigma (its lower case depends on the letters around it), nor, when
    abbreviations are spelled out, with an abbreviation's mark near the cut (one could straddle it,
    or look past it)."""
    if "Σ" in body or (spell and _mark_near_cut(body)):
        return squeeze(body, spell)
    return lead + squeeze(body[LEAD:], spell)


def _mark_near_cut(body: str) -> bool:
    """True when an abbreviation, or the look-ahead after one, could reach the cut at ``LEAD``:
    every abbreviation holds a mark (``.`` or ``ฯ``), spans at most twice its letters (a space may
    follow each inner dot) and looks ahead at most its letters again."""
    marks = abbreviation_marks()
    if marks is None:
        return True
    reach = 3 * max(map(len, abbreviations()), default=0)
    near = body[max(0, LEAD - reach):LEAD + reach]
    return any(m in near for m in marks)


def _headline_holds(spellings: list[list[str]], title: str) -> bool:
    """True when the squeezed ``title`` holds every word of one of the run's ``spellings``."""
    return any(all(squeeze(w) in title for w in run if squeeze(w)) for run in spellings)


def _near(words: list[str], text: str, window: int) -> bool:
    """True when one occurrence of every word fits inside ``window`` letters of ``text``."""
    hits: list[tuple[int, int]] = []
    for i, w in enumerate(words):
        if not w:
            continue
        start = text.find(w)
        if start < 0:
            return False
        while start >= 0:
            hits.append((start, i))
            start = text.find(w, start + 1)
    hits.sort()
    need = len({i for _p, i in hits})
    count: dict[int, int] = {}
    lo = 0
    for pos, i in hits:
        count[i] = count.get(i, 0) + 1
        while len(count) == need:
            first, j = hits[lo]
            if pos + len(words[i]) - first <= window:
                return True
            count[j] -= 1
            if not count[j]:
                del count[j]
            lo += 1
    return False
