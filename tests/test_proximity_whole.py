"""The whole query standing together, and the query as typed, rank a headline above scattered or
only spelled-out matches (indexer/proximity.py; issue 10: a pasted fragment that holds a number is
several clauses, and the tiers used to look at each clause alone)."""
from __future__ import annotations

from indexer.proximity import printed_query, proximity_bonus, wants_proximity
from indexer.query import parse


def test_a_fragment_of_several_clauses_in_one_headline_beats_the_same_words_apart():
    q = parse("วันเด็กแห่งชาติ 2566 ทำเนียบรัฐบาล")
    assert len([c for c in q.clauses if not c.negated]) > 1, "the number should split the clauses"
    together = "นายกฯ เปิดงานวันเด็กแห่งชาติ 2566 ทำเนียบรัฐบาล ย้ำเด็กไทยรู้หน้าที่"
    apart = "ทำเนียบรัฐบาลเตรียมจัดงานวันเด็กแห่งชาติ ปี 2566 ให้เด็กนั่งเก้าอี้"
    assert proximity_bonus(q, together, "") > proximity_bonus(q, apart, "")


def test_single_words_in_several_clauses_still_want_proximity():
    assert wants_proximity(parse("แห่งชาติ 2566 ทำเนียบรัฐบาล"))
    assert not wants_proximity(parse("มหาดไทย"))


def test_the_query_as_typed_beats_its_abbreviated_form():
    q = parse("จัดตั้งโรงพยาบาลสนาม")
    typed = "ศบค. เร่งจัดตั้งโรงพยาบาลสนามเพิ่มในทุกจังหวัด"
    abbreviated = "กห. เร่งจัดตั้ง รพ.สนามเพิ่มในหน่วยทหาร"
    assert proximity_bonus(q, typed, "") > proximity_bonus(q, abbreviated, "")



def test_a_clause_with_alternatives_still_wants_proximity():
    # ราคาข้าว OR ราคายาง: one clause of two words (with an alternative): its words standing
    # together still count, as they did before whole-query runs were added.
    q = parse("ราคาข้าว OR ราคายาง")
    assert wants_proximity(q)
    assert proximity_bonus(q, "ราคาข้าวเปลือกวันนี้", "") > proximity_bonus(q, "ข้าวหอมมะลิ ราคาดี", "")


def test_a_dash_before_a_quoted_phrase_stays_an_exclusion():
    from indexer.query import dashes_as_text

    d = dashes_as_text(parse('มหาดไทย -"น้ำท่วม" -ภัยแล้ง'))
    assert [(c.words, c.negated) for c in d.clauses] == [(["มหาดไทย"], False), (["น้ำท่วม"], True),
                                                          (["ภัยแล้ง"], False)]
    assert dashes_as_text(parse('มหาดไทย -"น้ำท่วม"')) is None  # only deliberate exclusions


def test_the_marks_the_user_typed_pick_the_headline_that_has_them():
    # Two headlines hold the words ประวิตร ย้ำ; only one holds them as typed, with the ฯ.
    q = parse("ประวิตรฯย้ำ")
    with_mark = "รองนายกรัฐมนตรี พลเอก ประวิตรฯ ย้ำบริหารจัดการน้ำอุปโภคบริโภค"
    without = "พลเอก ประวิตร ย้ำจังหวัดจับมือท้องถิ่นคุมเข้มเติมน้ำใต้ดิน"
    assert proximity_bonus(q, with_mark, "") > proximity_bonus(q, without, "")
    # Without a mark in the query the two are alike (spaces and marks are ignored).
    plain = parse("ประวิตรย้ำ")
    assert proximity_bonus(plain, with_mark, "") == proximity_bonus(plain, without, "")
    # Pasted dots at the ends are not marks the headline must hold.
    dotted = parse("ประวิตรย้ำ..")
    assert proximity_bonus(dotted, with_mark, "") == proximity_bonus(dotted, without, "")


def test_a_headline_that_writes_the_letters_undotted_holds_the_run():
    """กทม typed without its dot is read as กทม. and as typed: a headline that writes it undotted
    holds the run (it is that text) as much as one that writes it with its dot."""
    from indexer.proximity import IN_HEADLINE

    q = parse("ธนาคารสาขาในสังกัดกทม")
    assert q.clauses[0].as_typed is not None
    undotted = "ธนาคารสาขาในสังกัด กทม และปริมณฑล เปิดบริการวันเสาร์"
    elsewhere = "ธนาคารเปิดบริการวันเสาร์ สาขาในสังกัดทั่วประเทศ ยกเว้น กทม และปริมณฑล"
    assert proximity_bonus(q, undotted, "") >= IN_HEADLINE + proximity_bonus(q, elsewhere, "")


