"""A local mirror of the real sites, on 127.0.0.1, serving real articles in the real layouts.

One server holds four sites side by side (their paths do not collide), so each source's
``--base-url`` is the mirror's root:

- thaigov.go.th copy: ``/news/contents/details/<id>`` (also ``ministry_details/<id>``, the same
  article under a second URL); any id without an article answers 200 with the site's placeholder
  page; ``/`` lists the newest ids.
- moi.go.th copy (WordPress, Soledad theme): ``/moi/category/moi-news/`` and ``/page/N/``, posts at
  ``/moi/archives/<id>/``; page 1 also lists a PDF and a second URL (``/moi/?p=<id>``) of its first post.
- prd.go.th copy: an RSS 2.0 feed at ``/th/rss/page/content/id/4/cid/11``, article pages in a
  generic news layout.
- pr.moi.go.th copy: old static pages in windows-874 (``/news.htm``, ``/news/pr<id>.htm``).

Every page has an ETag and a Last-Modified and answers conditional GETs with 304. Tests inject
faults per path (:meth:`Mirror.fault`) and edit articles (:meth:`Mirror.edit`). The articles come
from the bundled sample (``crawler/data/sample.jsonl.gz``) unless others are given, so neither the
tests nor the demo need ``../shared``.

Run it by hand: ``python -m crawler.mirror [--port 8001]``.
"""
from __future__ import annotations

import email.utils
import gzip
import hashlib
import html
import json
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import parse_qs, urlsplit

THAIGOV_TITLE = "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-"
MOI_LIST = "/moi/category/moi-news/"
PRD_FEED = "/th/rss/page/content/id/4/cid/11"
PR_LIST = "/news.htm"
_MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
           "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
_DAYS = ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"]
_MOI_MARK = re.compile(r"มหาดไทย|มท\.|สป\.มท")
_PRD_MARK = re.compile(r"#NNT|กรมประชาสัมพันธ์|สำนักข่าวกรมประชาสัมพันธ์")


_SITES: dict[str, tuple[list[int], list[int]]] = {}


@dataclass
class MirrorArticle:
    """One article as the mirror serves it."""

    id: int
    title: str
    body: str
    date: str  # ISO
    category: str = ""
    lang: str = "th"
    modified: float = 0.0  # epoch seconds; Last-Modified

    @property
    def day(self) -> date:
        return date.fromisoformat(self.date[:10])


def thai_long_date(d: date) -> str:
    """``วันพุธที่ 1 พฤษภาคม 2567``, as thaigov.go.th writes its date line."""
    return f"วัน{_DAYS[d.weekday()]}ที่ {d.day} {_MONTHS[d.month - 1]} {d.year + 543}"


