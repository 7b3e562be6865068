"""Write the fixture sites of each CMS family (tests/data/families/<host>/), from the evidence.

Each site's pages are written here, by hand, in the structure ../shared/docs/sites-evidence.md shows for
the real site (class names, URL shapes, date formats, pagination) — not by the mirror's renderer — and
filled with real article text from ../shared/corpus (bodies cut to a few paragraphs to stay small).
Where the evidence says nothing (an EWT or PRD article page, the keys of mfa's ``__NEXT_DATA__``) the
page is plain and the fixture's README says so. ``urls.json`` maps each URL (path?sorted query, or
``*`` for every path) to its file, content type and status; devtools/mirror serves it.

Usage: python scripts/make_family_fixtures.py [--corpus ../shared/corpus/thaigov]
"""
from __future__ import annotations

import argparse
import gzip
import html
import json
import shutil
from datetime import date
from pathlib import Path
import sys

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
from devtools.mirror.sites.families import url_key  # noqa: E402  (the key the mirror looks pages up by)

OUT = HERE / "tests" / "data" / "families"
MONTHS_ABBR = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
HTML = "text/html; charset=utf-8"


def pick(corpus: Path, year: int, words: tuple[str, ...], n: int) -> list[dict]:
    """The first ``n`` Thai articles of a year whose title names one of ``words``, bodies cut short."""
    out, openings = [], set()
    with gzip.open(corpus / f"{year}.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("lang", "th") != "th" or not any(w in rec["title"] for w in words) or len(rec["body"]) < 400:
                continue
            paras = [p.strip() for p in rec["body"].split("\n") if p.strip()]
            body, kept = [], 0
            for p in paras:
                body.append(p)
                kept += len(p)
                if kept > 600:
                    break
            if body[0] in openings:
                continue  # two releases opening alike would be stored once (a duplicate), not twice
            openings.add(body[0])
            out.append(dict(id=int(rec["url"].rsplit("/", 1)[1]), title=" ".join(rec["title"].split()),
                            body="\n".join(body), date=rec["date"][:10]))
            if len(out) == n:
                break
    if len(out) < n:
        raise SystemExit(f"only {len(out)} articles in {year} name {words}")
    return out


def paras(body: str) -> str:
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n"))


def be_slash(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}/{d.month:02d}/{d.year + 543}"


def be_short(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS_ABBR[d.month - 1]} {d.year + 543}"


class Site:
    """One fixture host: files and the URL map the mirror serves them by."""

    def __init__(self, host: str, readme: str):
        self.dir = OUT / host
        self.dir.mkdir(parents=True, exist_ok=True)
        self.urls: dict[str, dict] = {}
        (self.dir / "README.md").write_text(readme.strip() + "\n", encoding="utf-8")

    def add(self, url: str, name: str, content: str, ctype: str = HTML, status: int = 200) -> None:
        path, _, query = url.partition("?")
        key = url if url == "*" else url_key(path, [tuple(q.split("=", 1)) for q in query.split("&") if q])
        (self.dir / name).write_text(content, encoding="utf-8")
        self.urls[key] = {"file": name, "type": ctype, "status": status}

    def close(self) -> None:
        (self.dir / "urls.json").write_text(json.dumps(self.urls, ensure_ascii=False, indent=1) + "\n",
                                            encoding="utf-8")


def page(title: str, body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="th"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'{head}</head>\n<body>\n{body}\n</body></html>\n')


# -- EWT: m-culture.go.th -----------------------------------------------------------------------
def ewt(arts: list[dict]) -> None:
    site = Site("www.m-culture.go.th", """
EWT (PHP CMS), as on m-culture.go.th. Evidenced: the list `/th/more_news.php?cid=1`, paged by
`&offset=N` (20 a page), each item a `div.newsall-work-wrap` with the title in `h4` and the date
(dd/mm/BBBB) in the second `p.icon-purple`; articles `ewt_news.php?nid=<n>`; the feed
`rss/group<cid>.xml`. Not evidenced: the article page markup (written plain here).""")

    def item(a: dict) -> str:
        link = f"ewt_news.php?nid={a['id']}&filename=index"
        return f"""<div class="col-md-4 newsall-work-wrap">
 <div class="newsall-work-img"><a href="{link}"><img src="images/news/{a['id']}.jpg" alt=""></a></div>
 <div class="newsall-work-text"><a href="{link}"><h4>{html.escape(a['title'])}</h4></a>
  <p class="icon-purple"><i class="fa fa-eye"></i> {100 + a['id'] % 900}</p>
  <p class="icon-purple"><i class="fa fa-calendar"></i> {be_slash(a['date'])}</p></div>
</div>"""

    nav = ('<div class="menu"><a href="index.php">หน้าหลัก</a> <a href="more_news.php?cid=1">ข่าวประชาสัมพันธ์</a> '
           '<a href="ewt_dl_link.php?nid=9">ติดต่อเรา</a></div>')
    for n, (start, chunk) in enumerate(((0, arts[:20]), (20, arts[20:]))):
        url = "/th/more_news.php?cid=1" + (f"&offset={start}" if start else "")
        body = (f'{nav}\n<div class="container"><h3>ข่าวประชาสัมพันธ์</h3>\n<div class="row">\n'
                + "\n".join(item(a) for a in chunk) + "\n</div></div>\n<div class=\"footer\">กระทรวงวัฒนธรรม</div>")
        site.add(url, f"more_news_{n + 1}.html", page("กระทรวงวัฒนธรรม", body))
    site.add("/th/more_news.php?cid=1&offset=40", "more_news_3.html",
             page("กระทรวงวัฒนธรรม", f'{nav}\n<div class="container"><h3>ข่าวประชาสัมพันธ์</h3><div class="row"></div></div>'))
    for a in arts:
        body = (f'{nav}\n<div class="container"><h1>{html.escape(a["title"])}</h1>\n'
                f'<div class="news-body">{paras(a["body"])}</div>\n</div>\n<div class="footer">กระทรวงวัฒนธรรม '
                f'เลขที่ 10 ถนนเทียมร่วมมิตร เขตห้วยขวาง กรุงเทพฯ 10310</div>')
        site.add(f"/th/ewt_news.php?nid={a['id']}&filename=index", f"news_{a['id']}.html", page(a["title"], body))
    items = "".join(
        f"<item><title>{html.escape(a['title'])}</title>"
        f"<link>https://www.m-culture.go.th/th/ewt_news.php?nid={a['id']}&amp;filename=index</link>"
        f"<pubDate>{date.fromisoformat(a['date']).strftime('%a, %d %b %Y')} 10:00:00 +0700</pubDate></item>\n"
        for a in arts[:5])
    site.add("/th/rss/group1.xml", "group1.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
             f"<title>ข่าวประชาสัมพันธ์</title><link>https://www.m-culture.go.th/th/</link>\n{items}</channel></rss>\n",
             "application/xml")
    site.close()


# -- PRD-style CMS: prd.go.th ---------------------------------------------------------------------
def prd(arts: list[dict]) -> None:
    site = Site("www.prd.go.th", """
The PRD-style CMS, as on prd.go.th. Evidenced: the JSON Feed `/th/rss/page/contentjson/id/142/cid/33`
(`title`, `url`, `content_html`, `date_published`), category lists `/th/content/category/index/id/<cat>`,
articles `/th/content/category/detail/id/<cat>/iid/<n>` (iid about 548k in 2026). Not evidenced: the
article and category page markup (written plain here).""")
    iid = {a["id"]: 548000 + i for i, a in enumerate(arts)}
    url = "https://www.prd.go.th/th/content/category/detail/id/33/iid/{}"
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "กรมประชาสัมพันธ์ - ข่าว",
            "home_page_url": "https://www.prd.go.th/th/", "feed_url":
            "https://www.prd.go.th/th/rss/page/contentjson/id/142/cid/33",
            "items": [{"id": str(iid[a["id"]]), "url": url.format(iid[a["id"]]), "title": a["title"],
                       "content_html": paras(a["body"]), "date_published": f"{a['date']}T10:00:00+07:00"}
                      for a in arts[:6]]}
    site.add("/th/rss/page/contentjson/id/142/cid/33", "contentjson.json",
             json.dumps(feed, ensure_ascii=False, indent=1), "application/feed+json; charset=utf-8")
    links = "\n".join(f'<div class="item"><a href="/th/content/category/detail/id/33/iid/{iid[a["id"]]}">'
                      f'{html.escape(a["title"])}</a><span>{be_short(a["date"])}</span></div>' for a in arts[6:])
    site.add("/th/content/category/index/id/33", "category_33.html",
             page("ข่าว - กรมประชาสัมพันธ์", f'<div class="menu"><a href="/th/">หน้าหลัก</a></div>\n{links}'))
    for a in arts[6:]:
        body = (f'<div class="menu"><a href="/th/">หน้าหลัก</a> <a href="/th/content/category/index/id/33">ข่าว</a></div>'
                f'\n<h1>{html.escape(a["title"])}</h1>\n<p>วันที่ {be_slash(a["date"])}</p>\n{paras(a["body"])}\n'
                '<div class="footer">กรมประชาสัมพันธ์ 9 ซอยอารีย์สัมพันธ์ ถนนพระรามที่ 6 เขตพญาไท กรุงเทพฯ 10400</div>')
        site.add(f"/th/content/category/detail/id/33/iid/{iid[a['id']]}", f"iid_{iid[a['id']]}.html",
                 page(a["title"], body))
    site.close()


