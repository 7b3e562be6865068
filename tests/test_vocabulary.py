"""Words an index learns from its articles: names the dictionary cannot spell, kept per generation."""
from __future__ import annotations

import json
import time
from pathlib import Path

from conftest import build_data_dir
from indexer import SearchEngine, build_params, rebuild_index, sync_index
from indexer.query import parse
from indexer.thai import lexicon, use_lexicon, words
from indexer.vocabulary import learn


def _pairs(*texts: str) -> list[tuple[str, str]]:
    return [(f"ข่าวที่ {i}", t) for i, t in enumerate(texts)]


def test_a_recurring_name_the_dictionary_cuts_into_letters_is_learned():
    assert lexicon().segment("จุรินทร์") == ["จุ", "ริ", "นทร์"]  # the stock dictionary's cut
    got = learn(_pairs("นายจุรินทร์ ลักษณวิศิษฏ์ รองนายกรัฐมนตรี กล่าวว่า",
                       "โดยมีนายจุรินทร์ ลักษณวิศิษฏ์ เป็นประธาน"))
    assert "จุรินทร์" in got
    assert "ลักษณวิศิษฏ์" not in got  # ลักษณ·วิศิษฏ์: words the dictionary has, split alike everywhere


def test_a_name_in_one_article_or_one_the_dictionary_spells_is_not_learned():
    assert learn(_pairs("นายจุรินทร์ ลักษณวิศิษฏ์ กล่าว")) == []
    assert learn(_pairs("นายสมชาย ใจดี กล่าว", "นายสมชาย ใจดี ชี้แจง")) == []


def test_a_name_glued_to_the_verb_after_it_is_not_a_new_word():
    got = learn(_pairs("นายจุรินทร์ ลักษณวิศิษฏ์ กล่าว", "นายจุรินทร์ ลักษณวิศิษฏ์ แถลง",
                       "นายจุรินทร์กล่าว ว่า", "นายจุรินทร์กล่าว ต่อ"))
    assert "จุรินทร์" in got and "จุรินทร์กล่าว" not in got


def test_titles_that_are_words_are_not_read_as_names():
    got = learn(_pairs("นายกรัฐมนตรีหวังว่า จะดี", "นายกรัฐมนตรีหวังว่า จะดี", "นายอำเภอเมือง กล่าว",
                       "นายอำเภอเมือง กล่าว"))
    assert got == []


def _articles(path: Path, rows: list[tuple[str, str]], start: int = 1) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for i, (title, body) in enumerate(rows, start=start):
            f.write(json.dumps({"url": f"https://www.thaigov.go.th/news/contents/details/{i}",
                                "title": title, "body": body, "published": "2024-01-0%d" % (i % 9 + 1)},
                               ensure_ascii=False) + "\n")
    return path


NAMED = [
    ("นายจุรินทร์ ลักษณวิศิษฏ์ แถลงผลการประชุม", "นายจุรินทร์ ลักษณวิศิษฏ์ รองนายกรัฐมนตรี แถลงผลการประชุมวันนี้"),
    ("รองนายกรัฐมนตรีลงพื้นที่ตรวจราคาสินค้า", "นายจุรินทร์ ลักษณวิศิษฏ์ ลงพื้นที่ตรวจราคาสินค้าในตลาด"),
    ("ราคาผักในตลาดสดปรับตัวลดลง", "ผู้ค้าในตลาดสดรายงานว่าราคาผักลดลง ริ มีนาคม นทร์"),
]


