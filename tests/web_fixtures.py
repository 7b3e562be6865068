"""Fixtures for the web tests: a data folder of 60 real articles, the app, a live waitress server.

Import the fixtures you use into a test module (``from web_fixtures import app, client``);
tests/conftest.py is shared with other packages and stays untouched.
"""
from __future__ import annotations

import json
import os
import socket
import threading
from pathlib import Path
from typing import Iterator

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

SAMPLE = Path(__file__).parent / "data" / "sample_articles.jsonl"
PER_PAGE = 5  # small pages so 60 articles give several pages to walk through


# An article whose title, body and URL hold one long unbroken URL, as pasted links in real releases
# do: nothing on a phone-width page may scroll sideways because of it. The newest of the Ministry
# of Interior, so it heads that ministry on the home page and a search sorted newest first.
LONG_LINK = "https://www.moi.go.th/moi/wp-content/uploads/2026/01/" + "ประกาศกระทรวงมหาดไทย-" * 3 + "x" * 120 + ".pdf"
LONG_URL_ARTICLE = {
    "url": "https://www.moi.go.th/moi/archives/" + "a" * 150,
    "title": f"กระทรวงมหาดไทยเผยแพร่ประกาศ {LONG_LINK}",
    "body": f"ปลัดกระทรวงมหาดไทย แจ้งว่า ดาวน์โหลดประกาศได้ที่ {LONG_LINK} ตั้งแต่วันนี้เป็นต้นไป",
    "date": "2026-01-05",
    "agency": "moi",
    "lang": "th",
}


def build_web_data_dir(path: Path, extra: list[dict] | None = None) -> Path:
    """Import the sample articles (and ``extra`` ones), index them, and record two crawl runs for
    the status page."""
    from core.importer import import_files
    from core.store import Store
    from core.paths import store_path
    from crawler.bookkeeping import CrawlBook
    from indexer import sync_index

    path.mkdir(parents=True, exist_ok=True)
    with Store(store_path(path)) as store:
        files = [SAMPLE]
        if extra:
            more = path / "extra.jsonl"
            more.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in extra), encoding="utf-8")
            files.append(more)
        report = import_files(store, files)
        assert not report.skipped, report.skipped
        book = CrawlBook(store)
        ok = book.start_run("thaigov")
        book.finish_run(ok, status="ok", pages=12, new=10, updated=1, unchanged=1, skipped={"duplicate": 3})
        book.set_next_run("thaigov", "2030-01-01T00:00:00+00:00", 3600)  # as a running scheduler records it
        bad = book.start_run("moi")
        book.finish_run(bad, status="error", pages=3, errors=2, error_kinds={"timeout": 2},
                         message="<b>timeout</b> talking to www.moi.go.th")
    sync_index(path)
    return path


@pytest.fixture(scope="session")
def web_data_dir(tmp_path_factory) -> Path:
    """A data folder with the sample articles (read-only for tests)."""
    return build_web_data_dir(tmp_path_factory.mktemp("web") / "data")


def make_app(data_dir: Path, test_config: dict | None = None):
    """The app over ``data_dir`` as ``govsearch serve`` builds it (status of the bundled sources)."""
    from govsearch.status import collector, configured_sources
    from webui import create_app

    return create_app(data_dir, {"TESTING": True, **(test_config or {})},
                      status=collector(data_dir, configured_sources()))


@pytest.fixture(scope="session")
def app(web_data_dir):
    """The app over the sample data, five hits per HTML page."""
    return make_app(web_data_dir, {"PER_PAGE": PER_PAGE, "HOME_CACHE_SECONDS": 0})


@pytest.fixture
def client(app):
    """A Flask test client."""
    return app.test_client()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The app under waitress on a free loopback port, in a thread; yields its base URL."""
    yield from serve(app)


@pytest.fixture(scope="session")
def long_url_server(tmp_path_factory) -> Iterator[str]:
    """A live server over the sample plus :data:`LONG_URL_ARTICLE`."""
    data = build_web_data_dir(tmp_path_factory.mktemp("web-long-url") / "data", extra=[LONG_URL_ARTICLE])
    yield from serve(make_app(data, {"PER_PAGE": PER_PAGE, "HOME_CACHE_SECONDS": 0}))


def serve(app) -> Iterator[str]:
    """Run ``app`` under waitress on a free loopback port, in a thread; yield its base URL."""
    from waitress import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4, ident="govsearch-test")
    thread = threading.Thread(target=server.run, name="waitress-test", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=5)
