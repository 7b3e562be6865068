"""The bulk build (one worker process per share of the store) makes the same index as one writer."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.paths import store_path
from core.store import Store
from indexer import SearchEngine, build_params, rebuild_index
from indexer.whoosh_backend import index as index_module
from indexer.whoosh_backend.index import open_index


def index_dump(data: Path) -> tuple[dict, dict]:
    """Every posting of the Thai fields (weight and positions) and every stored document, by URL:
    document numbers differ between builds, the index's content must not."""
    postings, stored = {}, {}
    with open_index(data).searcher() as searcher:
        reader = searcher.reader()
        urls = {}
        for docnum, fields in reader.iter_docs():
            urls[docnum] = fields["url"]
            stored[fields["url"]] = (fields, reader.doc_field_length(docnum, "text"),
                                     reader.doc_field_length(docnum, "title"))
        for field in ("title", "text"):
            for term in reader.field_terms(field):
                m = reader.postings(field, term)
                while m.is_active():
                    postings[(field, term, urls[m.id()])] = (m.weight(), tuple(m.value_as("positions")))
                    m.next()
    return postings, stored


def test_url_splits_cut_the_store_into_disjoint_shares_that_cover_it(writable_data_dir):
    with Store(store_path(writable_data_dir)) as store:
        every = [a.url for a in store.iter_articles()]
        for parts in (1, 2, 3, 7):
            splits = store.url_splits(parts)
            assert len(splits) == parts - 1
            shares = [[a.url for a in store.iter_articles(batch=4, after=lo, upto=hi)]
                      for lo, hi in zip([""] + splits, splits + [None])]
            assert [u for share in shares for u in share] == every
            assert max(map(len, shares)) - min(map(len, shares)) <= 1


def test_bulk_rebuild_makes_the_same_index_as_one_writer(writable_data_dir, monkeypatch):
    data = writable_data_dir
    with Store(store_path(data)) as store:
        withdrawn = next(store.iter_articles()).url
        store.set_withdrawn(withdrawn, "2024-01-01T00:00:00")
    rebuild_index(data)  # 40 articles: one writer
    serial = index_dump(data)
    assert serial[0] and withdrawn not in serial[1]

    monkeypatch.setattr(index_module, "_BULK", 1)
    monkeypatch.setattr(index_module, "_procs", lambda: 3)
    rebuild_index(data)
    with open_index(data).searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 3  # one segment per worker
    assert index_dump(data) == serial
    result = SearchEngine(data, cache_size=0).search(build_params(q="มหาดไทย"))
    assert result.total > 0


_SLOW_UPTO = ""  # set by a test before its workers fork: the shares up to this URL index slowly
_ARTICLE_FIELDS = index_module.article_fields


def first_share_slow_fields(article):
    """Module level, like :func:`broken_fields`: the first share's worker finishes last."""
    import time

    if article.url <= _SLOW_UPTO:
        time.sleep(0.05)
    return _ARTICLE_FIELDS(article)


def test_documents_follow_urls_whichever_worker_finishes_first(writable_data_dir, monkeypatch):
    # Ties of score are broken by document number: the segments must be listed in URL order, not
    # in the order their workers happened to finish.
    data = writable_data_dir
    with Store(store_path(data)) as store:
        monkeypatch.setitem(globals(), "_SLOW_UPTO", store.url_splits(2)[0])
        urls = sorted(a.url for a in store.iter_articles() if not a.withdrawn_at)
    monkeypatch.setattr(index_module, "_BULK", 1)
    monkeypatch.setattr(index_module, "_procs", lambda: 2)
    monkeypatch.setattr(index_module, "article_fields", first_share_slow_fields)
    rebuild_index(data)
    with open_index(data).searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 2
        assert [fields["url"] for _docnum, fields in searcher.reader().iter_docs()] == urls


def broken_fields(article):
    """Module level: a spawned worker (other threads running) gets it by name."""
    raise ValueError("no fields for " + article.url)


