"""A query that occurs in an article (spaces ignored) finds it even where the segmenter reads a
junction of the typed text otherwise than the article (issue 10: zero hits for text that is there).
Real headlines of ../shared's corpus."""
from __future__ import annotations

import pytest

from indexer import SearchEngine, build_params
from indexer.fallbacks import did_you_mean
from indexer.query import by_pieces, parse
from indexer.thai import apart, use_lexicon

ROYAL = ("ธอส. ร่วมเข้าเฝ้าฯ รับเสด็จฯ สมเด็จพระกนิษฐาธิราชเจ้า กรมสมเด็จพระเทพรัตนราชสุดาฯ สยามบรมราชกุมารี "
         "ในโอกาสเสด็จพระราชดำเนินทรงเปิดงานกาชาดประจำปี 2567")
ROYAL_QUERY = ("ธอส. ร่วมเข้าเฝ้าฯ รับเสด็จฯ สมเด็จพระกนิษฐาธิราชเจ้า กรมสมเด็จพระเทพรัตนราชสุดาฯ สยามบรมราชกุมารี "
               "ในโอกาส")
FARM = "นายกรัฐมนตรีย้ำ ลด ละเลิก การใช้สารเคมีอันตราย"
FIREWORKS = ("https://www.thaigov.go.th/news/contents/details/50071",
             "เร่งตรวจสอบสถานที่เก็บ “พลุดอกไม้เพลิง” ทั่วประเทศ ปชช. พบเบาะแส โทร.สายด่วน 1567 ตลอด 24 ชั่วโมง")
STORM = ("https://www.thaigov.go.th/news/contents/details/30001",
         "มท.1 มอบผู้ว่าฯ ทั่วประเทศเตรียมการรับพายุฤดูร้อน เผย บกปภ.ช.ร่วมกับกรมอุตุฯ "
         "คาดกลาง ก.พ.- มี.ค. อากาศร้อนจัด")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from tests.conftest import data_dir_of

    glued = [w for c in parse(ROYAL_QUERY).clauses[1:] for w in c.words]  # เจ้ากรม among them
    assert "เจ้ากรม" in glued
    articles = [
        {"url": "https://www.thaigov.go.th/news/contents/details/91461", "title": ROYAL, "date": "2024-04-01",
         "body": "ธนาคารอาคารสงเคราะห์ร่วมเข้าเฝ้าฯ รับเสด็จ"},
        {"url": "https://www.thaigov.go.th/news/contents/details/2", "title": "พิธีถวายพระพร", "date": "2024-04-02",
         "body": " ".join(glued)},
        {"url": "https://www.thaigov.go.th/news/contents/details/23838", "title": FARM, "date": "2019-05-01",
         "body": "นายกรัฐมนตรีกำชับให้เกษตรกรลดการใช้สารเคมี"},
        {"url": "https://www.thaigov.go.th/news/contents/details/4", "title": "ร้านค้าลดราคาสินค้า", "date": "2024-05-01",
         "body": "ร้านค้าธงฟ้าลดราคาสินค้าร้อยละ 20 ทุกรายการ"},
        {"url": STORM[0], "title": STORM[1], "date": "2021-02-01", "body": "กรมอุตุนิยมวิทยาคาดอากาศร้อนจัด"},
        # The words "กลางก.พ." reads glued: กลา·งก·พ, held here beside มี.ค. and อากาศร้อน.
        {"url": "https://www.thaigov.go.th/news/contents/details/6", "title": "สภาพอากาศ", "date": "2021-03-01",
         "body": "กลา งก พ. มี.ค. อากาศร้อน พบเบาะแส ปริญญา โท"},
        {"url": FIREWORKS[0], "title": FIREWORKS[1], "date": "2021-12-28", "body": "กระทรวงมหาดไทยสั่งการทุกจังหวัด"},
        {"url": "https://www.thaigov.go.th/news/contents/details/7", "title": "นายกรัฐมนตรี ตรวจราชการ จ.พิษณุโลก",
         "date": "2020-02-14", "body": "ลงพื้นที่ตรวจเยี่ยมโครงการ ช่วงปลาย ก.พ.นี้ ที่เทศบาลนครพิษณุโลก ครม. ครู"},
    ]
    eng = SearchEngine(data_dir_of(tmp_path_factory.mktemp("junctions"), articles), cache_size=0)
    yield eng
    eng.close()


def test_pieces_read_one_by_one_when_the_glued_reading_finds_nothing(engine):
    """Glued across the space, "ราชเจ้า กรม" reads เจ้ากรม, which only the other article holds (and
    not ธอส): the pieces read one by one find the headline the text was copied from."""
    hits = engine.search(build_params(q=ROYAL_QUERY)).hits
    assert [h.url for h in hits] == ["https://www.thaigov.go.th/news/contents/details/91461"]


def test_by_pieces_changes_only_clauses_whose_pieces_read_otherwise():
    assert by_pieces(parse("ราคาปุ๋ย")) is None
    spaced = by_pieces(parse("สมเด็จพระกนิษฐาธิราชเจ้า กรมสมเด็จพระเทพรัตนราชสุดาฯ"))
    assert spaced is not None and spaced.clauses[0].words[-3:] == ["เจ้า", "กรม", "สมเด็จพระเทพรัตนราชสุดา"]


