"""Agency attribution follows the issue-10 labelling rule (bench/eval_attribution.py's docstring):
a signature line naming an agency, else a ministry the headline names, else the publisher.

Snippets are cut from dev articles of the thaigov.go.th corpus (doc ids in the comments); each test
failed before the rule changes of issue 10.
"""
from __future__ import annotations

import pytest

from tests.attribution_fixtures import FILLER, ministry_of


# --- step 2: a ministry the headline names, wherever it stands ----------------------------------
@pytest.mark.parametrize("title, expected", [
    # thaigov-31939: the ministry closes the headline in brackets
    ("สถานกงสุลใหญ่ ณ กรุงอันตานานาริโวให้การดูแลช่วยเหลือส่งคนไทยในมาดากัสการ์ [กระทรวงการต่างประเทศ]", "mfa"),
    # thaigov-87386: an abbreviation after an exclamation
    ("ข่าวดี! วธ.ประกาศ 10 สุดยอดชุมชนต้นแบบ “เที่ยวชุมชน ยลวิถี” ปีที่ 4", "mculture"),
    # thaigov-44884: a state enterprise of the ministry opens the headline
    ("บขส. จัดรถโดยสารส่งผู้ป่วยโควิด 43 คน กลับไปรักษาตัวในจังหวัดภาคเหนือ", "mot"),
    # a merged ministry is its successor's
    ("กระทรวงวิทยาศาสตร์และเทคโนโลยี จัดงานสัปดาห์วิทยาศาสตร์แห่งชาติ", "mhesi"),
    ("ก.ไอซีที หารือภาคเอกชน", "mdes"),
])
def test_headline_names_the_ministry(title, expected):
    assert ministry_of(title) == expected


@pytest.mark.parametrize("title, expected", [
    # thaigov-54338 and thaigov-94967 (test): Thai sets no space before a word, nor after it
    ("รมว.เฮ้ง เร่งช่วยเหลือแรงงานต่างด้าว หลังมูลนิธิ LPN ประสานขอความช่วยเหลือจากกระทรวงแรงงาน", "mol"),
    ("“อรรษิษฐ์ ” นำข้าราชการรับเหรียญ เนื่องในวันคล้ายวันสถาปนากระทรวงมหาดไทย ครบรอบ 133 ปี", "moi"),
    ("พิธีรับพระราชทานเครื่องราชอิสริยาภรณ์ ให้แก่ข้าราชการสังกัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม", "mnre"),
    ("“บิ๊กอู๋” กำชับ! กระทรวงแรงงานจัดเต็ม ครบทุกบริการรองรับคนหางาน", "mol"),
    # still not evidence when glued: the cabinet's news, an assistant minister
    ("ครม.เห็นชอบร่างประกาศกระทรวงมหาดไทยขยายระยะเวลาต่างชาติพำนักในประเทศไทย", "opm"),
    ("ผู้ช่วยรัฐมนตรีประจำกระทรวงยุติธรรม เป็นประธานเปิดการประชุม", "opm"),
])
def test_a_ministry_named_with_no_space_around_it(title, expected):
    assert ministry_of(title) == expected


@pytest.mark.parametrize("title", [
    "นายกฯ ตรวจเยี่ยมกระทรวงคมนาคม ติดตามความก้าวหน้าโครงการ",  # the PM's own news
    "รัฐบาลหนุน ขสมก ลงนามจัดซื้อรถเมล์ กำชับ ก.คมนาคม ดูแลให้โปร่งใส",  # thaigov-522
    "ผู้บริหาร 4 ก.พ. 2568 ประชุมหารือ",  # February, not the Civil Service Commission
    "รัฐมนตรีช่วยว่าการกระทรวงการต่างประเทศ สาธารณรัฐเช็ก เยือนไทย",  # another country's
    "ภาคอุตสาหกรรมไทย 150 บาท/กก. ราคาสูงขึ้น",  # a kilogram, not the Ministry of Tourism and Sports
    "ราคาหมูเนื้อแดง กก.ละ 140 บาท ทั่วประเทศ",
])
def test_headline_mentions_that_are_not_the_ministry(title):
    assert ministry_of(title) == "opm"  # thaigov, the publisher