def test_a_failing_worker_fails_the_rebuild_and_keeps_the_live_index(writable_data_dir, monkeypatch):
    data = writable_data_dir
    before = index_dump(data)
    live = index_module.current_generation(data)

    monkeypatch.setattr(index_module, "_BULK", 1)
    monkeypatch.setattr(index_module, "article_fields", broken_fields)
    try:
        rebuild_index(data)
    except RuntimeError as e:
        assert "ValueError: no fields for" in str(e)
    else:
        raise AssertionError("the rebuild did not fail")
    assert index_module.current_generation(data) == live
    assert index_dump(data) == before


def test_bulk_rebuild_beside_other_threads_spawns_its_workers(writable_data_dir, monkeypatch):
    # A server thread may hold a lock at the moment of a fork; with threads the workers are spawned.
    import threading

    data = writable_data_dir
    serial = index_dump(data)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        monkeypatch.setattr(index_module, "_BULK", 1)
        rebuild_index(data)
    finally:
        stop.set()
        thread.join()
    assert index_dump(data) == serial


def _segment_bytes(folder: Path) -> dict[str, bytes]:
    """The files of an index's one segment, named without the segment's (random) name."""
    return {p.name.split(".", 1)[1]: p.read_bytes() for p in folder.iterdir()
            if p.name.startswith("MAIN_") and "." in p.name}


@pytest.mark.parametrize("limitmb", [128, 0.02])  # postings sorted in memory; in many runs on disk
def test_segment_writer_writes_the_same_bytes_as_whoosh(writable_data_dir, tmp_path, limitmb):
    """Our segment writer (posting pool in marshalled runs, field lengths read once per field)
    makes byte for byte the segment Whoosh's own writer makes: postings, block length bounds
    (which ranking reads), columns."""
    from whoosh import index as whoosh_index
    from whoosh.writing import SegmentWriter

    from indexer.whoosh_backend.bulk import segment_writer
    from indexer.whoosh_backend.index import article_fields
    from indexer.whoosh_backend.schema import build_schema

    with Store(store_path(writable_data_dir)) as store:
        docs = [article_fields(a) for a in store.iter_articles()]
    assert len(docs) > 20
    out = {}
    runs = {}
    for name, make in (("whoosh", lambda ix: SegmentWriter(ix, compound=False, limitmb=limitmb)),
                       ("ours", lambda ix: segment_writer(ix, compound=False, limitmb=limitmb))):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema())
        writer = make(ix)
        for d in docs:
            writer.add_document(**d)
        runs[name] = len(writer.pool.runs)
        writer.commit()
        out[name] = _segment_bytes(folder)
    assert set(out["ours"]) >= {"pst", "trm", "_text_len.col"}
    assert out["ours"] == out["whoosh"]
    assert runs["ours"] == runs["whoosh"] and (runs["ours"] > 3) == (limitmb < 1)


def test_words_learned_in_shares_are_the_words_of_one_pass(writable_data_dir):
    from indexer.vocabulary import learn
    from indexer.whoosh_backend.bulk import learn_all

    db = store_path(writable_data_dir)
    with Store(db) as store:
        # A name in two articles is learned; withdrawn articles teach nothing.
        urls = [a.url for a in store.iter_articles()]
        for url in (urls[0], urls[-1]):
            art = store.get_article(url)
            art.body += "\nนายจุรินทร์ ลักษณวิศิษฏ์ กล่าว"
            art.content_hash = ""
            art.__post_init__()
            store.upsert_article(art)
        store.set_withdrawn(urls[1], "2024-01-01T00:00:00")
        one_pass = tuple(learn((a.title, a.body) for a in store.iter_articles() if not a.withdrawn_at))
    assert "จุรินทร์" in one_pass
    for procs in (1, 2, 3):
        assert learn_all(db, procs) == one_pass


def test_positions_are_encoded_as_whoosh_encodes_them():
    from whoosh.formats import Positions

    from indexer.whoosh_backend.bulk import _encode_positions

    fmt = Positions()
    for poses in ([0], [7], [7], [300], [0, 1], [3, 9, 27, 28], list(range(0, 5000, 7)), [70000, 70001]):
        assert _encode_positions(tuple(poses)) == fmt.encode(list(poses))


