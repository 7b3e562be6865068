"""Segmentation: words, compound parts, and exact character offsets on real headlines."""
from __future__ import annotations

import pytest

from indexer.whoosh_backend.analysis import ThaiTokenizer, text_analyzer
from indexer.thai import abbreviations, fine_words, iter_spans, iter_text, leaves, spans_near, split_tree, words

HEADLINES = [
    "ปลัดกระทรวงมหาดไทย ติวเข้มสิงห์มหาดไทยรุ่นใหม่ เป็นข้าราชการที่ดี",
    "ศบค.มท. สั่งการผู้ว่าฯ ทุกจังหวัด เข้มมาตรการป้องกันโควิด-19",
    "นายกรัฐมนตรี แจงไม่ห้ามชุมนุม ถือเป็นวิถีปกติตามระบอบประชาธิปไตย",
    "PM’s keynote remarks at “Microsoft Build AI Day Event” 1,000.50 บาท",
]


@pytest.mark.parametrize("text", HEADLINES)
def test_offsets_point_at_the_words(text):
    spelled = abbreviations()
    for w in words(text):
        src = text[w.start:w.end]
        assert spelled.get(src, src.lower().replace(",", "")) == w.text
    for w in fine_words(text):
        src = text[w.start:w.end]
        # A part of an abbreviation's spelled-out word covers the whole abbreviation.
        assert src.lower().replace(",", "") == w.text or src in spelled and w.text in spelled[src]


@pytest.mark.parametrize("dotted, spelled", [
    ("พล.อ.ประวิตร", "พลเอก ประวิตร"),
    ("รมว.มท. ลงพื้นที่", "รัฐมนตรีว่าการ มท ลงพื้นที่"),
    ("มติครม.", "มติ คณะรัฐมนตรี"),
    ("ผู้ว่าฯ เชียงใหม่", "ผู้ว่าราชการจังหวัด เชียงใหม่"),
    # Glued to the year before it, พ.ศ. no longer drags its พ into the word before (ประมาณพ).
    ("ประจำปีงบประมาณพ.ศ.2565", "ประจำปีงบประมาณ พุทธศักราช 2565"),
    # บริการพ.ศ. holds พ.ศ., not รพ. (โรงพยาบาล), which the text does not go on to spell.
    ("และบริการพ.ศ.2542", "และบริการ พุทธศักราช 2542"),
    ("ที่รพ.ศิริราช", "ที่ โรงพยาบาล ศิริราช"),
    # A space after an inner dot changes nothing.
    ("พ. ศ. 2563", "พ.ศ. 2563"),
    ("พล. อ. ประยุทธ์", "พลเอก ประยุทธ์"),
])
def test_an_abbreviation_is_read_as_the_word_it_stands_for(dotted, spelled):
    assert [w.text for w in words(dotted)] == [w.text for w in words(spelled)]


def test_punctuation_is_a_word_boundary_and_camel_case_splits():
    assert [w.text for w in words("#สธ.ไทยส่งแพทย์")] == [w.text for w in words("สธ. ไทยส่งแพทย์")]
    assert [w.text for w in words("FaceShield")] == ["face", "shield"]
    assert [w.text for w in words("ต.ค. 64")] == ["ตค", "64"]  # October's initials, not ตำบล


def test_punctuation_stripped_and_latin_lowercased():
    assert [w.text for w in words("(ศบค.มท.) COVID-19 ๆ")] == ["ศบค", "มท", "covid", "19"]


def test_exact_words_of_a_headline():
    text = "ปลัดกระทรวงมหาดไทย ประชุม"
    assert [(w.text, w.start, w.end) for w in words(text)] == [
        ("ปลัด", 0, 4), ("กระทรวงมหาดไทย", 4, 18), ("ประชุม", 19, 25)]


def test_compound_parts_share_positions():
    # The compound and its first part stand at the position of the first leaf; the leaves are
    # consecutive, so a phrase over parts matches inside the compound.
    assert [tuple(w) for w in fine_words("กระทรวงมหาดไทย")] == [
        ("กระทรวงมหาดไทย", 0, 14, 0), ("กระทรวง", 0, 7, 0), ("กระ", 0, 3, 0), ("ทรวง", 3, 7, 1),
        ("มหาดไทย", 7, 14, 2)]


@pytest.mark.parametrize("compound,part", [
    ("กระทรวงมหาดไทย", "มหาดไทย"),
    ("ผู้ว่าราชการจังหวัด", "ผู้ว่าราชการ"),
    ("ผู้ว่าราชการจังหวัด", "จังหวัด"),
    ("เศรษฐกิจพอเพียง", "เศรษฐกิจ"),
])
def test_part_of_compound_is_a_fine_token(compound, part):
    assert part in {w.text for w in fine_words(compound)}
    assert part not in {w.text for w in words(compound)}


def test_syllables_are_not_parts():
    # ตาราง must not be split into ตา · ราง: a query for ตา would drown in tables.
    assert leaves("ตาราง") == ["ตาราง"]
    assert "ตา" not in {w.text for w in fine_words("ตาราง")}


