"""A word no article holds is read in its finest parts only where they stand together: ค่า·แรง·ขั้น·ต่ำ
scattered over an article (ค่าฝุ่น, ลมแรง, ขั้นตอน, ต่ำกว่า) is not ค่าแรงขั้นต่ำ (a fresh-eyes tester got
two such articles, nothing of them highlighted). A passage pasted keeps the loose reading: its
words are placed by the re-ranking and the passage readings. indexer.ranking.Ranker.clause."""
from __future__ import annotations

import pytest

from indexer import SearchEngine, build_params

SCATTERED = "https://example.go.th/scattered"
TOGETHER = "https://example.go.th/together"


def _engine(tmp_path_factory, rows) -> SearchEngine:
    from conftest import data_dir_of_rows

    rows = rows + [(f"https://example.go.th/other/{i}", f"ข่าวการประชุม ครั้งที่ {i}", "ที่ประชุมพิจารณาแผนงาน")
                   for i in range(6)]
    return SearchEngine(data_dir_of_rows(tmp_path_factory.mktemp("finest"), rows, "2023-12-13"), cache_size=0)


@pytest.fixture(scope="module")
def scattered(tmp_path_factory):
    eng = _engine(tmp_path_factory, [
        (SCATTERED, "ฝุ่นพุ่งสูง", "ค่าฝุ่นสูง ลมพัดแรง ขั้นตอนการดูแลสุขภาพ อุณหภูมิต่ำกว่าปกติ")])
    yield eng
    eng.close()


@pytest.fixture(scope="module")
def together(tmp_path_factory):
    eng = _engine(tmp_path_factory, [
        (SCATTERED, "ฝุ่นพุ่งสูง", "ค่าฝุ่นสูง ลมพัดแรง ขั้นตอนการดูแลสุขภาพ อุณหภูมิต่ำกว่าปกติ"),
        # Across a paragraph's end no word crosses (no ~ค่าแรงขั้นต่ำ): only the finest parts stand together.
        (TOGETHER, "ปรับค่าแรง", "คณะกรรมการพิจารณาปรับค่าแรง\nขั้นต่ำ 400 บาท")])
    yield eng
    eng.close()


def test_parts_scattered_over_an_article_do_not_match(scattered):
    assert scattered.search(build_params(q="ค่าแรงขั้นต่ำ")).total == 0


def test_parts_standing_together_still_match(together):
    assert [h.url for h in together.search(build_params(q="ค่าแรงขั้นต่ำ")).hits] == [TOGETHER]


def test_the_parts_of_one_compound_touch(together):
    """The span query behind it: ค่า and แรง stand at one place (ค่าแรง's), ขั้น and ต่ำ at the next."""
    terms = together.backend._terms()
    finest = ["ค่า", "แรง", "ขั้น", "ต่ำ"]
    assert len(terms.phrase_docs(finest, touching=True)) == 1 and len(terms.phrase_docs(finest)) == 0
