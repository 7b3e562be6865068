"""The search function: recall inside compounds, filters, facets, sorting, paging, snippets."""
from __future__ import annotations

import pytest

from indexer import ParamError, SearchEngine, build_params
from tests.conftest import DATA, build_data_dir


@pytest.fixture(scope="module")
def facet_engine(tmp_path_factory):
    data = build_data_dir(tmp_path_factory.mktemp("facets") / "data", [DATA / "facet_articles.jsonl"])
    eng = SearchEngine(data)
    yield eng
    eng.close()


def urls(result):
    return sorted(h.url.rsplit("/", 1)[1] for h in result.hits)


def search(eng, **kw):
    kw.setdefault("per_page", 50)
    return eng.search(build_params(**kw))


def test_part_of_compound_finds_the_compound(facet_engine):
    # "มหาดไทย" stands only inside กระทรวงมหาดไทย / ปลัดกระทรวงมหาดไทย in 90001 and 90002.
    assert urls(search(facet_engine, q="มหาดไทย")) == ["90001", "90002"]
    assert urls(search(facet_engine, q="ผู้ว่าราชการ")) == ["90001"]


def test_thai_digits_and_arabic_digits_match(facet_engine):
    assert urls(search(facet_engine, q="2565")) == ["90008"]
    assert urls(search(facet_engine, q="๒๕๖๕")) == ["90008"]


def test_phrase_or_and_not(facet_engine):
    assert urls(search(facet_engine, q='"น้ำท่วม"')) == ["90001", "90003", "90006", "90008"]
    # 90007 says อุทกภัย, the official word for a flood (indexer.synonyms); a quoted phrase does not.
    assert urls(search(facet_engine, q="น้ำท่วม -นายกรัฐมนตรี")) == ["90001", "90003", "90007", "90008"]
    assert urls(search(facet_engine, q="วัคซีน OR สรรพากร")) == ["90004", "90008"]
    # Thai without spaces: both words must be there.
    assert urls(search(facet_engine, q="น้ำท่วมภาคใต้")) == ["90006"]


def test_agency_filter_ministry_includes_departments(facet_engine):
    assert urls(search(facet_engine, q="", agencies=["moi"])) == ["90001", "90002", "90003"]
    assert urls(search(facet_engine, q="", agencies=["มท."])) == ["90001", "90002", "90003"]
    assert urls(search(facet_engine, q="", agencies=["moi-dopa"])) == ["90002"]
    assert urls(search(facet_engine, q="", agencies=["moi-dopa", "Ministry of Finance"])) == ["90002", "90007", "90008"]


def test_date_filter_accepts_buddhist_era(facet_engine):
    assert urls(search(facet_engine, q="", since="2564", until="2564")) == ["90001", "90002", "90004", "90007"]
    assert urls(search(facet_engine, q="", since="มี.ค. 2564", until="มี.ค. 2564")) == ["90001", "90004"]
    assert urls(search(facet_engine, q="", since="4/3/2564", until="2021-03-04")) == ["90001"]


def test_facets_literal(facet_engine):
    r = search(facet_engine, q="น้ำท่วม OR อุทกภัย")
    assert r.total == 5
    agency = {(f["id"], f["parent"]): f["count"] for f in r.facets["agency"]}
    assert agency == {("moi", None): 2, ("moi-ddpm", "moi"): 1, ("mof", None): 2, ("mof-rd", "mof"): 1,
                      ("opm", None): 1, ("thaigov", "opm"): 1}
    assert r.facets["year"] == [{"value": 2022, "count": 1}, {"value": 2021, "count": 2},
                                {"value": 2020, "count": 1}, {"value": 2019, "count": 1}]


def test_facets_ignore_their_own_filter(facet_engine):
    # With a ministry picked, the agency facet still offers the others; years follow the pick.
    r = search(facet_engine, q="น้ำท่วม OR อุทกภัย", agencies=["mof"])
    assert r.total == 2
    assert {f["id"] for f in r.facets["agency"] if f["parent"] is None} == {"moi", "mof", "opm"}
    assert r.facets["year"] == [{"value": 2022, "count": 1}, {"value": 2021, "count": 1}]


