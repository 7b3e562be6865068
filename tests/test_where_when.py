"""Province facet, map, timeline and export over the web sample (60 real articles) and the CLI."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from govsearch.cli import cli
from web_fixtures import app, client, web_data_dir  # noqa: F401  (fixtures)


def test_api_province_filter_and_facets(client):  # noqa: F811
    everything = client.get("/api/search").get_json()
    counts = {f["id"]: f["count"] for f in everything["facets"]["province"]}
    assert counts["10"] > 1 and "Bangkok" in {f["name_en"] for f in everything["facets"]["province"]}
    assert sum(m["count"] for m in everything["facets"]["month"]) == everything["total"]
    bkk = client.get("/api/search", query_string={"province": "กทม.", "per_page": 100}).get_json()
    assert bkk["total"] == counts["10"]
    # two provinces: any of them; codes, English and Thai names all work
    either = client.get("/api/search", query_string=[("province", "10"), ("province", "Mukdahan")]).get_json()
    assert either["total"] == counts["10"] + counts["49"] - _both(client, "10", "49")
    bad = client.get("/api/search", query_string={"province": "Atlantis"})
    assert bad.status_code == 400 and "Atlantis" in bad.get_json()["error"]


def _both(client, a, b):  # noqa: F811
    docs = client.get("/api/search", query_string={"province": a, "format": "jsonl"}).get_data(as_text=True)
    return sum(1 for line in docs.splitlines() if b in json.loads(line)["province_codes"].split())


def test_csv_export_lists_every_match_with_a_bom(client):  # noqa: F811
    total = client.get("/api/search", query_string={"q": "กระทรวง"}).get_json()["total"]
    assert total > 20  # more than a page: the export is not one page
    resp = client.get("/api/search", query_string={"q": "กระทรวง", "format": "csv"})
    assert resp.status_code == 200 and resp.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in resp.headers["Content-Disposition"]
    raw = resp.get_data()
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == total
    assert list(rows[0]) == ["url", "title", "date", "agency_id", "agency_name", "province_codes", "provinces",
                             "publisher"]
    assert all(r["url"].startswith("http") and r["agency_name"] for r in rows)


ZERO = "ยูนิคอร์นสีม่วงเรืองแสง"  # in no article


@pytest.mark.parametrize("q, notice", [
    (f"มหาดไทย {ZERO}", "some_words"),  # no article has every word: the page shows some of them
    ('"มหาดไทย รัฐบาล"', "phrase_loosened"),  # pasted quotes around words that are not a phrase
])
def test_export_lists_what_the_page_found_by_a_second_reading(client, q, notice):  # noqa: F811
    page = client.get("/api/search", query_string={"q": q, "per_page": 100}).get_json()
    assert page["total"] > 0 and notice in {n["code"] for n in page["notices"]}
    body = client.get("/api/search", query_string={"q": q, "format": "jsonl"}).get_data(as_text=True)
    exported = {json.loads(line)["url"] for line in body.splitlines()}
    assert len(exported) == page["total"] and {h["url"] for h in page["hits"]} <= exported


def test_jsonl_export_follows_the_filters(client):  # noqa: F811
    body = client.get("/api/search", query_string={"province": "Bangkok", "format": "jsonl"}).get_data(as_text=True)
    rows = [json.loads(line) for line in body.splitlines()]
    assert rows and all("10" in r["province_codes"].split() and "กรุงเทพมหานคร" in r["provinces"] for r in rows)
    assert client.get("/api/search", query_string={"format": "xml"}).status_code == 400


def test_results_page_has_map_timeline_chip_and_csv_link(client):  # noqa: F811
    html = client.get("/search", query_string={"q": "กระทรวง"}).get_data(as_text=True)
    tiles = re.findall(r'class="tile shade-(\d)[^"]*" data-province="(\d+)"', html)
    assert len(tiles) == 77 and any(s != "0" for s, _ in tiles) and any(s == "0" for s, _ in tiles)
    assert 'class="timeline"' in html and html.count('class="bar') > 1
    assert 'id="download-csv"' in html and "format=csv" in html
    filtered = client.get("/search", query_string={"q": "กระทรวง", "province": "10"}).get_data(as_text=True)
    assert 'data-chip="province"' in filtered and "กรุงเทพมหานคร" in filtered
    assert re.search(r'class="tile shade-\d selected" data-province="10"', filtered)


def test_feed_takes_the_province_filter(client):  # noqa: F811
    all_entries = client.get("/feed.atom").get_data(as_text=True).count("<entry>")
    bkk = client.get("/feed.atom", query_string={"province": "10"}).get_data(as_text=True).count("<entry>")
    assert 0 < bkk < all_entries


def test_cli_search_province_and_csv(web_data_dir):  # noqa: F811
    run = CliRunner().invoke(cli, ["--data-dir", str(web_data_dir), "search", "--province", "Bangkok",
                                   "--format", "csv"], catch_exceptions=False)
    assert run.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(run.output.lstrip("\ufeff"))))
    assert rows and all("10" in r["province_codes"].split() for r in rows)
    bad = CliRunner().invoke(cli, ["--data-dir", str(web_data_dir), "search", "--province", "Atlantis"])
    assert bad.exit_code != 0 and "Atlantis" in bad.output
