"""One source's pages through the pipeline: fetch -> parse -> :func:`make_article` -> the store.

Each article is stored (article, raw bytes, crawl state) in one transaction as soon as it is
fetched, so killing a crawl loses nothing already fetched. A page that fails later (404, 500,
timeout, garbage, a page that suddenly yields far less) never touches the stored article.
Unchanged pages cost a 304: the validators of every page whose answer we still hold are sent.
"""
from __future__ import annotations

import logging
import re
import threading
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from core.ingest import Record, RecordError, make_article
from core.store import Article, Store, utcnow
from core.urls import canonical_url
from crawler.adapters import Adapter, challenge_of, get_adapter
from crawler.adapters.base import ArticleData, ListItem, ListPage, block_text, soup_of
from crawler.bookkeeping import ARTICLE, DUPLICATE, ERROR, PLACEHOLDER, CrawlBook
from crawler.errors import Blocked, CrawlError, FetchError, NotFoundPage, ParseError
from crawler.fetcher import Fetcher, Response, in_domains
from crawler.runstats import RunStats
from crawler.sources import Source

log = logging.getLogger(__name__)

_ISO_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")


class Budget(Exception):
    """The page budget (``--max-pages``) is spent."""


class Stopped(Budget):
    """A stop was asked for (SIGTERM): the run ends before its next request, and like a spent
    budget it leaves the walk where the next run carries on."""