# -- Next.js: mfa.go.th ---------------------------------------------------------------------------
CATE = "5d5bcb4e15e39c306000683e"


def nextjs(arts: list[dict]) -> None:
    site = Site("www.mfa.go.th", """
Next.js, as on mfa.go.th. Evidenced: lists `/th/content-category/ข่าวเด่น?p=N`, cards `div.p-3.col-md-4`
with `p.date` ("18 มี.ค. 2566"); articles `/th/content/<slug>?cate=<24-hex id>`; the body element's class
`ContentDetailstyled__ContentDescription-…` (hashed per build). Not evidenced: the keys inside
`__NEXT_DATA__` (a guess: `props.pageProps.data.{title, detail, publishDate}`) — the reader does not
depend on them.""")
    slug = {a["id"]: f"news-{a['id']}" for a in arts}
    for n, chunk in enumerate((arts[:6], arts[6:], [])):
        cards = "\n".join(
            f'<div class="p-3 col-md-4"><a href="/th/content/{slug[a["id"]]}?cate={CATE}">'
            f'<div class="sc-1y6yr1w-0 hZfGvV"><img alt="" src="/_next/image?w=640"></div>'
            f'<h5 class="sc-1y6yr1w-3 bmJwQq">{html.escape(a["title"])}</h5>'
            f'<p class="date">{be_short(a["date"])}</p></a></div>' for a in chunk)
        data = {"props": {"pageProps": {"category": {"_id": CATE, "name": "ข่าวเด่น"}, "page": n + 1}},
                "page": "/th/content-category/[name]", "query": {"name": "ข่าวเด่น", "p": str(n + 1)},
                "buildId": "Yq3xW0f1n2"}
        body = (f'<div id="__next"><div class="container"><div class="row">\n{cards}\n</div></div></div>\n'
                f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data, ensure_ascii=False)}</script>')
        site.add(f"/th/content-category/ข่าวเด่น?p={n + 1}", f"category_p{n + 1}.html", page("ข่าวเด่น", body))
    for a in arts:
        data = {"props": {"pageProps": {"data": {"_id": f"{a['id']:024x}", "title": a["title"],
                                                 "detail": paras(a["body"]),
                                                 "publishDate": f"{a['date']}T02:00:00.000Z", "cate": CATE}}},
                "page": "/th/content/[slug]", "query": {"slug": slug[a["id"]], "cate": CATE},
                "buildId": "Yq3xW0f1n2"}
        body = (f'<div id="__next"><nav class="sc-nav-7 kTgHsd"><a href="/th/">หน้าหลัก</a></nav>'
                f'<h1 class="ContentDetailstyled__ContentTitle-sc-150bmwg-1 bUFdWz">{html.escape(a["title"])}</h1>'
                f'<div class="ContentDetailstyled__ContentDescription-sc-150bmwg-4 kZbZKs">{paras(a["body"])}</div></div>\n'
                f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data, ensure_ascii=False)}</script>')
        site.add(f"/th/content/{slug[a['id']]}?cate={CATE}", f"content_{a['id']}.html",
                 page(a["title"] + " | กระทรวงการต่างประเทศ", body))
    site.close()