def test_sort_and_paging(facet_engine):
    newest = search(facet_engine, q="", sort="newest", per_page=3)
    assert [h.date for h in newest.hits] == ["2022-06-01", "2022-01-15", "2021-12-31"]
    page2 = search(facet_engine, q="", sort="newest", per_page=3, page=2)
    assert [h.date for h in page2.hits] == ["2021-05-10", "2021-03-20", "2021-03-04"]
    oldest = search(facet_engine, q="", sort="oldest", per_page=2)
    assert [h.date for h in oldest.hits] == ["2019-07-01", "2020-10-01"]
    assert search(facet_engine, q="", page=99).hits == []


def test_title_match_ranks_first(facet_engine):
    r = search(facet_engine, q="วัคซีน")
    assert r.hits[0].url.endswith("90004")
    r = search(facet_engine, q="กรมสรรพากร")
    assert r.hits[0].url.endswith("90008")


def test_snippet_marks_part_inside_compound(facet_engine):
    r = search(facet_engine, q="มหาดไทย")
    hit = next(h for h in r.hits if h.url.endswith("90001"))
    assert "ปลัดกระทรวง<mark>มหาดไทย</mark>" in hit.snippet
    assert hit.title_html == "<mark>มหาดไทย</mark>สั่งการผู้ว่าราชการจังหวัดทั่วประเทศเตรียมรับมือน้ำท่วม"


def test_json_document_shape(facet_engine):
    doc = search(facet_engine, q="วัคซีน", per_page=5).to_json()
    assert doc["total"] == 1 and doc["page"] == 1 and doc["per_page"] == 5
    hit = doc["hits"][0]
    assert hit["agency"] == {"id": "moph", "name": "กระทรวงสาธารณสุข"}
    assert hit["date"] == "2021-03-20" and "<mark>วัคซีน</mark>" in hit["snippet"]
    assert doc["facets"]["year"] == [{"value": 2021, "count": 1}]


# Punctuation and bare operators ask for nothing, so they list every article (8) like an empty
# query; a word that is in no article ("or", "script", a run of ก) finds none.
@pytest.mark.parametrize("q,total", [("(((", 8), ("AND", 8), ('"', 8), ("OR", 0), ("-", 8), ('"unbalanced', 0),
                                     ("ก" * 10_000, 0), ("*?~^", 8), ("<script>", 0)])
def test_odd_queries_never_raise(facet_engine, q, total):
    r = search(facet_engine, q=q)
    assert r.total == len(r.hits) == total
    assert "<script>" not in "".join(h.snippet + h.title_html for h in r.hits)
    # Listing every article for a query the user did type is said, not done silently.
    assert ("no_words" in [n.code for n in r.notices]) == (total == 8)


def test_an_empty_query_lists_every_article_without_a_notice(facet_engine):
    r = search(facet_engine, q="")
    assert r.total == 8 and not r.notices


def test_all_words_missing_relaxes_to_any(facet_engine):
    r = search(facet_engine, q="วัคซีน สรรพากร")
    assert r.relaxed and urls(r) == ["90004", "90008"] and r.notices


def test_whole_words_typed_glued_relax_as_the_same_words_spaced(facet_engine):
    """วัคซีนสรรพากร is two words no article holds together, as วัคซีน สรรพากร is; syllables
    (มหาดไทยย: มหาดไทย·ย) are a typo, not "some of the words"."""
    spaced, glued = search(facet_engine, q="วัคซีน สรรพากร"), search(facet_engine, q="วัคซีนสรรพากร")
    assert glued.relaxed and urls(glued) == urls(spaced) and [n.code for n in glued.notices] == ["some_words"]
    assert not search(facet_engine, q="มหาดไทยย").relaxed


