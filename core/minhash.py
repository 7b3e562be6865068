"""MinHash signatures of many texts at once, in numpy: the same values as datasketch's MinHash
(scheme ``affine32``) over the texts' character n-grams hashed with ``zlib.crc32`` of their UTF-8
bytes, which :mod:`core.dedupe` used to compute one n-gram at a time in Python (a third of an
import's CPU time).

The CRC-32 of every n-gram of every text of a batch is computed together, one character position
of the n-grams at a time (see :func:`gram_crcs`); then the MurmurHash3 finalizer and the 64 affine permutations, and a minimum
per text. A text shorter than ``n`` characters is one n-gram (the whole text); an empty text
has the empty signature (every value 2**32 - 1). Repeated n-grams need no removal: the minimum
over a multiset is the minimum over its set.
"""
from __future__ import annotations

import functools
import zlib

import numpy as np

_MAX = np.uint32(0xFFFFFFFF)


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


# CRC-32 is affine over GF(2): the register after a message is the XOR of what each byte does
# alone, and a character's share only depends on the character and on how many bytes follow it in
# the n-gram. With a table of those shares, an n-gram's CRC is n look-ups (one per character) over
# slices of the batch, where the byte-wise CRC took a gather and a table look-up per byte.
_DENSE = 0x1000  # Latin, Thai and everything below: one table row per code point, no sorting


def _shift(reg: int, zeros: int) -> int:
    """The CRC register ``reg`` (no pre- or post-inversion) after ``zeros`` zero bytes."""
    return zlib.crc32(bytes(zeros), reg ^ 0xFFFFFFFF) ^ 0xFFFFFFFF


@functools.lru_cache(maxsize=8)
def _shares(chars: tuple[int, ...], n: int) -> np.ndarray:
    """``[b, k]``: the register share of character ``chars[k]`` followed by ``b`` bytes of an
    n-gram (``b`` < 4 n), with a zero register before it."""
    out = np.zeros((4 * n, len(chars)), dtype=np.uint32)
    for k, cp in enumerate(chars):
        reg = zlib.crc32(chr(cp).encode("utf-8"), 0xFFFFFFFF) ^ 0xFFFFFFFF
        for b in range(4 * n):
            out[b, k] = reg
            reg = _shift(reg, 1)
    return out


@functools.lru_cache(maxsize=4)
def _dense_shares(n: int) -> np.ndarray:
    """:func:`_shares` of every code point below ``_DENSE``, indexed by the code point."""
    return _shares(tuple(range(_DENSE)), n)


@functools.lru_cache(maxsize=4)
def _crc_of_zeros(n: int) -> np.ndarray:
    """``zlib.crc32`` of 0 .. 4 n zero bytes: what the inversions add to a message of that length."""
    return np.array([zlib.crc32(bytes(k)) for k in range(4 * n + 1)], dtype=np.uint32)


def gram_crcs(texts: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
    """``zlib.crc32`` of the UTF-8 bytes of every character n-gram of every text (the whole text
    when it is shorter, nothing when it is empty), text after text; and how many each text has."""
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    counts = np.where(lengths >= n, lengths - n + 1, (lengths > 0).astype(np.int64))
    joined = "".join(texts)
    if not joined:
        return np.zeros(0, np.uint32), counts
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    width = 1 + (cps >= 0x80).astype(np.int64) + (cps >= 0x800) + (cps >= 0x10000)
    offsets = np.zeros(len(cps) + 1, dtype=np.int64)
    np.cumsum(width, out=offsets[1:])
    if int(cps.max()) < _DENSE:
        shares, ids = _dense_shares(n), cps
    else:
        uniq, ids = np.unique(cps, return_inverse=True)
        shares = _shares(tuple(int(c) for c in uniq), n)
    flat, row = shares.ravel(), shares.shape[1]
    # Every position of the joined texts starts an n-gram; the ones that cross into the next text
    # (or start a text shorter than n) are dropped at the end.
    span = max(len(cps) - n + 1, 0)
    ends = offsets[n : n + span]
    reg = _crc_of_zeros(n)[ends - offsets[:span]]
    for i in range(n):
        reg ^= flat[(ends - offsets[i + 1 : i + 1 + span]) * row + ids[i : i + span]]
    text_start = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    whole = lengths >= n
    # The g-th n-gram of these texts, the i-th of its own, starts at its text's start + i.
    firsts = np.repeat(text_start[whole] - (np.cumsum(counts[whole]) - counts[whole]), counts[whole])
    crcs = reg[firsts + np.arange(len(firsts))]
    short = np.flatnonzero((lengths < n) & (lengths > 0))
    if len(short):  # a text shorter than n is one n-gram, the whole text: inserted in its place
        at = np.cumsum(counts)[short] - 1
        crcs = np.insert(crcs, at - np.arange(len(short)),
                         [zlib.crc32(texts[k].encode("utf-8")) for k in short]).astype(np.uint32)
    return crcs, counts


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

