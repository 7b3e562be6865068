"""Ministries a headline names after its opening words: through one of their officials ("“สุชาติ”
รมว.แรงงาน ส่ง …", "ประชุม … ปลัดฯ ยุติธรรม", "… ผู้ตรวจราชการกระทรวงศึกษาธิการ"), by full name ("…
[กระทรวงการต่างประเทศ]"), by dotted abbreviation ("ข่าวดี! วธ.ประกาศ …") or as "ก.แรงงาน".

Step 2 of the labelling rule of issue 10: a headline naming a ministry is that ministry's news, the first
one named. A bare short name ("แรงงาน", "มหาดไทย") is an ordinary word in mid-headline ("แรงงานต่างด้าว"),
so it counts only after an official's title. Headlines about the Prime Minister, the cabinet or the
government are the publisher's own news whatever ministry they mention ("นายกฯ ตรวจเยี่ยมกระทรวงคมนาคม"),
and a ministry of another country ("รัฐมนตรีช่วยว่าการกระทรวงการต่างประเทศ สาธารณรัฐเช็ก") is not ours.
"""
from __future__ import annotations

import re
from typing import Iterable, NamedTuple

# Titles of a ministry's own officials; "ฯ" shortens them ("ปลัดฯ", "รัฐมนตรีฯ").
OFFICIAL = (
    r"(?:รอง)?(?:ปลัด(?:กระทรวง)?|ปกท\.?|รัฐมนตรีว่าการ(?:กระทรวง)?|รัฐมนตรีช่วย(?:ว่าการ)?(?:กระทรวง)?|รมว\.?|รมช\.?|"
    r"ผู้ตรวจราชการ(?:กระทรวง)?|โฆษก(?:กระทรวง)?|รมต\.?|รัฐมนตรี|(?:คณะ)?ผู้บริหาร)ฯ?"
)
# นายก is the Prime Minister ("นายกฯ", "นายกเปิดงาน", "นายกรัฐนตรี") unless it heads another body
# ("นายกสมาคม…", "นายกเทศมนตรี") or is นาย + a name ("นายกฤษศญพงษ์", "นายกีรติ", "นายกองเอก …").
_PM = r"นายก(?:รัฐ|(?![\u0e30-\u0e3a\u0e47-\u0e4eฤรล]|อง|สมาคม|สหพันธ์|สภา|เทศมนตรี|แม่บ้าน))"
# A deputy PM who also holds a ministry speaks as its minister: "รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงยุติธรรม …",
# "รอง นรม. และ รมว.กห. …" (the PM who also holds one does not: "นรม. และ รมว.กห. …" is the PM's news).
_DEPUTY_PM = r"รอง\s*(?:นรม|นายก)(?![.ฯ]?(?:รัฐมนตรี)?\s*(?:และ|/)\s*(?:รัฐมนตรีว่าการ|รมว))"
_GOVERNMENT = re.compile(
    rf"^[\s\"“”'‘’(]*(?:{_PM}|นรม|{_DEPUTY_PM}|รัฐบาล|ครม|คณะรัฐมนตรี|โฆษก(?:รัฐบาล|ประจำสำนัก)|ทำเนียบ|"
    r"สรุปข่าว|ข้อสั่งการ|รมต\.?\s*นร|รัฐมนตรีประจำสำนักนายก)"
)
NOTICE = r"ประกาศ\s+"  # "ประกาศ ขสมก. …", "ประกาศ ศธ.เรื่อง …": the agency's own announcement
# An assistant minister; an assistant permanent secretary ("ผู้ช่วยปลัด กษ.") is the ministry's official.
_ASSISTANT = re.compile(r"(?:ผู้ช่วย|ผช\.)\s*(?!ปลัด|ปกท)\S*\s*$")
# Another country's ministry: "… สาธารณรัฐเช็ก", or the bare name of a country: "…กระทรวงการต่างประเทศกัมพูชา".
_FOREIGN = re.compile(r"^\s*(?:สาธารณรัฐ|ราชอาณาจักร|สหพันธรัฐ|สหรัฐ|แห่ง|ประเทศ|ของ|(?!\S+\s?[-–]\s?ไทย)(?:กัมพูชา|ลาว|เมียนมา|พม่า|เวียดนาม|"
                      r"มาเลเซีย|สิงคโปร์|อินโดนีเซีย|ฟิลิปปินส์|บรูไน|ติมอร์|จีน|ญี่ปุ่น|เกาหลี|อินเดีย|ออสเตรเลีย|"
                      r"นิวซีแลนด์|รัสเซีย|ฝรั่งเศส|เยอรมนี|อังกฤษ|อิตาลี|สเปน|แคนาดา|อเมริกา|ซาอุดีอาระเบีย|ตุรกี|"
                      r"บังกลาเทศ|ปากีสถาน|ศรีลังกา|เนปาล|ภูฏาน|มองโกเลีย|อิสราเอล|ยูเครน))")  # not a pair: "รมว.แรงงาน ญี่ปุ่น-ไทย"
