"""Paging through a re-ranked query: every match on exactly one page, whatever the page size.

The best 60 matches by BM25 (the head) are re-ranked by proximity; a page that reaches past the
head (50 a page) must take its first rows from the re-ranked head and the rest from the BM25 order
past it: cut from the BM25 order alone, it showed again what the head moved up to page 1 and
never showed what the head moved down."""
from __future__ import annotations

import pytest

from indexer import SearchEngine, build_params
from indexer.proximity import HEAD

SCATTERED = 54  # short articles with ราคา and ปุ๋ย apart: the best BM25 scores
TOGETHER = 10  # long articles with ราคาปุ๋ย as one run: lowest by BM25, some inside the head


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from tests.conftest import data_dir_of

    filler = "คณะทำงานประชุมติดตามผลการดำเนินงานของหน่วยงานในพื้นที่อย่างต่อเนื่อง " * 12
    articles = [{"url": f"https://www.thaigov.go.th/news/contents/details/{7000 + i}", "date": "2024-03-01",
                 "title": f"ประชุมเกษตรกรครั้งที่ {i}", "body": f"ราคาสินค้าเกษตรทรงตัว ส่วนปุ๋ยอินทรีย์แจกฟรี {i}"}
                for i in range(SCATTERED)]
    articles += [{"url": f"https://www.thaigov.go.th/news/contents/details/{8000 + i}", "date": "2024-03-02",
                  "title": f"สรุปผลการประชุมครั้งที่ {i}", "body": f"เรื่องราคาปุ๋ยเคมี {i} " + filler}
                 for i in range(TOGETHER)]
    eng = SearchEngine(data_dir_of(tmp_path_factory.mktemp("paging"), articles), cache_size=0)
    yield eng
    eng.close()


def _pages(engine, per_page: int) -> list[list[str]]:
    pages, page = [], 1
    while True:
        hits = engine.search(build_params(q="ราคาปุ๋ย", per_page=per_page, page=page)).hits
        if not hits:
            return pages
        pages.append([h.url for h in hits])
        page += 1


def test_the_head_moves_matches_across_a_page_boundary(engine):
    """The setting the paging tests need: the runs rank first although BM25 puts them last."""
    first = engine.search(build_params(q="ราคาปุ๋ย", per_page=5)).hits
    assert all("/details/8" in h.url for h in first)
    assert engine.search(build_params(q="ราคาปุ๋ย")).total == SCATTERED + TOGETHER > HEAD


@pytest.mark.parametrize("per_page", [7, 20, 50, 59, 61, 100])
def test_every_match_is_on_exactly_one_page(engine, per_page):
    urls = [u for page in _pages(engine, per_page) for u in page]
    assert len(urls) == len(set(urls)) == SCATTERED + TOGETHER


@pytest.mark.parametrize("per_page", [7, 50, 100])
def test_pages_follow_one_order_whatever_their_size(engine, per_page):
    one_order = [u for page in _pages(engine, 1 if per_page == 7 else 10) for u in page]
    assert [u for page in _pages(engine, per_page) for u in page] == one_order
