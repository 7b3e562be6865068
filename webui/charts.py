"""The "where and when" of a result page as plain data: a province tile map and a timeline.

Both are drawn as server-rendered SVG by ``templates/_charts.html`` (no JavaScript), every tile
and bar a link built here, so the template only loops and prints.

**Map.** Its SVG is written by :func:`map_svg` (speed); the list beside it by the template. No offline package ships Thailand's province boundaries, so the map is a tile grid: one
square per province, placed at its capital's rough position (``core/data/provinces.csv``) on a
grid of 0.62° of longitude by 0.55° of latitude; a province whose cell is taken goes to the
nearest free cell (provinces placed north to south), and rows left empty are dropped so the long
southern peninsula does not stretch the map. Tiles are shaded in five steps of the matching
count on a log scale (0 stays blank). The tile grid keeps each province the same size, so Bangkok
and its neighbours stay clickable on a phone.

**Timeline.** Matches per month; when the months span more than three years, per year. Each bar
links to the search with ``since``/``until`` set to its month or year (Buddhist-era in Thai URLs).
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import timedelta

from markupsafe import Markup, escape
from pythainlp.corpus import provinces as pythainlp_provinces

from core.provinces import provinces
from core.thaidates import MONTHS_ABBR
from webui.urls import Pairs, toggle_urls, with_args

_LON0, _LAT0, _DLON, _DLAT = 97.3, 20.6, 0.62, 0.55
TILE = 30  # SVG units per cell
SHADES = 5
_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass
class Tile:
    """One province on the map."""

    code: str
    name: str
    label: str
    x: int
    y: int
    count: int
    shade: int  # 0 (no match) .. SHADES
    selected: bool
    url: str


@functools.lru_cache(maxsize=1)
def layout() -> dict[str, tuple[int, int]]:
    """Province code -> (column, row) on the tile grid (see the module docstring)."""
    taken: dict[tuple[int, int], str] = {}
    for p in sorted(provinces(), key=lambda p: -p.lat):
        col, row = round((p.lon - _LON0) / _DLON), round((_LAT0 - p.lat) / _DLAT)
        cells = sorted(((c, r) for c in range(col - 3, col + 4) for r in range(row - 3, row + 4)),
                       key=lambda cr: ((cr[0] - col) ** 2 + (cr[1] - row) ** 2, cr[1], cr[0]))
        cell = next(cr for cr in cells if cr not in taken and cr[0] >= 0)
        taken[cell] = p.code
    rows = sorted({r for _c, r in taken})
    new_row = {r: i for i, r in enumerate(rows)}
    min_col = min(c for c, _r in taken)
    return {code: (c - min_col, new_row[r]) for (c, r), code in taken.items()}


@functools.lru_cache(maxsize=1)
def _abbr() -> dict[str, tuple[str, str]]:
    by_name = {d["name_th"]: (d["abbr_th"], d["abbr_en"]) for d in pythainlp_provinces(details=True)}
    return {p.code: by_name.get(p.name_th, (p.name_th[:3], p.name_en[:3].upper())) for p in provinces()}


def map_svg(tiles_: list[Tile], labelledby: str, describedby: str, selected_word: str) -> Markup:
    """The map's SVG markup. Written here rather than in a template loop: 77 tiles with several
    escaped attributes each cost the page several milliseconds in Jinja, a tenth of that here."""
    width, height = map_size()
    parts = [f'<svg class="province-map" viewBox="0 0 {width} {height}" role="group" '
             f'aria-labelledby="{escape(labelledby)}" aria-describedby="{escape(describedby)}" '
             f'preserveAspectRatio="xMidYMin meet">']
    for t in tiles_:
        name, tail = _tile_markup(t.name, t.label, t.x, t.y)
        count = f"{t.count:,}"
        parts.append(
            f'<a href="{escape(t.url)}" class="tile shade-{t.shade}{" selected" if t.selected else ""}" '
            f'data-province="{t.code}" data-count="{t.count}" '
            f'aria-label="{name} {count}{f" ({escape(selected_word)})" if t.selected else ""}">'
            f'<title>{name}: {count}</title>{tail}')
    parts.append("</svg>")
    return Markup("".join(parts))


@functools.lru_cache(maxsize=512)
def _tile_markup(name: str, label: str, x: int, y: int) -> tuple[str, str]:
    """What a tile's markup holds that no search changes: its escaped name, and its square and
    label (the same 77 tiles on every page)."""
    return (str(escape(name)), f'<rect x="{x + 1}" y="{y + 1}" width="{TILE - 2}" height="{TILE - 2}" rx="3"></rect>'
            f'<text x="{x + TILE // 2}" y="{y + 19}" text-anchor="middle">{escape(label)}</text></a>')


def map_size() -> tuple[int, int]:
    """Width and height of the map in SVG units."""
    cells = layout().values()
    return (max(c for c, _ in cells) + 1) * TILE, (max(r for _, r in cells) + 1) * TILE


def toggle_province(path: str, pairs: Pairs, selected: list[str], code: str) -> str:
    """The URL with province ``code`` added to, or removed from, the selected ones."""
    codes = [c for c in selected if c != code] if code in selected else [*selected, code]
    return with_args(path, pairs, province=codes)


def tiles(facet: list[dict], selected: list[str], path: str, pairs: Pairs, lang: str) -> list[Tile]:
    """Every province as a tile, shaded by its count in the province facet."""
    counts = {f["id"]: f["count"] for f in facet}
    top = max(counts.values(), default=0)
    static = _static_tiles(lang)
    urls = toggle_urls(path, pairs, "province", selected, [code for code, *_rest in static])
    out = []
    for (code, name, label, x, y), url in zip(static, urls):
        n = counts.get(code, 0)
        shade = 0 if not n else 1 + int((SHADES - 1) * math.log1p(n) / math.log1p(top))
        out.append(Tile(code, name, label, x, y, n, min(shade, SHADES), code in selected, url))
    return out


@functools.lru_cache(maxsize=4)
def _static_tiles(lang: str) -> tuple[tuple[str, str, str, int, int], ...]:
    """``(code, name, label, x, y)`` of every province's tile in ``lang``: the same on every page."""
    out = []
    for p in provinces():
        col, row = layout()[p.code]
        out.append((p.code, p.name_th if lang != "en" else p.name_en, _abbr()[p.code][0 if lang != "en" else 1],
                    col * TILE, row * TILE))
    return tuple(out)


