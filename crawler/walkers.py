"""The two ways through a site: list pages (with "next" links or a feed) and sequential article ids.

Both keep their place in the store (``crawl_walks``) as they go, so a run stopped by the page
budget or killed outright is carried on by the next run rather than started over.
"""
from __future__ import annotations

import json

from core.urls import canonical_url
from crawler.errors import FetchError
from crawler.pipeline import Budget, Pipeline

# Keys of the walkers' state in crawl_walks, per source.
RESUME = "resume"          # JSON list of list-page URLs where unfinished walks stand, next first
HIGHEST_ID = "highest_id"  # the highest article id found so far
NEXT_ID = "next_id"        # where an id walk that has not found any article yet goes on


def walk_listing(pipe: Pipeline) -> None:
    """Walk list pages from each start URL, then any unfinished walk left by an earlier run.

    A walk from a start URL stops after ``known_stop`` already-known unchanged articles in a row;
    a resumed walk does not (it is filling in what an interrupted run never reached).
    """
    source, book = pipe.source, pipe.book
    resume: list[str] = json.loads(book.get_walk(source.id, RESUME) or "[]")
    walks = [(u, True) for u in source.start_urls] + [(u, False) for u in resume]
    pending = list(resume)

    def persist(current: str | None) -> None:
        value = ([current] if current else []) + [u for u in pending if u != current]
        book.set_walk(source.id, RESUME, json.dumps(list(dict.fromkeys(value))))

    for start, stop_on_known in walks:
        url: str | None = start
        known_run = 0
        try:
            while url:
                persist(url)
                page = pipe.list_page(url)
                stop = False
                for item in page.items:
                    if not stop_on_known and pipe.stored(item.url):
                        continue  # a resumed walk fills gaps; re-checking known articles is walk A's job
                    outcome = pipe.article(item.url, item)
                    if outcome in ("unchanged", "duplicate"):
                        known_run += 1
                    elif outcome != "error":
                        known_run = 0
                    if stop_on_known and known_run >= source.known_stop:
                        stop = True
                        break
                if stop:
                    break
                nxt = source.to_public(canonical_url(page.next_url)) if page.next_url else None
                url = nxt if nxt != url else None
        except Budget:
            # Out of pages: remember where this walk stands so the next run carries on from there.
            if url:
                pending.insert(0, url)
            persist(None)
            raise
        except FetchError as e:
            if not stop_on_known or url == start:
                raise
            pipe.stats.error(e)  # a resumed walk hit a broken page: keep it for next time
            pending.insert(0, url)
        if not stop_on_known and start in pending and url != start:
            pending.remove(start)
        persist(None)


def walk_ids(pipe: Pipeline) -> None:
    """Walk sequential article ids: re-check the newest known, then go on past the newest linked id."""
    source, book = pipe.source, pipe.book
    opts = source.options
    pattern = source.start_urls[0]
    missing_run = int(opts.get("missing_run", 30))
    linked = _linked_ids(pipe)
    newest = max(linked, default=0)
    # The index page also links older articles (featured, follow-ups, published out of id
    # order): fetch the ones not stored yet before walking on from the newest id.
    for aid in sorted(linked):
        url = pattern.format(id=aid)
        if aid < newest and not pipe.stored(url):
            pipe.article(url)
    highest = int(book.get_walk(source.id, HIGHEST_ID) or 0)
    if highest:
        start = max(1, highest - source.known_stop + 1)
    else:
        saved = int(book.get_walk(source.id, NEXT_ID) or 0)
        start = saved or (max(1, newest - int(opts.get("backfill", 50)) + 1) if newest
                          else int(opts.get("first_id", 1)))
    misses = 0
    aid = start
    while True:
        if aid > newest and misses >= missing_run:
            break
        outcome = pipe.article(pattern.format(id=aid))
        if outcome == "missing":
            misses += 1
        elif outcome != "error":
            misses = 0
            if aid > highest:
                highest = aid
                book.set_walk(source.id, HIGHEST_ID, str(highest))
        aid += 1
        book.set_walk(source.id, NEXT_ID, str(aid))


def _linked_ids(pipe: Pipeline) -> list[int]:
    """Article ids linked from the source's index page (empty when it has none or fails)."""
    index = pipe.source.options.get("index")
    if not index:
        return []
    try:
        page = pipe.list_page(canonical_url(index))
    except FetchError as e:
        pipe.stats.error(e)
        return []
    ids = (pipe.adapter.id_of(item.url) for item in page.items)  # type: ignore[attr-defined]
    return sorted({i for i in ids if i})
