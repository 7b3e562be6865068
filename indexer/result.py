"""The search result: the object views use, and the JSON document of ``/api/search``, declared once.

The JSON document is the pydantic model :class:`SearchDocument` (field order = key order).
``SearchResult.to_json()`` fills it, and :mod:`webui.openapi` publishes the same models' JSON
schema, so the API and its description cannot drift apart: a key added here appears in both,
and a key the model does not declare is refused (``extra="forbid"``).
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Literal

from pydantic import BaseModel, ConfigDict, Field

from core.agencies import registry
from indexer.params import SORTS, SearchParams


class _Document(BaseModel):
    # Every key is always written, so in the serialised schema every key is required.
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


class AgencyRef(_Document):
    """An agency as an id and its Thai name."""

    id: str
    name: str


class CopyDocument(_Document):
    """Another copy of the same release, on another site or under another URL."""

    url: str
    publisher: str = Field(description="The site that published this copy, e.g. moi.go.th.")
    title: str
    date: date | None


class HitDocument(_Document):
    """One hit: one release, shown by the copy on the issuing agency's own site, else the earliest."""

    url: str
    title: str
    date: date | None
    agency: AgencyRef = Field(description="The issuing agency, from the evidence of every copy.")
    score: float
    snippet: str = Field(description="HTML: text escaped, query words in <mark>.")
    copies: list[CopyDocument] = Field(
        description="The release's other copies (empty when there are none). With group=false every "
                    "copy is also a hit of its own.")


class AgencyFacet(_Document):
    """Hits per agency; a ministry's count includes its departments, listed after it."""

    id: str
    name: str
    name_en: str
    count: int
    parent: str | None = Field(description="null for a ministry (its count includes departments)")


class YearFacet(_Document):
    """Hits per year (Gregorian)."""

    value: int
    count: int


class ProvinceFacet(_Document):
    """Hits per province named in the articles; ``id`` is the DOPA code the ``province`` filter takes."""

    id: str
    name: str
    name_en: str
    count: int


class MonthFacet(_Document):
    """Hits per month (Gregorian), oldest first."""

    value: str = Field(description="YYYY-MM")
    count: int


class Facets(_Document):
    """Counts of the hits by agency (ignoring the agency filter), year (every filter applied: the
    counts add up to ``total``), month (ignoring the dates) and province (ignoring the province
    filter)."""

    agency: list[AgencyFacet]
    year: list[YearFacet]
    province: list[ProvinceFacet]
    month: list[MonthFacet]


# What the engine did to a query that the reader should know. Each code's parameters are listed
# here; the words are the web page's (webui.notices), in the page's language.
NOTICE_CODES = {
    "date_filter_from_query": "A month or year written in the query was applied as a date filter: since, until.",
    "date_only_query": "The query is only a date: every article from since to until, newest first.",
    "nothing_in_dates": "Nothing matched in the dates read from the query (since, until); words is the "
                        "query without the date, to search at any date (empty when the query was only a date).",
    "date_read_as_words": "Nothing matched in the dates read from the query (since, until), so the query was "
                          "read as typed, the date as words.",
    "date_in_headline": "The month or year in the query (since, until) is part of a headline holding the "
                        "whole query, so the query was read as typed, the date as words, not as a filter.",
    "dash_in_headline": "A headline holds the query with its dashes, so each dash was read as punctuation "
                        "(a pasted \"ครม. -ผู้แทนรัฐบาลไทย\"), not as an exclusion.",
    "dash_read_as_text": "Nothing matched with the words after a dash excluded, so the dash was read as "
                         "punctuation (a pasted \"พม. -สหวิชาชีพ\") and those words searched.",
    "only_exclusions": "Every word of the query had a dash before it, which would list every other article, "
                       "so the dashes were read as punctuation (a pasted list \"-จ่ายภาษี -จ่ายค่าไฟ\") and "
                       "the words searched.",
    "phrase_loosened": "The exact phrase was not found; articles with all its words are shown.",
    "some_words": "No article has all the words; articles with some of them are shown.",
    "words_not_found": "Pieces of the query as typed that no article holds, left out: words. With some_words, "
                       "of the some-words reading; else a word at either end of several (as a pasted "
                       "fragment's cut end is: \"Ministry of Interior\" with Interior in no article).",
    "last_word_completed": "Nothing matched the words as typed; the last was read as the start of the "
                           "indexed words in words (a word typed unfinished).",
    "also_searched": "Words a searcher takes for the same as a word of the query (ค่าจ้าง for ค่าแรง) were "
                     "searched too (a headline with the word as typed ranks above one with another): words.",
    "no_words": "The query holds no letter or digit to search for (only marks or emoji): every article is listed.",
    "query_cut": "The query was longer than the engine reads (max_chars characters, max_terms terms): only its "
                 "start was used.",
}
NoticeCode = Literal[tuple(NOTICE_CODES)]  # type: ignore[valid-type]


class Notice(_Document):
    """Something the engine did to the query, as a code and its parameters (dates are ISO)."""

    code: NoticeCode = Field(description="; ".join(f"{k}: {v}" for k, v in NOTICE_CODES.items()))
    params: dict[str, str | int] = Field(default_factory=dict)


