"""Is this the same press release? Text fingerprints and the pairwise test behind story groups.

Ministries' releases are republished by thaigov.go.th and prd.go.th with a changed headline prefix
or suffix (``มท.``, ``[กระทรวงพลังงาน]``), added or missing boilerplate (photo credits, "ที่มา:",
hashtags), other whitespace, or a truncated body. So two copies are compared on their *lead*: the
headline without bracketed tags, then the first :data:`LEAD_CHARS` characters of the body without
boilerplate lines, with every space and punctuation mark removed. Its character 5-grams are the
shingles; a 64-permutation MinHash of them (datasketch's values, computed many leads at once by
:mod:`core.minhash`) finds candidates through 16 bands of 4 (:mod:`core.grouping` keeps the bands
in SQLite), and :func:`same_release` decides on the exact
shingle sets.

Jaccard alone would merge templated series: monthly reports that differ only in the month, weekly
situation updates, the same event in another province, notices that differ in numbers or names.
Their leads share nearly every shingle, so a second test compares the *markers* of both leads
(numbers, month names, provinces, personal names after a title): the part both copies cover must
carry the same markers. And one text under two unrelated headlines (a day's photo captions sharing
a body) is two items: the shorter headline must be mostly inside the longer. The store also keeps
apart copies published more than :data:`MAX_DAYS_APART` days apart (the same text for another
occasion: a periodic inspection reported in the same words).
"""
from __future__ import annotations

import functools
import re
import zlib
from datetime import date

import numpy as np

from core import minhash
from core.dedupe_markers import marker_ends, markers

NUM_PERM = 64
BANDS, ROWS = 16, 4  # candidates from Jaccard ~0.5 up: P(candidate | J=0.6) = 0.89, J=0.8: 0.9999
SHINGLE = 5
LEAD_CHARS = 1200
MIN_SHINGLES = 20  # shorter leads (a bare headline) are compared whole, never by containment
JACCARD = 0.6
CONTAINMENT = 0.9  # a truncated copy: nearly all of the shorter lead is inside the longer
TITLE_CONTAINMENT = 0.7  # headlines may gain a prefix or suffix, not become another headline
MAX_DAYS_APART = 60  # republished within weeks; the same text months later is another occasion
_SEED = 11

# Lines that publishers add or drop around the same text: credits, sources, hashtags, links.
_BOILERPLATE = re.compile(
    r"^\s*(?:[-–—•*#>\[(]\s*)*(?:ที่มา|แหล่งที่มา|ภาพ(?:ข่าว|และข่าว|/ข่าว)?|ข่าว(?:โดย)?|เรียบเรียง|ข้อมูล(?:จาก)?|"
    r"cr\.?|credit|เครดิต|photo|ผู้สื่อข่าว|กลุ่มงาน|สำนักข่าว|รายงาน)\s*[:：/]"
    r"|^\s*(?:#\S+\s*)+$|^\s*(?:https?://|www\.)\S+\s*$|^\s*-{3,}\s*$",
    re.IGNORECASE,
)
# A dateline on a line of its own ("14 กรกฎาคม 2560", "14/07/2560 10:30"): a site's wrapper, not the text.
_DATELINE = re.compile(
    r"^\s*(?:วันที่\s*)?\d{1,2}\s*(?:[ก-ฮ][ก-๙.]{1,10}|/\s*\d{1,2}\s*/)\s*(?:พ\.ศ\.\s*)?\d{2,4}"
    r"(?:\s*(?:เวลา\s*)?\d{1,2}[:.]\d{2}(?:\s*น\.)?)?\s*$")
_TAG = re.compile(r"\[[^\]]{1,60}\]|\([^)]{1,40}\)|【[^】]{1,60}】")
_TITLE_PREFIX = re.compile(r"^\s*(?:[ก-ฮ]{1,4}\.(?:[ก-ฮ]{1,4}\.)*\d?\s*[:：\-–]?\s+)")
_NOT_TEXT = re.compile(r"[^0-9a-z\u0e01-\u0e4f\u0e50-\u0e5b]+")


