"""The one search function behind the CLI, the JSON API and the web pages.

``SearchEngine(data_dir).search(params)`` reads the query once (normalised, understood, parsed),
has the engine run it with the filters (agency: a ministry includes its departments; dates), and
returns one page of hits with highlighted snippets, agency and year facets. When nothing is
found, :mod:`indexer.fallbacks` picks at most one more reading to run; a date read out of a query
that holds other words is checked against the headline holding the whole query
(:mod:`indexer.date_text`), a fragment selected mid-word is looked for in the headlines as
text (:mod:`indexer.headlines`), and a sentence pasted from a body as the phrase of its inner words
(:mod:`indexer.passages`). Recent results of the current index version are cached.

Engine-neutral: the engine is a :class:`indexer.interface.SearchBackend` (Whoosh by default);
snippets are cut from the text in the article store, not from the engine.
"""
from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

from core.normalize import normalize_line
from core.paths import store_path
from core.store import Article, Store
from indexer import fallbacks
from indexer.cut_ends import ends_optional
from indexer.dash_text import dash_as_text
from indexer.date_text import date_as_text
from indexer.facets import agency_facet, province_facet
from indexer.highlight import mark, snippet, title_marker
from indexer.interface import IndexUnavailable, Page, SearchBackend
from indexer.headlines import headline_key
from indexer.params import SearchParams
from indexer.passages import passage_readings
from indexer.proximity import HEAD, IN_HEADLINE, holds_typed, proximity_bonus, squeeze, wants_proximity
from indexer.query import MAX_CLAUSES, MAX_QUERY_CHARS, ParsedQuery, parse
from indexer.result import Hit, Notice, SearchResult
from indexer.results_cache import ResultsCache, size_from_env
from indexer.thai import current_lexicon, segment_memo, use_lexicon
from indexer.understand import understand


