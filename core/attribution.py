"""Which agency issued an article: the same code for imports and crawls.

Republished releases carry their origin near the end: a signature line ("กองสารนิเทศ สป.มท.",
"สำนักงานปลัดกระทรวงเกษตรและสหกรณ์"), hashtags ("#กระทรวงมหาดไทย #MOI", "#ข่าวพม", "#MHESI"), a
credit line ("ที่มา: กรมประชาสัมพันธ์", "Cr. …", "ผู้นำเสนอ : …") or a contact line ("สายด่วนกรมควบคุมโรค
1422"). Headlines name their agency first ("มท.", "สธ.", "รมว.แรงงาน", "“พาณิชย์”", "กระทรวงเกษตรฯ") or
later ("… [กระทรวงการต่างประเทศ]", "ข่าวดี! วธ.ประกาศ …", "“สุชาติ” รมว.แรงงาน ส่ง …").

The order is the labelling rule of issue 10 (bench/eval_attribution.py): a signature line naming an
agency, else a ministry the headline names, else the publisher.

A ministry merely *mentioned* in running text ("มอบ กระทรวงมหาดไทย กระทรวงการต่างประเทศ …") is not
evidence: every mention is graded by where it sits (how close to the end, what kind of line) and only
graded evidence decides. The most specific registry id of the winning ministry is returned (a
department when the evidence names it, else the ministry); the publisher is the fallback.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from core.agencies import Registry, registry
from core.alternation import alternation
from core.attribution_headline import (NOTICE, HeadlineNames, ShortenedNames, compile_headline_names,
                                      compile_shortened, headline_ministry, names_foreign_ministry,
                                      shortened_opening)
from core.attribution_lines import (ANSWERER, BARE_LINE_MAX, CHANNEL_LINES, HASHTAG, ROLE, URL, contact_mentions,
                                     contact_start, is_attendee, is_bare, is_credit, is_running_text)
from core.attribution_pick import MEDIUM, STRONG, without_agency_lists
from core.attribution_pick import Mention as _Mention
from core.attribution_pick import pick as _pick
from core.normalize import normalize_line


@dataclass(frozen=True)
class Attribution:
    """The agency id and how it was decided (``hint``, ``signature``, ``title``, ``publisher``)."""

    agency: str
    method: str
    evidence: str = ""


# --- evidence strength -------------------------------------------------------------------------
# A closing block (signature, credit, hashtags) decides even against the headline; a contact line
# decides only when the headline names no ministry. Nothing else in the body counts: a sentence the
# agency opens, the opening line and running text only report (the labelling rule of issue 10).

_CLOSING_LINES = 6  # signatures, credits, hashtags and contacts sit in the last few lines

# Publishers' own footers: they say who republished the text, not who wrote it.
_IGNORED = ("thaigov", "opm")

_THAI = re.compile(r"[\u0e00-\u0e7f]")
# Spelled like a month after a day, an abbreviation is the month even with no year: "… วันที่ 17 ก.พ.".
_MONTHS = frozenset("ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.".split())
_DAY_BEFORE = re.compile(r"\d\s?$")
_LATIN_WORD = re.compile(r"[A-Za-z]{4}")
_HEADLINE_VERB = (
    r"(?:เผย|ปลื้ม|สั่ง|เร่ง|เชิญ|จับมือ|ร่วม|ลง|เดินหน้า|มอบ|แจง|ชี้แจง|เตือน|จัด|ยก|เปิด|ผนึก|ส่ง|ช่วย|ดัน|หนุน|"
    r"ตรวจ|ลด|ชวน|คุม|ประกาศ|รายงาน|เกาะติด|เคาะ|ขับเคลื่อน|ปรับ|ย้ำ|รับ|ติดตาม|พร้อม|เตรียม|ชู|ขยาย|ประชุม|"
    r"แถลง|สนับสนุน|ยืนยัน|เสนอ|กำชับ|ยกเว้น|ชื่นมื่น|ตั้ง|กาง|สรุป|ผลักดัน|บูรณาการ|รณรงค์|อนุมัติ|คาด|ห่วง)"
)
_HEADLINE_VERBS = frozenset(_HEADLINE_VERB.removeprefix("(?:").removesuffix(")").split("|"))


# --- name tables ---------------------------------------------------------------------------------
class _Names(NamedTuple):
    mention_re: re.Pattern  # full names: safe to look for anywhere in running text
    english_re: re.Pattern  # English names, as written or in capitals
    mention_ids: dict[str, str]
    abbr_re: re.Pattern  # dotted abbreviations: only count on signature lines
    abbr_ids: dict[str, str]
    tag_ids: dict[str, str]  # hashtag key -> id
    tag_words: frozenset[str]  # hashtag keys that are ordinary words too ("แรงงาน", "เกษตร"): topics as often
    title_re: re.Pattern
    title_ids: dict[str, str]
    prefixes: tuple[tuple[str, str], ...]  # (full name, id) for "กระทรวงเกษตรฯ"-style shortenings
    headline: HeadlineNames  # ministries named later in a headline
    shortened: ShortenedNames  # "ก.ท่องเที่ยวฯ", "รมว.ท่องเที่ยวฯ"


def _squash(text: str) -> str:
    """Key for names whatever their spacing or dots: "สป. มท." == "สป.มท" == "สปมท"."""
    return re.sub(r"[\s.]+", "", text).casefold()


def _short_name(name_th: str) -> str | None:
    """How headlines name a ministry: "กระทรวงแรงงาน" -> "แรงงาน"; "กระทรวงการคลัง" -> "คลัง"."""
    if not name_th.startswith("กระทรวง"):
        return None
    rest = name_th[len("กระทรวง"):].split()[0]
    if rest.startswith("การ") and len(rest) > 5:
        rest = rest[3:]
    return rest if len(rest) >= 3 else None


# Words an organisation's full name starts with; other aliases ("สาธารณสุข") are ordinary words too.
_ORG_WORDS = ("กระทรวง", "กรม", "สำนัก", "กอง", "การ", "องค์การ", "สถาบัน", "ศูนย์", "สถานี")


def _is_full_alias(alias: str) -> bool:
    """Long Thai aliases ("กระทรวงเกษตรฯ", "กองทัพไทย") are safe in running text; short ones
    ("ดีอี", "พาณิชย์", "MOI") only in a headline or a hashtag."""
    return len(alias) >= 6 and alias.startswith(_ORG_WORDS)


def _spaced(name: str) -> str:
    """Regex for a name that may be written with or without its inner spaces."""
    return r"\s*".join(re.escape(part) for part in name.split())


def _alternation(keys) -> str:
    return "|".join(sorted(keys, key=len, reverse=True))


@functools.lru_cache(maxsize=4)
def _names(reg: Registry) -> _Names:
    """Build the lookup tables for a registry (cached: the registry is immutable)."""
    mention: dict[str, str] = {}
    abbr: dict[str, str] = {}
    tags: dict[str, str] = {}
    words: set[str] = set()
    title: dict[str, str] = {}
    title_glued: set[str] = set()  # title keys that may run straight into the next word
    prefixes: list[tuple[str, str]] = []
    spelled: set[str] = set()  # full names as written, inner spaces kept (they become optional)
    english: set[str] = set()  # English names, for the signatures of English releases
    for a in reg:
        name_en = a.name_en.removeprefix("The ")
        if len(name_en) >= 12 and " " in name_en:
            english.add(name_en)
            mention.setdefault(_squash(name_en), a.id)
            title.setdefault(_squash(name_en), a.id)
            title_glued.add(_squash(name_en))
        full = [a.name_th, *(x for x in a.aliases if _is_full_alias(x))]
        short = [x for x in a.aliases if not _is_full_alias(x)]
        for name in full:
            spelled.add(name)
            mention.setdefault(_squash(name), a.id)
            title.setdefault(_squash(name), a.id)
            title_glued.add(_squash(name))
        prefixes.append((a.name_th.replace(" ", ""), a.id))
        if a.abbr_th and "." in a.abbr_th and len(a.abbr_th.replace(".", "")) >= 2:
            abbr.setdefault(a.abbr_th, a.id)
            title.setdefault(a.abbr_th.rstrip("."), a.id)
        sname = _short_name(a.name_th)
        if sname:
            short += [sname, "ก." + sname]
        for name in short:
            title.setdefault(_squash(name) if name.isascii() else name, a.id)
            if name.isascii():
                title.setdefault(name, a.id)  # as written too: "MDES ลงนาม…", "DSI ดำเนินคดี…"
        for name in (*full, *short, a.abbr_th, a.id if a.id.isalpha() else ""):
            if name:
                tags.setdefault(_squash(name), a.id)
        words.update(_squash(n) for n in short if _THAI.search(n) and len(_squash(n)) >= 4)
    mention_re = re.compile(alternation(sorted((_spaced(k) for k in spelled), key=len, reverse=True)))
    # English names only sign in the closing lines (a bare line, a credit or a contact): "Public Debt
    # Management Office" above its phone number; headlines are matched on the Thai names. Written as in
    # the registry or in capitals: ignoring case would make the scan several times slower.
    english_re = re.compile(_alternation(_spaced(k) for k in english | {k.upper() for k in english}))
    abbr_re = re.compile(
        # Never inside a word, a number or a date: "150 บาท/กก." is a kilogram and "4 ก.พ. 2568" is
        # February, not the Civil Service Commission. A unit's own abbreviation may precede the
        # agency's, dot to dot: "สร.ศธ." is a unit of ศธ. (tried only when the whole is not known).
        rf"(?<![\w./])(?:[\u0e01-\u0e2e]{{1,4}}\.)??"
        rf"({alternation(sorted((re.escape(k) for k in abbr), key=len, reverse=True))})(?![\w.])(?!\s*\d)"
    )
    names = _alternation(_spaced(k) for k in spelled)
    # A short name may run into the next word only when that word is a headline verb:
    # "พาณิชย์เชิญ…", "มหาดไทยสั่ง…" name the ministry, "แรงงานต่างด้าว…" and "สาธารณสุขจังหวัด…" do not.
    short = _alternation(re.escape(k) for k in title if k not in title_glued and _THAI.search(k))
    glued = rf"{names}|{_alternation(_spaced(k) for k in english)}|(?:{short})(?={_HEADLINE_VERB})"
    bounded = _alternation(re.escape(k) for k in title)
    title_re = re.compile(
        # An abbreviation needs its dot or a space after it ("มท.1", "สธ. เตรียม") and no year or
        # amount after that ("ก.พ. 2568" is February); a short name needs a boundary or a headline
        # verb after it, unless a role precedes it ("รมช.กลาโหมนำทีม"); an abbreviation glued to another
        # ("บก.ศปช.") is that other unit's. An agency's announcement opens the same way ("ประกาศ ขสมก. …").
        rf"^[\s\"“”'‘’(\[]*(?:{NOTICE})?(?:(?P<role>{ROLE}\s*)(?P<held>{short})(?![\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])|(?:{ROLE}\s*)?"
        rf"(?:(?P<abbr>{bounded})(?:\.(?![\u0e01-\u0e2e]{{1,5}}\.)|(?=[\s\"“”'’)\-–,:!]))(?!\s*\d{{2}})|(?P<name>{glued})))"
    )
    ministries = {a.id for a in reg if not a.parent}
    headline = compile_headline_names(
        ((n, i) for n, i in ((x, mention[_squash(x)]) for x in spelled) if i in ministries),
        ((k, i) for k, i in title.items() if i in ministries and _THAI.search(k) and k not in title_glued),
        ((k, i) for k, i in abbr.items() if i in ministries), _HEADLINE_VERBS,
        ((k, i) for k, i in title.items() if i in ministries and k.isascii() and k.isupper() and " " not in k),
    )
    shortened = compile_shortened(ROLE, ((a.name_th, a.id) for a in reg if not a.parent),
                                  ((a.name_th, a.id) for a in reg if a.parent), _HEADLINE_VERB)
    return _Names(mention_re, english_re, mention, abbr_re, abbr, tags, frozenset(words), title_re, title, tuple(prefixes),
                  headline, shortened)


# --- finding mentions ----------------------------------------------------------------------------
_SHORTENED = re.compile(r"(?:กระทรวง|กรม)[\u0e00-\u0e2e\u0e30-\u0e4e]{2,}?ฯ")
# A department or enterprise cut short at the opening of a headline: "กรมโรงงานฯ", "การรถไฟฯ".
_OPENING_SHORTENED = re.compile(r"^[\s\"“”'‘’(\[]*((?:กระทรวง|กรม|การ)[\u0e00-\u0e2e\u0e30-\u0e4e]{2,}?\s?ฯ)")


def _expand_shortened(text: str, names: _Names, reg: Registry | None = None) -> str | None:
    """Id for "กระทรวงดิจิทัลฯ" / "กรมอุทยานฯ" / "การเคหะฯ": the one agency whose full name starts that
    way; with ``reg``, the ministry when every such agency is one ministry's ("การรถไฟฯ")."""
    stem = text.rstrip("ฯ").rstrip()
    org = next(o for o in ("กระทรวง", "กรม", "การ") if stem.startswith(o))
    rest = stem[len(org):]
    hits = {i for name, i in names.prefixes
            if name.startswith(org + rest) or name.startswith(org + "การ" + rest)}
    if len(hits) > 1 and reg is not None and len({reg.ministry_of(i) for i in hits}) == 1:
        return reg.ministry_of(hits.pop())
    return hits.pop() if len(hits) == 1 else None