@pytest.mark.parametrize("kw,message", [
    (dict(agencies=["nonexistent"]), "unknown agency"),
    (dict(since="31/02/2564"), "no such date"),
    (dict(since="hello"), "cannot read date"),
    (dict(since="2565", until="2564"), "after"),
    (dict(page="0"), "page"),
    (dict(page="1000000000"), "page"),
    (dict(per_page="1000"), "per_page"),
    (dict(sort="best"), "sort"),
])
def test_bad_parameters_are_clear_errors(kw, message):
    with pytest.raises(ParamError, match=message):
        build_params(q="x", **kw)


def test_real_articles_compound_recall(engine):
    # Every core article whose text contains มหาดไทย is found, whether as a word or inside a compound.
    store = engine.store()
    expected = {a.url for a in store.iter_articles() if "มหาดไทย" in a.title + a.body}
    got = {h.url for h in engine.search(build_params(q="มหาดไทย", per_page=100)).hits}
    assert expected and got == expected


@pytest.mark.parametrize("q,expected", [
    ('"ผู้ว่าราชการ จังหวัด"', ["90001"]),  # the phrase written as one compound
    ('"มหาดไทย สั่งการ"', ["90001"]),  # typed with a space, glued in the title
    ('"เตรียมรับมือ น้ำท่วม"', ["90001"]),
    ('"น้ำท่วม เตรียมรับมือ"', ["90001"]),  # not as a phrase: falls back to all the words
    ('มหาดไทย "0A', []),  # found by the web UI's property test: once raised inside Whoosh
])
def test_quoted_phrases(facet_engine, q, expected):
    r = search(facet_engine, q=q)
    assert urls(r) == expected or (r.relaxed and not expected)


def test_snippet_never_starts_or_ends_inside_a_word():
    from indexer.highlight import snippet

    # No space for a long stretch before the match: the window must start on a word boundary.
    text = "วันนี้นายกรัฐมนตรีเป็นประธานการประชุมคณะรัฐมนตรีที่ทำเนียบรัฐบาลโดยมีรัฐมนตรีทุกกระทรวงเข้าร่วม" * 3
    html = snippet(text, {"มหาดไทย", "ทำเนียบรัฐบาล"}, width=80)
    body = html.removeprefix("… ").removesuffix(" …").replace("<mark>", "").replace("</mark>", "")
    assert body and body[0] not in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
    assert text.find(body) >= 0
    from indexer.thai import words
    bounds = {w.start for w in words(text)} | {w.end for w in words(text)}
    start = text.find(body)
    assert start in bounds and start + len(body) in bounds


def test_snippet_finds_latin_words_in_any_case_and_thai_words_as_written():
    # Thai words are looked for in the body as written (Thai has no case); a word with cased
    # letters in the lower-cased body, so COVID is marked for covid.
    from indexer.highlight import snippet

    text = "นายกรัฐมนตรีสั่งการเรื่อง COVID-19 และ PM2.5 ที่ทำเนียบรัฐบาล กระทรวงมหาดไทยรับไปดำเนินการ"
    assert "<mark>COVID</mark>" in snippet(text, {"covid"})
    assert "<mark>PM2.5</mark>" in snippet(text, {"pm2.5", "มหาดไทย"})
    marked = snippet(text, {"มหาดไทย", "19"})
    assert "<mark>มหาดไทย</mark>" in marked and "<mark>19</mark>" in marked and "COVID" in marked


def test_titles_left_unmarked_are_marked_when_read_as_the_search_marks_them(facet_engine):
    # The API sends plain titles: its searches leave them unmarked, and a title read later (a
    # cached result shown by a page) is marked as the search marks it.
    uncached = SearchEngine(facet_engine.data_dir, cache_size=0)
    params = build_params(q="มหาดไทย สั่งการ")
    marked = uncached.search(params).hits
    plain = uncached.search(params, marked_titles=False).hits
    uncached.close()
    assert all(h.marked_title is not None for h in marked) and all(h.marked_title is None for h in plain)
    assert [h.title_html for h in plain] == [h.marked_title for h in marked]
    assert any("<mark>" in h.title_html for h in plain)


