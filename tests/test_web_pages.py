"""HTML pages through the Flask test client: home, results, article, status, language, headers."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from web_fixtures import PER_PAGE, app, client, web_data_dir  # noqa: F401  (fixtures)

QUERY = "มหาดไทย"
KNOWN_URL = "https://www.thaigov.go.th/news/contents/details/72657"

PAGES = ["/", f"/search?q={QUERY}", "/search", f"/article?url={quote(KNOWN_URL)}&q={QUERY}", "/status",
         "/search?lang=en&q=x", "/nope"]


def html(resp) -> str:
    return resp.get_data(as_text=True)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_safe_html(client, path):
    """Right status, HTML, security headers, no inline script, every asset served locally."""
    resp = client.get(path)
    assert resp.status_code == (404 if path == "/nope" else 200)
    assert resp.mimetype == "text/html"
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    body = html(resp)
    assert not re.search(r"<script(?![^>]*\bsrc=)", body), "inline script would break the CSP"
    assert not re.search(r"\sstyle=", body), "inline style would break the CSP"
    for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", body):
        assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), f"external asset: {tag}"
    assert '<main id="main"' in body and "<header" in body and "<nav" in body  # landmarks


@pytest.mark.parametrize("asset", ["style.css", "app.js", "favicon.svg"])
def test_static_assets_are_served(client, asset):
    resp = client.get(f"/static/{asset}")
    assert resp.status_code == 200 and resp.data


def test_home_has_search_box_and_news_by_ministry(client):
    body = html(client.get("/"))
    assert 'role="search"' in body and '<label for="q"' in body
    assert "กระทรวงมหาดไทย" in body and "สำนักนายกรัฐมนตรี" in body
    assert body.count('class="ministry-card"') >= 3


def test_results_show_count_hits_marks_and_be_dates(client):
    body = html(client.get(f"/search?q={QUERY}"))
    assert re.search(r'id="total">\d+<', body)
    assert body.count('class="hit"') == PER_PAGE
    assert f"<mark>{QUERY}</mark>" in body
    assert re.search(r"<time datetime=\"20\d\d-\d\d-\d\d\">\d{1,2} \S+ 25\d\d</time>", body)  # BE year shown
    assert 'href="https://www.thaigov.go.th/news/contents/details/' in body  # title links to the original
    assert 'class="stored"' in body and "/article?url=" in body
    assert 'type="application/atom+xml"' in body and "/feed.atom?q=" in body
    assert "ระบบแยกคำค้นเป็น" in body


def test_ministry_facet_nests_departments_and_toggles(client):
    body = html(client.get("/search?q="))
    assert 'data-agency="opm"' in body and 'data-agency="thaigov"' in body
    opm = body.index('data-agency="opm"')
    assert body.index('data-agency="thaigov"') > opm  # department listed under its ministry
    link = re.search(r'href="([^"]+)" class="facet-link" data-agency="moi"', body).group(1)
    assert "agency=moi" in link
    chosen = html(client.get(link.replace("&amp;", "&")))
    assert 'data-chip="agency"' in chosen and 'aria-current="true"' in chosen
    off = re.search(r'href="([^"]+)" class="facet-link selected" data-agency="moi"', chosen).group(1)
    assert "agency=moi" not in off  # clicking again removes the filter


def test_several_agencies_at_once(client):
    one = client.get("/api/search?agency=moi").get_json()["total"]
    two = client.get("/api/search?agency=moph").get_json()["total"]
    both = client.get("/search?agency=moi&agency=moph")
    body = html(both)
    assert body.count('data-chip="agency"') == 2
    assert f'id="total">{one + two}<' in body


def test_agency_by_thai_abbreviation_in_the_url(client):
    body = html(client.get("/search?agency=มท."))
    assert "หน่วยงาน: กระทรวงมหาดไทย" in body


def test_date_range_accepts_buddhist_era_and_shows_chips(client):
    body = html(client.get(f"/search?q={QUERY}&since=มี.ค. 2564&until=2565"))
    assert "ตั้งแต่: 1 มี.ค. 2564" in body and "ถึง: 31 ธ.ค. 2565" in body
    for iso in re.findall(r'<time datetime="([\d-]+)"', body):
        assert "2021-03-01" <= iso <= "2022-12-31"


def test_year_facet_sets_a_be_range(client):
    body = html(client.get(f"/search?q={QUERY}"))
    assert re.search(r'href="/search\?q=[^"]*since=2564&amp;until=2564"', body)


def test_paging_links_and_page_beyond_the_end(client):
    first = html(client.get(f"/search?q={QUERY}"))
    assert 'rel="next"' in first and 'aria-current="page">1<' in first
    second = html(client.get(f"/search?q={QUERY}&page=2"))
    assert 'rel="prev"' in second and 'aria-current="page">2<' in second
    far = client.get(f"/search?q={QUERY}&page=500")
    assert far.status_code == 200 and "หน้านี้ไม่มีผลลัพธ์" in html(far)


def test_sort_changes_the_order(client):
    body = html(client.get(f"/search?q={QUERY}&sort=oldest"))
    dates = re.findall(r'<time datetime="([\d-]+)"', body)
    assert dates == sorted(dates)
    assert '<option value="oldest" selected>' in body


def test_chip_removal_keeps_the_rest(client):
    body = html(client.get(f"/search?q={QUERY}&agency=moi&since=2564"))
    remove_since = re.search(r'<a class="chip" href="([^"]+)" data-chip="since"', body).group(1)
    assert "since" not in remove_since and "agency=moi" in remove_since and "q=" in remove_since


def test_empty_state_offers_searching_without_filters(client):
    body = html(client.get(f"/search?q={QUERY}&agency=mof&since=2559&until=2559"))
    assert "ไม่พบบทความที่ตรงกับคำค้น" in body and 'id="without-filters"' in body
    nothing = html(client.get("/search?q=qqqzzzxxyy"))
    assert "ไม่พบบทความที่ตรงกับคำค้น" in nothing and "ลองใช้คำที่สั้นลง" in nothing


def test_phrase_link_and_agency_suggestion(client):
    body = html(client.get("/search?q=ปลัดกระทรวงมหาดไทย"))
    assert 'id="phrase-link"' in body and "q=%22" in body
    suggest = html(client.get("/search?q=มท."))
    assert "หมายถึงข่าวของ" in suggest and "agency=moi" in suggest


def test_relaxed_query_shows_a_notice(client):
    body = html(client.get("/search?q=มหาดไทย qqqzzzxxyy"))
    assert 'class="notices"' in body


def test_english_switch_is_remembered(client):
    resp = client.get(f"/search?q={QUERY}&lang=en")
    body = html(resp)
    assert '<html lang="en">' in body and "Found" in body and "Ministry of Interior" in body
    assert "lang=en" in resp.headers["Set-Cookie"]
    later = html(client.get("/"))
    assert '<html lang="en">' in later and "Latest news by ministry" in later
    back = html(client.get("/?lang=th"))
    assert '<html lang="th">' in back


def test_english_dates_are_common_era(client):
    body = html(client.get(f"/search?q={QUERY}&lang=en&since=2021&until=2021"))
    assert re.search(r"<time datetime=\"2021-\d\d-\d\d\">\d{1,2} \w{3} 2021</time>", body)


def test_article_page_highlights_and_links_back(client):
    resp = client.get(f"/article?url={quote(KNOWN_URL)}&q={QUERY}&agency=moi&page=2")
    body = html(resp)
    assert resp.status_code == 200
    assert f"<mark>{QUERY}</mark>" in body
    assert f'href="{KNOWN_URL}"' in body
    assert "27 กันยายน 2566" in body  # full Thai date
    assert re.search(r'class="back"><a href="/search\?q=[^"]*agency=moi&amp;page=2"', body)


def test_article_page_unknown_url_is_a_404_page(client):
    resp = client.get("/article?url=https://example.com/<script>alert(1)</script>")
    assert resp.status_code == 404 and resp.mimetype == "text/html"
    assert "<script>alert(1)" not in html(resp)


def test_status_page_lists_runs_counts_and_escapes_messages(client):
    body = html(client.get("/status"))
    assert 'id="stat-articles">60<' in body and 'id="stat-docs">60<' in body
    assert "ดัชนีเป็นปัจจุบัน" in body
    assert "thaigov" in body and "timeout: 2" in body
    assert "&lt;b&gt;timeout&lt;/b&gt;" in body and "<b>timeout</b>" not in body


def test_bad_parameter_keeps_the_form_and_explains(client):
    resp = client.get(f"/search?q={QUERY}&since=31/02/2564")
    body = html(resp)
    assert resp.status_code == 400
    assert 'role="alert"' in body and "31/02/2564" in body and f'value="{QUERY}"' in body


def test_a_page_number_out_of_range_is_explained_in_thai_too(client):
    body = html(client.get(f"/search?q={QUERY}&page=99999"))
    assert "ต้องอยู่ระหว่าง 1 ถึง 1000" in body and "must be between 1 and 1000" in body


def test_a_page_past_the_last_is_not_called_page_n_of_m(client):
    body = html(client.get(f"/search?q={QUERY}&page=500"))
    assert "หน้านี้ไม่มีผลลัพธ์" in body and "page-of" not in body


def test_a_query_of_marks_only_says_it_lists_everything(client):
    body = html(client.get("/search", query_string={"q": "🙏🙏 !!!"}))
    assert "คำค้นไม่มีตัวอักษรหรือตัวเลขให้ค้น" in body


def test_did_you_mean_for_a_typo_and_a_keyboard_slip(client):
    for typo, fixed in ((",skfwmp", "มหาดไทย"), ("มหาดไย", "มหาดไทย")):
        html = client.get("/search", query_string={"q": typo}).get_data(as_text=True)
        assert 'id="did-you-mean"' in html and fixed in html
