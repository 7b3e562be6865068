"""Small pure pieces of the web layer: URL helpers, pager, feed cleaning, dates, `govsearch serve`."""
from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from indexer import SearchParams
from webui.feeds import clean
from webui.results import pager, phrase_query
from webui.urls import article_url, encode, pairs_of, toggle_agency, with_args
from web_fixtures import app, web_data_dir  # noqa: F401  (fixtures)


@pytest.mark.parametrize("pairs", [
    [("q", "มหาดไทย & ราคา+ยาง"), ("agency", "moi")],
    [("q", "a=b;c/d?e#f %20 ~"), ("since", "4 มี.ค. 64"), ("q", "")],
    [],
])
def test_encode_is_urlencode(pairs):
    from urllib.parse import urlencode
    assert encode(pairs) == urlencode(pairs)
    assert encode(pairs) == urlencode(pairs)  # the second time from the quoting cache


def test_with_args_replaces_removes_and_resets_page():
    pairs = [("q", "มหาดไทย"), ("agency", "moi"), ("page", "3")]
    assert with_args("/search", pairs, sort="newest") == "/search?q=%E0%B8%A1%E0%B8%AB%E0%B8%B2%E0%B8%94%E0%B9%84%E0%B8%97%E0%B8%A2&agency=moi&sort=newest"
    assert with_args("/search", pairs, page="4").endswith("agency=moi&page=4")
    assert with_args("/search", pairs, q=None, agency=None) == "/search"
    assert with_args("/search", pairs, agency=["moi", "moph"]).endswith("agency=moi&agency=moph")


def test_toggle_agency_adds_and_removes():
    pairs = [("agency", "moi")]
    assert toggle_agency("/s", pairs, ["moi"], "moph") == "/s?agency=moi&agency=moph"
    assert toggle_agency("/s", pairs, ["moi"], "moi") == "/s"


def test_pairs_of_drops_unknown_and_blank_keys():
    from werkzeug.datastructures import MultiDict

    args = MultiDict([("q", "x"), ("utm_source", "y"), ("since", ""), ("agency", "a"), ("agency", "b")])
    assert pairs_of(args) == [("q", "x"), ("agency", "a"), ("agency", "b")]


def test_article_url_carries_the_search_state():
    assert article_url("/article", "https://a/b?c=1", [("q", "x"), ("page", "2")]) == \
        "/article?url=https%3A%2F%2Fa%2Fb%3Fc%3D1&q=x&page=2"


@pytest.mark.parametrize("page, total, expect", [
    (1, 3, []),                                   # one page: no pager
    (1, 100, [1, 2, 3, 0, 20]),
    (10, 100, [1, 0, 8, 9, 10, 11, 12, 0, 20]),
    (20, 100, [1, 0, 18, 19, 20]),
])
def test_pager_windows(page, total, expect):
    p = pager(SearchParams(page=page, per_page=5), total, "/search", [])
    assert [n for n, _u in p.numbers] == expect
    assert (p.prev_url is None) == (page == 1)
    assert (p.next_url is None) == (page >= p.pages)


def test_pager_never_links_beyond_the_engines_limit():
    p = pager(SearchParams(page=1000, per_page=1), 10**6, "/search", [])
    assert p.pages == 1000 and p.next_url is None


def test_phrase_query():
    assert phrase_query("ปลัดกระทรวงมหาดไทย", ["ปลัด", "กระทรวงมหาดไทย"]) == '"ปลัดกระทรวงมหาดไทย"'
    assert phrase_query('"already"', ["a", "b"]) is None
    assert phrase_query("มหาดไทย", ["มหาดไทย"]) is None


def test_clean_drops_characters_xml_cannot_carry():
    assert clean("a\x00b\x0bc\ufffed\U0001F600\n") == "abcd\U0001F600\n"


def test_show_date_thai_and_english(app):
    from webui.i18n import show_date, show_time

    with app.test_request_context("/"):
        assert show_date("2021-03-04") == "4 มี.ค. 2564"
        assert show_date(date(2021, 3, 4), "full") == "4 มีนาคม 2564"
        assert show_date("not a date") == "not a date"
        assert show_time("2026-11-25T22:23:48+00:00") == "26 พ.ย. 2569 05:23 น."
    with app.test_request_context("/?lang=en"):
        assert show_date("2021-03-04") == "4 Mar 2021"
        assert show_time("2026-11-25T22:23:48") == "26 Nov 2026 05:23"


