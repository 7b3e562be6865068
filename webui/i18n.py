"""Thai first, English on request: ``?lang=en`` (remembered in a cookie) or the cookie alone.

Templates call ``_("key")`` for interface text, ``agency_name(id)`` and ``show_date(iso)``
(Buddhist-era "4 มี.ค. 2564" in Thai, "4 Mar 2021" in English).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlencode

from flask import Flask, g, request

from core.agencies import registry
from core.thaidates import thai_date
from indexer import cut_query

LANGS = ("th", "en")
COOKIE = "lang"

STRINGS: dict[str, tuple[str, str]] = {
    # key: (Thai, English)
    "site_name": ("ค้นข่าวรัฐบาล", "Thai Government News Search"),
    "tagline": ("ค้นข่าวจากกระทรวงและหน่วยงานรัฐ", "Search news from Thai ministries and agencies"),
    "skip": ("ข้ามไปยังเนื้อหา", "Skip to content"),
    "search": ("ค้นหา", "Search"),
    "search_label": ("คำค้น", "Search words"),
    "search_hint": ("พิมพ์ภาษาไทยได้เลยไม่ต้องเว้นวรรค ใช้ \"…\" ค้นวลีตรงตัว, -คำ เพื่อตัดออก, OR เพื่อหาคำใดคำหนึ่ง",
                    "Type Thai without spaces; \"…\" for an exact phrase, -word to exclude, OR for either word"),
    "placeholder": ("เช่น มหาดไทย น้ำท่วม", "e.g. มหาดไทย น้ำท่วม"),
    "recent_by_ministry": ("ข่าวล่าสุดแยกตามกระทรวง", "Latest news by ministry"),
    "articles": ("บทความ", "articles"),
    "results_for": ("ผลการค้นหา", "Results"),
    "found": ("พบ", "Found"),
    "items": ("รายการ", "results"),
    "all_articles": ("บทความทั้งหมด", "All articles"),
    "filters": ("ตัวกรอง", "Filters"),
    "agency": ("หน่วยงาน", "Agency"),
    "province": ("จังหวัด", "Province"),
    "map_hint": ("สีเข้มคือข่าวมาก แตะจังหวัดเพื่อกรอง", "Darker means more news; tap a province to filter"),
    "timeline_title": ("จำนวนข่าวตามช่วงเวลา", "Matching news over time"),
    "timeline_month": ("รายเดือน", "per month"),
    "timeline_year": ("รายปี", "per year"),
    "download_csv": ("ดาวน์โหลด CSV", "Download CSV"),
    "departments": ("หน่วยงานในสังกัด", "Departments"),
    "year": ("ปี", "Year"),
    "date_range": ("ช่วงวันที่", "Date range"),
    "since": ("ตั้งแต่", "From"),
    "until": ("ถึง", "To"),
    "date_hint": ("เช่น 2564, มี.ค. 2564, 4/3/2564 หรือ 2021-03-04", "e.g. 2564, มี.ค. 2564, 4/3/2564 or 2021-03-04"),
    "apply": ("ใช้ตัวกรอง", "Apply"),
    "sort": ("เรียงตาม", "Sort by"),
    "sort_relevance": ("ความเกี่ยวข้อง", "Relevance"),
    "sort_newest": ("ใหม่สุดก่อน", "Newest first"),
    "sort_oldest": ("เก่าสุดก่อน", "Oldest first"),
    "active_filters": ("ตัวกรองที่ใช้อยู่", "Active filters"),
    "remove": ("นำออก", "Remove"),
    "clear_all": ("ล้างตัวกรองทั้งหมด", "Clear all filters"),
    "query_split": ("ระบบแยกคำค้นเป็น", "Your query was split into"),
    "exact_phrase": ("ค้นวลีนี้ตรงตัว", "Search this exact phrase"),
    "only_word": ("ค้นเฉพาะคำนี้", "Search this word only"),
    "did_you_mean_agency": ("หมายถึงข่าวของ", "Did you mean news from"),
    "did_you_mean": ("หรือคุณหมายถึง", "Did you mean"),
    "no_results": ("ไม่พบบทความที่ตรงกับคำค้น", "No articles match your search"),
    "no_results_tips": ("ลองใช้คำที่สั้นลงหรือคำอื่นที่มีความหมายเดียวกัน ตรวจตัวสะกด หรือลดตัวกรอง",
                        "Try fewer or shorter words, a synonym, check the spelling, or remove filters"),
    "without_filters": ("ถ้าไม่ใช้ตัวกรองจะพบ", "Without filters there are"),
    "search_without_filters": ("ค้นโดยไม่ใช้ตัวกรอง", "Search without filters"),
    "page_empty": ("หน้านี้ไม่มีผลลัพธ์", "There are no results on this page"),
    "first_page": ("ไปหน้าแรก", "Go to the first page"),
    "pages": ("หน้า", "Pages"),
    "page": ("หน้า", "Page"),
    "of": ("จาก", "of"),
    "prev": ("ก่อนหน้า", "Previous"),
    "next": ("ถัดไป", "Next"),
    "subscribe": ("ติดตามผลการค้นหานี้ (Atom)", "Subscribe to this search (Atom)"),
    "api_link": ("ผลลัพธ์แบบ JSON", "This search as JSON"),
    "stored_copy": ("ฉบับที่เก็บไว้", "Stored copy"),
    "also_published": ("เผยแพร่ที่", "Also published by"),
    "more_places": ("อีก {n} แห่ง", "({n} more)"),
    "copies_of_release": ("สำเนาอื่นของข่าวนี้", "Other copies of this release"),
    "original": ("ต้นฉบับ", "Original"),
    "read_original": ("อ่านบนเว็บไซต์ต้นฉบับ", "Read on the original site"),
    "published": ("วันที่เผยแพร่", "Published"),
    "publisher": ("เว็บไซต์", "Website"),
    "category": ("หมวด", "Category"),
    "fetched": ("เก็บเมื่อ", "Fetched"),
    "back_to_results": ("กลับไปผลการค้นหา", "Back to results"),
    "status": ("สถานะระบบ", "Status"),
    "sources": ("แหล่งข่าว", "Sources"),
    "source": ("แหล่ง", "Source"),
    "last_crawl": ("เก็บล่าสุด", "Last crawl"),
    "next_crawl": ("รอบถัดไป", "Next crawl"),
    "result": ("ผล", "Result"),
    "pages_fetched": ("หน้า", "Pages"),
    "new": ("ใหม่", "New"),
    "updated": ("ปรับปรุง", "Updated"),
    "errors": ("ข้อผิดพลาด", "Errors"),
    "never": ("ยังไม่เคย", "never"),
    "index": ("ดัชนีค้นหา", "Search index"),
    "index_docs": ("เอกสารในดัชนี", "Documents indexed"),
    "index_size": ("ขนาดดัชนี", "Index size"),
    "store_articles": ("บทความในคลัง", "Articles stored"),
    "store_updated": ("คลังเปลี่ยนล่าสุด", "Store last changed"),
    "freshness": ("ความสดใหม่", "Freshness"),
    "fresh": ("ดัชนีเป็นปัจจุบัน", "Index is up to date"),
    "behind": ("รายการที่ยังไม่เข้าดัชนี", "changes not yet indexed"),
    "by_agency": ("บทความตามหน่วยงาน", "Articles by agency"),
    "unverified": ("ยังไม่ยืนยัน", "unverified"),
    "no_layout": ("ไม่มีหลักฐานโครงสร้างเว็บ: ไม่เก็บข้อมูล", "no layout evidence: not crawled"),
    "no_scheduler": ("ไม่มีตัวจัดรอบเก็บข้อมูลทำงานอยู่", "no scheduler running"),
    "error_title": ("เกิดข้อผิดพลาด", "Something went wrong"),
    "not_found": ("ไม่พบหน้าที่ต้องการ", "Page not found"),
    "unreachable_runs": ("ติดต่อเว็บไซต์ไม่ได้ {n} รอบติดกัน", "Unreachable for {n} runs in a row"),
    "last_success": ("สำเร็จครั้งล่าสุด", "last success"),
    "not_crawled_unverified": ("ไม่เก็บข้อมูล (ยังไม่ได้ตรวจรูปแบบเว็บไซต์)",
                               "not crawled (layout not verified yet)"),
    "withdrawn_notice": ("ต้นทางถอนข่าวนี้ออกแล้ว (ไม่แสดงในผลการค้นหา) ตั้งแต่",
                         "Withdrawn at its source (hidden from search) since"),
    "bad_request": ("คำขอไม่ถูกต้อง", "Bad request"),
    "go_home": ("กลับหน้าแรก", "Back to the home page"),
    "notices": ("หมายเหตุ", "Notes"),
    "main_nav": ("เมนูหลัก", "Main menu"),
    "home": ("หน้าแรก", "Home"),
    "api_docs": ("API", "API"),
    "results_list": ("ผลการค้นหา", "Search results"),
    "pagination": ("เลื่อนหน้า", "Pagination"),
    "selected": ("เลือกอยู่", "selected"),
    "partly_selected": ("เลือกบางส่วน", "partly in the date range"),
    "empty_index": ("ยังไม่มีบทความในระบบ นำเข้าด้วยคำสั่ง govsearch import หรือ govsearch crawl",
                    "No articles yet: load some with `govsearch import` or `govsearch crawl`"),
}

_BANGKOK = timezone(timedelta(hours=7), "ICT")  # Thailand has no daylight saving time
_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def current_lang() -> str:
    """The language of this request: ``?lang=``, else the cookie, else Thai."""
    return getattr(g, "lang", None) or _pick_lang()


def _pick_lang() -> str:
    for value in (request.args.get("lang"), request.cookies.get(COOKIE)):
        if value in LANGS:
            return value
    return "th"


def gettext(key: str) -> str:
    """Interface text for ``key`` in the current language."""
    th, en = STRINGS.get(key, (key, key))
    return en if current_lang() == "en" else th


def show_date(iso: str | date | None, style: str = "abbr") -> str:
    """A date for display: Buddhist era in Thai, Common Era in English."""
    return date_in(iso, current_lang(), style)


def date_in(iso: str | date | None, lang: str, style: str = "abbr") -> str:
    """A date for display in ``lang`` (no request needed): "4 มี.ค. 2564" or "4 Mar 2021"."""
    if not iso:
        return ""
    try:
        d = iso if isinstance(iso, date) else date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    if lang == "en":
        return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    return thai_date(d, style=style)


def show_time(iso: str | None) -> str:
    """A stored UTC timestamp for display, in Thai time: "25 พ.ย. 2569 05:23 น." / "25 Nov 2026 05:23"."""
    if not iso:
        return ""
    try:
        t = datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    t = t.astimezone(_BANGKOK)
    clock = t.strftime("%H:%M")
    return f"{show_date(t.date())} {clock}" + ("" if current_lang() == "en" else " น.")


def show_year(ce_year: int) -> str:
    """A year for display: 2564 in Thai, 2021 in English."""
    return str(ce_year if current_lang() == "en" else ce_year + 543)


def agency_name(agency_id: str) -> str:
    """An agency's name in the current language."""
    return registry().name(agency_id, current_lang())


def lang_url(lang: str) -> str:
    """This page in another language: the same URL with ``lang`` set."""
    # The query as the engine reads it: a page never repeats more of it (indexer.params).
    pairs = [(k, cut_query(v)[0] if k == "q" else v) for k, v in request.args.items(multi=True) if k != "lang"]
    pairs.append(("lang", lang))
    return f"{request.path}?{urlencode(pairs)}"


def init_app(app: Flask) -> None:
    """Pick the language per request, remember an explicit choice, expose helpers to templates."""

    @app.before_request
    def _set_lang() -> None:
        g.lang = _pick_lang()

    @app.after_request
    def _remember(response):
        chosen = request.args.get("lang")
        if chosen in LANGS and request.cookies.get(COOKIE) != chosen:
            response.set_cookie(COOKIE, chosen, max_age=365 * 86400, samesite="Lax", httponly=True)
        return response

    app.jinja_env.globals.update(_=gettext, agency_name=agency_name, show_date=show_date, show_time=show_time, show_year=show_year,
                                 current_lang=current_lang, lang_url=lang_url)
