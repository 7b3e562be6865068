"""Building a whole index from the store on every core: one worker process per share of the store.

Each worker reads its own share of the articles (a URL range) straight from SQLite, analyses them
and writes one Whoosh segment; the parent only lists the segments in the index's table of
contents. Nothing is pickled between processes but the finished segments' descriptions.

A worker's writer (:class:`_BulkWriter`) pools postings per term (:mod:`.termpool`) instead of
sorting every posting as Whoosh does; the incremental writer (:func:`segment_writer`) keeps
Whoosh's sort, with runs written as marshalled lists of postings (:class:`_ChunkedPool`).
"""
from __future__ import annotations

import marshal
from operator import sub
from pickle import dumps
import multiprocessing
import os
import queue
import threading
from collections import Counter
from pathlib import Path
from typing import Callable

import numpy as np
from whoosh import index as whoosh_index
from whoosh.formats import Positions
from whoosh.system import pack_uint
from whoosh.writing import PostingPool, SegmentWriter

from core.paths import store_path
from core.priority import worker_started
from core.store import Store
from indexer.thai import dictionary_words, lexicon, text_positions
from indexer.vocabulary import choose, count
from indexer.whoosh_backend import sidecar
from indexer.whoosh_backend.analysis import ThaiTokenizer, schema_lexicon
from indexer.whoosh_backend.termpool import Encodings, TermPool, write_postings

_CHUNK = 20_000  # postings per marshalled block of a run
_REPORT_EVERY = 200  # articles between progress messages
_LIMIT_MB = 256  # postings held in memory per worker before a run is written


class _ChunkedPool(PostingPool):
    """Whoosh's posting pool with runs written as marshalled blocks instead of single pickles."""

    def add(self, item):
        # PostingPool.add without its per-posting type assertions; the same size estimate, so
        # runs are cut where Whoosh cuts them.
        self.fieldnames.add(item[0])
        self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def _write_run(self, f, items):
        block = []
        for item in items:
            block.append(item)
            if len(block) >= _CHUNK:
                marshal.dump(block, f)
                block = []
        if block:
            marshal.dump(block, f)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    block = marshal.load(f)
                except EOFError:
                    return
                yield from block
        finally:
            f.close()
            self._remove_run(path)


_KEEP_ENCODINGS = 1  # positions per list whose encodings a bulk writer keeps (termpool.Encodings)


def _encode_positions(poses: tuple[int, ...]) -> bytes:
    """``Positions.encode`` of the list of ``poses``, the same bytes."""
    return pack_uint(len(poses)) + dumps([poses[0], *map(sub, poses[1:], poses[:-1])], 2)


def _pool_context():
    """Forked workers share the dictionaries already loaded and start at once; but a fork copies
    the locks other threads hold (a server's searches segment under a lock, and a searching
    process runs the version watcher's thread), so with other threads running: spawn."""
    return multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")


def _text_positions(lex):
    return lambda value: text_positions(value, lex)


def _fast_fields(schema) -> dict[str, Callable[[str], dict[str, list[int]]]]:
    """The Thai fields a bulk writer indexes from our own analyses (text -> each term's positions,
    each term once), without Whoosh's token objects: exactly the postings
    their analyzers make, with the generation's own lexicon (its learned words)."""
    fast = {}
    for name in ("text", "title"):
        field = schema[name]
        analyzer = field.analyzer
        if isinstance(analyzer, ThaiTokenizer) and analyzer.parts \
                and type(field.format) is Positions and not field.vector:
            fast[name] = _text_positions(analyzer.lexicon)
    return fast


