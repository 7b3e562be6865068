"""Next.js sites (mfa.go.th): list cards from the evidenced markup, articles from ``__NEXT_DATA__``.

Evidence (../shared/docs/sites-evidence.md): lists ``/th/content-category/<name>?p=N`` (or
``/th/page/<name>?menu=<oid>&p=N``) with cards ``div.p-3.col-md-4``, dates ``p.date`` ("18 มี.ค. 2566");
articles ``/th/content/<slug>?cate=<24-hex id>``. Class names in the article are hashed per build, so
the article is read from the ``__NEXT_DATA__`` JSON the page embeds. Its key names were not seen (a
guess), so the reader looks for the object that holds a title and the longest text rather than for
fixed keys; the seen ``ContentDetailstyled__ContentDescription`` element is the fall-back.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.adapters.base import Adapter, ArticleData, ListItem, ListPage, absolute, block_text, soup_of
from crawler.errors import ParseError

_TITLE_KEYS = ("title", "name", "subject", "topic", "headline")
_DATE_KEY = re.compile(r"(publish|created|date|posted|start)", re.I)
_ARTICLE = re.compile(r"/content/[^?#]+")


def _objects(node: Any) -> Iterator[dict]:
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _objects(v)
    elif isinstance(node, list):
        for v in node:
            yield from _objects(v)


def _text_of(value: str) -> str:
    return block_text(soup_of(value)) if "<" in value else value.strip()


def article_in(data: Any) -> tuple[str, str, str | None] | None:
    """(title, body, date) of the object in a ``__NEXT_DATA__`` tree with a title and the longest text."""
    best: tuple[int, str, str, str | None] | None = None
    for obj in _objects(data):
        title = next((obj[k] for k in obj if k.lower() in _TITLE_KEYS and isinstance(obj[k], str) and obj[k].strip()),
                     None)
        if not title:
            continue
        texts = [v for k, v in obj.items() if isinstance(v, str) and v is not title and len(v) > 150]
        if not texts:
            continue
        body = max(texts, key=len)
        date = next((v for k, v in obj.items() if isinstance(v, str) and _DATE_KEY.search(k) and re.search(r"\d", v)),
                    None)
        if best is None or len(body) > best[0]:
            best = (len(body), title.strip(), body, date)
    return (best[1], _text_of(best[2]), best[3]) if best else None


class NextjsAdapter(Adapter):
    """Cards of a Next.js list page; the article from the page's ``__NEXT_DATA__``."""

    name = "nextjs"
    kind = "feed"  # the card's title and date are data; nothing else on the article is markup we know

    def parse_list(self, html: str | bytes, url: str) -> ListPage:
        """Cards in page order; the next page is ``p=N+1`` while a page has cards."""
        soup = soup_of(html)
        page = ListPage()
        for card in soup.select(self.options.get("item", "div.p-3.col-md-4")):
            a = card.find("a", href=_ARTICLE) or card.find("a", href=True)
            link = absolute(url, a.get("href")) if a else None
            if not page.admit(link):
                continue
            date_el = card.select_one(self.options.get("date", "p.date"))
            title_el = card.find(["h1", "h2", "h3", "h4", "h5"]) or a
            page.items.append(ListItem(url=link, title=" ".join(title_el.get_text(" ").split()),
                                       date=" ".join(date_el.get_text(" ").split()) if date_el else None))
        if page.items:
            parts = urlsplit(url)
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            query["p"] = str(int(query.get("p") or 1) + 1)
            page.next_url = urlunsplit(parts._replace(query=urlencode(query)))
        return page

    def parse_article(self, html: str, url: str) -> ArticleData:
        """Title, body and date from ``__NEXT_DATA__``; the seen description element as the fall-back."""
        soup = soup_of(html)
        script = soup.find("script", id="__NEXT_DATA__")
        found = None
        if script is not None and script.string:
            try:
                found = article_in(json.loads(script.string))
            except json.JSONDecodeError:
                found = None
        if found:
            title, body, date = found
            return ArticleData(url=url, title=title, body=body, date=date)
        desc = soup.select_one("[class*=ContentDetailstyled__ContentDescription]")
        if desc is None:
            raise ParseError(f"no __NEXT_DATA__ article and no content description on {url}")
        h1 = soup.find("h1")
        return ArticleData(url=url, title=" ".join(h1.get_text(" ").split()) if h1 else "", body=block_text(desc))