class SearchEngine:
    """Searches one data folder. Thread-safe: each thread gets its own searcher and store.

    The searcher follows the index: a sync or a rebuild is picked up within about a second.
    """

    def __init__(self, data_dir: Path | str, cache_size: int | None = None,
                 backend: SearchBackend | None = None):
        self.data_dir = Path(data_dir)
        if backend is None:
            from indexer.whoosh_backend import WhooshBackend

            backend = WhooshBackend(self.data_dir)
        self.backend = backend
        self._local = threading.local()
        self._cache: ResultsCache[SearchResult] = ResultsCache(size_from_env() if cache_size is None else cache_size)

    @property
    def runs(self) -> int:
        """How many times the engine has evaluated a query (a search runs it once or twice)."""
        return self.backend.runs

    # -- resources --------------------------------------------------------------------------
    def store(self) -> Store:
        """This thread's connection to the article store."""
        st = getattr(self._local, "store", None)
        if st is None:
            st = self._local.store = Store(store_path(self.data_dir))
        return st

    def warm_up(self) -> None:
        """Load the dictionary and the current index version's columns before the first user."""
        try:
            self.search(SearchParams(q="กระทรวงมหาดไทย"))
        except IndexUnavailable:
            pass

    def close(self) -> None:
        """Close this thread's searcher and store."""
        self.backend.close()
        st = getattr(self._local, "store", None)
        if st is not None:
            st.close()
            self._local.store = None

    # -- searching --------------------------------------------------------------------------
    def search(self, params: SearchParams, *, marked_titles: bool = True) -> SearchResult:
        """Run a search (see the module docstring); recent results of this index version are reused.

        With ``marked_titles=False`` (an answer that shows plain titles) the hits' titles are
        marked only if :attr:`Hit.title_html` is read."""
        if not self._cache.size:
            return self._search(params, marked_titles)
        key = (self.backend.version(), params.q, tuple(params.agencies), params.since, params.until,
               params.sort, params.page, params.per_page, tuple(params.provinces), params.group, params.q_cut)
        hit = self._cache.get(key)
        if hit is not None:
            return replace(hit, took_ms=0.0)
        result = self._search(params, marked_titles)
        self._cache.put(key, result)
        return result

    def _search(self, params: SearchParams, marked_titles: bool = True) -> SearchResult:
        # The query is split with the live index's words, as its documents were.
        # Texts read from the store during this search: the page's hits are in the head re-ranked
        # before them, and are not read twice.
        self._local.texts, self._local.wider = {}, {}
        try:
            with use_lexicon(self.backend.lexicon()):
                return self._search_with_lexicon(params, marked_titles)
        finally:
            self._local.texts = self._local.wider = None

    def _search_with_lexicon(self, params: SearchParams, marked_titles: bool) -> SearchResult:
        t0 = time.perf_counter()
        text = normalize_line(params.q)  # the one normalisation of the query
        und = understand(text, normalized=True)
        plain = parse(text, normalized=True)
        suggestion = fallbacks.Suggestion(text, plain, self.backend)
        reading, page = self._read(params, und, plain, suggestion)
        result = self._result(reading, page, marked_titles)
        if page.total == 0:
            result.did_you_mean = suggestion.get()
            if reading.date_from_query:  # words: the query without its date ("" when it was only a date)
                first, last = reading.date_from_query
                result.notices.append(Notice(code="nothing_in_dates", params={
                    "since": first.isoformat(), "until": last.isoformat(),
                    "words": und.text if not reading.parsed.is_empty else ""}))
        else:  # found some: a typo may still be likelier a close word (fallbacks.typo_suggestion)
            # The first of the relevance order: the one that would hold the query if any did.
            first = page.matches[0].url if params.page == 1 and params.sort == "relevance" and page.matches else None
            result.did_you_mean = fallbacks.typo_suggestion(
                plain, page.total, lambda: first is not None and not self._holds(first, plain), suggestion,
                self.backend)
        result.date_from_query = reading.date_from_query
        result.agency_suggestions = [a for a in und.agencies or [] if a not in params.agencies]
        if text.strip() and plain.is_empty and not any(c.negated for c in plain.clauses):
            result.notices.append(Notice(code="no_words"))
        if page.total and (gone := fallbacks.worth_naming(page.unmatched)) \
                and not (page.matches and self._holds(page.matches[0].url, plain)):
            # "Ministry of Interior" with Interior in no article listed Ministry of ... silently. Not
            # when the first result holds the query as typed: a fragment's own headline was found.
            result.notices.append(Notice(code="words_not_found", params={"words": " ".join(gone)}))
        if page.total and (others := reading.parsed.also_searched):
            result.notices.append(Notice(code="also_searched", params={"words": " / ".join(others)}))
        if params.q_cut or reading.parsed.truncated:
            result.notices.append(Notice(code="query_cut", params={"max_chars": MAX_QUERY_CHARS,
                                                                   "max_terms": MAX_CLAUSES}))
        result.took_ms = (time.perf_counter() - t0) * 1000
        return result

    def _read(self, params: SearchParams, und, plain: ParsedQuery,
              suggestion: fallbacks.Suggestion) -> tuple[fallbacks.Reading, Page]:
        """The reading of the query that is shown, and its page: the first reading, a date or a dash
        in a pasted fragment read as text when only that finds its headline, else letters given dots
        read as typed, else pieces read one by one, else the headlines holding it, else a passage
        reading whose first result holds it, else its last word completed, else the one fall-back
        (:mod:`indexer.fallbacks`)."""
        terms = self.backend
        reading = fallbacks.first_reading(params, und, plain, terms)
        page = self._run(reading)
        # A date inside a pasted headline fragment is text: the fragment's own headline decides.
        reading, page = date_as_text(reading, page, params, plain, self._run, self._title, self._head_titles)
        # So is a dash: "ครม. -ผู้แทนรัฐบาลไทย" from a headline lists, it does not exclude.
        reading, page = dash_as_text(reading, page, plain, self._run, self._head_titles)
        if page.total == 0 and not plain.is_empty:
            first = reading
            held = self._held(plain)
            passages = passage_readings(plain)  # kept only when their first result holds the query
            for fall_back in (lambda: fallbacks.as_typed(params, plain, terms),
                              lambda: fallbacks.spaced(first, terms),
                              lambda: held and fallbacks.Reading(params, held),
                              *(lambda p=p: fallbacks.Reading(params, p) for p in passages),
                              lambda: fallbacks.completed(params, plain, first, terms),
                              lambda: fallbacks.second_reading(first, params, plain, terms, suggestion)):
                alt = fall_back()
                alt_page = self._run(alt) if alt is not None else None
                if alt_page is not None and alt_page.total and not (
                        any(alt.parsed is p for p in passages) and not self._holds(alt_page.matches[0].url, plain)):
                    return alt, alt_page
        return reading, page

    def _run(self, reading: fallbacks.Reading) -> Page:
        """One run of the engine; a multi-word query's head re-ranked by proximity, then cut to the page.
        A page beyond the head is in BM25 order, of the same reading as the head's (:meth:`_head`)."""
        params, parsed = reading.params, reading.parsed
        if params.sort != "relevance":  # every match, by date, of the reading relevance would rank
            chosen = self._chosen(replace(params, sort="relevance"), parsed)
            return self.backend.run(params, chosen if chosen is not parsed else self._held(parsed) or parsed)
        if not wants_proximity(parsed):
            return self.backend.run(params, parsed)
        page = self.backend.run(params, parsed, head=HEAD)
        if page.first:  # past the head: the deep pages of the reading page 1 chose, same total
            chosen = self._chosen(params, parsed)
            return page if chosen is parsed else self.backend.run(params, chosen, head=HEAD)
        page, ranked, _reading = self._head(params, parsed, page)
        want = params.page * params.per_page
        return replace(page, matches=ranked[want - params.per_page:want], first=want - params.per_page)

    def _chosen(self, params: SearchParams, parsed: ParsedQuery) -> ParsedQuery:
        """The reading page 1 of ``parsed`` ranks: ``parsed`` itself, or the one :meth:`_head` chose
        (the headlines holding it, its cut ends optional, a passage reading)."""
        if params.sort != "relevance" or not wants_proximity(parsed) \
                or (self._held(parsed) is None and self._wider(parsed) is None and not passage_readings(parsed)):
            return parsed
        return self._head(replace(params, page=1), parsed)[2]

    def _head(self, params: SearchParams, parsed: ParsedQuery,
              page: Page | None = None) -> tuple[Page, list, ParsedQuery]:
        """The head (``page``, or run now), its matches re-ranked, and the reading they are of:
        ``parsed`` with the headlines that hold it letter for letter when its first headline does not
        (:mod:`indexer.headlines`), else ``parsed``, or, when no headline of its head holds a long
        clause (or it has none), the reading
        with its cut ends optional (:func:`indexer.cut_ends.ends_optional`) if one of that head's
        headlines does, or its first article holds the query in its body where ``parsed``'s does not;
        else a passage reading (:mod:`indexer.passages`) whose first article holds the query where
        ``parsed``'s does not."""
        page = page or self.backend.run(params, parsed, head=HEAD)
        ranked = self._reranked(page, parsed) if page.matches else []
        # The first headline does not hold the query letter for letter, but some do: a selection cut
        # mid-word, whose cut pieces read as other words (:mod:`indexer.headlines`). Not looked for
        # when a headline holds a run of a query of one or two clauses (a topic, not a fragment).
        first_holds = bool(ranked) and ranked[0].score >= IN_HEADLINE
        held = None if first_holds and len(parsed.clauses) < 3 else self._held(parsed)
        if held is not None and not (ranked and held.in_headline in squeeze(ranked[0].title)):
            got = self.backend.run(params, held, head=HEAD)
            if got.matches and not got.first:
                got_ranked = self._reranked(got, held)
                if held.in_headline in squeeze(got_ranked[0].title):
                    return got, got_ranked, held
        if first_holds:
            return page, ranked, parsed
        wider = self._wider(parsed)
        if wider is not None:  # no headline holds the run: maybe its ends are cut words
            wide = self.backend.run(params, wider, head=HEAD)
            if wide.matches and not wide.first:
                wide_ranked = self._reranked(wide, parsed)
                # A headline holds the run; or the first article holds the query in its body where
                # the narrow reading's first does not (a paragraph pasted with a cut last word).
                lead = self._holds(wide_ranked[0].url, parsed) and not (ranked and self._holds(ranked[0].url, parsed))
                if wide_ranked[0].score >= IN_HEADLINE or lead:
                    return wide, wide_ranked, wider
        passages = passage_readings(parsed)  # a passage pasted from a body, its ends cut
        if passages and not (ranked and self._holds(ranked[0].url, parsed)):
            for passage in passages:
                got = self.backend.run(params, passage, head=HEAD)
                if got.matches and not got.first:
                    got_ranked = self._reranked(got, passage)
                    if self._holds(got_ranked[0].url, parsed):
                        return got, got_ranked, passage
        return page, ranked, parsed

    def _held(self, parsed: ParsedQuery) -> ParsedQuery | None:
        """``parsed`` also matching the headlines that hold it letter for letter, or None when
        none does (:mod:`indexer.headlines`)."""
        key = headline_key(parsed)
        return replace(parsed, in_headline=key) if key and self.backend.headlines_holding(key) else None

    def _holds(self, url: str, parsed: ParsedQuery) -> bool:
        title, body = self._texts([url]).get(url, ("", ""))
        return holds_typed(parsed, title, body)

    def _wider(self, parsed: ParsedQuery) -> ParsedQuery | None:
        """:func:`indexer.cut_ends.ends_optional` of ``parsed``, worked out once per search: a deep
        page asks for it to choose its reading and again in the head that choice re-ranks, and its
        completions look words up in the index."""
        memo = getattr(self._local, "wider", None)
        if memo is None:
            return ends_optional(parsed, self.backend.words_starting, self.backend)
        got = memo.get(id(parsed))
        if got is None or got[0] is not parsed:  # keyed by identity: the object is kept beside it
            got = memo[id(parsed)] = (parsed, ends_optional(parsed, self.backend.words_starting, self.backend))
        return got[1]

    def _texts(self, urls: list[str]) -> dict[str, tuple[str, str]]:
        """``(title, body)`` of ``urls`` from the store, each read once per search."""
        seen = getattr(self._local, "texts", None)
        if seen is None:
            return self.store().get_texts(urls)
        missing = [u for u in urls if u not in seen]
        if missing:
            got = self.store().get_texts(missing)
            for u in missing:
                seen[u] = got.get(u)
        return {u: seen[u] for u in urls if seen[u] is not None}

    def _title(self, url: str) -> str:
        return self._texts([url]).get(url, ("", ""))[0]

    def _head_titles(self, reading: fallbacks.Reading) -> list[str]:
        page = self.backend.run(replace(reading.params, page=1), reading.parsed, head=HEAD)
        return [m.title for m in page.matches]

    def _reranked(self, page: Page, parsed: ParsedQuery) -> list:
        """The head's matches with their proximity bonus added (a passage reading's by the query as
        pasted), best first; the matches past the head (a page reaching past it) after them in BM25
        order, as a page past the head has them."""
        head = page.matches[:HEAD]
        texts = self._texts([m.url for m in head])
        pasted = parsed.passage_of
        for m in head:
            title, body = texts.get(m.url, (m.title, ""))
            m.score += proximity_bonus(pasted or parsed, title, body, passage=pasted is not None)
        return sorted(head, key=lambda m: -m.score) + page.matches[HEAD:]  # stable: BM25 order breaks ties

    def _result(self, reading: fallbacks.Reading, page: Page, marked_titles: bool = True) -> SearchResult:
        facets = {
            "agency": agency_facet(page.agency_counts),
            "year": [{"value": y, "count": n} for y, n in sorted(page.year_counts.items(), reverse=True)],
            "province": province_facet(page.province_counts),
            "month": [{"value": f"{m // 100:04d}-{m % 100:02d}", "count": n}
                      for m, n in sorted(page.month_counts.items())],
        }
        return SearchResult(reading.params, page.total, self._hits(page, reading.parsed, marked_titles), facets,
                            reading.parsed.words, notices=list(reading.notices), relaxed=reading.relaxed)

    def _hits(self, page: Page, parsed: ParsedQuery, marked_titles: bool = True) -> list[Hit]:
        if not page.matches:
            return []
        texts = self._texts([m.url for m in page.matches])
        terms = parsed.highlight_terms
        copies = self.store().story_copies([m.story for m in page.matches if m.story])
        marker = title_marker(terms, current_lexicon())
        hits = []
        with segment_memo():  # a hit's title is often its snippet's first words: segment them once
            for m in page.matches:
                title, body = texts.get(m.url, (m.title, ""))
                hits.append(Hit(
                    url=m.url,
                    title=title,
                    date=f"{m.day // 10000:04d}-{m.day // 100 % 100:02d}-{m.day % 100:02d}" if m.day else None,
                    agency=m.agency,
                    score=m.score,
                    snippet=snippet(body, terms) if body else "",
                    copies=_others(copies.get(m.story, []) if m.story else [], m.url),
                    # Marked here, right after its snippet, when a page shows it: marked later
                    # (while the page renders) the same work took ~1.5x the CPU (caches gone cold).
                    marked_title=mark(title, terms) if marked_titles else None,
                    title_marker=marker,
                ))
        return hits

    def match_urls(self, params: SearchParams) -> list[str]:
        """URLs of the first ``params.per_page`` matches of a search, in the engine's order (no
        proximity re-ranking): what an export lists. They are the matches of the reading the
        results page shows (a fall-back, a date read as text, cut ends made optional), so a
        download holds what the page counted."""
        text = normalize_line(params.q)
        self._local.texts, self._local.wider = {}, {}  # the head is re-ranked twice below: read once
        try:
            with use_lexicon(self.backend.lexicon()):
                return self._match_urls(params, text)
        finally:
            self._local.texts = self._local.wider = None

    def _match_urls(self, params: SearchParams, text: str) -> list[str]:
        plain = parse(text, normalized=True)
        first = replace(params, page=1, per_page=SearchParams().per_page)
        reading, _page = self._read(first, understand(text, normalized=True), plain,
                                    fallbacks.Suggestion(text, plain, self.backend))
        chosen = self._chosen(reading.params, reading.parsed)
        every = replace(reading.params, page=1, per_page=params.per_page)
        return [m.url for m in self.backend.run(every, chosen).matches]

    def copies(self, url: str, story: str) -> list[dict]:
        """The other copies of a release: ``{url, publisher, title, date}``, the copy shown first."""
        if not story:
            return []
        return _others(self.store().story_copies([story]).get(story, []), url)

    def matching_urls(self, q: str) -> set[str]:
        """URLs of every article the query matches, unranked and unfiltered (for evaluations)."""
        with use_lexicon(self.backend.lexicon()):
            return self.backend.matching_urls(parse(q))

    # -- other reads ------------------------------------------------------------------------
    def version(self) -> tuple:
        """What every answer depends on besides its parameters: the index version and the store's
        newest change (snippets and copies are read from the store). Equal versions, equal answers."""
        return self.backend.version(), self.store().last_seq()

    def article(self, url: str) -> Article | None:
        """The stored article for a URL."""
        return self.store().get_article(url)

    def doc_count(self) -> int:
        """Documents in the live index."""
        return self.backend.doc_count()


def _others(members: list[dict], url: str) -> list[dict]:
    """The copies of a story group but the one at ``url``, in the group's order."""
    return [c for c in members if c["url"] != url]