# --- step 1: only signature lines; running text and the opening line are not evidence -----------
@pytest.mark.parametrize("title, closing, expected", [
    # thaigov-2526: who organised the event is running text, the headline names ยุติธรรม
    ("ยธ. เสริมสร้างความรู้ด้านการอำนวยความยุติธรรมแก่กำนัน ผู้ใหญ่บ้าน",
     "เป็นวิทยากรบรรยายภายใต้โครงการฝึกอบรม\nจัดโดยกรมการปกครอง กระทรวงมหาดไทย\nในหัวข้อ “การอำนวยความยุติธรรม”", "moj"),
    # thaigov-3147: co-hosts listed on their own lines
    ("กระทรวงยุติธรรม ร่วมเป็นเจ้าภาพพิธีบำเพ็ญกุศล",
     "โดยกระทรวงยุติธรรม กระทรวงวิทยาศาสตร์และเทคโนโลยี\nและกระทรวงการต่างประเทศ ร่วมเป็นเจ้าภาพ\nณ พระอุโบสถ", "moj"),
    # thaigov-3463
    ("“ยุติธรรม” ร่วมพิธีเปิดการประชุมระดับสูง",
     "ประกอบด้วย สำนักงานป้องกันยาเสพติดและปราบปรามอาชญากรรม\nแห่งสหประชาชาติ (UNODC)  กระทรวงการต่างประเทศ\n"
     "และหน่วยงานของประเทศสมาชิกอาเซียน เข้าร่วมฯ", "moj"),
    # thaigov-5169
    ("“ยุติธรรม” จับมือ “กรมประชาสัมพันธ์” แลกเปลี่ยนข้อมูลข่าวสาร",
     "สถานีวิทยุโทรทัศน์แห่งประเทศไทย สถานีโทรทัศน์ NBT World\n"
     "สถานีวิทยุกระจายเสียงแห่งประเทศไทย และสื่อออนไลน์ต่าง ๆ ของกรมประชาสัมพันธ์\n" + FILLER, "moj"),
    # thaigov-91101: a sentence the ministry opens is running text; the headline is the PM's
    ("นายกฯ สั่ง พื้นที่อุทกภัยสินค้าห้ามขาด-ห้ามแพง",
     "กระทรวงพาณิชย์จะเข้าดำเนินการตามกฎหมายทันที นอกจากนี้\n" + FILLER, "opm"),
])
def test_running_text_in_the_closing_lines_is_not_a_signature(title, closing, expected):
    assert ministry_of(title, FILLER + "\n" + closing) == expected


@pytest.mark.parametrize("title, opening", [
    # thaigov-86974 and thaigov-24618: the opening line repeats the story with the official's title
    ("“สมศักดิ์” ยก 4 กลไก สร้างความมั่นคงด้านวัคซีนฯ", "รัฐมนตรีว่าการกระทรวงสาธารณสุข เผย ในการประชุม ASEAN - สหรัฐฯ วาระพิเศษ"),
    ("ผู้ถือบัตรสวัสดิการแห่งรัฐรับเงินล้าน", "กระทรวงการคลังมอบโชคเงินล้านในโครงการแจกโชคจากการใช้บัตรเดบิตครั้งที่ 7"),
])
def test_the_opening_body_line_is_not_evidence(title, opening):
    assert ministry_of(title, opening + "\n" + "\n".join([FILLER] * 4)) == "opm"


def test_a_bare_signature_line_still_signs():
    # thaigov-16010: a name and title alone on a closing line sign the release
    body = FILLER + "\nการุณ สกุลประดิษฐ์ ปลัดกระทรวงศึกษาธิการ\nRewriter/Editor บัลลังก์ โรหิตเสถียร"
    assert ministry_of("ราชกิจจานุเบกษา เผยแพร่ข้อบังคับ", body) == "moe"


def test_a_contact_line_still_signs():
    # thaigov-46054
    body = FILLER + "\nท่านสามารถติดตามข้อมูลข่าวสาร รฟม. ได้ที่ www.mrta.co.th"
    assert ministry_of("จัดกิจกรรม มอบกล่องทันใจ", body) == "mot"


def test_an_agency_before_its_phone_number_signs_as_a_contact():
    # the shape of the closing contact lines of the Fiscal Policy Office's releases
    body = FILLER + "\nสำนักงานเศรษฐกิจการคลัง โทร. 02273 9020 ต่อ 3533 3566 3579 และ 3595 (เฉพาะวันและเวลาราชการ)"
    assert ministry_of("คณะรัฐมนตรีอนุมัติหลักการให้ความช่วยเหลือประชาชน", body) == "mof"
