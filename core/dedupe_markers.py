"""Markers: the words that tell one release of a template from the next (see :mod:`core.dedupe`).

Numbers (dates, amounts, issue numbers), month names, province names and personal names after a
title. Two leads that share nearly all their text but not these are different releases: "…ประจำเดือน
มีนาคม 2564" and "…เมษายน 2564", the same ceremony in ลำปาง and in แพร่.
"""
from __future__ import annotations

import re

from core.provinces import provinces

_MONTHS = (
    "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม "
    "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค."
).split()
# Bangkok and the 76 provinces; short forms that are words of their own (ตาก, น่าน, ตราด) match only
# as whole space-separated words or after จังหวัด/จ.
PROVINCES = [p.name_th for p in provinces()]  # the one gazetteer (core/provinces.py)
_SHORT = {p for p in PROVINCES if len(p) <= 4}  # ตาก ตรัง เลย น่าน แพร่ …: also ordinary words
_LONG = sorted((p for p in PROVINCES if p not in _SHORT), key=len, reverse=True)

_PATTERN = re.compile(
    r"(?P<num>\d+(?:[.,:/]\d+)*)"
    r"|(?P<month>" + "|".join(re.escape(m) for m in sorted(_MONTHS, key=len, reverse=True)) + ")"
    r"|(?P<prov>" + "|".join(_LONG) + ")"
    r"|(?:จังหวัด|จ\.)\s*(?P<short>" + "|".join(sorted(_SHORT, key=len, reverse=True)) + ")"
    # A name is the word after a title; not นายก(รัฐมนตรี), นายอำเภอ, นางพยาบาล, which are roles.
    r"|(?:นางสาว|นาย(?!ก|อำเภอ|ทหาร|จ้าง|ทุน|ตำรวจ|ด่าน|ท่า)|นาง(?!พยาบาล)|ดร\.|พล\.[อทตร]\.|พลเอก)"
    r"\s*(?P<name>[ก-๙]{2,20})"
)


def marker_ends(text: str) -> list[tuple[int, str]]:
    """``(end, marker)`` of every marker in ``text``, in order (ends increase: matches do not overlap)."""
    out = []
    for m in _PATTERN.finditer(text):
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "num":
            value = value.replace(",", "")
        out.append((m.end(), f"{kind}:{value}"))
    return out


def markers(text: str, end: int | None = None) -> set[str]:
    """The markers in ``text``; with ``end``, only those ending before it (none cut in two)."""
    return {value for stop, value in marker_ends(text) if end is None or stop < end}
