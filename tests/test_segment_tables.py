"""The per-document table put together from per-segment parts after a sync (issue 15)."""
from __future__ import annotations

import time

import numpy as np

from core.paths import store_path
from core.store import Article, Store
from indexer import SearchEngine, build_params, sync_index


def _reference(searcher) -> dict:
    """The columns read document by document from the whole index (how a full rebuild reads them)."""
    reader = searcher.reader()
    n = reader.doc_count_all()
    deleted = {d for d in range(n) if reader.is_deleted(d)}
    return {
        "days": list(reader.column_reader("day")),
        "agency": list(reader.column_reader("agency")),
        "provinces": [set((p or "").split()) for p in reader.column_reader("provinces")],
        "story": list(reader.column_reader("story")),
        "rank": list(reader.column_reader("story_rank")),
        "live": [d not in deleted for d in range(n)],
        "title": [reader.doc_field_length(d, "title", 0) or 0 for d in range(n)],
        "text": [reader.doc_field_length(d, "text", 0) or 0 for d in range(n)],
    }


def _columns(table) -> dict:
    p = table.provinces
    combos: list[set[str]] = [set() for _ in range(p.n_combos)]
    for r, c in zip(p.rows.tolist(), p.cols.tolist()):
        combos[r].add(p.codes[c])
    return {
        "days": table.days.tolist(),
        "agency": [table.agency_names[a] for a in table.agency],
        "provinces": [combos[c] for c in table.provinces.combo],
        "live": table.live.tolist(),
        "title": table.lengths["title"].tolist(),
        "text": table.lengths["text"].tolist(),
    }


def _collapsed(table, ref) -> set[str]:
    """The story of every document the table's grouping keeps (one per story) among live ones."""
    return {ref["story"][d] + "#" + str(ref["rank"][d]) for d in np.flatnonzero(table.collapse(table.live.copy()))}


def _expected_collapsed(ref) -> set[str]:
    best: dict[str, tuple[int, int]] = {}
    for d, story in enumerate(ref["story"]):
        if ref["live"][d]:
            best[story] = min(best.get(story, (1 << 30, d)), (ref["rank"][d], d))
    return {story + "#" + str(rank) for story, (rank, _d) in best.items()}


def test_table_after_sync_matches_the_whole_index(writable_data_dir):
    eng = SearchEngine(writable_data_dir, cache_size=0)
    assert eng.search(build_params(q="ประชุม")).total
    backend = eng.backend
    old_segments = dict(backend._segments._columns)
    assert len(old_segments) == 1
    with Store(store_path(writable_data_dir)) as store:
        urls = [a.url for a in store.iter_articles()]
        changed = store.get_article(urls[3])
        changed.body += " ยูนิคอร์นสีม่วง"
        changed.content_hash = ""
        store.upsert_article(changed)  # re-indexed: the old document is deleted, a new one added
        store.delete_article(urls[5])
        first = store.get_article(urls[0])
        for i in range(2):
            store.upsert_article(Article(
                url=f"https://www.moi.go.th/new/{i}", title=f"ข่าวใหม่ที่ {i} น้ำท่วมเชียงใหม่",
                body="ผู้ว่าราชการจังหวัดเชียงใหม่ลงพื้นที่ " * (i + 1), published=f"2025-0{i + 1}-01",
                agency="moi", provinces="50 10" if i else ""))
        # A copy of an indexed article under a new URL: it joins that article's story group.
        store.upsert_article(Article(url="https://www.moi.go.th/new/copy", title=first.title, body=first.body,
                                     published=first.published, agency="moi"))
    sync_index(writable_data_dir)
    time.sleep(1.1)  # the engine looks for a new index version at most once a second
    assert eng.search(build_params(q="ยูนิคอร์นสีม่วง")).total == 1

    searcher = backend.searcher()
    table = backend._terms().table
    # The old segment's columns were reused, only the new segment was read.
    assert len(backend._segments._columns) == 2
    assert all(backend._segments._columns[s] is cols for s, cols in old_segments.items())
    ref = _reference(searcher)
    assert sum(ref["live"]) == len(urls) - 1 + 3
    assert _columns(table) == {k: ref[k] for k in _columns(table)}
    assert table.doc_count == sum(ref["live"]) == eng.doc_count()
    assert _collapsed(table, ref) == _expected_collapsed(ref)
    assert table.shared.sum() >= 2  # urls[0] and its new copy


