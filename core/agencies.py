"""The agency registry: ids, parents and every spelling of each agency's name.

Every agency value a user sees or filters on is a registry id. Ministries are top-level rows;
departments name their ministry as parent, so facets can roll up ministry -> department.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from importlib.resources import files

from core.normalize import normalize_line


@dataclass(frozen=True)
class Agency:
    """One row of the registry."""

    id: str
    parent: str | None
    name_th: str
    abbr_th: str
    name_en: str
    domain: str
    aliases: tuple[str, ...] = field(default=())

    @property
    def ministry(self) -> str:
        """The top-level agency this one rolls up to (itself for a ministry)."""
        return registry().ministry_of(self.id)


def _key(text: str) -> str:
    """Lookup key: normalised, case-folded, dots and spaces dropped ("สป. มท." == "สป.มท")."""
    return re.sub(r"[\s.\-_()]+", "", normalize_line(text).casefold())


class Registry:
    """All agencies, with lookups by any of their names."""

    def __init__(self, agencies: list[Agency]):
        self.by_id: dict[str, Agency] = {a.id: a for a in agencies}
        self._by_key: dict[str, str] = {}
        for a in agencies:
            for name in (a.id, a.name_th, a.abbr_th, a.name_en, a.domain, *a.aliases):
                if name:
                    self._by_key.setdefault(_key(name), a.id)
            if a.domain:
                self._by_key.setdefault(_key("www." + a.domain), a.id)

    def __iter__(self):
        return iter(self.by_id.values())

    def __contains__(self, agency_id: object) -> bool:
        return agency_id in self.by_id

    def get(self, agency_id: str) -> Agency | None:
        """The agency with this id, or None."""
        return self.by_id.get(agency_id)

    def resolve(self, name: str | None) -> str | None:
        """Id for an id, Thai name, abbreviation, English name or domain; None if unknown."""
        if not name:
            return None
        return self._by_key.get(_key(name))

    def resolve_host(self, host: str) -> str | None:
        """Id of the most specific agency whose domain is ``host`` or a parent domain of it."""
        host = host.lower().split(":")[0]
        labels = host.split(".")
        for i in range(len(labels) - 1):
            hit = self._by_key.get(_key(".".join(labels[i:])))
            if hit and self.by_id[hit].domain:
                return hit
        return None

    def ministry_of(self, agency_id: str) -> str:
        """The top-level ancestor of an agency."""
        seen = set()
        a = self.by_id.get(agency_id)
        while a and a.parent and a.parent in self.by_id and a.id not in seen:
            seen.add(a.id)
            a = self.by_id[a.parent]
        return a.id if a else agency_id

    def children(self, agency_id: str) -> list[str]:
        """Direct sub-agencies of an agency."""
        return [a.id for a in self.by_id.values() if a.parent == agency_id]

    def descendants(self, agency_id: str) -> set[str]:
        """The agency and every agency below it."""
        out, todo = set(), [agency_id]
        while todo:
            cur = todo.pop()
            if cur not in out:
                out.add(cur)
                todo.extend(self.children(cur))
        return out

    def name(self, agency_id: str, lang: str = "th") -> str:
        """Display name of an agency (the id itself when unknown)."""
        a = self.by_id.get(agency_id)
        if not a:
            return agency_id
        return (a.name_en if lang == "en" else a.name_th) or a.name_th or a.id


@functools.lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry carried in ``core/data/agencies.csv`` (loaded once)."""
    path = files("core").joinpath("data/agencies.csv")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    agencies = [
        Agency(
            id=r["id"].strip(),
            parent=(r.get("parent") or "").strip() or None,
            name_th=normalize_line(r.get("name_th")),
            abbr_th=normalize_line(r.get("abbr_th")),
            name_en=(r.get("name_en") or "").strip(),
            domain=(r.get("domain") or "").strip().lower(),
            aliases=tuple(normalize_line(x) for x in (r.get("aliases") or "").split("|") if x.strip()),
        )
        for r in rows
        if r.get("id")
    ]
    return Registry(agencies)