class Lead:
    """What two copies are compared on: the squashed lead and its shingles, and for markers the
    cleaned headline, the lead with separators kept (``span``) and the longer text after it (``full``).

    Built as needed, each part once: more than half the pairs the store compares differ in their
    headlines (:func:`titles_agree`, tried first), which needs neither the body nor the shingles."""

    def __init__(self, title: str, body: str) -> None:
        self._raw = (title, body)
        self.title = _clean_title(title)

    @functools.cached_property
    def _parts(self) -> tuple[str, str, str]:
        return _lead_parts(*self._raw)

    @functools.cached_property
    def text(self) -> str:
        """The squashed lead: headline and the body's first letters, no spaces or punctuation."""
        return self._parts[2]

    @functools.cached_property
    def shingles(self) -> frozenset[str]:
        """The lead's character :data:`SHINGLE`-grams (the whole lead when shorter)."""
        text = self.text
        if len(text) <= SHINGLE:
            return frozenset([text]) if text else frozenset()
        return frozenset({text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)})

    @functools.cached_property
    def span(self) -> str:
        """The body's lead with separators kept."""
        return self._parts[1][: LEAD_CHARS + LEAD_CHARS // 4]  # separators take about a fifth of the characters

    @functools.cached_property
    def full(self) -> str:
        """The longer text where the other copy's markers are looked for, boilerplate and datelines included."""
        return (self._raw[1] or "")[: LEAD_CHARS * 3].lower()

    @functools.cached_property
    def title_markers(self) -> set[str]:
        """:func:`markers` of the headline."""
        return markers(self.title)

    @functools.cached_property
    def full_markers(self) -> set[str]:
        """:func:`markers` of :attr:`full`."""
        return markers(self.full)

    @functools.cached_property
    def span_markers(self) -> list[tuple[int, str]]:
        """:func:`marker_ends` of :attr:`span`."""
        return marker_ends(self.span)

    def span_markers_before(self, end: int) -> set[str]:
        """``markers(self.span, end)``: the markers of the span ending before ``end``."""
        return {value for stop, value in self.span_markers if stop < end}


def _clean_title(title: str) -> str:
    title = _TAG.sub(" ", title or "")
    for _ in range(3):  # "สป.มท. มท.1 …": prefixes stack
        title = _TITLE_PREFIX.sub("", title)
    return title.strip().lower()


def _body_lines(body: str, title: str) -> str:
    squashed_title = _NOT_TEXT.sub("", title.lower())
    keep = [ln for ln in (body or "").splitlines()
            if ln.strip() and not _BOILERPLATE.search(ln) and not _DATELINE.match(ln)]
    # Some sites repeat the headline as the body's first line.
    if keep and squashed_title and _NOT_TEXT.sub("", _clean_title(keep[0])) == _NOT_TEXT.sub("", _clean_title(title)):
        keep = keep[1:]
    return "\n".join(keep)


def _lead_parts(title: str, body: str) -> tuple[str, str, str]:
    head = _clean_title(title)
    body_text = _body_lines(body, title)[: LEAD_CHARS * 2].lower()
    # The headline plus the body's first LEAD_CHARS letters: a truncated tail does not count.
    return head, body_text, _NOT_TEXT.sub("", head) + _NOT_TEXT.sub("", body_text)[:LEAD_CHARS]


def lead_text(title: str, body: str) -> str:
    """The squashed lead alone (``lead_of(title, body).text``): all a signature needs."""
    return _lead_parts(title, body)[2]


def lead_of(title: str, body: str) -> Lead:
    """The comparable lead of an article (headline tags, boilerplate, spaces and punctuation removed)."""
    return Lead(title, body)


def signatures(texts: list[str]) -> list[np.ndarray]:
    """The MinHash of each squashed lead's shingles (``NUM_PERM`` uint32 values each): datasketch's
    ``MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=zlib.crc32)`` over the shingles' UTF-8 bytes,
    computed for many leads at once (:mod:`core.minhash`)."""
    return minhash.signatures(texts, SHINGLE, NUM_PERM, _SEED)


def signature(lead: Lead) -> np.ndarray:
    """The MinHash of a lead's shingles (``NUM_PERM`` uint32 values)."""
    return signatures([lead.text])[0]


def band_keys(sig: np.ndarray) -> list[int]:
    """One key per band: a 63-bit hash of the band's rows (what SQLite indexes): the band's crc32
    then its adler32, big-endian, shifted right by one."""
    raw = np.asarray(sig, dtype=np.uint32).tobytes()
    size = ROWS * 4
    return [((zlib.crc32(chunk) << 32) | zlib.adler32(chunk)) >> 1
            for chunk in (raw[i : i + size] for i in range(0, BANDS * size, size))]


def similarity(a: Lead, b: Lead) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two leads' shingle sets."""
    if not a.shingles or not b.shingles:
        return 0.0, 0.0
    inter = len(a.shingles & b.shingles)
    union = len(a.shingles) + len(b.shingles) - inter
    return inter / union, inter / min(len(a.shingles), len(b.shingles))


def markers_agree(a: Lead, b: Lead) -> bool:
    """The headlines carry the same markers, and over the span both leads cover, each lead's
    markers are all in the other's text (a truncated or shifted copy is not a difference)."""
    if a.title_markers != b.title_markers:
        return False
    window = min(len(a.span), len(b.span)) - 40  # a marker cut at the window's edge is no evidence
    if window <= 0:
        return True
    return a.span_markers_before(window) <= b.full_markers and b.span_markers_before(window) <= a.full_markers


def _title_grams(title: str) -> set[str]:
    t = _NOT_TEXT.sub("", title)
    return {t[i : i + 3] for i in range(max(1, len(t) - 2))} if t else set()


def titles_agree(a: Lead, b: Lead) -> bool:
    """Most of the shorter headline is in the longer: one body under two headlines (a day's
    photo captions, a shared boilerplate text) is two items."""
    ga, gb = _title_grams(a.title), _title_grams(b.title)
    if not ga or not gb:
        return True
    return len(ga & gb) / min(len(ga), len(gb)) >= TITLE_CONTAINMENT


def close_in_time(a: str | None, b: str | None) -> bool:
    """Two ISO dates at most :data:`MAX_DAYS_APART` apart (an unknown date is no evidence)."""
    if not a or not b:
        return True
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= MAX_DAYS_APART
    except ValueError:
        return True


def same_release(a: Lead, b: Lead) -> bool:
    """True when two leads are copies of one release (symmetric; see the module docstring)."""
    if not titles_agree(a, b):
        return False
    jac, cont = similarity(a, b)
    small = min(len(a.shingles), len(b.shingles))
    if not (jac >= JACCARD or (small >= MIN_SHINGLES and cont >= CONTAINMENT)):
        return False
    return markers_agree(a, b)