def test_a_replaced_article_counts_once_after_sync(writable_data_dir):
    # Whoosh's Searcher.refresh() keeps the old deletions of unchanged segments: the replaced
    # article's old document would stay live beside the new one.
    eng = SearchEngine(writable_data_dir, cache_size=0)
    before = eng.doc_count()
    with Store(store_path(writable_data_dir)) as store:
        art = next(store.iter_articles())
        art.body += " ยูนิคอร์นสีม่วง"
        art.content_hash = ""
        store.upsert_article(art)
    sync_index(writable_data_dir)
    time.sleep(1.1)
    assert eng.doc_count() == before
    assert eng.search(build_params(q="ยูนิคอร์นสีม่วง")).total == 1


def test_syncs_that_merge_segments_keep_every_article_once(writable_data_dir):
    # Each sync adds a segment; after a few Whoosh merges the small ones into a new one. The
    # searcher must read the merged segment and not the ones merged away.
    eng = SearchEngine(writable_data_dir, cache_size=0)
    with Store(store_path(writable_data_dir)) as store:
        total = store.count_articles()
    for i in range(7):
        with Store(store_path(writable_data_dir)) as store:
            store.upsert_article(Article(url=f"https://www.moi.go.th/merge/{i}", title=f"ยูนิคอร์นสีม่วงตัวที่ {i}",
                                         body="ข่าวใหม่", published="2025-01-01", agency="moi"))
        sync_index(writable_data_dir)
        time.sleep(1.1)
        assert eng.doc_count() == total + i + 1
        assert eng.search(build_params(q="ยูนิคอร์นสีม่วง")).total == i + 1
        table = eng.backend._terms().table
        assert table.n == table.doc_count == total + i + 1


def _naive_province_counts(combos: list[list[str]], combo: np.ndarray, docs: np.ndarray) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in docs:
        for code in combos[combo[d]]:
            out[code] = out.get(code, 0) + 1
    return out


def test_province_counts_sum_narrow_and_broad_searches_alike():
    # counts_of sums the pairs of the few combinations a narrow search holds, and every
    # province's at once for a broad one: both must count what a plain loop counts.
    from indexer.whoosh_backend.postings import ProvinceColumn

    rng = np.random.default_rng(7)
    codes = [f"{i:02d}" for i in range(10, 40)]
    combos = [[]] + [sorted(rng.choice(codes, size=rng.integers(1, 6), replace=False).tolist()) for _ in range(300)]
    rows = [r for r, c in enumerate(combos) for _code in c]
    cols = [codes.index(code) for c in combos for code in c]
    combo = rng.integers(0, len(combos), size=5000).astype(np.int32)
    col = ProvinceColumn(codes, len(combos), np.asarray(rows, dtype=np.int32), np.asarray(cols, dtype=np.int32), combo)
    for frac in (0.0, 0.002, 0.02, 0.5, 1.0):
        docs = np.flatnonzero(rng.random(len(combo)) < frac)
        assert col.counts_of(docs) == _naive_province_counts(combos, combo, docs), frac
        assert col.counts(np.isin(np.arange(len(combo)), docs)) == col.counts_of(docs)
    # A province no combination holds cannot be summed by groups: the pairs' way must answer.
    col = ProvinceColumn([*codes, "99"], len(combos), np.asarray(rows, dtype=np.int32),
                         np.asarray(cols, dtype=np.int32), combo)
    docs = np.arange(len(combo))
    assert col.counts_of(docs) == _naive_province_counts(combos, combo, docs)
