"""Adapters parse saved pages offline (tests/data/crawler, rendered from real articles)."""
from __future__ import annotations

import pytest

from crawler.adapters import ADAPTERS, get_adapter
from crawler.encoding import decode_html
from crawler.errors import NotFoundPage, ParseError, UnknownAdapter
from crawler.sources import load_sources
from crawler_fixtures import FIXTURES, stand_in_sources

THAIGOV = "https://www.thaigov.go.th/news/contents/details/"


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def thaigov():
    return get_adapter("thaigov")


@pytest.mark.parametrize("name, title_start, date, body_start", [
    ("thaigov_2016.html", "สรุปข่าวการประชุมคณะรัฐมนตรี 17 สิงหาคม 2559", "วันอังคารที่ 23 สิงหาคม 2559", "วันนี้ (17 สิงหาคม 2559)"),
    ("thaigov_2020.html", "นายกรัฐมนตรี แจงไม่ห้ามชุมนุม", "วันอังคารที่ 25 สิงหาคม 2563", "วันนี้ (25 ส.ค.63)"),
    ("thaigov_2024_en.html", "PM’s keynote remarks", "วันพุธที่ 1 พฤษภาคม 2567", "May 1, 2024, at 0940hrs"),
    ("thaigov_2025.html", "\u200bกิจกรรมแก้หนี้", "วันศุกร์ที่ 29 สิงหาคม 2568", "บสย. เตรียมเปิดตัวกิจกรรมแห่งปี"),
])
def test_thaigov_article_head_is_stripped(thaigov, name, title_start, date, body_start):
    data = thaigov.parse_article(read(name), THAIGOV + "1")
    assert data.title.startswith(title_start.lstrip("\u200b")) or data.title.startswith(title_start)
    assert data.date == date
    # the date line, the numeric date, the print button and the repeated headline are gone
    assert data.body.startswith(body_start), data.body[:120]
    assert "พิมพ์\n" not in data.body[:200]
    assert not data.body.rstrip().splitlines()[-1].startswith("ที่มา :")


def test_thaigov_section_label(thaigov):
    assert thaigov.parse_article(read("thaigov_2024_en.html"), THAIGOV + "1").category == "Government News"


def test_thaigov_empty_page_is_not_found(thaigov):
    with pytest.raises(NotFoundPage):
        thaigov.parse_article(read("thaigov_empty.html"), THAIGOV + "33968")


def test_thaigov_exact_placeholder_title_is_not_found(thaigov):
    page = ("<html><head><title>รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-</title></head><body>"
            "<div class='border-normal clearfix'><div>วันพฤหัสบดีที่ 1 มกราคม 2513</div></div></body></html>")
    with pytest.raises(NotFoundPage):
        thaigov.parse_article(page, THAIGOV + "5")


def test_thaigov_ids_from_urls(thaigov):
    assert thaigov.id_of(THAIGOV + "98173") == 98173
    assert thaigov.id_of("https://www.thaigov.go.th/news/contents/ministry_details/77") == 77
    assert thaigov.id_of("https://www.thaigov.go.th/aboutus") is None


def test_thaigov_signed_release_keeps_its_signature(thaigov):
    body = thaigov.parse_article(read("thaigov_moi_signed.html"), THAIGOV + "1").body
    assert "กองสารนิเทศ สป.มท." in body[-300:]


def test_thaigov_malformed_html_is_a_parse_error_not_a_crash(thaigov):
    with pytest.raises(ParseError):
        thaigov.parse_article("<html><head><title>รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-ข่าว<body><p><b>ไม่ปิด", THAIGOV + "1")
    data = thaigov.parse_article("<html><head><title>รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-ข่าว</title><body>"
                                 "<div class='border-normal clearfix'><p><b>เนื้อข่าว<i>ไม่ปิด<table><tr><td>แท็ก",
                                 THAIGOV + "1")
    assert data.title == "ข่าว" and "เนื้อข่าว" in data.body


@pytest.fixture(scope="module")
def moi():
    src = load_sources()["moi"]
    return get_adapter(src.adapter, src.options)