def thai_date(d: date) -> str:
    """``4 มีนาคม 2567``, as WordPress themes in Thai write dates."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year + 543}"


def load_sample(path: str | Path | None = None, limit: int | None = None) -> list[dict]:
    """Records (corpus format) from the bundled sample or from a .jsonl[.gz] file."""
    if path is None:
        raw = files("crawler").joinpath("data/sample.jsonl.gz").read_bytes()
        lines = gzip.decompress(raw).decode("utf-8").splitlines()
    else:
        opener = gzip.open if str(path).endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            lines = f.read().splitlines()
    out = [json.loads(line) for line in lines if line.strip()]
    return out[:limit] if limit else out


def _article_of(rec: dict) -> MirrorArticle:
    aid = int(str(rec.get("id") or rec["url"]).rstrip("/").rsplit("/", 1)[-1])
    d = date.fromisoformat(rec["date"][:10])
    modified = datetime(d.year, d.month, d.day, 12, tzinfo=timezone.utc).timestamp()
    return MirrorArticle(id=aid, title=rec["title"], body=rec["body"], date=rec["date"][:10],
                         category=rec.get("category", ""), lang=rec.get("lang", "th"), modified=modified)


def _paras(body: str) -> str:
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())


@dataclass
class Fault:
    """A fault injected on one path: ``kind`` with parameters, for ``times`` requests (None = always)."""

    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    times: int | None = None


class Mirror:
    """The mirror server. ``with Mirror() as m: m.base_url`` — a random port on 127.0.0.1."""

    def __init__(self, records: Iterable[dict] | None = None, *, moi_per_page: int = 10, feed_size: int = 20,
                 pr_size: int = 15, home_links: int = 20, host: str = "127.0.0.1", port: int = 0):
        from core.attribution import attribute  # the mirror picks each site's articles as a reader would

        recs = list(records) if records is not None else load_sample()
        self.articles: dict[int, MirrorArticle] = {}
        for rec in recs:
            art = _article_of(rec)
            self.articles[art.id] = art
        key = hashlib.sha1(json.dumps([(a.id, a.title) for a in self.articles.values()]).encode()).hexdigest()
        if key not in _SITES:  # attribution is the slow part; tests start many mirrors of one sample
            moi, prd = [], []
            for art in self.articles.values():
                head = art.title + "\n" + art.body[-700:]
                if attribute(art.title, art.body, publisher="thaigov.go.th").agency.startswith("moi") \
                        or _MOI_MARK.search(art.title):
                    moi.append(art.id)
                elif _PRD_MARK.search(head):
                    prd.append(art.id)
            _SITES[key] = (moi, prd)
        moi, prd = (list(x) for x in _SITES[key])
        newest = sorted(self.articles, key=lambda i: (self.articles[i].date, i), reverse=True)
        self.moi_ids = sorted(moi, key=lambda i: (self.articles[i].date, i), reverse=True)
        self.prd_ids = (sorted(prd, key=lambda i: (self.articles[i].date, i), reverse=True) + newest)
        self.prd_ids = list(dict.fromkeys(self.prd_ids))[:feed_size]
        self.pr_ids = sorted(self.articles, key=lambda i: (self.articles[i].date, i))[:pr_size]
        self.moi_per_page = moi_per_page
        # The real home page links about 20 of the newest articles; the demo links them all, so a
        # first crawl of the bundled sample finds every year of it.
        self.home_links = home_links
        self.robots = "User-agent: *\nAllow: /\n"
        self.robots_status = 200
        self.faults: dict[str, Fault] = {}
        self.log: list[dict] = []
        self._lock = threading.Lock()
        self._server = _Server((host, port), _Handler)
        self._server.daemon_threads = True
        self._server.mirror = self  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``, the root of every mirrored site."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        """An absolute mirror URL for a path."""
        return self.base_url + path

    def start(self) -> "Mirror":
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="mirror", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._thread is not None:  # shutdown() waits for serve_forever, so only if it runs
            self._server.shutdown()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> "Mirror":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- test controls ----------------------------------------------------------------------
    def fault(self, path: str, kind: str, times: int | None = None, **params: Any) -> None:
        """Inject a fault on a path. Kinds: ``status`` (code), ``retry_after`` (code, seconds),
        ``slow`` (seconds), ``redirect`` (to), ``huge`` (size, declared), ``garbage``, ``malformed``."""
        with self._lock:
            self.faults[path] = Fault(kind, params, times)

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        with self._lock:
            self.faults.clear()

    def edit(self, article_id: int, **changes: Any) -> None:
        """Change an article (title, body, …); its ETag and Last-Modified change with it."""
        art = self.articles[article_id]
        for k, v in changes.items():
            setattr(art, k, v)
        art.modified = max(time.time(), art.modified + 1)

    def requests(self, status: int | None = None, prefix: str = "") -> list[dict]:
        """Logged requests, optionally only those with a status / under a path prefix."""
        with self._lock:
            return [r for r in self.log if (status is None or r["status"] == status)
                    and r["path"].startswith(prefix)]

    def reset_log(self) -> None:
        """Forget the request log."""
        with self._lock:
            self.log.clear()

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            f = self.faults.get(path)
            if f is None:
                return None
            if f.times is not None:
                f.times -= 1
                if f.times <= 0:
                    del self.faults[path]
            return f

    # -- pages ------------------------------------------------------------------------------
    def render(self, path: str, query: dict[str, list[str]], root: str) -> tuple[int, bytes, str, float] | None:
        """(status, body, content type, last modified) for a path, or None for 404."""
        m = re.fullmatch(r"/news/contents/(?:ministry_)?details/(\d+)", path)
        if m:
            art = self.articles.get(int(m.group(1)))
            if art is None:
                return 200, self._thaigov_placeholder(), "text/html; charset=utf-8", 0.0
            return 200, self._thaigov_page(art), "text/html; charset=utf-8", art.modified
        if path == "/":
            return 200, self._thaigov_home(), "text/html; charset=utf-8", self._latest(self.articles)
        if path == "/moi/" and "p" in query:
            art = self.articles.get(int(query["p"][0])) if query["p"][0].isdigit() else None
            if art is None or art.id not in self.moi_ids:
                return None
            return 200, self._moi_post(art, root), "text/html; charset=UTF-8", art.modified
        m = re.fullmatch(r"/moi/category/moi-news/(?:page/(\d+)/)?", path)
        if m:
            return self._moi_list(int(m.group(1) or 1))
        m = re.fullmatch(r"/moi/archives/(\d+)/", path)
        if m:
            art = self.articles.get(int(m.group(1)))
            if art is None or art.id not in self.moi_ids:
                return None
            return 200, self._moi_post(art, root), "text/html; charset=UTF-8", art.modified
        if path.endswith(".pdf"):
            return 200, b"%PDF-1.4\n% not a real pdf\n", "application/pdf", 0.0
        if path == PRD_FEED:
            return 200, self._prd_feed(root), "application/rss+xml; charset=utf-8", self._latest(self.prd_ids)
        m = re.fullmatch(r"/th/content/category/detail/id/9/iid/(\d+)", path)
        if m:
            art = self.articles.get(int(m.group(1)))
            if art is None or art.id not in self.prd_ids:
                return None
            return 200, self._prd_page(art), "text/html; charset=utf-8", art.modified
        if path == PR_LIST:
            return 200, self._pr_list(), "text/html; charset=TIS-620", self._latest(self.pr_ids)
        m = re.fullmatch(r"/news/pr(\d+)\.htm", path)
        if m:
            art = self.articles.get(int(m.group(1)))
            if art is None or art.id not in self.pr_ids:
                return None
            # No charset in the header: the page's own <meta> has to be read (old static sites).
            return 200, self._pr_page(art), "text/html", art.modified
        return None

    def _latest(self, ids: Iterable[int]) -> float:
        return max((self.articles[i].modified for i in ids if i in self.articles), default=0.0)

    # thaigov.go.th
    def _thaigov_page(self, art: MirrorArticle) -> bytes:
        title = html.escape(art.title)
        numeric = f'<div class="Circular font_level4 color4">{art.day:%d/%m}/{art.day.year + 543}</div>' \
            if art.day.year >= 2024 else ""
        return f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>{THAIGOV_TITLE}{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><nav class="navbar"><a href="/">หน้าหลัก</a> <a href="/news/contents/category/1">ข่าวทำเนียบรัฐบาล</a>
<a href="/aboutus">เกี่ยวกับเรา</a></nav>
<div class="container"><div class="row">
<span class="Circular headtitle-2 font_level6 color2 col-xs-9 remove-xs">{html.escape(art.category)}</span>
<div class="border-normal clearfix">
<div class="Circular font_level4 color4 m-b-md">{thai_long_date(art.day)}</div>
{numeric}
<div class="text-right"><a href="javascript:window.print()" class="print">พิมพ์</a></div>
<div class="headtitle font_level3 color1 m-b-md">{title}</div>
<div class="Circular font_level3 color1">{title}</div>
<div class="Circular font_level4 color4 m-t-md">
{_paras(art.body)}
</div>
</div></div></div>
<footer class="footer">สำนักโฆษก สำนักเลขาธิการนายกรัฐมนตรี ทำเนียบรัฐบาล ถนนพิษณุโลก เขตดุสิต กรุงเทพฯ 10300</footer>
</body></html>""".encode("utf-8")

    def _thaigov_placeholder(self) -> bytes:
        return f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>{THAIGOV_TITLE}</title></head>
