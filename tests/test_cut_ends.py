"""A headline fragment selected mid-word and pasted without spaces finds its article first, even when
another article holds every (mis-segmented) word of it scattered (indexer.cut_ends.ends_optional;
issue 10: printed and unspaced fragments cut inside a word)."""
from __future__ import annotations

import pytest

from indexer import SearchEngine, build_params
from indexer.cut_ends import ends_optional
from indexer.query import parse
from tests.decoy_fixtures import beside_decoy, first_hit, summary_holding

TARGET = "https://example.go.th/news/target"
TITLE = "พม. ร่วมกับเครือข่ายพระธรรมทูตไทย ยกระดับงานสาธารณสงเคราะห์ เสริมบทบาทองค์กรศาสนา"
CUT = "ไทยยกระดับงานสาธารณสงเคราะห์เสริมบทบาทอ"  # the selection ends inside องค์กร


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from tests.conftest import data_dir_of

    words = [w for c in parse(CUT).clauses for w in c.words]
    articles = [
        {"url": TARGET, "title": TITLE, "date": "2024-05-01", "category": "news", "lang": "th",
         "body": "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ร่วมกับพระธรรมทูตจัดกิจกรรมช่วยเหลือผู้ยากไร้"},
        summary_holding(words, "https://example.go.th/news/decoy", "2024-05-02"),
    ]
    eng = SearchEngine(data_dir_of(tmp_path_factory.mktemp("cut"), articles), cache_size=0)
    yield eng
    eng.close()


def test_a_fragment_cut_inside_its_last_word_finds_its_headline_first(engine):
    hits = engine.search(build_params(q=CUT, per_page=10)).hits
    assert hits and hits[0].url == TARGET


def test_a_query_no_headline_holds_keeps_its_own_matches(engine):
    # The wider reading is only kept when one of its headlines holds the query's run.
    q = "พระธรรมทูตจัดกิจกรรมช่วยเหลือผู้ยากไร้"  # in the target's body, in no headline
    r = engine.search(build_params(q=q))
    assert r.total == len(engine.matching_urls(q)) == 1


def test_short_or_several_clause_queries_have_no_wider_reading():
    assert ends_optional(parse("ราคาปุ๋ย")) is None
    assert ends_optional(parse('"เสริมบทบาทองค์กร" ศาสนา')) is None
    wide = ends_optional(parse(CUT))
    assert wide is not None and wide.clauses[0].alternatives


def test_a_short_abbreviation_typed_beside_one_word_is_meant(tmp_path):
    """"รมว. กษ." is typed, not selected: กษ must match as it does typed glued (a tester saw
    'รมว. กษ.' list every article of any minister). A one-letter จ. stays optional: most articles
    spell it out (จังหวัดเชียงใหม่), and a letter or two without a dot may be a cut end ("…สน")."""
    from tests.conftest import data_dir_of

    ministers = [("https://www.thaigov.go.th/news/contents/details/71001", "รมว.กษ. ลงพื้นที่ติดตามภัยแล้ง"),
                 ("https://www.thaigov.go.th/news/contents/details/71002", "รมว.ศึกษาธิการ เยี่ยมโรงเรียน"),
                 ("https://www.thaigov.go.th/news/contents/details/71003", "จ.เชียงใหม่ จัดงานดอกไม้"),
                 ("https://www.thaigov.go.th/news/contents/details/71004", "เชียงใหม่ไนท์ซาฟารีเปิดบริการ")]
    articles = [{"url": u, "title": t, "body": t, "date": "2024-02-01"} for u, t in ministers]
    eng = SearchEngine(data_dir_of(tmp_path, articles), cache_size=0)
    try:
        urls = [h.url for h in eng.search(build_params(q="รมว. กษ.")).hits]
        assert urls == [h.url for h in eng.search(build_params(q="รมว.กษ.")).hits] == [ministers[0][0]]
        urls = [h.url for h in eng.search(build_params(q="จ. เชียงใหม่")).hits]
        assert urls[0] == ministers[2][0] and ministers[3][0] in urls
    finally:
        eng.close()


