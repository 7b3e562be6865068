"""Province extraction (core/provinces.py), its storage and recomputation, and the province filter."""
from __future__ import annotations

import json
import re
import sqlite3

import pytest

from core.ingest import Record, make_article, refresh_provinces
from core.provinces import extract, provinces, resolve
from core.store import Store


def test_gazetteer_has_every_province_once():
    ps = provinces()
    assert len(ps) == 77 and len({p.code for p in ps}) == 77
    assert ps[0].name_th == "กรุงเทพมหานคร" and ps[0].code == "10"


@pytest.mark.parametrize("text, expected", [
    ("ผู้ว่าราชการจังหวัดเชียงใหม่ลงพื้นที่", ["50"]),
    ("ตรวจราชการ จ.จันทบุรี และ จ.ระยอง", ["21", "22"]),
    ("ที่ทำเนียบรัฐบาล กทม. วันนี้", ["10"]),
    ("เยี่ยมชมวัดในโคราช", ["30"]),
    ("The Governor of Chiang Mai met traders in Phuket", ["50", "83"]),
    ("flooding in Nan Province", ["55"]),
    # names that are also words need a province around them
    ("ไม่มีปัญหาเลย และเผยแพร่ข่าวแล้ว", []),
    ("ปรับลดอัตราดอกเบี้ยนโยบาย ที่ห้องประชุมพระศรีศาสดา", []),
    ("เรือประมงนอกน่านน้ำ ตากแดดไว้", []),
    ("ปฏิบัติการฝนหลวงที่ จ.เชียงใหม่ และ จ.ตาก", ["50", "63"]),
    ("17 จังหวัด ได้แก่ เชียงราย เชียงใหม่ น่าน แพร่ พะเยา", ["50", "54", "55", "56", "57"]),
    ("ผู้ป่วยสูงสุดที่จังหวัดตาก 1,920 ราย ยะลา 1,103 ราย", ["63", "95"]),
    ("ลงพื้นที่อำเภอแม่สอด เยี่ยมชาวตาก", ["63"]),
    # roads, houses, family names and longer words are not the province
    ("ประชุมที่บ้านพิษณุโลก ถนนพิษณุโลก", []),
    ("นายสุรินทร์ ณ อยุธยา และนางพิจิตรา", []),
    ("ธนาคารกรุงศรีอยุธยา จำกัด", []),
])
def test_extract(text, expected):
    assert extract("", text) == expected


def test_resolve_accepts_codes_names_and_short_forms():
    for typed in ("50", "เชียงใหม่", "จ.เชียงใหม่", "จังหวัดเชียงใหม่", "Chiang Mai", "chiangmai", "chiang mai province"):
        assert resolve(typed) == "50", typed
    assert resolve("กทม.") == resolve("Bangkok") == "10"
    assert resolve("Atlantis") is None and resolve("") is None


def test_ingest_stores_provinces_and_refresh_recomputes_them(tmp_path):
    with Store(tmp_path / "s.db") as store:
        art, _ = make_article(Record(url="https://x.go.th/1", title="ผู้ว่าฯ จ.ภูเก็ต", body="ที่จังหวัดพังงา"))
        assert art.provinces == "82 83"
        store.upsert_article(art)
        assert store.get_article(art.url).provinces == "82 83"
        store.set_provinces({art.url: ""})
        assert refresh_provinces(store) == 1
        assert store.get_article(art.url).provinces == "82 83"
        assert refresh_provinces(store) == 0


def test_a_version_3_store_gains_the_column(tmp_path):
    from core.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)  # a store as version 3 left it, built by its own migrations
    for step in MIGRATIONS[:3]:
        for stmt in step.split(";"):
            if stmt.strip():
                db.execute(stmt)
    db.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '3')")
    db.execute("INSERT INTO articles(url, title, agency, fetched_at, content_hash, seq) "
               "VALUES ('https://x.go.th/2', 'จ.น่าน', 'thaigov', '2021-01-01T00:00:00+00:00', 'h', 1)")
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.get_article("https://x.go.th/2").provinces == ""
        assert refresh_provinces(store) == 1
        assert store.get_article("https://x.go.th/2").provinces == "55"


