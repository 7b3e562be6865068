"""The results page as a newcomer meets it (issue 12, "Web page"): notices in the page's language,
a year facet that follows the date range, no empty facet headings, long queries cut before they
are echoed, a query that is only a date, and headlines that link to the stored copy.
"""
from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from web_fixtures import app, client, live_server, web_data_dir  # noqa: F401  (fixtures)

ZERO = "ยูนิคอร์นสีม่วงเรืองแสง"
RELAXED = f"มหาดไทย {ZERO}"


def html(resp) -> str:
    return resp.get_data(as_text=True)


def notices_html(body: str) -> str:
    m = re.search(r'<div class="notices"[^>]*>(.*?)</div>', body, re.S)
    return m.group(1) if m else ""


# -- notices: codes from the engine, words from the page ---------------------------------------

def test_api_notices_are_codes_with_parameters(client):
    doc = client.get("/api/search", query_string={"q": RELAXED}).get_json()
    assert doc["relaxed"] and doc["notices"] == [{"code": "some_words", "params": {}},
                                                 {"code": "words_not_found", "params": {"words": ZERO}}]
    doc = client.get("/api/search", query_string={"q": "มหาดไทย กันยายน 2566"}).get_json()
    assert {"code": "date_filter_from_query", "params": {"since": "2023-09-01", "until": "2023-09-30"}} \
        in doc["notices"]


@pytest.mark.parametrize("lang, words, other", [
    ("th", "ไม่พบบทความที่มีครบทุกคำ", "no article has all"),
    ("en", "No article has all the words", "ไม่พบบทความ"),
])
def test_a_notice_is_written_in_the_page_language(client, lang, words, other):
    notes = notices_html(html(client.get("/search", query_string={"q": RELAXED, "lang": lang})))
    assert words in notes and other not in notes


def test_dates_from_the_query_are_shown_in_the_page_language(client):
    th = notices_html(html(client.get("/search", query_string={"q": "มหาดไทย กันยายน 2566"})))
    en = notices_html(html(client.get("/search", query_string={"q": "มหาดไทย กันยายน 2566", "lang": "en"})))
    assert "1 ก.ย. 2566" in th and "30 ก.ย. 2566" in th and "Sep" not in th
    assert "1 Sep 2023" in en and "30 Sep 2023" in en and "ก.ย." not in en


def test_cli_prints_notices_as_words(web_data_dir):  # noqa: F811
    from govsearch.cli import cli

    run = CliRunner().invoke(cli, ["--data-dir", str(web_data_dir), "search", "มหาดไทย", ZERO])
    assert run.exit_code == 0, run.output
    assert "note: No article has all the words" in run.output and "code" not in run.output


# -- the year facet and the date range ---------------------------------------------------------

def test_year_counts_follow_the_date_range(client):
    doc = client.get("/api/search", query_string={"q": "กระทรวง", "since": "2564", "until": "2565"}).get_json()
    years = {y["value"]: y["count"] for y in doc["facets"]["year"]}
    assert years and set(years) <= {2021, 2022}
    assert sum(years.values()) == doc["total"]


def year_links(body: str) -> dict[str, str]:
    """Year label -> the class of its facet link."""
    section = re.search(r'<section class="facet" aria-labelledby="facet-year">(.*?)</section>', body, re.S).group(1)
    return {m.group(2): m.group(1) for m in re.finditer(
        r'class="(facet-link[^"]*)".*?<span class="name">(\d+)</span>', section, re.S)}


def test_years_in_the_range_are_ticked(client):
    links = year_links(html(client.get("/search", query_string={"q": "กระทรวง", "since": "2564", "until": "2565"})))
    assert set(links) <= {"2564", "2565"} and links
    assert all("selected" in cls for cls in links.values())


def test_a_year_the_range_covers_in_part_is_marked_partly(client):
    body = html(client.get("/search", query_string={"q": "กระทรวง", "since": "1/3/2564", "until": "2565"}))
    links = year_links(body)
    assert "partial" in links["2564"] and "selected" not in links["2564"].split()
    assert "selected" in links["2565"].split()


