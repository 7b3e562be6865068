"""Agency attribution: the classes of miss found on the dev2 tuning set (bench/data/agency_dev2.tsv).

Each test is cut from a dev2 article (doc ids in the comments) or has its shape, and failed before the
fix it checks; the labelling rule is bench/eval_attribution.py's docstring.
"""
from __future__ import annotations

import pytest

from core.agencies import registry
from core.attribution import attribute
from core.normalize import normalize, normalize_line

FILLER = "นายกรัฐมนตรีได้ติดตามความคืบหน้าของโครงการอย่างใกล้ชิด และขอให้ทุกหน่วยงานเร่งดำเนินการ"


def ministry_of(title: str, body: str = FILLER) -> str:
    a = attribute(normalize_line(title), normalize(body), "https://www.thaigov.go.th/news/1")
    return registry().ministry_of(a.agency)


# --- the headline --------------------------------------------------------------------------------
@pytest.mark.parametrize("title, expected", [
    # thaigov-23240: a person whose name starts with ก after นาย is not the Prime Minister (นายก)
    ("นายกฤษศญพงษ์ ศิริ ปลัดกระทรวงวัฒนธรรม เป็นประธานงานแถลงข่าวโครงการอนุรักษ์เพลงไทยสากล", "mculture"),
    # thaigov-46779: the head of a state enterprise: ผู้ว่าการ + การรถไฟ… is written once
    ("ผู้ว่าการรถไฟแห่งประเทศไทย ทำบุญอุทิศส่วนกุศลครบรอบ 1 ปี", "mot"),
    ("ผู้ว่าการการไฟฟ้าส่วนภูมิภาค ลงพื้นที่ตรวจเยี่ยม", "moi"),
    # thaigov-41835: a state enterprise the registry lacked opens the headline
    ("การท่าเรือแห่งประเทศไทยร่วมมือกับ SCGL พัฒนาระบบขนส่งปูนซีเมนต์", "mot"),
    ("กทท. เปิดท่าเทียบเรือใหม่", "mot"),
    # thaigov-29549: the ministry's everyday short name, quoted
    ('"เกษตร" เร่งเครื่อง สั่งทูตเกษตรประจำประเทศจีน รุกหนัก', "moac"),
    ("รมว.เกษตร ลงพื้นที่ติดตามสถานการณ์น้ำ", "moac"),
])
def test_headline_names_the_ministry(title, expected):
    assert ministry_of(title) == expected


@pytest.mark.parametrize("title", [
    "นายกฯ ตรวจเยี่ยมกระทรวงคมนาคม ติดตามความก้าวหน้าโครงการ",
    "นายกเปิดงาน SME Revolution ให้กระทรวงอุตสาหกรรมสนับสนุน",  # นายก is the PM here
    "นายกรัฐนตรีขอให้กระทรวงมหาดไทยเร่งช่วยเหลือ",  # a misspelt PM is still the PM
    # thaigov-1043: an assistant minister speaks for himself, whatever ministry his title names
    "ผู้ช่วยรัฐมนตรีประจำกระทรวงยุติธรรม เป็นประธานเปิดการประชุม",
    "ผช.รมว.พม. ลงพื้นที่เร่งช่วยเหลือ 25 ครอบครัว",  # thaigov-25236's opening: ผช. is ผู้ช่วย
    "ข่าวดี เกษตรกรรุ่นใหม่รวมกลุ่มปลูกผัก",  # an everyday word, not the ministry
])
def test_headlines_that_stay_with_the_publisher(title):
    assert ministry_of(title) == "opm"
