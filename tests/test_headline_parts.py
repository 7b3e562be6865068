"""A word inside a compound of the headline is a headline match: "มอบนโยบายผู้ว่าราชการจังหวัด" is a
headline about ผู้ว่าราชการ, ranked above articles that mention it in passing (the title field
holds the parts of compounds as the text field does; a fresh-eyes tester saw two body-only mentions
ranked above it)."""
from __future__ import annotations

import pytest

from indexer import SearchEngine, build_params

HEADLINE = "https://example.go.th/headline"
PASSING = "https://example.go.th/passing"


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from conftest import data_dir_of_rows

    rows = [
        (HEADLINE, "รัฐมนตรีว่าการกระทรวงมหาดไทย มอบนโยบายผู้ว่าราชการจังหวัด 14 จังหวัดภาคใต้",
         "รัฐมนตรีว่าการกระทรวงมหาดไทยเดินทางไปจังหวัดสุราษฎร์ธานี เพื่อมอบนโยบายการทำงานในพื้นที่ภาคใต้"),
        (PASSING, "ป.ป.ส. จัดงานมหกรรมกองทุนแม่ของแผ่นดิน ประจำปี 2566",
         "เลขาธิการ ป.ป.ส. ผู้ว่าราชการจังหวัด 73 จังหวัด และผู้ว่าราชการกรุงเทพมหานคร ร่วมงาน"
         " ผู้แทนหมู่บ้านกองทุนแม่ของแผ่นดินร่วมงานจำนวน 2,400 คน ณ อิมแพ็ค เมืองทองธานี"),
    ]
    rows += [(f"https://example.go.th/other/{i}", f"ข่าวการประชุมคณะทำงาน ครั้งที่ {i}",
              "ที่ประชุมพิจารณาแผนงานประจำปี") for i in range(8)]
    eng = SearchEngine(data_dir_of_rows(tmp_path_factory.mktemp("headline_parts"), rows, "2023-08-19"),
                       cache_size=0)
    yield eng
    eng.close()


def test_a_word_inside_a_headline_compound_ranks_above_mentions_in_the_body(engine):
    r = engine.search(build_params(q="ผู้ว่าราชการ"))
    assert [h.url for h in r.hits] == [HEADLINE, PASSING]


def test_the_whole_compound_still_finds_both(engine):
    r = engine.search(build_params(q="ผู้ว่าราชการจังหวัด"))
    assert {h.url for h in r.hits} == {HEADLINE, PASSING}
