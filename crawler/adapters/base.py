"""What every adapter returns, and the base class. Adapters only turn pages into data: never fetch."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from crawler.errors import ParseError

_PDF_LIKE = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|zip|rar|jpe?g|png|gif|mp4|mp3)(?:$|[?#])", re.I)


@dataclass
class ArticleData:
    """What a page says about one article, before normalisation (see :mod:`core.ingest`)."""

    url: str
    title: str = ""
    body: str = ""
    date: str | None = None  # as written on the page: ISO or Thai
    category: str = ""
    agency_hint: str | None = None
    lang: str | None = None


@dataclass
class ListItem:
    """A link found on a list page or feed, with what the list says about it."""

    url: str
    title: str = ""
    date: str | None = None
    summary: str = ""
    # The whole article as HTML when the list itself carries it (a JSON Feed's content_html, the
    # WordPress REST API's content.rendered): then the article page need not be fetched.
    content: str = ""


@dataclass
class ListPage:
    """A list page: article links in page order, the next page, and links dropped with a reason."""

    items: list[ListItem] = field(default_factory=list)
    next_url: str | None = None
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    _seen: set[str] = field(default_factory=set, repr=False, compare=False)

    def admit(self, link: str | None) -> bool:
        """True for a link to list: not empty, not listed before on this page, and not a link the
        crawler skips on purpose (recorded in ``skipped`` with its reason)."""
        if not link or link in self._seen:
            return False
        self._seen.add(link)
        reason = skip_reason(link)
        if reason:
            self.skipped.append((link, reason))
            return False
        return True


class Adapter:
    """Base class. ``kind`` tells the crawler how to walk the source:

    ``"ids"`` (sequential article ids), ``"listing"`` (list pages with a next link) or ``"feed"``.
    """

    name: ClassVar[str] = ""
    kind: ClassVar[str] = "listing"

    def __init__(self, options: dict[str, Any] | None = None):
        self.options = dict(options or {})

    def parse_list(self, html: str | bytes, url: str) -> ListPage:
        """Article links and the next page of a list page."""
        raise NotImplementedError

    def parse_article(self, html: str, url: str) -> ArticleData:
        """Title, date, body and hints of an article page; raises ParseError if there is none."""
        raise NotImplementedError


def soup_of(html: str | bytes) -> BeautifulSoup:
    """Parse HTML leniently (lxml copes with malformed pages)."""
    try:
        return BeautifulSoup(html, "lxml")
    except Exception as e:  # lxml raises assorted errors on truly broken input
        raise ParseError(f"unparseable HTML: {e}") from e


def skip_reason(url: str) -> str | None:
    """Why a link is not an article page (a PDF or other file), or None."""
    m = _PDF_LIKE.search(urlsplit(url).path + ("?" if urlsplit(url).query else ""))
    return f"{m.group(1).lower()} file" if m else None


def absolute(base: str, href: str | None) -> str | None:
    """An absolute http(s) URL for a link, or None for javascript:, mailto:, anchors."""
    if not href:
        return None
    href = href.strip()
    if href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    url = urljoin(base, href)
    return url if url.startswith(("http://", "https://")) else None


def block_text(node) -> str:
    """Text of an element with block boundaries as newlines, blank lines dropped."""
    for br in node.find_all("br"):
        br.replace_with("\n")
    for bad in node.find_all(["script", "style", "noscript", "iframe", "form", "button"]):
        bad.decompose()
    text = node.get_text("\n")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