@pytest.mark.parametrize("query", ["ย้ำลดละเลิก", "ย้ำ ลดละเลิก"])
def test_a_word_the_article_splits_in_two_is_split_when_nothing_matches(engine, query):
    """ย้ำลดละเลิก reads ย้ำ·ลดละ·เลิก; the article says ย้ำ ลด ละเลิก (ลด·ละ·เลิก)."""
    hits = engine.search(build_params(q=query)).hits
    assert [h.url for h in hits] == ["https://www.thaigov.go.th/news/contents/details/23838"]


def test_a_word_split_in_two_needs_its_halves_side_by_side(engine):
    """ลด of ลดราคา and ละ of ร้อยละ, apart in the fourth article, are not the text ลดละ; the farm
    headline holds it (ลด ละเลิก, spaces ignored)."""
    hits = engine.search(build_params(q="ลดละ")).hits
    assert [h.url for h in hits] == ["https://www.thaigov.go.th/news/contents/details/23838"]


def test_an_exclusion_is_not_split_to_exclude_more(engine):
    """-ลดละ excludes articles holding ลดละ, not every article with ลด and ละ somewhere."""
    hits = engine.search(build_params(q="ร้านค้า -ลดละ")).hits
    assert [h.url for h in hits] == ["https://www.thaigov.go.th/news/contents/details/4"]


@pytest.mark.parametrize(("query", "words"), [("กลาง ก.พ.- มี.ค. อากาศร้อน", ["กลาง", "กพ"]),
                                              ("คาดกลาง ก.พ.", ["คาด", "กลาง", "กพ"])])
def test_a_word_is_not_glued_into_the_letters_of_the_abbreviation_after_it(engine, query, words):
    """Glued, "กลาง ก.พ." would read กลา·งก·พ: a word run across the space into the abbreviation's
    letters. The initials ก.พ. are one word (กพ), and the headline comes first."""
    assert parse(query).clauses[0].words == words
    assert engine.search(build_params(q=query)).hits[0].url == STORM[0]


def test_an_abbreviation_glued_to_the_word_before_it_is_read_apart(engine):
    """Typed without spaces, "กลางก.พ." reads กลา·งก·พ, which another article holds beside มี.ค. and
    อากาศร้อน; no headline holds the query's run, so the reading with the abbreviation apart is tried."""
    assert engine.search(build_params(q="กลางก.พ.-มี.ค.อากาศร้อน")).hits[0].url == STORM[0]


@pytest.mark.parametrize(("glued", "spaced"), [
    ("กลางก.พ.-มี.ค.", "กลาง ก.พ.-มี.ค."), ("การดำเนินงานพท.17", "การดำเนินงาน พท.17"),
    ("ช่วงปลายก.พ.นี้", "ช่วงปลาย ก.พ.นี้"),
    ("นโยบายรัฐบาลที่จ.เชียงใหม่", None),  # the segmenter cuts ที่·จ already
    ("ติดต่อสอบถามโทร.", None), ("ประชุม.", None),  # a word before a dot reads worse cut (โท·ร, ประชุ·ม)
    ("สสจ.ลำพูน", None), ("บกปภ.ช.", None), ("ผู้ว่าฯ", None)])  # one abbreviation each: nothing glued
def test_apart_spaces_the_letters_before_a_dot_from_the_word_they_end(glued, spaced):
    assert apart(glued) == spaced


def test_a_fragment_ending_in_a_cut_word_finds_its_headline_not_a_suggestion(engine):
    """"…พบเบาะแส โท" (โทร. cut) matches nothing as a whole; every word is indexed, so the articles
    with some of the words are the answer. "ปชช." is no typo of the indexed ปชช: a did-you-mean that
    only dropped its dot kept the page empty."""
    r = engine.search(build_params(q="ที่เก็บ “พลุดอกไม้เพลิง” ทั่วประเทศ ปชช. พบเบาะแส โท ❤️"))
    assert r.did_you_mean is None and r.hits and r.hits[0].url == FIREWORKS[0]
    with use_lexicon(engine.backend.lexicon()):
        assert did_you_mean("ปชช. พบ", parse("ปชช. พบ"), engine.backend) is None
        # Review: nor is ครม., which the index holds spelled out (คณะรัฐมนตรี), a typo of ครู.
        assert did_you_mean("ครม. โครงการ", parse("ครม. โครงการ"), engine.backend) is None


def test_a_glued_abbreviation_that_finds_nothing_is_read_apart(engine):
    """"ช่วงปลายก.พ.นี้" reads ช่วง·ปลา·ยก·พ·นี้: nothing holds the clause, and the words read with
    ก.พ. apart (ปลาย ก.พ.) find the article, not "some of the words"."""
    r = engine.search(build_params(q="ช่วงปลายก.พ.นี้"))
    assert [h.url for h in r.hits] == ["https://www.thaigov.go.th/news/contents/details/7"] and not r.notices
