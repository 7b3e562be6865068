"""Posting arrays: the long posting lists of a segment as flat arrays in a file beside it.

Whoosh keeps a posting list as zlib-compressed pickles of 128 postings with their positions;
ranking needs only the document numbers and term frequencies, and unpickling a common word's
blocks was most of a cold query's time (``นายกรัฐมนตรี``: 93 blocks, 17 ms in one segment of
45,452 articles). A segment never changes once written, so its arrays are written once, after
the segment (:func:`write`), and read through a memory map (:class:`PostingArrays`): a look-up
is a slice. The file is named after the segment (``MAIN_<id>.gsp``), so Whoosh deletes it with
the segment's other files when a merge or rebuild retires it. A segment without the file (an
index built before it existed, a write that failed) is read from Whoosh as before.

Layout: ``GSPA0001``, the directory's length (8 bytes, little-endian), the directory (marshal:
dtypes, count and for each field its terms with their starts and lengths), then the document
numbers and the frequencies, each a contiguous array.
"""
from __future__ import annotations

import marshal
import mmap
import os
import struct
from pathlib import Path

import numpy as np

MAGIC = b"GSPA0001"
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
    """Write posting arrays from ``terms``: ``(field, text, docnums, frequencies)`` in any order.
    Written under a temporary name and renamed: a crash leaves no partial file under the real name."""
    target = path_for(folder, segment_id)
    ids_parts, tf_parts, directory, total = [], [], {}, 0
    for field, text, ids, tf in terms:
        names, starts, counts = directory.setdefault(field, ([], [], []))
        names.append(text)
        starts.append(total)
        counts.append(len(ids))
        ids_parts.append(np.asarray(ids))
        tf_parts.append(np.asarray(tf, dtype=np.float32))
        total += len(ids)
    ids = np.concatenate(ids_parts) if ids_parts else np.zeros(0, np.int32)
    tf = np.concatenate(tf_parts) if tf_parts else np.zeros(0, np.float32)
    id_type = "<u2" if doc_count <= 1 << 16 else "<i4"
    # Frequencies are whole counts unless a field boost was set.
    whole = bool(len(tf) == 0 or (tf.max() <= 65535 and tf.min() >= 0 and np.array_equal(tf, np.round(tf))))
    tf_type = "<u2" if whole else "<f4"
    header = marshal.dumps({"ids": id_type, "tf": tf_type, "n": total, "terms": directory})
    tmp = target.with_name(target.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(MAGIC + struct.pack("<Q", len(header)) + header)
        f.write(b"\0" * (-f.tell() % 4))  # aligned arrays
        f.write(ids.astype(id_type).tobytes())
        f.write(b"\0" * (-f.tell() % 4))
        f.write(tf.astype(tf_type).tobytes())
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)
    return target


class PostingArrays:
    """The posting arrays of one segment, read through a memory map."""

    def __init__(self, path: str | Path):
        with open(path, "rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            if self._map[:8] != MAGIC:
                raise ValueError(f"{path}: not a posting-arrays file")
            (size,) = struct.unpack("<Q", self._map[8:16])
            d = marshal.loads(self._map[16 : 16 + size])
            n, id_type, tf_type = d["n"], np.dtype(d["ids"]), np.dtype(d["tf"])
            offset = 16 + size
            offset += -offset % 4
            self._ids = np.frombuffer(self._map, dtype=id_type, count=n, offset=offset)
            offset += n * id_type.itemsize
            offset += -offset % 4
            self._tf = np.frombuffer(self._map, dtype=tf_type, count=n, offset=offset)
            self._where = {(field, text): (start, count)
                           for field, (names, starts, counts) in d["terms"].items()
                           for text, start, count in zip(names, starts, counts)}
        except (struct.error, EOFError, KeyError, TypeError, ValueError, AttributeError) as e:
            self._map.close()
            raise ValueError(f"{path}: unreadable posting arrays ({e})") from e

    def get(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray] | None:
        """``(docnums as int32, frequencies as float32)`` of a term, or None when the term's
        list is not here (a rare term: read it from Whoosh)."""
        found = self._where.get((field, text))
        if found is None:
            return None
        start, count = found
        return (self._ids[start : start + count].astype(np.int32),
                self._tf[start : start + count].astype(np.float32))


def open_for(reader) -> PostingArrays | None:
    """The posting arrays of the segment ``reader`` reads, or None (no file, or an unreadable one:
    Whoosh's own postings are the source of truth)."""
    try:
        folder = reader.storage().folder
        return PostingArrays(path_for(folder, reader.segment().segment_id()))
    except (OSError, ValueError):
        return None


def write_missing(ix, read_postings) -> int:
    """Write the posting arrays of every segment of ``ix``'s newest version that has none (new
    segments of a sync or merge; an index from before they existed); returns how many. A failed
    write (a full disk) leaves that segment to Whoosh's own postings."""
    folder = ix.storage.folder
    written = 0
    with ix.reader() as reader:
        for leaf, _offset in reader.leaf_readers():
            target = path_for(folder, leaf.segment().segment_id())
            if target.exists():
                continue
            try:
                write(leaf, folder, read_postings)
                written += 1
            except OSError:
                target.with_name(target.name + ".tmp").unlink(missing_ok=True)
    return written
