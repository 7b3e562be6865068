"""The prd.go.th copy: the JSON Feed the site uses now (``/th/rss/page/contentjson/id/142/cid/33``:
``title``, ``url``, ``content_html``, ``date_published``), the older RSS 2.0 feed
(``/th/rss/page/content/id/4/cid/11``) and article pages in a generic news layout."""
from __future__ import annotations

import email.utils
import html
import json
import re
from typing import TYPE_CHECKING

from core.thaidates import thai_date
from devtools.mirror.sample import MirrorArticle
from devtools.mirror.sites.common import Page, latest, paras

if TYPE_CHECKING:
    from devtools.mirror.server import Mirror

FEED = "/th/rss/page/contentjson/id/142/cid/33"
RSS = "/th/rss/page/content/id/4/cid/11"
_ARTICLE = re.compile(r"/th/content/category/detail/id/(?:9|33)/iid/(\d+)")


def render(m: "Mirror", path: str, query: dict[str, list[str]], root: str) -> Page | None:
    """The page at ``path``, or None when it is not one of this site's (or not in the feed)."""
    if path == FEED:
        return 200, _json_feed(m), "application/feed+json; charset=utf-8", latest(m.articles, m.prd_ids)
    if path == RSS:
        return 200, _feed(m, root), "application/rss+xml; charset=utf-8", latest(m.articles, m.prd_ids)
    found = _ARTICLE.fullmatch(path)
    if found:
        art = m.articles.get(int(found.group(1)))
        if art is None or art.id not in m.prd_ids:
            return None
        return 200, _article(art), "text/html; charset=utf-8", art.modified
    return None


def _json_feed(m: "Mirror") -> bytes:
    items = [{"id": str(i), "url": f"https://www.prd.go.th/th/content/category/detail/id/33/iid/{i}",
              "title": m.articles[i].title, "content_html": paras(m.articles[i].body),
              "date_published": f"{m.articles[i].date}T08:00:00+07:00"} for i in m.prd_ids]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "กรมประชาสัมพันธ์ - ข่าว",
                       "home_page_url": "https://www.prd.go.th/th/", "items": items}, ensure_ascii=False).encode()


def _feed(m: "Mirror", root: str) -> bytes:
    items = []
    for i in m.prd_ids:
        art = m.articles[i]
        stamp = email.utils.formatdate(art.modified, usegmt=True)
        link = f"{root}/th/content/category/detail/id/9/iid/{i}"
        items.append(f"""<item><title>{html.escape(art.title)}</title><link>{link}</link>
<guid isPermaLink="true">{link}</guid><pubDate>{stamp}</pubDate>
<description>{html.escape(art.body[:200])}</description></item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>กรมประชาสัมพันธ์ - ข่าว</title><link>{root}/</link>
<description>ข่าวจากกรมประชาสัมพันธ์</description><language>th</language>
{''.join(items)}
</channel></rss>""".encode("utf-8")


def _article(art: MirrorArticle) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>{html.escape(art.title)} | กรมประชาสัมพันธ์</title>
<meta property="og:title" content="{html.escape(art.title)}">
<meta property="article:published_time" content="{art.day.isoformat()}T08:00:00+07:00"></head>
<body><header><nav><a href="/th/">หน้าหลัก</a> | <a href="/th/content/category/detail/id/9">ข่าว</a> |
<a href="/th/page/item/index/id/1">เกี่ยวกับกรม</a></nav></header>
<main><article class="news-detail"><h1>{html.escape(art.title)}</h1>
<p class="date">{thai_date(art.day, style="full")}</p>
<div class="news-content">{paras(art.body)}</div></article></main>
<aside><h3>ข่าวอื่น ๆ</h3><ul><li><a href="/th/content/category/detail/id/9/iid/1">ข่าวเก่า</a></li></ul></aside>
<footer>กรมประชาสัมพันธ์ 9 ซอยอารีย์สัมพันธ์ ถนนพระรามที่ 6 เขตพญาไท กรุงเทพฯ 10400</footer></body></html>""".encode("utf-8")
