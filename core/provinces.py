"""Which of Thailand's 77 provinces an article is about: a gazetteer and one extraction function.

The names and DOPA codes come from ``geothai`` (every province and district, offline, no
dependencies); ``core/data/provinces.csv`` adds what a gazetteer does not hold: short forms
(กรุงเทพฯ, กทม., โคราช, อยุธยา), other English spellings, which names are also ordinary words,
and each capital's rough position (for the map's tile layout).

A name counts when the text shows it is a place:

* after a prefix: ``จังหวัด``, ``จ.``, ``อำเภอเมือง`` / ``อ.เมือง``, or ``Province`` around an
  English name — always;
* bare, for names that are not also ordinary words or people's names (เชียงใหม่, Phuket);
* bare, for names that are also words or parts of them (ตาก "to dry", เลย "at all", แพร่ "to
  spread", น่าน (น่านน้ำ), ตราด (อัตราดอกเบี้ย), ชุมพร (ประชุมพระ), กระบี่ "sword", ร้อยเอ็ด "101")
  or of people (สุรินทร์, ชัยภูมิ), only next to another province in a list (``เชียงใหม่ ลำปาง
  แพร่ และน่าน``), or when the text names a district of that province (``อำเภอแม่สอด`` confirms
  ตาก).

A bare name right after ถนน / ซอย / บ้าน / อาคาร / ธนาคาร names a road, a house, a building or a
bank (ถนนพิษณุโลก, บ้านพิษณุโลก, ธนาคารกรุงศรีอยุธยา), and after ``ณ`` a family name
(ณ อยุธยา, ณ หนองคาย): neither counts. Nor does a name cut out of a longer word (พิจิตรา).
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from typing import Iterator
from importlib.resources import files

import geothai
import numpy as np

from core.normalize import normalize_line


@dataclass(frozen=True)
class Province:
    """One province: DOPA code, names, and the rough position of its capital."""

    code: str
    name_th: str
    name_en: str
    aliases_th: tuple[str, ...]
    aliases_en: tuple[str, ...]
    needs_context: bool
    lat: float
    lon: float


@functools.lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """The 77 provinces, in DOPA code order (Bangkok, code 10, first)."""
    extra = {}
    with files("core").joinpath("data/provinces.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            extra[row["code"]] = row
    out = []
    for p in geothai.provinces():
        row = extra[p.code]
        out.append(Province(
            code=p.code, name_th=p.name_th, name_en=p.name_en,
            aliases_th=tuple(a for a in row["aliases_th"].split("|") if a),
            aliases_en=tuple(a for a in row["aliases_en"].split("|") if a),
            needs_context=row["needs_context"] == "1", lat=float(row["lat"]), lon=float(row["lon"]),
        ))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _by_code() -> dict[str, Province]:
    return {p.code: p for p in provinces()}


def province(code: str) -> Province | None:
    """The province with this DOPA code, or None."""
    return _by_code().get(code)


def _key(text: str) -> str:
    """Lookup key: normalised, case-folded, without a จังหวัด / จ. / province prefix, spaces or dots."""
    text = re.sub(r"^(?:จังหวัด|จ\.|province\s+of\s+)\s*", "", normalize_line(text).casefold())
    text = re.sub(r"\s+province$", "", text)
    return re.sub(r"[\s.\-_]+", "", text)


@functools.lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for p in provinces():
        for name in (p.code, p.name_th, p.name_en, *p.aliases_th, *p.aliases_en):
            table.setdefault(_key(name), p.code)
    return table


def resolve(text: str) -> str | None:
    """The DOPA code of a province typed by a user: a code, a Thai or English name, a short form
    (``กทม.``, ``จ.เชียงใหม่``, ``chiang mai``); None when it is none of these."""
    key = _key(text or "")
    if not key:
        return None
    return _lookup().get(key)


# -- extraction --------------------------------------------------------------------------------
_PREFIX = r"(?:จังหวัด|จ\.|อำเภอเมือง|อ\.\s?เมือง)\s?"
_BLOCK = re.compile(r"(?:ถนน|ถ\.|ซอย|ซ\.|บ้าน|อาคาร|ธนาคาร|กรุงศรี|แยก|ทางหลวง|ณ)\s?$")
# A name cut out of a longer word: a vowel or tone mark right after it (พิจิตรา), or a
# leading vowel right before it.
_INSIDE_AFTER = re.compile(r"[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")
_INSIDE_BEFORE = re.compile(r"[\u0e40-\u0e44]")
# Between two names of a list: separators, a conjunction, a repeated prefix, or a count
# ("จังหวัดตาก 1,920 ราย ยะลา 1,103 ราย").
_LIST_GAP = re.compile(r"^[\s,、/]*(?:\d[\d,.]*\s*(?:ราย|คน|แห่ง|เรื่อง|ครั้ง)?)?[\s,、/]*"
                       r"(?:และ|หรือ|ถึง|-|–)?[\s,、/]*(?:จังหวัด|จ\.)?\s?$")
_PROVINCE_WORD = re.compile(r"\s+[Pp]rovinces?\b")


def _trie_pattern(words) -> str:
    """One regular expression for many names, factored as a trie (``เชียง(?:ใหม่|ราย)``): Python's
    ``re`` tries each branch of a flat alternation at every position, a trie only the branches
    that share the text's next character, which made extraction several times faster. Greedy,
    so the longest name wins (พระนครศรีอยุธยา over อยุธยา). A space matches a space, a hyphen or
    nothing (Phang-nga, Chiangmai)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [(r"[\s-]?" if ch == " " else re.escape(ch)) + build(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return f"(?:{body})?"
        return body

    return build(trie)


def _eng_key(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name).casefold()


@dataclass
class _Hit:
    code: str
    start: int
    end: int
    sure: bool


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str], dict[str, str]]:
    thai: dict[str, str] = {}
    eng: dict[str, str] = {}
    for p in provinces():
        for name in (p.name_th, *p.aliases_th):
            thai[name] = p.code
        for name in (p.name_en, *p.aliases_en):
            eng[_eng_key(name)] = p.code
    thai_alt = _trie_pattern(thai)
    eng_alt = _trie_pattern(eng)
    # Names alone: a leading optional prefix would make the scan try it at every character (2.4x
    # slower); _thai_matches looks for the prefix before each name instead.
    thai_re = re.compile(thai_alt)
    eng_re = re.compile(rf"(?i:(?P<prefix>\bprovince\s+of\s+)?\b(?P<name>{eng_alt})\b)")
    return thai_re, eng_re, thai, eng


