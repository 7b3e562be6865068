"""The pr.moi.go.th copy: old static pages in windows-874 (``/news.htm``, ``/news/pr<id>.htm``)."""
from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from core.thaidates import thai_date
from devtools.mirror.sample import MirrorArticle
from devtools.mirror.sites.common import Page, latest, paras

if TYPE_CHECKING:
    from devtools.mirror.server import Mirror

LIST = "/news.htm"
_ARTICLE = re.compile(r"/news/pr(\d+)\.htm")


def render(m: "Mirror", path: str, query: dict[str, list[str]], root: str) -> Page | None:
    """The page at ``path``, or None when it is not one of this site's."""
    if path == LIST:
        return 200, _list(m), "text/html; charset=TIS-620", latest(m.articles, m.pr_ids)
    found = _ARTICLE.fullmatch(path)
    if found:
        art = m.articles.get(int(found.group(1)))
        if art is None or art.id not in m.pr_ids:
            return None
        # No charset in the header: the page's own <meta> has to be read (old static sites).
        return 200, _article(art), "text/html", art.modified
    return None


def _list(m: "Mirror") -> bytes:
    rows = "\n".join(
        f'<tr><td><a href="news/pr{i}.htm">{html.escape(m.articles[i].title)}</a></td>'
        f'<td class="date">{thai_date(m.articles[i].day, style="full")}</td></tr>' for i in m.pr_ids)
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-874">
<title>ข่าวประชาสัมพันธ์ กองสารนิเทศ สป.มท.</title></head><body bgcolor="#FFFFFF">
<table width="760" border="0"><tr><td><font size="4"><b>ข่าวประชาสัมพันธ์</b></font></td></tr>
{rows}
</table></body></html>"""
    return page.encode("cp874", "xmlcharrefreplace")


def _article(art: MirrorArticle) -> bytes:
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=tis-620">
<title>{html.escape(art.title)}</title></head><body bgcolor="#FFFFFF">
<table width="760" border="0"><tr><td><a href="../news.htm">กลับหน้าข่าว</a></td></tr>
<tr><td><h2>{html.escape(art.title)}</h2><div class="date">{thai_date(art.day, style="full")}</div>
<div class="content">{paras(art.body)}</div></td></tr></table></body></html>"""
    return page.encode("cp874", "xmlcharrefreplace")
