"""A month or year inside a pasted headline fragment is text, not a date filter.

:func:`indexer.fallbacks.first_reading` reads "ระหว่าง พ.ศ. 2563" as the word ระหว่าง filtered to 2020:
right for a topic typed beside a date ("น้ำท่วม มีนาคม 2564"), wrong for a fragment copied from a
headline ("… ประจำปีงบประมาณ พ.ศ. 2563 ระหว่าง …"), whose article may lie outside those dates or rank
below every other article of 2020 that says ระหว่าง. The two are told apart by the results, not by
guessing from the query: when the first hit of the date-filtered reading does not hold the whole
query in its headline (spaces and punctuation ignored), the query read as typed runs too, and is
kept when its first hit's headline does. The page says so (notice ``date_in_headline``).

Costs one more run of the engine (without the proximity re-ranking) only for a query with a date
and other words whose filtered first hit is not that headline, and the typed reading in full only
when a headline of its head holds the query; a query that is only a date is a date filter, always.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from core.normalize import normalize_line
from indexer.fallbacks import Reading
from indexer.interface import Page
from indexer.params import SearchParams
from indexer.proximity import squeeze
from indexer.query import ParsedQuery
from indexer.result import Notice

MIN_TYPED = 6  # letters of the squeezed query: a shorter one is in too many headlines to tell anything


def typed_run(parsed: ParsedQuery) -> str:
    """The query's positive clauses as typed, squeezed (dates, abbreviations and all)."""
    return squeeze("".join(c.text for c in parsed.clauses if not c.negated and not c.alternatives))


def date_as_text(first: Reading, page: Page, params: SearchParams, plain: ParsedQuery,
                 run: Callable[[Reading], Page], title: Callable[[str], str],
                 head_titles: Callable[[Reading], list[str]]) -> tuple[Reading, Page]:
    """``(first, page)``, or the query read as typed and its page when the date-filtered reading's
    first hit does not hold the whole query in its headline and the typed reading's does.

    ``run`` evaluates a reading; ``title(url)`` is an article's stored headline; ``head_titles``
    the headlines of a reading's BM25 head, unranked by proximity (a cheaper first look: when none
    holds the query, the typed reading cannot put one first)."""
    if not first.date_from_query or first.parsed.is_empty or not page.total:
        return first, page
    typed = typed_run(plain)
    if len(typed) < MIN_TYPED:
        return first, page

    def holds(p: Page) -> bool:
        return bool(p.matches) and typed in squeeze(normalize_line(title(p.matches[0].url)))

    # The choice is made on the first page so that every page of one query agrees.
    on_first = params.page == 1
    p1 = page if on_first else run(replace(first, params=replace(first.params, page=1)))
    if holds(p1):
        return first, page
    since, until = first.date_from_query
    if not any(typed in squeeze(normalize_line(t)) for t in head_titles(Reading(params, plain))):
        return first, page
    alt = Reading(params, plain, notices=[Notice(code="date_in_headline", params={
        "since": since.isoformat(), "until": until.isoformat()})])
    alt_p1 = run(alt if on_first else replace(alt, params=replace(params, page=1)))
    if not holds(alt_p1):
        return first, page
    return alt, (alt_p1 if on_first else run(alt))
