"""EWT, the PHP CMS of many Thai government sites (m-culture.go.th, m-society.go.th, old prd.go.th).

Evidence (../shared/docs/sites-evidence.md): lists ``more_news.php?cid=<c>&filename=index`` paged with
``&offset=N`` (20 a page), articles ``ewt_news.php?nid=<n>``, feeds ``rss/group<cid>.xml``; on
m-culture.go.th each item is a ``div.newsall-work-wrap`` with the title in ``h4`` and the date
(dd/mm/YYYY, BE) in the second ``p.icon-purple``. No article-page markup was seen, so a page is read
by main-text extraction and the title and date the list gives are kept.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.adapters.base import Adapter, ArticleData, ListItem, ListPage, absolute, soup_of
from crawler.adapters.feed import FeedAdapter
from crawler.adapters.generic import extract_required

ARTICLE = re.compile(r"ewt_news\.php\?(?:[^#]*&)?nid=\d+")


def _is_feed(raw: str | bytes) -> bool:
    head = raw[:300]
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    return "<rss" in head or "<feed" in head or head.lstrip().startswith("<?xml")


def with_offset(url: str, offset: int) -> str:
    """The list URL with ``offset`` set (EWT pages its lists by item offset)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "offset"]
    if offset:
        query.append(("offset", str(offset)))
    return urlunsplit(parts._replace(query=urlencode(query)))


class EwtAdapter(Adapter):
    """EWT lists (``more_news.php``) and feeds (``rss/group<cid>.xml``); articles ``ewt_news.php``.

    Options: ``item`` (one list entry; default the m-culture.go.th markup), ``title`` and ``date``
    inside it, and ``page_size`` (20).
    """

    name = "ewt"
    kind = "feed"  # the list states title and date as data; the article page's are guessed

    def parse_list(self, html: str | bytes, url: str) -> ListPage:
        """Entries of a list page in page order and the next offset, or the items of an EWT feed."""
        if _is_feed(html):
            return FeedAdapter().parse_list(html, url)
        soup = soup_of(html)
        page = ListPage()
        for box in soup.select(self.options.get("item", "div.newsall-work-wrap")):
            a = box.find("a", href=ARTICLE) or box.find("a", href=True)
            link = absolute(url, a.get("href")) if a else None
            if not page.admit(link):
                continue
            title_el = box.select_one(self.options.get("title", "h4"))
            dates = box.select(self.options.get("date", "p.icon-purple"))
            date_el = dates[int(self.options.get("date_index", 1))] if len(dates) > 1 else (dates[0] if dates else None)
            page.items.append(ListItem(
                url=link, title=" ".join((title_el or a).get_text(" ").split()),
                date=" ".join(date_el.get_text(" ").split()) if date_el is not None else None))
        size = int(self.options.get("page_size", 20))
        if len(page.items) + len(page.skipped) >= size:
            offset = int(dict(parse_qsl(urlsplit(url).query)).get("offset") or 0)
            page.next_url = with_offset(url, offset + size)
        return page

    def parse_article(self, html: str, url: str) -> ArticleData:
        """An ``ewt_news.php`` page by main-text extraction."""
        return extract_required(html, url)
