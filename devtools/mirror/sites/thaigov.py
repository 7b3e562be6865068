"""The thaigov.go.th copy: ``/news/contents/details/<id>`` (also ``ministry_details/<id>``, the
same article under a second URL), the site's placeholder page (status 200) for an id without an
article, and ``/`` listing the newest ids."""
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

TITLE = "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-"
_DETAILS = re.compile(r"/news/contents/(?:ministry_)?details/(\d+)")
_HTML = "text/html; charset=utf-8"


def render(m: "Mirror", path: str, query: dict[str, list[str]], root: str) -> Page | None:
    """The page at ``path``, or None when it is not one of this site's."""
    found = _DETAILS.fullmatch(path)
    if found:
        art = m.articles.get(int(found.group(1)))
        if art is None:
            return 200, _placeholder(), _HTML, 0.0
        return 200, _article(art), _HTML, art.modified
    if path == "/":
        return 200, _home(m), _HTML, latest(m.articles, m.articles)
    return None


def _article(art: MirrorArticle) -> bytes:
    title = html.escape(art.title)
    # Since 2024 the site adds a numeric date under the long one.
    numeric = f'<div class="Circular font_level4 color4">{art.day:%d/%m}/{art.day.year + 543}</div>' \
        if art.day.year >= 2024 else ""
    return f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>{TITLE}{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><nav class="navbar"><a href="/">หน้าหลัก</a> <a href="/news/contents/category/1">ข่าวทำเนียบรัฐบาล</a>
<a href="/aboutus">เกี่ยวกับเรา</a></nav>
<div class="container"><div class="row">
<span class="Circular headtitle-2 font_level6 color2 col-xs-9 remove-xs">{html.escape(art.category)}</span>
<div class="border-normal clearfix">
<div class="Circular font_level4 color4 m-b-md">{thai_date(art.day, style="long")}</div>
{numeric}
<div class="text-right"><a href="javascript:window.print()" class="print">พิมพ์</a></div>
<div class="headtitle font_level3 color1 m-b-md">{title}</div>
<div class="Circular font_level3 color1">{title}</div>
<div class="Circular font_level4 color4 m-t-md">
{paras(art.body)}
</div>
</div></div></div>
<footer class="footer">สำนักโฆษก สำนักเลขาธิการนายกรัฐมนตรี ทำเนียบรัฐบาล ถนนพิษณุโลก เขตดุสิต กรุงเทพฯ 10300</footer>
</body></html>""".encode("utf-8")


def _placeholder() -> bytes:
    # The real site dates an empty id at the Unix epoch.
    return f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>{TITLE}</title></head>
<body><nav class="navbar"><a href="/">หน้าหลัก</a></nav>
<div class="container"><div class="row">
<span class="Circular headtitle-2 font_level6 color2 col-xs-9 remove-xs"></span>
<div class="border-normal clearfix">
<div class="Circular font_level4 color4 m-b-md">{thai_date(date(1970, 1, 1), style="long")}</div>
<div class="text-right"><a href="javascript:window.print()" class="print">พิมพ์</a></div>
</div></div></div></body></html>""".encode("utf-8")


def _home(m: "Mirror") -> bytes:
    newest = sorted(m.articles, reverse=True)[:m.home_links]
    links = "\n".join(f'<li><a href="/news/contents/details/{i}">{html.escape(m.articles[i].title)}</a></li>'
                      for i in newest)
    return f"""<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>รัฐบาลไทย</title></head>
<body><h1>ข่าวล่าสุด</h1><ul class="news-list">{links}</ul></body></html>""".encode("utf-8")
