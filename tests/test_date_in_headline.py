"""A month or year inside a pasted headline fragment is text when the fragment's headline holds it
(indexer.date_text; issue 10: "… ประจำปีงบประมาณ พ.ศ. 2563 ระหว่าง …" pasted lost its article to
the date filter), while a topic typed beside a date stays a date filter."""
from __future__ import annotations

from datetime import date

import pytest

from indexer import SearchEngine, build_params
from indexer.result import Notice
from webui.notices import notice_text

TARGET = "https://example.go.th/news/excise"
TITLE = "ผลการปราบปรามผู้กระทำผิดกฎหมายสรรพสามิต ประจำปีงบประมาณ พ.ศ. 2563 ระหว่างเดือนตุลาคม"
PASTED = "พ.ศ. 2563 ระหว่าง ❤️"


def _article(url: str, title: str, day: str, body: str = "รายละเอียดของข่าว") -> dict:
    return {"url": url, "title": title, "date": day, "category": "news", "lang": "th", "body": body}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from tests.conftest import data_dir_of

    articles = [_article(TARGET, TITLE, "2021-01-15")]  # the fiscal year 2563 reported in 2021
    # Articles of 2020 that say ระหว่าง (many, in their headlines: they outrank the target in 2020).
    articles += [_article(f"https://example.go.th/news/between-{i}", f"ความร่วมมือระหว่างไทยกับประเทศที่ {i}",
                          f"2020-0{i + 1}-10") for i in range(5)]
    articles.append(_article("https://example.go.th/news/flood", "น้ำท่วมภาคเหนือ ช่วยเหลือผู้ประสบภัย",
                             "2021-03-12", "น้ำท่วมหนักในเดือนมีนาคม"))
    articles.append(_article("https://example.go.th/news/flood-old", "น้ำท่วมภาคใต้ ช่วยเหลือผู้ประสบภัย",
                             "2020-11-02", "น้ำท่วมหนัก"))
    eng = SearchEngine(data_dir_of(tmp_path_factory.mktemp("dated"), articles), cache_size=0)
    yield eng
    eng.close()


def test_a_pasted_fragment_with_a_year_finds_its_headline_first(engine):
    r = engine.search(build_params(q=PASTED, per_page=10))
    assert r.hits and r.hits[0].url == TARGET
    assert r.date_from_query is None
    assert [n.code for n in r.notices] == ["date_in_headline"]
    assert r.notices[0].params == {"since": "2020-01-01", "until": "2020-12-31"}


def test_every_page_of_the_fragment_is_read_the_same_way(engine):
    r = engine.search(build_params(q=PASTED, per_page=2, page=2))
    assert r.date_from_query is None and [n.code for n in r.notices] == ["date_in_headline"]


def test_a_topic_beside_a_month_stays_a_date_filter(engine):
    r = engine.search(build_params(q="น้ำท่วม มีนาคม 2564", per_page=10))
    assert [h.url for h in r.hits] == ["https://example.go.th/news/flood"]
    assert r.date_from_query == (date(2021, 3, 1), date(2021, 3, 31))
    # น้ำท่วม is also searched as อุทกภัย (indexer.synonyms), and the page says so.
    assert [n.code for n in r.notices] == ["date_filter_from_query", "also_searched"]


def test_the_notice_is_worded_in_both_languages():
    n = Notice(code="date_in_headline", params={"since": "2020-01-01", "until": "2020-12-31"})
    assert "2563" in notice_text(n, "th") and "2020" in notice_text(n, "en")
