"""Words a searcher takes for the same thing (indexer.synonyms): ค่าแรงขั้นต่ำ finds the articles that
say ค่าจ้างขั้นต่ำ, below the ones that say it as typed. Real headlines of ../shared's corpus."""
from __future__ import annotations

import pytest

from indexer import SearchEngine, build_params
from indexer.query import parse
from indexer.synonyms import groups, readings

WAGE_TYPED = ("https://www.thaigov.go.th/news/contents/details/81999",
              "\"พิพัฒน์\" เตรียมเปิดบิ๊กเซอร์ไพรส์ มอบของขวัญวันแรงงาน ค่าแรงขั้นต่ำทั่วประเทศ 400 บาท",
              "ของขวัญวันแรงงาน ค่าแรงขั้นต่ำทั่วประเทศ 400 บาท")
WAGE_OFFICIAL = ("https://www.thaigov.go.th/news/contents/details/9714", "ครม.รับทราบการกำหนดอัตราค่าจ้างขั้นต่ำ",
                 "คณะรัฐมนตรีรับทราบการกำหนดอัตราค่าจ้างขั้นต่ำตามที่คณะกรรมการค่าจ้างเสนอ")
# ค่าแรง and ขั้นต่ำ in it, apart: the words typed, not the thing meant.
SCATTERED = ("https://www.thaigov.go.th/news/contents/details/3", "นายกรัฐมนตรีพบผู้ประกอบการ",
             "หารือเรื่องค่าแรง และเงินลงทุนขั้นต่ำของโครงการ")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from tests.conftest import data_dir_of_rows

    rows = (WAGE_TYPED, WAGE_OFFICIAL, SCATTERED)
    eng = SearchEngine(data_dir_of_rows(tmp_path_factory.mktemp("synonyms"), rows, "2024-04-05"), cache_size=0)
    yield eng
    eng.close()


def test_the_official_word_is_found_below_the_word_typed(engine):
    result = engine.search(build_params(q="ค่าแรงขั้นต่ำ"))
    urls = [h.url for h in result.hits]
    assert urls[:2] == [WAGE_TYPED[0], WAGE_OFFICIAL[0]]
    # The headline marks the other word, and a notice names it: the user sees why the article was found.
    assert "<mark>ค่าจ้าง</mark>" in (result.hits[1].marked_title or "")
    assert [(n.code, n.params) for n in result.notices] == [("also_searched", {"words": "ค่าจ้าง"})]


def test_the_other_word_is_found_the_other_way_round(engine):
    result = engine.search(build_params(q="ค่าจ้างขั้นต่ำ"))
    assert [h.url for h in result.hits][:2] == [WAGE_OFFICIAL[0], WAGE_TYPED[0]]


def test_a_quoted_phrase_asks_for_its_words(engine):
    result = engine.search(build_params(q='"ค่าแรงขั้นต่ำ"'))
    assert [h.url for h in result.hits] == [WAGE_TYPED[0]] and not result.notices


def test_an_exclusion_stays_as_typed(engine):
    """-ค่าแรง removes the articles that say it, not every article about wages."""
    result = engine.search(build_params(q="ขั้นต่ำ -ค่าแรง"))
    assert WAGE_OFFICIAL[0] in {h.url for h in result.hits}


def test_a_phrase_finds_its_one_word_but_is_not_looked_for():
    """ผู้พิการ (ผู้·พิการ) finds คนพิการ; คนพิการ does not look for the phrase ผู้·พิการ, which would
    cost a positional look-up over the whole index."""
    assert readings("ผู้พิการ") == (("คนพิการ", "คนพิการ"),) and readings("คนพิการ") == ()
    assert parse("คนพิการทางสายตา").also_searched == []
    assert "ผู้พิการ" not in groups()["คนพิการ"]


def test_readings_put_a_word_in_only_where_it_stands_whole():
    assert readings("ค่าแรงขั้นต่ำ") == (("ค่าจ้างขั้นต่ำ", "ค่าจ้าง"),)
    assert readings("ค่าไฟแพง") == (("ค่าไฟฟ้าแพง", "ค่าไฟฟ้า"),)
    # ค่าไฟ inside ค่า·ไฟฟ้า is not a word there to put ค่าไฟฟ้า in for (and ค่าไฟ, ค่า·ไฟ, is a
    # phrase: not looked for).
    assert readings("ค่าไฟฟ้าแพง") == ()
    # Not inside a longer word the segmenter cut otherwise, nor across one.
    assert readings("ค่าแรงงาน") == readings("คนชราภาพ") == ()
    assert readings("อีเมล์") == (("อีเมล", "อีเมล"),)  # อีเมล inside อีเมล์ is not said already
    assert readings("วัคซีน COVID-19") == (("วัคซีน โควิด-19", "โควิด"),)
    assert readings("ขยะมูลฝอย") == ()  # both words said already