def test_a_one_letter_word_of_its_own_is_no_cut_end():
    # Review: ณ ("at") opens many headline runs; only a letter left of a cut word is a ragged end.
    assert ends_optional(parse("ณ ทำเนียบรัฐบาล นายกรัฐมนตรี ประชุมคณะรัฐมนตรี")) is None


def test_deep_pages_are_of_the_reading_page_one_chose(tmp_path):
    """Pages past the re-ranked head used the narrow reading while pages 1-2 used the wider one: page 1
    said 71 matches and linked to pages 3-4, which came back empty with a total of 1 (review)."""
    from tests.conftest import data_dir_of

    words = [w for c in parse(CUT).clauses for w in c.words]
    articles = [{"url": f"https://example.go.th/news/t{i}", "title": f"{TITLE} ครั้งที่ {i}", "date": "2024-05-01",
                 "category": "news", "lang": "th", "body": f"กิจกรรมครั้งที่ {i} ช่วยเหลือผู้ยากไร้ในจังหวัด"}
                for i in range(70)]
    articles += [summary_holding(words, f"https://example.go.th/news/decoy{j}", "2024-05-02") for j in range(3)]
    eng = SearchEngine(data_dir_of(tmp_path, articles), cache_size=0)
    looked_up = []  # the index's words asked for by the cut-end readings, per page
    words_starting = eng.backend.words_starting
    eng.backend.words_starting = lambda *a: looked_up.append(a) or words_starting(*a)
    pages, asked = [], []
    try:
        for p in (1, 2, 3, 4):
            looked_up.clear()
            pages.append(eng.search(build_params(q=CUT, page=p, per_page=20)))
            asked.append(len(looked_up))
    finally:
        eng.close()
    # A deep page works its readings out once, as page 1 does (not once to choose one and again in
    # the head it re-ranks); here the headlines hold the selection letter for letter, so neither
    # works out the wider reading (indexer/headlines.py).
    assert asked[3] == asked[0]
    assert pages[0].total > 60
    assert {r.total for r in pages} == {pages[0].total}
    seen = [h.url for r in pages for h in r.hits]
    assert len(seen) == min(80, pages[0].total) and len(set(seen)) == len(seen)


def test_top_k_breaks_ties_by_docnum_whatever_k_is():
    """Pages cut from top_k(60) and top_k(80) must fit together: with many tied scores the first 60 of
    top_k(80) are top_k(60)."""
    import numpy as np

    from indexer.ranking import top_k

    rng = np.random.default_rng(7)
    scores = rng.choice([1.0, 2.0, 3.0], size=500)
    candidates = rng.permutation(500)[:300]
    for k in (1, 20, 60, 80, 299):
        best = top_k(scores, candidates, k)
        assert list(best) == list(top_k(scores, candidates, k + 20)[:k])
        assert list(best) == sorted(candidates, key=lambda d: (-scores[d], d))[:k]


# -- a last word cut anywhere: completed to the index's word that starts with the cut tail ------------

COVID = "https://example.go.th/news/covid-claims"
COVID_TITLE = "กรมบัญชีกลาง เพิ่มรายการเบิกจ่ายตรงค่ารักษาพยาบาล ผู้ติดเชื้อไวรัสโคโรนา 2019"
COVID_CUT = "[จ่ายตรงค่ารักษาพยาบาล ผู้ติดเชื้อไวรัสโค]"  # pasted; the selection ends inside ไวรัสโคโรนา


@pytest.fixture(scope="module")
def covid_engine(tmp_path_factory):
    from tests.conftest import data_dir_of

    words = [w for c in parse(COVID_CUT).clauses for w in c.words]
    articles = [
        {"url": COVID, "title": COVID_TITLE, "date": "2020-04-01", "category": "news", "lang": "th",
         "body": "กรมบัญชีกลางแจ้งส่วนราชการให้เบิกจ่ายตรงค่ารักษาพยาบาล"},
        summary_holding(words, "https://example.go.th/news/cabinet", "2020-04-02"),
        {"url": "https://example.go.th/news/virus", "title": "ไวรัสโคโรนา สายพันธุ์ใหม่ ระบาดในหลายประเทศ",
         "date": "2020-03-02", "category": "news", "lang": "th", "body": "ไวรัสโคโรนา ระบาด"},
    ]
    eng = SearchEngine(data_dir_of(tmp_path_factory.mktemp("cutcovid"), articles), cache_size=0)
    yield eng
    eng.close()


