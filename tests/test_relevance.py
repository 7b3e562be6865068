"""Regression guards for search quality on real articles (the full figures: bench/eval_relevance.py)."""
from __future__ import annotations

import re

import pytest

from indexer import SearchEngine, build_params


def reciprocal_rank(engine, query: str, url: str) -> float:
    hits = engine.search(build_params(q=query, per_page=10)).hits
    return next((1 / i for i, h in enumerate(hits, start=1) if h.url == url), 0.0)


@pytest.fixture(scope="module")
def headlines(engine):
    arts = [a for a in engine.store().iter_articles() if len(a.title.split()) >= 2]
    return [(a.title, a.url) for a in arts if re.search("[\u0e01-\u0e4e]", a.title)]


@pytest.mark.parametrize("way", ["printed", "no spaces", "quoted"])
def test_known_item_headlines_come_first(engine, headlines, way):
    queries = {
        "printed": lambda t: " ".join(t.split()[:4]),
        "no spaces": lambda t: "".join(t.split()[:4]),
        "quoted": lambda t: '"' + " ".join(t.split()[:4]) + '"!',
    }[way]
    mrr = sum(reciprocal_rank(engine, queries(t), u) for t, u in headlines) / len(headlines)
    assert mrr >= 0.95, mrr


@pytest.mark.parametrize("word", ["มหาดไทย", "ผู้ว่าราชการ", "เศรษฐกิจ", "ข้าราชการ", "งบประมาณ", "ไวรัส"])
def test_every_article_containing_the_word_is_found(engine, word):
    truth = {a.url for a in engine.store().iter_articles() if word in f"{a.title}\n{a.body}"}
    if not truth:
        pytest.skip(f"no core article contains {word}")
    assert engine.matching_urls(word) >= truth


# -- Thai relevance II: names glued to a verb, re-spaced queries, words that stand together ------

def _url_of(engine, title_start: str) -> str:
    return next(a.url for a in engine.store().iter_articles() if a.title.startswith(title_start))


@pytest.mark.parametrize("query, title_start", [
    ("เฉลิมชัยโชว์ผลงาน", "“เฉลิมชัย” โชว์ผลงาน"),          # a quoted name glued to the verb after it
    ("ศักดิ์สยามชิดชอบรัฐมนตรี", "นายศักดิ์สยาม ชิดชอบ"),      # a name the dictionary splits, glued
    ("สุริยะสั่งหน่วยงาน", "ขีดเส้น 3 เดือน “สุริยะ”"),
    ("ผู้ตรวจสมพลฯลงพื้นที่ตราด", "ผู้ตรวจสมพลฯ ลงพื้นที่ตราด"),
])
def test_a_glued_name_finds_its_headline_first(engine, query, title_start):
    assert reciprocal_rank(engine, query, _url_of(engine, title_start)) == 1.0


@pytest.mark.parametrize("glued, spaced", [
    ("สำนักงานปลัดกระทรวง", "สำนักงาน ปลัดกระทรวง"),
    ("กระทรวงมหาดไทย", "กระทรวง มหาดไทย"),
    ("ผู้ว่าราชการจังหวัด", "ผู้ว่าราชการ จังหวัด"),
    ("รถไฟความเร็วสูง", "รถไฟ ความเร็ว สูง"),
])
def test_a_query_and_the_same_query_re_spaced_give_the_same_results(engine, glued, spaced):
    a = engine.search(build_params(q=glued, per_page=20))
    b = engine.search(build_params(q=spaced, per_page=20))
    assert a.total > 0
    assert [h.url for h in a.hits] == [h.url for h in b.hits]


def test_words_standing_together_in_the_body_rank_above_scattered_ones(engine):
    # "พัฒนาประเทศ" stands as one run in 4 core articles; 9 others hold the two words apart.
    arts = list(engine.store().iter_articles())
    together = [a.url for a in arts if "พัฒนาประเทศ" in f"{a.title}{a.body}".replace(" ", "")]
    apart = [a.url for a in arts if "พัฒนา" in a.body and "ประเทศ" in a.body and a.url not in together]
    assert together and apart, "the core articles no longer hold both cases"
    hits = [h.url for h in engine.search(build_params(q="พัฒนา ประเทศ", per_page=40)).hits]
    worst_together = max(hits.index(u) for u in together if u in hits)
    best_apart = min(hits.index(u) for u in apart if u in hits)
    assert worst_together < best_apart


def test_a_pasted_fragment_with_quotes_and_emoji_finds_its_headline(engine):
    url = _url_of(engine, "“พัชรวาท” ชง")
    assert reciprocal_rank(engine, "👉 “พัชรวาท” ชง ร่าง พ.ร.บ.อากาศสะอาด!! ❤️", url) == 1.0


