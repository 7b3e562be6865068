"""อ. and ต. before a place's name are อำเภอ and ตำบล (indexer.place_prefix), as จ. is จังหวัด
(tests/test_province_prefix.py): "อ.แม่สาย" and "อำเภอแม่สาย" find the same releases, the form typed
first. Real headlines of ../shared's corpus, with a line of their bodies."""
from __future__ import annotations

import pytest

from indexer import SearchEngine, build_params
from indexer.place_prefix import swapped

U = "https://www.thaigov.go.th/news/contents/details/"
MAE_SAI_SHORT = (U + "87880", "นายกฯ “แพทองธาร” ห่วงใยผู้ประสบภัย อ.แม่สาย จ.เชียงราย กำชับเจ้าหน้าที่เร่งช่วยผู้ประสบภัย",
                 "ผู้ประสบภัย อ.แม่สาย จ.เชียงราย")
MAE_SAI_SHORT2 = (U + "88169", "‘ซาบีดา’ ระดมทีม ประปา-โยธา ช่วยชาว อ.แม่สาย ฟื้นฟูคืนสภาพหลังน้ำลด "
                  "เยี่ยมให้กำลังใจผู้ประสบอุทกภัยชุมชนกกโท้ง อ.เมือง จ.เชียงราย", "ชุมชนกกโท้ง อ.เมือง จ.เชียงราย")
MAE_SAI_FULL = (U + "88752", "รัฐมนตรีช่วยว่าการกระทรวงกลาโหมพร้อมคณะ ลงพื้นที่เพื่อตรวจเยี่ยมและให้กำลังใจผู้ประสบภัย"
                "และเจ้าหน้าที่ที่ปฏิบัติงานฟื้นฟูในพื้นที่ อำเภอแม่สาย จังหวัดเชียงราย", "ฟื้นฟูในพื้นที่ อำเภอแม่สาย จังหวัดเชียงราย")
# The town's people, not the district: neither อ. nor อำเภอ before แม่สาย.
MAE_SAI_BARE = (U + "88520", "นายกฯ “แพทองธาร” ให้กำลังใจชาวแม่สาย หลังลุยโคลนกอดชาวบ้านให้กำลังใจ", "ให้กำลังใจชาวแม่สาย")
MUEANG_FULL = (U + "44655", "กรมทางหลวงชนบท ยกระดับถนนสายแยก ทล.4 - บ้านหินเทิน อำเภอเมือง จังหวัดประจวบคีรีขันธ์",
               "บ้านหินเทิน อำเภอเมือง จังหวัดประจวบคีรีขันธ์")
NAI_MUEANG_SHORT = (U + "57613", "โฆษกรัฐบาลเผย นายกฯ สั่งเร่งติดตามผู้กระทำผิดมาลงโทษ กรณีกราดยิง จ.อุบลราชธานี",
                    "บริเวณลานร้านบันเทิง ถ.ชยางกูร ต.ในเมือง อ.เมืองอุบลราชธานี จ.อุบลราชธานี")
NAI_MUEANG_FULL = (U + "57723", "ปลัดมหาดไทยเข้ม สั่งการผู้ว่าฯ ทั่วประเทศ ควบคุมและกำกับดูแลสถานบริการ",
                   "บริเวณร้านอาหารและลานจอดรถห้างบิ๊กซี ตำบลในเมือง อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี")
# อ. (อาจารย์) and เมือง far apart: not อ.เมือง, whatever letters the two hold.
STRAY = (U + "90001", "ครูดีเด่นประจำปี", "อ.สมศรี สอนดีเด่น ลูกศิษย์ไปทำงานในเมืองหลวง")
# A governor (พ่อเมือง) in the headline, the district in the body: squeezed, พ่อเมือง holds "อเมือง".
POR_MUEANG = (U + "90002", "พ่อเมืองอุตรดิตถ์ จับมือแม่บ้านมหาดไทยจังหวัดอุตรดิตถ์ จัดแสดงเดินแบบผ้าไทย",
              "ผู้ว่าราชการจังหวัดอุตรดิตถ์ เป็นประธานเปิดงาน ณ ศาลากลาง อำเภอเมืองอุตรดิตถ์")
ROWS = (MAE_SAI_SHORT, MAE_SAI_SHORT2, MAE_SAI_FULL, MAE_SAI_BARE, MUEANG_FULL, NAI_MUEANG_SHORT, NAI_MUEANG_FULL,
        STRAY, POR_MUEANG)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from tests.conftest import data_dir_of_rows

    eng = SearchEngine(data_dir_of_rows(tmp_path_factory.mktemp("amphoe"), ROWS, "2024-09-20"), cache_size=0)
    yield eng
    eng.close()


