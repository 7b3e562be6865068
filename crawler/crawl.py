"""Crawl sources: one run per source under its lock, recorded in the store with its counts.

A run walks the source (:mod:`crawler.walkers`) through the article pipeline
(:mod:`crawler.pipeline`); progress kept in the store lets the next run resume. What to do once
articles changed (update a search index, say) is the caller's: :func:`crawl` takes a callback.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Callable, Iterable

from core.paths import store_path
from core.store import Store
from crawler.alternatives import walk_first_answering
from crawler.bookkeeping import CrawlBook
from crawler.errors import Blocked, CrawlError, Disallowed
from crawler.fetcher import Fetcher
from crawler.lock import AlreadyRunning, SourceLock
from crawler.pipeline import Budget, Pipeline, Stopped
from crawler.runstats import RunStats
from crawler.sources import Source
from crawler.walkers import walk_ids, walk_listing

log = logging.getLogger(__name__)

RECHECK = 10  # stored articles re-checked per run besides the walk (a source's ``recheck`` option)


def make_fetcher(source: Source) -> Fetcher:
    """A fetcher with the source's politeness settings and User-Agent."""
    if not source.contact and not source.mirror:
        log.warning("%s: the User-Agent names no contact; give --contact URL-or-email (or set "
                    "GOVSEARCH_CONTACT) so the site's operators can reach you", source.id)
    return Fetcher(source.agent, delay=source.delay, timeout=source.timeout, retries=source.retries,
                   max_bytes=source.max_bytes, backoff=min(1.0, max(source.delay, 0.05)))


def run_once(pipe: Pipeline) -> RunStats:
    """Crawl the pipeline's source once and record the run (whatever happens) in the store."""
    source, stats = pipe.source, pipe.stats
    book = pipe.book
    run_id = book.start_run(source.id)
    try:
        first = source.to_fetch(source.start_urls[0].replace("{id}", "1"))
        if not pipe.fetcher.allowed(first):
            raise Disallowed(f"robots.txt disallows crawling {source.id} ({first}) for user agent "
                             f"{pipe.fetcher.robots_agent!r}", first)
        if pipe.adapter.kind == "ids":
            walk_ids(pipe)
        elif len(source.start_urls) > 1 and source.options.get("first_answering"):
            walk_first_answering(pipe)
        else:
            walk_listing(pipe)
        # The walks see the newest articles; a rotating few older ones are re-checked each run.
        pipe.recheck(int(source.options.get("recheck", RECHECK)))
        stats.status = "ok" if not stats.errors else "partial"
    except Stopped:
        stats.status = "partial" if stats.errors else "ok"
        stats.message = "stopped on request; the next run continues"
    except Budget:
        stats.status = "partial" if stats.errors else "ok"
        stats.message = f"stopped at the page limit ({pipe.max_pages}); the next run continues"
    except Blocked as e:
        stats.status = "blocked"  # a firewall answered: reported on the status page, never worked around
        stats.message = str(e)
        stats.error(e)
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
        log.exception("%s: crawl failed", source.id)
    finally:
        book.finish_run(run_id, status=stats.status, pages=stats.pages, new=stats.new, updated=stats.updated,
                        unchanged=stats.unchanged, errors=stats.errors, error_kinds=dict(stats.error_kinds),
                        message=stats.message or None, skipped=dict(stats.skipped),
                        not_modified=stats.not_modified)
    log.info("%s", stats.summary())
    return stats


def crawl_source(source: Source, data_dir: Path, *, max_pages: int | None = None,
                 fetcher: Fetcher | None = None, stop: threading.Event | None = None) -> RunStats:
    """Crawl one source into the store of ``data_dir`` under its lock (AlreadyRunning if held).

    A source without layout evidence is not crawled: the run says why (status ``skipped``). Setting
    ``stop`` ends the run before its next request; each article is already committed."""
    if not source.crawlable:
        return RunStats(source.id, status="skipped", message=source.why_not_crawlable)
    with SourceLock(data_dir, source.id):
        store = Store(store_path(data_dir))
        own = fetcher is None
        fetcher = fetcher or make_fetcher(source)
        try:
            CrawlBook(store).mark_interrupted_runs(source.id)
            return run_once(Pipeline(source, store, fetcher, max_pages=max_pages, stop=stop))
        finally:
            if own:
                fetcher.close()
            store.close()


def crawl(sources: Iterable[Source], data_dir: Path, *, max_pages: int | None = None,
          after_changes: Callable[[], object] | None = None,
          stop: threading.Event | None = None) -> list[RunStats]:
    """Crawl several sources one after another; then, if any stored new or updated articles,
    call ``after_changes`` once (e.g. to update a search index) — after a stop too, so that
    what was fetched is indexed."""
    results: list[RunStats] = []
    for source in sources:
        if stop is not None and stop.is_set():
            break
        try:
            results.append(crawl_source(source, data_dir, max_pages=max_pages, stop=stop))
        except AlreadyRunning as e:
            results.append(RunStats(source.id, status="locked", message=str(e)))
            log.warning("%s", e)
    if after_changes is not None and any(r.changed for r in results):
        after_changes()
    return results
