"""A word that straddles two words of the segmenter's split is found where the article writes it
(issue 10: recall of text that is there). Real articles of ../shared's corpus (excerpts of their
bodies)."""
from __future__ import annotations

import pytest

from indexer import SearchEngine, build_params
from indexer.bridges import bridges
from indexer.thai import iter_spans, lexicon, text_positions

SECRETARY = ("https://www.thaigov.go.th/news/contents/details/52215",
             'จังหวัดอุบลราชธานี จัดพิธีมอบแบบลายผ้าพระราชทาน "ผ้าขิดลายนารีรัตนราชกัญญา"',
             "ดังที่ นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย และ ดร.วันดี กุญชรยาคง จุลเจริญ "
             "ประธานสภาสตรีแห่งชาติในพระบรมราชินูปถัมภ์")
OFFICERS = ("https://www.thaigov.go.th/news/contents/details/1925",
            "ราชกิจจานุเบกษา เผยแพร่พระราชกฤษฎีกา ค่าใช้จ่ายในการเดินทางไปราชการ",
            "และข้าราชการทหารตามกฎหมายว่าด้วยระเบียบข้าราชการทหาร")
PRICE = ("https://www.thaigov.go.th/news/contents/details/795",
         "นายกรัฐมนตรีตรวจเยี่ยมกระทรวงเกษตรฯ ติดตามการดำเนินงานตามนโยบายรัฐบาล",
         "โดยเฉพาะข้าวให้กับประชาชนในราคาที่เหมาะสม ทั้งนี้ได้เน้นย้ำในเรื่องของผลผลิตทางการเกษตร")
SECTION = ("https://www.thaigov.go.th/news/contents/details/9285",
           "ชี้แจงกรณีตลาดประชารัฐคนไทยยิ้มที่จังหวัดพิจิตร ถูกเรียกเก็บภาษีย้อนหลัง",
           "ไม่อยู่ในเงื่อนไขได้รับยกเว้นภาษีโรงเรือนและที่ดินตามมาตรา 9 และมาตรา 10 แห่งพระราชบัญญัติ")
OTHER = ("https://www.thaigov.go.th/news/contents/details/2", "ปลัดกระทรวงเป็นประธานการประชุม",
         "ปลัดกระทรวงเป็นประธานการประชุมข้าราชการ")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from tests.conftest import data_dir_of_rows

    rows = (SECRETARY, OFFICERS, PRICE, SECTION, OTHER)
    eng = SearchEngine(data_dir_of_rows(tmp_path_factory.mktemp("bridges"), rows, "2022-03-05"), cache_size=0)
    yield eng
    eng.close()


def test_the_split_crosses_the_words_searched_for():
    """What makes the cases below: the segmenter's split of the article's text has no word
    ปลัดกระทรวง or ข้าราชการ there."""
    assert [w for w, _s, _e in iter_spans("จุลเจริญ ปลัดกระทรวงมหาดไทย")][-2:] == ["ปลัด", "กระทรวงมหาดไทย"]
    assert [w for w, _s, _e in iter_spans("ว่าด้วยระเบียบข้าราชการทหาร")][-2:] == ["ข้า", "ราชการทหาร"]


@pytest.mark.parametrize("query, url", [("ปลัดกระทรวง", SECRETARY[0]), ("ข้าราชการ", OFFICERS[0])])
def test_a_word_across_the_split_finds_the_article(engine, query, url):
    urls = {h.url for h in engine.search(build_params(q=query)).hits}
    assert url in urls and OTHER[0] in urls


def test_bridges_are_dictionary_words_made_of_a_word_and_the_head_or_tail_of_its_neighbour():
    lex = lexicon()
    assert ("ปลัดกระทรวง", 0, 4) in bridges(["ปลัด", "กระทรวงมหาดไทย"], lex)
    assert ("ข้าราชการ", 1, 3) in bridges(["ระเบียบ", "ข้า", "ราชการทหาร"], lex)
    # Not a word of the dictionary, not a bridge; Latin words and lone letters are never joined.
    assert bridges(["ประชุม", "กระทรวงมหาดไทย"], lex) == []
    assert bridges(["face", "shield"], lex) == []
    assert bridges(["นาย", "ก"], lex) == []


@pytest.mark.parametrize("text", ["นาย ปลัด\nกระทรวงมหาดไทย", "นาย ปลัด\n\nกระทรวงมหาดไทย"])
def test_bridges_stop_at_a_paragraph(text):
    from indexer.thai import iter_text

    assert "~ปลัดกระทรวง" in text_positions(text.replace("\n", " "))
    assert "~ปลัดกระทรวง" not in text_positions(text)
    assert "~ปลัดกระทรวง" not in {t for t, _s, _e, _p in iter_text(text)}


def test_a_bridge_spans_the_letters_it_is_made_of():
    from indexer.thai import iter_text

    text = "ระเบียบข้าราชการทหาร นาย ปลัด กระทรวงมหาดไทย"
    got = {t: (s, e) for t, s, e, _p in iter_text(text) if t in ("~ข้าราชการ", "~ปลัดกระทรวง")}
    assert text[slice(*got["~ข้าราชการ"])] == "ข้าราชการ"
    assert text[slice(*got["~ปลัดกระทรวง"])] == "ปลัด กระทรวง"  # the space between the two words


def test_a_reading_the_segmenter_passed_over_finds_the_word(engine):
    """ในราคาที่ is read ใน · รา · คาที่ (คาที่, "on the spot", is a word), yet it says ราคา (price):
    ราคา · ที่ is the likelier reading of the pair, and a search for ราคา must find the article."""
    assert [w for w, _s, _e in iter_spans("ให้กับประชาชนในราคาที่เหมาะสม")][-4:-1] == ["ใน", "รา", "คาที่"]
    assert "~ราคา" in text_positions(PRICE[2])
    assert PRICE[0] in {h.url for h in engine.search(build_params(q="ราคา")).hits}


def test_an_unlikely_reading_is_no_bridge(engine):
    """ตามมาตรา could be cut ตามมา · ตรา, but "according to section" is no "following": the corpus
    counts keep ตาม · มาตรา, and ตามมา does not find the article."""
    lex = lexicon()
    assert bridges(["ตาม", "มาตรา"], lex) == []
    assert ("ราคา", 0, 2) in bridges(["รา", "คาที่"], lex)
    assert SECTION[0] not in {h.url for h in engine.search(build_params(q="ตามมา")).hits}
