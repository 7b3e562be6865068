"""Search parameters: what a user may ask for, validated once at the edge (URL or command line).

Engine-neutral: every engine receives the same :class:`SearchParams`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from core.agencies import registry
from core.provinces import resolve as resolve_province
from core.thaidates import DateError, parse_range
from indexer.query import MAX_QUERY_CHARS, cut_query

SORTS = ("relevance", "newest", "oldest")
SORT_ERROR = f"การเรียงต้องเป็น {', '.join(SORTS)} / sort must be one of {', '.join(SORTS)}"
MAX_PER_PAGE = 100
MAX_PAGE = 1000
# A query up to MAX_QUERY_INPUT characters is cut to the MAX_QUERY_CHARS the engine reads (so a
# page never echoes more than that: a pasted press release still searches its start); a longer
# one is refused. 20,000 Thai letters are 180 kB percent-encoded, under the 256 kB request line
# and headers waitress accepts, so the refusal is ours, with a message, not the server's.
MAX_QUERY_INPUT = 20_000


class ParamError(ValueError):
    """A search parameter a user typed that cannot be used; the message says why (Thai / English)."""


@dataclass
class SearchParams:
    """A validated search request."""

    q: str = ""
    agencies: list[str] = field(default_factory=list)
    provinces: list[str] = field(default_factory=list)  # DOPA codes
    since: date | None = None
    until: date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    group: bool = True  # one hit per story group (copies of one release); False lists every copy
    q_cut: bool = False  # q was cut to the MAX_QUERY_CHARS the engine reads


def build_params(q: str | None = "", agencies: list[str] | None = None, since: str | None = None,
                 until: str | None = None, sort: str | None = None, page: str | int | None = None,
                 per_page: str | int | None = None, provinces: list[str] | None = None,
                 group: str | bool | None = None) -> SearchParams:
    """Validate raw parameters (as typed in a URL or on the command line) into SearchParams.

    Agencies may be ids, Thai names, abbreviations, English names or domains; provinces DOPA codes,
    Thai or English names or short forms (กทม.). Dates may be ISO,
    Buddhist-era, a month ("มี.ค. 2564") or a year ("2564"): ``since`` takes the first day of
    the range, ``until`` the last; ``group`` false lists every copy of a release. A query is cut
    to the MAX_QUERY_CHARS the engine reads. Raises ParamError with a message fit for the user (a
    query over MAX_QUERY_INPUT characters is one).
    """
    q = q or ""
    if len(q) > MAX_QUERY_INPUT:
        raise ParamError(f"คำค้นยาวเกิน {MAX_QUERY_INPUT:,} ตัวอักษร / the query is too long: more than "
                         f"{MAX_QUERY_INPUT:,} characters (only the first {MAX_QUERY_CHARS} are searched)")
    q, q_cut = cut_query(q)
    reg = registry()
    ids: list[str] = []
    for raw in agencies or []:
        for part in str(raw).split(","):
            if not part.strip():
                continue
            resolved = reg.resolve(part)
            if not resolved:
                raise ParamError(f"ไม่รู้จักหน่วยงาน / unknown agency: {part.strip()[:80]!r}")
            if resolved not in ids:
                ids.append(resolved)
    codes: list[str] = []
    for raw in provinces or []:
        for part in str(raw).split(","):
            if not part.strip():
                continue
            code = resolve_province(part)
            if not code:
                raise ParamError(f"ไม่รู้จักจังหวัด / unknown province: {part.strip()[:80]!r}")
            if code not in codes:
                codes.append(code)
    try:
        since_range = parse_range(since)
        until_range = parse_range(until)
    except DateError as e:
        raise ParamError(str(e)) from None
    start = since_range[0] if since_range else None
    end = until_range[1] if until_range else None
    if start and end and start > end:
        raise ParamError("วันเริ่มต้นอยู่หลังวันสิ้นสุด / 'since' is after 'until'")
    sort = (sort or "relevance").strip().lower()
    if sort not in SORTS:
        raise ParamError(SORT_ERROR)
    return SearchParams(
        q=q,
        q_cut=q_cut,
        agencies=ids,
        provinces=codes,
        since=start,
        until=end,
        sort=sort,
        page=_int_param("page", page, 1, 1, MAX_PAGE),
        per_page=_int_param("per_page", per_page, 20, 1, MAX_PER_PAGE),
        group=_bool_param("group", group, True),
    )


def _bool_param(name: str, value: str | bool | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ParamError(f"{name} ต้องเป็น true หรือ false / {name} must be true or false, got {str(value)[:20]!r}")


def _int_param(name: str, value: str | int | None, default: int, lo: int, hi: int) -> int:
    if value is None or value == "":
        return default
    try:
        n = int(str(value).strip())
    except ValueError:
        raise ParamError(f"{name} ต้องเป็นจำนวนเต็ม / {name} must be a whole number, got {str(value)[:20]!r}") from None
    if not lo <= n <= hi:
        raise ParamError(f"{name} ต้องอยู่ระหว่าง {lo} ถึง {hi} / {name} must be between {lo} and {hi}")
    return n
