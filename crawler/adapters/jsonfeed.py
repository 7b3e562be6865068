"""JSON feeds: JSON Feed 1.1 (``items`` with ``url``, ``title``, ``content_html``, ``date_published``;
prd.go.th's ``/th/rss/page/contentjson/…``) and the ``{"data": [{"title", "link", …}]}`` shape of
moj.go.th's ``/feeds/<id>?type=json`` (see ../shared/docs/sites-evidence.md).

A JSON Feed item that carries its whole text is stored from the feed (no article request); an item
with only a link is read from its article page by main-text extraction.
"""
from __future__ import annotations

import json
from typing import Any

from crawler.adapters.base import Adapter, ArticleData, ListItem, ListPage, absolute
from crawler.adapters.generic import extract_required
from crawler.errors import ParseError


def load_json(raw: str | bytes, url: str) -> Any:
    """The JSON document of a feed; ParseError (not a traceback) for anything else."""
    try:
        return json.loads(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ParseError(f"not a JSON feed: {url}: {e}") from None


def json_feed_page(doc: Any, url: str) -> ListPage:
    """The items of a JSON Feed 1.x or of a ``{"data": [...]}`` feed, in feed order."""
    page = ListPage()
    if isinstance(doc, dict) and isinstance(doc.get("items"), list):
        for it in doc["items"]:
            if not isinstance(it, dict):
                continue
            _add(page, url, it.get("url") or it.get("external_url") or it.get("id"), it.get("title"),
                 it.get("date_published") or it.get("date_modified"),
                 it.get("content_html") or _paras(it.get("content_text")), it.get("summary"))
        page.next_url = absolute(url, doc.get("next_url")) if isinstance(doc.get("next_url"), str) else None
        return page
    if isinstance(doc, dict) and isinstance(doc.get("data"), list):
        for it in doc["data"]:
            if isinstance(it, dict):
                _add(page, url, it.get("link"), it.get("title"), None, "", "")
        return page
    raise ParseError(f"not a JSON Feed nor a {{\"data\": [...]}} feed: {url}")


def _add(page: ListPage, base: str, link: Any, title: Any, date: Any, content: Any, summary: Any) -> None:
    link = absolute(base, link) if isinstance(link, str) else None
    if not page.admit(link):
        return
    page.items.append(ListItem(url=link, title=str(title or "").strip(), date=str(date) if date else None,
                               summary=str(summary or ""), content=str(content or "")))


def _paras(text: Any) -> str:
    if not isinstance(text, str) or not text.strip():
        return ""
    from html import escape

    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())


class JsonFeedAdapter(Adapter):
    """A JSON Feed 1.1 or a ``{"data": [...]}`` feed; article pages by main-text extraction."""

    name = "jsonfeed"
    kind = "feed"

    def parse_list(self, html: str | bytes, url: str) -> ListPage:
        """The feed's items; ParseError for something that is not one of the two shapes."""
        return json_feed_page(load_json(html, url), url)

    def parse_article(self, html: str, url: str) -> ArticleData:
        """The article page by main-text extraction (the feed gave title and date)."""
        return extract_required(html, url)
