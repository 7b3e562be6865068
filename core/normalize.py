"""One normalisation for documents, queries, snippets and duplicate detection.

The text we store is the normalised text: highlight offsets computed on it then land on the
right letters, and a query typed with Thai digits or a split sara am finds the same words.

The rules follow ``pythainlp.util.normalize`` (which we test against), written as a few combined
regular expressions: pythainlp runs one substitution per vowel, which made normalising a
90,000-article import take minutes.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np
from pythainlp import thai_above_vowels, thai_below_vowels, thai_follow_vowels, thai_lead_vowels, thai_tonemarks

# Invisible characters seen in real titles and bodies (the BOM is not removed by pythainlp), and
# lone surrogates: a JSON escape such as "\ud800" decodes to one, and no UTF-8 text (SQLite, a
# page) can hold it. Direction and format marks and variation selectors too: one between a
# letter and its vowel would leave the vowel dangling.
_INVISIBLE_CHARS = ("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                    "\u2061\u2062\u2063\u2064\u034f\u180e" + "".join(map(chr, range(0xFE00, 0xFE10))))
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}\ud800-\udfff]")
_THAI_DIGIT = re.compile("[๐-๙]")
_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Fullwidth Latin letters, digits and punctuation (ＣＯＶＩＤ－１９, typed with an East Asian input
# method or pasted from one) are the ASCII ones. Not NFKC, which would also split sara am (ำ).
_FULLWIDTH_CHARS = "".join(map(chr, range(0xFF01, 0xFF5F)))
_FULLWIDTH = re.compile(f"[{_FULLWIDTH_CHARS}]")
_NARROW = str.maketrans(_FULLWIDTH_CHARS, "".join(map(chr, range(0x21, 0x7F))))
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
# A space typed before a combining Thai mark ("พ ุ่ม") splits a syllable in two.
_SPACE_BEFORE_MARK = re.compile(f"([\u0e01-\u0e2e]) ([{_MARKS}])")

_TONES = thai_tonemarks
_ABOVE_BELOW = thai_above_vowels + thai_below_vowels
# Order matters as in pythainlp.util.reorder_vowels.
_REORDER = [
    (re.compile("\u0e40\u0e40"), "\u0e41"),  # sara e + sara e -> sara ae
    (re.compile(f"([{_TONES}\u0e4c]+)([{_ABOVE_BELOW}]+)"), r"\2\1"),  # tone before vowel -> after
    (re.compile(f"\u0e4d([{_TONES}]*)\u0e32"), "\\1\u0e33"),  # nikhahit + (tone) + sara aa -> sara am
    (re.compile(f"([{thai_follow_vowels}]+)([{_TONES}]+)"), r"\2\1"),  # follow vowel before tone
    (re.compile("(?<![\u0e24\u0e26])\u0e45"), "\u0e32"),  # lakkhangyao -> sara aa
]
_NOREPEAT = thai_follow_vowels + thai_lead_vowels + _ABOVE_BELOW + "\u0e3a\u0e4c\u0e4d\u0e4e"
_REPEATED_MARK = re.compile(f"([{_NOREPEAT}])\\1+")
_TONE_RUN = re.compile(f"[{_TONES}]{{2,}}")
_THAI = re.compile("[\u0e00-\u0e7f]")
_ALL_MARKS = f"{_ABOVE_BELOW}{_TONES}\u0e3a\u0e4c\u0e4d\u0e4e"
# A mark after anything but a Thai letter carries on nothing: a selection that began mid-word,
# at the start, after a space, or glued to an emoji or a quote ("🔥ิลปากร").
_DANGLING = re.compile(f"(^|[^\u0e01-\u0e4e\u25cc])[{_ALL_MARKS}]+")  # ◌ shows a mark alone
# Match wherever a substitution of _fix_marks could apply, but for a mark at the very start (each
# is implied by one of them; a few harmless extras keep them to ones a scan can skip to): text
# none matches is already fixed. Scanned one by one: each then skips in C to its own first
# characters, twice as fast as one alternation, which tries every branch at nearly every position.
_MAY_NEED_FIX = [re.compile(p) for p in (
    "\u0e45", f"\u0e4d[{_TONES}]*\u0e32", f"[^\u0e01-\u0e4e\u25cc][{_ALL_MARKS}]", f"[{_TONES}\u0e4c][{_ABOVE_BELOW}{_TONES}]",
    f"[{thai_follow_vowels}][{_TONES}]", f"([{_NOREPEAT}])\\1")]


def normalize(text: str | None) -> str:
    """Return ``text`` in the one canonical form used everywhere in govsearch.

    NFC; zero-width characters, soft hyphens, BOMs and lone surrogates removed; Thai digits as Arabic digits,
    fullwidth Latin letters, digits and punctuation as ASCII;
    sara am composed; duplicated or misordered tone marks and vowels fixed; runs of spaces
    collapsed while paragraph breaks are kept (one newline each); stripped. Idempotent.
    """
    if not text:
        return ""
    units = _units(text) if len(text) >= _LONG else None
    flags = _FLAGS[units] if units is not None else None
    if flags is not None and not (flags & _REPLACED).any():
        # Nothing for _INVISIBLE or _THAI_DIGIT to remove or replace: the table pass that
        # _may_need_fix needs anyway spares their two scans, and is reused below when NFC and the
        # line ends leave the text as it is (nearly always).
        nfc = unicodedata.normalize("NFC", text)
        if nfc != text or "\r" in text:
            text, flags = nfc.replace("\r\n", "\n").replace("\r", "\n"), None
    else:
        # Invisible characters go first: one between two marks would keep NFC from ordering them.
        text, flags = unicodedata.normalize("NFC", _INVISIBLE.sub("", text)), None
        if _THAI_DIGIT.search(text):
            text = text.translate(_DIGITS)
        if _FULLWIDTH.search(text):
            text = text.translate(_NARROW)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _THAI.search(text) and _may_need_fix(text, (units, flags) if flags is not None else None):
        # One fix can expose another (dropping a repeated tone leaves a tone before a vowel), so
        # repeat until nothing changes; clean text, nearly all of it, takes one pass.
        for _ in range(4):
            # NFC again each pass: moving a tone mark can leave marks out of canonical order.
            fixed = unicodedata.normalize("NFC", _fix_marks(text))
            if fixed == text:
                break
            text = fixed
            if not _may_need_fix(text):  # the next pass would change nothing: spare it
                break
    # Spaces last: the fixes above can leave two spaces where a stray mark stood. str.split()
    # splits on what the regular expressions call \s; it takes a fiftieth of the time the
    # substitutions took (their character classes were tried at every character).
    return "\n".join(filter(None, (" ".join(line.split()) for line in text.split("\n"))))


_REPLACED = 128


def _units(text: str) -> np.ndarray:
    """The UTF-16 code units of ``text`` (lone surrogates included), the index of :data:`_FLAGS`."""
    return np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)


def _flags() -> tuple[np.ndarray, np.ndarray]:
    """Per UTF-16 code unit, bits saying where it can stand in the pairs :data:`_MAY_NEED_FIX`
    looks for (bit 64: a mark that must not repeat); and per (first, second) pair of bits below
    64, whether such a pair may need a fix."""
    flags = np.zeros(0x10000, dtype=np.uint8)
    flags[:] = 1  # bit 1: anything but a Thai letter, before which a mark dangles
    flags[0x0E01:0x0E4F] = flags[0x25CC] = 0
    for bit, chars in ((2, _ALL_MARKS), (4, _TONES + "\u0e4c"), (8, _ABOVE_BELOW + _TONES),
                       (16, thai_follow_vowels), (32, _TONES), (64, _NOREPEAT)):
        for ch in chars:
            flags[ord(ch)] |= bit
    # bit 128: what _INVISIBLE removes or _DIGITS replaces; every surrogate code unit, since a
    # character beyond the BMP is a pair of them and only the regular expressions tell a pair from
    # a lone one (such a text takes the regular expressions' way)
    flags[[ord(ch) for ch in _INVISIBLE_CHARS + "๐๑๒๓๔๕๖๗๘๙" + _FULLWIDTH_CHARS]] |= _REPLACED
    flags[0xD800:0xE000] |= _REPLACED
    a, b = np.divmod(np.arange(64 * 64), 64)
    pairs = ((a & 1 > 0) & (b & 2 > 0)) | ((a & 4 > 0) & (b & 8 > 0)) | ((a & 16 > 0) & (b & 32 > 0))
    return flags, pairs


_FLAGS, _PAIRS = _flags()
_LONG = 400  # characters from which the table beats the regular expressions' scans


def _may_need_fix(text: str, table: tuple[np.ndarray, np.ndarray] | None = None) -> bool:
    """False only when :func:`_fix_marks` would leave ``text`` as it is (``table``: its
    :func:`_units` and their :data:`_FLAGS`, when the caller has them)."""
    if text[:1] != "" and text[0] in _ALL_MARKS:
        return True
    if len(text) < _LONG:
        return any(p.search(text) for p in _MAY_NEED_FIX)
    # The last four expressions look at two characters in a row: one table look-up per character
    # and one per pair, where each scan tried its character class at every character.
    if "\u0e45" in text or ("\u0e4d" in text and _MAY_NEED_FIX[1].search(text)):
        return True
    if table is None:
        units = _units(text)
        table = units, _FLAGS[units]
    units, flags = table
    if _PAIRS[(flags[:-1] & 63).astype(np.intp) * 64 + (flags[1:] & 63)].any():
        return True
    return bool(((units[1:] == units[:-1]) & (flags[1:] & 64 > 0)).any())


def _fix_marks(text: str) -> str:
    text = _SPACE_BEFORE_MARK.sub(r"\1\2", text)
    for pattern, repl in _REORDER:
        text = pattern.sub(repl, text)
    text = _REPEATED_MARK.sub(r"\1", text)
    text = _TONE_RUN.sub(lambda m: m.group()[-1], text)
    return _DANGLING.sub(r"\1", text)


def normalize_line(text: str | None) -> str:
    """Normalise text that must be a single line (titles, queries)."""
    return " ".join(normalize(text).split())
