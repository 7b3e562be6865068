"""The JSON API, the Atom feed, and every bad-input case of the issue, through the test client."""
from __future__ import annotations

import json
import re
import shutil
import time
from urllib.parse import quote

import feedparser
import pytest

from web_fixtures import app, build_web_data_dir, client, make_app, web_data_dir  # noqa: F401  (fixtures)

QUERY = "มหาดไทย"
KNOWN_URL = "https://www.thaigov.go.th/news/contents/details/72657"
XSS = "<script>alert(1)</script>"
MARKUP = re.compile(r"<[a-z/]|&(?:[a-z]+|#\d+);")  # a tag or an HTML entity


@pytest.mark.parametrize("qs", [{"q": QUERY, "per_page": 3}, {"q": "ไม่มีคำนี้ในคลังแน่นอน"}, {"q": "", "sort": "newest"},
                                {"q": QUERY, "group": "false", "page": 2, "per_page": 2}, {"q": "มหาดไทย 2564"}])
def test_api_search_body_is_jsonify_of_the_document(app, client, qs):
    # The API serialises the pydantic document in one step: byte for byte what Flask's jsonify of
    # to_json() gives (key order, Thai unescaped, numbers and dates written alike).
    from werkzeug.datastructures import MultiDict

    from webui import services

    body = client.get("/api/search", query_string=qs).get_data()
    with app.test_request_context():
        want = app.json.response(services.search(services.params_from_args(MultiDict(qs))).to_json()).get_data()
    took = re.compile(rb'"took_ms":[0-9.e+-]+')
    assert took.sub(b'"took_ms":0', body) == took.sub(b'"took_ms":0', want)


# -- /api/search ------------------------------------------------------------------------------

def test_api_search_document_matches_design(client):
    resp = client.get("/api/search", query_string={"q": QUERY, "per_page": 3})
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    doc = resp.get_json()
    assert list(doc)[:6] == ["query", "total", "page", "per_page", "sort", "hits"]
    assert doc["query"] == QUERY and doc["page"] == 1 and doc["per_page"] == 3
    assert doc["total"] >= len(doc["hits"]) == 3
    for hit in doc["hits"]:
        assert set(hit) == {"url", "title", "date", "agency", "score", "snippet", "copies"}
        assert set(hit["agency"]) == {"id", "name"}
        assert "<mark>" in hit["snippet"]  # every hit shows where its words are
        assert not MARKUP.search(hit["title"]), hit["title"]  # the title is plain text, not HTML
    assert f"<mark>{QUERY}</mark>" in doc["hits"][0]["snippet"]
    agencies = doc["facets"]["agency"]
    assert all({"id", "name", "count"} <= set(a) for a in agencies)
    assert all({"value", "count"} == set(y) for y in doc["facets"]["year"])
    assert doc["words"] == [QUERY]
    assert "มหาดไทย" in resp.get_data(as_text=True)  # Thai is not \u-escaped


def test_api_ministry_includes_its_departments(client):
    opm = client.get("/api/search?agency=opm").get_json()
    thaigov = client.get("/api/search?agency=thaigov").get_json()
    assert opm["total"] >= thaigov["total"] > 0
    assert {h["agency"]["id"] for h in thaigov["hits"]} == {"thaigov"}


def test_api_dates_and_sort(client):
    doc = client.get("/api/search", query_string={"since": "2564", "until": "มี.ค. 2565", "sort": "oldest",
                                                  "per_page": 100}).get_json()
    dates = [h["date"] for h in doc["hits"]]
    assert dates == sorted(dates) and dates[0] >= "2021-01-01" and dates[-1] <= "2022-03-31"


def test_api_paging_is_disjoint(client):
    p1 = client.get("/api/search?q=&per_page=7&sort=newest").get_json()
    p2 = client.get("/api/search?q=&per_page=7&page=2&sort=newest").get_json()
    assert not {h["url"] for h in p1["hits"]} & {h["url"] for h in p2["hits"]}