class SearchDocument(_Document):
    """One page of hits with facets, and what the engine understood of the query.

    Copies of one release (the same press release on thaigov.go.th, a ministry's site and
    prd.go.th) are one hit, and ``total`` and the facets count releases, unless ``group=false``.
    """

    query: str
    total: int
    page: int
    per_page: int
    sort: Literal[SORTS]  # type: ignore[valid-type]
    hits: list[HitDocument]
    facets: Facets
    group: bool = Field(description="True: one hit per release (the default); false: every copy.")
    words: list[str] = Field(description="How the query was split into words.")
    relaxed: bool = Field(description="True when no article had all words and some are shown.")
    notices: list[Notice]
    did_you_mean: str | None = Field(description="A query that finds something, when this one found nothing.")
    agency_suggestions: list[AgencyRef] = Field(description="Agencies named in the query, offered as filters.")
    date_from_query: tuple[date, date] | None = Field(
        description="First and last day of a month or year written in the query, applied as a date filter.")
    took_ms: float


@dataclass
class Hit:
    """One result."""

    url: str
    title: str
    date: str | None
    agency: str
    score: float
    snippet: str
    copies: list[dict] = field(default_factory=list)  # {url, publisher, title, date} of the other copies
    # The title with the query's words marked (see :attr:`title_html`): marked by the search, or
    # when first asked for by ``title_marker`` (the API, half the searches, sends plain titles).
    marked_title: str | None = field(default=None, repr=False, compare=False)
    title_marker: Callable[[str], str] | None = field(default=None, repr=False, compare=False)

    @property
    def title_html(self) -> str:
        """The title as HTML, the query's words in ``<mark>`` (escaped only, with no marker)."""
        if self.marked_title is None:
            self.marked_title = self.title_marker(self.title) if self.title_marker else html.escape(self.title)
        return self.marked_title


@dataclass
class SearchResult:
    """One page of results with facets, and what the engine understood of the query."""

    params: SearchParams
    total: int
    hits: list[Hit]
    facets: dict[str, list[dict]]
    words: list[str]
    notices: list[Notice] = field(default_factory=list)
    relaxed: bool = False
    took_ms: float = 0.0
    did_you_mean: str | None = None
    agency_suggestions: list[str] = field(default_factory=list)
    date_from_query: tuple[date, date] | None = None

    def document(self, facets: bool = True) -> SearchDocument:
        """This result as the API's document (validated); with ``facets=False``, its facets empty."""
        reg = registry()
        return SearchDocument(
            query=self.params.q,
            total=self.total,
            page=self.params.page,
            per_page=self.params.per_page,
            sort=self.params.sort,
            hits=[HitDocument(url=h.url, title=h.title, date=h.date,
                              agency=AgencyRef(id=h.agency, name=reg.name(h.agency)),
                              score=round(h.score, 4), snippet=h.snippet,
                              copies=[CopyDocument(**c) for c in h.copies]) for h in self.hits],
            facets=Facets(**self.facets) if facets else _NO_FACETS,
            group=self.params.group,
            words=self.words,
            relaxed=self.relaxed,
            notices=self.notices,
            did_you_mean=self.did_you_mean,
            agency_suggestions=[AgencyRef(id=a, name=reg.name(a)) for a in self.agency_suggestions],
            date_from_query=self.date_from_query,
            took_ms=round(self.took_ms, 1),
        )

    def to_json(self) -> dict:
        """The document the JSON API returns (design.md), as plain JSON values."""
        return self.document().model_dump(mode="json")

    def json_text(self) -> str:
        """:meth:`to_json` serialised (compact, Thai unescaped, the document's key order) in one
        step, without building the plain values first: what ``/api/search`` sends.

        The facets (hundreds of entries on a big index: validating them was a tenth of an API
        answer's time) are written from the engine's plain values in their models' key order,
        each entry checked to hold exactly its model's keys; the rest is the validated document."""
        text = self.document(facets=False).model_dump_json()
        return text.replace(_NO_FACETS_JSON, f'"facets":{_facets_json(self.facets)}', 1)


_FACET_MODELS = {name: info.annotation.__args__[0] for name, info in Facets.model_fields.items()}
_NO_FACETS = Facets(**{name: [] for name in _FACET_MODELS})
# Unique in a document: a quote inside a string value is written escaped.
_NO_FACETS_JSON = f'"facets":{_NO_FACETS.model_dump_json()}'


def _facets_json(facets: dict[str, list[dict]]) -> str:
    """``Facets(**facets).model_dump_json()`` for entries that are already JSON values."""
    out = {}
    for name, model in _FACET_MODELS.items():
        keys = tuple(model.model_fields)
        rows = []
        for entry in facets[name]:
            if len(entry) != len(keys):  # (then each key is looked up below)
                raise ValueError(f"a {name} facet entry holds {sorted(entry)}, not {list(keys)}")
            rows.append({k: entry[k] for k in keys})
        out[name] = rows
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
