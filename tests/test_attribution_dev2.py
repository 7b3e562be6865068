"""Agency attribution: the classes of miss found on the dev2 tuning set (bench/data/agency_dev2.tsv).

Each test is cut from a dev2 article (doc ids in the comments) or has its shape, and failed before the
fix it checks; the labelling rule is bench/eval_attribution.py's docstring.
"""
from __future__ import annotations

import pytest

from tests.attribution_fixtures import FILLER, ministry_of


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


@pytest.mark.parametrize("title, expected", [
    # the registry's Latin aliases and English names open headlines too (corpus headlines)
    ("MDES ลงนามพัฒนาทักษะคนดิจิทัล", "mdes"),
    ("DSI ดำเนินคดีฉ้อโกงประชาชนแอบอ้าง สำนักงานสลากกินแบ่งรัฐบาล", "moj"),
    ("MOPH to destroy narcotics to celebrate International Day Against Drug Abuse", "moph"),
    ("Ministry of Justice continues to hold “Household Debt Settlement Mediation” in every province", "moj"),
    ("Mind the gap: students return to school", "opm"),  # an English word, not the ministry's MIND
])
def test_headline_opens_with_a_latin_name(title, expected):
    assert ministry_of(title) == expected


@pytest.mark.parametrize("title, expected", [
    # a department or enterprise cut short with ฯ opens the headline (thaigov-6357 of dev2, corpus headlines)
    ("กรมโรงงานฯ เร่งแก้ปัญหาซากกากอุตสาหกรรม 40,000 ตัน โรงงานร้างจังหวัดระยอง", "mind"),
    ("การเคหะฯ ประกาศเยียวยาผู้เช่าห้องพัก-แผงตลาด พักชำระ 3 เดือน", "msdhs"),
    ("การรถไฟฯ เพิ่มมาตรการรักษาความปลอดภัย", "mot"),  # two การรถไฟ… enterprises, one ministry
    ("การประชุมสภาฯ", "opm"),  # no agency starts that way
    # ปกท. is the permanent secretary's abbreviation (corpus headlines)
    ("ปกท.ทส. ตรวจเยี่ยมและให้กำลังใจเจ้าหน้าที่สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดแม่ฮ่องสอน", "mnre"),
])
def test_headline_opens_with_a_shortened_name_or_title(title, expected):
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


# --- the closing lines ---------------------------------------------------------------------------
def test_an_english_signature_signs():
    # thaigov-13542: the English release of the Public Debt Management Office
    body = FILLER + "\nPublic debt outstanding was at 6,497,688.57 million Baht.\nPublic Debt Management Office\n" \
        "Tel. +66 2 265 8050 Ext. 5520"
    assert ministry_of("Public Debt Outstanding Report as of May 31, 2018", body) == "mof"


def test_a_web_address_without_www_on_a_contact_line():
    # thaigov-53610: toea.doe.go.th is the Department of Employment's
    body = FILLER + "\nผู้ที่สนใจไปทำงานต่างประเทศ สามารถสอบถามข้อมูลเพิ่มเติมได้ที่ สายด่วน 1506 กด 2 หรือลงทะเบียน" \
        "ผ่านเว็บไซต์ toea.doe.go.th (ลงทะเบียนแจ้งความประสงค์ไปทำงานต่างประเทศ)\n#ไทยคู่ฟ้า\n-------------------"
    assert ministry_of("ส่งแรงงานไทยกลุ่มแรกไปทำงานซาอุดีฯ ภายใน 3 เดือน", body) == "mol"


def test_a_contact_needs_a_channel():
    # thaigov-8264: "ask at the Office of Agricultural Economics" gives no phone, hotline or address:
    # the publisher's footer below it stands
    body = FILLER + "\nทั้งนี้ ผู้สนใจรายละเอียดสามารถติดต่อสอบถามข้อมูลเพิ่มเติมได้ที่ สำนักงานเศรษฐกิจการเกษตร " \
        "ในวันและเวลาราชการ\n......\nกลุ่มประชาสัมพันธ์และเผยแพร่ สำนักโฆษก"
    assert ministry_of("ประชุมคณะกรรมการพืชน้ำมันและน้ำมันพืช ครั้งที่ 3/2560", body) == "opm"


def test_a_contact_block_gives_its_number_on_the_next_lines():
    # thaigov-9814 (dev): the hotline follows the agency's address on the lines below it
    body = FILLER + "\nทั้งนี้หากประชาชนที่ไม่ได้รับความเป็นธรรม สามารถร้องเรียน ร้องทุกข์\n" \
        "ขอรับความช่วยเหลือได้ที่ศูนย์บริการร่วมกระทรวงยุติธรรม\nเลขที่ ๑๒๐ หมู่ ๓ อาคารราชบุรีดิเรกฤทธิ์\n" \
        "ถนนแจ้งวัฒนะ แขวงทุ่งสองห้อง เขตหลักสี่กรุงเทพฯ ๑๐๒๑๐\nโทรสายด่วนยุติธรรม ๑๑๑๑ กด ๗๗"
    assert ministry_of("ศูนย์บริการร่วมพร้อมให้ความช่วยเหลือประชาชนที่ได้รับความเดือดร้อน", body) == "moj"


def test_english_running_text_is_not_a_signature():
    # an English release's sentence broken over lines names ministries in passing
    body = FILLER + "\nThe cabinet assigned the concerned\nagencies, i.e., Ministry of Natural Resources and " \
        "Environment, and Ministry of Foreign Affairs,\nto proceed with the agreement."
    assert ministry_of("The cabinet met on May 23, 2023.", body) == "opm"
