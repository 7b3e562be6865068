"""What a Thai query means beyond its words: an agency named in it, a date range written in it,
and what the user probably meant when nothing matched.

* "ข่าว มท." / "กระทรวงมหาดไทย" / "Ministry of Interior" -> offer the agency as a filter.
* "น้ำท่วม มีนาคม 2564" / "ปี 2564" / "มี.ค. 64" / a query that is only "4 มี.ค. 64" -> a date range
  (applied when no date filter was given).
* "ndkwfhwmp" (Thai typed on an English keyboard layout) -> "มหาดไทย"; "มหาดไท" -> "มหาดไทย".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pythainlp.util import eng_to_thai

from core.agencies import registry
from core.attribution_headline import OFFICIAL
from core.normalize import normalize_line
from core.thaidates import MONTHS_ABBR, MONTHS_FULL, DateError, parse_range

_MONTHS = "|".join(sorted((re.escape(m) for m in MONTHS_FULL + MONTHS_ABBR), key=len, reverse=True))
# A month with a year, or a year introduced as one ("ปี 2564", "พ.ศ. 2564", "ปี 64": news writes a
# year so, and "โควิด ปี 64" asks for 2564's; "วิกฤต ปี 40" names 2540, whose news the index does not
# hold, and is then read as words: indexer.fallbacks). A bare number is left
# alone: "2564" may be what the user wants to find in the text; so is a full date ("6 กันยายน 2559"
# is how a headline names a meeting), and so is a span of years ("แผนการศึกษาแห่งชาติ (พ.ศ.2560-2579)"
# names a plan; its first year as a filter would drop the plan and exclude "-2579").
_DATE_IN_QUERY = re.compile(
    rf"(?<![\w.])(?<!\d )(?<!ถึง )"
    rf"(?:(?:เดือน)?(?:{_MONTHS})\s*(?:พ\.ศ\.\s*)?\d{{2,4}}|(?:ปี|พ\.ศ\.)\s*(?:\d{{4}}|\d{{2}}))"
    r"(?!\d|\s?[-–/]\s?\d|\s*ถึง)"  # not a span: 2566 – 2570, ปี 63 ถึง ปี 65, a crop year 64/65
)
# A query that is nothing but a day ("4 มี.ค. 64", "วันที่ 4 มีนาคม 2564"): the news of that day, as
# a month or a year alone lists its news (beside other words a day stays text, see above).
_DAY_ONLY = re.compile(rf"(?:วันที่\s*)?(\d{{1,2}}\s*(?:{_MONTHS})\s*(?:พ\.ศ\.\s*)?\d{{2,4}})|(?:ปี|พ\.ศ\.)\s*\d{{2}}")


@dataclass
class Understanding:
    """What was read out of the query text."""

    text: str  # the query with a recognised date expression removed
    date_range: tuple[date, date] | None = None
    agencies: list[str] | None = None
    # The query with its date read as words: an abbreviated month quoted, its words standing together
    # as written ("มี.ค. 64" as words is มี·ค·64, and มี and ค alone stand in nearly every article).
    date_as_words: str = ""


def understand(query: str, normalized: bool = False) -> Understanding:
    """Find a date range and agency names in a query.

    ``normalized=True``: ``query`` already went through :func:`core.normalize.normalize_line`.
    """
    text = query if normalized else normalize_line(query)
    out = Understanding(text=text)
    m = _DAY_ONLY.fullmatch(text.strip()) or _DATE_IN_QUERY.search(text)
    if m:
        try:
            rng = parse_range(m.group(m.lastindex or 0).replace("เดือน", ""))
        except DateError:
            rng = None
        if rng:
            out.date_range = rng
            out.text = " ".join((text[: m.start()] + " " + text[m.end():]).split())
            as_words = f'"{m.group()}"' if "." in m.group() and '"' not in text else m.group()
            out.date_as_words = f"{text[:m.start()]} {as_words} {text[m.end():]}".strip()
    out.agencies = _agencies_named(text)
    return out


def _agencies_named(text: str) -> list[str]:
    reg = registry()
    found: list[str] = []
    # An agency excluded ("-มหาดไทย") is not one to offer as a filter.
    text = " ".join(chunk for chunk in text.split() if not chunk.startswith("-"))
    if not text:
        return found
    whole = reg.resolve(text)
    if whole:
        return [whole]
    after_title = False
    for chunk in text.split():
        hit = reg.resolve(chunk) if len(chunk.strip(".")) >= 2 else None
        # A two-letter abbreviation counts only with its dot ("มท."), never as a bare word, unless an
        # official's title stands before it ("รมว. กษ", "ปลัด มท": every letter meant).
        if not (hit and ("." in chunk or len(chunk) > 4 or after_title)):
            hit = _after_title(chunk)
        if hit and hit not in found:
            found.append(hit)
        after_title = bool(_TITLE.fullmatch(chunk))
    return found


# An official's title: the minister or permanent secretary of a ministry names the ministry (รมว.กษ.,
# ปลัด มท., รัฐมนตรีว่าการกระทรวงเกษตรและสหกรณ์). The titles are those attribution reads in headlines.
_TITLE = re.compile(OFFICIAL)


def _after_title(chunk: str) -> str | None:
    """The agency the registry names after an official's title at the start of ``chunk``, or None.
    Each end of the title is tried, shortest first: ปลัด·กระทรวงมหาดไทย and ปลัดกระทรวง·มหาดไทย."""
    reg = registry()
    for end in range(2, len(chunk) - 1):
        rest = chunk[end:]
        if len(rest.strip(".")) >= 2 and _TITLE.fullmatch(chunk, 0, end) and (hit := reg.resolve(rest)):
            return hit
    return None


_LATIN_ONLY = re.compile(r"^[\x21-\x7e ]+$")


def keyboard_layout_fix(query: str) -> str | None:
    """The Thai text meant when Thai was typed on an English layout, or None."""
    q = query.strip()
    if not q or not _LATIN_ONLY.match(q) or not re.search(r"[a-z;\[\]',./]", q):
        return None
    converted = normalize_line(eng_to_thai(q))
    thai = sum(1 for ch in converted if "\u0e00" <= ch <= "\u0e7f")
    return converted if thai >= max(2, len(converted.replace(" ", "")) * 0.7) else None
