"""The moi.go.th copy (WordPress, Soledad theme): ``/moi/category/moi-news/`` and ``page/N/``,
posts at ``/moi/archives/<id>/``; page 1 also lists a PDF and a second URL (``/moi/?p=<id>``) of
its first post."""
from __future__ import annotations

import html
import re
from datetime import date
from typing import TYPE_CHECKING

from core.thaidates import thai_date
from devtools.mirror.sample import MirrorArticle
from devtools.mirror.sites.common import Page, latest, paras

if TYPE_CHECKING:
    from devtools.mirror.server import Mirror

LIST = "/moi/category/moi-news/"
_LIST_PAGE = re.compile(r"/moi/category/moi-news/(?:page/(\d+)/)?")
_POST = re.compile(r"/moi/archives/(\d+)/")
_HTML = "text/html; charset=UTF-8"


def render(m: "Mirror", path: str, query: dict[str, list[str]], root: str) -> Page | None:
    """The page at ``path``, or None when it is not one of this site's (or not a moi post)."""
    if path == "/moi/" and "p" in query:
        return _post_page(m, int(query["p"][0]) if query["p"][0].isdigit() else None, root)
    found = _LIST_PAGE.fullmatch(path)
    if found:
        return _list(m, int(found.group(1) or 1))
    found = _POST.fullmatch(path)
    if found:
        return _post_page(m, int(found.group(1)), root)
    if path.endswith(".pdf"):
        return 200, b"%PDF-1.4\n% not a real pdf\n", "application/pdf", 0.0
    return None


def _post_page(m: "Mirror", article_id: int | None, root: str) -> Page | None:
    art = m.articles.get(article_id) if article_id is not None else None
    if art is None or art.id not in m.moi_ids:
        return None
    return 200, _post(art, root), _HTML, art.modified


def _list(m: "Mirror", page: int) -> Page | None:
    per = m.moi_per_page
    ids = m.moi_ids[(page - 1) * per: page * per]
    if not ids:
        return None
    items = []
    if page == 1:
        # The real list mixes in PDF announcements and the odd second URL of a post.
        items.append(_item("/moi/wp-content/uploads/2024/03/ประกาศกระทรวงมหาดไทย.pdf",
                           "ประกาศกระทรวงมหาดไทย (PDF)", m.articles[ids[0]].day))
    for i in ids:
        art = m.articles[i]
        items.append(_item(f"/moi/archives/{i}/", art.title, art.day, art.body[:160]))
    if page == 1:
        first = m.articles[ids[0]]
        items.append(_item(f"/moi/?p={first.id}", first.title, first.day))
    older = f'<div class="older"><a href="{LIST}page/{page + 1}/">Older Posts</a></div>' \
        if len(m.moi_ids) > page * per else ""
    newer = f'<div class="newer"><a href="{LIST}' + (f'page/{page - 1}/' if page > 2 else "") + \
        '">Newer Posts</a></div>' if page > 1 else ""
    body = f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="UTF-8"><title>ข่าวกระทรวงมหาดไทย – กระทรวงมหาดไทย</title></head>
<body class="archive category"><header id="header"><nav id="navigation"><ul class="menu">
<li><a href="/moi/">หน้าแรก</a></li><li><a href="{LIST}">ข่าวกระทรวงมหาดไทย</a></li></ul></nav></header>
<div class="container penci_sidebar"><div id="main">
<ul class="penci-wrapper-data penci-grid">
{''.join(items)}
</ul>
<div class="penci-pagination align-left">{newer}{older}</div>
</div><aside class="widget-area"><h4 class="widget-title">ข่าวล่าสุด</h4>
<ul><li><a href="/moi/tag/covid-19/">COVID-19</a></li></ul></aside></div>
<footer id="footer-section">กระทรวงมหาดไทย ถนนอัษฎางค์ กรุงเทพฯ 10200</footer></body></html>"""
    return 200, body.encode("utf-8"), _HTML, latest(m.articles, ids)


def _item(href: str, title: str, day: date, excerpt: str = "") -> str:
    return f"""<li class="grid-style"><article class="item hentry">
<div class="thumbnail"><a class="penci-image-holder" href="{html.escape(href)}"></a></div>
<div class="grid-header-box"><span class="cat"><a class="penci-cat-name" href="{LIST}">ข่าวกระทรวงมหาดไทย</a></span>
<h2 class="penci-entry-title entry-title grid-title"><a href="{html.escape(href)}">{html.escape(title)}</a></h2>
<div class="grid-post-box-meta"><span class="otherl-date"><time class="entry-date published" datetime="{day.isoformat()}T09:00:00+07:00">{thai_date(day, style="full")}</time></span></div></div>
<div class="item-content entry-content"><p>{html.escape(excerpt)}</p></div></article></li>
"""


def _post(art: MirrorArticle, root: str) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="UTF-8"><title>{html.escape(art.title)} – กระทรวงมหาดไทย</title>
<link rel="canonical" href="{root}/moi/archives/{art.id}/"></head>
<body class="post-template-default single single-post"><header id="header"><nav id="navigation">
<ul class="menu"><li><a href="/moi/">หน้าแรก</a></li><li><a href="{LIST}">ข่าวกระทรวงมหาดไทย</a></li></ul></nav></header>
<div class="container container-single penci_sidebar"><div id="main"><article class="post type-post status-publish">
<div class="header-standard header-classic single-header">
<div class="penci-standard-cat"><span class="cat"><a class="penci-cat-name" href="{LIST}">ข่าวกระทรวงมหาดไทย</a></span></div>
<h1 class="post-title single-post-title entry-title">{html.escape(art.title)}</h1>
<div class="post-box-meta-single"><span class="author-post byline">โดย กองสารนิเทศ</span>
<span><time class="entry-date published" datetime="{art.day.isoformat()}T09:00:00+07:00">{thai_date(art.day, style="full")}</time></span></div></div>
<div class="post-entry blockquote-style-1"><div class="inner-post-entry entry-content" id="penci-post-entry-inner">
{paras(art.body)}
<div class="penci-single-link-pages"></div>
<div class="post-tags"><a href="/moi/tag/moi/" rel="tag">มหาดไทย</a></div>
</div></div>
<div class="post-share"><a href="https://www.facebook.com/sharer/sharer.php">แชร์</a></div>
</article></div></div><footer id="footer-section">กระทรวงมหาดไทย ถนนอัษฎางค์ กรุงเทพฯ 10200</footer></body></html>""".encode("utf-8")