def test_a_fragment_cut_inside_a_long_last_word_finds_its_headline_first(covid_engine):
    hits = covid_engine.search(build_params(q=COVID_CUT, per_page=10)).hits
    assert hits and hits[0].url == COVID


def test_a_whole_last_word_is_not_completed(covid_engine):
    # Ending on a whole word: no completed reading. The count is the query's own run and, as no
    # result holds its six words in a row, one run of its inner words as a passage (only the first
    # of the passage's readings: neither end looks cut).
    q = "เบิกจ่ายตรงค่ารักษาพยาบาลให้ส่วนราชการ"
    r0 = covid_engine.runs
    covid_engine.search(build_params(q=q))
    assert covid_engine.runs - r0 == 2
    r0 = covid_engine.runs
    covid_engine.search(build_params(q="ค่ารักษาพยาบาลให้ส่วนราชการ"))  # five words: no passage
    assert covid_engine.runs - r0 == 1


def test_a_short_query_typed_unfinished_finds_the_word_it_starts(covid_engine):
    """ไวรัสโคโร segments ไวรัส·โค·โร, words the cabinet summary holds; the articles saying
    ไวรัสโคโรนา, where the typed letters stand, come first."""
    assert "โร" in parse("ไวรัสโคโร").clauses[0].words
    hits = covid_engine.search(build_params(q="ไวรัสโคโร", per_page=10)).hits
    assert {h.url for h in hits[:2]} == {COVID, "https://example.go.th/news/virus"}


def test_a_query_that_finds_nothing_is_read_with_its_last_word_completed(tmp_path):
    """Letters an article holds, typed unfinished, found nothing: ศาสต is one (unknown) word with
    nothing to be near, so no headline is looked for, and พฤศจิก of 17พฤศจิก is a dictionary word
    (Scorpio) that no article says, and มนัญ starts a name. The completed reading is the fall-back:
    all the words, the last one completed, not some of them."""
    from tests.conftest import data_dir_of

    wisdom, cabinet, minister = (f"https://www.thaigov.go.th/news/contents/details/{n}" for n in (1, 2, 3))
    articles = [
        {"url": wisdom, "title": "รัฐบาลน้อมนำศาสตร์พระราชา เชื่อมโยงทุกกลุ่มเศรษฐกิจ", "date": "2018-03-01",
         "body": "นายกรัฐมนตรีมอบนโยบายการขับเคลื่อนเศรษฐกิจฐานราก"},
        {"url": cabinet, "title": "สรุปข่าวการประชุมคณะรัฐมนตรี 17 พฤศจิกายน 2563", "date": "2020-11-17",
         "body": "วันนี้ (17 พฤศจิกายน 2563) เวลา 09.00 น. ที่ทำเนียบรัฐบาล"},
        {"url": minister, "title": "‘รมช.มนัญญา’ ตรวจเยี่ยมสหกรณ์การเกษตรเกาะช้าง", "date": "2021-02-01",
         "body": "สหกรณ์การเกษตรเกาะช้าง จังหวัดตราด"},
    ]
    eng = SearchEngine(data_dir_of(tmp_path, articles), cache_size=0)
    try:
        # มนัญญา, a name no word list holds, is completed from the index's own terms.
        for typed, url in (("ศาสต", wisdom), ("17พฤศจิก", cabinet), ("‘มนัญ", minister)):
            assert not eng.matching_urls(typed)
            r = eng.search(build_params(q=typed))
            assert not r.relaxed and [h.url for h in r.hits] == [url]
            # 17พฤศจิก is long enough to be found letter for letter in its headline first
            # (indexer/headlines.py); the short ones are completed.
            assert [n.code for n in r.notices] == ([] if typed == "17พฤศจิก" else ["last_word_completed"])
    finally:
        eng.close()


