"""Initials written with a dot after each letter (ป.ป.ส., ธ.ก.ส.) are the letters together, in
documents and queries alike: ``ปปส`` typed without dots finds the articles of ป.ป.ส. (a fresh-eyes
tester got 0 hits and "did you mean ปวส"; the dictionary holds ปปส, while ป.ป.ส. read as ป·ป·ส)."""
from __future__ import annotations

import pytest

from indexer import SearchEngine, build_params
from indexer.thai import word_texts

DOTTED = "https://example.go.th/dotted"
UNDOTTED = "https://example.go.th/undotted"


@pytest.mark.parametrize("text,expected", [
    ("ป.ป.ส.", ["ปปส"]), ("ป.ป.ส", ["ปปส"]), ("ปปส", ["ปปส"]), ("ธ.ก.ส.ให้", ["ธกส", "ให้"]),
    ("ก. พ. ร.", ["กพร"]), ("(ป.ป.ช.)", ["ปปช"]), ("พ.ศ. 2563", ["พุทธศักราช", "2563"]),
    # A run glued to a word stays letters: เม.ย. is no initials, nor is what follows ผอ.
    ("เม.ย.", ["เม", "ย"]), ("ผอ.ป.ป.ส.", ["ผอ", "ป", "ป", "ส"]), ("อ.เมือง", ["อ", "เมือง"]),
    # Never across a space but between evenly spaced letters: separate words stay separate.
    ("10.00 น. ณ ห้อง", ["10.00", "น", "ณ", "ห้อง"]), ("ส.ส. ส.ว.", ["สส", "สว"]),
    ("30 ก.ย. ธ.ก.ส.", ["30", "กย", "ธกส"]), ("ป.ป.ช. ป.ป.ท.", ["ปปช", "ปปท"]),
])
def test_initials_are_one_word(text, expected):
    assert word_texts(text) == expected


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from conftest import data_dir_of_rows

    rows = [(DOTTED, "ป.ป.ส. จัดงานมหกรรมกองทุนแม่ของแผ่นดิน", "เลขาธิการ ป.ป.ส. เปิดงานที่เมืองทองธานี"),
            (UNDOTTED, "ธกส พักหนี้เกษตรกร", "ธกส ประกาศมาตรการพักชำระหนี้ให้เกษตรกร")]
    rows += [(f"https://example.go.th/other/{i}", f"ข่าวการประชุม ครั้งที่ {i}", "ที่ประชุมพิจารณาแผนงาน")
             for i in range(6)]
    eng = SearchEngine(data_dir_of_rows(tmp_path_factory.mktemp("initials"), rows, "2023-08-19"), cache_size=0)
    yield eng
    eng.close()


@pytest.mark.parametrize("q,url", [("ปปส", DOTTED), ("ป.ป.ส.", DOTTED), ("ป.ป.ส", DOTTED),
                                   ("ธ.ก.ส.", UNDOTTED), ("ธกส", UNDOTTED)])
def test_initials_dotted_or_not_find_each_other(engine, q, url):
    assert [h.url for h in engine.search(build_params(q=q)).hits] == [url]


@pytest.mark.parametrize("q", ["ปปส", "ป.ป.ส."])
def test_the_dotted_initials_are_marked(engine, q):
    """The word is ปปส, which the text prints ป.ป.ส.: the printed letters are marked, dots and all."""
    hit = engine.search(build_params(q=q)).hits[0]
    assert "<mark>ป.ป.ส.</mark>" in hit.snippet and "<mark>ป.ป.ส.</mark>" in hit.title_html