def test_wordpress_list_page(moi):
    page = moi.parse_list(read("moi_list_1.html"), "https://www.moi.go.th/moi/category/moi-news/")
    assert len(page.items) == 11  # 10 posts + the second URL (?p=) of the first one
    assert all(i.url.startswith("https://www.moi.go.th/moi/") for i in page.items)
    assert [r for _u, r in page.skipped] == ["pdf file"]
    assert page.next_url == "https://www.moi.go.th/moi/category/moi-news/page/2/"
    assert page.items[0].date and page.items[0].title


def test_wordpress_pagination(moi):
    page = moi.parse_list(read("moi_list_2.html"), "https://www.moi.go.th/moi/category/moi-news/page/2/")
    assert len(page.items) == 10 and not page.skipped
    assert page.next_url == "https://www.moi.go.th/moi/category/moi-news/page/3/"
    last = read("moi_list_2.html").replace('class="older"', 'class="nothing"')
    assert moi.parse_list(last, "https://www.moi.go.th/moi/category/moi-news/page/9/").next_url is None


def test_wordpress_post(moi):
    data = moi.parse_article(read("moi_post.html"), "https://www.moi.go.th/moi/archives/1/")
    assert data.title and len(data.body) > 200
    assert data.date and data.date[:4].isdigit()
    assert data.category == "ข่าวกระทรวงมหาดไทย"
    assert "แชร์" not in data.body and not data.body.endswith("มหาดไทย\nแชร์")


def test_feed_adapter():
    feed = get_adapter("feed")
    page = feed.parse_list((FIXTURES / "prd_feed.xml").read_bytes(), "https://www.prd.go.th/th/rss")
    assert len(page.items) == 20
    assert all(i.title and i.date and i.url.startswith("https://www.moi.go.th") for i in page.items)


def test_feed_adapter_rejects_html():
    with pytest.raises(ParseError):
        get_adapter("feed").parse_list(b"<html><body>not a feed</body></html>", "https://x.go.th/rss")


def test_generic_extractor_finds_the_main_text():
    data = get_adapter("generic").parse_article(read("prd_page.html"), "https://www.prd.go.th/th/content/1")
    assert len(data.body) > 200
    assert "ซอยอารีย์สัมพันธ์" not in data.body  # the footer is boilerplate


def test_windows_874_pages_decode_as_thai(tmp_path):
    raw = (FIXTURES / "pr_page_cp874.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    for content_type in (None, "text/html", "text/html; charset=TIS-620", "text/html; charset=ISO-8859-11",
                         "text/html; charset=windows-874", "text/html; charset=ISO-8859-1"):
        text, codec = decode_html(raw, content_type)
        assert codec == "cp874", content_type
        assert "<h2>นายกฯ ขอให้ประชาชนใช้โอกาสวันลอยกระทง" in text, content_type
    src = stand_in_sources(tmp_path)["moi-pr"]
    data = get_adapter(src.adapter, src.options).parse_article(decode_html(raw)[0], "http://pr.moi.go.th/news/pr1.htm")
    assert data.title and data.body and data.date


def test_utf8_and_detection():
    text = "กระทรวงมหาดไทยจัดประชุมผู้ว่าราชการจังหวัดทั่วประเทศ " * 20
    assert decode_html(text.encode("utf-8"))[1] == "utf-8"
    assert decode_html(f'<meta charset="utf-8">{text}'.encode("utf-8"), "text/html; charset=utf-8")[0].endswith("ประเทศ ")


def test_registry_by_name():
    assert set(ADAPTERS) >= {"thaigov", "listing", "feed", "generic"}
    with pytest.raises(UnknownAdapter, match="known: ewt, feed, generic, jsonfeed, listing, nextjs, prd, thaigov, wordpress"):
        get_adapter("joomla")


def test_every_source_names_a_registered_adapter():
    for src in load_sources().values():
        assert src.adapter in ADAPTERS, src.id
        assert src.agent.startswith("govsearch/")  # the contact: tests/test_user_agent.py
