"""Story groups: copies of one release are one group (and one hit); templated series stay apart.

Real articles (tests/data): copies are made the ways republishers change a release; the monthly
reports and the same ceremony in other provinces are real corpus pairs whose text is 85-90% equal.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from core.dedupe import band_keys, lead_of, same_release, signature
from core.ingest import Record, make_article
from core.store import Store
from indexer import SearchEngine, build_params, sync_index

DATA = Path(__file__).parent / "data"
SAMPLE = [json.loads(line) for line in (DATA / "sample_articles.jsonl").read_text(encoding="utf-8").splitlines()]
TEMPLATED = [json.loads(line) for line in (DATA / "dedupe_articles.jsonl").read_text(encoding="utf-8").splitlines()]


def _article(url: str, title: str, body: str, date: str | None = None, publisher: str | None = None):
    return make_article(Record(url=url, title=title, body=body, date=date, publisher=publisher))[0]


def _long(n: int) -> list[dict]:
    return [r for r in SAMPLE if len(r["body"]) > 1200][:n]


def copies_of(rec: dict) -> list[tuple[str, str, str]]:
    """(url, title, body) of the release and four republished copies."""
    aid = rec["url"].rsplit("/", 1)[1]
    body = rec["body"]
    return [
        (rec["url"], rec["title"], body),
        (f"https://www.moi.go.th/moi/archives/{aid}/", "มท. " + rec["title"],
         body + "\n\nภาพ: กลุ่มงานประชาสัมพันธ์\nที่มา: สำนักงานปลัดกระทรวงมหาดไทย\n#มหาดไทย #บำบัดทุกข์บำรุงสุข"),
        (f"https://www.prd.go.th/th/content/category/detail/id/9/iid/{aid}", rec["title"] + " [กระทรวงมหาดไทย]",
         "  " + body.replace(" ", "  ").replace("\n", "\n\n")),
        (f"https://pr.moi.go.th/news/pr{aid}.htm", rec["title"], body[: int(len(body) * 0.6)]),
    ]


@pytest.mark.parametrize("which", [1, 2, 3])
def test_perturbed_copies_are_the_same_release(which):
    for rec in _long(3):
        original, copy = copies_of(rec)[0], copies_of(rec)[which]
        assert same_release(lead_of(original[1], original[2]), lead_of(copy[1], copy[2])), (which, rec["url"])


def test_templated_series_and_other_provinces_are_not():
    by_kind: dict[str, list[dict]] = {}
    for r in TEMPLATED:
        by_kind.setdefault(r["category"], []).append(r)
    for kind, (a, b) in by_kind.items():
        assert not same_release(lead_of(a["title"], a["body"]), lead_of(b["title"], b["body"])), kind
    # and an unrelated release is no copy either
    x, y = _long(2)
    assert not same_release(lead_of(x["title"], x["body"]), lead_of(y["title"], y["body"]))


def _fill(store: Store, records: list[tuple[str, str, str]]) -> None:
    for url, title, body in records:
        store.upsert_article(_article(url, title, body, date="2021-03-04"))


def _groups(store: Store) -> dict[str, tuple]:
    return {r[0]: tuple(r[1:]) for r in store.db.execute(
        "SELECT url, story, story_agency, story_rank FROM articles")}


def _records() -> list[tuple[str, str, str]]:
    out = [c for rec in _long(3) for c in copies_of(rec)]
    out += [(r["url"], r["title"], r["body"]) for r in TEMPLATED]
    out += [(r["url"], r["title"], r["body"]) for r in SAMPLE[20:30]]
    return out


def test_store_groups_copies_and_keeps_templates_apart(tmp_path):
    with Store(tmp_path / "s.sqlite3") as store:
        _fill(store, _records())
        groups = _groups(store)
        for rec in _long(3):
            urls = [c[0] for c in copies_of(rec)]
            stories = {groups[u][0] for u in urls}
            assert stories == {min(urls)}  # one group, named by its smallest URL
            assert sorted(groups[u][2] for u in urls) == [0, 1, 2, 3]  # one shown copy, the rest ranked
            assert len({groups[u][1] for u in urls}) == 1  # one issuing agency for every copy
        for kind in ("monthly", "province"):
            a, b = [r["url"] for r in TEMPLATED if r["category"] == kind]
            assert groups[a][0] != groups[b][0], kind


def test_arrival_order_does_not_change_the_groups(tmp_path):
    records = _records()
    results = []
    for i, order in enumerate([records, records[::-1], random.Random(5).sample(records, len(records))]):
        with Store(tmp_path / f"s{i}.sqlite3") as store:
            _fill(store, order)
            results.append(_groups(store))
    assert results[0] == results[1] == results[2]
    with Store(tmp_path / "s2.sqlite3") as store:
        assert store.regroup() == 0  # regrouping from scratch agrees with the incremental result
        assert _groups(store) == results[0]


def test_an_upserted_article_carries_its_stored_group_fields(tmp_path):
    """A lone article is stored as its own group without settling it; a copy is settled into its
    group: either way the Article the caller keeps holds the row's group fields."""
    with Store(tmp_path / "s.sqlite3") as store:
        joined = 0
        for url, title, body in _records():
            article = _article(url, title, body, date="2021-03-04")
            store.upsert_article(article)
            row = store.db.execute("SELECT story, story_agency, story_rank FROM articles WHERE url=?",
                                   (url,)).fetchone()
            assert (article.story, article.story_agency, article.story_rank) == tuple(row)
            joined += article.story != url
        assert joined >= 3