def _postings_dump(folder: Path) -> dict:
    """Every term's info (weight, document frequency, length and weight bounds, first and last
    document) and every posting with its block's statistics, decoded."""
    from whoosh import index as whoosh_index

    out = {}
    with whoosh_index.open_dir(str(folder)).reader() as reader:
        for field, term in reader.all_terms():
            info = reader.term_info(field, term)
            m = reader.postings(field, term)
            postings = []
            while m.is_active():
                postings.append((m.id(), m.weight(), m.value(), m.block_min_length(), m.block_max_length(),
                                 m.block_max_weight(), m.block_max_id()))
                m.next()
            out[(field, term)] = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
                                  info.max_weight(), info.min_id(), info.max_id(), postings)
    return out


@pytest.mark.parametrize("shared", [False, True])
@pytest.mark.parametrize("limitmb", [128, 0.05])  # terms in memory; in many runs on disk, merged
def test_bulk_writer_writes_the_segment_whoosh_writes_document_by_document(writable_data_dir, tmp_path, monkeypatch,
                                                                           limitmb, shared):
    """The bulk worker's writer (postings pooled per term, Thai fields indexed from positions,
    blocks written a term at a time) makes the segment of Whoosh's plain writer fed the same
    documents one by one through the schema's analyzers, with learned words: the same content
    (terms, postings, positions, block statistics) whether each posting's positions are encoded
    afresh or the encodings of single positions shared (as a build does); the posting blocks are
    pickled with a newer protocol (smaller), the rest of the segment is byte for byte Whoosh's."""
    from whoosh import index as whoosh_index
    from whoosh.formats import Positions
    from whoosh.writing import SegmentWriter

    from indexer.vocabulary import learn
    from indexer.whoosh_backend import bulk
    from indexer.whoosh_backend.index import article_fields
    from indexer.whoosh_backend.schema import build_schema

    if not shared:
        monkeypatch.setattr(bulk, "_encode_positions", Positions().encode)
        monkeypatch.setattr(bulk, "_KEEP_ENCODINGS", 0)
    with Store(store_path(writable_data_dir)) as store:
        articles = list(store.iter_articles())
    words = tuple(learn((a.title, a.body) for a in articles)) + ("ลักษณวิศิษฏ์",)
    docs = [article_fields(a) for a in articles]
    # Four copies: common terms then have postings in more than one block of 128.
    docs = [{**d, "url": f"{d['url']}#{i}"} for i in range(4) for d in docs]
    docs.insert(7, {**docs[0], "url": "https://example.org/empty", "title": "", "text": "", "provinces": ""})
    out, pools, dumps = {}, {}, {}
    for name, make in (("whoosh", lambda ix: SegmentWriter(ix, compound=False)),
                       ("bulk", lambda ix: bulk._BulkWriter(ix, compound=False, limitmb=limitmb))):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema(words))
        writer = make(ix)
        for d in docs:
            writer.add_document(**d)
        pools[name] = writer.pool
        writer.commit(merge=False)
        out[name] = _segment_bytes(folder)
        dumps[name] = _postings_dump(folder)
    assert set(out["bulk"]) >= {"pst", "trm", "_text_len.col", "_title_len.col"}
    assert len(dumps["bulk"]) > 1000 and any(len(p[-1]) > 128 for p in dumps["bulk"].values())  # many blocks
    assert dumps["bulk"] == dumps["whoosh"]
    # Blocks pickled with protocol 5 (termpool._block_writer): the same content, fewer bytes.
    assert len(out["bulk"].pop("pst")) < 0.8 * len(out["whoosh"].pop("pst"))
    del out["bulk"]["trm"], out["whoosh"]["trm"]  # its offsets into the postings differ
    assert out["bulk"].pop("gsp", None) is not None  # our posting arrays (tests/test_posting_arrays.py)
    assert out["bulk"] == out["whoosh"]
    assert not pools["bulk"].runs and not list(tmp_path.rglob("*.terms"))  # runs removed once merged
    if limitmb < 1:
        assert pools["bulk"].saved > 3