def _line_mentions(line: str, names: _Names) -> list[tuple[int, int, str, str]]:
    """(start, end, id, text) of every full name, "…ฯ" shortening and web address on a line."""
    found = []
    for m in names.mention_re.finditer(line):
        found.append((m.start(), m.end(), names.mention_ids[_squash(m.group())], m.group()))
    if _LATIN_WORD.search(line):
        for m in names.english_re.finditer(line):
            found.append((m.start(), m.end(), names.mention_ids[_squash(m.group())], m.group()))
    for m in _SHORTENED.finditer(line):
        if not any(s <= m.start() < e for s, e, _i, _t in found):
            agency = _expand_shortened(m.group(), names)
            if agency:
                found.append((m.start(), m.end(), agency, m.group()))
    return sorted(found)


def _hashtag_mentions(line: str, names: _Names) -> list[tuple[int, int, str, str, bool]]:
    """Hashtags naming an agency: "#กระทรวงมหาดไทย", "#MOI", "#ข่าวพม", "#กระทรวงพม"; the last item says
    whether the tag is an ordinary word too ("#แรงงาน")."""
    found = []
    for m in HASHTAG.finditer(line):
        key = _squash(m.group(1))
        for candidate in (key, key.removeprefix("ข่าว"), key.removeprefix("สำนักข่าว"),
                          key.removeprefix("กระทรวง")):
            agency = names.tag_ids.get(candidate)
            if agency:
                found.append((m.start(), m.end(), agency, m.group(), candidate == key and key in names.tag_words))
                break
    return found


