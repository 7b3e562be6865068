"""A passage pasted from deep in an article's body, cut mid-word at either end, finds that article
first (indexer/passages.py, indexer/proximity.py; session 18's probe of body passages: MRR@10 0.66
before, where a trigram index had 0.97)."""
from __future__ import annotations

import pytest

from indexer import build_params
from indexer.passages import MAX_READINGS, passage_readings
from indexer.query import Clause, ParsedQuery, parse


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


def test_a_passage_is_read_as_phrases_of_its_inner_words_longest_first():
    """The pieces that look cut at each end (รร·ม of ธรรม, and the short ไป) are left out first,
    then one to three more words at either end: a cut word's piece may look whole."""
    query = "รรมไปสู่ประชาชนให้ประชาชนสามารถเข้าถึงบริการของหน่วยงานต่าง"
    words = parse(query).clauses[0].words
    got = passage_readings(parse(query))
    assert all(len(r.clauses) == 1 and r.clauses[0].phrase for r in got)
    inner = [r.clauses[0].words for r in got]
    assert words[:2] == ["รร", "ม"] and inner[0] == words[3:]  # รร, ม and the short ไป look cut
    assert [len(w) for w in inner] == sorted((len(w) for w in inner), reverse=True)
    assert words[4:-1] in inner and len(got) == MAX_READINGS


def test_a_passage_whose_ends_look_whole_is_read_once_without_two_words_at_each_end():
    query = "ประชาชนให้ประชาชนสามารถเข้าถึงบริการของหน่วยงาน"
    got = passage_readings(parse(query))
    assert [r.clauses[0].words for r in got] == [parse(query).clauses[0].words[2:-2]]


@pytest.mark.parametrize("query", ["ราคาน้ำมันดีเซล", '"ประชุม ครม." วันนี้ ที่ทำเนียบรัฐบาล กรุงเทพ',
                                   "ประชุม OR สัมมนา คณะรัฐมนตรี ทำเนียบรัฐบาล วันนี้ ที่ กรุงเทพ"])
def test_short_quoted_or_ored_queries_are_no_passage(query):
    assert passage_readings(parse(query)) == []


def test_an_exclusion_stays_with_the_passage():
    got = passage_readings(parse("ประชาชนให้ประชาชนสามารถเข้าถึงบริการของหน่วยงาน -ธนาคาร"))
    assert got and all([c.negated for c in r.clauses] == [False, True] for r in got)


PASSAGE = "รรมไปสู่ประชาชนให้ประชาชนสามารถเข้าถึงบริการของหน่วยงานต่าง"


@pytest.fixture(scope="module")
def decoy_engine(tmp_path_factory):
    """The article a passage was copied from (deep in its body, cut mid-word), and one that holds
    the cut words in another order: the query's own reading finds only the second."""
    from conftest import data_dir_of_rows
    from indexer import SearchEngine

    filler = "กรมการศาสนาจัดกิจกรรมส่งเสริมศีลธรรมในชุมชนทั่วประเทศ " * 60
    rows = [("https://example.go.th/owner", "กรมการศาสนาเผยแผ่ธรรม",
             f"{filler}โครงการนี้นำธรรมไปสู่ประชาชนให้ประชาชนสามารถเข้าถึงบริการของหน่วยงานต่างๆ ได้ง่าย"),
            ("https://example.go.th/decoy", "ข่าวอื่น",
             "ม รร ไป สู่ ประชาชน ให้ ประชาชน สามารถ เข้าถึง บริการ ของ หน่วยงาน ต่าง")]
    eng = SearchEngine(data_dir_of_rows(tmp_path_factory.mktemp("decoy"), rows, "2024-01-05"), cache_size=0)
    yield eng
    eng.close()


def test_the_article_a_passage_was_copied_from_outranks_one_holding_its_cut_words(decoy_engine):
    assert decoy_engine.search(build_params(q=PASSAGE)).hits[0].url.endswith("/owner")


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_sorted_by_date_a_passage_lists_what_relevance_found(decoy_engine, sort):
    """Sorted by date, the matches are those of the reading relevance ranks (the same total, the
    article the passage was copied from among them), not only those of the query's cut words."""
    ranked = decoy_engine.search(build_params(q=PASSAGE))
    dated = decoy_engine.search(build_params(q=PASSAGE, sort=sort))
    assert dated.total == ranked.total and "https://example.go.th/owner" in {h.url for h in dated.hits}


def test_a_passage_of_pieces_throughout_still_has_a_reading():
    """Every word a piece (each looks cut): leaving the pieces out would leave nothing, so the
    passage is read as if neither end were cut."""
    words = ["รร", "ม", "ปร", "ะ", "ชา", "ชน"]
    got = passage_readings(ParsedQuery("".join(words), [Clause("".join(words), words)]))
    assert [r.clauses[0].words for r in got] == [words[2:-2]]
