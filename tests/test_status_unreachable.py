"""A site unreachable for several runs in a row is reported on the status page and in
/api/status, with its last success."""
from __future__ import annotations

from crawler.crawl import crawl_source
from crawler_fixtures import data_dir, mirror, sources  # noqa: F401
from web_fixtures import make_app


def test_a_site_down_for_many_runs_is_reported_with_its_last_success(sources, mirror, data_dir):
    good = sources["moi"]
    down = good.with_base_url("http://127.0.0.1:9").with_overrides(retries=0, timeout=0.5)  # nothing listens
    assert crawl_source(good, data_dir).status == "ok"
    client = make_app(data_dir).test_client()
    ok_src = next(s for s in client.get("/api/status").get_json()["sources"] if s["id"] == "moi")
    assert ok_src["failed_runs"] == 0 and ok_src["last_success"]
    for _ in range(3):
        assert crawl_source(down, data_dir).status == "error"
    src = next(s for s in client.get("/api/status").get_json()["sources"] if s["id"] == "moi")
    assert src["failed_runs"] == 3 and src["last_success"] == ok_src["last_success"]
    page = client.get("/status?lang=en").get_data(as_text=True)
    assert "Unreachable for 3 runs in a row" in page and "last success" in page


def test_unverified_sources_never_crawled_are_shown_as_not_crawled(tmp_path):
    from core.paths import store_path
    from core.store import Store
    from crawler.sources import load_sources

    unverified = [s for s in load_sources().values() if not s.verified]
    assert unverified, "the bundled sources list unverified ones"
    data = tmp_path / "d"
    data.mkdir()
    Store(store_path(data)).close()
    page = make_app(data).test_client().get("/status?lang=en").get_data(as_text=True)
    assert page.count("not crawled (layout not verified yet)") == len(unverified)
