"""Search notices in words, in the page's language.

The engine says what it did to a query as a code and parameters (:class:`indexer.result.Notice`);
the words are chosen here, so the web page, and the CLI, speak the reader's language.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from indexer import Notice
from webui.i18n import date_in
from webui.urls import Pairs, with_args

# code: (Thai, English); {since} and {until} are shown as dates in the language.
TEXTS: dict[str, tuple[str, str]] = {
    "date_filter_from_query": ("ช่วงวันที่จากคำค้น: {since} – {until}", "Dates from the query: {since} – {until}"),
    "date_only_query": ("คำค้นมีเพียงช่วงเวลา: แสดงบทความทั้งหมดตั้งแต่ {since} ถึง {until} ใหม่สุดก่อน",
                        "The query is only a date: every article from {since} to {until}, newest first"),
    "nothing_in_dates": ("ไม่พบบทความในช่วง {since} – {until}", "Nothing matches from {since} to {until}"),
    "date_read_as_words": ("ไม่พบบทความในช่วง {since} – {until} จึงค้นวันที่ในคำค้นเป็นคำ",
                           "Nothing matches from {since} to {until}, so the date was searched as words"),
    "date_in_headline": ("วันที่ในคำค้นเป็นส่วนหนึ่งของหัวข่าว จึงค้นเป็นคำ ไม่กรองช่วง {since} – {until}",
                         "The date is part of a headline, so it was searched as words, not as {since} – {until}"),
    "dash_in_headline": ("หัวข่าวมีคำค้นพร้อมขีด (-) จึงค้นคำหลังขีดด้วย ไม่ตัดออก",
                         "A headline holds the query with its dash, so the words after it were searched, not left out"),
    "dash_read_as_text": ("ไม่พบบทความเมื่อตัดคำหลังขีด (-) ออก จึงค้นคำนั้นด้วย",
                          "Nothing matched with the words after a dash left out, so they were searched too"),
    "only_exclusions": ("ทุกคำในคำค้นมีขีด (-) นำหน้า จึงค้นคำเหล่านั้นแทนการตัดออก",
                        "Every word had a dash before it, so the words were searched, not left out"),
    "phrase_loosened": ("ไม่พบวลีตรงตัว แสดงบทความที่มีทุกคำ",
                        "The exact phrase was not found; showing articles with all its words"),
    "some_words": ("ไม่พบบทความที่มีครบทุกคำ แสดงบทความที่มีบางคำ",
                   "No article has all the words; showing articles with some of them"),
    "words_not_found": ("ไม่พบในบทความใด: {words}", "Not in any article: {words}"),
    "last_word_completed": ("ไม่พบคำตามที่พิมพ์ จึงค้นคำสุดท้ายเป็นคำที่ขึ้นต้นเช่นนั้น: {words}",
                            "Nothing matched as typed, so the last word was read as the start of: {words}"),
    "also_searched": ("ค้นคำที่มีความหมายเดียวกันด้วย: {words}",
                      "Also searched, as the same thing: {words}"),
    "no_words": ("คำค้นไม่มีตัวอักษรหรือตัวเลขให้ค้น (มีเพียงเครื่องหมายหรืออีโมจิ) จึงแสดงบทความทั้งหมด",
                 "The query has no letters or digits to search for (only marks or emoji), so every article is listed"),
    "query_cut": ("คำค้นยาวเกินไป ใช้เพียงส่วนแรก ({max_chars} ตัวอักษร, {max_terms} คำ)",
                  "The query is too long: only its start was used ({max_chars} characters, {max_terms} terms)"),
}
ANY_DATE = ("ค้น “{words}” ทุกช่วงเวลา: พบ {count:,} รายการ", "Search “{words}” at any date: {count:,} found")


def notice_text(notice: Notice, lang: str) -> str:
    """The notice in ``lang`` ("th" or "en")."""
    th, en = TEXTS[notice.code]
    values = dict(notice.params)
    for key in ("since", "until"):
        if key in values:
            values[key] = date_in(str(values[key]), lang)
    return (en if lang == "en" else th).format(**values)


@dataclass
class NoticeView:
    """A notice as the page shows it: its words, and a link out when there is one worth taking."""

    text: str
    link_url: str | None = None
    link_text: str = ""


def notice_views(notices: list[Notice], lang: str, path: str, pairs: Pairs,
                 count: Callable[[str], int]) -> list[NoticeView]:
    """The result's notices for the page; "nothing in the dates" links to the same words at any
    date, with ``count(words)`` of what that finds (no link when it finds nothing either)."""
    out = []
    for n in notices:
        view = NoticeView(notice_text(n, lang))
        words = str(n.params.get("words", ""))
        if n.code == "nothing_in_dates" and words:
            found = count(words)
            if found:
                view.link_url = with_args(path, pairs, q=words)
                view.link_text = ANY_DATE[lang == "en"].format(words=words, count=found)
        out.append(view)
    return out
