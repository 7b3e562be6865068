"""Posting arrays: the long posting lists of a segment as flat arrays in a file beside it.

Whoosh keeps a posting list as zlib-compressed pickles of 128 postings with their positions;
ranking needs only the document numbers and term frequencies, and unpickling a common word's
blocks was most of a cold query's time (``นายกรัฐมนตรี``: 93 blocks, 17 ms in one segment of
45,452 articles). A segment never changes once written, so its arrays are written once: by a
bulk worker from its own stream of terms (:class:`ArraysWriter`), or after a sync from the new
segment's reader (:func:`write_missing`). They are read through a memory map
(:class:`PostingArrays`): a look-up is a slice. The file is named after the segment (``MAIN_<id>.gsp``), so Whoosh deletes it with
the segment's other files when a merge or rebuild retires it. A segment without the file (an
index built before it existed, a write that failed) is read from Whoosh as before.

Layout: ``GSPA0002``, the footer's offset (8 bytes, little-endian), each term's document
numbers and then its frequencies (each array 4-byte aligned), and the footer (marshal: the
docnum type and for each field its terms, their offsets, lengths and frequency types). Terms are
written as they come, so a build never holds a segment's arrays in memory.
"""
from __future__ import annotations

import logging
import marshal
import mmap
import os
import struct
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MAGIC = b"GSPA0002"
SUFFIX = ".gsp"
FIELDS = ("title", "text")  # the fields ranking reads postings of
MIN_DF = 32  # shorter lists are a block or two: cheap to decode, and most of the distinct terms


def path_for(folder: str | Path, segment_id: str) -> Path:
    """Where the posting arrays of the segment ``segment_id`` live."""
    return Path(folder) / f"{segment_id}{SUFFIX}"


def write(reader, folder: str | Path, read_postings, min_df: int = MIN_DF) -> Path:
    """Write the posting arrays of the segment ``reader`` reads (terms of :data:`FIELDS` in at
    least ``min_df`` documents) into ``folder``; ``read_postings(reader, field, text)`` gives a
    term's ``(docnums, frequencies)``."""

    def terms():
        for field in FIELDS:
            if field in reader.schema:
                for btext, info in reader.iter_field(field):
                    if info.doc_frequency() >= min_df:
                        text = btext.decode("utf-8")
                        yield (field, text, *read_postings(reader, field, text))

    return write_terms(folder, reader.segment().segment_id(), reader.doc_count_all(), terms())


def write_terms(folder: str | Path, segment_id: str, doc_count: int, terms) -> Path:
    """Write posting arrays from ``terms``: ``(field, text, docnums, frequencies)`` in any order."""
    with ArraysWriter(folder, segment_id, doc_count) as out:
        for term in terms:
            out.add(*term)
    return out.target


class ArraysWriter:
    """Writes one segment's posting arrays a term at a time (:meth:`add`), as a context manager:
    under a temporary name, renamed when the block ends without an error, so that neither a crash
    nor an error leaves a partial file under the real name."""

    def __init__(self, folder: str | Path, segment_id: str, doc_count: int):
        self.target = path_for(folder, segment_id)
        self._tmp = self.target.with_name(self.target.name + ".tmp")
        self._id_type = "<u2" if doc_count <= 1 << 16 else "<i4"
        self._directory: dict[str, tuple[list, list, list, list]] = {}
        self._f = None

    def __enter__(self) -> "ArraysWriter":
        self._f = open(self._tmp, "wb")
        self._f.write(MAGIC + struct.pack("<Q", 0))
        return self

    def add(self, field: str, text: str, ids, tf) -> None:
        """One term's postings: docnums in order and their frequencies."""
        f = self._f
        tf = np.asarray(tf, dtype=np.float32)
        # Frequencies are whole counts unless a field boost was set.
        whole = len(tf) and tf.min() >= 0 and tf.max() <= 65535 and np.array_equal(tf, np.round(tf))
        tf_type = "<u2" if whole else "<f4"
        names, offsets, counts, tf_types = self._directory.setdefault(field, ([], [], [], []))
        names.append(text)
        offsets.append(f.tell())
        counts.append(len(ids))
        tf_types.append(tf_type)
        f.write(np.asarray(ids).astype(self._id_type).tobytes())
        f.write(b"\0" * (-f.tell() % 4))
        f.write(tf.astype(tf_type).tobytes())
        f.write(b"\0" * (-f.tell() % 4))

    def __exit__(self, kind, _value, _tb) -> None:
        f = self._f
        try:
            if kind is None:
                footer = f.tell()
                f.write(marshal.dumps({"ids": self._id_type, "terms": self._directory}))
                f.seek(len(MAGIC))
                f.write(struct.pack("<Q", footer))
                f.flush()
                os.fsync(f.fileno())
        finally:
            f.close()
        if kind is None:
            os.replace(self._tmp, self.target)
        else:
            self._tmp.unlink(missing_ok=True)


