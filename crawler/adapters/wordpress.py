"""WordPress sites (moi.go.th, moe.go.th, mol.go.th): the REST API when it answers, else the feed,
else the category archive — whichever of them a start URL is, told from the bytes.

``/wp-json/wp/v2/posts`` (``link``, ``title.rendered``, ``date``, ``content.rendered``) and ``/feed/``
are WordPress defaults (not seen for these sites: a guess, tried first and dropped when they do not
answer); the archives and their theme markup are seen (../shared/docs/sites-evidence.md) and come
from the source's options, as for :class:`~crawler.adapters.listing.ListingAdapter`.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.adapters.base import ListItem, ListPage, absolute, soup_of
from crawler.adapters.feed import FeedAdapter
from crawler.adapters.jsonfeed import load_json
from crawler.adapters.listing import ListingAdapter
from crawler.adapters.prd import looks_like_json
from crawler.errors import ParseError


def _rendered(value) -> str:
    if isinstance(value, dict):
        value = value.get("rendered")
    return value if isinstance(value, str) else ""


def rest_page(raw: str | bytes, url: str) -> ListPage:
    """Posts of a ``/wp-json/wp/v2/posts`` answer; the next page while a page is full."""
    doc = load_json(raw, url)
    if not isinstance(doc, list):
        raise ParseError(f"not a WordPress posts list: {url}")
    page = ListPage()
    for post in doc:
        link = absolute(url, post.get("link")) if isinstance(post, dict) else None
        if not page.admit(link):
            continue
        title = soup_of(_rendered(post.get("title")) or "<p></p>").get_text(" ", strip=True)
        page.items.append(ListItem(url=link, title=title, date=post.get("date"),
                                   content=_rendered(post.get("content"))))
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    per_page = int(query.get("per_page") or 10)
    if doc and len(doc) >= per_page:
        query["page"] = str(int(query.get("page") or 1) + 1)
        page.next_url = urlunsplit(parts._replace(query=urlencode(query)))
    return page


class WordPressAdapter(ListingAdapter):
    """REST posts, an RSS/Atom feed or a theme's category archive; posts by the theme's selectors."""

    name = "wordpress"
    kind = "feed"  # REST, feed and archive state title and date as data

    def parse_list(self, html: str | bytes, url: str) -> ListPage:
        """The posts of whichever of REST answer, feed or archive page this is."""
        if looks_like_json(html):
            return rest_page(html, url)
        head = html[:300].decode("utf-8", "replace") if isinstance(html, bytes) else html[:300]
        if "<rss" in head or "<feed" in head:
            return FeedAdapter().parse_list(html, url)
        return super().parse_list(html, url)
