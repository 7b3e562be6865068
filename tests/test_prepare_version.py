"""A new index version's table is built in the background before its first search (issue 15)."""
from __future__ import annotations

import time

from test_segment_tables import _columns, _reference

from core.paths import store_path
from core.store import Article, Store
from indexer import SearchEngine, build_params, sync_index
from indexer.whoosh_backend import prepare


def _wait(condition, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_the_prepared_table_serves_the_new_version(writable_data_dir):
    eng = SearchEngine(writable_data_dir, cache_size=0)
    backend = eng.backend
    assert eng.search(build_params(q="ประชุม")).total  # the first search starts the watcher
    before = eng.doc_count()
    with Store(store_path(writable_data_dir)) as store:
        urls = [a.url for a in store.iter_articles()]
        store.delete_article(urls[2])
        store.upsert_article(Article(url="https://www.moi.go.th/new/prepared", title="ยูนิคอร์นสีม่วงบินได้",
                                     body="ผู้ว่าราชการจังหวัดเชียงใหม่ลงพื้นที่", published="2025-03-01",
                                     agency="moi", provinces="50"))
    sync_index(writable_data_dir)
    assert _wait(lambda: backend.watcher.prepared >= 1), "the watcher did not prepare the new version"
    prepared = list(backend._tables.values())[-1]
    assert prepared.doc_count == before  # one deleted, one added

    time.sleep(1.1)  # this thread's searcher looks for a new version at most once a second
    result = eng.search(build_params(q="ยูนิคอร์นสีม่วง"))
    assert result.total == 1 and result.hits[0].url.endswith("/prepared")
    assert {f["id"]: f["count"] for f in result.facets["province"]} == {"50": 1}
    terms = backend._terms()
    assert terms.table is prepared  # served from the prepared table, not built again
    ref = _reference(terms.searcher)
    assert _columns(prepared) == {k: ref[k] for k in _columns(prepared)}
    assert eng.doc_count() == before == sum(ref["live"])
    assert urls[2] not in eng.matching_urls("ประชุม")


def test_the_watcher_stops_when_idle_and_starts_again(writable_data_dir, monkeypatch):
    monkeypatch.setattr(prepare, "IDLE_SECONDS", 0.3)
    eng = SearchEngine(writable_data_dir, cache_size=0)
    eng.search(build_params(q="ประชุม"))
    watcher = eng.backend.watcher
    assert watcher._thread is not None
    assert _wait(lambda: not watcher._thread.is_alive(), 10), "the idle watcher kept running"
    eng.search(build_params(q="ประชุม"))
    assert watcher._thread.is_alive()
