"""A passage pasted from deep in an article's body, cut mid-word at either end, finds that article
first (indexer/passages.py, indexer/proximity.py; session 18's probe of body passages: MRR@10 0.66
before, where a trigram index had 0.97)."""
from __future__ import annotations

import pytest

from indexer import build_params
from indexer.passages import passage_reading
from indexer.query import parse


@pytest.mark.parametrize("query", [
    "ดีที่ 26 ตุลาคม 2560 ระหว่างเวลา 09.00 –",
    "ลพิษที่แหล่งกำเนิด รวมทั้งป้องกันการปล่อยมลพิ",
    "าดไทยได้ให้ข้อแนะนำไปประยุกต์ใช้ให้เกิดประโยชน์กั",
    "วิตที่ดีขึ้น โดยในปี 2568 นี้ ยังได้ตั้งเป้า",
    "งยกระดับ “อุตสาหกรรมดีอยู่คู่กับชุมชน",
    "รองดอง สมานฉันท์ มีความสงบสุขร่มเย็น โดยมีเป้าประสงค์",
])
def test_a_body_passage_cut_mid_word_finds_its_article_first(engine, query):
    owners = [a.url for a in engine.store().iter_articles() if query in a.body]
    assert len(owners) == 1
    r = engine.search(build_params(q=query))
    assert r.hits and r.hits[0].url == owners[0]


def test_a_passage_is_read_as_the_phrase_of_its_inner_words():
    got = passage_reading(parse("รรมไปสู่ประชาชนให้ประชาชนสามารถเข้าถึงบริการของหน่วยงานต่าง"))
    assert got is not None and len(got.clauses) == 1 and got.clauses[0].phrase
    words = parse("รรมไปสู่ประชาชนให้ประชาชนสามารถเข้าถึงบริการของหน่วยงานต่าง").clauses[0].words
    assert got.clauses[0].words == words[3:-3]


@pytest.mark.parametrize("query", ["ราคาน้ำมันดีเซล", '"ประชุม ครม." วันนี้ ที่ทำเนียบรัฐบาล กรุงเทพ',
                                   "ประชุม OR สัมมนา คณะรัฐมนตรี ทำเนียบรัฐบาล วันนี้ ที่ กรุงเทพ"])
def test_short_quoted_or_ored_queries_are_no_passage(query):
    assert passage_reading(parse(query)) is None


def test_an_exclusion_stays_with_the_passage():
    got = passage_reading(parse("ประชาชนให้ประชาชนสามารถเข้าถึงบริการของหน่วยงาน -ธนาคาร"))
    assert got is not None and [c.negated for c in got.clauses] == [False, True]