def test_documents_and_queries_are_split_with_the_generations_words(tmp_path):
    data = build_data_dir(tmp_path / "data", [_articles(tmp_path / "a.jsonl", NAMED)])
    engine = SearchEngine(data, cache_size=0)
    lex = engine.backend.lexicon()
    assert "จุรินทร์" in lex.learned
    with use_lexicon(lex):
        assert [w.text for w in words("จุรินทร์แถลง")] == ["จุรินทร์", "แถลง"]
        assert parse("จุรินทร์ลักษณวิศิษฏ์แถลง").words[0] == "จุรินทร์"
    hits = engine.search(build_params(q="จุรินทร์ลักษณวิศิษฏ์แถลง")).hits
    assert hits and hits[0].title.startswith("นายจุรินทร์")
    # The article with the letters ริ and นทร์ (not the name) does not match the name.
    assert {h.title for h in engine.search(build_params(q="จุรินทร์")).hits} == {t for t, _b in NAMED[:2]}
    engine.close()


def test_a_sync_keeps_the_generations_words_and_a_rebuild_learns_again(tmp_path):
    data = build_data_dir(tmp_path / "data", [_articles(tmp_path / "a.jsonl", NAMED)])
    engine = SearchEngine(data, cache_size=0)
    before = engine.backend.lexicon()
    more = [("นายวราวุธ ศิลปอาชา ลงพื้นที่", "นายวราวุธ ศิลปอาชา ลงพื้นที่"),
            ("นายวราวุธ ศิลปอาชา เผย", "นายวราวุธ ศิลปอาชา เผยผลงาน")]
    from core.importer import import_files
    from core.paths import store_path
    from core.store import Store

    with Store(store_path(data)) as store:
        import_files(store, [_articles(tmp_path / "b.jsonl", more, start=10)])
    sync_index(data)
    time.sleep(1.1)  # the engine looks for a new index version at most once a second
    # The new name waits for the next rebuild: documents already indexed keep their split.
    assert engine.backend.lexicon() == before and "วราวุธ" not in before.learned
    assert engine.search(build_params(q="วราวุธเผย")).hits  # found all the same, by its pieces
    rebuild_index(data)
    time.sleep(1.1)
    assert "วราวุธ" in engine.backend.lexicon().learned
    assert engine.search(build_params(q="วราวุธเผย")).hits[0].title == "นายวราวุธ ศิลปอาชา เผย"
    engine.close()


def test_a_fragment_cut_inside_a_learned_name_still_finds_it(tmp_path):
    data = build_data_dir(tmp_path / "data", [_articles(tmp_path / "a.jsonl", NAMED)])
    engine = SearchEngine(data, cache_size=0)
    assert "จุรินทร์" in engine.backend.lexicon().learned
    # A selection that starts inside the name: the name's pieces are indexed beside it.
    hits = engine.search(build_params(q="รินทร์ ลักษณวิศิษฏ์ แถลงผลการประชุม")).hits
    assert hits and hits[0].title == NAMED[0][0]
    named = {a.url for a in engine.store().iter_articles() if "จุรินทร์" in a.body}
    assert len(named) == 2 and engine.matching_urls("รินทร์") >= named
    engine.close()


def test_the_bulk_build_segments_with_the_generations_words(tmp_path, monkeypatch):
    """One worker per core writes the same postings as one writer, learned words included: a
    worker that segmented with the stock dictionary would index จุ·ริ·นทร์ instead of จุรินทร์."""
    from test_bulk_index import index_dump

    from indexer.whoosh_backend import index as index_module

    data = build_data_dir(tmp_path / "data", [_articles(tmp_path / "a.jsonl", NAMED)])
    rebuild_index(data)  # a few articles: one writer
    serial = index_dump(data)
    assert any(term == "จุรินทร์" for _field, term, _url in serial[0])
    monkeypatch.setattr(index_module, "_BULK", 1)
    monkeypatch.setattr(index_module, "_procs", lambda: 2)
    rebuild_index(data)
    assert index_dump(data) == serial