class _Lengths:
    """A segment's field lengths read once per field: Whoosh asks the per-document reader for
    the length of every posting (a column look-up each, an eighth of a rebuild's time); the
    values are the same, looked up in a list."""

    def __init__(self, reader, doccount: int):
        self._reader, self._doccount, self._fields = reader, doccount, {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._fields.get(fieldname)
        if lengths is None:
            get = self._reader.doc_field_length
            lengths = self._fields[fieldname] = [get(d, fieldname, default) for d in range(self._doccount)]
        return lengths[docnum] if 0 <= docnum < self._doccount else self._reader.doc_field_length(
            docnum, fieldname, default)

    def of(self, fieldname: str) -> list[int]:
        """Every document's length of the field."""
        self.doc_field_length(0, fieldname)
        return self._fields[fieldname]

    def close(self) -> None:
        self._reader.close()


class _SegmentWriter(SegmentWriter):
    """Whoosh's segment writer, flushing its postings with :class:`_Lengths`."""

    def _flush_segment(self):
        self.perdocwriter.close()
        pdr = _Lengths(self.per_document_reader(), self.docnum) if self.codec.length_stats else None
        self.fieldwriter.add_postings(self.schema, pdr, self.pool.iter_postings())
        self.fieldwriter.close()
        if pdr:
            pdr.close()


class _BulkWriter(SegmentWriter):
    """A segment writer for documents added in order into a fresh segment (a bulk worker's):
    postings pooled per term (:mod:`indexer.whoosh_backend.termpool`), the Thai fields indexed
    from their positions (:func:`_fast_fields`). Its segment is the one Whoosh's writer makes."""

    def __init__(self, ix, limitmb: float = 128, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = TermPool(self._tempstorage, limitmb=limitmb)
        self._fast = _fast_fields(self.schema)
        self._encodings = Encodings(_encode_positions, _KEEP_ENCODINGS)

    def add_document(self, **fields):
        # SegmentWriter.add_document for this schema (no vectors, no separate spelling fields),
        # the fast fields' postings added a document's field at a time.
        self._check_state()
        perdoc, schema, docnum, pool = self.perdocwriter, self.schema, self.docnum, self.pool
        docboost = self._doc_boost(fields)
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                if field.vector or field.separate_spelling():
                    raise ValueError(f"the bulk writer does not index field {name!r}'s vectors or spelling")
                length = 0
                if field.indexed:
                    boost = self._field_boost(fields, name, docboost)
                    positions = self._fast.get(name)
                    if positions is not None:
                        length = pool.add_positions(name, docnum, positions(value), field.format.field_boost * boost,
                                                    self._encodings)
                    else:
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if field.scorable:
                                length += freq
                            pool.add((name, tbytes, docnum, weight * boost, vbytes))
                stored = fields.get(f"_stored_{name}", value)
                perdoc.add_field(name, field, stored if field.stored else None, length)
                if field.column_type and stored is not None:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(stored))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1
        pool.check_size()

    def _flush_segment(self):
        self.perdocwriter.close()
        pdr = _Lengths(self.per_document_reader(), self.docnum) if self.codec.length_stats else None
        # The segment's posting arrays from the same stream of terms: nothing decoded again.
        with sidecar.ArraysWriter(self.storage.folder, self.newsegment.segment_id(), self.docnum) as arrays:
            write_postings(self.fieldwriter, self.schema, pdr.of if pdr else None,
                           _tee(self.pool.iter_terms(), arrays))
        self.fieldwriter.close()
        if pdr:
            pdr.close()


def _tee(terms, arrays: sidecar.ArraysWriter):
    """The pool's terms, passed on; the long lists of the fields ranking reads also go to ``arrays``."""
    fields, min_df = sidecar.FIELDS, sidecar.MIN_DF
    for item in terms:
        field, btext, (ids, weights, _values) = item
        if field in fields and len(ids) >= min_df:
            arrays.add(field, btext.decode("utf-8"), np.asarray(ids), np.asarray(weights))
        yield item


def segment_writer(ix, **kwargs) -> SegmentWriter:
    """A Whoosh segment writer with the faster posting pool and field lengths."""
    writer = _SegmentWriter(ix, **kwargs)
    writer.pool = _ChunkedPool(writer._tempstorage, writer.newsegment, limitmb=kwargs.get("limitmb", 128))
    return writer


def _count_share(share: tuple[str, str, str | None]) -> Counter:
    """The learned-word candidates of the searchable articles with URLs in (after, upto]."""
    data, after, upto = share
    with Store(Path(data)) as store:
        return count((a.title, a.body) for a in store.iter_articles(after=after, upto=upto) if not a.withdrawn_at)


def learn_all(db: Path, procs: int) -> tuple[str, ...]:
    """The words a new generation learns from the store at ``db`` (:mod:`indexer.vocabulary`),
    its shares counted by ``procs`` processes: the same words as one pass over the store."""
    with Store(db) as store:
        splits = store.url_splits(procs)
    shares = [(str(db), lo, hi) for lo, hi in zip([""] + splits, splits + [None])]
    if len(shares) == 1:
        return tuple(choose(_count_share(shares[0])))
    # The dictionaries loaded once, before the workers fork and share them.
    lexicon().segment("ก")
    dictionary_words()
    with _pool_context().Pool(len(shares), initializer=worker_started) as pool:
        counts = pool.map(_count_share, shares, chunksize=1)
    return tuple(choose(sum(counts, Counter())))


def _worker(folder: str, data: str, after: str, upto: str | None, fields: Callable, out, share: int = 0) -> None:
    """Index the articles with URLs in (after, upto] into a new segment; report on ``out`` (the
    finished segment with its ``share`` number)."""
    worker_started()
    parent = os.getppid()
    try:
        ix = whoosh_index.open_dir(folder)
        writer = _BulkWriter(ix, _lk=False, limitmb=_LIMIT_MB, compound=False)
        n = done = 0
        with Store(Path(data)) as store:
            for art in store.iter_articles(after=after, upto=upto):
                if art.withdrawn_at:  # kept in the store, not searchable
                    continue
                writer.add_document(**fields(art))
                n += 1
                if n % _REPORT_EVERY == 0:
                    if os.getppid() != parent:  # the rebuild was killed: stop writing its folder
                        return
                    out.put(("progress", n - done))
                    done = n
        segment = writer._finalize_segment() if n else None
        writer._close_segment()
        out.put(("done", n - done, (share, segment)))
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which raises it
        out.put(("error", f"{type(e).__name__}: {e}", None))


def build_all(ix, data: Path, fields: Callable, procs: int,
              progress: Callable[[int], None] | None = None) -> int:
    """Index every searchable article of the store at ``data`` into the empty index ``ix`` with
    ``procs`` worker processes; returns the number of documents. ``fields`` maps an Article to
    the index document (a module-level function: the workers call it)."""
    # Load the generation's dictionary once, before the workers fork and share it.
    schema_lexicon(ix.schema).segment("ก")
    writer = SegmentWriter(ix, timeout=600, compound=False)  # holds the index's write lock
    with Store(store_path(data)) as store:
        splits = store.url_splits(procs)
    bounds = list(zip([""] + splits, splits + [None]))
    ctx = _pool_context()
    out = ctx.Queue()
    workers = [ctx.Process(target=_worker, args=(ix.storage.folder, str(store_path(data)), lo, hi, fields, out, i),
                           daemon=True) for i, (lo, hi) in enumerate(bounds)]
    segments, total = [], 0
    try:
        for w in workers:
            w.start()
        finished = 0
        while finished < len(workers):
            try:
                kind, n, *rest = out.get(timeout=5)
            except queue.Empty:
                if any(w.exitcode not in (None, 0) for w in workers):
                    raise RuntimeError("an index worker died") from None
                continue
            if kind == "error":
                raise RuntimeError(f"an index worker failed: {n}")
            total += n
            if progress and n:
                progress(n)
            if kind == "done":
                finished += 1
                if rest[0][1] is not None:
                    segments.append(rest[0])
        for w in workers:
            w.join()
    except BaseException:
        for w in workers:
            if w.is_alive():
                w.terminate()
                w.join()
        writer.cancel()
        raise
    writer._close_segment()  # the parent's own segment stays empty
    # Segments in URL order whichever worker finished first: docnums then follow URLs, and ties
    # of score (broken by docnum) are ordered the same in every build.
    writer._commit_toc([segment for _share, segment in sorted(segments, key=lambda s: s[0])])
    writer._finish()
    return total