def test_a_hits_title_is_marked_when_read_with_the_searchs_lexicon():
    # A hit's marker marks its title when first read (once), after the search returned, as the
    # search would have (its index generation's words: a learned จุรินทร์ is one word, the stock
    # dictionary cuts จุ·ริ·นทร์).
    from indexer.highlight import title_marker
    from indexer.lexicon import lexicon
    from indexer.result import Hit

    learned, stock = lexicon(["จุรินทร์"]), lexicon()
    assert title_marker({"รินทร์"}, learned)("นายจุรินทร์แถลง") == "นายจุรินทร์แถลง"
    assert title_marker({"รินทร์"}, stock)("นายจุรินทร์แถลง") == "นายจุ<mark>รินทร์</mark>แถลง"
    calls = []
    hit = Hit(url="u", title="ก & ข", date=None, agency="", score=1.0, snippet="",
              title_marker=lambda t: calls.append(t) or "<mark>ก</mark> &amp; ข")
    assert not calls
    assert hit.title_html == hit.title_html == "<mark>ก</mark> &amp; ข" and calls == ["ก & ข"]
    assert Hit(url="u", title="ก & ข", date=None, agency="", score=1.0, snippet="").title_html == "ก &amp; ข"


def test_threads_share_one_doc_table(facet_engine):
    # Each thread has its own Whoosh searcher; the per-version columns must still be built once.
    import threading

    facet_engine.search(build_params(q="วัคซีน"))
    before = dict(facet_engine.backend._tables)
    t = threading.Thread(target=lambda: facet_engine.search(build_params(q="ภาษี")))
    t.start()
    t.join()
    assert len(before) == 1 and facet_engine.backend._tables == before


def test_quoted_phrase_that_crosses_a_compound_falls_back_to_all_words(facet_engine):
    # "สั่งการผู้ว่า ราชการ" is not how the title is split, but all its words are in 90001.
    r = search(facet_engine, q='"สั่งการ ผู้ว่า ราชการจังหวัดทั่ว"')
    # Its headline holds the phrase letter for letter (indexer/headlines.py): found as typed.
    assert urls(r) == ["90001"] and not r.notices
    # Held by no headline, the phrase is loosened to its words.
    r = search(facet_engine, q='"ราชการจังหวัดทั่ว สั่งการ ผู้ว่า"')
    assert urls(r) == ["90001"] and any(n.code == "phrase_loosened" for n in r.notices)


def test_a_dash_that_excludes_everything_is_read_as_punctuation(facet_engine):
    # Pasted "พม.-สหวิชาชีพ" re-spaced reads as an exclusion; when nothing is left, the dash is text.
    # ผู้ว่าราชการ stands only in 90001, which also holds มหาดไทย.
    r = search(facet_engine, q="ผู้ว่าราชการ -มหาดไทย")
    assert urls(r) == ["90001"] and any(n.code == "dash_read_as_text" for n in r.notices)
    # 90007 says อุทกภัย, the official word for a flood (indexer.synonyms); a quoted phrase does not.
    assert urls(search(facet_engine, q="น้ำท่วม -นายกรัฐมนตรี")) == ["90001", "90003", "90007", "90008"]  # still excludes


def test_cached_results_follow_the_index(writable_data_dir):
    import time as _time

    from core.store import Article, Store
    from core.paths import store_path
    from indexer import sync_index

    eng = SearchEngine(writable_data_dir)
    # Quoted: an article with one of the two words is not "some of the words" of a phrase.
    q = '"ยูนิคอร์นสีม่วง"'
    assert eng.search(build_params(q=q)).total == 0
    assert eng.search(build_params(q=q)).total == 0  # served from the cache
    with Store(store_path(writable_data_dir)) as store:
        store.upsert_article(Article(url="https://www.moi.go.th/new/1", title="ยูนิคอร์นสีม่วง", body="ข่าวใหม่",
                                     published="2025-01-01", agency="moi"))
    sync_index(writable_data_dir)
    _time.sleep(1.1)  # the engine looks for a new index version at most once a second
    assert eng.search(build_params(q=q)).total == 1


