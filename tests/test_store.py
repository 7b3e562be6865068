"""The SQLite article store: upserts by URL, the change log, crawl bookkeeping, migrations."""
from __future__ import annotations

import sqlite3

import pytest

from core.store import SCHEMA_VERSION, Article, Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "store.sqlite3")
    yield s
    s.close()


def test_wal_and_schema_version(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version == SCHEMA_VERSION


def test_upsert_new_updated_unchanged(store):
    a = Article(url="https://example.go.th/1", title="หัวข้อ", body="เนื้อหา", published="2021-03-04", agency="moi")
    assert store.upsert_article(a) == "new"
    same = Article(url=a.url, title="หัวข้อ", body="เนื้อหา", published="2021-03-04", agency="moi")
    assert store.upsert_article(same) == "unchanged"
    changed = Article(url=a.url, title="หัวข้อใหม่", body="เนื้อหา", published="2021-03-04", agency="moi")
    assert store.upsert_article(changed) == "updated"
    assert store.get_article(a.url).title == "หัวข้อใหม่"
    assert store.count_articles() == 1
    assert [(op, url) for _s, url, op in store.changes_since(0)] == [("upsert", a.url), ("upsert", a.url)]


def test_delete_is_logged(store):
    a = Article(url="https://example.go.th/2", title="t", body="b", agency="moi")
    store.upsert_article(a)
    assert store.delete_article(a.url) is True
    assert store.delete_article(a.url) is False
    assert store.get_article(a.url) is None
    assert [op for _s, _u, op in store.changes_since(0)] == ["upsert", "delete"]


def test_failed_transaction_leaves_nothing(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.upsert_article(Article(url="https://example.go.th/3", title="t", body="b", agency="moi"))
            raise RuntimeError("crash halfway")
    assert store.count_articles() == 0 and store.last_seq() == 0


def test_crawl_state_and_runs(store):
    store.set_crawl_state("https://example.go.th/4", "moi", etag='"abc"', last_status=200)
    store.set_crawl_state("https://example.go.th/4", "moi", last_status=304)
    st = store.get_crawl_state("https://example.go.th/4")
    assert st["etag"] == '"abc"' and st["last_status"] == 304
    with pytest.raises(ValueError):
        store.set_crawl_state("https://example.go.th/4", "moi", bogus=1)
    run = store.start_run("moi")
    store.finish_run(run, pages=3, new=2, errors=1, error_kinds={"timeout": 1})
    last = store.last_runs()["moi"]
    assert (last["pages"], last["new"], last["errors"], last["error_kinds"]) == (3, 2, 1, {"timeout": 1})


def test_raw_pages_keep_bytes(store):
    raw = "ข่าว".encode("cp874")
    store.save_raw("https://example.go.th/5", raw, status=200, content_type="text/html", encoding="cp874")
    assert bytes(store.get_raw("https://example.go.th/5")["body"]) == raw


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    db.commit()
    db.close()
    with pytest.raises(RuntimeError, match="newer"):
        Store(path)


def test_reopen_keeps_data(tmp_path):
    path = tmp_path / "s.sqlite3"
    with Store(path) as s:
        s.upsert_article(Article(url="https://example.go.th/6", title="t", body="b", agency="moi"))
    with Store(path) as s:
        assert s.count_articles() == 1 and s.schema_version == SCHEMA_VERSION
