"""Thai dates: Buddhist-era years, full and abbreviated month names, page and body formats.

Parsing gives plain ``datetime.date`` values (no time zone); formatting gives Thai display
strings with Buddhist-era years.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta, timezone

from core.normalize import normalize_line

BE_OFFSET = 543
_BANGKOK = timezone(timedelta(hours=7))
# A two-digit year may be a few years ahead (plans and fiscal years: "งบประมาณปี 70" in 2569), not a
# century: the window of two-digit years ends this many years after the current one.
YEARS_AHEAD = 5
_MIN_BE = 2484  # the Buddhist-era calendar with 1 January as new year starts in 2484 (1941)

MONTHS_FULL = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
]
MONTHS_ABBR = [
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
]
MONTHS_EN = [m.lower() for m in calendar.month_name[1:]]
WEEKDAYS = ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"]  # Monday first, as date.weekday()


def _month_key(name: str) -> str:
    return re.sub(r"[\s.]", "", name).lower()


_MONTH_NUM: dict[str, int] = {}
for _i, (_full, _abbr, _en) in enumerate(zip(MONTHS_FULL, MONTHS_ABBR, MONTHS_EN), start=1):
    _MONTH_NUM[_month_key(_full)] = _i
    _MONTH_NUM[_month_key(_abbr)] = _i
    _MONTH_NUM[_en] = _i
    _MONTH_NUM[_en[:3]] = _i
_MONTH_NUM["กพ"] = 2  # also matches "ก.พ." without dots

_MONTH_ALT = "|".join(
    sorted((re.escape(m) for m in MONTHS_FULL + MONTHS_ABBR + [a.replace(".", "") for a in MONTHS_ABBR]),
           key=len, reverse=True)
)
_DAY_NAME = rf"(?:วัน(?:{'|'.join(WEEKDAYS)}|พฤหัส)(?:ที่)?\s*)?"  # "วันพฤหัส" is common shorthand
# 4 มีนาคม 2564 · 4 มี.ค. 64 · (4 มี.ค.64) · วันพุธที่ 1 พฤษภาคม 2567 · 4 ก.ค. 2568
_THAI_DMY = re.compile(
    rf"{_DAY_NAME}(?P<d>\d{{1,2}})\s*(?P<m>{_MONTH_ALT})\s*(?:พ\.ศ\.|ค\.ศ\.)?\s*(?P<y>\d{{4}}|\d{{2}})(?!\d)"
)
_THAI_MY = re.compile(rf"^(?:เดือน)?\s*(?P<m>{_MONTH_ALT})\s*(?:พ\.ศ\.|ค\.ศ\.)?\s*(?P<y>\d{{4}}|\d{{2}})$")
# A year: four digits, or two after ปี / พ.ศ. or alone ("ปี 64" = 2564, as Thai news writes it).
_YEAR = re.compile(r"^(?:(?:ปี|พ\.ศ\.|พศ|ค\.ศ\.)?\s*(?P<y>\d{4})|(?:ปี|พ\.ศ\.|พศ)?\s*(?P<yy>\d{2}))$")
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?$")
_SLASH = re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})$")
# Inside a line: 29/05/2567 (four-digit years only: "1/2/67" is as often a number as a date).
_SLASH_IN = re.compile(r"(?<![\d/.])(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?![\d/])")
# 2024-05-29, 2024-05-29T10:00:00+07:00, 2024-05-29 10:00
_ISO_IN = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                     r"(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)")
# What sites print before or after a date: "วันที่ 29/05/2567", "โพสต์เมื่อ …", "… 10:30 น."
_LABEL = re.compile(r"^(?:(?:วันที่|ลงวันที่|เมื่อ(?:วันที่)?|โพสต์เมื่อ|เผยแพร่(?:เมื่อ)?|ประกาศ(?:เมื่อ)?|"
                    r"date|posted(?: on)?|published)\s*:?\s*)", re.I)
_TIME_TAIL = re.compile(r"\s*(?:เวลา)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:น\.?)?$")


class DateError(ValueError):
    """A date string that cannot be understood, with a message fit to show the user."""


def thai_today() -> date:
    """Today's date in Thailand (UTC+7, no daylight saving time)."""
    return datetime.now(_BANGKOK).date()


def to_ce_year(year: int, assume_be: bool | None = None, today: date | None = None) -> int:
    """Convert a year as written (BE, CE, or two-digit BE) to a Common Era year.

    Two-digit years are Buddhist era, as Thai news writes them, and the latest such year not more
    than :data:`YEARS_AHEAD` after the current one (``today``, default :func:`thai_today`): in 2569
    (2026) ``64`` is 2564 = 2021, ``70`` is 2570 (news of late 2569 is about fiscal year 2570, which
    starts in October) and ``99`` is 2499 = 1956, never 2599, a year no news is about yet.
    Four-digit years of 2400 and above are Buddhist era unless ``assume_be`` is False.
    """
    if year < 100:
        latest = (today or thai_today()).year + BE_OFFSET + YEARS_AHEAD
        year = latest - (latest - year) % 100
    if assume_be is None:
        assume_be = year >= 2400
    return year - BE_OFFSET if assume_be else year


