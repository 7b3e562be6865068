"""The facets of a results page, from the backend's counts: ministries with their departments, and
provinces, each with Thai and English names."""
from __future__ import annotations

from collections import Counter

from core.agencies import registry
from core.provinces import province


def province_facet(counts: dict[str, int]) -> list[dict]:
    """Provinces by count, then code."""
    out = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        p = province(code)
        if p is not None:
            out.append({"id": code, "name": p.name_th, "name_en": p.name_en, "count": n})
    return out


def agency_facet(counts: dict[str, int]) -> list[dict]:
    """Ministries by count, each followed by its departments by count."""
    reg = registry()
    by_ministry: Counter = Counter()
    by_agency: Counter = Counter()
    for agency, n in counts.items():
        by_agency[agency] += n
        by_ministry[reg.ministry_of(agency)] += n
    departments: dict[str, list[tuple[str, int]]] = {}
    for agency, m in by_agency.most_common():
        ministry = reg.ministry_of(agency)
        if agency != ministry:
            departments.setdefault(ministry, []).append((agency, m))
    out = []
    for ministry, n in by_ministry.most_common():
        out.append({"id": ministry, "name": reg.name(ministry), "name_en": reg.name(ministry, "en"),
                    "count": n, "parent": None})
        out.extend({"id": agency, "name": reg.name(agency), "name_en": reg.name(agency, "en"),
                    "count": m, "parent": ministry} for agency, m in departments.get(ministry, []))
    return out