def test_a_recurring_dotted_abbreviation_is_learned():
    # Glued to the word before it, an abbreviation the dictionary lacks steals that word's letters.
    assert lexicon().segment("สำนักงานคปภ") == ["สำนัก", "งา", "นค", "ปภ"]
    got = learn(_pairs("สำนักงาน คปภ. เผยผลการดำเนินงาน รองคปภ. กล่าว", "คปภ. แถลง รองคปภ. ชี้แจง"))
    assert "คปภ" in got
    assert "รองคปภ" not in got  # a word glued to the abbreviation is the word and the abbreviation
    assert lexicon(got).segment("สำนักงานคปภ") == ["สำนักงาน", "คปภ"]
    # One that the segmenter spells out already (รมว.), or a word at a sentence's end, is left alone.
    assert learn(_pairs("รมว. กล่าว ที่ประชุม.", "รมว. แถลง ที่ประชุม.")) == []


def test_a_word_glued_to_a_one_letter_abbreviation_is_not_learned():
    # ที่จ. is ที่ and จ. (จังหวัด): learned as a word, "ที่จ.เชียงใหม่" typed without spaces would
    # miss the article that writes ที่ จ.เชียงใหม่. An abbreviation of bare consonants is still learned.
    got = learn(_pairs("ประชุม ที่จ.เชียงใหม่ ร่วมกับ คปภ.", "ตรวจเยี่ยม ที่จ.ลำพูน โดย คปภ. แถลง"))
    assert "ที่จ" not in got and "คปภ" in got
    assert lexicon(got).segment("ที่จ") == ["ที่", "จ"]


def test_a_name_cut_short_with_pai_yan_noi_is_learned():
    # พล.อ.อ.ประจินฯ: the rest of the name left out; the name still ends there.
    got = learn(_pairs("นายจุรินทร์ฯ กล่าว", "นายจุรินทร์ฯ แถลง"))
    assert "จุรินทร์" in got


def test_names_after_dotted_miss_and_police_ranks_are_learned():
    # น.ส. (นางสาว) and the police and army ranks (พ.ต.อ., ร.ต.อ., พ.อ.) stand before names in hundreds
    # of articles, as พล.อ. does: a name seen only after one of them must be learned as one after นาย is.
    got = learn(_pairs("น.ส.จุรินทร์ ใจดี กล่าว", "โดย น.ส. จุรินทร์ ใจดี แถลง"))
    assert "จุรินทร์" in got
    got = learn(_pairs("พ.ต.อ.จุรินทร์ ใจดี กล่าว", "ร.ต.อ. จุรินทร์ ใจดี แถลง", "พ.อ.จุรินทร์ ใจดี ชี้แจง"))
    assert "จุรินทร์" in got
    # A month (พ.ค.) is not a rank.
    assert learn(_pairs("วันที่ 5 พ.ค.จุรินทร์ ใจดี", "ภายใน พ.ค.จุรินทร์ ใจดี")) == []


ABBREVIATED = [
    ("ที่ประชุมคณะกรรมการคุ้มครองผู้บริโภคของสำนักงาน คปภ. เห็นชอบแนวทาง", "สำนักงาน คปภ. แถลงผลการประชุม"),
    ("คปภ. เร่งจ่ายสินไหม", "คปภ. สั่งบริษัทประกันภัยเร่งจ่ายสินไหมแก่ผู้ประสบภัย"),
    ("สำนักงานตรวจสอบภายในจัดงานสัมมนา", "สำนักงาน ตรวจสอบ ภายใน จัดสัมมนา นคร ปภ ข่าว งา"),
]


def test_an_abbreviation_glued_to_the_word_before_it_finds_the_spaced_headline(tmp_path):
    data = build_data_dir(tmp_path / "data", [_articles(tmp_path / "a.jsonl", ABBREVIATED)])
    engine = SearchEngine(data, cache_size=0)
    assert "คปภ" in engine.backend.lexicon().learned
    hits = engine.search(build_params(q="คุ้มครองผู้บริโภคของสำนักงานคปภ.")).hits
    assert hits and hits[0].title == ABBREVIATED[0][0]
    engine.close()