def _make(y: int, m: int, d: int, text: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise DateError(f"ไม่มีวันที่นี้ในปฏิทิน / no such date: {text!r}") from None


def _plausible(y: int) -> bool:
    return 1900 <= y <= 2200


def find_date(text: str) -> date | None:
    """The first date written in ``text``: Thai ("วันพุธที่ 1 พฤษภาคม 2567", "4 มี.ค. 64"), numeric
    with a BE or CE year ("วันที่ 29/05/2567") or ISO ("2024-05-29T10:00:00+07:00"); None if none."""
    if not text:
        return None
    line = normalize_line(text)
    found: list[tuple[int, date]] = []
    for m in _THAI_DMY.finditer(line):
        month = _MONTH_NUM.get(_month_key(m.group("m")))
        year_raw = int(m.group("y"))
        y = to_ce_year(year_raw)
        if month and (len(m.group("y")) == 2 or year_raw >= _MIN_BE or _plausible(year_raw)):
            try:
                found.append((m.start(), date(y, month, int(m.group("d")))))
                break
            except ValueError:
                continue
    for pattern in (_SLASH_IN, _ISO_IN):
        for m in pattern.finditer(line):
            y = to_ce_year(int(m.group("y")))
            if not _plausible(y):
                continue
            try:
                found.append((m.start(), date(y, int(m.group("m")), int(m.group("d")))))
                break
            except ValueError:
                continue
    return min(found, key=lambda f: f[0])[1] if found else None


def parse_date(text: str | None) -> date | None:
    """Parse a whole date string: ISO (with or without a time), ``d/m/yyyy`` (BE or CE), or a Thai
    date, optionally after a label ("วันที่") or before a time ("10:30 น."). None for blank.

    Raises DateError for text that is not a date.
    """
    text = normalize_line(text)
    if not text:
        return None
    # A label before ("วันที่ 29/05/2567") or a time after ("29 พ.ค. 67 10:30 น.") is not part of the date.
    text = _LABEL.sub("", text).strip() or text
    m = _ISO_IN.fullmatch(text)
    if m:
        return _make(to_ce_year(int(m.group("y"))), int(m.group("m")), int(m.group("d")), text)
    text = _TIME_TAIL.sub("", text).strip() or text
    m = _ISO.match(text)
    if m and m.group("d"):
        return _make(to_ce_year(int(m.group("y"))), int(m.group("m")), int(m.group("d")), text)
    m = _SLASH.match(text)
    if m:
        return _make(to_ce_year(int(m.group("y"))), int(m.group("m")), int(m.group("d")), text)
    found = _THAI_DMY.fullmatch(text)
    if found:
        month = _MONTH_NUM[_month_key(found.group("m"))]
        return _make(to_ce_year(int(found.group("y"))), month, int(found.group("d")), text)
    raise DateError(f"อ่านวันที่ไม่ออก / cannot read date: {text!r}")


def parse_range(text: str | None) -> tuple[date, date] | None:
    """Read a date, month or year as the range of days it covers.

    "2564" / "ปี 2564" / "ปี 64" / "64" / "2021" -> the whole year; "มี.ค. 2564" / "มีนาคม 64" / "2021-03" -> the
    month; anything :func:`parse_date` reads -> that day. None for blank; DateError otherwise.
    """
    text = normalize_line(text)
    if not text:
        return None
    m = _YEAR.match(text)
    if m:
        y = to_ce_year(int(m.group("y") or m.group("yy")))
        if not 1900 <= y <= 2200:
            raise DateError(f"ปีไม่ถูกต้อง / year out of range: {text!r}")
        return date(y, 1, 1), date(y, 12, 31)
    m = _THAI_MY.match(text)
    iso = _ISO.match(text)
    if m or (iso and not iso.group("d")):
        if m:
            y, mo = to_ce_year(int(m.group("y"))), _MONTH_NUM[_month_key(m.group("m"))]
        else:
            y, mo = to_ce_year(int(iso.group("y"))), int(iso.group("m"))
        if not 1 <= mo <= 12:
            raise DateError(f"เดือนไม่ถูกต้อง / no such month: {text!r}")
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    d = parse_date(text)
    return (d, d) if d else None


def thai_date(d: date | str | None, style: str = "abbr") -> str:
    """Format a date the Thai way: "4 มี.ค. 2564" (``abbr``), "4 มีนาคม 2564" (``full``) or
    "วันพฤหัสบดีที่ 4 มีนาคม 2564" (``long``, the date line of thaigov.go.th)."""
    if not d:
        return ""
    if isinstance(d, str):
        d = date.fromisoformat(d)
    if style == "long":
        return f"วัน{WEEKDAYS[d.weekday()]}ที่ {thai_date(d, 'full')}"
    names = MONTHS_FULL if style == "full" else MONTHS_ABBR
    return f"{d.day} {names[d.month - 1]} {d.year + BE_OFFSET}"
