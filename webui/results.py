"""The results page as plain data: facet trees with toggle URLs, chips, pager, query help.

Pure functions of (search result, current arguments); the template only loops and prints.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from math import ceil

from core.agencies import registry
from indexer import MAX_PAGE, SearchParams, SearchResult
from core.provinces import names as province_names
from webui.charts import toggle_province
from webui.urls import Pairs, toggle_agency, toggle_urls, with_args


@dataclass
class FacetItem:
    """One agency in the filter list, with the URL that selects or unselects it."""

    id: str
    name: str
    count: int
    selected: bool
    url: str
    children: list["FacetItem"] = field(default_factory=list)

    @property
    def open(self) -> bool:
        """Show the departments when the ministry or one of them is selected."""
        return self.selected or any(c.selected for c in self.children)


def agency_facet(result: SearchResult, path: str, pairs: Pairs, lang: str) -> list[FacetItem]:
    """Ministries with their departments; selected agencies are kept even with a zero count."""
    selected = result.params.agencies
    reg = registry()

    entries = result.facets.get("agency", [])
    ids = [entry["id"] for entry in entries]
    urls = dict(zip(ids, toggle_urls(path, pairs, "agency", selected, ids)))

    def item(entry_id: str, count: int) -> FacetItem:
        url = urls.get(entry_id)
        return FacetItem(entry_id, reg.name(entry_id, lang), count, entry_id in selected,
                         url if url is not None else toggle_agency(path, pairs, selected, entry_id))

    tops: dict[str, FacetItem] = {}
    for entry in entries:
        if entry["parent"] is None:
            tops[entry["id"]] = item(entry["id"], entry["count"])
        elif entry["parent"] in tops:
            tops[entry["parent"]].children.append(item(entry["id"], entry["count"]))
    for agency_id in selected:  # a filter that matches nothing must still be visible and removable
        ministry = reg.ministry_of(agency_id)
        top = tops.setdefault(ministry, item(ministry, 0))
        if agency_id != ministry and all(c.id != agency_id for c in top.children):
            top.children.append(item(agency_id, 0))
    return list(tops.values())


@dataclass
class YearItem:
    """One year in the year facet; the URL narrows the date range to that year."""

    year: int
    count: int
    selected: bool  # the date range covers the whole year
    url: str
    partial: bool = False  # the date range covers part of the year


def year_facet(result: SearchResult, path: str, pairs: Pairs, lang: str) -> list[YearItem]:
    """Years with counts (within the date range), the years the range covers ticked, a year it
    covers in part marked so. A year is written Buddhist-era in Thai URLs so they read naturally;
    choosing the one year that is the whole range removes the dates."""
    p = result.params
    since, until = p.since or date.min, p.until or date.max
    ranged = bool(p.since or p.until)
    out = []
    for entry in result.facets.get("year", []):
        y = int(entry["value"])
        first, last = date(y, 1, 1), date(y, 12, 31)
        covered = ranged and since <= first and last <= until
        partial = ranged and not covered and since <= last and first <= until
        label = str(y + 543) if lang != "en" else str(y)
        only = p.since == first and p.until == last
        url = with_args(path, pairs, since=None, until=None) if only else with_args(
            path, pairs, since=label, until=label)
        out.append(YearItem(y, entry["count"], covered, url, partial))
    return out


@dataclass
class Chip:
    """An active filter the user can remove."""

    label: str
    value: str
    remove_url: str


def chips(params: SearchParams, raw: Pairs, path: str, lang: str, show_date) -> list[Chip]:
    """One chip per selected agency and province and per date bound."""
    reg = registry()
    out = [
        Chip("agency", reg.name(a, lang), toggle_agency(path, raw, params.agencies, a))
        for a in params.agencies
    ]
    out += [Chip("province", name, toggle_province(path, raw, params.provinces, code))
            for code, name in zip(params.provinces, province_names(params.provinces, lang))]
    if params.since:
        out.append(Chip("since", show_date(params.since), with_args(path, raw, since=None)))
    if params.until:
        out.append(Chip("until", show_date(params.until), with_args(path, raw, until=None)))
    return out


@dataclass
class Pager:
    """Paging links: previous, next and a window of page numbers."""

    page: int
    pages: int
    prev_url: str | None
    next_url: str | None
    numbers: list[tuple[int, str | None]]  # (page, url); url None for the current page; 0 = gap


def pager(params: SearchParams, total: int, path: str, pairs: Pairs) -> Pager:
    """Links to neighbouring pages (never beyond the engine's last allowed page)."""
    pages = max(1, min(ceil(total / params.per_page), MAX_PAGE))
    page = params.page

    def url(n: int) -> str:
        return with_args(path, pairs, page=str(n) if n > 1 else None)

    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    numbers: list[tuple[int, str | None]] = []
    for n in shown:
        if numbers and n - numbers[-1][0] > 1:
            numbers.append((0, None))
        numbers.append((n, None if n == page else url(n)))
    return Pager(
        page=page,
        pages=pages,
        prev_url=url(page - 1) if 1 < page <= pages + 1 else None,
        next_url=url(page + 1) if page < pages else None,
        numbers=numbers if pages > 1 else [],
    )


def phrase_query(q: str, words: list[str]) -> str | None:
    """The query as one exact phrase, when that differs from what was typed."""
    text = q.strip()
    if len(words) < 2 or '"' in text or " OR " in text or text.startswith("-"):
        return None
    return f'"{text}"'