<body><nav class="navbar"><a href="/">หน้าหลัก</a></nav>
<div class="container"><div class="row">
<span class="Circular headtitle-2 font_level6 color2 col-xs-9 remove-xs"></span>
<div class="border-normal clearfix">
<div class="Circular font_level4 color4 m-b-md">วันพฤหัสบดีที่ 1 มกราคม 2513</div>
<div class="text-right"><a href="javascript:window.print()" class="print">พิมพ์</a></div>
</div></div></div></body></html>""".encode("utf-8")

    def _thaigov_home(self) -> bytes:
        newest = sorted(self.articles, reverse=True)[:self.home_links]
        links = "\n".join(f'<li><a href="/news/contents/details/{i}">{html.escape(self.articles[i].title)}</a></li>'
                          for i in newest)
        return f"""<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>รัฐบาลไทย</title></head>
<body><h1>ข่าวล่าสุด</h1><ul class="news-list">{links}</ul></body></html>""".encode("utf-8")

    # moi.go.th (WordPress, Soledad)
    def _moi_list(self, page: int) -> tuple[int, bytes, str, float] | None:
        per = self.moi_per_page
        ids = self.moi_ids[(page - 1) * per: page * per]
        if not ids:
            return None
        items = []
        if page == 1:
            # The real list mixes in PDF announcements and the odd second URL of a post.
            items.append(self._moi_item("/moi/wp-content/uploads/2024/03/ประกาศกระทรวงมหาดไทย.pdf",
                                        "ประกาศกระทรวงมหาดไทย (PDF)", self.articles[ids[0]].day))
        for i in ids:
            art = self.articles[i]
            items.append(self._moi_item(f"/moi/archives/{i}/", art.title, art.day, art.body[:160]))
        if page == 1:
            first = self.articles[ids[0]]
            items.append(self._moi_item(f"/moi/?p={first.id}", first.title, first.day))
        older = f'<div class="older"><a href="{MOI_LIST}page/{page + 1}/">Older Posts</a></div>' \
            if len(self.moi_ids) > page * per else ""
        newer = f'<div class="newer"><a href="{MOI_LIST}' + (f'page/{page - 1}/' if page > 2 else "") + \
            '">Newer Posts</a></div>' if page > 1 else ""
        body = f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="UTF-8"><title>ข่าวกระทรวงมหาดไทย – กระทรวงมหาดไทย</title></head>
<body class="archive category"><header id="header"><nav id="navigation"><ul class="menu">
<li><a href="/moi/">หน้าแรก</a></li><li><a href="{MOI_LIST}">ข่าวกระทรวงมหาดไทย</a></li></ul></nav></header>
<div class="container penci_sidebar"><div id="main">
<ul class="penci-wrapper-data penci-grid">
{''.join(items)}
</ul>
<div class="penci-pagination align-left">{newer}{older}</div>
</div><aside class="widget-area"><h4 class="widget-title">ข่าวล่าสุด</h4>
<ul><li><a href="/moi/tag/covid-19/">COVID-19</a></li></ul></aside></div>
<footer id="footer-section">กระทรวงมหาดไทย ถนนอัษฎางค์ กรุงเทพฯ 10200</footer></body></html>"""
        return 200, body.encode("utf-8"), "text/html; charset=UTF-8", self._latest(ids)

    @staticmethod
    def _moi_item(href: str, title: str, day: date, excerpt: str = "") -> str:
        return f"""<li class="grid-style"><article class="item hentry">
<div class="thumbnail"><a class="penci-image-holder" href="{html.escape(href)}"></a></div>
<div class="grid-header-box"><span class="cat"><a class="penci-cat-name" href="{MOI_LIST}">ข่าวกระทรวงมหาดไทย</a></span>
<h2 class="penci-entry-title entry-title grid-title"><a href="{html.escape(href)}">{html.escape(title)}</a></h2>
<div class="grid-post-box-meta"><span class="otherl-date"><time class="entry-date published" datetime="{day.isoformat()}T09:00:00+07:00">{thai_date(day)}</time></span></div></div>
<div class="item-content entry-content"><p>{html.escape(excerpt)}</p></div></article></li>
"""

    def _moi_post(self, art: MirrorArticle, root: str) -> bytes:
        return f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="UTF-8"><title>{html.escape(art.title)} – กระทรวงมหาดไทย</title>
