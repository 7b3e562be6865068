"""Which agency issued an article: the same code for imports and crawls.

Republished releases carry their origin in a signature line near the end ("กองสารนิเทศ สป.มท."),
in hashtags ("#กระทรวงมหาดไทย #MOI", "#ข่าวพม"), in a credit line ("ที่มา: กรมประชาสัมพันธ์") or in
a title prefix ("มท.", "รมว.แรงงาน"). The most specific registry id found wins; the publisher is
the fallback.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from crawler.agencies import Registry, registry
from indexer.normalize import normalize_line

_TAIL_CHARS = 700  # signature, credit lines and hashtags sit at the end of a release
_SOURCE_LINE = re.compile(r"ที่มา\s*:?\s*https?://\S+\s*$")


@dataclass(frozen=True)
class Attribution:
    """The agency id and how it was decided (``hint``, ``signature``, ``title``, ``publisher``)."""

    agency: str
    method: str
    evidence: str = ""


def _short_name(name_th: str) -> str | None:
    # "กระทรวงแรงงาน" -> "แรงงาน"; "กระทรวงการคลัง" -> "คลัง": how headlines name ministries.
    if name_th.startswith("กระทรวง"):
        rest = name_th[len("กระทรวง"):].split()[0]
        if rest.startswith("การ") and len(rest) > 5:
            rest = rest[3:]
        return rest if len(rest) >= 3 else None
    return None


@functools.lru_cache(maxsize=4)
def _patterns(reg: Registry) -> tuple[re.Pattern, dict[str, str], re.Pattern, dict[str, str]]:
    """(signature pattern, its name->id map, title-prefix pattern, its name->id map)."""
    sig: dict[str, str] = {}
    title: dict[str, str] = {}
    for a in reg:
        for name in (a.name_th, *a.aliases):
            if name and len(name) >= 4:
                sig.setdefault(name.replace(" ", ""), a.id)
        if a.abbr_th and "." in a.abbr_th:
            # Abbreviations count in a signature only with their dots ("สป.มท."), never bare.
            sig.setdefault(a.abbr_th, a.id)
        short = _short_name(a.name_th)
        if a.abbr_th:
            title.setdefault(a.abbr_th.rstrip("."), a.id)
        if short:
            title.setdefault(short, a.id)
            sig.setdefault("#ข่าว" + short, a.id)
            sig.setdefault("#" + short, a.id)
        if a.abbr_th:
            sig.setdefault("#ข่าว" + a.abbr_th.replace(".", ""), a.id)
            sig.setdefault("#" + a.abbr_th.replace(".", ""), a.id)
    for a in reg:
        if a.id and a.id.isalpha() and len(a.id) >= 3:
            sig.setdefault("#" + a.id.upper(), a.id)
    sig_re = re.compile("|".join(re.escape(k) for k in sorted(sig, key=len, reverse=True)))
    # A title names its agency first: "มท. …", "รมว.แรงงาน …", "“พาณิชย์” …", "กระทรวงพลังงาน …".
    names = "|".join(re.escape(k) for k in sorted(title, key=len, reverse=True))
    title_re = re.compile(
        rf"^[\s\"“”'‘’(]*(?:(?:รมว|รมช|ปลัด|รองปลัด|โฆษก)\s*\.?\s*)?(?P<name>{names})(?=[\s.\"“”'’)]|$)"
    )
    return sig_re, sig, title_re, title


def _most_specific(reg: Registry, ids: list[str]) -> str:
    """Of several ids that agree on a ministry, the deepest; else the last one found."""
    last = ids[-1]
    ministry = reg.ministry_of(last)
    same = [i for i in ids if reg.ministry_of(i) == ministry]
    return max(same, key=lambda i: (i.count("-"), ids.index(i)))


def attribute(title: str, body: str, url: str = "", hint: str | None = None,
              publisher: str | None = None, reg: Registry | None = None) -> Attribution:
    """Decide the agency of an article. Never fails: the publisher (or ``thaigov``) is the fallback."""
    reg = reg or registry()
    if hint:
        resolved = reg.resolve(hint)
        if resolved:
            return Attribution(resolved, "hint", hint)
    sig_re, sig_map, title_re, title_map = _patterns(reg)

    tail = _SOURCE_LINE.sub("", (body or "").rstrip())[-_TAIL_CHARS:]
    found = [(m.group(), sig_map[m.group()]) for m in sig_re.finditer(tail.replace(" ", "") if False else tail)]
    found = [(ev, i) for ev, i in found if i not in ("thaigov", "opm")] or found
    if found:
        ids = [i for _ev, i in found]
        best = _most_specific(reg, ids)
        return Attribution(best, "signature", next(ev for ev, i in found if i == best))

    m = title_re.match(normalize_line(title))
    if m:
        return Attribution(title_map[m.group("name")], "title", m.group("name"))

    fallback = publisher and reg.resolve(publisher)
    if not fallback and url:
        fallback = reg.resolve_host(urlsplit(url).hostname or "")
    return Attribution(fallback or "thaigov", "publisher", "")
