"""A headline fragment selected mid-word at both ends finds its headline first, and never nothing
(indexer/headlines.py; issue 10: "a query that occurs in an article must never give 0 hits")."""
from __future__ import annotations

import re

import pytest

from indexer import build_params
from indexer.headlines import MIN_LETTERS, Headlines, headline_key
from indexer.proximity import squeeze
from indexer.query import parse


def _cut(title: str, start: int, length: int) -> str:
    return title[start:start + length].strip()


@pytest.mark.parametrize("spaces", [True, False])
def test_a_fragment_cut_mid_word_finds_its_headline_first(engine, spaces):
    arts = [a for a in engine.store().iter_articles() if len(a.title) >= 40 and re.search("[\u0e01-\u0e4e]", a.title)]
    titles = [squeeze(a.title) for a in arts]
    misses, tried = [], 0
    for a in arts:
        frag = _cut(a.title, 5, 23)  # starts and ends wherever letters 5 and 28 fall
        query = frag if spaces else re.sub(r"\s+", "", frag)
        if sum(squeeze(query) in t for t in titles) != 1:
            continue  # held by several headlines: any of them is as good
        tried += 1
        hits = engine.search(build_params(q=query, per_page=10)).hits
        if not hits or hits[0].url != a.url:
            misses.append((query, [h.title[:40] for h in hits[:3]]))
    assert tried >= 20
    assert not misses, misses


@pytest.mark.parametrize("query, title_start", [
    ("รวงมหาดไทยช", "กระทรวงมหาดไทยชี้แจง"),
    ("RVARD Kenne", "สธ. จับมือ HARVARD"),
    ('งนามความร่วมมือ "สถานศึกษ', "ลงนามความร่วมมือ"),
    ("วิภาคี สานพ", "ลงนามความร่วมมือ"),
    ("านพิธีลงนาม", "รมว.มท. เป็นประธานพิธีลงนาม"),
])
def test_a_cut_fragment_whose_words_match_nothing_finds_its_headline(engine, query, title_start):
    """Fragments that found nothing at all: their cut pieces segment into words no article holds."""
    url = next(a.url for a in engine.store().iter_articles() if a.title.startswith(title_start))
    assert [h.url for h in engine.search(build_params(q=query)).hits][:1] == [url]


def test_headlines_are_found_whole_and_never_across_two():
    h = Headlines(["ราคายางพุ่ง", "ข่าว ราคา", "ยางพาราดี", "ราคายาง ภาคใต้"])
    assert h.find("ราคายาง") == [0, 3]
    assert h.find("ราคายางพารา") == []  # "ข่าวราคา" + "ยางพาราดี" are two headlines
    assert h.find("ราคายาง", limit=1) is None


def test_the_key_is_the_query_squeezed_without_edge_marks():
    assert headline_key(parse('่วยคลินิก NCDs "รักษา"')) == "วยคลินิกncdsรักษา"
    assert headline_key(parse("ราคายาง -ภาคใต้")) is None  # an exclusion: no pasted fragment
    assert headline_key(parse("ราคา OR ยาง")) is None
    assert headline_key(parse("ก" * (MIN_LETTERS - 1))) is None
