"""Thai queries: agencies and dates named in the query, did-you-mean, spellings that must agree."""
from __future__ import annotations

from datetime import date

import pytest

from indexer import build_params
from indexer.understand import keyboard_layout_fix, understand
from tests.test_search import facet_engine, search, urls  # noqa: F401  (fixture reused)


@pytest.mark.parametrize("q,rest,rng", [
    ("น้ำท่วม มีนาคม 2564", "น้ำท่วม", (date(2021, 3, 1), date(2021, 3, 31))),
    ("โควิด มี.ค. 64", "โควิด", (date(2021, 3, 1), date(2021, 3, 31))),
    ("ปี 2564 วัคซีน", "วัคซีน", (date(2021, 1, 1), date(2021, 12, 31))),
    ("สรุปข่าว 6 กันยายน 2559", "สรุปข่าว 6 กันยายน 2559", None),  # a full date is headline text
    ("ภาษี 2565", "ภาษี 2565", None),  # a bare number may be text to find
    ("พ.ศ.2560-2579)", "พ.ศ.2560-2579)", None),  # a span of years names a plan
    ("แผนพัฒนา ปี 2566 – 2570", "แผนพัฒนา ปี 2566 – 2570", None),
    # Two digits after ปี are a year as four are (a fresh-eyes tester: "โควิด ปี 64" listed 2020's news);
    # a topic's year (วิกฤต ปี 40) whose news the index lacks is read as words when nothing matches.
    ("โควิด ปี 64", "โควิด", (date(2021, 1, 1), date(2021, 12, 31))),
    ("วิกฤต ปี 40", "วิกฤต", (date(1997, 1, 1), date(1997, 12, 31))),
    # A query that is only a day lists that day, as a month or a year alone does.
    ("4 มี.ค. 64", "", (date(2021, 3, 4), date(2021, 3, 4))),
    ("วันที่ 4 มีนาคม 2564", "", (date(2021, 3, 4), date(2021, 3, 4))),
    ("32 มี.ค. 64", "32 มี.ค. 64", None),
    # A year of two digits alone is the news of that year, as "ปี 2564" is; a crop year is text.
    ("ปี 64", "", (date(2021, 1, 1), date(2021, 12, 31))),
    ("พ.ศ.64", "", (date(2021, 1, 1), date(2021, 12, 31))),
    ("ปี 64/65", "ปี 64/65", None),
    ("งบประมาณ ปี 63 ถึง ปี 65", "งบประมาณ ปี 63 ถึง ปี 65", None),  # a span, as 2566 – 2570 is
])
def test_dates_in_query(q, rest, rng):
    u = understand(q)
    assert (u.text, u.date_range) == (rest, rng)


@pytest.mark.parametrize("q,agency", [
    ("มท.", "moi"), ("กระทรวงมหาดไทย", "moi"), ("Ministry of Interior", "moi"), ("ข่าว สธ. วัคซีน", "moph"),
])
def test_agency_named_in_query(q, agency):
    assert agency in understand(q).agencies


@pytest.mark.parametrize("q,agency", [
    ("รมว.กษ.", "moac"), ("รมว.มท.", "moi"), ("ปลัด มท.", "moi"), ("ปลัดมท.", "moi"), ("รมช.กษ. ลงพื้นที่", "moac"),
    ("รมว. กษ", "moac"), ("ปลัด มท", "moi"), ("กษ.", "moac"), ("มท.", "moi"), ("รมว.เกษตรฯ", "moac"),
    ("ปลัดกระทรวงมหาดไทย", "moi"), ("รัฐมนตรีว่าการกระทรวงเกษตรและสหกรณ์ ภัยแล้ง", "moac"),
])
def test_an_official_of_a_ministry_names_the_ministry(q, agency):
    """รมว.กษ. is the Minister of Agriculture: after an official's title (the titles attribution reads
    in headlines) a ministry's abbreviation or name from the registry names it, dotted or not."""
    assert understand(q).agencies == [agency]


@pytest.mark.parametrize("q", ["รมว.", "ปลัดอำเภอ", "รมว. ตา", "ปลัด ตา"])
def test_a_title_alone_names_no_agency(q):
    assert understand(q).agencies == []


def test_bare_two_letter_word_is_not_an_agency():
    assert understand("ตา").agencies == []


def test_an_excluded_agency_is_not_offered():
    assert understand("น้ำท่วม -มหาดไทย").agencies == understand("-มท.").agencies == []


def test_keyboard_layout():
    assert keyboard_layout_fix(",skfwmp") == "มหาดไทย"
    # Any lower-case Latin word reads as keystrokes; the engine offers it only if the Thai finds something.
    assert keyboard_layout_fix("covid") == "แนอรก"
    assert keyboard_layout_fix("COVID") is None  # only shifted keys: an acronym, not a Thai word
    assert keyboard_layout_fix("มหาดไทย") is None


