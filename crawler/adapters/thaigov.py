"""thaigov.go.th: sequential article ids, a placeholder page for missing ids.

Layout (see ../shared/docs/sites.md): ``<title>`` is ``รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-`` + headline; the
body container ``div.border-normal.clearfix`` starts with the date line (``วันพุธที่ 1 พฤษภาคม 2567``,
since about 2024 also ``01/05/2567``), the print button ``พิมพ์`` and the headline, often twice.
"""
from __future__ import annotations

import re

from crawler.adapters.base import Adapter, ArticleData, ListItem, ListPage, absolute, block_text, soup_of
from crawler.errors import NotFoundPage, ParseError

TITLE_PREFIX = "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-"
_ID = re.compile(r"/news/contents/(?:ministry_)?details/(\d+)")
_DATE_LINE = re.compile(r"^วัน\S*ที่\s*\d{1,2}\s+\S+\s+\d{4}$")
_NUM_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")
_PRINT = {"พิมพ์", "print", "Print"}
_SOURCE_LINE = re.compile(r"^ที่มา\s*:\s*https?://\S+$")
_CATEGORY = "span.Circular.headtitle-2"


class ThaigovAdapter(Adapter):
    """Article pages of thaigov.go.th, addressed by sequential id."""

    name = "thaigov"
    kind = "ids"
    url_pattern = "/news/contents/details/{id}"

    def article_path(self, article_id: int) -> str:
        """The path of the article with this id."""
        return self.options.get("path", self.url_pattern).format(id=article_id)

    @staticmethod
    def id_of(url: str) -> int | None:
        """The numeric id in an article URL, or None."""
        m = _ID.search(url)
        return int(m.group(1)) if m else None

    def parse_list(self, html: str | bytes, url: str) -> ListPage:
        """Article links on any page (the home page links the newest ids)."""
        page = ListPage()
        seen: set[str] = set()
        for a in soup_of(html).select("a[href]"):
            link = absolute(url, a.get("href"))
            if link and link not in seen and _ID.search(link):
                seen.add(link)
                page.items.append(ListItem(url=link, title=a.get_text(" ", strip=True)))
        return page

    def parse_article(self, html: str, url: str) -> ArticleData:
        """Headline, date line, section and cleaned body; NotFoundPage for the placeholder."""
        soup = soup_of(html)
        raw_title = " ".join((soup.title.get_text() if soup.title else "").split())
        title = raw_title
        for prefix in (TITLE_PREFIX, "รัฐบาลไทย-"):
            if title.startswith(prefix):
                title = title[len(prefix):].strip()
                break
        if raw_title in (TITLE_PREFIX.rstrip(), TITLE_PREFIX, "รัฐบาลไทย-") or not title:
            raise NotFoundPage(f"placeholder page (no article): {url}")
        box = soup.select_one("div.border-normal.clearfix")
        if box is None:
            raise ParseError(f"no div.border-normal.clearfix on {url}")
        lines = block_text(box).splitlines()
        date = None
        # The head of the container: date line, numeric date, print button, headline (0-3 times).
        while lines:
            line = lines[0].strip().lstrip("\ufeff\u200b")
            if date is None and _DATE_LINE.match(line):
                date = line
            elif _NUM_DATE.match(line) or line in _PRINT or _same(line, title):
                pass
            else:
                break
            lines.pop(0)
        while lines and _SOURCE_LINE.match(lines[-1].strip()):
            lines.pop()
        body = "\n".join(lines).strip()
        if not body and date and date.endswith("2513"):
            raise NotFoundPage(f"placeholder page (epoch date, no body): {url}")
        cat = soup.select_one(_CATEGORY)
        return ArticleData(url=url, title=title, body=body, date=date,
                           category=" ".join(cat.get_text().split()) if cat else "")


def _same(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return "".join(s.split()).strip("\ufeff\u200b")
    return key(a) == key(b)