# -- JSON feed {"data": [...]}: moj.go.th ---------------------------------------------------------
def moj(arts: list[dict]) -> None:
    site = Site("www.moj.go.th", """
moj.go.th's JSON feed. Evidenced: `/feeds/656?type=json` answers `{"data": [{"title", "link", …}]}`;
articles `/view/<id>`. Not evidenced: other item keys and the article page markup (written plain here,
with the date beside a label as Thai sites print it).""")
    feed = {"data": [{"title": a["title"], "link": f"https://www.moj.go.th/view/{a['id']}"} for a in arts]}
    site.add("/feeds/656?type=json", "feed_656.json", json.dumps(feed, ensure_ascii=False, indent=1),
             "application/json; charset=utf-8")
    for a in arts:
        body = (f'<div class="navbar"><a href="/">หน้าแรก</a> <a href="/news">ข่าวประชาสัมพันธ์</a></div>\n'
                f'<div class="content"><h2>{html.escape(a["title"])}</h2>\n'
                f'<div class="date">วันที่ {be_slash(a["date"])}</div>\n{paras(a["body"])}</div>\n'
                '<div class="footer">กระทรวงยุติธรรม ถนนแจ้งวัฒนะ หลักสี่ กรุงเทพฯ</div>')
        site.add(f"/view/{a['id']}", f"view_{a['id']}.html", page(a["title"], body))
    site.close()


