"""จ. and จังหวัด before a province's name are one word (indexer.place_prefix): "จ.เชียงใหม่" and
"จังหวัดเชียงใหม่" find the same releases, each form first where it was typed. Real headlines of
../shared's corpus."""
from __future__ import annotations

import pytest

from indexer import SearchEngine, build_params
from indexer.place_prefix import swapped

ABBREVIATED = ("https://www.thaigov.go.th/news/contents/details/70001",
               "รัฐมนตรี ก.อุตฯ เยือนชุมชนออนใต้ หมู่บ้าน CIV ต้นแบบ จ.เชียงใหม่", "ชุมชนออนใต้ จ.เชียงใหม่")
SPELLED = ("https://www.thaigov.go.th/news/contents/details/70002",
           "รมว.วธ.นำผู้พิการและเด็กพิการ ชมพิพิธภัณฑสถานแห่งชาติ จังหวัดเชียงใหม่", "พิพิธภัณฑสถานแห่งชาติ จังหวัดเชียงใหม่")
# เชียงใหม่ in it, but a road's name, not the province; and จ. before another province.
ROAD = ("https://www.thaigov.go.th/news/contents/details/70003",
        "กรมทางหลวงชวนรับลมหนาว ขับรถชมความสวยงาม ทล.118 สายเชียงใหม่ - เชียงราย", "ทางหลวงสายเชียงใหม่ - เชียงราย จ.เชียงราย")

NAN = ("https://www.thaigov.go.th/news/contents/details/70004", "วธ. เปิดพิพิธภัณฑสถานแห่งชาติ น่าน ให้เข้าชมฟรี",
       "พิพิธภัณฑสถานแห่งชาติ น่าน")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from tests.conftest import data_dir_of_rows

    eng = SearchEngine(data_dir_of_rows(tmp_path_factory.mktemp("jor"), (ROAD, SPELLED, ABBREVIATED, NAN), "2024-02-01"),
                       cache_size=0)
    yield eng
    eng.close()


def test_only_before_a_province_name():
    assert swapped(["จ", "เชียงใหม่", "ลง", "พื้นที่"]) == ["จังหวัด", "เชียงใหม่", "ลง", "พื้นที่"]
    assert swapped(["น้ำท่วม", "จังหวัด", "น่าน"]) == ["น้ำท่วม", "จ", "น่าน"]
    assert swapped(["จ", "ลง", "พื้นที่"]) is None and swapped(["จังหวัด"]) is None


@pytest.mark.parametrize("q,first,second", [("จ.เชียงใหม่", ABBREVIATED, SPELLED),
                                             ("จังหวัดเชียงใหม่", SPELLED, ABBREVIATED)])
def test_either_form_finds_both_the_typed_one_first(engine, q, first, second):
    """The road's headline holds เชียงใหม่ and its body a จ. (before another province): words of
    a glued clause may stand apart, so it may match too, but below both."""
    urls = [h.url for h in engine.search(build_params(q=q)).hits]
    assert urls[:2] == [first[0], second[0]], q


def test_an_excluded_province_excludes_both_forms(engine):
    assert {h.url for h in engine.search(build_params(q="พิพิธภัณฑสถานแห่งชาติ")).hits} == {SPELLED[0], NAN[0]}
    assert [h.url for h in engine.search(build_params(q="พิพิธภัณฑสถานแห่งชาติ -จ.เชียงใหม่")).hits] == [NAN[0]]