def test_analyzers_give_positions_and_chars():
    text = "ปลัดกระทรวงมหาดไทย ประชุม"
    toks = [(t.text, t.pos, t.startchar, t.endchar) for t in ThaiTokenizer(parts=False)(text, positions=True, chars=True)]
    assert toks == [("ปลัด", 0, 0, 4), ("กระทรวงมหาดไทย", 1, 4, 18), ("ประชุม", 2, 19, 25)]
    toks = [(t.text, t.pos, t.startchar, t.endchar) for t in text_analyzer()(text, positions=True, chars=True)]
    # Words keep word positions; the parts of กระทรวงมหาดไทย stand, marked, at its position; the
    # word the segmenter's split crosses (ปลัด · กระทรวง…) stands, marked, at the first word's.
    assert toks == [("ปลัด", 0, 0, 4), ("~ปลัดกระทรวง", 0, 0, 11), ("กระทรวงมหาดไทย", 1, 4, 18), ("~กระทรวง", 1, 4, 11), ("~กระ", 1, 4, 7),
                    ("~ทรวง", 1, 7, 11), ("~มหาดไทย", 1, 11, 18), ("ประชุม", 2, 19, 25), ("~ประ", 2, 19, 22),
                    ("~ชุม", 2, 22, 25)]


def test_text_tokens_offsets():
    text = "ผู้ว่าราชการจังหวัดเชียงใหม่"
    for term, start, end, _pos in iter_text(text):
        assert text[start:end] == term.lstrip("~")


def test_words_made_of_consecutive_parts_are_parts_too():
    # The fewest-parts split is ข้า · ราชการพลเรือน; ข้าราชการ must still be found inside.
    nodes = {t for t, _o, _l in split_tree("ข้าราชการพลเรือน")[0]}
    assert {"ข้าราชการ", "พลเรือน", "ราชการ"} <= nodes
    assert ("~ข้าราชการ", 0, 9, 0) in [(t, s, e, p) for t, s, e, p in iter_text("ข้าราชการพลเรือน")]


@pytest.mark.parametrize("spaced, dotted", [("พ. ศ. 2561 ครั้งที่ 2", "พ.ศ.2561 ครั้งที่ 2"),
                                            ("พล. อ. ประยุทธ์ สวนทาง", "พล.อ.ประยุทธ์ สวนทาง")])
def test_a_query_with_a_spaced_abbreviation_reads_it_as_one_word(spaced, dotted):
    from indexer.query import parse

    assert parse(spaced).words == parse(dotted).words


@pytest.mark.parametrize("text", [
    "พล.อ.ประวิตร วงษ์สุวรรณ ลงพื้นที่จ.เชียงใหม่ ตรวจน้ำท่วม\nรมว.กษ. ประชุม COVID-19 วันที่ 4 มี.ค. 64",
    "กระทรวงมหาดไทยจัดประชุม “ผู้ว่าฯ” ครั้งที่ 1,000.50 FaceShield #น้ำท่วม!!",
    "\n\nนายกรัฐมนตรีแถลง\n\nข่าวสาร",
])
def test_spans_near_are_the_full_segmentation_around_the_positions(text):
    # The highlighter segments only the pieces its occurrences fall in: every word it gets must
    # be a word of the whole text, and every word of the whole text at a position must be there.
    full = list(iter_spans(text))
    for pos in range(len(text) + 1):
        near = spans_near(text, [pos])
        assert set(near) <= set(full)
        assert {w for w in full if w[1] <= pos <= w[2]} <= set(near), pos
    assert spans_near(text, list(range(len(text) + 1))) == full


def test_text_positions_are_the_positions_of_iter_text():
    """What the bulk build indexes (terms and positions only) is what iter_text gives, compounds'
    marked parts and abbreviations included, and a second pass (cached parts) gives the same."""
    from indexer.thai import iter_text, text_positions

    text = ("กระทรวงมหาดไทย ประชุม ข้าราชการพลเรือน\nพล.อ.ประยุทธ์ จันทร์โอชา นายกรัฐมนตรี กล่าวว่า "
            "กระทรวงมหาดไทย สป.มท. 2,500 บาท COVID-19 iPhone\n"
            # Bridges: a head join, a tail join, twice; beside an abbreviation; across paragraphs.
            "ปลัดกระทรวงมหาดไทย ระเบียบข้าราชการทหาร ปลัดกระทรวงยุติธรรม รมว.ปลัดกระทรวงมหาดไทย ปลัด\nกระทรวงมหาดไทย")
    for _ in range(2):
        want: dict[str, list[int]] = {}
        for term, _s, _e, pos in iter_text(text):
            want.setdefault(term, []).append(pos)
        got = text_positions(text)
        assert got == want
        words_first = [t for t in want if not t.startswith("~")]  # then the parts
        assert list(got) == words_first + [t for t in got if t.startswith("~")]
        assert any(t.startswith("~") for t in got) and len(got["กระทรวงมหาดไทย"]) == 5
        assert len(got["~ปลัดกระทรวง"]) == 3 and "~ข้าราชการ" in got


