"""MinHash signatures of many texts at once, in numpy: the same values as datasketch's MinHash
(scheme ``affine32``) over the texts' character n-grams hashed with ``zlib.crc32`` of their UTF-8
bytes, which :mod:`core.dedupe` used to compute one n-gram at a time in Python (a third of an
import's CPU time).

Every n-gram of every text of a batch goes through a table-driven CRC-32 together, one byte
position at a time; then the MurmurHash3 finalizer and the 64 affine permutations, and a minimum
per text. A text shorter than ``n`` characters is one n-gram (the whole text); an empty text
has the empty signature (every value 2**32 - 1). Repeated n-grams need no removal: the minimum
over a multiset is the minimum over its set.
"""
from __future__ import annotations

import functools

import numpy as np

_MAX = np.uint32(0xFFFFFFFF)


@functools.lru_cache(maxsize=1)
def _crc_table() -> np.ndarray:
    """The reflected CRC-32 table (polynomial 0xEDB88320) that zlib uses."""
    t = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        t = np.where(t & 1, (t >> np.uint32(1)) ^ np.uint32(0xEDB88320), t >> np.uint32(1)).astype(np.uint32)
    return t


@functools.lru_cache(maxsize=4)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``(a, b)`` of datasketch's ``affine32`` scheme for this seed (column vectors, uint32)."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a[:, None], b[:, None]


def _fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def gram_crcs(texts: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
    """``zlib.crc32`` of the UTF-8 bytes of every character n-gram of every text (the whole text
    when it is shorter, nothing when it is empty), text after text; and how many each text has."""
    counts = np.array([len(t) - n + 1 if len(t) > n else (1 if t else 0) for t in texts], dtype=np.int64)
    joined = "".join(texts)
    if not joined:
        return np.zeros(0, np.uint32), counts
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    width = 1 + (cps >= 0x80).astype(np.int64) + (cps >= 0x800) + (cps >= 0x10000)
    offsets = np.zeros(len(cps) + 1, dtype=np.int64)
    np.cumsum(width, out=offsets[1:])
    buf = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    text_start = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    # n-gram i of text k starts at character text_start[k] + i and spans min(n, len) characters.
    owner = np.repeat(np.arange(len(texts)), counts)
    first = np.repeat(text_start - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    starts = first + np.arange(len(owner))
    ends = starts + np.minimum(lengths[owner], n)
    byte_start = offsets[starts]
    byte_len = offsets[ends] - byte_start
    table = _crc_table()
    reg = np.full(len(starts), _MAX, dtype=np.uint32)
    last = len(buf) - 1
    shortest = int(byte_len.min())
    for k in range(int(byte_len.max())):
        byte = buf[np.minimum(byte_start + k, last)] if k >= shortest else buf[byte_start + k]
        new = table[(reg ^ byte) & np.uint32(0xFF)] ^ (reg >> np.uint32(8))
        reg = new if k < shortest else np.where(byte_len > k, new, reg)
    return reg ^ _MAX, counts


def signatures(texts: list[str], n: int, num_perm: int, seed: int) -> list[np.ndarray]:
    """The MinHash (``num_perm`` uint32 values) of each text's character n-grams."""
    crcs, counts = gram_crcs(texts, n)
    a, b = permutations(num_perm, seed)
    hashed = _fmix32(crcs)
    out = []
    pos = 0
    for c in counts:
        if c == 0:
            out.append(np.full(num_perm, _MAX, dtype=np.uint32))
            continue
        out.append((a * hashed[pos : pos + c] + b).min(axis=1))
        pos += c
    return out
