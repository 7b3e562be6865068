"""``govsearch sources check``: is a source's configured layout what the live site serves?

One request per start URL (after robots.txt, through the real fetcher with the source's politeness),
nothing stored: the adapter reads the page and the report says what it found — articles (with the
first few titles and dates), a firewall, a robots.txt refusal, an error status, or a page the adapter
cannot read. This is the step that turns ``verified = false`` into ``true`` in sources.toml.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from crawler.adapters import challenge_of, get_adapter
from crawler.adapters.base import ListItem
from crawler.errors import Blocked, CrawlError, Disallowed, FetchError
from crawler.fetcher import Fetcher, Response
from crawler.sources import Source


@dataclass
class UrlCheck:
    """What one start URL answered."""

    url: str
    outcome: str  # articles | empty | blocked | disallowed | error | unreadable
    detail: str = ""
    items: list[ListItem] = field(default_factory=list)


@dataclass
class CheckReport:
    """What ``sources check`` found for one source."""

    source: Source
    checks: list[UrlCheck] = field(default_factory=list)
    skipped: str = ""

    @property
    def found(self) -> bool:
        """True when some start URL listed articles the adapter could read."""
        return any(c.outcome == "articles" for c in self.checks)


def check_source(source: Source, fetcher: Fetcher) -> CheckReport:
    """Fetch each start URL once, in order, until one lists articles; see :class:`CheckReport`."""
    report = CheckReport(source)
    if not source.crawlable:
        report.skipped = source.why_not_crawlable
        return report
    adapter = get_adapter(source.adapter, source.options)
    if adapter.kind == "ids":
        index = source.options.get("index")
        urls = [index] if index else [source.start_urls[0].replace("{id}", str(source.options.get("first_id", 1)))]
    else:
        urls = list(source.start_urls)
    for public in urls:
        check = _check_url(source, fetcher, adapter, public)
        report.checks.append(check)
        if check.outcome == "articles":
            break
    return report


def _check_url(source: Source, fetcher: Fetcher, adapter, public: str) -> UrlCheck:
    url = source.to_fetch(public)
    try:
        resp: Response = fetcher.fetch(url, allowed_domains=source.allowed_domains)
    except Blocked as e:
        return UrlCheck(public, "blocked", f"{e.firewall} answered (HTTP {e.status}): reported, not worked around")
    except Disallowed as e:
        return UrlCheck(public, "disallowed", str(e))
    except FetchError as e:
        return UrlCheck(public, "error", f"{e.kind}: {e}")
    firewall = challenge_of(resp.content)
    if firewall:
        return UrlCheck(public, "blocked", f"{firewall} challenge page (HTTP {resp.status}): reported, not worked around")
    try:
        if adapter.kind == "ids":
            page = adapter.parse_list(resp.text, url)
        else:
            page = adapter.parse_list(resp.content if adapter.kind == "feed" else resp.text, url)
    except (CrawlError, ValueError) as e:
        return UrlCheck(public, "unreadable", f"the {source.adapter} adapter cannot read it: {e}")
    if not page.items:
        return UrlCheck(public, "empty", f"HTTP {resp.status}, {len(resp.content):,} bytes, but the {source.adapter} "
                                         "adapter finds no article links: the layout differs from the evidence")
    for item in page.items:
        item.url = source.to_public(item.url)
    return UrlCheck(public, "articles", f"HTTP {resp.status}: {len(page.items)} articles"
                    + (f", next page {source.to_public(page.next_url)}" if page.next_url else ""), page.items)