@dataclass
class Bar:
    """One month or year of the timeline."""

    label: str  # for the axis and the accessible name
    count: int
    height: float  # 0..1 of the tallest bar
    selected: bool
    url: str


def timeline(months: list[dict], since, until, path: str, pairs: Pairs, lang: str) -> tuple[str, list[Bar]]:
    """Bars per month (per year beyond three years) from ``facets.month``; ("month"|"year", bars)."""
    if not months:
        return "month", []
    values = [(int(m["value"][:4]), int(m["value"][5:7]), m["count"]) for m in months]
    first, last = values[0][:2], values[-1][:2]
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    counts: dict[tuple[int, int], int] = {}
    if span > 36:
        unit = "year"
        for y, _m, n in values:
            counts[(y, 0)] = counts.get((y, 0), 0) + n
        keys = [(y, 0) for y in range(first[0], last[0] + 1)]
    else:
        unit = "month"
        for y, m, n in values:
            counts[(y, m)] = n
        keys = []
        y, m = first
        while (y, m) <= last:
            keys.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    top = max(counts.values())
    bars = []
    for y, m in keys:
        year = str(y + 543) if lang != "en" else str(y)
        if unit == "year":
            value, label = year, year
            selected = bool(since and until and since.year == y == until.year
                            and (since.month, since.day, until.month, until.day) == (1, 1, 12, 31))
        else:
            value = f"{MONTHS_ABBR[m - 1]} {y + 543}" if lang != "en" else f"{y:04d}-{m:02d}"
            label = f"{MONTHS_ABBR[m - 1]} {str(y + 543)[2:]}" if lang != "en" else f"{_EN[m - 1]} {y}"
            selected = bool(since and until and (since.year, since.month) == (y, m) == (until.year, until.month)
                            and since.day == 1 and (until + timedelta(days=1)).day == 1)
        n = counts.get((y, m), 0)
        url = with_args(path, pairs, since=None, until=None) if selected else with_args(
            path, pairs, since=value, until=value)
        bars.append(Bar(label, n, n / top if top else 0.0, selected, url))
    return unit, bars