def _url_mentions(line: str, reg: Registry) -> list[tuple[int, int, str, str]]:
    """Web addresses of an agency ("www.culture.go.th") on a credit or contact line."""
    found = []
    for m in URL.finditer(line):
        agency = reg.resolve_host((m.group(1) or m.group(2) or m.group(3) or "").rstrip("."))
        if agency:
            found.append((m.start(), m.end(), agency, m.group()))
    return found


def _abbr_mentions(line: str, names: _Names) -> list[tuple[int, int, str, str]]:
    """(start, end, id, text) of every dotted abbreviation on a line, months after a day aside."""
    if "." not in line:  # every abbreviation has a dot
        return []
    return [(m.start(1), m.end(1), names.abbr_ids[m.group(1)], m.group(1)) for m in names.abbr_re.finditer(line)
            if not (m.group(1) in _MONTHS and _DAY_BEFORE.search(line, 0, m.start(1)))]


def _grade(line: str, r: int, names: _Names, reg: Registry, below: str = "", listed: bool = False) -> list[_Mention]:
    """Every agency evidence on one line, ``r`` lines from the end, with its strength (``below``: the
    next lines, where a contact's phone number may continue it; ``listed``: the line is one person's in
    a list of those present, see core/attribution_pick.py)."""
    out: list[_Mention] = []
    closing = r < _CLOSING_LINES
    if closing:
        for s, _e, agency, text, word in _hashtag_mentions(line, names):
            out.append(_Mention(STRONG, r, s, agency, text, line, kind="tagword" if word else "tag"))
        if out and line.startswith("#"):
            return out  # a line of hashtags: its names are tags, in the order the agency put them
    if ANSWERER.match(line) or (closing and is_credit(line)):
        for s, _e, agency, text in _line_mentions(line, names) + _abbr_mentions(line, names) + _url_mentions(line, reg):
            out.append(_Mention(STRONG, r, s, agency, text, line, kind="credit"))
        return out
    if not closing:
        return out
    # The name scans (the costliest part of attribution) are left out for a line that could be neither a
    # bare signature (a short line: is_bare) nor a contact line (contact_start): most closing lines are
    # long paragraphs of the story.
    short = len(line) <= BARE_LINE_MAX
    spans = _line_mentions(line, names) if short else []
    if short:
        abbr_spans = _abbr_mentions(line, names)
        # one ministry a line: "กระทรวงแรงงาน กระทรวงการพัฒนาสังคมฯ" lists those taking part
        if (spans or abbr_spans) and len(_ministries(spans + abbr_spans, reg)) <= 1 and is_bare(line, spans + abbr_spans):
            for s, _e, agency, text in spans + abbr_spans:
                out.append(_Mention(STRONG, r, s, agency, text, line, listed))
            return out
    start = contact_start(line, below)
    if start is None:
        return out
    if not short:
        spans = _line_mentions(line, names)
    if spans or "." in line:  # abbreviations and web addresses have a dot
        out.extend(_Mention(MEDIUM, r, s, agency, text, line, kind="contact") for s, agency, text in
                   contact_mentions(line, spans, names.abbr_ids, lambda seg: _url_mentions(seg, reg), below, start))
    return out