# -- abbreviations typed without their dots ----------------------------------------------------

@pytest.mark.parametrize("query, title_start", [
    ("รมวสธลงพื้นที่", "รมว.สธ.ลงพื้นที่"),                   # glued, every dot left out
    ("รมว สธ.ลงพื้นที่ขอบคุณ", "รมว.สธ.ลงพื้นที่"),            # spaced
    ("พรบอากาศสะอาด", "“พัชรวาท” ชง ร่าง พ.ร.บ.อากาศสะอาด"),
    ("พ.ร.บอากาศสะอาด", "“พัชรวาท” ชง ร่าง พ.ร.บ.อากาศสะอาด"),  # the last dot only
    ("รมชอิทธิ", "“รมช.อิทธิ” ลุยต่อเนื่อง"),
])
def test_an_abbreviation_typed_without_its_dots_finds_its_headline_first(engine, query, title_start):
    assert reciprocal_rank(engine, query, _url_of(engine, title_start)) == 1.0


@pytest.mark.parametrize("typed, read", [
    ("ครมเห็นชอบ", "ครม.เห็นชอบ"),
    ("เอนก รมว", "เอนก รมว."),
    ("พลอประยุทธ์", "พล.อ.ประยุทธ์"),
    ("พลออ. ประจิน", "พล.อ.อ. ประจิน"),
    ("กทม", "กทม."),
    ("พลอยแดง", "พลอยแดง"),      # a gem, not พล.อ. + ยแดง
    ("พลทหาร", "พลทหาร"),        # a private, not พล.ท. + หาร
    ("อบรมวิชา", "อบรมวิชา"),     # รมว inside a word is not the abbreviation
    ("ครม.เห็นชอบ", "ครม.เห็นชอบ"),
    ("ศุภมาสรมว", "ศุภมาสรมว."),  # glued after a name: the end of the run
    ("โครม", "โครม"),            # a crash, not โ + ครม.
    ("สอพลอ", "สอพลอ"),
    ("ครม.กทม", "ครม.กทม."),       # right after another abbreviation's dot
    ("ครม.กทมจัดงาน", "ครม.กทม.จัดงาน"),
    ("1.ครมเห็นชอบ", "1.ครม.เห็นชอบ"),  # after a list number
    ("จ.พลอยแดง", "จ.พลอยแดง"),   # after a dot, still a gem
])
def test_undotted_abbreviations_are_read_with_their_dots(typed, read):
    from indexer.thai import dot_abbreviations

    assert dot_abbreviations(typed) == read


@pytest.mark.parametrize("undotted, dotted", [
    ("รมวสธ", "รมว.สธ."), ("รมว สธ", "รมว. สธ."), ("พรบ", "พ.ร.บ."), ("รมชอิทธิ", "รมช.อิทธิ"),
])
def test_an_undotted_abbreviation_finds_what_the_dotted_one_finds(engine, undotted, dotted):
    a = engine.search(build_params(q=undotted, per_page=20))
    b = engine.search(build_params(q=dotted, per_page=20))
    assert b.total > 0
    assert (a.total, [h.url for h in a.hits]) == (b.total, [h.url for h in b.hits])


@pytest.fixture(scope="module")
def undotted_engine(tmp_path_factory):
    """Two real articles: one writes กทม without its dot (สาขาในสังกัด กทม และ ปริมณฑล), one with it."""
    import json

    from tests.conftest import DATA, data_dir_of

    articles = [json.loads(line) for line in (DATA / "undotted_articles.jsonl").read_text(encoding="utf-8").splitlines()]
    eng = SearchEngine(data_dir_of(tmp_path_factory.mktemp("undotted"), articles), cache_size=0)
    yield eng
    eng.close()


@pytest.mark.parametrize("query", ["สังกัดกทมและปริมณฑล", "สาขาในสังกัด กทม และ ปริมณฑล"])
def test_letters_given_dots_still_find_an_article_that_writes_them_undotted(undotted_engine, query):
    """The dotted reading (กรุงเทพมหานคร) finds nothing here; the query occurs in the first article
    as typed, so the letters are read as typed rather than finding nothing."""
    hits = undotted_engine.search(build_params(q=query)).hits
    assert [h.url for h in hits] == ["https://www.thaigov.go.th/news/contents/details/17169"]


@pytest.mark.parametrize("query", ["กทม", "กทม ปริมณฑล OR ต้นไม้"])
def test_letters_given_dots_find_both_spellings_in_one_run(undotted_engine, query):
    """กทม typed without its dot is read as กทม. (กรุงเทพมหานคร), which the second article holds, and
    as typed, which the first holds: both are found, not only the dotted one."""
    hits = undotted_engine.search(build_params(q=query)).hits
    assert sorted(h.url for h in hits) == ["https://www.thaigov.go.th/news/contents/details/17169",
                                           "https://www.thaigov.go.th/news/contents/details/3879"]