# -- a fragment pasted with its spaces: the pieces read one by one are the headline's words -----------

ROYAL = "https://example.go.th/news/royal"
ROYAL_TITLE = ("ปลัด ทส. เฝ้าฯ รับเสด็จ สมเด็จพระกนิษฐาธิราชเจ้า กรมสมเด็จพระเทพรัตนราชสุดาฯ สยามบรมราชกุมารี "
               "เสด็จพระราชดำเนินทรงงาน")
ROYAL_PASTED = "ฯ รับเสด็จ สมเด็จพระกนิษฐาธิราชเจ้า กรมสมเด็จพระเทพรัตนราชสุดาฯ สยามบรมราชกุมารี ❤️"


@pytest.fixture(scope="module")
def royal_engine(tmp_path_factory):
    from tests.conftest import data_dir_of

    articles = [
        {"url": ROYAL, "title": ROYAL_TITLE, "date": "2023-04-01", "category": "news", "lang": "th",
         "body": "ปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อมเฝ้ารับเสด็จ"},
        # The same words, the glued reading's เจ้ากรม among them (a title of old), in a body.
        {"url": "https://example.go.th/news/history", "title": "ประวัติศาสตร์ราชสำนัก",
         "date": "2023-04-02", "category": "news", "lang": "th",
         "body": "รับเสด็จ สมเด็จพระกนิษฐาธิราช เจ้ากรม ผู้ดูแล สมเด็จพระเทพรัตนราชสุดา สยามบรมราชกุมารี"},
    ]
    eng = SearchEngine(data_dir_of(tmp_path_factory.mktemp("royal"), articles), cache_size=0)
    yield eng
    eng.close()


def test_a_spaced_fragment_whose_glued_words_cross_a_space_finds_its_headline(royal_engine):
    hits = royal_engine.search(build_params(q=ROYAL_PASTED, per_page=10)).hits
    assert hits and hits[0].url == ROYAL


# -- a selection that starts on the last letter of a word: a single letter glued to the rest ----------

DEPUTY = "https://example.go.th/news/deputy"
DEPUTY_TITLE = "รอง นรม. พล.อ.อ.ประจินฯ เป็นประธานการประชุมคณะกรรมการติดตามการปฏิบัติงาน"
DEPUTY_CUT = "ม.พล.อ.อ.ประจินฯเป็นประธานการประชุม"  # the ม of นรม., glued to the rest


@pytest.fixture(scope="module")
def deputy_engine(tmp_path_factory):
    from tests.conftest import data_dir_of

    words = [w for c in parse(DEPUTY_CUT).clauses for w in c.words]
    articles = [
        {"url": DEPUTY, "title": DEPUTY_TITLE, "date": "2018-04-01", "category": "news", "lang": "th",
         "body": "รองนายกรัฐมนตรีเป็นประธานการประชุม"},
        summary_holding(words, "https://example.go.th/news/cabinet", "2018-04-02"),
    ]
    eng = SearchEngine(data_dir_of(tmp_path_factory.mktemp("deputy"), articles), cache_size=0)
    yield eng
    eng.close()


def test_a_fragment_starting_on_a_words_last_letter_finds_its_headline_first(deputy_engine):
    assert parse(DEPUTY_CUT).clauses[0].words[0] == "ม"
    assert ends_optional(parse(DEPUTY_CUT)) is not None
    hits = deputy_engine.search(build_params(q=DEPUTY_CUT, per_page=10)).hits
    assert hits and hits[0].url == DEPUTY


def test_a_cut_syllable_before_a_number_may_be_left_out():
    # "นา" of โคโรนา, cut by the selection, glued to the number after it: no article need hold นา
    # as a word (the headline holds โคโรนา).
    wide = ends_optional(parse("นา2019(COVID-19)ประจำวันที่22มีนาคม"))
    assert wide is not None
    assert any(a.words[0] == "2019" for a in wide.clauses[0].alternatives)
    assert ends_optional(parse("ปีงบประมาณ2566ประจำวันที่22มีนาคม")) is None  # a whole word before the number


