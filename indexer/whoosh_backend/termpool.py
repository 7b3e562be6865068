"""A bulk-built segment's postings kept per field and term, written a block at a time.

Whoosh's segment writer pools every posting as a tuple, sorts them all (an external merge sort)
and hands them one at a time to the postings writer; the profile of a build worker spent about
half its time there. A bulk worker adds its documents in document order, so each term's postings
arrive already sorted: :class:`TermPool` appends them to the term's arrays (the Thai fields, a
document's field at a time: to flat arrays, grouped by term with a stable numpy sort when written,
so that adding takes no Python step per posting), sorts only the terms,
and :func:`write_postings` writes each term's postings in Whoosh's blocks of 128 with Whoosh's own
block and term-info code: the segment Whoosh writes, its posting blocks pickled with a newer
protocol (the same content when loaded, about two thirds of the bytes).

Past ``limitmb`` the pool writes its terms to a run on disk and starts afresh; the runs hold
successive documents, so merging them is concatenating each term's pieces in run order.
"""
from __future__ import annotations

import heapq
import marshal
import struct
import zlib
from array import array
from itertools import chain, repeat
from operator import sub
from pickle import dumps
from typing import Callable, Iterator

import numpy as np

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3PostingsWriter
from whoosh.system import pack_int
from whoosh.util import random_name
from whoosh.util.numeric import length_to_byte


_TERM_BYTES = 250  # memory of a new term's arrays and dict entry, roughly
_POSTING_BYTES = 22  # an id (4), a weight (8), a value reference (8), with the arrays' slack
_FLAT_POSTING_BYTES = 30  # a term number, an id and a count (4 each), a boost and a value reference (8)
_VALUE_BYTES = 50  # a value of several positions: a bytes object of its own
_RUN_TERMS = 2000  # terms per marshalled block of a run
_BLOB = struct.Struct("<I")
_PROTOCOL = 5  # of a posting block's pickle (see _block_writer)

# (ids, weights, values): a term's postings in document order.
Postings = tuple[array, array, list]


