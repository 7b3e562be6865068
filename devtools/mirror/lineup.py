"""Which mirrored site serves which article.

Every article is on the thaigov.go.th copy. The moi.go.th copy serves the ones a reader would
attribute to the Ministry of Interior, the prd.go.th feed those signed by the Public Relations
Department (topped up with the newest articles), and the old pr.moi.go.th pages the oldest ones.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from core.attribution import attribute
from devtools.mirror.sample import MirrorArticle

_MOI_MARK = re.compile(r"มหาดไทย|มท\.|สป\.มท")
_PRD_MARK = re.compile(r"#NNT|กรมประชาสัมพันธ์|สำนักข่าวกรมประชาสัมพันธ์")

# Attribution is the slow part and tests start many mirrors of one sample: keyed by the articles' ids and titles.
_CACHE: dict[str, tuple[list[int], list[int]]] = {}


@dataclass
class Lineup:
    """Article ids per site, newest first except ``pr`` (the old site keeps the oldest)."""

    moi: list[int]
    prd: list[int]
    pr: list[int]


def _attributed(articles: dict[int, MirrorArticle]) -> tuple[list[int], list[int]]:
    key = hashlib.sha1(json.dumps([(a.id, a.title) for a in articles.values()]).encode()).hexdigest()
    if key not in _CACHE:
        moi, prd = [], []
        for art in articles.values():
            head = art.title + "\n" + art.body[-700:]
            if attribute(art.title, art.body, publisher="thaigov.go.th").agency.startswith("moi") \
                    or _MOI_MARK.search(art.title):
                moi.append(art.id)
            elif _PRD_MARK.search(head):
                prd.append(art.id)
        _CACHE[key] = (moi, prd)
    moi, prd = _CACHE[key]
    return list(moi), list(prd)


def lineup(articles: dict[int, MirrorArticle], feed_size: int, pr_size: int) -> Lineup:
    """Share the articles out between the moi, prd and pr.moi copies."""
    moi, prd = _attributed(articles)

    def newest_first(ids: list[int]) -> list[int]:
        return sorted(ids, key=lambda i: (articles[i].date, i), reverse=True)

    feed = list(dict.fromkeys(newest_first(prd) + newest_first(list(articles))))[:feed_size]
    oldest = sorted(articles, key=lambda i: (articles[i].date, i))[:pr_size]
    return Lineup(moi=newest_first(moi), prd=feed, pr=oldest)
