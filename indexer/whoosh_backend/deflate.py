"""``zlib.compress`` for many small inputs: the same bytes, without a fresh compressor each call.

Whoosh compresses every block of postings on its own (level 3), and a block is mostly a few dozen
bytes: ``zlib.compress`` then spends most of its time setting up and freeing the compressor's
tables (about 60 µs a call, a tenth of a build worker's time). :func:`compressor` keeps one zlib
stream and resets it between inputs (zlib's ``deflateReset``, through ctypes), which zlib
defines as equivalent to a new stream with the same parameters. It is used only if the library
ctypes finds is the one Python's zlib runs (same version) and gives the same bytes on a check;
otherwise it is ``zlib.compress`` itself.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import zlib
from typing import Callable

_Z_FINISH, _Z_STREAM_END, _Z_DEFLATED = 4, 1, 8
_WBITS, _MEMLEVEL, _STRATEGY = 15, 8, 0  # zlib.compress's (deflateInit's) parameters


class _ZStream(ctypes.Structure):
    _fields_ = [("next_in", ctypes.c_void_p), ("avail_in", ctypes.c_uint), ("total_in", ctypes.c_ulong),
                ("next_out", ctypes.c_void_p), ("avail_out", ctypes.c_uint), ("total_out", ctypes.c_ulong),
                ("msg", ctypes.c_char_p), ("state", ctypes.c_void_p), ("zalloc", ctypes.c_void_p),
                ("zfree", ctypes.c_void_p), ("opaque", ctypes.c_void_p), ("data_type", ctypes.c_int),
                ("adler", ctypes.c_ulong), ("reserved", ctypes.c_ulong)]


class _Deflater:
    """One zlib stream at one level, reset for each input (one thread only: termpool keeps one per thread)."""

    def __init__(self, lib, level: int):
        self._lib, self._stream, self._level, self._live = lib, _ZStream(), level, False
        self._ref = ctypes.byref(self._stream)
        if lib.deflateInit2_(self._ref, level, _Z_DEFLATED, _WBITS, _MEMLEVEL, _STRATEGY, lib.zlibVersion(),
                             ctypes.sizeof(_ZStream)) != 0:
            raise OSError("deflateInit2_ failed")
        self._live = True
        self._size = 0
        self._out = None

    def __del__(self):
        if self._live:
            self._lib.deflateEnd(self._ref)

    def __call__(self, data: bytes) -> bytes:
        n = len(data)
        bound = n + (n >> 12) + (n >> 14) + (n >> 25) + 64  # above deflateBound's
        if bound > self._size:
            self._out = ctypes.create_string_buffer(bound)
            self._size = bound
        s, lib = self._stream, self._lib
        if lib.deflateReset(self._ref) != 0:
            return zlib.compress(data, self._level)
        inp = ctypes.c_char_p(data)  # points into ``data``, kept alive by it
        s.next_in = ctypes.cast(inp, ctypes.c_void_p)
        s.avail_in = n
        s.next_out = ctypes.addressof(self._out)
        s.avail_out = self._size
        if lib.deflate(self._ref, _Z_FINISH) != _Z_STREAM_END:  # never expected: the buffer is ample
            return zlib.compress(data, self._level)
        return ctypes.string_at(self._out, s.total_out)


_SAMPLES = (b"", b"a", bytes(range(256)) * 3, b"\x80\x02(K\x01K\x11G?\xf0\x00\x00tq\x00." * 40)


def compressor(level: int) -> Callable[[bytes], bytes]:
    """A function giving ``zlib.compress(data, level)`` for ``data``, made faster when it can be."""
    try:
        name = ctypes.util.find_library("z")
        lib = ctypes.CDLL(name) if name else None
        if lib is None:
            return lambda data: zlib.compress(data, level)
        lib.zlibVersion.restype = ctypes.c_char_p
        if lib.zlibVersion().decode() != zlib.ZLIB_RUNTIME_VERSION:
            return lambda data: zlib.compress(data, level)
        fast = _Deflater(lib, level)
        if all(fast(d) == zlib.compress(d, level) for d in _SAMPLES):
            return fast
    except (OSError, AttributeError, ValueError):
        pass
    return lambda data: zlib.compress(data, level)
