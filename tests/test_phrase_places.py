"""A phrase matches where a word of it also stands, as a compound's part, at the next place
(indexer/whoosh_backend/phrases.py): Whoosh's SpanOr merged the two places into one span, and
การ·ดำเนินการ·กำหนด ("ในการดำเนินการกำหนดจัดงาน") matched no article that prints it."""
from __future__ import annotations

import pytest

from indexer import build_params
from indexer.thai import iter_text, use_lexicon

HOLDER = "https://example.go.th/holder"
APART = "https://example.go.th/apart"


@pytest.fixture(scope="module")
def phrase_engine(tmp_path_factory):
    from conftest import data_dir_of_rows
    from indexer import SearchEngine

    rows = [(HOLDER, "กระทรวงวัฒนธรรมแถลงข่าว",
             "ความร่วมมือระหว่างกระทรวงวัฒนธรรม และจังหวัดกาฬสินธุ์ ในการดำเนินการกำหนดจัดงานระหว่างวันที่ 13 – 17 พฤษภาคม 2565"),
            (APART, "ข่าวอื่น", "กำหนด การประชุม และ การ ติดตาม ดำเนินการ ต่อไป")]
    eng = SearchEngine(data_dir_of_rows(tmp_path_factory.mktemp("places"), rows, "2024-01-05"), cache_size=0)
    yield eng
    eng.close()


def test_the_holder_prints_a_word_and_its_part_at_neighbouring_places(phrase_engine):
    """The case itself: การ at one place and ~การ (of ดำเนินการ) at the next."""
    with use_lexicon(phrase_engine.backend.lexicon()):
        tokens = [(w, pos) for w, _s, _e, pos in iter_text("ในการดำเนินการกำหนดจัดงาน")]
    places = {w: pos for w, pos in tokens}
    assert places["การ"] + 1 == places["ดำเนินการ"] == places["~การ"]


@pytest.mark.parametrize("query", ['"การดำเนินการกำหนด"', '"ในการดำเนินการกำหนดจัดงาน"'])
def test_a_quoted_phrase_finds_the_article_printing_it_and_only_it(phrase_engine, query):
    r = phrase_engine.search(build_params(q=query))
    assert [h.url for h in r.hits] == [HOLDER]


def test_a_passage_with_cut_ends_finds_the_article_it_was_copied_from(phrase_engine):
    r = phrase_engine.search(build_params(q="ดกาฬสินธุ์ ในการดำเนินการกำหนดจัดงานระหว่างวันที่ 13 – 17"))
    assert r.hits and r.hits[0].url == HOLDER