@pytest.mark.parametrize("q,zero", [
    ("วัคซีม มีนาคม 2564", True),  # a typo beside a date: dated reading, plain reading, did-you-mean, relaxed
    ('"วัคซีน ธันวาคม"', True),  # a phrase that is not there, nor its words together
    ("ยูนิคอร์นสีม่วง", True),  # typed glued, one word in no article: not the other (a name's pieces)
    ("ฆฌฆฌฆฌ", True),  # letters no article holds
    (",skfwmp ธันวาคม 2564", False),  # keyboard layout, a date, and only some words found
    ("ยูนิคอร์นสีม่วง ประชุม ธันวาคม 2564", False),
])
def test_a_query_runs_the_engine_at_most_twice(core_data_dir, q, zero):
    eng = SearchEngine(core_data_dir, cache_size=0)  # no cache: every search reaches the engine
    try:
        before = eng.runs
        r = eng.search(build_params(q=q))
        assert (r.total == 0) == zero
        assert 1 <= eng.runs - before <= 2
    finally:
        eng.close()


def test_did_you_mean_of_a_dated_query_comes_without_extra_runs(core_data_dir):
    eng = SearchEngine(core_data_dir, cache_size=0)
    try:
        r = eng.search(build_params(q="วัคซีม มีนาคม 2564"))
        assert r.total == 0 and r.did_you_mean == "วัคซีน มีนาคม 2564" and eng.runs == 1
    finally:
        eng.close()


def test_a_search_reads_each_text_from_the_store_once(core_data_dir):
    """The page's hits are in the head re-ranked before them: their texts come from that read, and
    the next search reads afresh (nothing outlives a search)."""
    eng = SearchEngine(core_data_dir, cache_size=0)
    try:
        store = eng.store()
        reads: list[str] = []
        real = store.get_texts

        def counting(urls):
            reads.extend(urls)
            return real(urls)

        store.get_texts = counting
        r = eng.search(build_params(q="ประชุม คณะรัฐมนตรี"))
        assert r.hits and all(h.snippet for h in r.hits)
        assert len(reads) == len(set(reads)) and {h.url for h in r.hits} <= set(reads)
        first = len(reads)
        eng.search(build_params(q="ประชุม คณะรัฐมนตรี"))
        assert len(reads) == 2 * first
    finally:
        eng.close()


def test_stored_fields_follow_the_index_version(writable_data_dir):
    """An article's stored fields are kept per index version: the next search reads none again,
    and an article changed by a sync shows its new title (a new version keeps nothing)."""
    import time as _time

    from core.paths import store_path
    from core.store import Article, Store
    from indexer import sync_index

    eng = SearchEngine(writable_data_dir, cache_size=0)
    try:
        first = eng.search(build_params(q="ประชุม"))
        assert first.hits
        table = eng.backend._terms().table
        assert len(table.stored) >= len(first.hits)
        kept = dict(table.stored)
        assert [h.url for h in eng.search(build_params(q="ประชุม")).hits] == [h.url for h in first.hits]
        assert all(table.stored[d] is f for d, f in kept.items())  # read once for the version
        with Store(store_path(writable_data_dir)) as store:
            art = store.get_article(first.hits[0].url)
            store.upsert_article(Article(url=art.url, title="ประชุม ยูนิคอร์นสีม่วง", body=art.body,
                                         published=art.published, agency=art.agency))
        sync_index(writable_data_dir)
        _time.sleep(1.1)  # the engine looks for a new index version at most once a second
        again = eng.search(build_params(q="ยูนิคอร์นสีม่วง"))
        assert [h.url for h in again.hits] == [art.url] and again.hits[0].title == "ประชุม ยูนิคอร์นสีม่วง"
    finally:
        eng.close()


def test_facets_written_from_plain_values_hold_exactly_their_models_keys(facet_engine):
    """json_text writes the facets without validating them: an entry with a key its model does not
    declare is refused as validation would refuse it, and the text is the validated document's."""
    import json

    r = search(facet_engine, q="วัคซีน", per_page=5)
    assert json.loads(r.json_text()) == r.to_json()
    r.facets["year"][0]["extra"] = 1
    with pytest.raises(ValueError):
        r.json_text()
