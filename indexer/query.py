"""User query language -> Whoosh query.

What a user can type: words (Thai without spaces is fine), ``"exact phrases"``, ``OR`` between
two terms, ``-word`` or ``-"phrase"`` to exclude. Anything else is text: brackets, lone quotes
and operators in odd places are read as plainly as possible, never as an error.

A word is looked up three ways: in the title (ranks high), as a word of the text, and as a part
of a compound in the text (``~มหาดไทย`` inside กระทรวงมหาดไทย, ranked lower). A term that segments
into several words matches them anywhere in the article; next to each other ranks higher.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as Q

from indexer.normalize import normalize_line
from whoosh.query.spans import SpanNear2, SpanOr

from indexer.thai import PART_MARK, iter_spans

MAX_QUERY_CHARS = 500
MAX_CLAUSES = 24

# Per-field weights of a match; a phrase of the query's words adds to the word matches.
W_TITLE, W_BODY, W_PART = 3.0, 1.0, 0.35
W_PHRASE = 2.0

_TOKEN = re.compile(r'(-?)"([^"]*)("?)|(\S+)')


@dataclass
class Clause:
    """One thing the user asked for: a term or a phrase, maybe negated, maybe OR-ed with others."""

    text: str
    words: list[str]
    phrase: bool = False
    negated: bool = False
    alternatives: list["Clause"] = field(default_factory=list)


@dataclass
class ParsedQuery:
    """A parsed query: its clauses, the words shown to the user and the terms to highlight."""

    text: str
    clauses: list[Clause]
    truncated: bool = False

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
        """Words (and their parts) whose occurrences are marked in snippets."""
        terms: set[str] = set()
        for c in self.clauses:
            for alt in [c, *c.alternatives]:
                if not alt.negated:
                    terms.update(alt.words)
        return terms

    @property
    def is_empty(self) -> bool:
        """True when nothing positive was asked for (blank, punctuation only, or only exclusions)."""
        return not any(not c.negated for c in self.clauses)


def parse(text: str) -> ParsedQuery:
    """Parse what the user typed. Never raises: odd input becomes plain words."""
    text = normalize_line(text)
    truncated = len(text) > MAX_QUERY_CHARS
    if truncated:
        text = text[:MAX_QUERY_CHARS]
    clauses: list[Clause] = []
    pending_or = False
    for m in _TOKEN.finditer(text):
        neg, quoted, _closing, bare = m.group(1), m.group(2), m.group(3), m.group(4)
        if bare is not None:
            if bare in ("OR", "|") and clauses:
                pending_or = True
                continue
            if bare in ("AND", "&", "+"):
                continue
            negated = bare.startswith("-") and len(bare) > 1
            body = bare[1:] if negated else bare
            clause = Clause(body, [w for w, _s, _e in iter_spans(body)], phrase=False, negated=negated)
        else:
            clause = Clause(quoted, [w for w, _s, _e in iter_spans(quoted)], phrase=True, negated=bool(neg))
        if not clause.words:
            continue
        if pending_or and clauses and not clause.negated and not clauses[-1].negated:
            clauses[-1].alternatives.append(clause)
        else:
            clauses.append(clause)
        pending_or = False
        if len(clauses) >= MAX_CLAUSES:
            truncated = True
            break
    return ParsedQuery(text, clauses, truncated)


def _part(word: str) -> str:
    return PART_MARK + word


def _word_query(word: str) -> Q.Query:
    """A single word: in the title, as a word of the text, or as a part of a compound."""
    return Q.Or([
        Q.Term("title", word, boost=W_TITLE),
        Q.Term("text", word, boost=W_BODY),
        Q.Term("text", _part(word), boost=W_PART),
    ])


def _word_match(word: str) -> Q.Query:
    return Q.Or([Q.Term("text", word), Q.Term("text", _part(word))])


def _adjacent(words: list[str], boost: float = 1.0) -> Q.Query:
    """The words next to each other, as whole words, in the title or the text."""
    return Q.Or([Q.Phrase("title", words, boost=W_TITLE * boost), Q.Phrase("text", words, boost=W_BODY * boost)])


def _quoted_match(words: list[str]) -> Q.Query:
    """A quoted phrase: its words next to each other, where the first and last may be parts of
    compounds ("มหาดไทย ประชุม" in "กระทรวงมหาดไทย ประชุม"), or all of it inside one word."""
    glued = "".join(words)
    spans = [SpanOr([Q.Term("text", w), Q.Term("text", _part(w))]) for w in words]
    return Q.Or([SpanNear2(spans, slop=1, ordered=True), Q.Term("text", glued), Q.Term("text", _part(glued))])


def clause_query(clause: Clause) -> Q.Query:
    """The scoring query for one clause (ignoring negation and alternatives)."""
    if len(clause.words) == 1:
        return _word_query(clause.words[0])
    if clause.phrase:
        return Q.Or([_adjacent(clause.words, W_PHRASE), _quoted_match(clause.words)])
    # Thai typed without spaces: all the words must be there; next to each other ranks higher.
    return Q.Or([Q.And([_word_query(w) for w in clause.words]), _adjacent(clause.words, W_PHRASE)])


def clause_match_query(clause: Clause) -> Q.Query:
    """The cheapest query that finds the articles :func:`clause_query` should find.

    The text field holds the title too, so it alone decides whether an article matches; scoring
    then runs only over those articles.
    """
    if len(clause.words) == 1:
        return _word_match(clause.words[0])
    if clause.phrase:
        return _quoted_match(clause.words)
    return Q.And([_word_match(w) for w in clause.words])


def to_whoosh(parsed: ParsedQuery, for_matching: bool = False) -> Q.Query:
    """The whole query: clauses AND-ed, alternatives OR-ed, negations excluded."""
    build = clause_match_query if for_matching else clause_query
    positive: list[Q.Query] = []
    negative: list[Q.Query] = []
    for c in parsed.clauses:
        q = build(c)
        if c.alternatives:
            q = Q.Or([q, *(build(a) for a in c.alternatives)])
        (negative if c.negated else positive).append(q)
    base: Q.Query = Q.And(positive) if len(positive) > 1 else (positive[0] if positive else Q.Every())
    if negative:
        base = Q.AndNot(base, Q.Or([clause_match_query(c) for c in parsed.clauses if c.negated]))
    return base


def _long_unspaced(clause: Clause) -> bool:
    # A headline pasted without spaces: words at the junctions may segment differently from the
    # article, so "most of the words, adjacent ones first" is the useful reading.
    return not clause.phrase and len(clause.words) >= 4 and len(clause.text) >= 12


def relaxed(parsed: ParsedQuery) -> ParsedQuery | None:
    """The same query with ANY of its words allowed (for when ALL of them find nothing)."""
    positive = [c for c in parsed.clauses if not c.negated]
    if len(positive) < 2 and not (positive and _long_unspaced(positive[0])):
        # A short unspaced chunk that finds nothing is a typo or absent, not "any of its syllables".
        return None
    words = [w for c in positive for w in c.words]
    first = Clause(words[0], [words[0]])
    first.alternatives = [Clause(w, [w]) for w in words[1:]]
    return ParsedQuery(parsed.text, [first, *(c for c in parsed.clauses if c.negated)], parsed.truncated)