# An official named in Latin script just before the title is another country's: "… H.E. Mr. Peter Dutton
# รัฐมนตรีว่าการกระทรวงมหาดไทย ณ นครบริสเบน".
_TRAILING_OFFICIAL = re.compile(rf"{OFFICIAL}\s*$")
# Each name word is taken whole (possessive): with "(?:[A-Z]\w*\s*)+" a run of capitals that is not
# at the end could be cut into words in 2^n ways, and a long one hung the import.
_FOREIGN_NAME = re.compile(r"(?:H\.E\.|Mr\.|Mrs\.|Ms\.|Dr\.)\s*[A-Z][\w.\-’']*+(?:\s+[A-Z][\w.\-’']*+)*+\s*$")
_END = r"(?=[\s\"“”'’)\-–,:!.]|$)"


class HeadlineNames(NamedTuple):
    """The patterns that find a ministry named in a headline, built once from the agency registry."""

    pattern: re.Pattern  # an official's title, then a ministry
    anywhere: re.Pattern  # a ministry named on its own: full name, dotted abbreviation, "ก.…"
    ids: dict[str, str]  # matched name (squashed) -> ministry id
    verbs: frozenset[str] = frozenset()  # headline verbs, whole words
    spaced: frozenset[str] = frozenset()  # short names that stand alone after one: "… ร้อง DE …"


def _squash(text: str) -> str:
    return re.sub(r"[\s.]+", "", text).casefold()


