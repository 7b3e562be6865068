"""Posting arrays beside each segment (issue 15): the same postings as Whoosh's, written by every
build and sync, and searches the same with them, without them, or with a damaged file."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.paths import store_path
from core.store import Article, Store
from indexer import SearchEngine, build_params, rebuild_index, sync_index
from indexer.whoosh_backend import index as index_module
from indexer.whoosh_backend import sidecar
from indexer.whoosh_backend.index import open_index
from indexer.whoosh_backend.segments import segment_postings

QUERIES = ["กระทรวง", "การ", "มหาดไทย", "ประชาชน", "นายกรัฐมนตรี ประชุม", '"กระทรวงมหาดไทย"', "และ", "จังหวัด"]


def _leaves(data: Path):
    ix = open_index(data)
    reader = ix.reader()
    return ix, reader, [leaf for leaf, _offset in reader.leaf_readers()]


def _files(data: Path) -> set[str]:
    ix, reader, leaves = _leaves(data)
    try:
        folder = Path(ix.storage.folder)
        assert all(sidecar.path_for(folder, leaf.segment().segment_id()).exists() for leaf in leaves)
        return {p.name for p in folder.glob("*" + sidecar.SUFFIX)}
    finally:
        reader.close()


def _results(data: Path) -> list:
    engine = SearchEngine(data, cache_size=0)
    try:
        out = []
        for q in QUERIES:
            r = engine.search(build_params(q=q, per_page=20))
            out.append((q, r.total, [(h.url, round(h.score, 6)) for h in r.hits]))
        return out
    finally:
        engine.close()


def test_arrays_hold_every_terms_postings_as_whoosh_does(writable_data_dir):
    ix, reader, leaves = _leaves(writable_data_dir)
    try:
        checked = 0
        for leaf in leaves:
            path = sidecar.write(leaf, ix.storage.folder, segment_postings, min_df=1)
            arrays = sidecar.PostingArrays(path)
            for field in sidecar.FIELDS:
                for btext, _info in leaf.iter_field(field):
                    text = btext.decode("utf-8")
                    ids, tf = arrays.get(field, text)
                    want_ids, want_tf = segment_postings(leaf, field, text)
                    assert ids.dtype == np.int32 and tf.dtype == np.float32
                    assert np.array_equal(ids, want_ids) and np.array_equal(tf, want_tf), (field, text)
                    checked += 1
            assert arrays.get("text", "ไม่มีคำนี้ในดัชนี") is None
        assert checked > 1000
    finally:
        reader.close()


def test_sync_and_bulk_build_write_arrays_for_every_segment(writable_data_dir, monkeypatch):
    data = writable_data_dir
    before = _files(data)
    assert before
    with Store(store_path(data)) as store:
        store.upsert_article(Article(url="https://www.moi.go.th/new/1", title="ข่าวใหม่ของกระทรวง",
                                     body="กระทรวงมหาดไทยแถลงข่าว " * 40, published="2024-05-01", agency="moi"))
    sync_index(data)
    after = _files(data)
    assert len(after) > len(before)  # the sync's new segment has its own

    monkeypatch.setattr(index_module, "_BULK", 1)
    monkeypatch.setattr(index_module, "_procs", lambda: 2)
    rebuild_index(data)
    assert len(_files(data)) == 2  # one per worker's segment, the old generation's gone with it


def _counting_whoosh_reads(monkeypatch) -> list:
    """Record the posting lists read from Whoosh's blocks (not from the arrays), of terms the
    segment holds (a term it lacks is looked up there too, and found missing at once)."""
    from indexer.whoosh_backend import segments

    calls = []
    real = segments.segment_postings

    def counted(reader, field, text):
        if (field, text) in reader:
            calls.append((field, text))
        return real(reader, field, text)

    monkeypatch.setattr(segments, "segment_postings", counted)
    return calls


def test_search_is_the_same_with_missing_or_damaged_arrays(writable_data_dir, monkeypatch):
    data = writable_data_dir
    ix, reader, leaves = _leaves(data)
    try:  # terms of every length in the arrays, so that searches really read them
        paths = [sidecar.write(leaf, ix.storage.folder, segment_postings, min_df=1) for leaf in leaves]
    finally:
        reader.close()
    whoosh_reads = _counting_whoosh_reads(monkeypatch)
    with_arrays = _results(data)
    assert any(total for _q, total, _hits in with_arrays)
    assert not whoosh_reads  # every list came from the arrays
    for p in paths:
        p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])  # a torn file
    assert _results(data) == with_arrays
    assert whoosh_reads  # ... and now from Whoosh
    for p in paths:
        p.unlink()
    assert _results(data) == with_arrays


def test_a_segment_first_seen_without_arrays_gets_them_with_the_next_version(writable_data_dir, monkeypatch):
    # A sync writes a new segment's arrays after its commit: a search in between must not make
    # the process read that segment from Whoosh for good.
    from indexer.whoosh_backend.segments import SegmentCache

    ix, reader, leaves = _leaves(writable_data_dir)
    try:
        leaf = leaves[0]
        segid = leaf.segment().segment_id()
        sidecar.path_for(ix.storage.folder, segid).unlink()
        whoosh_reads = _counting_whoosh_reads(monkeypatch)
        cache = SegmentCache()
        cache.postings(leaf, "text", "การ")
        assert len(whoosh_reads) == 1
        sidecar.write(leaf, ix.storage.folder, segment_postings, min_df=1)
        cache.retain({segid})  # what a new index version does
        ids, _tf = cache.postings(leaf, "text", "และ")
        assert len(whoosh_reads) == 1 and len(ids)
    finally:
        reader.close()


def test_a_failed_arrays_write_leaves_the_sync_alone(writable_data_dir):
    ix, reader, leaves = _leaves(writable_data_dir)
    reader.close()
    for p in Path(ix.storage.folder).glob("*" + sidecar.SUFFIX):
        p.unlink()

    def broken(*_args):
        raise RuntimeError("disk trouble")

    assert sidecar.write_missing(ix, broken) == 0
    assert not list(Path(ix.storage.folder).glob("*.tmp"))
    assert sidecar.write_missing(ix, segment_postings) == len(leaves)


@pytest.mark.parametrize("content", [b"", sidecar.MAGIC, sidecar.MAGIC + bytes(8) + b"x" * 64,
                                     sidecar.MAGIC + (10**6).to_bytes(8, "little") + b"x" * 64, b"not an arrays file"])
def test_unreadable_files_are_left_to_whoosh(writable_data_dir, content):
    ix, reader, leaves = _leaves(writable_data_dir)
    try:
        path = sidecar.path_for(ix.storage.folder, leaves[0].segment().segment_id())
        path.write_bytes(content)
        assert sidecar.open_for(leaves[0]) is None
    finally:
        reader.close()


def test_a_bulk_writers_arrays_are_its_segments_postings(writable_data_dir, tmp_path, monkeypatch):
    # Written from the bulk writer's own stream of terms (not decoded back): every list must be
    # the one Whoosh reads from the segment. In this process, with a low threshold, so that most
    # terms are in the file.
    from whoosh import index as whoosh_index

    from indexer.whoosh_backend import bulk
    from indexer.whoosh_backend.index import article_fields
    from indexer.whoosh_backend.schema import build_schema

    monkeypatch.setattr(sidecar, "MIN_DF", 2)
    with Store(store_path(writable_data_dir)) as store:
        docs = [article_fields(a) for a in store.iter_articles()]
    ix = whoosh_index.create_in(str(tmp_path), build_schema(()))
    writer = bulk._BulkWriter(ix, compound=False, limitmb=0.05)  # many runs, merged
    for i in range(4):  # lists longer than a block of 128
        for d in docs:
            writer.add_document(**{**d, "url": f"{d['url']}#{i}"})
    writer.commit(merge=False)
    reader = ix.reader()
    try:
        checked = 0
        for leaf, _offset in reader.leaf_readers():
            arrays = sidecar.open_for(leaf)
            assert arrays is not None
            for field in sidecar.FIELDS:
                for btext, info in leaf.iter_field(field):
                    text = btext.decode("utf-8")
                    found = arrays.get(field, text)
                    assert (found is None) == (info.doc_frequency() < 2), (field, text)
                    if found is not None:
                        want = segment_postings(leaf, field, text)
                        assert np.array_equal(found[0], want[0]) and np.array_equal(found[1], want[1]), (field, text)
                        checked += 1
        assert checked > 1000
    finally:
        reader.close()


def test_an_empty_store_syncs_and_rebuilds_to_an_empty_index(tmp_path):
    """A data folder whose store holds no article yet (a first crawl that found nothing) must
    sync and rebuild without a crash: its index has no segment for the arrays to follow."""
    with Store(store_path(tmp_path)):
        pass
    report = sync_index(tmp_path)
    assert report.upserts == 0
    rebuild_index(tmp_path)
    engine = SearchEngine(tmp_path)
    assert engine.search(build_params(q="ข่าว")).total == 0
