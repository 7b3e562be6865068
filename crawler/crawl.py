"""Run a crawl of one source: list pages -> article pages -> :func:`make_article` -> the store.

Each article is stored (article, raw bytes, crawl state) in one transaction as soon as it is
fetched, so killing a crawl loses nothing already fetched; progress markers in the store let the
next run resume. A page that fails later (404, 500, timeout, garbage) never touches the stored
article. Unchanged pages cost a 304. Each run is recorded per source with its counts.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from bs4 import BeautifulSoup

from crawler.adapters import Adapter, get_adapter
from crawler.adapters.base import ArticleData, ListItem, ListPage
from crawler.errors import CrawlError, Disallowed, FetchError, NotFoundPage, ParseError
from crawler.fetcher import Fetcher, Response, canonical_url, in_domains
from core.ingest import Record, RecordError, make_article
from crawler.sources import Source
from core.locks import file_lock
from core.store import Store, utcnow

log = logging.getLogger(__name__)

PLACEHOLDER = "placeholder"
_ISO_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")


class AlreadyRunning(CrawlError):
    """Another process is crawling this source right now."""

    kind = "locked"


class SourceLock:
    """An exclusive, non-blocking lock per source (a :func:`core.locks.file_lock` in the data folder)."""

    def __init__(self, data_dir: Path, source_id: str):
        self.path = Path(data_dir) / "locks" / f"crawl-{source_id}.lock"
        self.source_id = source_id
        self._held: contextlib.ExitStack | None = None

    def acquire(self) -> None:
        """Take the lock or raise AlreadyRunning."""
        stack = contextlib.ExitStack()
        if not stack.enter_context(file_lock(self.path, blocking=False, note=str(os.getpid()))):
            stack.close()
            raise AlreadyRunning(f"a crawl of {self.source_id!r} is already running (lock {self.path})")
        self._held = stack

    def release(self) -> None:
        """Release the lock."""
        if self._held is not None:
            self._held.close()
            self._held = None

    def __enter__(self) -> "SourceLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


@dataclass
class RunStats:
    """What one run of one source did."""

    source: str
    pages: int = 0           # HTTP requests answered (200 or 304), list and article pages
    not_modified: int = 0    # of which 304
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    missing: int = 0         # placeholder / not-found article ids
    errors: int = 0
    error_kinds: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    status: str = "ok"
    message: str = ""

    def error(self, err: CrawlError | Exception) -> None:
        """Count an error by kind."""
        self.errors += 1
        self.error_kinds[getattr(err, "kind", type(err).__name__)] += 1

    def summary(self) -> str:
        """One line for logs and the CLI."""
        parts = [f"{self.source}: {self.status}", f"{self.pages} pages ({self.not_modified} not modified)",
                 f"{self.new} new", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.missing:
            parts.append(f"{self.missing} missing ids")
        if self.errors:
            parts.append(f"{self.errors} errors {dict(self.error_kinds)}")
        if self.skipped:
            parts.append(f"skipped {dict(self.skipped)}")
        if self.message:
            parts.append(self.message)
        return ", ".join(parts)


class _Budget(Exception):
    """The page budget (``--max-pages``) is spent."""


class SourceCrawl:
    """One run of one source. Use :func:`crawl_source` rather than this class directly."""

    def __init__(self, source: Source, store: Store, fetcher: Fetcher, *, max_pages: int | None = None):
        self.source = source
        self.store = store
        self.fetcher = fetcher
        self.adapter: Adapter = get_adapter(source.adapter, source.options)
        self.max_pages = max_pages if max_pages is not None else source.max_pages
        self.stats = RunStats(source.id)

    # -- bookkeeping -------------------------------------------------------------------------
    def _meta_key(self, name: str) -> str:
        return f"crawl:{self.source.id}:{name}"

    def _spend(self) -> None:
        if self.max_pages and self.stats.pages >= self.max_pages:
            raise _Budget()

    def _fetch(self, public_url: str, conditional: bool) -> tuple[Response, str]:
        """Fetch a public URL (through the mirror if any); returns the response and its public URL."""
        self._spend()
        state = self.store.get_crawl_state(public_url) if conditional else None
        try:
            resp = self.fetcher.fetch(self.source.to_fetch(public_url),
                                      etag=state.get("etag") if state else None,
                                      last_modified=state.get("last_modified") if state else None,
                                      allowed_domains=self.source.allowed_domains)
        except FetchError as e:
            prior = self.store.get_crawl_state(public_url) or {}
            self.store.set_crawl_state(public_url, self.source.id, last_error=f"{e.kind}: {e}"[:500],
                                       last_status=getattr(e, "status", None), last_checked=utcnow(),
                                       failures=int(prior.get("failures") or 0) + 1)
            raise
        self.stats.pages += 1
        if resp.not_modified:
            self.stats.not_modified += 1
        return resp, self.source.to_public(resp.url)

    # -- articles ----------------------------------------------------------------------------
    def article(self, url: str, hint: ListItem | None = None) -> str:
        """Fetch, extract and store one article. Returns new/updated/unchanged/missing/duplicate/error."""
        public = self.source.to_public(canonical_url(url))
        existing = self.store.get_article(public)
        state = self.store.get_crawl_state(public)
        # Ask "changed since?" only when the last answer is something we still hold: a stored
        # article, a placeholder, or an alias/duplicate of a stored article.
        last_error = (state or {}).get("last_error") or ""
        alias = bool(state and state.get("content_hash")) or last_error.startswith("duplicate of")
        conditional = existing is not None or last_error == PLACEHOLDER or alias
        try:
            resp, final = self._fetch(public, conditional)
        except FetchError as e:
            self.stats.error(e)
            log.info("%s: %s", self.source.id, e)
            return "error"
        if resp.not_modified:
            self.store.set_crawl_state(public, self.source.id, last_status=304, last_checked=utcnow(), failures=0)
            if last_error == PLACEHOLDER:
                self.stats.missing += 1
                return "missing"
            if last_error.startswith("duplicate of"):
                self.stats.skipped["duplicate"] += 1
                return "duplicate"
            self.stats.unchanged += 1
            return "unchanged"
        try:
            data = self.adapter.parse_article(resp.text, final)
        except NotFoundPage:
            self.store.set_crawl_state(public, self.source.id, etag=resp.etag, last_modified=resp.last_modified,
                                       last_status=resp.status, last_error=PLACEHOLDER, last_checked=utcnow())
            self.stats.missing += 1
            return "missing"
        except (ParseError, ValueError) as e:
            return self._failed(public, resp, ParseError(str(e)))
        final = self._canonical_link(resp.text, final)
        record = self._record(data, final, hint)
        try:
            article, warnings = make_article(record)
        except RecordError as e:
            err = ParseError(f"{final}: {e}")
            err.kind = "empty"
            return self._failed(public, resp, err)
        for w in warnings:
            log.debug("%s: %s: %s", self.source.id, final, w)
        if final != public and self.store.get_article(final) is None and existing is not None:
            final = public  # keep the identity we already have rather than fork the article
        article.url = final
        if existing is not None and _degraded(existing, article):
            err = ParseError(f"{final}: the page now yields far less than the stored article; kept the stored one")
            err.kind = "degraded"
            return self._failed(public, resp, err)
        if self.store.get_article(final) is None:
            dup = self.store.find_by_hash(article.content_hash)
            if dup and dup != final:
                self.stats.skipped["duplicate"] += 1
                self.store.set_crawl_state(public, self.source.id, etag=resp.etag, last_modified=resp.last_modified,
                                           last_status=resp.status, last_error=f"duplicate of {dup}",
                                           last_checked=utcnow(), failures=0)
                return "duplicate"
        with self.store.transaction():
            outcome = self.store.upsert_article(article)
            self.store.save_raw(final, resp.content, status=resp.status, content_type=resp.content_type,
                                encoding=resp.encoding)
            for key in {public, final}:
                self.store.set_crawl_state(key, self.source.id, etag=resp.etag, last_modified=resp.last_modified,
                                           content_hash=article.content_hash, last_status=resp.status,
                                           last_error=None, last_checked=utcnow(), failures=0)
        setattr(self.stats, outcome, getattr(self.stats, outcome) + 1)
        return outcome

    def _failed(self, public: str, resp: Response, err: CrawlError) -> str:
        # Garbage where an article was: count it, keep the raw bytes for a look, never touch the article.
        # The validators are not saved, so the next run fetches the page in full again.
        self.stats.error(err)
        self.store.set_crawl_state(public, self.source.id, last_status=resp.status,
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
        from urllib.parse import urljoin
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
        raw = self.store.get_raw(public_url)
        resp, final = self._fetch(public_url, conditional=raw is not None)
        if resp.not_modified and raw is not None:
            body: bytes = raw["body"]
            content_type = raw["content_type"] or ""
        else:
            body, content_type = resp.content, resp.content_type
            with self.store.transaction():
                self.store.save_raw(public_url, body, status=resp.status, content_type=content_type,
                                    encoding=None)
                self.store.set_crawl_state(public_url, self.source.id, etag=resp.etag,
                                           last_modified=resp.last_modified, last_status=resp.status,
                                           last_error=None, last_checked=utcnow(), failures=0)
        fetch_url = self.source.to_fetch(final)
        if self.adapter.kind == "feed":
            page = self.adapter.parse_list(body, fetch_url)
        else:
            page = self.adapter.parse_list(Response(url=fetch_url, status=200, content=body,
                                                    content_type=content_type).text, fetch_url)
        for _url, reason in page.skipped:
            self.stats.skipped[reason] += 1
        return page

    def walk_listing(self) -> None:
        """Walk list pages from each start URL, then any unfinished walk left by an earlier run.

        A walk from a start URL stops after ``known_stop`` already-known unchanged articles in a row;
        a resumed walk does not (it is filling in what an interrupted run never reached).
        """
        key = self._meta_key("resume")
        resume: list[str] = json.loads(self.store.get_meta(key) or "[]")
        walks = [(u, True) for u in self.source.start_urls] + [(u, False) for u in resume]
        pending = list(resume)

        def persist(current: str | None) -> None:
            value = ([current] if current else []) + [u for u in pending if u != current]
            self.store.set_meta(key, json.dumps(list(dict.fromkeys(value))))

        for start, stop_on_known in walks:
            url: str | None = start
            known_run = 0
            try:
                while url:
                    persist(url)
                    page = self.list_page(url)
                    stop = False
                    for item in page.items:
                        if not stop_on_known and self._stored(item.url):
                            continue  # a resumed walk fills gaps; re-checking known articles is walk A's job
                        outcome = self.article(item.url, item)
                        if outcome in ("unchanged", "duplicate"):
                            known_run += 1
                        elif outcome != "error":
                            known_run = 0
                        if stop_on_known and known_run >= self.source.known_stop:
                            stop = True
                            break
                    if stop:
                        break
                    nxt = self.source.to_public(canonical_url(page.next_url)) if page.next_url else None
                    url = nxt if nxt != url else None
            except _Budget:
                # Out of pages: remember where this walk stands so the next run carries on from there.
                if url:
                    pending.insert(0, url)
                persist(None)
                raise
            except FetchError as e:
                if not stop_on_known or url == start:
                    raise
                self.stats.error(e)  # a resumed walk hit a broken page: keep it for next time
                pending.insert(0, url)
            if not stop_on_known and start in pending and url != start:
                pending.remove(start)
            persist(None)

    def _stored(self, url: str) -> bool:
        public = self.source.to_public(canonical_url(url))
        if self.store.get_article(public) is not None:
            return True
        state = self.store.get_crawl_state(public) or {}
        return bool(state.get("content_hash")) or (state.get("last_error") or "").startswith("duplicate of")

    def walk_ids(self) -> None:
        """Walk sequential article ids: re-check the newest known, then go on past the newest linked id."""
        opts = self.source.options
        pattern = self.source.start_urls[0]
        missing_run = int(opts.get("missing_run", 30))
        linked = self._linked_ids()
        newest = max(linked, default=0)
        # The index page also links older articles (featured, follow-ups, published out of id
        # order): fetch the ones not stored yet before walking on from the newest id.
        for aid in sorted(linked):
            url = pattern.format(id=aid)
            if aid < newest and not self._stored(url):
                self.article(url)
        highest = int(self.store.get_meta(self._meta_key("highest_id")) or 0)
        if highest:
            start = max(1, highest - self.source.known_stop + 1)
        else:
            saved = int(self.store.get_meta(self._meta_key("next_id")) or 0)
            start = saved or (max(1, newest - int(opts.get("backfill", 50)) + 1) if newest
                              else int(opts.get("first_id", 1)))
        misses = 0
        aid = start
        while True:
            if aid > newest and misses >= missing_run:
                break
            outcome = self.article(pattern.format(id=aid))
            if outcome == "missing":
                misses += 1
            elif outcome != "error":
                misses = 0
                if aid > highest:
                    highest = aid
                    self.store.set_meta(self._meta_key("highest_id"), str(highest))
            aid += 1
            self.store.set_meta(self._meta_key("next_id"), str(aid))

    def _linked_ids(self) -> list[int]:
        """Article ids linked from the source's index page (empty when it has none or fails)."""
        index = self.source.options.get("index")
        if not index:
            return []
        try:
            page = self.list_page(canonical_url(index))
        except FetchError as e:
            self.stats.error(e)
            return []
        ids = (self.adapter.id_of(item.url) for item in page.items)  # type: ignore[attr-defined]
        return sorted({i for i in ids if i})

    # -- the run -----------------------------------------------------------------------------
    def run(self) -> RunStats:
        """Crawl the source once and record the run in the store."""
        run_id = self.store.start_run(self.source.id)
        stats = self.stats
        try:
            first = self.source.to_fetch(self.source.start_urls[0].replace("{id}", "1"))
            if not self.fetcher.allowed(first):
                raise Disallowed(f"robots.txt disallows crawling {self.source.id} ({first}) for user agent "
                                 f"{self.fetcher.robots_agent!r}", first)
            if self.adapter.kind == "ids":
                self.walk_ids()
            else:
                self.walk_listing()
            stats.status = "ok" if not stats.errors else "partial"
        except _Budget:
            stats.status = "partial" if stats.errors else "ok"
            stats.message = f"stopped at the page limit ({self.max_pages}); the next run continues"
        except Disallowed as e:
            stats.status = "disallowed"
            stats.message = str(e)
            stats.error(e)
        except CrawlError as e:
            stats.status = "error"
            stats.message = str(e)
            stats.error(e)
        except Exception as e:  # a bug must not lose the run record; the scheduler goes on
            stats.status = "error"
            stats.message = f"{type(e).__name__}: {e}"
            stats.error(e)
            log.exception("%s: crawl failed", self.source.id)
        finally:
            self.store.finish_run(run_id, status=stats.status, pages=stats.pages, new=stats.new,
                                  updated=stats.updated, unchanged=stats.unchanged, errors=stats.errors,
                                  error_kinds=dict(stats.error_kinds), message=stats.message or None)
            self.store.record_run_details(run_id, skipped=dict(stats.skipped), not_modified=stats.not_modified)
        log.info("%s", stats.summary())
        return stats