@functools.lru_cache(maxsize=1)
def _district_patterns() -> tuple[re.Pattern, dict[str, str]] | None:
    """``อำเภอ<name>`` for districts of provinces whose names need context, when the district
    name is unique in the country (one reading only)."""
    counts: dict[str, int] = {}
    owner: dict[str, str] = {}
    for p in provinces():
        for d in geothai.districts(p.code):
            name = d.name_th.removeprefix("เขต")
            counts[name] = counts.get(name, 0) + 1
            owner[name] = p.code
    wanted = {n: c for n, c in owner.items() if counts[n] == 1 and province(c).needs_context
              and not n.startswith("เมือง")}
    if not wanted:
        return None
    return re.compile(rf"(?:อำเภอ|อ\.)\s?(?P<name>{_trie_pattern(wanted)})"), wanted


# What (?i)[a-z] matches besides ASCII letters (Unicode case folding): İ ı ſ K (Kelvin sign).
_LATIN_EXTRA = "\u0130\u0131\u017f\u212a"


def _latin_starts(text: str) -> list[int]:
    """Where each run of (?i)[a-z] letters starts, found in numpy: the expression's scan of a
    mostly Thai text took a third of the time of finding its provinces."""
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    latin = (cps | 0x20) - 0x61 < 26  # unsigned: everything below "a" wraps around
    if any(c in text for c in _LATIN_EXTRA):
        latin |= np.isin(cps, [ord(c) for c in _LATIN_EXTRA])
    starts = np.flatnonzero(latin[1:] & ~latin[:-1]) + 1
    return ([0] if latin[:1].any() else []) + starts.tolist()


_PREFIX_BEFORE = re.compile(rf"{_PREFIX}\Z")


@functools.lru_cache(maxsize=1)
def _thai_openings() -> np.ndarray:
    """Per three characters of the Thai block (7 bits each), whether a Thai name starts so."""
    table = np.zeros(1 << 21, dtype=bool)
    for name in _patterns()[2]:
        # Every name is at least three Thai letters long (checked by the tests).
        a, b, c = (ord(ch) - 0x0E00 for ch in name[:3])
        table[(a << 14) | (b << 7) | c] = True
    return table