class PostingArrays:
    """The posting arrays of one segment, read through a memory map."""

    def __init__(self, path: str | Path):
        with open(path, "rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            if self._map[: len(MAGIC)] != MAGIC:
                raise ValueError("not a posting-arrays file")
            (footer,) = struct.unpack("<Q", self._map[len(MAGIC) : len(MAGIC) + 8])
            if not len(MAGIC) + 8 <= footer < len(self._map):
                raise ValueError("no footer (a torn file)")
            d = marshal.loads(self._map[footer:])
            self._id_type = np.dtype(d["ids"])
            self._where = {(field, text): (offset, count, np.dtype(tf_type))
                           for field, (names, offsets, counts, tf_types) in d["terms"].items()
                           for text, offset, count, tf_type in zip(names, offsets, counts, tf_types)}
            self._end = footer
        except (struct.error, EOFError, KeyError, TypeError, ValueError, AttributeError) as e:
            self._map.close()
            raise ValueError(f"{path}: unreadable posting arrays ({e})") from e

    def get(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray] | None:
        """``(docnums as int32, frequencies as float32)`` of a term, or None when the term's
        list is not here (a rare term: read it from Whoosh)."""
        found = self._where.get((field, text))
        if found is None:
            return None
        offset, count, tf_type = found
        try:
            end = offset + count * self._id_type.itemsize
            end += -end % 4
            if offset < len(MAGIC) + 8 or count < 0 or end + count * tf_type.itemsize > self._end:
                return None  # a damaged directory: Whoosh's own postings answer
            ids = np.frombuffer(self._map, dtype=self._id_type, count=count, offset=offset)
            tf = np.frombuffer(self._map, dtype=tf_type, count=count, offset=end)
        except (TypeError, ValueError):
            return None
        return ids.astype(np.int32), tf.astype(np.float32)


def open_for(reader) -> PostingArrays | None:
    """The posting arrays of the segment ``reader`` reads, or None (no file, or an unreadable one:
    Whoosh's own postings are the source of truth)."""
    try:
        folder = reader.storage().folder
        return PostingArrays(path_for(folder, reader.segment().segment_id()))
    except (OSError, ValueError, AttributeError):  # AttributeError: a compound segment's storage
        return None


def write_missing(ix, read_postings) -> int:
    """Write the posting arrays of every segment of ``ix``'s newest version that has none (new
    segments of a sync or merge; an index from before they existed); returns how many. A failed
    write (a full disk) leaves that segment to Whoosh's own postings."""
    folder = ix.storage.folder
    written = 0
    with ix.reader() as reader:
        for leaf, _offset in reader.leaf_readers():
            if leaf.segment() is None:  # an index with no segment yet (an empty store) reads as one empty leaf
                continue
            target = path_for(folder, leaf.segment().segment_id())
            if target.exists():
                continue
            try:
                write(leaf, folder, read_postings)
                written += 1
            except Exception as e:  # noqa: BLE001 - a cache: the sync or rebuild goes on without it
                log.warning("posting arrays of %s not written: %s", target.name, e)
                target.with_name(target.name + ".tmp").unlink(missing_ok=True)
    return written
