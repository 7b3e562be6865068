"""An article whose source now answers 404/410 is kept, marked withdrawn, left out of the index,
shown as withdrawn on its stored page; it comes back when its source serves it again."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from crawler.crawl import crawl_source, make_fetcher
from crawler.pipeline import Pipeline
from crawler_fixtures import data_dir, mirror, open_store, sources, with_recheck  # noqa: F401
from indexer import sync_index
from web_fixtures import make_app


def _indexed(data_dir) -> set[str]:
    from indexer.whoosh_backend import open_index

    with open_index(data_dir).searcher() as s:
        return {f["url"] for f in s.all_stored_fields()}


@pytest.mark.parametrize("code", [404, 410])
def test_a_withdrawn_article_is_kept_hidden_marked_and_comes_back(mirror, sources, data_dir, code):
    src = sources["moi"]
    crawl_source(src, data_dir)
    sync_index(data_dir)
    with open_store(data_dir) as store:
        url = next(iter(store.iter_articles())).url
        total = store.count_articles()
    assert url in _indexed(data_dir)

    mirror.fault(urlsplit(src.to_fetch(url)).path, "status", code=code)
    with open_store(data_dir) as store:
        fetcher = make_fetcher(src)
        pipe = Pipeline(src, store, fetcher)
        assert pipe.article(url) == "withdrawn"
        art = store.get_article(url)
        assert art is not None and art.withdrawn_at  # kept, with the time
        assert store.count_articles() == total
    sync_index(data_dir)
    assert url not in _indexed(data_dir)  # hidden from search
    client = make_app(data_dir).test_client()
    assert client.get("/api/search", query_string={"q": art.title}).get_json()["hits"] == [] or \
        url not in {h["url"] for h in client.get("/api/search", query_string={"q": art.title}).get_json()["hits"]}
    page = client.get("/article", query_string={"url": url})
    assert page.status_code == 200 and 'id="withdrawn"' in page.get_data(as_text=True)

    mirror.clear_faults()  # it re-appears
    with open_store(data_dir) as store:
        assert Pipeline(src, store, fetcher).article(url) in ("unchanged", "updated")
        assert store.get_article(url).withdrawn_at is None
    fetcher.close()
    sync_index(data_dir)
    assert url in _indexed(data_dir)
    assert 'id="withdrawn"' not in make_app(data_dir).test_client().get(
        "/article", query_string={"url": url}).get_data(as_text=True)


def test_a_rebuild_leaves_withdrawn_articles_out(writable_data_dir):
    from core.paths import store_path
    from core.store import Store
    from indexer import rebuild_index

    with Store(store_path(writable_data_dir)) as store:
        url = next(iter(store.iter_articles())).url
        assert store.set_withdrawn(url, "2026-01-01T00:00:00+00:00")
    rebuild_index(writable_data_dir)
    assert url not in _indexed(writable_data_dir)


def test_each_run_rechecks_older_articles_in_rotation(mirror, sources, data_dir):
    """Not only the newest: every run re-checks the stored articles checked longest ago, so a
    withdrawal deep in the archive is found within a few runs."""
    src = with_recheck(sources["moi"], 3)
    crawl_source(src, data_dir)
    with open_store(data_dir) as store:
        from crawler.bookkeeping import CrawlBook

        oldest = CrawlBook(store).least_recently_checked("moi", 1)[0]
    mirror.fault(urlsplit(src.to_fetch(oldest)).path, "status", code=410)
    crawl_source(src, data_dir)
    with open_store(data_dir) as store:
        assert store.get_article(oldest).withdrawn_at