class TermPool:
    """A segment writer's posting pool for documents added in document order (see the module)."""

    def __init__(self, tempstore, limitmb: float = 128):
        self._tempstore = tempstore
        self.limit = limitmb * 1024 * 1024
        self.size = 0
        self.fields: dict[str, dict] = {}  # field -> term (str or bytes) -> Postings
        self.flat: dict[str, _Flat] = {}  # fields added a document's field at a time (add_positions)
        self.runs: list[str] = []
        self.saved = 0  # runs written, all told

    def _terms(self, fieldname: str) -> dict:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        return terms

    def add(self, item: tuple) -> None:
        """Whoosh's pool interface: one ``(fieldname, tbytes, docnum, weight, vbytes)`` posting."""
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self._terms(fieldname)
        rec = terms.get(tbytes)
        if rec is None:
            rec = terms[tbytes] = (array("I"), array("d"), [])
            self.size += _TERM_BYTES
        rec[0].append(docnum)
        rec[1].append(weight)
        rec[2].append(vbytes)
        self.size += _POSTING_BYTES + (len(vbytes) + 33 if vbytes else 0)

    def add_positions(self, fieldname: str, docnum: int, positions: dict[str, list[int]], boost: float,
                      encodings: "Encodings") -> int:
        """The postings of one document's field from its terms' positions (``encodings``: the
        format's encodings of position lists, by positions); returns the field's length (its
        positions). They are appended to the field's flat arrays (:class:`_Flat`) with no Python
        step per posting; :meth:`_sorted` groups them by term."""
        if fieldname in self.fields:
            raise ValueError(f"field {fieldname!r} is pooled posting by posting already")
        flat = self.flat.get(fieldname)
        if flat is None:
            flat = self.flat[fieldname] = _Flat()
        k = len(positions)
        known = len(flat.words)
        flat.tids.extend(map(flat.ids.__getitem__, positions))
        lists = positions.values()
        counts = flat.counts
        counts.extend(map(len, lists))
        added = counts[-k:] if k else counts[:0]
        flat.values.extend(map(encodings.__getitem__, map(tuple, lists)))
        flat.docs.extend(repeat(docnum, k))
        flat.boosts.extend(repeat(boost, k))
        # A value of several positions is a bytes object of its own (single ones are shared).
        self.size += (_TERM_BYTES * (len(flat.words) - known) + _FLAT_POSTING_BYTES * k
                      + _VALUE_BYTES * (k - added.count(1)))
        return sum(added)

    def check_size(self) -> None:
        """Write the pool to a run when it holds more than its limit (between documents)."""
        if self.size > self.limit:
            self.save()

    def _sorted(self) -> Iterator[tuple[str, bytes, Postings]]:
        for fieldname in sorted({*self.fields, *self.flat}):
            if fieldname in self.flat:
                yield from self.flat[fieldname].sorted(fieldname)
                continue
            terms = self.fields[fieldname]
            # UTF-8 orders as code points do, but a field's terms are sorted as bytes, as Whoosh does.
            keyed = [(t.encode("utf-8") if type(t) is str else t, rec) for t, rec in terms.items()]
            keyed.sort(key=lambda tr: tr[0])
            for btext, rec in keyed:
                yield fieldname, btext, rec

    def save(self) -> None:
        """Write the pooled terms to a new run and empty the pool."""
        if not self.fields and not self.flat:
            return
        path = f"{random_name()}.terms"
        with self._tempstore.create_file(path).raw_file() as f:
            block = []
            for fieldname, btext, (ids, weights, values) in self._sorted():
                block.append((fieldname, btext, ids.tobytes(), weights.tobytes(), values))
                if len(block) >= _RUN_TERMS:
                    _write_blob(f, block)
                    block = []
            if block:
                _write_blob(f, block)
        self.runs.append(path)
        self.saved += 1
        self.fields, self.flat = {}, {}
        self.size = 0

    def _read_run(self, path: str) -> Iterator[tuple[str, bytes, Postings]]:
        with self._tempstore.open_file(path).raw_file() as f:
            while True:
                head = f.read(_BLOB.size)
                if not head:
                    break
                for fieldname, btext, ids, weights, values in marshal.loads(f.read(_BLOB.unpack(head)[0])):
                    yield fieldname, btext, (array("I", ids), array("d", weights), values)
        self._tempstore.delete_file(path)

    def iter_terms(self) -> Iterator[tuple[str, bytes, Postings]]:
        """Every ``(fieldname, tbytes, postings)``, sorted by field and term (the pool is spent)."""
        if not self.runs:
            yield from self._sorted()
            self.fields, self.flat = {}, {}
            return
        self.save()
        merged = heapq.merge(*map(self._read_run, self.runs), key=lambda ftr: (ftr[0], ftr[1]))
        last = None
        for fieldname, btext, rec in merged:
            # heapq.merge keeps equal keys in run order: the runs' documents in order.
            if last is not None and last[0] == fieldname and last[1] == btext:
                last[2][0].extend(rec[0])
                last[2][1].extend(rec[1])
                last[2][2].extend(rec[2])
                continue
            if last is not None:
                yield last
            last = (fieldname, btext, rec)
        if last is not None:
            yield last
        self.runs = []  # each run removed itself once read

    def cleanup(self) -> None:
        """Remove the runs on disk (a cancelled or finished writer)."""
        for path in self.runs:
            try:
                self._tempstore.delete_file(path)
            except OSError:
                pass
        self.runs = []
        self.fields, self.flat = {}, {}


class Encodings(dict):
    """A format's encodings of position lists, by positions (a tuple): those of ``keep`` positions
    or fewer are kept (most terms occur once in a document, at one of a few thousand positions),
    the others encoded afresh (they rarely recur)."""

    def __init__(self, encode: Callable[[tuple[int, ...]], bytes], keep: int = 1):
        super().__init__()
        self.encode, self.keep = encode, keep

    def __missing__(self, poses: tuple[int, ...]) -> bytes:
        value = self.encode(poses)
        if len(poses) <= self.keep:
            self[poses] = value
        return value


class _TermIds(dict):
    """Term -> its number in a field, numbering new terms as they come."""

    def __init__(self, words: list[str]):
        super().__init__()
        self.words = words

    def __missing__(self, word: str) -> int:
        tid = self[word] = len(self.words)
        self.words.append(word)
        return tid


class _Flat:
    """A field's postings in order of addition: one entry per (document, term) in flat arrays,
    grouped by term only when written (a stable sort keeps each term's documents in order)."""

    def __init__(self):
        self.words: list[str] = []
        self.ids = _TermIds(self.words)
        self.tids, self.docs, self.counts = array("I"), array("I"), array("I")
        self.boosts = array("d")
        self.values: list[bytes] = []

    def sorted(self, fieldname: str) -> Iterator[tuple[str, bytes, Postings]]:
        """``(fieldname, tbytes, postings)`` of each term, sorted by term bytes (as Whoosh sorts)."""
        if not self.words:
            return
        btexts = [w.encode("utf-8") for w in self.words]
        order = sorted(range(len(btexts)), key=btexts.__getitem__)
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        keys = rank[np.frombuffer(self.tids, dtype=np.uint32)]
        perm = np.argsort(keys, kind="stable")
        ends = np.cumsum(np.bincount(keys, minlength=len(order))).tolist()
        ids = array("I", np.frombuffer(self.docs, dtype=np.uint32)[perm].tobytes())
        weights = array("d", (np.frombuffer(self.counts, dtype=np.uint32)[perm]
                              * np.frombuffer(self.boosts, dtype=np.float64)[perm]).tobytes())
        values = list(map(self.values.__getitem__, perm.tolist()))
        start = 0
        for tid, end in zip(order, ends):
            yield fieldname, btexts[tid], (ids[start:end], weights[start:end], values[start:end])
            start = end