<link rel="canonical" href="{root}/moi/archives/{art.id}/"></head>
<body class="post-template-default single single-post"><header id="header"><nav id="navigation">
<ul class="menu"><li><a href="/moi/">หน้าแรก</a></li><li><a href="{MOI_LIST}">ข่าวกระทรวงมหาดไทย</a></li></ul></nav></header>
<div class="container container-single penci_sidebar"><div id="main"><article class="post type-post status-publish">
<div class="header-standard header-classic single-header">
<div class="penci-standard-cat"><span class="cat"><a class="penci-cat-name" href="{MOI_LIST}">ข่าวกระทรวงมหาดไทย</a></span></div>
<h1 class="post-title single-post-title entry-title">{html.escape(art.title)}</h1>
<div class="post-box-meta-single"><span class="author-post byline">โดย กองสารนิเทศ</span>
<span><time class="entry-date published" datetime="{art.day.isoformat()}T09:00:00+07:00">{thai_date(art.day)}</time></span></div></div>
<div class="post-entry blockquote-style-1"><div class="inner-post-entry entry-content" id="penci-post-entry-inner">
{_paras(art.body)}
<div class="penci-single-link-pages"></div>
<div class="post-tags"><a href="/moi/tag/moi/" rel="tag">มหาดไทย</a></div>
</div></div>
<div class="post-share"><a href="https://www.facebook.com/sharer/sharer.php">แชร์</a></div>
</article></div></div><footer id="footer-section">กระทรวงมหาดไทย ถนนอัษฎางค์ กรุงเทพฯ 10200</footer></body></html>""".encode("utf-8")

    # prd.go.th
    def _prd_feed(self, root: str) -> bytes:
        items = []
        for i in self.prd_ids:
            art = self.articles[i]
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

    def _prd_page(self, art: MirrorArticle) -> bytes:
        return f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>{html.escape(art.title)} | กรมประชาสัมพันธ์</title>
<meta property="og:title" content="{html.escape(art.title)}">
<meta property="article:published_time" content="{art.day.isoformat()}T08:00:00+07:00"></head>
<body><header><nav><a href="/th/">หน้าหลัก</a> | <a href="/th/content/category/detail/id/9">ข่าว</a> |
<a href="/th/page/item/index/id/1">เกี่ยวกับกรม</a></nav></header>
<main><article class="news-detail"><h1>{html.escape(art.title)}</h1>
<p class="date">{thai_date(art.day)}</p>
<div class="news-content">{_paras(art.body)}</div></article></main>
<aside><h3>ข่าวอื่น ๆ</h3><ul><li><a href="/th/content/category/detail/id/9/iid/1">ข่าวเก่า</a></li></ul></aside>
<footer>กรมประชาสัมพันธ์ 9 ซอยอารีย์สัมพันธ์ ถนนพระรามที่ 6 เขตพญาไท กรุงเทพฯ 10400</footer></body></html>""".encode("utf-8")

    # pr.moi.go.th (old static pages, windows-874)
    def _pr_list(self) -> bytes:
        rows = "\n".join(
            f'<tr><td><a href="news/pr{i}.htm">{html.escape(self.articles[i].title)}</a></td>'
            f'<td class="date">{thai_date(self.articles[i].day)}</td></tr>' for i in self.pr_ids)
        page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-874">