# -- bad input: the list --------------------------------------------------------------

BAD = [
    pytest.param({"agency": "no-such-agency"}, "agency", id="unknown-agency"),
    pytest.param({"since": "31/02/2564"}, "31/02/2564", id="feb-31-be"),
    pytest.param({"page": "0"}, "page", id="page-0"),
    pytest.param({"page": str(10**9)}, "page", id="page-1e9"),
    pytest.param({"page": "two"}, "page", id="page-word"),
    pytest.param({"per_page": "1000"}, "per_page", id="per-page-1000"),
    pytest.param({"per_page": "0"}, "per_page", id="per-page-0"),
    pytest.param({"since": "2568", "until": "2564"}, "since", id="since-after-until"),
    pytest.param({"sort": "popular"}, "sort", id="bad-sort"),
    pytest.param({"until": XSS}, "date", id="script-as-date"),
    pytest.param({"agency": XSS}, "agency", id="script-as-agency"),
]


@pytest.mark.parametrize("args, mentions", BAD)
def test_api_bad_parameters_are_400_with_a_message(client, args, mentions):
    resp = client.get("/api/search", query_string=args)
    assert resp.status_code == 400 and resp.mimetype == "application/json"
    body = resp.get_json()
    assert set(body) == {"error"} and mentions in body["error"]


@pytest.mark.parametrize("args, mentions", BAD)
def test_html_bad_parameters_are_400_pages_without_reflection(client, args, mentions):
    resp = client.get("/search", query_string={"q": QUERY, **args})
    assert resp.status_code == 400 and resp.mimetype == "text/html"
    body = resp.get_data(as_text=True)
    assert 'role="alert"' in body and XSS not in body


ODD_BUT_FINE = [
    pytest.param("ก" * 10_000, id="10000-char-query"),
    pytest.param("มหาดไทย " * 1500, id="many-words"),
    pytest.param('"มหาดไทย', id="unbalanced-quote"),
    pytest.param('"""', id="only-quotes"),
    pytest.param("((มหาดไทย", id="brackets"),
    pytest.param("OR OR -", id="bare-operators"),
    pytest.param(XSS, id="script-tag"),
    pytest.param("\x00\x01\x1b", id="control-chars"),
    pytest.param("😀 ๒๕๖๔", id="emoji-thai-digits"),
]
# The plain query each odd one must answer like: the odd characters are dropped, the words still
# search ("" finds every article). A query missing here finds nothing.
ANSWERS_LIKE = {
    "มหาดไทย " * 1500: QUERY, '"มหาดไทย': QUERY, "((มหาดไทย": QUERY, '"""': "", "\x00\x01\x1b": "",
    "😀 ๒๕๖๔": "2564", XSS: "script alert 1",
}


@pytest.mark.parametrize("q", ODD_BUT_FINE)
@pytest.mark.parametrize("path", ["/api/search", "/search", "/feed.atom"])
def test_odd_queries_answer_normally_and_never_reflect_markup(client, path, q):
    resp = client.get(path, query_string={"q": q})
    assert resp.status_code == 200
    body = resp.get_data(as_text=True)
    if path == "/api/search":
        total = resp.get_json()["total"]
        if q in ANSWERS_LIKE:
            assert total == client.get("/api/search", query_string={"q": ANSWERS_LIKE[q]}).get_json()["total"] > 0
        else:
            assert total == 0
    else:
        assert XSS not in body  # HTML and Atom escape it
    if path == "/feed.atom":
        assert not feedparser.parse(resp.data).bozo


@pytest.mark.parametrize("q", ['0 "0A', 'มหาดไทย "0A'])
def test_phrase_queries_the_core_once_failed_on(client, q):
    """Found by the property test: a phrase beside another word raised inside Whoosh (a 500)."""
    resp = client.get("/api/search", query_string={"q": q})
    assert resp.status_code == 200 and resp.get_json()["query"] == q