def _degraded(old, new) -> bool:
    """True when a re-fetched page lost most of the article (a broken template, an error page)."""
    if not new.title and old.title:
        return True
    return len(old.body) >= 200 and len(new.body) < 0.2 * len(old.body)


def _strip_tags(text: str) -> str:
    return BeautifulSoup(text, "lxml").get_text("\n") if "<" in text else text


def make_fetcher(source: Source) -> Fetcher:
    """A fetcher with the source's politeness settings."""
    return Fetcher(source.user_agent, delay=source.delay, timeout=source.timeout, retries=source.retries,
                   max_bytes=source.max_bytes, backoff=min(1.0, max(source.delay, 0.05)))


def crawl_source(source: Source, data_dir: Path, *, max_pages: int | None = None,
                 fetcher: Fetcher | None = None) -> RunStats:
    """Crawl one source into the store of ``data_dir`` under its lock (AlreadyRunning if held)."""
    from core.paths import store_path

    with SourceLock(data_dir, source.id):
        store = Store(store_path(data_dir))
        own = fetcher is None
        fetcher = fetcher or make_fetcher(source)
        try:
            store.mark_interrupted_runs(source.id)
            return SourceCrawl(source, store, fetcher, max_pages=max_pages).run()
        finally:
            if own:
                fetcher.close()
            store.close()


def crawl(sources: Iterable[Source], data_dir: Path, *, max_pages: int | None = None,
          index: bool = True) -> list[RunStats]:
    """Crawl several sources one after another, then update the index with what changed."""
    results: list[RunStats] = []
    for source in sources:
        try:
            results.append(crawl_source(source, data_dir, max_pages=max_pages))
        except AlreadyRunning as e:
            results.append(RunStats(source.id, status="locked", message=str(e)))
            log.warning("%s", e)
    if index and any(r.new or r.updated for r in results):
        update_index(data_dir)
    return results


def update_index(data_dir: Path):
    """Apply the store's change log to the search index (incremental, not a rebuild)."""
    from indexer import sync_index

    applied = sync_index(data_dir)
    log.info("index updated: %s", applied)
    return applied
