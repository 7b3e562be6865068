"""Which of an article's graded closing evidence decides its agency (core/attribution.py grades it).

The strongest evidence decides. Among equals: a signature proper outranks officials listed as present;
hashtags alone go to the ministry they tag most, and on a tie to the agency's own tag, the first ("#ข่าวพม
#พม … #กพร": the rest are topics; a tag that is an ordinary word too, "#แรงงาน", leads only when no other does);
otherwise the ministry named on most lines, the latest on a tie ("ข้อมูลมาตรการ : สำนักงานเศรษฐกิจการคลัง
โทร …", "การรับสมัครร้านค้า : กรมบัญชีกลาง โทร …", "ข้อมูลเที่ยว : การท่องเที่ยวแห่งประเทศไทย โทร …" is the
finance ministry's). Bare closing lines that between them name three ministries or more are a list of
agencies (those taking part, a round-up's sections), not a signature.
"""
from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from core.agencies import Registry

STRONG, MEDIUM = 4, 3
LIST_MINISTRIES = 3  # bare closing lines naming this many ministries are a list, not a signature


class Mention(NamedTuple):
    """One piece of agency evidence in an article's closing lines."""

    strength: int
    line_from_end: int  # 0 = last line
    pos: int  # position inside the line, to order mentions on one line
    agency: str
    text: str
    line: str
    listed: bool = False  # a bare name on a person's line in a list of those present
    kind: str = "bare"  # "bare", "tag" ("tagword": an ordinary word too), "credit" or "contact"


def without_agency_lists(mentions: list[Mention], reg: Registry) -> list[Mention]:
    """``mentions`` less the bare lines that, between them, name LIST_MINISTRIES ministries or more
    ("กระทรวงแรงงาน กระทรวงการพัฒนาสังคมฯ" over "กรมประมง กระทรวงเกษตรและสหกรณ์ กองทัพเรือ …")."""
    bare = {m.line_from_end for m in mentions if m.kind == "bare" and m.strength >= STRONG}
    if len({reg.ministry_of(m.agency) for m in mentions if m.line_from_end in bare}) < LIST_MINISTRIES:
        return mentions
    return [m for m in mentions if m.line_from_end not in bare]


def pick(mentions: list[Mention], reg: Registry) -> Mention:
    """The deciding evidence (see the module docstring), as the most specific id of its ministry."""
    best = max(m.strength for m in mentions)
    top = [m for m in mentions if m.strength == best]
    signed = [m for m in top if not m.listed]
    top = signed or top  # a signature proper outranks the officials listed above it
    if all(m.kind in ("tag", "tagword") for m in top):
        # the ministry with most tags; on a tie the agency's own tag leads, the first that is not an
        # ordinary word too ("#แรงงาน" may be a topic)
        tags_of: dict[str, int] = defaultdict(int)
        for m in top:
            tags_of[reg.ministry_of(m.agency)] += 1
        most = max(tags_of.values())
        tied = [m for m in top if tags_of[reg.ministry_of(m.agency)] == most]
        lead = [m for m in tied if m.kind == "tag"] or tied
        ministry = reg.ministry_of(max(lead, key=lambda m: (m.line_from_end, -m.pos)).agency)
    else:
        lines_of: dict[str, set[int]] = defaultdict(set)
        for m in top:
            lines_of[reg.ministry_of(m.agency)].add(m.line_from_end)
        most = max(map(len, lines_of.values()))
        last = min((m for m in top if len(lines_of[reg.ministry_of(m.agency)]) == most),
                   key=lambda m: (m.line_from_end, -m.pos))
        ministry = reg.ministry_of(last.agency)
    same = [m for m in top if reg.ministry_of(m.agency) == ministry]
    # Deeper ids first (a department over its ministry); among equals, the one nearest the end.
    return max(same, key=lambda m: (depth(reg, m.agency), -m.line_from_end, m.pos))


def depth(reg: Registry, agency_id: str) -> int:
    """How many parents an agency has (a ministry 0, its department 1)."""
    d, a = 0, reg.get(agency_id)
    while a and a.parent and d < 5:
        d, a = d + 1, reg.get(a.parent)
    return d
