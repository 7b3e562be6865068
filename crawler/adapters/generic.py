"""The fallback for layouts nobody has described: trafilatura's main-text extraction."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import trafilatura

from core.thaidates import find_date

from crawler.adapters.base import Adapter, ArticleData, ListItem, ListPage, absolute, soup_of
from crawler.errors import ParseError

# A link that looks like an article: a long path with a number or a long slug, not a tag/category.
_ARTICLE_PATH = re.compile(r"(\d{3,}|[\w\-%]{25,})")
_NOT_ARTICLE = re.compile(r"/(tag|category|page|author|search|feed|login|wp-content)/", re.I)


def extract_required(html: str, url: str) -> ArticleData:
    """:func:`extract_main`, raising ParseError when the page has no main text."""
    data = extract_main(html, url)
    if not data.body:
        raise ParseError(f"no main text found on {url}")
    return data


def extract_main(html: str, url: str) -> ArticleData:
    """Main text, title and date of any article page (empty fields when nothing is found)."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_precision=True)
    if doc is None:
        return ArticleData(url=url)
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    title, body = get("title") or "", get("text") or ""
    lines = body.split("\n")
    if title and lines and " ".join(lines[0].split()) == " ".join(title.split()):
        body = "\n".join(lines[1:]).lstrip("\n")  # the headline is the title, not the first paragraph
    return ArticleData(url=url, title=title, body=body, date=get("date") or date_line(html),
                       category=(get("categories") or [""])[0] if get("categories") else "")


def date_line(html: str) -> str | None:
    """The first short line of a page that is a date ("วันที่ 29/05/2567"), which main-text extraction
    drops as boilerplate; None when there is none."""
    for line in soup_of(html).get_text("\n").splitlines():
        line = " ".join(line.split())
        if 6 <= len(line) <= 60 and find_date(line):
            return line
    return None


class GenericAdapter(Adapter):
    """Any list page (links that look like articles, same host) and any article page."""

    name = "generic"
    kind = "listing"

    def parse_list(self, html: str | bytes, url: str) -> ListPage:
        """Same-host links whose path looks like an article, in page order."""
        soup = soup_of(html)
        page = ListPage()
        host = urlsplit(url).hostname
        for a in soup.select("a[href]"):
            link = absolute(url, a.get("href"))
            if not link or urlsplit(link).hostname != host:
                continue
            path = urlsplit(link).path + "?" + urlsplit(link).query
            if _NOT_ARTICLE.search(path) or not _ARTICLE_PATH.search(path) or not page.admit(link):
                continue
            page.items.append(ListItem(url=link, title=a.get_text(" ", strip=True)))
        nxt = soup.select_one("link[rel=next], a[rel=next], .older a[href], .next a[href], a.next[href]")
        if nxt is not None:
            page.next_url = absolute(url, nxt.get("href"))
        return page

    def parse_article(self, html: str, url: str) -> ArticleData:
        """Main text by trafilatura; ParseError when it finds none."""
        return extract_required(html, url)