PASTED = "ก. อุตฯ แถลงผลการขับเคลื่อนการดำเนินงานที่สำคัญของ อก."  # ก. cut from รัฐมนตรี ก.อุตฯ


def test_a_cut_letter_before_the_long_clause_leaves_it_the_one_to_widen():
    wide = ends_optional(parse(PASTED))
    assert wide is not None
    assert any(a.words[-2:] == ["ของ", "อก"] for a in wide.clauses[-1].alternatives)


def test_a_fragment_with_a_cut_letter_finds_its_headline_first(tmp_path):
    """Glued, "…ของ อก." reads ขอ·งอก; the headline says ของ·อก. A summary holding every glued word
    matches; the headline is found by the reading of the pieces as spaced."""
    target = "https://www.thaigov.go.th/news/contents/details/15537"
    articles = beside_decoy(PASTED, target, "2018-03-01",
                            "รัฐมนตรี ก.อุตฯ แถลงผลการขับเคลื่อนการดำเนินงานที่สำคัญของ อก. และติดตามการดำเนินงานในปี 2561",
                            "รัฐมนตรีว่าการกระทรวงอุตสาหกรรมแถลงผลการดำเนินงานของกระทรวงอุตสาหกรรม")
    assert first_hit(tmp_path, articles, PASTED) == target


@pytest.mark.parametrize("pasted", [CUT + ".", CUT + "..", f"({CUT})"], ids=["dot", "dots", "brackets"])
def test_a_mark_pasted_after_the_cut_letter_keeps_every_reading(engine, pasted):
    # "…เผยก." (ก. of ก.อุตฯ selected with its dot): the last letter is cut, not the dot after it.
    # (With a dot, the letter before it may also be an abbreviation glued on: one reading more.)
    readings = [a.words for a in ends_optional(parse(pasted)).clauses[0].alternatives]
    assert all(r in readings for r in [a.words for a in ends_optional(parse(CUT)).clauses[0].alternatives])
    hits = engine.search(build_params(q=pasted, per_page=10)).hits
    assert hits and hits[0].url == TARGET


ABBREVIATION_CUT = "ปอ.รฟม. ลงตรวจ โครงการรถไฟฟ้า"  # the selection starts inside คปอ.


def test_a_fragment_starting_inside_an_abbreviation_finds_its_headline_first(tmp_path):
    """The index holds คปอ. as one word คปอ, so no article of ปอ. and รฟม. is the one wanted; a
    summary holding every word of the query is. The query without its cut abbreviation finds the
    headline."""
    target = "https://www.thaigov.go.th/news/contents/details/55741"
    articles = [
        {"url": target, "date": "2022-06-15", "category": "news", "lang": "th",
         "title": "คปอ.รฟม. ลงตรวจ โครงการรถไฟฟ้าสายสีชมพู ช่วงแคราย - มีนบุรี",
         "body": "การรถไฟฟ้าขนส่งมวลชน แห่งประเทศไทย (รฟม.) กระทรวงคมนาคม โดยคณะกรรมการความปลอดภัย "
                 "อาชีวอนามัย และสภาพแวดล้อมในการทำงาน (คปอ.) นำคณะเจ้าหน้าที่ตรวจติดตามงาน"},
        summary_holding(["ปอ.", "รฟม.", "ลงตรวจ", "โครงการรถไฟฟ้า"],
                        "https://www.thaigov.go.th/news/contents/details/1", "2022-06-16"),
    ]
    assert ends_optional(parse(ABBREVIATION_CUT)).clauses[0].words == ["รฟม"]
    # An abbreviation standing alone, given its dots by the parser, spelled out, or one of letters
    # with dots between them is whole.
    for whole in ("ครม. เห็นชอบ", "ครม เห็นชอบ", "พล.อ.ประยุทธ์ ประชุม", "ก.พ.ร. ประชุม"):
        assert ends_optional(parse(whole)) is None, whole
    assert first_hit(tmp_path, articles, ABBREVIATION_CUT) == target


SPACED_CUT = "👉 โรนา 2019(COVID-19) ประจำวันที่ 22"  # the selection starts inside โคโรนา