def urls(engine, q: str) -> list[str]:
    return [h.url for h in engine.search(build_params(q=q)).hits]


def test_the_other_spelling_before_a_name():
    assert swapped(["อ", "แม่", "สาย"], "อ.แม่สาย") == ["อำเภอ", "แม่", "สาย"]
    assert swapped(["ตำบล", "ใน", "เมือง"], "ตำบลในเมือง") == ["ต", "ใน", "เมือง"]
    assert swapped(["น้ำท่วม", "อ", "เมือง"], "น้ำท่วมอ.เมือง") == ["น้ำท่วม", "อำเภอ", "เมือง"]


@pytest.mark.parametrize("words,text", [
    (["ต", "ค"], "ต.ค."),                                # October
    (["อ", "ส", "ค"], "อ.ส.ค."),                         # an agency's letters
    (["พ", "ต", "อ", "สม", "ชาย"], "พ.ต.อ.สมชาย"),        # a police rank
    (["อ", "เมือง"], "อเมือง"),                          # no dot typed: not the abbreviation
    (["อำเภอ"], "อำเภอ"), (["ต", "64"], "ต.64"),
])
def test_no_swap_where_the_letter_is_no_place(words, text):
    assert swapped(words, text) is None


@pytest.mark.parametrize("q,first", [
    ("อ.แม่สาย", [MAE_SAI_SHORT, MAE_SAI_SHORT2]), ("อำเภอแม่สาย", [MAE_SAI_FULL]),
])
def test_either_form_finds_both_the_typed_one_first(engine, q, first):
    """Both spellings of the district, the one typed first; the town's people (ชาวแม่สาย) are no
    district's, as a bare เชียงใหม่ is no จ.เชียงใหม่."""
    found = urls(engine, q)
    assert set(found) == {MAE_SAI_SHORT[0], MAE_SAI_SHORT2[0], MAE_SAI_FULL[0]}, q
    assert set(found[:len(first)]) == {row[0] for row in first}, q


@pytest.mark.parametrize("q,first,second", [("ต.ในเมือง", NAI_MUEANG_SHORT, NAI_MUEANG_FULL),
                                             ("ตำบลในเมือง", NAI_MUEANG_FULL, NAI_MUEANG_SHORT)])
def test_a_subdistrict_either_way(engine, q, first, second):
    assert urls(engine, q)[:2] == [first[0], second[0]], q


def test_a_space_after_the_dot_leaves_the_letter_optional(engine):
    """"อ. แม่สาย": the lone letter is optional as one beside a longer word is (it may be a selection's
    cut end, tests/test_cut_ends.py): both spellings of the district first, then the town's people."""
    found = urls(engine, "อ. แม่สาย")
    assert set(found[:3]) == {MAE_SAI_SHORT[0], MAE_SAI_SHORT2[0], MAE_SAI_FULL[0]} and found[3:] == [MAE_SAI_BARE[0]]


def test_amphoe_mueang_finds_both_spellings(engine):
    assert {MUEANG_FULL[0], MAE_SAI_SHORT2[0]} <= set(urls(engine, "อ.เมือง"))
    assert {MUEANG_FULL[0], MAE_SAI_SHORT2[0]} <= set(urls(engine, "อำเภอเมือง"))
    assert urls(engine, "อำเภอเมือง")[0] == MUEANG_FULL[0]


def test_an_excluded_district_excludes_both_forms(engine):
    assert urls(engine, "แม่สาย -อ.แม่สาย") == urls(engine, "แม่สาย -อำเภอแม่สาย") == [MAE_SAI_BARE[0]]


@pytest.mark.parametrize("q", ["อ.เมือง", "อำเภอเมือง"])
def test_the_letter_must_stand_before_the_name(engine, q):
    """A stray อ. (อ.สมศรี) and เมือง elsewhere in an article matched อ.เมือง as two words anywhere."""
    assert STRAY[0] not in urls(engine, q)


def test_the_letter_of_a_word_before_the_name_is_no_district(engine):
    """A second fresh-eyes pass: พ่อเมือง headlines ranked above อ.เมือง ones, their อ taken for the
    district's (the run compared squeezed, "อเมือง"): a headline that prints the district comes first."""
    got = urls(engine, "อ.เมือง")
    assert got.index(MAE_SAI_SHORT2[0]) < got.index(POR_MUEANG[0]) and got.index(MUEANG_FULL[0]) < got.index(POR_MUEANG[0])
    from indexer.proximity import IN_HEADLINE

    por = next(h for h in engine.search(build_params(q="อ.เมือง")).hits if h.url == POR_MUEANG[0])
    assert por.score < IN_HEADLINE  # no headline tier: its headline holds no district