def test_a_year_from_the_query_is_ticked(client):
    links = year_links(html(client.get("/search", query_string={"q": "มหาดไทย ปี 2564"})))
    assert list(links) == ["2564"] and "selected" in links["2564"].split()


# -- no empty facet headings --------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["th", "en"])
def test_zero_results_show_no_empty_facet_headings(client, lang):
    body = html(client.get("/search", query_string={"q": ZERO, "lang": lang}))
    assert "ไม่พบบทความที่ตรงกับคำค้น" in body or "No articles match" in body
    for facet in ("facet-agency", "facet-year", "facet-province"):
        assert f'id="{facet}"' not in body, facet


def test_a_selected_agency_stays_visible_with_zero_results(client):
    body = html(client.get("/search", query_string={"q": ZERO, "agency": "moi"}))
    assert 'id="facet-agency"' in body and 'data-agency="moi"' in body


# -- long queries -------------------------------------------------------------------------------

def test_a_long_query_is_cut_before_it_is_echoed(client):
    from indexer.query import MAX_CLAUSES, MAX_QUERY_CHARS

    q = "มหาดไทย " * 1500  # 12,000 characters: under the hard limit, far over what the engine reads
    resp = client.get("/search", query_string={"q": q})
    assert resp.status_code == 200
    body = html(resp)
    value = re.search(r'<input type="search" id="q" name="q" value="([^"]*)"', body).group(1)
    assert 0 < len(value) <= MAX_QUERY_CHARS
    # Every link of the page repeats the query (12,000 characters made a 4.2 MB page): the page is
    # the page of the query as the engine reads it, whatever was typed after that.
    as_read = html(client.get("/search", query_string={"q": value}))
    assert len(body) <= len(as_read) + 2_000
    doc = client.get("/api/search", query_string={"q": q}).get_json()
    assert len(doc["query"]) <= MAX_QUERY_CHARS
    assert {"code": "query_cut", "params": {"max_chars": MAX_QUERY_CHARS, "max_terms": MAX_CLAUSES}} in doc["notices"]


@pytest.mark.parametrize("path", ["/search", "/api/search", "/feed.atom"])
def test_a_query_over_the_hard_limit_is_a_400_with_a_clear_message(client, path):
    from indexer.params import MAX_QUERY_INPUT

    resp = client.get(path, query_string={"q": "ก" * (MAX_QUERY_INPUT + 1)})
    assert resp.status_code == 400
    text = html(resp)
    assert f"{MAX_QUERY_INPUT:,}" in text and "Traceback" not in text
    assert len(text) < 60_000
    if path == "/api/search":
        assert "too long" in resp.get_json()["error"]


def test_the_hard_limit_is_ours_through_a_real_server(live_server):  # noqa: F811
    """Percent-encoded, the longest query allowed still fits what waitress accepts: a query just
    over the limit gets our 400 and message, not the server's."""
    import urllib.error
    import urllib.request

    from indexer.params import MAX_QUERY_INPUT

    for n, status in ((MAX_QUERY_INPUT, 200), (MAX_QUERY_INPUT + 1, 400)):
        url = f"{live_server}/api/search?per_page=1&q={quote('ก' * n)}"
        try:
            with urllib.request.urlopen(url, timeout=60) as resp:
                got, doc = resp.status, json.load(resp)
        except urllib.error.HTTPError as e:
            got, doc = e.code, json.load(e)
        assert got == status, (n, doc)
        assert ("error" in doc) == (status == 400)


def test_the_limits_are_documented(client):
    from indexer.params import MAX_QUERY_INPUT
    from indexer.query import MAX_QUERY_CHARS

    q = next(p for p in client.get("/api/openapi.json").get_json()["paths"]["/api/search"]["get"]["parameters"]
             if p["name"] == "q")
    assert q["schema"]["maxLength"] == MAX_QUERY_INPUT and f"{MAX_QUERY_CHARS}" in q["description"]


