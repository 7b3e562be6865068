"""A glued fragment whose neighbouring words the segmenter reads across the headline's words finds
its headline first, beside a summary holding every word of that reading scattered (indexer.glued,
indexer.likeliest; issue 10: printed and unspaced fragments)."""
from __future__ import annotations

import pytest

from indexer.query import parse
from tests.decoy_fixtures import beside_decoy, first_hit


def test_a_glued_fragment_whose_neighbours_read_otherwise_finds_its_headline_first(tmp_path):
    """Glued, "10นาทีหลัง" reads นา·ทีหลัง (ทีหลัง: "later"); the headline spaces นาที หลัง. A summary
    holding every glued word matched, so the reading with the two neighbours split otherwise
    (indexer.glued.resplit) is tried, and kept because the headline holds the query's run."""
    target = "https://www.thaigov.go.th/news/contents/details/78123"
    query = "ทำร้ายใน10นาทีหลังรับแจ้งเหตุผ่านไลน์“พม.พิษณุโลก"
    assert "ทีหลัง" in parse(query).clauses[0].words
    articles = beside_decoy(query, target, "2023-06-01",
                            "พม. เข้าช่วยเด็กถูกพ่อทำร้ายใน 10 นาที หลังรับแจ้งเหตุผ่านไลน์ “พม.พิษณุโลก พร้อมช่วย”",
                            "ทีมสหวิชาชีพลงพื้นที่ช่วยเหลือเด็ก")
    assert first_hit(tmp_path, articles, query) == target


def test_glued_neighbours_the_index_reads_otherwise_find_their_headline_first(tmp_path):
    """Glued, "ลดลงเงินกองทุน" reads ลด·ลงเงิน (ลงเงิน: "to invest"; the general corpus counts split
    ลดลง, so they do not favour ลดลง·เงิน): read as the index's own counts make likeliest
    (indexer.likeliest), where ลดลง and เงิน are words of many articles and ลงเงิน of one, it is
    ลดลง·เงิน."""
    target = "https://www.thaigov.go.th/news/contents/details/66101"
    query = "ลดลงเงินกองทุนทดแทนสะสม7.2หมื่น"
    assert parse(query).clauses[0].words[:2] == ["ลด", "ลงเงิน"]
    articles = beside_decoy(query, target, "2023-02-01",
                            "“ทิพานัน”เผยแนวโน้มการประสบอันตรายของลูกจ้างจากการทำงานปี 65 ลดลง "
                            "เงินกองทุนทดแทนสะสม 7.2 หมื่นล้านบาท", "รายละเอียดของข่าว")
    articles += [{"url": f"https://www.thaigov.go.th/news/contents/details/{660 + i}", "date": "2023-01-0%d" % (i + 1),
                  "category": "news", "lang": "th", "title": title, "body": title}
                 for i, title in enumerate(["ยอดผู้ป่วยลดลง รัฐจ่ายเงินช่วยเหลือ", "ราคาน้ำมันลดลง เงินเฟ้อชะลอ",
                                            "หนี้ครัวเรือนลดลง เงินออมเพิ่ม"])]
    assert first_hit(tmp_path, articles, query) == target


@pytest.mark.parametrize(("query", "title", "others"), [
    # หลอม·รวมหัว·ใจรัก glued; the headline spaces หลอมรวมหัวใจ รัก.
    ("ภาคีเครือข่ายหลอมรวมหัวใจรัก",
     "รวมพลัง \"บวร\" บูรณาการ 7 ภาคีเครือข่าย หลอมรวมหัวใจ รักแม่ใจ สร้างแม่ใจ ไปด้วยกันอย่างยั่งยืน",
     ["ร่วมกันรวม พลังหัวใจ", "หัวใจรักชาติ", "รักษ์โลก รวม ใจ หัวใจ", "ความรัก หัวใจ"]),
    # ช้อ·ปสุ·ดย·อด glued (ดย of ดย., learned); the headline spaces ช้อป สุดยอด.
    ("ช้อปสุดยอดสินค้าหลากหลาย",
     "รอง ลธน.ม.เรณูฯ เชิญชวนประชาชน ชม ชิม ช้อป สุดยอดสินค้าหลากหลายทั่วไทยหาได้ในที่เดียว",
     ["ช้อป ช่วยชาติ", "สุดยอด ผลงาน", "ช้อป ของดี", "ดย. จัดกิจกรรม"]),
], ids=["หัวใจ-รัก", "ช้อป-สุดยอด"])
def test_a_glued_run_read_as_the_index_makes_likeliest_finds_its_headline_first(tmp_path, query, title, others):
    """The segmenter cuts a glued run across the headline's words; one article holds every word
    of that reading scattered (the decoy). The run read as the index makes likeliest finds the
    headline (indexer.likeliest)."""
    target = "https://www.thaigov.go.th/news/contents/details/67001"
    articles = beside_decoy(query, target, "2023-03-01", title, "รายละเอียดของข่าว")
    articles += [{"url": f"https://www.thaigov.go.th/news/contents/details/{670 + i}", "date": "2023-02-0%d" % (i + 1),
                  "category": "news", "lang": "th", "title": t, "body": t} for i, t in enumerate(others)]
    assert first_hit(tmp_path, articles, query) == target
