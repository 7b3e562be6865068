"""A mistyped word that still finds a few articles (the pieces it splits into, or the same typo
in an article) is offered the close word that many articles hold (indexer/fallbacks.typo_like;
a fresh-eyes tester: โควิท listed 14 scattered matches and no did-you-mean)."""
from __future__ import annotations

import pytest

from indexer import SearchEngine, build_params


def _engine(tmp_path_factory, typos: int) -> SearchEngine:
    from conftest import data_dir_of_rows

    rows = [(f"https://example.go.th/covid/{i}", f"สธ. รายงานสถานการณ์โควิด ฉบับที่ {i}",
             f"กระทรวงสาธารณสุขรายงานผู้ติดเชื้อโควิดรายใหม่ {i} ราย") for i in range(12)]
    rows += [(f"https://example.go.th/typo/{i}", f"ข่าวประชาสัมพันธ์ {i}", "มาตรการป้องกันโควิท ในชุมชน")
             for i in range(typos)]
    return SearchEngine(data_dir_of_rows(tmp_path_factory.mktemp(f"typo{typos}"), rows, "2021-04-01"), cache_size=0)


@pytest.fixture(scope="module")
def one_typo(tmp_path_factory):
    eng = _engine(tmp_path_factory, 1)
    yield eng
    eng.close()


def test_a_mistyped_word_finding_a_few_articles_is_offered_the_common_word(one_typo):
    r = one_typo.search(build_params(q="โควิท"))
    assert r.total >= 1 and r.did_you_mean == "โควิด"


def test_the_common_word_itself_is_offered_nothing(one_typo):
    r = one_typo.search(build_params(q="โควิด"))
    assert r.total == 12 and r.did_you_mean is None


def test_no_offer_when_the_close_word_is_not_far_more_common(tmp_path_factory):
    eng = _engine(tmp_path_factory, 3)  # 12 articles of โควิด are not ten times the 3 found
    try:
        r = eng.search(build_params(q="โควิท"))
        assert r.total >= 3 and r.did_you_mean is None
    finally:
        eng.close()


@pytest.fixture(scope="module")
def scattered(tmp_path_factory):
    """ผู้ว่าราชการ in three articles; ผู้ว่า, ราช and กาน, the pieces of the typo ผู้ว่าราชกาน, apart in
    five others."""
    from conftest import data_dir_of_rows

    rows = [(f"https://example.go.th/governor/{i}", f"ผู้ว่าราชการจังหวัดประชุมครั้งที่ {i}",
             f"ผู้ว่าราชการจังหวัดเป็นประธานการประชุม ครั้งที่ {i}") for i in range(3)]
    # More articles hold the pieces apart than hold the word (the demo: 156 against 33).
    rows += [(f"https://example.go.th/apart/{i}", f"ข่าวสมาคม {i}", "ผู้ว่า กล่าวเปิดงาน ที่สมาคมราช ชื่อกาน ดา")
             for i in range(5)]
    eng = SearchEngine(data_dir_of_rows(tmp_path_factory.mktemp("scattered"), rows, "2021-04-01"), cache_size=0)
    yield eng
    eng.close()


def test_a_typo_whose_pieces_stand_apart_is_offered_the_word(scattered):
    """A fresh-eyes tester: ผู้ว่าราชกาน listed 156 articles holding its pieces apart, no did-you-mean."""
    r = scattered.search(build_params(q="ผู้ว่าราชกาน"))
    assert r.total == 5 and r.did_you_mean == "ผู้ว่าราชการ"


@pytest.mark.parametrize("q", ["ผู้ว่าราชการ", "ผู้ว่าราชการจังหวัด", "ผู้ว่า ราช กาน"])
def test_words_as_typed_or_spaced_are_offered_nothing(scattered, q):
    assert scattered.search(build_params(q=q)).did_you_mean is None


def test_sorted_by_date_the_newest_hit_decides_nothing(scattered):
    """Review: sorted newest, the first hit is the newest match, not the best: no did-you-mean is
    judged by it."""
    assert scattered.search(build_params(q="ผู้ว่าราชกาน", sort="newest")).did_you_mean is None