# -- WordPress: moe.go.th -------------------------------------------------------------------------
def wordpress(arts: list[dict]) -> None:
    site = Site("www.moe.go.th", """
WordPress, as on moe.go.th. Evidenced: the archive `/หมวด/ข่าว-ศธ-360-องศา` with items `div.-news-title a`,
dates `span.-date`, next `a[rel=next]`; posts with the title in `.wrp-html` and the body in
`div.post-content.clear`. WordPress defaults (not seen for this site): `/wp-json/wp/v2/posts`.""")
    link = {a["id"]: f"https://www.moe.go.th/moe-news-{a['id']}/" for a in arts}
    rest = [{"id": a["id"], "date": f"{a['date']}T10:00:00", "link": link[a["id"]],
             "title": {"rendered": html.escape(a["title"])}, "content": {"rendered": paras(a["body"])}}
            for a in arts]
    site.add("/wp-json/wp/v2/posts?per_page=20", "posts.json", json.dumps(rest, ensure_ascii=False, indent=1),
             "application/json; charset=UTF-8")
    base = "/หมวด/ข่าว-ศธ-360-องศา/"
    for n, chunk in enumerate((arts[:3], arts[3:])):
        items = "\n".join(f'<div class="-news-item"><div class="-news-title"><a href="{link[a["id"]]}">'
                          f'{html.escape(a["title"])}</a></div><span class="-date">{be_short(a["date"])}</span></div>'
                          for a in chunk)
        nxt = f'<a class="next page-numbers" rel="next" href="{base}page/2/">ถัดไป</a>' if n == 0 else ""
        site.add(base if n == 0 else f"{base}page/2/", f"archive_{n + 1}.html",
                 page("ข่าว ศธ. 360 องศา", f'<div class="wrp-list">{items}</div>\n<div class="pagination">{nxt}</div>'))
    for a in arts:
        body = (f'<header><a href="/">กระทรวงศึกษาธิการ</a></header>\n<div class="wrp-html"><h1>{html.escape(a["title"])}'
                f'</h1></div>\n<div class="post-meta"><span class="-date">{be_short(a["date"])}</span></div>\n'
                f'<div class="post-content clear">{paras(a["body"])}</div>\n<footer>กระทรวงศึกษาธิการ</footer>')
        site.add(f"/moe-news-{a['id']}/", f"post_{a['id']}.html", page(a["title"], body))
    site.close()


# -- A firewall: mol.go.th behind Incapsula -------------------------------------------------------
INCAPSULA = """<html style="height:100%"><head><META NAME="ROBOTS" CONTENT="NOINDEX, NOFOLLOW">
<meta name="format-detection" content="telephone=no"><meta name="viewport" content="initial-scale=1.0">
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1"></head><body style="margin:0px;height:100%">
<iframe id="main-iframe" src="/_Incapsula_Resource?CWUDNSAI=24&xinfo=8-1234567-0%200NNN%20RT%281700000000%20111%29&incident_id=1234000000000000000-123456789012345678&edet=12&cinfo=04000000&rpinfo=0&mth=GET"
frameborder=0 width="100%" height="100%" marginheight="0px" marginwidth="0px">Request unsuccessful. Incapsula incident ID: 1234000000000000000-123456789012345678</iframe></body></html>
"""


def firewall() -> None:
    site = Site("www.mol.go.th", """
mol.go.th is behind an Incapsula firewall (a public scraper detects its block page). This site answers
every path with Incapsula's block page (status 200; 403 for `/feed/`), as the firewall does: the crawler
reports it and stores nothing.""")
    site.add("*", "incapsula.html", INCAPSULA)
    site.add("/feed/", "incapsula.html", INCAPSULA, status=403)
    site.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=HERE.parent / "shared" / "corpus" / "thaigov")
    args = ap.parse_args()
    if OUT.exists():
        shutil.rmtree(OUT)
    ewt(pick(args.corpus, 2024, ("วัฒนธรรม", "วธ."), 23))
    prd(pick(args.corpus, 2025, ("กรมประชาสัมพันธ์", "กปส.", "ประชาสัมพันธ์"), 8))
    nextjs(pick(args.corpus, 2023, ("ต่างประเทศ", "กต."), 9))
    moj(pick(args.corpus, 2022, ("ยุติธรรม", "ยธ."), 5))
    wordpress(pick(args.corpus, 2021, ("ศึกษาธิการ", "ศธ."), 5))
    firewall()
    print(f"wrote {sum(1 for _ in OUT.rglob('*') if _.is_file())} files under {OUT}")


if __name__ == "__main__":
    main()
