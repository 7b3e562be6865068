"""Inside a proximity tier, an article that says the run again and again ranks above one that says
it once in passing; a headline with the words a few letters apart ranks with a run in the body, above the words nearly together in the body
(indexer/proximity.py; issue 10, nDCG of the information needs)."""
from __future__ import annotations

import pytest

from indexer.proximity import LEAD, _squeeze_whole, proximity_bonus, squeeze
from indexer.query import parse


def test_a_body_that_says_the_run_often_beats_one_that_says_it_once():
    q = parse("ราคาน้ำมัน")
    filler = "รัฐบาลติดตามสถานการณ์อย่างใกล้ชิด " * 5
    often = f"กระทรวงพลังงานรายงานราคาน้ำมันวันนี้ {filler} ราคาน้ำมันดีเซลตรึงไว้ {filler} ราคาน้ำมันเบนซินลดลง"
    once = f"ศูนย์วิจัยคาดการณ์ราคาสินค้าเกษตร {filler} ปัจจัยคือราคาน้ำมัน {filler} และค่าเงินบาท"
    assert proximity_bonus(q, "ข่าวพลังงาน", often) > proximity_bonus(q, "ข่าวเกษตร", once)


def test_the_count_reaches_past_the_lead_of_the_body():
    q = parse("ราคาน้ำมัน")
    lead = "ศูนย์วิจัยคาดการณ์ราคาน้ำมันเดือนหน้า " + "ก" * 3000
    assert proximity_bonus(q, "ข่าว", lead + " ราคาน้ำมันลดลง") > proximity_bonus(q, "ข่าว", lead + " ค่าเงินบาท")


def test_a_headline_with_the_words_nearly_together_beats_a_body_with_them_nearly_together():
    q = parse("ราคาปุ๋ย")
    headline = proximity_bonus(q, "เตือนเกษตรกร ระวังรถเร่ขายปุ๋ยปลอม ราคาถูก", "สารวัตรเกษตรเตือนภัย")
    body = proximity_bonus(q, "นายกฯ ลงพื้นที่สระบุรี ติดตามการบริหารจัดการน้ำ", "เกษตรกรบ่นปุ๋ยแพง ราคาสูง")
    assert headline > body


def test_headlines_that_hold_the_run_are_left_to_bm25():
    # A headline holding the run is about it already; its body's count must not reshuffle the
    # headlines a short query shares (a known item is any one of them).
    q = parse("ราคาน้ำมัน")
    assert proximity_bonus(q, "ราคาน้ำมันวันนี้", "ราคาน้ำมัน " * 3) == proximity_bonus(q, "ราคาน้ำมันวันนี้", "ข่าว")


def test_past_the_lead_a_spaced_or_capitalised_run_counts_as_the_lead_counts_it():
    """Past letter 2500 the run was counted in the raw body: 'ราคา น้ำมัน' or 'ThailandPost' there counted
    nothing while the same text in the lead counted (review)."""
    lead = "ข่าว " + "ก" * 3000
    for query, said in (("ราคาน้ำมัน", " ราคา น้ำมันลดลง" * 5), ("thailand post", " ThailandPost" * 5)):
        q = parse(query)
        assert proximity_bonus(q, "ข่าว", lead + said) > proximity_bonus(q, "ข่าว", lead + " ค่าเงินบาท")


def test_the_count_stays_below_a_tier_however_many_runs_a_query_has():
    from indexer.proximity import TIER

    words = ("ดีเซล", "เบนซิน", "แก๊ส", "ก๊าด", "เตา", "เครื่องบิน", "ปาล์ม", "พืช", "หล่อลื่น", "ดิบ",
             "สำเร็จรูป", "ชีวภาพ", "เถื่อน", "โลก", "ขายปลีก", "ขายส่ง")
    q = parse(" ".join(f"ราคาน้ำมัน{w}" for w in words))
    # Every run said often, all past the lead: no tier is earned, only the count.
    body = "ข่าว " + "ก" * 3000 + " ".join(f" ราคาน้ำมัน{w}" for w in words) * 10
    assert 0 < proximity_bonus(q, "ข่าวสั้น", body) <= TIER / 2


@pytest.mark.parametrize("at", [LEAD - 3, LEAD - 1, LEAD, LEAD + 2])
@pytest.mark.parametrize("spell", [False, True])
def test_the_body_squeezed_past_the_lead_is_the_whole_body_squeezed(at, spell):
    """The rest of a body is squeezed on its own and appended to the lead (the lead is not squeezed
    twice): the same text whatever stands at the cut, an abbreviation straddling it or a sigma."""
    filler = "รัฐบาลติดตาม สถานการณ์, อย่างใกล้ชิด. "
    for piece in ("พล. อ.ประยุทธ์", "ผู้ว่าฯ", "ΟΔΟΣ ΑΘΗΝΑΣ", "ราคา น้ำมัน"):
        body = (filler * 200)[:at] + piece + " " + filler * 3
        assert _squeeze_whole(body, squeeze(body[:LEAD], spell), spell) == squeeze(body, spell)


