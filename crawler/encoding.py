"""Bytes to text for Thai web pages: HTTP header charset, then ``<meta charset>``, then detection.

Old static Thai sites serve TIS-620 / ISO-8859-11 / windows-874, often mislabelled. Browsers treat
all three as windows-874 (a superset), and so do we; a declared Western charset on a page whose
bytes read as mostly Thai in windows-874 is taken to be that mislabelling.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

THAI_CODEC = "cp874"
_THAI_NAMES = {"tis-620", "tis620", "tis_620", "iso-8859-11", "iso8859-11", "iso8859_11", "iso_8859-11",
               "windows-874", "cp874", "x-windows-874", "ms874", "thai"}
# Labels that old Thai sites put on pages that are really windows-874.
_WESTERN = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"}
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-.]+)""", re.I)


def normalize_charset(name: str | None) -> str | None:
    """A Python codec name for a charset label, with every Thai label mapped to cp874; None if unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    if label in _THAI_NAMES:
        return THAI_CODEC
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def header_charset(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, as given."""
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.I)
    return m.group(1) if m else None


def meta_charset(head: bytes) -> str | None:
    """The charset declared in ``<meta charset>`` / ``http-equiv`` or an XML declaration."""
    m = _XML_DECL.search(head[:200]) or _META.search(head[:8192])
    return m.group(1).decode("ascii", "replace") if m else None


def thai_ratio(text: str) -> float:
    """Share of Thai characters among the letters of a text (0 when it has no letters)."""
    sample = text[:20000]
    letters = sum(1 for ch in sample if ch.isalpha())
    thai = sum(1 for ch in sample if "\u0e00" <= ch <= "\u0e7f")
    return thai / letters if letters else 0.0


def _high_bytes(data: bytes) -> int:
    return sum(1 for b in data[:20000] if b >= 0xA1)


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page; returns ``(text, codec)``. Never raises: the last resort replaces bad bytes."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8"
    for declared in (header_charset(content_type), meta_charset(data)):
        codec = normalize_charset(declared)
        if not codec:
            continue
        if codec in {normalize_charset(n) for n in _WESTERN} and _high_bytes(data):
            # A Western label on a page full of high bytes: old Thai sites do this; check for Thai.
            text = _try(data, THAI_CODEC)
            if text is not None and thai_ratio(text) > 0.5:
                return text, THAI_CODEC
        text = _try(data, codec)
        if text is not None:
            if codec == THAI_CODEC and _high_bytes(data) and thai_ratio(text) < 0.2:
                continue  # labelled Thai but reads as something else: let a later step decide
            return text, codec
    # No usable declaration: UTF-8 if it decodes, else Thai if it reads as Thai, else detection.
    text = _try(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    text = _try(data, THAI_CODEC)
    if text is not None and thai_ratio(text) > 0.5:
        return text, THAI_CODEC
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        codec = normalize_charset(best.encoding) or "utf-8"
        return data.decode(codec, "replace"), codec
    return data.decode("utf-8", "replace"), "utf-8"