<title>ข่าวประชาสัมพันธ์ กองสารนิเทศ สป.มท.</title></head><body bgcolor="#FFFFFF">
<table width="760" border="0"><tr><td><font size="4"><b>ข่าวประชาสัมพันธ์</b></font></td></tr>
{rows}
</table></body></html>"""
        return page.encode("cp874", "xmlcharrefreplace")

    def _pr_page(self, art: MirrorArticle) -> bytes:
        page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=tis-620">
<title>{html.escape(art.title)}</title></head><body bgcolor="#FFFFFF">
<table width="760" border="0"><tr><td><a href="../news.htm">กลับหน้าข่าว</a></td></tr>
<tr><td><h2>{html.escape(art.title)}</h2><div class="date">{thai_date(art.day)}</div>
<div class="content">{_paras(art.body)}</div></td></tr></table></body></html>"""
        return page.encode("cp874", "xmlcharrefreplace")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # a client that hung up on purpose (size limit, timeout): nothing to report
        super().handle_error(request, client_address)


def _http_date(ts: float) -> str:
    return email.utils.formatdate(ts, usegmt=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "govsearch-mirror/0.1"
    # Headers and body in one segment: without these, Nagle + delayed ACK add ~40 ms per keep-alive request.
    disable_nagle_algorithm = True
    wbufsize = 64 * 1024

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read mirror.log instead
        pass

    def _record(self, status: int) -> None:
        m: Mirror = self.server.mirror  # type: ignore[attr-defined]
        with m._lock:
            m.log.append({"path": self.path, "status": status, "ua": self.headers.get("User-Agent", ""),
                          "conditional": bool(self.headers.get("If-None-Match")
                                              or self.headers.get("If-Modified-Since")),
                          "at": time.monotonic()})

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self._record(status)
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        m: Mirror = self.server.mirror  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        path = parts.path
        root = f"http://{self.headers.get('Host') or m.base_url[7:]}"
        try:
            if path == "/robots.txt":
                return self._send(m.robots_status, m.robots.encode("utf-8"), "text/plain; charset=utf-8")
            fault = m._take_fault(path + (f"?{parts.query}" if parts.query else ""))
            if fault is not None and self._fault(fault, root):
                return
            page = m.render(path, parse_qs(parts.query), root)
            if page is None:
                return self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>")
            status, body, ctype, modified = page
            etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
            headers = {"ETag": etag}
            if modified:
                headers["Last-Modified"] = _http_date(modified)
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if inm is not None:
                if etag in [t.strip() for t in inm.split(",")]:
                    return self._send(304, headers=headers)
            elif ims and modified:
                try:
                    since = email.utils.parsedate_to_datetime(ims).timestamp()
                except (TypeError, ValueError):
                    since = 0
                if int(modified) <= since:
                    return self._send(304, headers=headers)
            self._send(status, body, ctype, headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout or a size limit in a test): nothing to answer

    def _fault(self, fault: Fault, root: str) -> bool:
        """Serve a fault; False when the fault only delays and the normal page follows."""
        p = fault.params
        if fault.kind == "status":
            self._send(int(p.get("code", 500)), b"<html><body>error</body></html>")
        elif fault.kind == "retry_after":
            self._send(int(p.get("code", 429)), b"busy", headers={"Retry-After": str(p.get("seconds", 1))})
        elif fault.kind == "slow":
            time.sleep(float(p.get("seconds", 5)))
            return False
        elif fault.kind == "redirect":
            to = str(p["to"])
            self._send(int(p.get("code", 302)), b"", headers={"Location": to if "://" in to else root + to})
        elif fault.kind == "huge":
            self._huge(int(p.get("size", 20 * 1024 * 1024)), bool(p.get("declared", False)))
        elif fault.kind == "garbage":
            self._send(200, bytes(range(256)) * 64, "text/html")
        elif fault.kind == "malformed":
            body = str(p.get("html", "<html><head><title>x</title><body><div class='border-normal clearfix'><p>"
                                     "<b>ข่าว<i>ไม่ปิด <table><tr><td>แท็ก")).encode("utf-8")
            self._send(200, body)
        else:
            raise ValueError(f"unknown fault {fault.kind!r}")
        return True

    def _huge(self, size: int, declared: bool) -> None:
        self._record(200)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if declared:
            self.send_header("Content-Length", str(size))
        else:
            self.send_header("Connection", "close")  # no length: the end of the body is the close
            self.close_connection = True
        self.end_headers()
        chunk = ("<p>" + "ข่าว" * 1000 + "</p>\n").encode("utf-8")
        sent = 0
        try:
            while sent < size:
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass


def main() -> None:
    """Serve the bundled sample until interrupted."""
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--records", help="a .jsonl[.gz] of articles (default: the bundled sample)")
    args = ap.parse_args()
    mirror = Mirror(load_sample(args.records) if args.records else None, port=args.port).start()
    print(f"mirror at {mirror.base_url}  (thaigov: /news/contents/details/<id>, moi: {MOI_LIST}, "
          f"prd: {PRD_FEED}, windows-874: {PR_LIST})", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        mirror.stop()


if __name__ == "__main__":
    main()