def test_a_long_text_is_squeezed_as_a_short_one_is():
    """Past _LONG letters squeezing goes through a table of code points: the same text as the
    regex makes of it, whatever the letters (every space, punctuation, astral and odd case)."""
    from indexer.proximity import _GAPS, _LONG

    odd = "ΟΔΟΣ ΑΘΗΝΑΣ İstanbul\u00a0x\u2003y\u3000z “ราคา” «น้ำมัน» … ๆ ฯ — – 10.30 น. 😀 \U00010000 a\u200bb \t\n\r"
    text = ("ราคาน้ำมัน, ดีเซล (ลิตรละ 30 บาท)! " * 20) + odd * 3
    assert len(text) > _LONG
    assert squeeze(text) == _GAPS.sub("", text.lower())
    assert squeeze(text[:_LONG - 1]) == _GAPS.sub("", text[:_LONG - 1].lower())


def test_the_code_point_table_is_built_without_a_burst_of_memory():
    """The table is built once per process, at the first long text a search squeezes: built from
    1.1 million one-letter strings it took ~100 MB at once, a serving worker's peak memory
    (issue 15: a worker's RSS, peak included, at most 300 MB)."""
    import tracemalloc

    from indexer.proximity import _GAPS, _kept

    tracemalloc.start()
    try:
        table = _kept.__wrapped__()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000
    assert not table[ord(" ")] and not table[ord("“")] and table[ord("ก")]
    gaps = _GAPS.fullmatch
    assert all(bool(table[c]) is (gaps(chr(c)) is None) for c in range(0x110000))


def test_a_run_said_once_in_the_lead_earns_no_tier():
    """A passing mention (the run once in the lead, the headline about something else) does not
    outrank a headline about the query's words: 'อาหารกลางวันนักเรียน' put a defence ministry's temple
    visit above a headline on the school lunch programme (fresh information needs, session 17)."""
    from indexer.proximity import TIER

    q = parse("อาหารกลางวันนักเรียน")
    passing = proximity_bonus(q, "กระทรวงกลาโหมจัดกิจกรรมพัฒนาวัด", "มอบอาหารกลางวันนักเรียนโรงเรียนวัด แล้วทำความสะอาดลานวัด")
    assert passing < TIER
    again = proximity_bonus(q, "กระทรวงกลาโหมจัดกิจกรรมพัฒนาวัด",
                            "มอบอาหารกลางวันนักเรียน แล้วทำความสะอาด ต่อมาติดตามอาหารกลางวันนักเรียนอีกครั้ง")
    assert again >= 2 * TIER


def test_a_headline_holding_every_word_apart_earns_a_tier():
    """'น้ำท่วมกรุงเทพ': a headline naming กรุงเทพมหานคร and น้ำท่วม far apart is about both."""
    from indexer.proximity import TIER

    q = parse("น้ำท่วมกรุงเทพ")
    apart = proximity_bonus(q, "การรถไฟ จับมือ กรุงเทพมหานคร เดินหน้าแก้ไขปัญหาบ้านพักน้ำท่วม", "ข่าว")
    one = proximity_bonus(q, "การรถไฟ เดินหน้าแก้ไขปัญหาบ้านพักน้ำท่วม", "ข่าว")
    assert apart >= TIER > one


def test_a_passage_said_once_in_the_lead_keeps_its_tier():
    """A run of several words is a passage copied from the lead: once is enough (a body passage
    pasted mid-word ranked lower when every run needed saying twice: session 17's probe)."""
    from indexer.proximity import TIER

    q = parse("ให้ความช่วยเหลือผู้ประกอบการรายย่อยที่ได้รับผลกระทบ")
    assert len(q.clauses[0].words) >= 4
    body = "กระทรวงการคลังจะให้ความช่วยเหลือผู้ประกอบการรายย่อยที่ได้รับผลกระทบจากน้ำท่วม"
    assert proximity_bonus(q, "ข่าวกระทรวงการคลัง", body) >= 2 * TIER


def test_a_passage_said_once_past_the_lead_keeps_its_tier_in_a_passage_reading():
    """A quote pasted from deep in a release finds that release: among a passage reading's articles
    the passage's run counts wherever the body says it, not only in its lead (session 18's probe of
    pasted body passages). Elsewhere it does not: a long name said once in passing
    (สภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ, six words) is no more what an article is about."""
    from indexer.proximity import TIER

    q = parse("ให้ความช่วยเหลือผู้ประกอบการรายย่อยที่ได้รับผลกระทบ")
    body = "กระทรวงการคลังรายงาน " + "ก" * LEAD + " จะให้ความช่วยเหลือผู้ประกอบการรายย่อยที่ได้รับผลกระทบจากน้ำท่วม"
    apart = proximity_bonus(q, "ผู้ประกอบการรายย่อยได้รับความช่วยเหลือ", "ข่าว", passage=True)
    assert proximity_bonus(q, "ข่าวกระทรวงการคลัง", body, passage=True) >= 2 * TIER > apart
    name = parse("สภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ")
    passing = "นายกฯ ประชุม " + "ก" * LEAD + " โดยมีผู้แทนสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติร่วมประชุม"
    assert proximity_bonus(name, "นายกฯ พอใจความก้าวหน้า", passing) < TIER