def test_long_query_is_noticed(client):
    doc = client.get("/api/search", query_string={"q": "ก " * 5000}).get_json()
    assert any(n["code"] == "query_cut" for n in doc["notices"])


def test_script_in_query_is_escaped_in_html(client):
    body = client.get("/search", query_string={"q": XSS}).get_data(as_text=True)
    assert XSS not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_wrong_method_is_405_json(client):
    resp = client.post("/api/search")
    assert resp.status_code == 405 and resp.get_json()["error"] and "GET" in resp.headers["Allow"]


def test_unknown_api_path_is_404_json(client):
    resp = client.get("/api/nothing")
    assert resp.status_code == 404 and "error" in resp.get_json()


def test_html_error_for_a_client_that_wants_json(client):
    resp = client.get("/nothing", headers={"Accept": "application/json"})
    assert resp.status_code == 404 and resp.is_json


# -- /api/article, /api/status, /healthz, OpenAPI ------------------------------------------

def test_api_article_returns_every_field(client):
    resp = client.get("/api/article", query_string={"url": KNOWN_URL})
    doc = resp.get_json()
    assert resp.status_code == 200
    assert {"url", "title", "body", "published", "agency", "publisher", "category", "lang", "fetched_at",
            "content_hash"} <= set(doc)
    assert doc["url"] == KNOWN_URL and doc["published"] == "2023-09-27" and doc["agency"] == "moi"


@pytest.mark.parametrize("args, status", [({"url": "https://nowhere.example/x"}, 404), ({}, 400),
                                          ({"url": XSS}, 404)])
def test_api_article_errors(client, args, status):
    resp = client.get("/api/article", query_string=args)
    assert resp.status_code == status and set(resp.get_json()) == {"error"}


def test_api_status(client):
    doc = client.get("/api/status").get_json()
    assert doc["articles"] == 60 and doc["index"]["documents"] == 60 and doc["index"]["behind"] == 0
    assert doc["index"]["bytes"] > 0
    by_id = {s["id"]: s for s in doc["sources"]}
    assert by_id["thaigov"]["last_run"]["new"] == 10 and by_id["thaigov"]["next_crawl"]
    assert by_id["thaigov"]["articles"] == 60
    runs = {**{s["id"]: s["last_run"] for s in doc["sources"] if s["last_run"]}, **doc["other_runs"]}
    assert runs["moi"]["errors"] == 2 and runs["moi"]["error_kinds"] == {"timeout": 2}
    # What a run skipped on purpose is an object like error_kinds, not JSON inside a string.
    assert by_id["thaigov"]["last_run"]["skipped"] == {"duplicate": 3} and runs["moi"]["skipped"] == {}


def test_serve_with_a_sources_file_reports_those_sources(web_data_dir, tmp_path):
    """`govsearch serve --sources FILE`: /api/status lists that file's sources, not the bundled ones."""
    import os
    import re
    import subprocess
    import sys
    import urllib.request

    from crawler.sources import load_sources

    sources_file = tmp_path / "sources.toml"
    sources_file.write_text(
        '[sources.local-pr]\nname = "Local PR"\nagency = "moi-ops"\npublisher = "pr.local.example"\n'
        'adapter = "listing"\nbase_url = "http://pr.local.example"\n'
        'start_urls = ["http://pr.local.example/news.htm"]\ninterval = "2h"\nverified = true\n'
        '[sources.local-pr.options]\nitem = "a"\ntitle = "h2"\nbody = ".content"\n', encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "govsearch", "--data-dir", str(web_data_dir), "serve",
                             "--port", "0", "--sources", str(sources_file)],
                            env={**os.environ, "PYTHAINLP_OFFLINE": "1"}, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m, line
        with urllib.request.urlopen(f"http://127.0.0.1:{m.group(1)}/api/status", timeout=30) as resp:
            doc = json.loads(resp.read())
    finally:
        proc.terminate()
        proc.wait(10)
    assert [(s["id"], s["name"], s["interval_seconds"]) for s in doc["sources"]] == [("local-pr", "Local PR", 7200)]
    assert not set(load_sources()) & {s["id"] for s in doc["sources"]}
    assert {"thaigov", "moi"} <= set(doc["other_runs"])  # runs of sources the file does not configure
    assert doc["articles"] == 60


