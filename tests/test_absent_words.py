"""A piece of the query that no article holds is left out whole, and named: not its pieces that
other articles hold. A fresh-eyes tester searched ศศิกานต์ (ศศิ·กานต์; no article prints the name)
and got the article of นายกิตติกานต์; ศศิกานต์เผย listed 178 articles of เผย and did not say which
word was missing (indexer.fallbacks.second_reading)."""
from __future__ import annotations

import pytest

from indexer import SearchEngine, build_params

OTHER_NAME = "https://example.go.th/kittikan"


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from conftest import data_dir_of_rows

    rows = [(OTHER_NAME, "ขสมก. เตรียมพร้อมให้บริการในวันเด็กแห่งชาติ",
             "นายกิตติกานต์ จอมดวง ผู้อำนวยการองค์การขนส่งมวลชนกรุงเทพ กล่าวว่า วันเด็กแห่งชาติปีนี้มีรถบริการฟรี")]
    rows += [(f"https://example.go.th/said/{i}", f"กรมบัญชีกลางเผยผลการดำเนินงาน ฉบับที่ {i}",
              "อธิบดีกรมบัญชีกลางเผยผลการจัดส่งยาให้ผู้ป่วยที่บ้าน") for i in range(6)]
    rows += [(f"https://example.go.th/en/{i}", f"PM orders Ministry of Culture to speed up nomination {i}",
              "The Prime Minister instructed the Ministry of Culture to expedite the nomination") for i in range(2)]
    eng = SearchEngine(data_dir_of_rows(tmp_path_factory.mktemp("absent"), rows, "2024-01-11"), cache_size=0)
    yield eng
    eng.close()


def codes(r) -> list[str]:
    return [n.code for n in r.notices]


@pytest.mark.parametrize("q", ["ศศิกานต์", "ศศิกานต์เผย"])
def test_a_name_no_article_prints_finds_nothing(engine, q):
    r = engine.search(build_params(q=q))
    assert r.total == 0 and not r.relaxed


def test_typed_apart_the_absent_name_is_named_and_left_out(engine):
    r = engine.search(build_params(q="ศศิกานต์ เผย"))
    assert r.relaxed and r.total == 6 and OTHER_NAME not in {h.url for h in r.hits}
    assert codes(r) == ["some_words", "words_not_found"]
    assert r.notices[1].params == {"words": "ศศิกานต์"}


def test_words_every_article_holds_some_of_are_relaxed_without_a_name(engine):
    r = engine.search(build_params(q="วันเด็ก กรมบัญชีกลาง"))
    assert r.relaxed and r.total == 7 and codes(r) == ["some_words"]


def test_a_word_let_go_at_the_end_of_several_is_named(engine):
    """Interior, in no article, was let go as a pasted fragment's cut end would be, silently: the
    page listed articles of "Ministry of" as if they were the Ministry of Interior's."""
    r = engine.search(build_params(q="Ministry of Interior"))
    assert r.total == 2 and {"code": "words_not_found", "params": {"words": "Interior"}} in [
        {"code": n.code, "params": n.params} for n in r.notices]


def test_a_cut_syllable_let_go_is_not_named(engine):
    r = engine.search(build_params(q="Ministry of Culture ฮ"))
    assert r.total == 2 and "words_not_found" not in codes(r)


def test_the_words_kept_are_those_of_each_piece_typed(engine):
    """Glued, "ศศิกานต์ กรมบัญชี กลาง" joins two pieces into a word of neither (กรมบัญชีกลาง): the
    words kept are each piece's own (review: ผู้ว่าราชการ จังหวัด beside an absent name found nothing)."""
    r = engine.search(build_params(q="ศศิกานต์ กรมบัญชี กลาง"))
    assert r.relaxed and r.total == 6 and r.notices[1].params == {"words": "ศศิกานต์"}


def test_a_fragment_whose_headline_is_found_names_no_cut_word(engine):
    """Review: a fragment cut mid-word put its headline first and named the cut piece as in no
    article ("าวุธ”" of วราวุธ); the first result holds the query as typed: nothing is named."""
    r = engine.search(build_params(q="ders Ministry of Culture to speed"))
    assert r.total == 2 and "words_not_found" not in codes(r)


def test_only_words_are_named():
    from indexer.fallbacks import worth_naming

    assert worth_naming(["าวุธ”", "Interior", "ฮ", "“ศศิกานต์”", "ุ่นต์"]) == ["Interior", "ศศิกานต์"]


@pytest.mark.parametrize("q", ["ศศิกานต์ กล่าวว่า", "ศศิกานต์กล่าวว่า"])
def test_a_name_let_go_at_the_end_of_a_run_is_named(engine, q):
    """Review: the inner reading of a run (its end words let go, as a pasted fragment's cut ends are)
    listed the article of นายกิตติกานต์ for ศศิกานต์ กล่าวว่า, silently: ศศิ, in no article, is named."""
    r = engine.search(build_params(q=q))
    assert {"code": "words_not_found", "params": {"words": "ศศิ"}} in [
        {"code": n.code, "params": n.params} for n in r.notices]