def test_compound_parts_and_bridges_are_cached_for_the_latest_lexicons_only():
    from indexer import bridges, thai

    for i in range(thai._PARTS.lexicons + 3):
        thai.text_positions("ปลัดกระทรวงมหาดไทย", thai.Lexicon(frozenset({f"คำทดสอบ{i}"})))
    newest = thai.Lexicon(frozenset({f"คำทดสอบ{thai._PARTS.lexicons + 2}"})).key
    for per in (thai._PARTS, bridges._ENDS):
        assert len(per.caches) == per.lexicons
        assert per.caches[newest]


def test_segment_memo_reuses_a_run_per_lexicon_inside_its_blocks_only():
    from indexer.lexicon import segment_memo, segment_once
    from indexer.thai import lexicon, spans_near

    stock, learned = lexicon(), lexicon(["จุรินทร์"])
    assert stock.segment("จุรินทร์") == ["จุ", "ริ", "นทร์"] and learned.segment("จุรินทร์") == ["จุรินทร์"]
    with segment_memo():
        assert segment_once(stock, "จุรินทร์") == ["จุ", "ริ", "นทร์"]
        assert segment_once(learned, "จุรินทร์") == ["จุรินทร์"]  # another lexicon splits its own way
        assert segment_once(stock, "นายจุรินทร์") is segment_once(stock, "นายจุรินทร์")  # segmented once
    # Outside a block (an index build) every run is segmented afresh; a later block (the next
    # search) finds the run again.
    assert segment_once(stock, "นายจุรินทร์") is not segment_once(stock, "นายจุรินทร์")
    with segment_memo():
        first = segment_once(stock, "นายจุรินทร์ลักษณ")
    with segment_memo():
        assert segment_once(stock, "นายจุรินทร์ลักษณ") is first
        long_run = "ก" * 300  # longer than anything remembered
        assert segment_once(stock, long_run) is not segment_once(stock, long_run)
    text = "นายจุรินทร์ ลักษณวิศิษฏ์ แถลง\nนายจุรินทร์ ลักษณวิศิษฏ์ รองนายกรัฐมนตรี แถลงผลการประชุม"
    positions = list(range(len(text) + 1))
    with segment_memo():
        assert spans_near(text, positions, stock) == spans_near(text, positions, stock) == list(iter_spans(text, stock))


@pytest.mark.parametrize("par", [
    "ผู้ว่าฯ เชียงใหม่ตรวจน้ำท่วม",          # ฯ is the only mark
    "พล.อ.ประยุทธ์ จันทร์โอชา นายกรัฐมนตรี",  # dots
    "พล. อ. ประยุทธ์ กล่าว",                  # a space after an inner dot
    "กระทรวงมหาดไทยจัดประชุม 10 คน",          # no mark: nothing to scan
    "",
])
def test_a_paragraph_without_a_mark_skips_the_abbreviation_scan_and_finds_the_same(par):
    """_stretches skips the abbreviation scan when the paragraph holds no '.' and no 'ฯ'; the
    stretches must be those of the full scan (dropping 'ฯ' from the marks fails the first case)."""
    from indexer.abbreviations import abbreviation_marks, abbreviation_pattern, spelled_out
    from indexer.thai import _stretches

    assert abbreviation_marks() is not None  # every abbreviation holds a mark
    full, done = [], 0
    for m in abbreviation_pattern().finditer(par):
        full += [(done, m.start(), None), (m.start(), m.end(), spelled_out(m.group()))]
        done = m.end()
    full.append((done, len(par), None))
    assert list(_stretches(par)) == full


def test_paragraph_terms_are_the_words_of_paragraph_words():
    """The index's words of a paragraph (runs of Thai letters segmented together, other pieces'
    words put back between them) are exactly the words, in order, of the offset-keeping path."""
    from indexer import thai

    lex = thai.lexicon()
    pars = ["กระทรวงมหาดไทย ประชุม ข้าราชการพลเรือน",  # Thai only, spaces between runs
            "(ประชุม) 2,500 บาท COVID-19 iPhone กับ FaceShield",  # starts and ends with other pieces
            "พล.อ.ประยุทธ์ จันทร์โอชา สป.มท. กล่าว ณ ทำเนียบ.",  # abbreviations: several stretches
            "COVID-19", "ประชุม", "  ", "นายก ฯ 10.30 น."]
    for par in pars:
        assert thai._paragraph_terms(par, lex) == tuple(w for w, _s, _e in thai._paragraph_words(par, lex)), par


def test_runs_segmented_together_as_one_by_one():
    from indexer.thai import lexicon

    lex = lexicon()
    runs = ["กระทรวงมหาดไทย", "ประชุม", "ข้าราชการพลเรือน", "ก", "นายกรัฐมนตรี"]
    want: list[str] = []
    for run in runs:
        want += [*(["\n"] if want else []), *lex.segment(run)]
    assert lex.segment_runs(runs) == want
    assert lex.segment_runs(runs[:1]) == lex.segment(runs[0]) and lex.segment_runs([]) == []