def compile_headline_names(full: Iterable[tuple[str, str]], short: Iterable[tuple[str, str]],
                           abbrs: Iterable[tuple[str, str]] = (), verbs: Iterable[str] = (),
                           latin: Iterable[tuple[str, str]] = ()) -> HeadlineNames:
    """Patterns for a ministry in a headline: its ``full`` names anywhere or after an official's title;
    its ``short`` names and abbreviations after the title, or anywhere when dotted (``abbrs``: "วธ.") or
    written "ก.…", or standing alone, spaced, right after one of the headline ``verbs`` ("จุรินทร์ นำ พาณิชย์ ลดปัง",
    "“โจ นูโว” ร้อง DE ถูกปลอมเฟซบุ๊ก", "“รัดเกล้า” เผย ดีอี แต่งตั้ง …"; ``latin`` short names only so: "MOI 1567" is
    an application's name). All four are given as (name, id) pairs."""
    ids: dict[str, str] = {}
    full_names, short_names, dotted, k_short = set(), set(), set(), set()
    for name, agency in full:
        ids.setdefault(_squash(name), agency)
        full_names.add(r"\s*".join(re.escape(p) for p in name.split()))
    spaced: set[str] = set()
    for name, agency in short:
        ids.setdefault(_squash(name), agency)
        short_names.add(re.escape(name.rstrip(".")) + r"\.?")
        spaced.add(name.rstrip("."))
        if name.startswith("ก.") and len(name) > 4:
            k_short.add(r"ก\.\s*" + re.escape(name[2:]))
    for name, agency in abbrs:
        ids.setdefault(_squash(name), agency)
        dotted.add(re.escape(name.rstrip(".")))
    by_len = lambda names: "|".join(sorted(names, key=len, reverse=True)) or "(?!)"  # noqa: E731
    pattern = re.compile(
        # An assistant minister ("ผู้ช่วยรัฐมนตรีประจำกระทรวง…") speaks for himself, not the ministry.
        rf"(?:(?<!ผู้ช่วย)|(?=ปลัด|ปกท)){OFFICIAL}\s*(?:(?P<full>{by_len(full_names)})|(?P<short>{by_len(short_names)}){_END})"
    )
    anywhere = re.compile(
        # A full name ("กระทรวง…") names the ministry wherever it stands: Thai puts no space between words,
        # so "…ขอความช่วยเหลือจากกระทรวงแรงงาน" and "กระทรวงแรงงานจัด…" name it as a Thai reader reads them.
        # A "ก.…" short name or a dotted abbreviation is not inside a word, an amount or a date: "150
        # บาท/กก." and "กก.ละ 140" are kilograms, "4 ก.พ. 2568" is February.
        rf"(?P<full>{by_len(full_names)})|(?<![\u0e01-\u0e4e\w./])(?:(?P<short>{by_len(k_short)}){_END}|"
        rf"(?<!\d)(?<!\d\s)(?P<abbr>{by_len(dotted)})\.(?!\s*\d{{2}}|ละ)(?![\u0e01-\u0e2e]\.))"
    )
    # Spaced on both sides after a verb, a short name is the ministry acted on or acting: a word of
    # running text ("แรงงานต่างด้าว", "พลังงานสะอาด") is written glued to the next one.
    for name, agency in latin:
        ids.setdefault(_squash(name), agency)
        spaced.add(name)
    return HeadlineNames(pattern, anywhere, ids, frozenset((*verbs, "ร้อง", "นำ", "หนุน")), frozenset(spaced))


_WORD = re.compile(r"\S+")
_END_CHAR = re.compile(r"[\"“”'’)\-–,:!.]")
_OPENING = "\"“‘'(«["
_LATIN_NEXT = re.compile(r"\s+[A-Za-z]")


def _acted_on(title: str, names: HeadlineNames) -> tuple[int, str] | None:
    """(position, name) of the first short name that is a whole word right after a headline verb: "จุรินทร์
    นำ พาณิชย์ ลดปัง", "… ร้อง DE …" (word by word: a pattern trying every space was a third of the headline's time)."""
    if names.verbs.isdisjoint(title.split()):
        return None
    prev = ""
    for w in _WORD.finditer(title):
        word = w.group()
        if prev in names.verbs:
            # the name, then the end of the word or a mark closing it: "พาณิชย์-เกษตร", "กษ.", "“DE”"
            name = word.lstrip(_OPENING)
            cuts = [m.start() for m in _END_CHAR.finditer(name)] + [len(name)]
            hits = [name[:c] for c in cuts if name[:c] in names.spaced]
            # a Latin name followed by more Latin words is a foreign name's part: "เผย DE LA RUE ผลิต…"
            if hits and not (max(hits, key=len).isascii() and _LATIN_NEXT.match(title, w.end())):
                return w.start() + len(word) - len(name), max(hits, key=len)
        prev = word
    return None


_ORDINARY_STEMS = ("อาเซียน", "ประชาสัมพันธ์")


class ShortenedNames(NamedTuple):
    """A ministry's name cut short and closed by ฯ (ก.ท่องเที่ยวฯ, รมว.เกษตรฯ), and a department's
    name without "กรม", opening a headline (:func:`compile_shortened`)."""

    pattern: re.Pattern
    ministries: tuple[tuple[str, str], ...]  # (name after "กระทรวง", no spaces; id)
    stems: re.Pattern = re.compile("(?!)")  # a department's name without "กรม" opening a headline
    stem_ids: dict[str, str] = {}