def test_healthz(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200 and resp.get_json() == {"status": "ok", "documents": 60}
    assert resp.headers["Cache-Control"] == "no-store"


def test_openapi_document_describes_the_api(client):
    doc = client.get("/api/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert {"/api/search", "/api/article", "/api/status", "/healthz", "/feed.atom"} <= set(doc["paths"])
    names = {p["name"] for p in doc["paths"]["/api/search"]["get"]["parameters"] if p["in"] == "query"}
    assert names == {"q", "agency", "province", "since", "until", "sort", "page", "per_page", "format", "group"}
    json.dumps(doc)  # serialisable as-is


def test_api_allows_cross_origin_reads(client):
    assert client.get("/api/search").headers["Access-Control-Allow-Origin"] == "*"


# -- feed ------------------------------------------------------------------------------------

def test_feed_is_valid_atom_newest_first(client):
    resp = client.get("/feed.atom", query_string={"q": QUERY, "agency": "moi"})
    assert resp.status_code == 200 and resp.mimetype == "application/atom+xml"
    feed = feedparser.parse(resp.data)
    assert not feed.bozo, feed.bozo_exception
    assert QUERY in feed.feed.title
    assert feed.feed.links[0].href.startswith("http://localhost/feed.atom?q=")
    dates = [e.published for e in feed.entries]
    assert dates == sorted(dates, reverse=True) and len(feed.entries) <= 20
    assert all(e.link.startswith("https://www.thaigov.go.th/") for e in feed.entries)
    assert all(e.tags[0].term in ("moi", "moi-ops") for e in feed.entries)
    assert b"&lt;mark&gt;" in resp.data  # the snippet's HTML, escaped as Atom's type="html" wants


def test_feed_link_on_results_page_is_the_same_search(client):
    body = client.get("/search", query_string={"q": QUERY, "agency": "moi", "page": 2}).get_data(as_text=True)
    assert f'href="/feed.atom?q={quote(QUERY)}&amp;agency=moi"' in body


# -- the searcher follows the index ----------------------------------------------------------

def test_new_articles_appear_without_restart(tmp_path):
    from core.importer import import_files
    from core.store import Store
    from core.paths import store_path
    from indexer import sync_index

    data = build_web_data_dir(tmp_path / "data")
    client = make_app(data).test_client()
    # Quoted: an article with one of its words is not "some of the words" of a phrase.
    phrase = {"q": '"ฟ้าผ่ากลางทะเลทราย"'}
    assert client.get("/api/search", query_string=phrase).get_json()["total"] == 0
    extra = tmp_path / "new.jsonl"
    extra.write_text(json.dumps({"url": "https://www.thaigov.go.th/news/contents/details/999999",
                                 "title": "ฟ้าผ่ากลางทะเลทราย", "body": "ข่าวใหม่ ฟ้าผ่ากลางทะเลทราย",
                                 "date": "2025-12-01", "agency": "moi"}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    with Store(store_path(data)) as store:
        import_files(store, [extra])
    sync_index(data)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if client.get("/api/search", query_string=phrase).get_json()["total"] == 1:
            break
        time.sleep(0.2)
    else:
        pytest.fail("the new article did not appear within 5 s")
    assert client.get("/api/status").get_json()["articles"] == 61


# -- an empty or broken data folder -----------------------------------------------------------

@pytest.mark.parametrize("path, status", [("/", 503), ("/search?q=มหาดไทย", 503), ("/status", 200),
                                          ("/api/status", 200), ("/healthz", 503), ("/feed.atom", 503),
                                          ("/api/search", 503)])
def test_a_fresh_data_folder_says_it_has_no_index(tmp_path, path, status):
    # `govsearch serve` refuses such a folder; an app built over one anyway creates nothing and
    # says what to run rather than answering an empty result.
    resp = make_app(tmp_path / "empty").test_client().get(path)
    assert resp.status_code == status
    assert not (tmp_path / "empty").exists()


def test_an_app_without_a_status_collector_has_no_status(web_data_dir):
    from webui import create_app

    client = create_app(web_data_dir, {"TESTING": True}).test_client()
    assert client.get("/api/status").status_code == 404 and client.get("/status").status_code == 404
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("path, is_json", [("/healthz", True), ("/api/search", True), ("/search?q=x", False),
                                           ("/", False)])
def test_an_unusable_index_is_a_503_not_a_500(web_data_dir, tmp_path, caplog, path, is_json):
    from indexer.whoosh_backend import current_generation
    from indexer.whoosh_backend.schema import SCHEMA_VERSION

    # A real data folder whose live index was built by an older govsearch.
    data = tmp_path / "data"
    shutil.copytree(web_data_dir, data)
    (current_generation(data) / "schema_version").write_text(str(SCHEMA_VERSION - 1))
    resp = make_app(data, {"TESTING": True, "HOME_CACHE_SECONDS": 0}).test_client().get(path)
    body = resp.get_data(as_text=True)
    assert resp.status_code == 503 and resp.is_json == is_json, body[:500]
    wanted = f"built with schema {SCHEMA_VERSION - 1}, this govsearch uses {SCHEMA_VERSION}"
    if is_json:
        assert set(resp.get_json()) == {"error"}
        assert wanted in resp.get_json()["error"] and "`govsearch reindex`" in resp.get_json()["error"]
    else:
        assert 'role="alert"' in body and '<span class="code">(503)</span>' in body
        assert wanted in body and "govsearch reindex" in body  # the message, on the error page
    assert "Traceback" not in body and "IndexUnavailable" not in body
    assert not any(r.exc_info for r in caplog.records)  # an expected condition, not logged as a crash


def test_an_unexpected_bug_is_a_plain_500_without_details(app, monkeypatch):
    eng = app.extensions["govsearch"]["engine"]
    monkeypatch.setattr(eng, "search", lambda *_a, **_k: 1 / 0)
    resp = app.test_client().get("/api/search?q=x")
    assert resp.status_code == 500 and "ZeroDivision" not in resp.get_data(as_text=True)
    assert set(resp.get_json()) == {"error"}


@pytest.mark.parametrize("args, mentions", [
    pytest.param({"sort": ""}, "sort", id="empty-sort"),
    pytest.param({"sort": "NEWEST"}, "sort", id="sort-in-capitals"),
    pytest.param({"format": ""}, "format", id="empty-format"),
])
def test_api_takes_its_enumerations_exactly_as_documented(client, args, mentions):
    """The OpenAPI document lists the values of sort and format: anything else is a 400 (the
    HTML page stays lenient: a form may send an empty choice)."""
    resp = client.get("/api/search", query_string=args)
    assert resp.status_code == 400 and mentions in resp.get_json()["error"]
    assert client.get("/search", query_string={"q": QUERY, **args}).status_code == 200


@pytest.mark.parametrize("path", ["/api/search", "/search", "/feed.atom"])
def test_a_query_string_that_is_not_utf8_is_a_clear_400(client, path):
    """%FF%FE is no text: answered as an error, not searched as the letters ff and fe."""
    resp = client.get(f"{path}?q=%FF%FE")
    assert resp.status_code == 400 and "UTF-8" in resp.get_data(as_text=True)
    assert client.get(f"{path}?q=%E0%B8%A1%E0%B8%97.").status_code == 200  # มท. percent-encoded

