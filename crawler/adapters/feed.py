"""RSS and Atom feeds (feedparser): each entry links to an article page.

The entry's title and date are kept as hints; the article page itself is read with the
generic extractor, or with the entry's full content when the page gives nothing.
"""
from __future__ import annotations

import time

import feedparser

from crawler.adapters.base import Adapter, ArticleData, ListItem, ListPage, absolute
from crawler.adapters.generic import extract_required
from crawler.errors import ParseError


class FeedAdapter(Adapter):
    """An RSS 2.0 / Atom feed of news items."""

    name = "feed"
    kind = "feed"

    def parse_list(self, html: str | bytes, url: str) -> ListPage:
        """The feed's entries in feed order; ParseError for something that is not a feed."""
        parsed = feedparser.parse(html if isinstance(html, bytes) else html.encode("utf-8"))
        if not parsed.entries and (parsed.bozo or not parsed.get("version")):
            raise ParseError(f"not a feed: {url}: {parsed.get('bozo_exception') or 'no RSS/Atom root element'}")
        page = ListPage()
        for entry in parsed.entries:
            link = absolute(url, entry.get("link"))
            if not page.admit(link):
                continue
            stamp = entry.get("published_parsed") or entry.get("updated_parsed")
            date = time.strftime("%Y-%m-%d", stamp) if stamp else None
            content = ""
            if entry.get("content"):
                content = entry.content[0].get("value", "")
            page.items.append(ListItem(url=link, title=entry.get("title", ""), date=date,
                                       summary=content or entry.get("summary", "")))
        for link in parsed.feed.get("links", []):
            if link.get("rel") == "next":
                page.next_url = absolute(url, link.get("href"))
        return page

    def parse_article(self, html: str, url: str) -> ArticleData:
        """The article page by main-text extraction."""
        return extract_required(html, url)
