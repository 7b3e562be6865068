"""News list pages driven by CSS selectors from sources.toml (WordPress, Joomla, static sites).

Options: ``item`` (article links on a list page), ``list_date`` (the item's date beside it; default
its ``<time>``), ``next`` (the next list page), ``title``,
``date``, ``body``, ``category`` (article page). Links to PDFs and other files are skipped with a
reason the crawler counts. A page without a matching body falls back to main-text extraction.
"""
from __future__ import annotations

from crawler.adapters.base import (Adapter, ArticleData, ListItem, ListPage, absolute, block_text, soup_of)
from crawler.adapters.generic import extract_main
from crawler.errors import ParseError


class ListingAdapter(Adapter):
    """A list page of links plus article pages, both described by selectors."""

    name = "listing"
    kind = "listing"

    def _opt(self, key: str, default: str = "") -> str:
        return str(self.options.get(key, default))

    def parse_list(self, html: str | bytes, url: str) -> ListPage:
        """Article links in page order, PDFs and other files skipped, and the next page."""
        soup = soup_of(html)
        page = ListPage()
        for a in soup.select(self._opt("item", "article h2 a[href], h2 a[href]")):
            link = absolute(url, a.get("href"))
            if not page.admit(link):
                continue
            date = None
            holder = a.find_parent(["article", "li", "div"])
            if self._opt("list_date"):  # the item's date beside it, e.g. "div.date_detail"
                for _up in range(3):  # a few levels only, so one item never takes its neighbour's date
                    if holder is None or holder.select_one(self._opt("list_date")) is not None:
                        break
                    holder = holder.find_parent(["article", "li", "div"])
                time_el = holder.select_one(self._opt("list_date")) if holder else None
            else:
                time_el = holder.find("time") if holder else None
            if time_el is not None:
                date = time_el.get("datetime") or time_el.get_text(" ", strip=True)
            page.items.append(ListItem(url=link, title=a.get_text(" ", strip=True), date=date))
        nxt = soup.select_one(self._opt("next", ".older a[href], a.next[href], link[rel=next]"))
        if nxt is not None:
            page.next_url = absolute(url, nxt.get("href"))
        return page

    def parse_article(self, html: str, url: str) -> ArticleData:
        """Title, date, category and body by selector; main-text extraction when the body is missing."""
        soup = soup_of(html)
        title_el = soup.select_one(self._opt("title", "h1"))
        title = " ".join(title_el.get_text().split()) if title_el else ""
        date = None
        date_el = soup.select_one(self._opt("date", "time"))
        if date_el is not None:
            date = date_el.get("datetime") or " ".join(date_el.get_text().split())
        cat_el = soup.select_one(self._opt("category", ".cat a")) if self._opt("category") else None
        body_el = soup.select_one(self._opt("body", ".entry-content"))
        body = ""
        if body_el is not None:
            for sel in self.options.get("drop", []):
                for bad in body_el.select(sel):
                    bad.decompose()
            body = block_text(body_el)
        if not body:
            fallback = extract_main(html, url)
            body = fallback.body
            title = title or fallback.title
            date = date or fallback.date
        if not title and not body:
            raise ParseError(f"no title or body found on {url}")
        return ArticleData(url=url, title=title, body=body, date=date,
                           category=" ".join(cat_el.get_text().split()) if cat_el else "")
