"""The SQLite article store: upserts by URL, the change log, crawl bookkeeping, migrations."""
from __future__ import annotations

import sqlite3

import pytest

from core.crawlruns import last_runs, next_runs
from core.migrations import MIGRATIONS, SCHEMA_VERSION
from core.store import Article, Store
from crawler.bookkeeping import CrawlBook


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
    book = CrawlBook(store)
    book.set_state("https://example.go.th/4", "moi", etag='"abc"', last_status=200)
    book.set_state("https://example.go.th/4", "moi", last_status=304)
    st = book.get_state("https://example.go.th/4")
    assert st["etag"] == '"abc"' and st["last_status"] == 304
    with pytest.raises(ValueError):
        book.set_state("https://example.go.th/4", "moi", bogus=1)
    with pytest.raises(sqlite3.IntegrityError):  # outcome is one of four words, not free text
        book.set_state("https://example.go.th/4", "moi", outcome="duplicate of https://example.go.th/1")
    run = book.start_run("moi")
    book.finish_run(run, pages=3, new=2, errors=1, error_kinds={"timeout": 1}, skipped={"pdf file": 1})
    last = last_runs(store)["moi"]
    assert (last["pages"], last["new"], last["errors"], last["error_kinds"]) == (3, 2, 1, {"timeout": 1})
    assert book.runs("moi")[0]["id"] == run and last["skipped"] == {"pdf file": 1}
    book.set_next_run("moi", "2025-01-01T00:00:00+00:00", 3600)
    assert next_runs(store)["moi"]["next_run"] == "2025-01-01T00:00:00+00:00"


def test_walk_state_is_per_source(store):
    book = CrawlBook(store)
    book.set_walk("moi", "next_id", "12")
    book.set_walk("prd", "next_id", "7")
    assert (book.get_walk("moi", "next_id"), book.get_walk("prd", "next_id"), book.get_walk("moi", "x")) == (
        "12", "7", None)


def test_raw_pages_keep_bytes(store):
    raw = "ข่าว".encode("cp874")
    book = CrawlBook(store)
    book.save_raw("https://example.go.th/5", raw, status=200, content_type="text/html", encoding="cp874")
    assert bytes(book.get_raw("https://example.go.th/5")["body"]) == raw


def test_schema_2_markers_and_meta_keys_become_columns(tmp_path):
    """A store written by the schema-2 crawler: markers in last_error, walker state in meta."""
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    for step in MIGRATIONS[:2]:
        db.executescript(step)
    db.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", [
        ("schema_version", "2"), ("crawl:moi:resume", '["https://www.moi.go.th/moi/page/3/"]'),
        ("crawl:thaigov:highest_id", "98765"), ("crawl:thaigov:next_id", "98766"), ("site_note", "kept")])
    db.executemany("INSERT INTO crawl_state(url, source, content_hash, last_error) VALUES (?, ?, ?, ?)", [
        ("https://t.example/1", "thaigov", None, "placeholder"),
        ("https://t.example/2", "thaigov", None, "duplicate of https://t.example/3"),
        ("https://t.example/3", "thaigov", "abc", None),
        ("https://t.example/4", "thaigov", "def", "timeout: read timed out"),
        ("https://t.example/list", "thaigov", None, None)])
    db.commit()
    db.close()

    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION >= 3  # every later step ran too
        rows = {r["url"].rsplit("/", 1)[1]: (r["outcome"], r["duplicate_of"], r["last_error"])
                for r in store.db.execute("SELECT * FROM crawl_state")}
        assert rows == {"1": ("placeholder", None, None), "2": ("duplicate", "https://t.example/3", None),
                        "3": ("article", None, None), "4": ("error", None, "timeout: read timed out"),
                        "list": (None, None, None)}
        book = CrawlBook(store)
        assert book.get_walk("moi", "resume") == '["https://www.moi.go.th/moi/page/3/"]'
        assert (book.get_walk("thaigov", "highest_id"), book.get_walk("thaigov", "next_id")) == ("98765", "98766")
        assert store.get_meta("crawl:moi:resume") is None and store.get_meta("site_note") == "kept"


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


def test_a_store_at_this_schema_opens_while_another_connection_writes(tmp_path):
    """A server thread opens its connection while a re-index writes the store: at this schema
    opening only reads (WAL readers do not wait for the writer), so it neither waits for the
    write lock nor fails with "database is locked"."""
    import threading

    path = tmp_path / "store.sqlite3"
    Store(path).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # the write lock, held as a long re-index batch holds it
    try:
        versions: list = []

        def open_and_read() -> None:
            with Store(path) as store:
                versions.append(store.schema_version)

        thread = threading.Thread(target=open_and_read, daemon=True)
        thread.start()
        thread.join(5)
        assert versions == [SCHEMA_VERSION], "opening the store waited for the writer"
    finally:
        writer.execute("ROLLBACK")
        writer.close()
