"""Sources that offer the same news several ways (a WordPress site's REST API, its feed, its archive;
a PRD-style site's JSON Feed and its category pages): walk the first start URL that answers.

Start URLs are tried in the order sources.toml lists them, the best first. One that is missing, blocked
or not what the adapter reads (a 404, a firewall page, HTML where JSON was hoped for) is passed over —
logged, not counted as an error — and the next is tried; if none answers, the last failure is the run's.
"""
from __future__ import annotations

import logging
from dataclasses import replace

from crawler.errors import FetchError, ParseError
from crawler.pipeline import Pipeline
from crawler.walkers import walk_listing

log = logging.getLogger(__name__)


def walk_first_answering(pipe: Pipeline) -> str:
    """Walk the source from its first start URL that answers; returns that URL."""
    source = pipe.source
    last: Exception | None = None
    for url in source.start_urls:
        try:
            page = pipe.list_page(url)
        except (FetchError, ParseError) as e:
            log.info("%s: %s does not answer (%s); trying the next way in", source.id, url, e)
            last = e
            continue
        if not page.items and url != source.start_urls[-1]:
            log.info("%s: %s lists nothing; trying the next way in", source.id, url)
            continue
        # The walk starts with the page just read: hand it over rather than ask the site twice.
        probed = {url: page}
        read = pipe.list_page
        pipe.list_page = lambda u: probed.pop(u, None) or read(u)  # type: ignore[method-assign]
        pipe.source = replace(source, start_urls=(url,))
        try:
            walk_listing(pipe)
        finally:
            pipe.source = source
            del pipe.list_page  # back to the class's method
        return url
    raise last if last is not None else ParseError(f"{source.id}: no start URL lists any article")