def test_serve_runs_waitress_on_the_given_address(monkeypatch, core_data_dir):
    """`govsearch serve` builds the app over --data-dir and hands it to waitress (never Flask's server)."""
    import waitress

    from govsearch.cli import cli

    seen = {}

    class FakeServer:
        effective_port = 8123

        def run(self):
            seen["ran"] = True

        def close(self):
            seen["closed"] = True

    def fake_create_server(app, **kw):
        seen["app"], seen["kw"] = app, kw
        return FakeServer()

    monkeypatch.setattr(waitress, "create_server", fake_create_server)
    result = CliRunner().invoke(cli, ["--data-dir", str(core_data_dir), "serve", "--port", "8123"], obj={})
    assert result.exit_code == 0, result.output
    assert seen["kw"]["host"] == "127.0.0.1" and seen["kw"]["port"] == 8123
    assert seen["ran"] and seen["closed"]
    assert seen["app"].config["DATA_DIR"] == str(core_data_dir) and not seen["app"].debug
    assert "http://127.0.0.1:8123/" in result.output


def test_serve_with_several_processes_answers(core_data_dir):
    """`govsearch serve --workers 2` (gunicorn) starts, answers /healthz, and stops on SIGTERM.
    Each answer closes its connection (a kept-alive one would tie its client to one worker), and
    more clients at once than the workers have threads are all answered: they wait their turn."""
    import http.client
    import json
    import os
    import signal
    import subprocess
    import sys
    import time
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    from web_fixtures import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "govsearch", "--data-dir", str(core_data_dir), "serve",
                             "--port", str(port), "--workers", "2", "--threads", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHAINLP_OFFLINE": "1"}, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        body = None
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as resp:
                    body = resp.read()
            except OSError:
                time.sleep(0.3)
        assert body is not None and "status" in json.loads(body)

        def ask(_i: int) -> tuple[int, str | None]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)  # HTTP/1.1: keep-alive asked
            try:
                conn.request("GET", "/search?q=x")
                resp = conn.getresponse()
                resp.read()
                return resp.status, resp.getheader("Connection")
            finally:
                conn.close()

        with ThreadPoolExecutor(6) as pool:
            assert list(pool.map(ask, range(6))) == [(200, "close")] * 6
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=30) == 0


def test_facet_link_escapes_plain_names_once_and_markup_never():
    # Escaped names are remembered; a Markup equal to a remembered plain string must not get
    # the plain string's (double) escaping, nor the other way round.
    from types import SimpleNamespace

    from markupsafe import Markup

    from webui.fragments import facet_link

    item = SimpleNamespace(url="/search?q=a&agency=x", selected=False, count=1200)
    plain = facet_link(item, "R&amp;D", "agency", "r&d")
    marked = facet_link(item, Markup("R&amp;D"), "agency", "r&d")
    assert '<span class="name">R&amp;amp;D</span>' in plain and 'data-agency="r&amp;d"' in plain
    assert '<span class="name">R&amp;D</span>' in marked
    assert 'href="/search?q=a&amp;agency=x"' in marked and '<span class="count">1,200</span>' in marked
    assert facet_link(item, "R&amp;D", "agency", "r&d") == plain


@pytest.mark.parametrize("pairs, selected", [
    ([], []),
    ([("q", "น้ำท่วม")], []),
    ([("q", "a b"), ("province", "10"), ("page", "3"), ("lang", "en")], ["10"]),
    ([("province", "10"), ("province", "50")], ["10", "50"]),
    ([("province", "10")], ["10"]),  # toggling the only value off leaves the bare path
])
def test_toggle_urls_are_the_urls_with_args_builds_one_by_one(pairs, selected):
    """A results page builds its 77 province toggles at once (the shared arguments encoded once);
    each must be the URL with_args gives for that toggle alone."""
    from webui.urls import toggle_urls

    values = ["10", "50", "90", ""]
    want = [with_args("/search", pairs, province=[s for s in selected if s != v] if v in selected else
                      [*selected, v]) for v in values]
    assert toggle_urls("/search", pairs, "province", selected, values) == want