def test_a_misspelling_finds_the_word_but_is_not_looked_for():
    """ดิจิตัล reads ดิ·จิ·ตัล: looking for it would match syllables anywhere."""
    assert "ดิจิทัล" in groups()["ดิจิตัล"]
    assert "ดิจิตัล" not in groups()["ดิจิทัล"]


def test_highlight_terms_hold_the_other_words():
    assert "ค่าจ้าง" in parse("ค่าแรงขั้นต่ำ").highlight_terms
    assert "ค่าจ้าง" not in parse('"ค่าแรงขั้นต่ำ"').highlight_terms


def test_the_list_keeps_its_rules():
    """Each word in one group; a Thai word of three letters or more (a shorter one stands inside
    too many others); a group of two words or more."""
    from importlib.resources import files

    from indexer.lexicon import read_data_lines

    seen: list[str] = []
    for line in read_data_lines(files("indexer").joinpath("data/synonyms.txt").read_text("utf-8")):
        group = line.split()
        assert len(group) >= 2, line
        assert all(w == w.lower() for w in group), line
        assert all(len(w) >= 3 for w in group if not w.isascii()), line
        assert any(groups()[w] for w in group), f"no word of {line!r} is looked for"
        seen += group
    assert len(seen) == len(set(seen)) == len(groups())


def test_a_word_of_a_group_is_put_in_where_a_word_it_is_not_runs_across_its_end():
    """มกร (a word of the lexicon) runs across ท่วม|กรุง, but the segmenter read น้ำท่วม·กรุงเทพ:
    กรุงเทพ stands whole. And กรุงเทพฯ is กรุงเทพ with the mark of a name cut short."""
    assert ("น้ำท่วมกรุงเทพมหานคร", "กรุงเทพมหานคร") in readings("น้ำท่วมกรุงเทพ")
    assert ("ฝุ่นกรุงเทพมหานคร", "กรุงเทพมหานคร") in readings("ฝุ่นกรุงเทพฯ")


# Real releases: headlines that write กทม. for the city, and one whose headline names กรุงเทพฯ as a
# bus route's end and whose body speaks of floods elsewhere.
TRAFFIC = ("https://www.thaigov.go.th/news/contents/details/13635",
           "รองนรม. และ รมว.กห. เรียกประชุมแก้ปัญหาจราจร ขอคืนผิวจราจร 5 เส้นทางก่อสร้างรถไฟฟ้า จี้ความพร้อม "
           "กทม.รับมือฤดูฝนระบายน้ำท่วมขัง ย้ำ “วินัยจราจร สะท้อนวินัยชาติ”",
           "พล.อ.ประวิตร ได้ย้ำ ขอให้กทม. ติดตามและประสานการทำงานร่วมกับ การรถไฟฟ้าขนส่งมวลชนแห่งประเทศไทย "
           "ได้กำชับให้ กทม.เตรียมการให้พร้อมรับมือกับน้ำท่วมในฤดูฝน")
RAINS = ("https://www.thaigov.go.th/news/contents/details/67775",
         "นายกฯ สั่งการทุกหน่วยงานเตรียมความพร้อมรับฤดูฝน แก้ปัญหาน้ำท่วม ในพื้นที่เศรษฐกิจ ทั้งกทม.และทุกจังหวัด",
         "แก้ปัญหาน้ำท่วม น้ำท่วมขังในพื้นที่ลุ่มต่ำ โดยเฉพาะพื้นที่เศรษฐกิจใน กทม. และทุกจังหวัด")
BUS = ("https://www.thaigov.go.th/news/contents/details/46257", "บขส. เปิดเดินรถเส้นทางกรุงเทพฯ - หล่มสัก ได้ตามปกติ",
       "บขส. ได้เปิดให้บริการเดินรถเส้นทางกรุงเทพฯ - หล่มสัก ตามปกติแล้ว ระดับน้ำในจังหวัดสุโขทัยและเส้นทางเข้า - "
       "ออกสถานีขนส่งมีน้ำท่วมสูง ให้เฝ้าระวังสถานการณ์น้ำท่วมอย่างใกล้ชิด กรุงเทพฯ - คลองลาน")


def test_a_headline_that_writes_the_city_abbreviated_is_about_it():
    """น้ำท่วมกรุงเทพ: the headlines saying น้ำท่วม and กทม. are about floods in the city; a bus
    route from กรุงเทพฯ with floods in its body is not."""
    from tests.conftest import data_dir_of_rows

    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        eng = SearchEngine(data_dir_of_rows(Path(tmp), (BUS, TRAFFIC, RAINS), "2023-05-01"), cache_size=0)
        try:
            for q in ("น้ำท่วมกรุงเทพ", "น้ำท่วม กรุงเทพฯ"):
                urls = [h.url for h in eng.search(build_params(q=q)).hits]
                assert set(urls[:2]) == {TRAFFIC[0], RAINS[0]} and urls[2] == BUS[0], q
        finally:
            eng.close()