def test_letters_typed_with_their_dot_find_the_dotted_spelling_only(undotted_engine):
    hits = undotted_engine.search(build_params(q="กทม.")).hits
    assert [h.url for h in hits] == ["https://www.thaigov.go.th/news/contents/details/3879"]


def test_an_article_that_writes_the_letters_undotted_has_them_marked(undotted_engine):
    hits = undotted_engine.search(build_params(q="กทม")).hits
    hit = next(h for h in hits if h.url.endswith("/17169"))
    assert "<mark>กทม</mark>" in hit.snippet


def test_the_rarer_spelling_is_no_rarer_a_word(tmp_path):
    """Three articles write กทม. and one writes กทม, each once in a body of the same length: read as
    the same word, the one spelling it undotted does not come first for being the only one."""
    from tests.conftest import data_dir_of

    body = "ประชาชนในพื้นที่ {} ร่วมกิจกรรมวันเด็กแห่งชาติ ณ สวนสาธารณะ"
    articles = [{"url": f"https://www.thaigov.go.th/news/contents/details/{i}", "title": f"กิจกรรมวันเด็ก {i}",
                 "body": body.format(spelling), "date": "2023-01-14"}
                for i, spelling in enumerate(["กทม.", "กทม.", "กทม.", "กทม"], start=1)]
    eng = SearchEngine(data_dir_of(tmp_path, articles), cache_size=0)
    try:
        hits = eng.search(build_params(q="กทม")).hits
    finally:
        eng.close()
    assert len(hits) == 4 and not hits[0].url.endswith("/4")


def test_letters_read_as_typed_that_find_nothing_leave_the_other_fall_backs_to_run(undotted_engine):
    """Neither reading holds every word (กทม undotted and ดอกเบี้ย are in one article, กทม. and
    ต้นไม้ใหญ่หักโค่น in the other): the as-typed reading does not stop the query from finding
    articles with some of its words, and what was typed is not offered as its own did-you-mean."""
    result = undotted_engine.search(build_params(q="กทม ต้นไม้ใหญ่หักโค่น ดอกเบี้ย"))
    assert result.total == 2 and result.did_you_mean is None
    assert "some_words" in [n.code for n in result.notices]


def test_the_letters_read_as_typed_do_not_widen_a_query_the_dotted_reading_answers(tmp_path):
    """ผู้ว่าราชการกทม: the dotted reading finds the governor of Bangkok. The as-typed letters (กทม,
    which no article writes undotted) must not be dropped to find every governor."""
    from tests.conftest import data_dir_of

    articles = [
        {"url": "https://www.thaigov.go.th/news/contents/details/1", "title": "ผู้ว่าราชการ กทม. ลงพื้นที่ตรวจน้ำท่วม",
         "body": "ผู้ว่าราชการกรุงเทพมหานครลงพื้นที่ตรวจสอบสถานการณ์น้ำท่วมในเขตบางเขน", "date": "2023-09-01"},
        {"url": "https://www.thaigov.go.th/news/contents/details/2", "title": "ผู้ว่าราชการจังหวัดเชียงใหม่ลงพื้นที่",
         "body": "ผู้ว่าราชการจังหวัดเชียงใหม่ตรวจสอบสถานการณ์ไฟป่าในอำเภอแม่ริม", "date": "2023-03-01"},
    ]
    eng = SearchEngine(data_dir_of(tmp_path, articles), cache_size=0)
    try:
        hits = eng.search(build_params(q="ผู้ว่าราชการกทม")).hits
    finally:
        eng.close()
    assert [h.url for h in hits] == ["https://www.thaigov.go.th/news/contents/details/1"]


def test_letters_of_an_or_alternative_are_marked_as_typed_too():
    from indexer.query import parse

    assert {"กทม", "กรุงเทพมหานคร", "ต้นไม้"} <= parse("ต้นไม้ OR กทม").highlight_terms


def test_some_words_keeps_the_letters_as_typed(undotted_engine):
    """กทม ปริมณฑล ต้นไม้ใหญ่หักโค่น: no article holds every word. With some of the words, the article
    writing กทม undotted (and ปริมณฑล) is among them, as is the one writing กทม. with the fallen trees."""
    result = undotted_engine.search(build_params(q="กทม ปริมณฑล ต้นไม้ใหญ่หักโค่น"))
    assert "some_words" in [n.code for n in result.notices]
    hit = next(h for h in result.hits if h.url.endswith("/17169"))
    assert "<mark>กทม</mark>" in hit.snippet