def _ministries(spans: list[tuple[int, int, str, str]], reg: Registry) -> set[str]:
    """The ministries named on a line, the publisher's own units aside ("สำนักโฆษกกระทรวงกลาโหม", "สร. ศธ.")."""
    return {reg.ministry_of(agency) for _s, _e, agency, _t in spans} - set(_IGNORED)


def _body_evidence(body: str, names: _Names, reg: Registry) -> list[_Mention]:
    """Graded mentions in the body (the last lines, and an answerer's line wherever it sits)."""
    lines = [ln.strip() for ln in (body or "").split("\n") if ln.strip()]
    out: list[_Mention] = []
    for idx, line in enumerate(lines):
        r = len(lines) - 1 - idx
        if r < _CLOSING_LINES or ANSWERER.match(line):
            below = "\n".join(lines[idx + 1:idx + 1 + CHANNEL_LINES])
            listed = is_attendee(line, lines[idx - 1] if idx else "", lines[idx + 1] if r else "")
            if listed and any(map(is_running_text, lines[idx + 1:])):
                continue  # those present, then more of the story: the list is not the closing material
            out.extend(m for m in _grade(line, r, names, reg, below, listed) if m.agency not in _IGNORED)
    return out


def _title_agency(title: str, names: _Names, reg: Registry) -> tuple[str, str] | None:
    """(id, matched text) when the headline (already through normalize_line) opens with an agency, else None."""
    m = names.title_re.match(title)
    if not m:
        found = shortened_opening(title, names.shortened)
        cut = _OPENING_SHORTENED.match(title) if not found else None  # "กรมโรงงานฯ …", "การเคหะฯ …"
        agency = cut and _expand_shortened(cut.group(1), names, reg)
        found = found or ((agency, cut.group(1)) if agency else None)
        return found if found and found[0] not in _IGNORED else None
    if names_foreign_ministry(title[m.end():]):
        return None
    text = m.group("held") or m.group("abbr") or m.group("name")
    key = text if text in names.title_ids else _squash(text)
    agency = names.title_ids.get(key)
    if agency is None and text.endswith("ฯ"):
        agency = _expand_shortened(text, names)
    return (agency, m.group().strip()) if agency and agency not in _IGNORED else None


