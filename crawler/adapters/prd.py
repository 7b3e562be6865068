"""The PRD-style CMS (prd.go.th, ``<province>.prd.go.th``, moc.go.th): JSON Feed first, category
pages as the fall-back.

Evidence (../shared/docs/sites-evidence.md): the JSON Feed ``/th/rss/page/contentjson/id/142/cid/33``
has ``title``, ``url``, ``content_html`` and ``date_published``; category lists are
``/th/content/category/index/id/<cat>`` and articles ``/th/content/category/detail/id/<cat>/iid/<n>``.
No selector of the article page is known, so a page is read by main-text extraction and its title and
date come from the list. Which of the two a start URL is, the adapter tells from the bytes.
"""
from __future__ import annotations

import re

from crawler.adapters.base import Adapter, ArticleData, ListItem, ListPage, absolute, soup_of
from crawler.adapters.generic import extract_required
from crawler.adapters.jsonfeed import json_feed_page, load_json

ARTICLE = re.compile(r"/th/content/category/detail/id/(\d+)/iid/(\d+)")


def looks_like_json(raw: str | bytes) -> bool:
    """True when a body starts like a JSON document."""
    head = raw[:64].lstrip()
    if isinstance(head, bytes):
        head = head.lstrip(b"\xef\xbb\xbf").decode("ascii", "replace")
    return head.startswith(("{", "["))


class PrdAdapter(Adapter):
    """PRD-style CMS: its JSON Feed, or its category pages of article links."""

    name = "prd"
    kind = "feed"

    def parse_list(self, html: str | bytes, url: str) -> ListPage:
        """Items of the JSON Feed, or article links of a category page in page order."""
        if looks_like_json(html):
            return json_feed_page(load_json(html, url), url)
        page = ListPage()
        soup = soup_of(html)
        seen: set[str] = set()
        for a in soup.select("a[href]"):
            link = absolute(url, a.get("href"))
            if link and link not in seen and ARTICLE.search(link):
                seen.add(link)
                page.items.append(ListItem(url=link, title=a.get_text(" ", strip=True)))
        nxt = soup.select_one("link[rel=next], a[rel=next]")  # the standard markup; no pager was seen
        page.next_url = absolute(url, nxt.get("href")) if nxt is not None else None
        return page

    def parse_article(self, html: str, url: str) -> ArticleData:
        """An article page by main-text extraction."""
        return extract_required(html, url)