def test_province_filter_and_facet_through_the_engine(tmp_path):
    from core.importer import import_files
    from core.paths import store_path
    from indexer import SearchEngine, build_params, sync_index

    lines = [
        {"url": "https://t.go.th/a", "title": "น้ำท่วม จ.เชียงใหม่", "body": "ช่วยผู้ประสบภัย", "date": "2021-03-04"},
        {"url": "https://t.go.th/b", "title": "น้ำท่วม จ.เชียงใหม่ และ จ.ลำพูน", "body": "ช่วยเหลือ", "date": "2021-04-01"},
        {"url": "https://t.go.th/c", "title": "น้ำท่วม กรุงเทพฯ", "body": "ระบายน้ำ", "date": "2022-01-09"},
        {"url": "https://t.go.th/d", "title": "น้ำท่วม", "body": "ทั่วประเทศ", "date": "2022-01-10"},
    ]
    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    data = tmp_path / "data"
    with Store(store_path(data)) as store:
        import_files(store, [src])
    sync_index(data)
    engine = SearchEngine(data, cache_size=0)
    res = engine.search(build_params(q="น้ำท่วม"))
    assert res.total == 4
    assert {f["id"]: f["count"] for f in res.facets["province"]} == {"50": 2, "51": 1, "10": 1}
    assert res.facets["month"] == [{"value": "2021-03", "count": 1}, {"value": "2021-04", "count": 1},
                                   {"value": "2022-01", "count": 2}]
    only = engine.search(build_params(q="น้ำท่วม", provinces=["Lamphun", "กทม."]))
    assert {h.url for h in only.hits} == {"https://t.go.th/b", "https://t.go.th/c"}
    # the province facet ignores the province filter; the others respect it
    assert {f["id"] for f in only.facets["province"]} == {"50", "51", "10"}
    assert sum(f["count"] for f in only.facets["month"]) == 2


def test_english_names_are_found_where_a_full_scan_finds_them():
    """The scan that tries the English pattern only where Latin letters start finds exactly
    what ``finditer`` finds, word boundaries after Thai letters and digits included."""
    from core import provinces as P

    eng_re = P._patterns()[1]
    for text in ("กรุงbangkok", "5bangkok", "x bangkok", "province of Chiang Mai, Bangkok",
                 "ſakon nakhon", "Sakon Nakhon Province", "chiang-mai chiangmai", "abangkok bangkok",
                 "ที่จังหวัดเชียงใหม่ (Chiang Mai) และ Phuket", ""):
        want = [(m.span(), m.groupdict()) for m in eng_re.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in P._eng_matches(eng_re, text)] == want, text
    assert P.extract("", "Governor of Chiang Mai province met in Bangkok") == ["10", "50"]


def test_latin_runs_start_where_the_expression_finds_them():
    from core import provinces as P

    latin = re.compile("(?i)[a-z]+")
    for text in ("", "a", "กa", "abc กรุง Def1gh", "ſakon İı Kelvin\u212a", "x😀y", "ภาษา English ภาษา", "ก" * 5):
        assert P._latin_starts(text) == [m.start() for m in latin.finditer(text)], text


def test_thai_names_are_found_where_a_full_scan_finds_them():
    """Trying the names only where three letters open one finds what ``finditer`` finds."""
    from core import provinces as P

    thai_re, _eng_re, thai, _eng = P._patterns()
    assert all(len(n) >= 3 and all("\u0e00" <= ch <= "\u0e7f" for ch in n[:3]) for n in thai)
    for text in ("", "กท", "กทม", "กทม.", "จ.เชียงใหม่เชียงราย", "นครนายกนครปฐม", "😀ตาก😀น่าน", "จังหวัดพระนครศรีอยุธยา อยุธยา",
                 "ลำปาง,แพร่ และเลย", "กรุงเทพมหานครกรุงเทพฯ"):
        want = [(m.start(), m.group()) for m in thai_re.finditer(text)]
        assert [(name_start, name) for _s, name_start, _e, name in P._thai_matches(thai_re, text)] == want, text