def attribute(title: str, body: str, url: str = "", hint: str | None = None,
              publisher: str | None = None, reg: Registry | None = None) -> Attribution:
    """Decide the agency of an article. Never fails: the publisher (or ``thaigov``) is the fallback.

    Order: an explicit ``hint`` the registry knows; a closing signature, credit line or hashtag;
    a ministry the headline names (or an agency opening it); a contact line; the publisher
    (``publisher`` resolved, else the host of ``url``).
    """
    reg = reg or registry()
    if hint:
        resolved = reg.resolve(hint)
        if resolved:
            return Attribution(resolved, "hint", hint)
    names = _names(reg)
    mentions = without_agency_lists(_body_evidence(body, names, reg), reg)
    strong = [m for m in mentions if m.strength >= STRONG]
    if strong:
        m = _pick(strong, reg)
        return Attribution(m.agency, "signature", m.line)
    title = normalize_line(title)  # once for both headline readings
    in_title = _title_agency(title, names, reg)
    if in_title:
        return Attribution(in_title[0], "title", in_title[1])
    named = headline_ministry(title, names.headline)
    if named and named[0] not in _IGNORED:
        return Attribution(named[0], "title", named[1])
    if mentions:
        m = _pick(mentions, reg)
        return Attribution(m.agency, "signature", m.line)
    fallback = publisher and reg.resolve(publisher)
    if not fallback and url:
        fallback = reg.resolve_host(urlsplit(url).hostname or "")
    return Attribution(fallback or "thaigov", "publisher", "")