def test_a_date_read_as_words_stands_together(tmp_path):
    """Nothing in March 2021: the date is then read as words, มี.ค. 64 as written, not มี, ค and 64
    anywhere in an article (มี and ค stand in nearly every one)."""
    from indexer import SearchEngine
    from tests.conftest import data_dir_of

    together = "https://www.thaigov.go.th/news/contents/details/61001"
    apart = "https://www.thaigov.go.th/news/contents/details/61002"
    articles = [
        {"url": together, "date": "2022-01-10", "title": "ทบทวนมาตรการโควิด", "body": "ย้อนดูมาตรการตั้งแต่ มี.ค. 64 เป็นต้นมา"},
        {"url": apart, "date": "2022-01-11", "title": "โควิดระลอกใหม่",
         "body": "มีผู้ติดเชื้อ 64 ราย กลุ่ม ค ระบาดในโรงงาน"},
    ]
    eng = SearchEngine(data_dir_of(tmp_path, articles), cache_size=0)
    try:
        r = eng.search(build_params(q="โควิด มี.ค. 64"))
        assert [h.url for h in r.hits] == [together]
        assert [n.code for n in r.notices] == ["date_read_as_words", "also_searched"]  # โควิด as covid too
    finally:
        eng.close()


def test_date_in_query_becomes_a_filter(facet_engine):
    r = facet_engine.search(build_params(q="น้ำท่วม มีนาคม 2564", per_page=50))
    assert urls(r) == ["90001"] and r.date_from_query == (date(2021, 3, 1), date(2021, 3, 31))


def test_agency_in_query_is_offered(facet_engine):
    r = facet_engine.search(build_params(q="วัคซีน สธ."))
    assert r.agency_suggestions == ["moph"]
    assert facet_engine.search(build_params(q="รมว.สธ. วัคซีน")).agency_suggestions == ["moph"]
    assert r.to_json()["agency_suggestions"] == [{"id": "moph", "name": "กระทรวงสาธารณสุข"}]


@pytest.mark.parametrize("typo,fix", [(",skfwmp", "มหาดไทย"), ("มหาดไย", "มหาดไทย"), ("วัคซีม", "วัคซีน")])
def test_did_you_mean(facet_engine, typo, fix):
    r = facet_engine.search(build_params(q=typo))
    assert r.total == 0 and r.did_you_mean == fix


def test_a_word_typed_unfinished_finds_the_word_rather_than_a_suggestion(facet_engine):
    # มหาดไท is the start of มหาดไทย: its articles, not "did you mean".
    r = facet_engine.search(build_params(q="มหาดไท", per_page=50))
    assert r.total and set(urls(r)) == set(urls(facet_engine.search(build_params(q="มหาดไทย", per_page=50))))


@pytest.mark.parametrize("a,b", [
    ("2565", "๒๕๖๕"),
    ("น้ำท่วม", "น\u0e49\u0e4d\u0e32ท่วม"),
    ("น้ำท่วม", "น้ำ\u200bท่วม"),
    ("COVID-19", "covid-19"),
    ("วัคซีน", "\ufeffวัคซีน"),
])
def test_spellings_give_the_same_results(facet_engine, a, b):
    ra = facet_engine.search(build_params(q=a, per_page=50))
    rb = facet_engine.search(build_params(q=b, per_page=50))
    assert [h.url for h in ra.hits] == [h.url for h in rb.hits] and ra.total == rb.total


def test_two_short_words_are_both_asked_for(tmp_path):
    """ปี and 6, each of two letters or fewer: neither is the other's cut end (a selection cut
    mid-word), so an article must hold both; taken for cut ends, both were dropped and the query
    listed every article."""
    from indexer import SearchEngine
    from tests.conftest import data_dir_of_rows

    rows = [("https://www.thaigov.go.th/news/contents/details/1", "ผลงานรัฐบาล ปี 6", "สรุปผลงาน"),
            ("https://www.thaigov.go.th/news/contents/details/2", "แผนงานประจำปี", "ทั้งปี"),
            ("https://www.thaigov.go.th/news/contents/details/3", "ประชุม 6 หน่วยงาน", "หน่วยงาน 6 แห่ง")]
    eng = SearchEngine(data_dir_of_rows(tmp_path, rows, "2024-01-05"), cache_size=0)
    try:
        r = eng.search(build_params(q="ปี 6"))
        assert [h.url for h in r.hits] == [rows[0][0]]
    finally:
        eng.close()


def test_two_digit_year_beside_words_filters_or_falls_back_to_words(facet_engine):  # noqa: F811
    r = search(facet_engine, q="น้ำท่วม ปี 64")
    assert "date_filter_from_query" in [n.code for n in r.notices] and urls(r) == ["90001", "90007"]
    r = search(facet_engine, q="น้ำท่วม ปี 40")  # 2540: no news of that year, so the year is words
    assert r.total and "date_filter_from_query" not in [n.code for n in r.notices]