def compile_shortened(role: str, ministries: Iterable[tuple[str, str]], departments: Iterable[tuple[str, str]] = (),
                      verb: str = "(?!)") -> ShortenedNames:
    """Matcher for a ministry's name cut short and closed by ฯ after "ก." or an official's ``role``:
    "ก.ท่องเที่ยวฯ", "รมว.ท่องเที่ยวฯ", "ก. เกษตรฯ", "รมช.เกษตร ฯ" (``ministries``: (full name, id)); and for a
    department's name without "กรม" at the opening of a headline, quoted or followed by a headline ``verb``:
    "บัญชีกลางจับมือสรรพากร …", "สรรพสามิต เตือน …", "“ศุลกากร” …" (``departments``: (full name, id))."""
    pattern = re.compile(
        rf"^[\s\"“”'‘’(\[]*(?:{role}\s*(?:ก\.\s*)?|ก\.\s*)(?P<stem>[\u0e01-\u0e2e\u0e30-\u0e4e]{{3,}}?)\s?ฯ"
    )
    rests = tuple((name.replace(" ", "").removeprefix("กระทรวง"), agency) for name, agency in ministries
                  if name.startswith("กระทรวง"))
    # Not "กรมการ…" ("การค้าภายใน", "การข้าว") nor a stem that is something else alone: "อาเซียนร่วมมือ…" is ASEAN,
    # "ประชาสัมพันธ์เชิญชวน…" a verb.
    stem_ids = {name[3:]: agency for name, agency in departments if name.startswith("กรม") and " " not in name
                and not name.startswith("กรมการ") and len(name) >= 7 and name[3:] not in _ORDINARY_STEMS}
    stems = "|".join(sorted(map(re.escape, stem_ids), key=len, reverse=True)) or "(?!)"
    quoted = re.compile(rf"^\s*(?:(?P<q>[\"“‘'])(?P<qs>{stems})[\"”’']|(?P<stem>{stems})\s?(?={verb}))")
    return ShortenedNames(pattern, rests, quoted, stem_ids)


def shortened_opening(title: str, names: ShortenedNames) -> tuple[str, str] | None:
    """(ministry id, matched text) when the headline opens with a shortened ministry name, else None:
    the stem must begin the name of exactly one ministry ("ท่องเที่ยว" -> "การท่องเที่ยวและกีฬา")."""
    m = names.pattern.match(title)
    if not m:
        cut = names.stems.match(title)
        stem = cut and (cut.group("qs") or cut.group("stem"))
        return (names.stem_ids[stem], cut.group().strip()) if stem else None
    stem = m.group("stem")
    hits = {agency for rest, agency in names.ministries if rest.startswith(stem) or rest.startswith("การ" + stem)}
    return (hits.pop(), m.group().strip()) if len(hits) == 1 else None


def names_foreign_ministry(rest: str) -> bool:
    """True when the words after a ministry's name make it another country's ("… สาธารณรัฐเช็ก")."""
    return bool(_FOREIGN.match(rest))


def headline_ministry(title: str, names: HeadlineNames) -> tuple[str, str] | None:
    """(ministry id, matched text) for the first ministry the headline names, or None."""
    if _GOVERNMENT.match(title):
        return None
    found = []
    for pattern in (names.pattern, names.anywhere):
        for m in pattern.finditer(title):
            if names_foreign_ministry(title[m.end():]):
                continue
            if _ASSISTANT.search(title[:m.start()]):
                continue  # "ผช.รมว.พม. …": an assistant minister speaks for himself
            if _FOREIGN_NAME.search(_TRAILING_OFFICIAL.sub("", title[:m.start()])):
                continue  # "… H.E. Mr. Peter Dutton รัฐมนตรีว่าการกระทรวงมหาดไทย": not ours
            g = m.groupdict()
            named = g.get("full") or g.get("short") or g.get("abbr") or ""
            agency = names.ids.get(_squash(named))
            if agency:
                found.append((m.start(), agency, m.group().strip()))
                break
    acted = _acted_on(title, names)
    if acted:
        agency = names.ids.get(_squash(acted[1]))
        if agency and not names_foreign_ministry(title[acted[0] + len(acted[1]):]):
            found.append((acted[0], agency, acted[1]))
    return min(found)[1:] if found else None