def test_changed_or_deleted_copy_leaves_its_group_and_is_logged(tmp_path):
    rec = _long(1)[0]
    copies = copies_of(rec)
    with Store(tmp_path / "s.sqlite3") as store:
        _fill(store, copies + [(r["url"], r["title"], r["body"]) for r in SAMPLE[30:33]])
        story = min(c[0] for c in copies)
        seq = store.last_seq()
        # The smallest URL's page now carries another release: it leaves, the group is renamed.
        other = SAMPLE[40]
        store.upsert_article(_article(story, other["title"], other["body"], date="2021-03-04"))
        groups = _groups(store)
        assert groups[story][0] == story and groups[story][2] == 0
        rest = sorted(c[0] for c in copies if c[0] != story)
        assert {groups[u][0] for u in rest} == {rest[0]}
        logged = {url for _s, url, op in store.changes_since(seq) if op == "upsert"}
        assert set(rest) | {story} <= logged  # every renamed member goes back to the index
        # A withdrawn copy: the others stay together.
        store.delete_article(rest[0])
        groups = _groups(store)
        assert {groups[u][0] for u in rest[1:]} == {rest[1]}
        # Forgetting finds bands by the stored signature (they are not indexed by URL): the changed
        # page keeps exactly its new text's bands, the deleted one none.
        assert _bands(store, rest[0]) == [] and _sig_count(store, rest[0]) == 0
        assert _bands(store, story) == list(enumerate(band_keys(signature(lead_of(other["title"], other["body"])))))


def _bands(store: Store, url: str) -> list[tuple[int, int]]:
    return [tuple(r) for r in store.db.execute("SELECT band, key FROM dedupe_bands WHERE url=? ORDER BY band", (url,))]


def _sig_count(store: Store, url: str) -> int:
    return store.db.execute("SELECT COUNT(*) FROM dedupe_sigs WHERE url=?", (url,)).fetchone()[0]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    data = tmp_path_factory.mktemp("dedupe") / "data"
    data.mkdir()
    from core.paths import store_path

    with Store(store_path(data)) as store:
        _fill(store, _records())
    sync_index(data)
    eng = SearchEngine(data, cache_size=0)
    yield eng
    eng.close()


def test_one_hit_per_release_and_group_false_lists_every_copy(engine):
    rec = _long(1)[0]
    urls = {c[0] for c in copies_of(rec)}
    q = "ประชามติ สับสน"  # words of its headline
    grouped = engine.search(build_params(q=q, per_page=50))
    hits = [h for h in grouped.hits if h.url in urls]
    assert len(hits) == 1
    assert {c["url"] for c in hits[0].copies} == urls - {hits[0].url}
    every = engine.search(build_params(q=q, per_page=50, group="false"))
    assert {h.url for h in every.hits} >= urls
    assert every.total - grouped.total == len(urls) - 1
    doc = grouped.to_json()
    assert doc["group"] is True and len(doc["hits"][0]["copies"]) == len(urls) - 1


def test_totals_and_facets_count_releases(engine):
    grouped = engine.search(build_params(per_page=1))
    every = engine.search(build_params(per_page=1, group=False))
    assert every.total - grouped.total == 3 * 3  # three releases with three extra copies each
    assert sum(f["count"] for f in every.facets["year"]) - sum(f["count"] for f in grouped.facets["year"]) == 9
    top = lambda r: sum(f["count"] for f in r.facets["agency"] if f["parent"] is None)  # noqa: E731
    assert top(every) - top(grouped) == 9
    assert sum(f["count"] for f in grouped.facets["year"]) == grouped.total


def test_bad_group_parameter_is_a_clear_error():
    from indexer import ParamError

    with pytest.raises(ParamError, match="group must be true or false"):
        build_params(group="maybe")


def test_a_filled_schema_8_store_migrates_and_keeps_forgetting_bands(tmp_path):
    """Migration 9 drops the band table's URL index from a store filled under schema 8; after it a
    changed article's old bands still go (found through its stored signature) and a deleted one's too."""
    import sqlite3

    from core.migrations import SCHEMA_VERSION

    path = tmp_path / "s.sqlite3"
    rec = _long(1)[0]
    copies = copies_of(rec)
    with Store(path) as store:
        _fill(store, copies + [(r["url"], r["title"], r["body"]) for r in SAMPLE[30:33]])
    db = sqlite3.connect(path)  # what migration 9 finds: schema 8 kept the bands indexed by URL
    db.execute("CREATE INDEX dedupe_bands_url ON dedupe_bands(url)")
    db.execute("UPDATE meta SET value='8' WHERE key='schema_version'")
    db.commit()
    bands_before = db.execute("SELECT COUNT(*) FROM dedupe_bands").fetchone()[0]
    db.close()

    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION >= 9
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "dedupe_bands_url" not in indexes and "dedupe_bands_key" in indexes
        assert store.db.execute("SELECT COUNT(*) FROM dedupe_bands").fetchone()[0] == bands_before
        changed, deleted = copies[0][0], copies[1][0]
        other = SAMPLE[40]
        store.upsert_article(_article(changed, other["title"], other["body"], date="2021-03-04"))
        assert _bands(store, changed) == list(enumerate(band_keys(signature(lead_of(other["title"], other["body"])))))
        store.delete_article(deleted)
        assert _bands(store, deleted) == [] and _sig_count(store, deleted) == 0
        assert store.count_articles() == len(copies) + 3 - 1
