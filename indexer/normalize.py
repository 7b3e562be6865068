"""One normalisation for documents, queries, snippets and duplicate detection.

The text we store is the normalised text: highlight offsets computed on it then land on the
right letters, and a query typed with Thai digits or a split sara am finds the same words.
"""
from __future__ import annotations

import re
import unicodedata

from pythainlp.util import remove_dangling, remove_repeat_vowels

# Invisible characters seen in real titles and bodies; the BOM is not removed by pythainlp.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Non-breaking and other exotic spaces become plain spaces; newlines keep paragraphs.
_SPACES = re.compile(r"[^\S\n]+")
_SPACE_AROUND_NL = re.compile(r" *\n[ \n]*")
# A space typed before a combining Thai mark ("พ ุ่ม") splits a syllable in two.
_SPACE_BEFORE_MARK = re.compile(r"(?<=[\u0e01-\u0e2e]) (?=[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])")


def normalize(text: str | None) -> str:
    """Return ``text`` in the one canonical form used everywhere in govsearch.

    NFC; zero-width characters, soft hyphens and BOMs removed; Thai digits as Arabic digits;
    sara am composed; duplicated or misordered tone marks and vowels fixed; runs of spaces
    collapsed while paragraph breaks are kept (one newline each); stripped.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_INVISIBLE).translate(_THAI_DIGITS)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_MARK.sub("", text)
    # Reorders marks, composes sara am (nikhahit + sara aa) and drops repeated vowels/tones.
    text = remove_repeat_vowels(text)
    text = remove_dangling(text)
    text = _SPACE_AROUND_NL.sub("\n", text)
    return text.strip()


def normalize_line(text: str | None) -> str:
    """Normalise text that must be a single line (titles, queries)."""
    return " ".join(normalize(text).split())