def _thai_starts(text: str) -> list[int]:
    """The positions where three characters open a Thai name: the only ones where the names'
    expression can match. Found in numpy, where ``finditer`` tried the expression at every
    character (half of the time of finding the provinces)."""
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if len(cps) < 3:
        return []
    low = cps - 0x0E00  # unsigned: outside the Thai block, 128 or more
    thai = low < 128
    low = np.where(thai, low, 0)
    code = (low[:-2] << 14) | (low[1:-1] << 7) | low[2:]
    return np.flatnonzero(_thai_openings()[code] & thai[:-2] & thai[1:-1] & thai[2:]).tolist()


def _thai_matches(thai_re: re.Pattern, text: str) -> Iterator[tuple[int, int, int, str]]:
    """``(start, name start, end, name)`` of each Thai name, ``start`` before its prefix when one
    precedes it: what ``(?P<prefix>PREFIX)?(?P<name>NAME)`` would find, scanning for names only
    (a prefix is never inside a name, and one that overlaps the previous name does not count).
    The names are tried where one may start, as ``finditer`` would find them: left to right,
    each after the end of the one before."""
    last = 0
    for at in _thai_starts(text):
        if at < last:
            continue
        m = thai_re.match(text, at)
        if not m:
            continue
        start = m.start()
        before = _PREFIX_BEFORE.search(text, max(last, start - 12), start)
        last = m.end()
        yield (before.start() if before else start), start, last, m.group()


def _eng_matches(eng_re: re.Pattern, text: str) -> Iterator[re.Match]:
    """``eng_re.finditer(text)``, tried only where a run of Latin letters starts: every English
    match starts a word with one, and Thai text has few, which the scan for them skips in C
    (finditer tried the whole pattern at every character: ~2/3 of province extraction)."""
    end = 0
    for start in _latin_starts(text):
        if start < end:
            continue
        m = eng_re.match(text, start)
        if m:
            end = m.end()
            yield m


def _hits(text: str) -> list[_Hit]:
    thai_re, eng_re, thai, eng = _patterns()
    hits: list[_Hit] = []
    for start, name_start, end, name in _thai_matches(thai_re, text):
        code = thai[name]
        prefixed = start != name_start
        if _INSIDE_AFTER.match(text, end) or (
                not prefixed and start and _INSIDE_BEFORE.match(text, start - 1)):
            continue
        if prefixed:
            hits.append(_Hit(code, start, end, True))
        elif not _BLOCK.search(text, max(0, start - 12), start):
            hits.append(_Hit(code, start, end, not province(code).needs_context))
    for m in _eng_matches(eng_re, text):
        code = eng.get(_eng_key(m["name"]))
        if code is None:
            continue
        sure = bool(m["prefix"]) or bool(_PROVINCE_WORD.match(text, m.end())) or not province(code).needs_context
        hits.append(_Hit(code, m.start(), m.end(), sure))
    hits.sort(key=lambda h: h.start)
    return hits


def extract(title: str, body: str) -> list[str]:
    """DOPA codes of the provinces named as places in an article, in code order."""
    text = f"{title}\n{body}"
    hits = _hits(text)
    districts = _district_patterns()
    if districts is not None and any(not h.sure for h in hits):
        pattern, owner = districts
        confirmed = {owner[m["name"]] for m in pattern.finditer(text)}
        for h in hits:
            if not h.sure and h.code in confirmed:
                h.sure = True
    # A name that needs context counts inside a list of provinces: spread sureness to
    # neighbours separated only by spaces, commas or และ, until nothing changes.
    changed = True
    while changed:
        changed = False
        for a, b in zip(hits, hits[1:]):
            if a.sure != b.sure and _LIST_GAP.match(text[a.end:b.start]):
                a.sure = b.sure = True
                changed = True
    return sorted({h.code for h in hits if h.sure})


def names(codes: list[str] | tuple[str, ...], lang: str = "th") -> list[str]:
    """Names of provinces by code (unknown codes are left out)."""
    out = []
    for c in codes:
        p = province(c)
        if p is not None:
            out.append(p.name_th if lang == "th" else p.name_en)
    return out