# -- the README's date examples --------------------------------------------------------------

def test_readme_example_month_in_the_query_is_a_filter_with_a_notice_when_empty(client):
    doc = client.get("/api/search", query_string={"q": "น้ำท่วม มีนาคม 2564"}).get_json()
    assert doc["date_from_query"] == ["2021-03-01", "2021-03-31"]
    assert doc["total"] == 0
    assert {"code": "nothing_in_dates", "params": {"since": "2021-03-01", "until": "2021-03-31",
                                                    "words": "น้ำท่วม"}} in doc["notices"]
    body = html(client.get("/search", query_string={"q": "น้ำท่วม มีนาคม 2564"}))
    notes = notices_html(body)
    assert "มี.ค. 2564" in notes
    # The way out: the same words at any date, with how many that finds (one flood article, 2020).
    link = re.search(r'<a id="all-dates" href="([^"]+)">', notes)
    assert link and "q=" + quote("น้ำท่วม") in link.group(1) and "1" in notes


def test_readme_example_year_alone_lists_that_year_newest_first(client):
    doc = client.get("/api/search", query_string={"q": "ปี 2564"}).get_json()
    assert doc["date_from_query"] == ["2021-01-01", "2021-12-31"]
    dates = [h["date"] for h in doc["hits"]]
    assert doc["total"] >= 5 and dates and all(d.startswith("2021-") for d in dates)
    assert dates == sorted(dates, reverse=True)
    assert {"code": "date_only_query", "params": {"since": "2021-01-01", "until": "2021-12-31"}} in doc["notices"]
    body = html(client.get("/search", query_string={"q": "ปี 2564", "lang": "en"}))
    assert "every article" in notices_html(body) and "1 Jan 2021" in notices_html(body)
    assert body.count('<li class="hit">') == min(5, doc["total"])


def test_a_date_alone_that_finds_nothing_says_so(client):
    doc = client.get("/api/search", query_string={"q": "ปี 2550"}).get_json()
    assert doc["total"] == 0 and doc["date_from_query"] == ["2007-01-01", "2007-12-31"]
    assert {"code": "nothing_in_dates", "params": {"since": "2007-01-01", "until": "2007-12-31", "words": ""}} \
        in doc["notices"]
    notes = notices_html(html(client.get("/search", query_string={"q": "ปี 2550", "lang": "en"})))
    assert "Nothing matches from 1 Jan 2007 to 31 Dec 2007" in notes and 'id="all-dates"' not in notes


# -- home page ----------------------------------------------------------------------------------

def test_home_headlines_link_to_the_stored_copy(client):
    from html import unescape
    from urllib.parse import parse_qs, urlsplit

    body = html(client.get("/"))
    cards = re.findall(r'<section class="ministry-card".*?</section>', body, re.S)
    assert cards
    for card in cards:
        headlines = re.findall(r'<li><a href="(https?://[^"]+)"', card)
        stored = [parse_qs(urlsplit(unescape(h)).query)["url"][0]
                  for h in re.findall(r'<a class="stored" href="(/article\?[^"]+)"', card)]
        assert headlines and stored == [unescape(h) for h in headlines]


def test_readme_curl_example_answers_as_shown(live_server):  # noqa: F811
    """The README's curl command, run as written against a live server (waitress, as ``serve`` and
    ``demo`` run it): a URL holding raw Thai letters is refused by waitress with "400 Bad URI", so the
    example must have curl encode the query."""
    if shutil.which("curl") is None:
        pytest.skip("needs curl")
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^\$ (curl .+)$", readme, re.M)
    assert commands
    for command in commands:
        args = [a.replace("http://127.0.0.1:8000", live_server) for a in shlex.split(command)]
        out = subprocess.run([*args, "-sS", "--fail-with-body"], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, (command, out.stdout[:200], out.stderr[:200])
        doc = json.loads(out.stdout)
        assert doc["query"] == "มหาดไทย" and doc["per_page"] == 1 and doc["hits"]
