"""The one small interface between govsearch and a search engine (design.md, "Beyond one machine").

An engine has two sides:

* the **writer** (:class:`IndexWriterSide`): bring the index up to date with the article store's
  change log, rebuild it from the whole store, report its size and freshness;
* the **searcher** (:class:`SearchBackend`): run one reading of a query with filters and return a
  page of matches with agency and year counts, and answer term statistics (for did-you-mean and
  for choosing a fall-back without running it).

Everything else (parameters, query parsing and understanding, the fall-back policy, snippets from
the store, facet names, the result document, caching) is engine-neutral and lives outside the
engine's subpackage: :mod:`indexer.engine` drives a :class:`SearchBackend`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Hashable, Protocol

from indexer.params import SearchParams
from indexer.query import ParsedQuery
from indexer.thai import Lexicon

Progress = Callable[[int], None]


class IndexUnavailable(RuntimeError):
    """The index cannot be used as it is (the message says what to run)."""


@dataclass
class SyncReport:
    """What one sync applied."""

    upserts: int = 0
    deletes: int = 0
    applied_seq: int = 0


@dataclass
class Match:
    """One matching article as the engine stores it (text comes from the article store)."""

    url: str
    title: str
    day: int  # YYYYMMDD, 0 when unknown
    agency: str
    score: float
    story: str = ""  # the story group (copies of one release)


@dataclass
class Page:
    """What one run of the engine answers: the count, one page of matches, facet counts."""

    total: int
    matches: list[Match]
    agency_counts: dict[str, int]  # hits per agency id, without the agency filter
    year_counts: dict[int, int]    # hits per year (every filter applied: they add up to total)
    first: int = 0                 # rank (from 0) of matches[0]
    province_counts: dict[str, int] = field(default_factory=dict)  # hits per province, without that filter
    month_counts: dict[int, int] = field(default_factory=dict)     # hits per YYYYMM, without the date filter
    # Words of the query no article holds, let go as the cut ends of a pasted fragment would be.
    unmatched: tuple[str, ...] = ()


class SearchBackend(Protocol):
    """The searcher side of an engine. Thread-safe; follows index changes by itself."""

    runs: int  # query evaluations so far (run() and matching_urls()): what the fall-back policy bounds

    def run(self, params: SearchParams, parsed: ParsedQuery, head: int = 0) -> Page:
        """Evaluate one reading of a query with the filters of ``params``; one page, ranked or sorted.
        Ranked, and ``head`` more than the page: the best ``head`` from the first (to re-rank)."""

    def doc_frequency(self, word: str) -> int:
        """Articles holding ``word`` as a word or inside a compound (0: no reading with it can match)."""

    def word_frequency(self, word: str) -> int:
        """Articles holding ``word`` as a word of the text (not inside a compound): how likely a
        reading with it is."""

    def suggest(self, word: str, maxdist: int) -> list[str]:
        """Indexed words within ``maxdist`` edits of ``word``, best first."""

    def headlines_holding(self, key: str) -> int:
        """Live articles whose squeezed headline holds the squeezed text ``key`` (0 when more than
        :data:`indexer.headlines.MAX_HELD` do): :mod:`indexer.headlines`."""

    def matching_urls(self, parsed: ParsedQuery) -> set[str]:
        """URLs of every article the query matches, unranked and unfiltered."""

    def version(self) -> Hashable:
        """Changes whenever the index does (keys of cached results)."""

    def words_starting(self, prefix: str, limit: int, index_terms: bool = False) -> list[str]:
        """Indexed words longer than ``prefix`` that start with it, most frequent first: words of the
        lexicon, and with ``index_terms`` (slower) the index's other terms when no lexicon word does."""

    def doc_count(self) -> int:
        """Documents in the live index."""

    def lexicon(self) -> Lexicon:
        """The segmentation dictionary of the live index (queries must be split as its documents)."""

    def close(self) -> None:
        """Release this thread's resources."""


class IndexWriterSide(Protocol):
    """The writer side of an engine, over one data folder (the store lives in it too)."""

    def sync_index(self, data: Path, progress: Progress | None = None) -> SyncReport:
        """Apply the store's changes since the index last saw them."""

    def rebuild_index(self, data: Path, progress: Progress | None = None) -> Path:
        """Build a new index from the whole store and swap it in atomically."""

    def index_stats(self, data: Path) -> dict:
        """Generation, documents, bytes, last_modified, applied_seq of the live index."""

    def pending_changes(self, data: Path) -> int:
        """Store changes the live index has not applied yet."""