def _write_blob(f, block: list) -> None:
    data = marshal.dumps(block)
    f.write(_BLOB.pack(len(data)))
    f.write(data)


def write_postings(fieldwriter, schema, lengths, terms: Iterator[tuple[str, bytes, Postings]]) -> None:
    """Write sorted terms' postings with a Whoosh 3 field writer, as its ``add_postings`` would
    write them posting by posting: the same blocks, block statistics and term infos.
    ``lengths``: ``fieldname -> list`` of each document's field length (None: no length stats)."""
    lastfield = None
    field_lengths = None
    for fieldname, btext, (ids, weights, values) in terms:
        if fieldname != lastfield:
            if lastfield is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            field_lengths = lengths(fieldname) if lengths else None
            lastfield = fieldname
        fieldwriter.start_term(btext)
        pw = fieldwriter._postwriter
        if type(pw) is W3PostingsWriter and "_write_block" not in pw.__dict__:
            # Its finish_postings writes the last block through this too.
            pw._write_block = _block_writer(pw)
        step = pw._blocklimit
        n = len(ids)
        for start in range(0, n, step):
            if start:  # Whoosh writes a full block when the next posting comes
                pw._write_block()
            _fill_block(pw, ids[start:start + step], weights[start:start + step], values[start:start + step],
                        field_lengths)
        fieldwriter.finish_term()  # the last block, marked last
    if lastfield is not None:
        fieldwriter.finish_field()


def _fill_block(pw, ids: array, weights: array, values: list, field_lengths: list | None) -> None:
    """Set a W3PostingsWriter's block buffer to what ``add_posting`` would have made of these."""
    pw._ids = ids
    pw._weights = array("f", weights)
    top = max(weights)
    pw._maxweight = top if top > 0 else 0  # Whoosh starts at (int) 0 and keeps larger weights
    pw._values = values if all(values) else [v for v in values if v]
    if field_lengths is None:
        pw._minlength, pw._maxlength = None, 0
        return
    ls = list(map(field_lengths.__getitem__, ids))
    low = min(ls)
    if low == 0:  # a zero length leaves the statistics alone
        ls = [x for x in ls if x]
        low = min(ls) if ls else None
    pw._minlength = low
    pw._maxlength = max(ls) if ls else 0


def _block_writer(pw: W3PostingsWriter):
    """``pw._write_block``: the same bytes, with the block's lists made without a Python loop per
    posting."""
    postfile = pw._postfile
    fixedsize = pw._format.fixed_value_size() if pw._format is not None else None

    def write_block(last: bool = False) -> None:
        if not pw._blockcount:
            postfile.write(WHOOSH3_HEADER_MAGIC)
        pw._terminfo.add_block(pw)
        ids, weights, values = pw._ids, pw._weights, pw._values
        count = len(ids)
        if weights.count(1.0) == count:
            mini_weights = None
        elif weights.count(weights[0]) == count:
            mini_weights = weights[0]
        else:
            mini_weights = tuple(weights)
        if fixedsize is None or fixedsize < 0:
            mini_values = tuple(values)
        elif fixedsize == 0:
            mini_values = None
        else:
            mini_values = b"".join(values)
        # Whoosh pickles with protocol 2, which has no opcode for bytes: each value is pickled as
        # a call of codecs.encode on a latin-1 str (and unpickled by calling it). Protocol 5
        # pickles them as bytes: the same tuple when loaded, and about two thirds of the bytes.
        # Readers only ``loads`` the block, whatever its protocol.
        databytes = dumps((tuple(map(sub, ids, chain((0,), ids))), mini_weights, mini_values), _PROTOCOL)
        comp = pw._compression
        if comp:
            databytes = zlib.compress(databytes, comp)
        infobytes = dumps((count, ids[-1], pw._maxweight, comp, length_to_byte(pw._minlength),
                           length_to_byte(pw._maxlength)), 2)
        length = len(infobytes) + len(databytes)
        postfile.write(b"".join((pack_int(-length if last else length), infobytes, databytes)))  # one call, not three
        pw._blockcount += 1
        pw._new_block()

    return write_block