class Pipeline:
    """Fetches, extracts and stores the pages of one source during one run, counting in ``stats``."""

    def __init__(self, source: Source, store: Store, fetcher: Fetcher, *, max_pages: int | None = None,
                 stop: threading.Event | None = None):
        self.source = source
        self.stop = stop
        self.store = store
        self.book = CrawlBook(store)
        self.fetcher = fetcher
        self.adapter: Adapter = get_adapter(source.adapter, source.options)
        self.max_pages = max_pages if max_pages is not None else source.max_pages
        self.stats = RunStats(source.id)
        self.seen: set[str] = set()  # articles fetched this run (the re-check skips them)

    def fetch(self, public_url: str, conditional: bool) -> tuple[Response, str]:
        """Fetch a public URL (through the mirror if any); returns the response and its public URL.

        Raises :class:`Stopped` once a stop is asked for, :class:`Budget` when the page budget is spent, FetchError (recorded) on failure.
        """
        if self.stop is not None and self.stop.is_set():
            raise Stopped()
        if self.max_pages and self.stats.pages >= self.max_pages:
            raise Budget()
        state = (self.book.get_state(public_url) if conditional else None) or {}
        try:
            resp = self.fetcher.fetch(self.source.to_fetch(public_url), etag=state.get("etag"),
                                      last_modified=state.get("last_modified"),
                                      allowed_domains=self.source.allowed_domains)
        except FetchError as e:
            prior = self.book.get_state(public_url) or {}
            self.book.set_state(public_url, self.source.id, outcome=ERROR, duplicate_of=None,
                                last_error=f"{e.kind}: {e}"[:500], last_status=getattr(e, "status", None),
                                last_checked=utcnow(), failures=int(prior.get("failures") or 0) + 1)
            raise
        self.stats.pages += 1
        if resp.not_modified:
            self.stats.not_modified += 1
        return resp, self.source.to_public(resp.url)

    def stored(self, url: str) -> bool:
        """True when the article at ``url`` is stored, under this URL or as a duplicate of another."""
        public = self.source.to_public(canonical_url(url))
        if self.store.get_article(public) is not None:
            return True
        state = self.book.get_state(public) or {}
        return bool(state.get("content_hash")) or state.get("outcome") == DUPLICATE

    # -- articles ----------------------------------------------------------------------------
    def recheck(self, budget: int) -> int:
        """Re-check up to ``budget`` stored articles not seen this run, the longest unchecked
        first (conditional GETs: an unchanged one costs a 304); returns how many."""
        done = 0
        for url in self.book.least_recently_checked(self.source.id, budget, exclude=self.seen):
            self.article(url)
            done += 1
        return done

    def article(self, url: str, hint: ListItem | None = None) -> str:
        """Fetch, extract and store one article. Returns new/updated/unchanged/missing/duplicate/error."""
        public = self.source.to_public(canonical_url(url))
        self.seen.add(public)
        if hint is not None and hint.content:
            return self.article_from_list(public, hint)
        existing = self.store.get_article(public)
        state = self.book.get_state(public) or {}
        last = state.get("outcome")
        # Ask "changed since?" only when the last answer is something we still hold: a stored
        # article, a placeholder, or an alias/duplicate of a stored article.
        conditional = existing is not None or last in (PLACEHOLDER, DUPLICATE) or bool(state.get("content_hash"))
        try:
            resp, final = self.fetch(public, conditional)
        except FetchError as e:
            if existing is not None and getattr(e, "status", None) in (404, 410):
                # A withdrawn release: keep it, marked, out of search (not an error of ours).
                if self.store.set_withdrawn(public, existing.withdrawn_at or utcnow()):
                    log.info("%s: %s withdrawn at its source (%s)", self.source.id, public, e.status)
                # Still a stored article: the rotating re-check keeps asking, so it can come back.
                self.book.set_state(public, self.source.id, outcome=ARTICLE, last_error=None,
                                    last_status=e.status, failures=0)
                self.stats.skipped["withdrawn"] += 1
                return "withdrawn"
            self.stats.error(e)
            log.info("%s: %s", self.source.id, e)
            return "error"
        if existing is not None and existing.withdrawn_at:
            self.store.set_withdrawn(public, None)  # it is back (re-indexed by the change log)
        if resp.not_modified:
            self.book.set_state(public, self.source.id, last_status=304, last_checked=utcnow(), failures=0)
            if last == PLACEHOLDER:
                self.stats.missing += 1
                return "missing"
            if last == DUPLICATE:
                self.stats.skipped["duplicate"] += 1
                return "duplicate"
            self.stats.unchanged += 1
            return "unchanged"
        firewall = challenge_of(resp.content)
        if firewall:
            return self._failed(public, resp, Blocked(f"{final}: a {firewall} challenge page answered instead of "
                                                      "the article; not stored", final, firewall))
        try:
            data = self.adapter.parse_article(resp.text, final)
        except NotFoundPage:
            self.book.set_state(public, self.source.id, outcome=PLACEHOLDER, duplicate_of=None, last_error=None,
                                etag=resp.etag, last_modified=resp.last_modified, last_status=resp.status,
                                last_checked=utcnow())
            self.stats.missing += 1
            return "missing"
        except (ParseError, ValueError) as e:
            return self._failed(public, resp, ParseError(str(e)))
        final = self._canonical_link(resp.text, final)
        try:
            article, warnings = make_article(self._record(data, final, hint))
        except RecordError as e:
            err = ParseError(f"{final}: {e}")
            err.kind = "empty"
            return self._failed(public, resp, err)
        for w in warnings:
            log.debug("%s: %s: %s", self.source.id, final, w)
        if final != public and self.store.get_article(final) is None and existing is not None:
            final = public  # keep the identity we already have rather than fork the article
        article.url = final
        if existing is not None and degraded(existing, article):
            err = ParseError(f"{final}: the page now yields far less than the stored article; kept the stored one")
            err.kind = "degraded"
            return self._failed(public, resp, err)
        if self.store.get_article(final) is None:
            dup = self.store.find_by_hash(article.content_hash)
            if dup and dup != final:
                self.stats.skipped["duplicate"] += 1
                self.book.set_state(public, self.source.id, outcome=DUPLICATE, duplicate_of=dup, last_error=None,
                                    etag=resp.etag, last_modified=resp.last_modified, last_status=resp.status,
                                    last_checked=utcnow(), failures=0)
                return "duplicate"
        outcome = self._save(article, public, resp)
        setattr(self.stats, outcome, getattr(self.stats, outcome) + 1)
        return outcome

    def article_from_list(self, public: str, item: ListItem) -> str:
        """Store an article whose whole text the list carried (a JSON Feed item, a WordPress REST post)
        without requesting its page; a known article whose text is unchanged costs nothing."""
        data = ArticleData(url=public, title=item.title, body=block_text(soup_of(item.content)), date=item.date)
        resp = Response(url=public, status=200, content=item.content.encode("utf-8"),
                        content_type="text/html; charset=utf-8")
        try:
            article, _warnings = make_article(self._record(data, public, None))
        except RecordError as e:
            err = ParseError(f"{public}: {e}")
            err.kind = "empty"
            return self._failed(public, resp, err)
        existing = self.store.get_article(public)
        if existing is not None and degraded(existing, article):
            err = ParseError(f"{public}: the feed now gives far less than the stored article; kept the stored one")
            err.kind = "degraded"
            return self._failed(public, resp, err)
        dup = self.store.find_by_hash(article.content_hash) if existing is None else None
        if dup and dup != public:  # the same release stored from another site (thaigov republishes PRD's)
            self.stats.skipped["duplicate"] += 1
            self.book.set_state(public, self.source.id, outcome=DUPLICATE, duplicate_of=dup, last_error=None,
                                last_status=200, last_checked=utcnow(), failures=0)
            return "duplicate"
        outcome = self._save(article, public, resp)
        setattr(self.stats, outcome, getattr(self.stats, outcome) + 1)
        return outcome

    def _save(self, article: Article, public: str, resp: Response) -> str:
        """Article, raw bytes and crawl state in one transaction; returns new/updated/unchanged."""
        with self.store.transaction():
            outcome = self.store.upsert_article(article)
            self.book.save_raw(article.url, resp.content, status=resp.status, content_type=resp.content_type,
                               encoding=resp.encoding)
            for key in {public, article.url}:
                self.book.set_state(key, self.source.id, outcome=ARTICLE, duplicate_of=None, last_error=None,
                                    etag=resp.etag, last_modified=resp.last_modified,
                                    content_hash=article.content_hash, last_status=resp.status,
                                    last_checked=utcnow(), failures=0)
        return outcome

    def _failed(self, public: str, resp: Response, err: CrawlError) -> str:
        # Garbage where an article was: count it, keep the raw bytes for a look, never touch the article.
        # The validators are not saved, so the next run fetches the page in full again.
        self.stats.error(err)
        self.book.set_state(public, self.source.id, outcome=ERROR, duplicate_of=None, last_status=resp.status,
                            last_error=f"{err.kind}: {err}"[:500], last_checked=utcnow())
        log.info("%s: %s", self.source.id, err)
        return "error"

    def _canonical_link(self, html: str, url: str) -> str:
        """The page's ``<link rel=canonical>`` when it stays on the source's domains, else ``url``."""
        m = re.search(r"<link[^>]+rel=[\"']?canonical[^>]*>", html[:20000], re.I)
        if not m:
            return url
        tag = BeautifulSoup(m.group(0), "lxml").find("link")
        href = tag.get("href") if tag else None
        if not href:
            return url
        target = canonical_url(urljoin(self.source.to_fetch(url), href))
        if not in_domains(target, self.source.allowed_domains):
            return url
        return self.source.to_public(target)

    def _record(self, data: ArticleData, url: str, hint: ListItem | None) -> Record:
        if hint and self.adapter.kind == "feed":
            # A feed states title and date as data; a page's are guessed from its markup.
            data.title = hint.title or data.title
            data.date = hint.date or data.date
        date = data.date or (hint.date if hint else None)
        if date:
            m = _ISO_PREFIX.match(date.strip())
            date = m.group(1) if m else date
        title = data.title or (hint.title if hint else "")
        body = data.body or (_strip_tags(hint.summary) if hint and hint.summary else "")
        return Record(url=url, title=title, body=body, date=date,
                      agency=self.source.agency if self.source.options.get("agency_hint") else data.agency_hint,
                      publisher=self.source.publisher, category=data.category, lang=data.lang)

    # -- list pages --------------------------------------------------------------------------
    def list_page(self, public_url: str) -> ListPage:
        """Fetch (conditionally) and parse a list page or feed; a 304 re-reads the stored bytes."""
        raw = self.book.get_raw(public_url)
        resp, final = self.fetch(public_url, conditional=raw is not None)
        if resp.not_modified and raw is not None:
            body: bytes = raw["body"]
            content_type = raw["content_type"] or ""
        else:
            body, content_type = resp.content, resp.content_type
            firewall = challenge_of(body)
            if firewall:
                raise Blocked(f"{public_url}: a {firewall} challenge page answered instead of the list; "
                              "reported, not worked around", public_url, firewall)
            with self.store.transaction():
                self.book.save_raw(public_url, body, status=resp.status, content_type=content_type, encoding=None)
                self.book.set_state(public_url, self.source.id, outcome=None, duplicate_of=None, last_error=None,
                                    etag=resp.etag, last_modified=resp.last_modified, last_status=resp.status,
                                    last_checked=utcnow(), failures=0)
        fetch_url = self.source.to_fetch(final)
        if self.adapter.kind == "feed":
            page = self.adapter.parse_list(body, fetch_url)
        else:
            page = self.adapter.parse_list(Response(url=fetch_url, status=200, content=body,
                                                    content_type=content_type).text, fetch_url)
        for _url, reason in page.skipped:
            self.stats.skipped[reason] += 1
        return page


def degraded(old: Article, new: Article) -> bool:
    """True when a re-fetched page lost most of the article (a broken template, an error page)."""
    if not new.title and old.title:
        return True
    return len(old.body) >= 200 and len(new.body) < 0.2 * len(old.body)


def _strip_tags(text: str) -> str:
    return BeautifulSoup(text, "lxml").get_text("\n") if "<" in text else text