def test_a_headline_that_spells_the_abbreviation_as_pasted_comes_first():
    """"พล.อ" without its last dot is read as พล.อ. (พลเอก); the headline it was pasted from writes
    it so too (พล.อ ประวิตร ฯ), and holds the query as typed, marks and all: it comes before the
    headlines that write the abbreviation in full."""
    q = parse("รอง.นรม.พล.อประวิตรฯ")
    pasted_from = "รอง.นรม.พล.อ ประวิตร ฯ เร่งขับเคลื่อนแผนงานอนุรักษ์และพัฒนาเมืองเก่า"
    in_full = "รอง นรม.พล.อ.ประวิตรฯ เป็นประธานการประชุมคณะกรรมการ"
    assert proximity_bonus(q, pasted_from, "") > proximity_bonus(q, in_full, "")


def test_a_pasted_fragment_picks_the_headline_that_prints_it_so():
    # Both headlines hold the letters; only one prints the space and the brackets as pasted.
    same = "รายงานข่าวกรณีโรคติดเชื้อไวรัสโคโรนา 2019 (COVID-19) ประจำวันที่ 7 กันยายน 2563"
    other = "รายงานข่าวกรณีโรคติดเชื้อไวรัสโคโรนา 2019(COVID-19) ประจำวันที่ 27 เมษายน 2563"
    for pasted in ("ไวรัสโคโรนา 2019 (COVID-19) ประจำ", "“ไวรัสโคโรนา 2019 (COVID-19) ประจำ”!!"):
        q = parse(pasted)
        assert proximity_bonus(q, same, "") > proximity_bonus(q, other, ""), pasted
    # The kind of quote pasted counts too.
    q = parse("โฆษกรัฐบาลเผย “นายกฯ")
    curly = "โฆษกรัฐบาลเผย “นายกฯ” สั่งปรับแผนรับมือเหตุก่อกวนในพื้นที่ชายแดนใต้"
    straight = 'โฆษกรัฐบาลเผย "นายกฯ" อยากเห็นคนไทยร่วมงานลอยกระทง'
    assert proximity_bonus(q, curly, "") > proximity_bonus(q, straight, "")


def test_how_thai_words_and_dotted_abbreviations_are_spaced_picks_no_headline():
    # Re-spacing Thai text, or spacing after an abbreviation's dot, is the writer's style, not the
    # printed text: the query says nothing about which headline it was copied from.
    spaced = "สำนักงาน ปลัดกระทรวง จัดประชุมใหญ่"
    glued = "สำนักงานปลัดกระทรวง จัดประชุมใหญ่"
    for text in ("สำนักงานปลัดกระทรวง", "สำนักงาน ปลัดกระทรวง"):
        q = parse(text)
        assert proximity_bonus(q, spaced, "") == proximity_bonus(q, glued, ""), text
    q = parse("พ. ศ. 2566")
    assert proximity_bonus(q, "แผนปฏิบัติการ พ.ศ.2566", "") == proximity_bonus(q, "แผนปฏิบัติการ พ.ศ. 2566", "")
    # Nor is a space beside a number or a Latin word, typed as the user likes (ฝุ่น PM2.5 / ฝุ่นPM2.5).
    for text in ("ฝุ่น PM2.5", "ฝุ่นPM2.5", "โควิด 19"):
        q = parse(text)
        for spaced, glued in (("เตือนฝุ่น PM2.5 เกินมาตรฐาน", "เตือนฝุ่นPM2.5 เกินมาตรฐาน"),
                              ("ฉีดวัคซีนโควิด 19 เข็มสาม", "ฉีดวัคซีนโควิด19 เข็มสาม")):
            assert proximity_bonus(q, spaced, "") == proximity_bonus(q, glued, ""), (text, spaced)


def test_only_what_a_headline_may_hold_is_compared_as_printed():
    # An exclusion, either side of an OR and the operators are not text a headline prints: the
    # rest of the query is still compared as pasted.
    same = "รายงานข่าวกรณีโรคติดเชื้อไวรัสโคโรนา 2019 (COVID-19) ประจำวันที่ 7 กันยายน 2563"
    other = "รายงานข่าวกรณีโรคติดเชื้อไวรัสโคโรนา 2019(COVID-19) ประจำวันที่ 27 เมษายน 2563"
    for query in ("ไวรัสโคโรนา 2019 (COVID-19) ประจำ -นายกฯ", "ไวรัสโคโรนา 2019 (COVID-19) ประจำ AND ข่าว OR ประกาศ",
                  '"นายกฯ" OR รัฐบาล ไวรัสโคโรนา 2019 (COVID-19) ประจำ'):
        q = parse(query)
        assert printed_query(q.printed) == "ไวรัสโคโรนา 2019 (covid-19) ประจำ", query
        assert proximity_bonus(q, same, "") > proximity_bonus(q, other, ""), query