def test_a_fragment_of_several_clauses_opening_on_a_cut_word_finds_its_headline_first(tmp_path):
    """โรนา reads โร·นา, which the headline (โคโรนา, one word) does not hold; a summary holding every
    word of the query does. Read without its ragged first clause, the query finds the headline."""
    target = "https://www.thaigov.go.th/news/contents/details/27960"
    articles = beside_decoy(SPACED_CUT, target, "2020-03-22",
                            "รายงานข่าวกรณีโรคติดเชื้อไวรัสโคโรนา 2019(COVID-19) ประจำวันที่ 22 มีนาคม 2563 [กระทรวงสาธารณสุข]",
                            "กระทรวงสาธารณสุขรายงานสถานการณ์ผู้ติดเชื้อรายใหม่")
    assert [c.words for c in ends_optional(parse(SPACED_CUT)).clauses][0] == ["2019", "covid", "19"]
    assert ends_optional(parse("ปีงบประมาณ 2566 ประจำวันที่ 22")) is None  # whole words at both ends
    # Review: จ. is a whole abbreviation and เชียงใหม่ a whole word: the clause is no cut end.
    assert ends_optional(parse("จ.เชียงใหม่ จัดงาน 2567 ประชุมใหญ่ ประจำปี")) is None
    # Nor do a pair read as likely as it could be (ลง·พื้นที่) or a word before a dot make a reading.
    assert ends_optional(parse("นายกรัฐมนตรี ลงพื้นที่ ตรวจ น้ำท่วม ภาคใต้")) is None
    assert ends_optional(parse("ติดต่อสอบถามโทร.")) is None
    assert first_hit(tmp_path, articles, SPACED_CUT) == target


def test_a_fragment_cut_two_letters_into_an_abbreviation_is_read_without_them():
    # "…ประชาชนกย" of "…ประชาชน กยศ.": ประชา·ชนก·ย, and without its last letter still ประชา·ชนก; the
    # headline holds ประชาชน, the text without the two letters.
    wide = ends_optional(parse("มาตรการแก้หนี้ภาคประชาชนกย"))
    assert any(a.words[-2:] == ["ภาค", "ประชาชน"] for a in wide.clauses[0].alternatives)


@pytest.mark.parametrize(("query", "title"), [
    # A selection starting inside คกก. (the index holds คกก as one word, not กก).
    ("[กก.สุขภาพดิจิทัลฯ ครั้งแรก เห็นชอบร่าง]",
     "“อนุทิน” ประชุม คกก.สุขภาพดิจิทัลฯ ครั้งแรก เห็นชอบร่างแผนปฏิบัติการ 4 ปี เสนอ ครม."),
    # A selection ending two letters into พล.อ., after a quote.
    ('[หมื่นครัวเรือนแล้ว ย้ำ"พล]',
     '"ทิพานัน" เผยมหาดไทยโอนเงินช่วยเหลือน้ำท่วมล็อตแรกแล้ว 3.8 หมื่นครัวเรือนแล้ว ย้ำ"พล.อ.ประยุทธ์" กำชับ'),
], ids=["cut-abbreviation-first", "cut-after-quote-last"])
def test_a_fragment_cut_inside_an_abbreviation_or_after_a_quote_finds_its_headline_first(tmp_path, query, title):
    target = "https://www.thaigov.go.th/news/contents/details/70001"
    articles = beside_decoy(query, target, "2022-10-05", title, "รายละเอียดของข่าว")
    assert first_hit(tmp_path, articles, query) == target


def test_a_paragraph_cut_inside_its_last_word_finds_the_article_whose_lead_holds_it(tmp_path):
    """No headline holds the run, but the first paragraph of an article does: the wider reading is
    kept when no article of the narrow reading's head holds the run even in its lead."""
    target = "https://example.go.th/news/lead"
    articles = beside_decoy(CUT, target, "2024-05-01", "พม. จัดประชุมเครือข่ายพระธรรมทูต",
                            "เครือข่ายพระธรรมทูตไทยยกระดับงานสาธารณสงเคราะห์ เสริมบทบาทองค์กรศาสนาในต่างประเทศ")
    assert first_hit(tmp_path, articles, CUT) == target
