"""Latin words typed glued, or a fragment's spaces dropped (ThailandPass, JETSKIWORLDCUP), and Thai
names the dictionary cannot cut glued together, find the article that spaces them (issue 10: no
spaces; indexer.glued). Real headlines of ../shared's corpus."""
from __future__ import annotations

import pytest

from indexer import SearchEngine, build_params
from indexer.glued import latin_readings, latin_splits, thai_splits

PASS = ("https://www.thaigov.go.th/news/contents/details/54027",
        "ผู้ช่วยโฆษก ศบค. ยืนยันไม่ยกเลิก Thailand Pass เพียงแต่ลดขั้นตอนการลงทะเบียนสำหรับนักท่องเที่ยว "
        "เพื่ออำนวยความสะดวกในการเดินทาง", "ผู้ช่วยโฆษก ศบค. ยืนยันไม่ยกเลิก Thailand Pass")
OTHER = ("https://www.thaigov.go.th/news/contents/details/2", "ยกเลิกการประชุม", "เรื่อง Thailand และ Pass")
BEACH = ("https://www.thaigov.go.th/news/contents/details/51143", "กรมเจ้าท่า บูรณาการเตรียม Beach Clean up",
         "กรมเจ้าท่า บูรณาการเตรียม Beach Clean up ชายหาด")
PINK = ("https://www.thaigov.go.th/news/contents/details/58840",
        "โฆษกรัฐบาลเผย นายกฯ ชื่นชม “น้องพิงค์” พิชฌามลณ์ฯ แชมป์แบดมินตัน VICTOR DENMARK MASTERS 2022",
        "นายกรัฐมนตรีชื่นชมนักกีฬาแบดมินตันไทย")
# Another article writes "cleanup" as one word, so the glued word is held and was never split.
CLEANUP = ("https://www.thaigov.go.th/news/contents/details/80945", "เปิดตัวเรือดักเก็บขยะ",
           "Unveiling InterceptorTM 019: the new cleanup solution in the Chao Phraya River")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from tests.conftest import data_dir_of_rows

    rows = (PASS, OTHER, BEACH, CLEANUP, PINK)
    eng = SearchEngine(data_dir_of_rows(tmp_path_factory.mktemp("latin"), rows, "2022-03-05"), cache_size=0)
    yield eng
    eng.close()


@pytest.mark.parametrize("query", ["ยกเลิกthailandpassเพียงแต่ลดขั้นตอน", "ยกเลิกTHAILANDPASSเพียงแต่ลดขั้นตอน"])
def test_latin_words_typed_glued_find_the_headline(engine, query):
    """Every word found, not some of them (the fall-back that would also list the headline)."""
    result = engine.search(build_params(q=query))
    assert [h.url for h in result.hits] == [PASS[0]] and not result.notices


def test_latin_splits_are_held_words_fewest_first():
    held = {"capital", "in", "the", "twenty", "cap", "it", "al", "thailand", "pass", "jet", "ski", "jetski",
            "world", "cup"}.__contains__
    assert latin_splits("capitalinthetwenty", held)[0] == ["capital", "in", "the", "twenty"]
    assert latin_splits("thailandpass", held) == [["thailand", "pass"]]
    assert latin_splits("thailand", held) == []  # held as it is
    assert latin_splits("thailandxyz", held) == []  # no split into held words
    # A word some other article holds (jetski) comes first; the article's spaced words next. Each
    # reading comes with the pieces that must stand together.
    assert list(latin_readings(["รายการ", "jetskiworldcup"], held)) == [
        (["รายการ", "jetski", "world", "cup"], ["jetski", "world", "cup"]),
        (["รายการ", "jet", "ski", "world", "cup"], ["jet", "ski", "world", "cup"])]


def test_latin_pieces_must_stand_together(engine):
    """Thailand and Pass apart (the other article) are not the typed ThailandPass."""
    result = engine.search(build_params(q="thailandpass"))
    assert [h.url for h in result.hits] == [PASS[0]]


@pytest.mark.parametrize("query", ["เตรียมBeachCleanup", "BeachCleanup", "beachcleanup"])
def test_latin_words_glued_into_a_word_another_article_holds_find_the_headline(engine, query):
    """Spaces dropped from "Beach Clean up" make cleanup, a word of another article: still split."""
    result = engine.search(build_params(q=query))
    assert [h.url for h in result.hits] == [BEACH[0]] and not result.notices


@pytest.mark.parametrize("query", ["น้องพิงค์พิชฌามลณ์ฯแชมป์", "น้องพิงค์พิชฌามลณ์ฯ"])
def test_two_names_the_dictionary_cannot_cut_typed_glued_find_the_headline(engine, query):
    """Glued, พิงค์พิชฌามลณ์ is one unknown word no article holds: the query found nothing at all."""
    assert [h.url for h in engine.search(build_params(q=query)).hits] == [PINK[0]]


def test_thai_splits_cut_where_a_syllable_can_start():
    held = {"พิงค์", "พิชฌามลณ์", "เมล", "ล์"}.__contains__
    assert thai_splits("พิงค์พิชฌามลณ์", held) == [["พิงค์", "พิชฌามลณ์"]]
    assert thai_splits("พิงค์", held) == []  # held as it is
    assert thai_splits("เมลล์", held) == []  # ล์ starts on a mark: no cut there
