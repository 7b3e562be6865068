"""Agency attribution: which of several closing lines decides (core/attribution_pick.py). Hashtags go to the
ministry tagged most, on a tie to the agency's own tag, the first; other evidence to the ministry named on most
lines; and bare lines naming three ministries or more are a list of agencies, not a signature.

Each case is cut from a corpus article (doc ids in the comments) and failed before the fix it checks, except the
guards marked so.
"""
from __future__ import annotations

import pytest

from tests.attribution_fixtures import FILLER, ministry_of

NEUTRAL = "ประชาชนร่วมกิจกรรมตามนโยบายของรัฐบาล"  # a headline that names no agency


@pytest.mark.parametrize("closing, expected", [
    # thaigov-81841: the ministry's own tags first, a programme of another office's last
    ("#ข่าวพม #พม #ศรส #esshelpme #1300 #พมหนึ่งเดียว #กพร", "msdhs"),
    # thaigov-39754: one tag each, on two lines: the first is the agency's own
    ("#กระทรวงอุตสาหกรรม\n#กระทรวงกลาโหม\n#อุตสาหกรรมพัฒนามูลนิธิ", "mind"),
    # thaigov-85988: a tag that is an ordinary word too ("#แรงงาน", labour) does not lead (fails when the first
    # tag leads whatever it is)
    ("#เรียนดีมีความสุข #พัฒนาคน #ทักษะอาชีพ #แรงงาน #เทียบโอน #ศธ", "moe"),
    # thaigov-77909 (guard): topics tagged first, the agency's many tags after them
    ("#กรมป่าไม้ #กรมอุทยานแห่งชาติ #ปืน\n#กระทรวงกลาโหม #สำนักงานปลัดกระทรวงกลาโหม #กองทัพบก #กองทัพเรือ", "mod"),
])
def test_hashtags_go_to_the_agencys_own_tags(closing, expected):
    assert ministry_of(NEUTRAL, FILLER + "\n" + closing) == expected


def test_contact_credits_go_to_the_ministry_named_most():
    # thaigov-24942 and seven more of the ชิมช้อปใช้ series: two finance-ministry lines above the tourism authority's
    closing = ("ข้อมูลมาตรการ : สำนักงานเศรษฐกิจการคลัง โทร 02 2739020 ต่อ 3523 3508\n"
               "การรับสมัครร้านค้า : กรมบัญชีกลาง โทร 02 2706400 ต่อ 7\n"
               "ข้อมูลเที่ยวชิมช้อปใช้ : การท่องเที่ยวแห่งประเทศไทย โทร 1672")
    assert ministry_of(NEUTRAL, FILLER + "\n" + closing) == "mof"


@pytest.mark.parametrize("title, closing, expected", [
    # thaigov-14106: the agencies taking part, four ministries on two bare lines: the headline decides
    ("กระทรวงยุติธรรม ร่วมมือ AAPTIP ขับเคลื่อนโครงการต่อต้านการค้ามนุษย์",
     "กระทรวงแรงงาน กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์\n"
     "กรมประมง กระทรวงเกษตรและสหกรณ์ กองทัพเรือ สำนักงานอัยการสูงสุด", "moj"),
    # thaigov-18433: a round-up's section headings, one ministry a line
    ("รวมผลงานรัฐบาล", "กระทรวงวัฒนธรรม\nกระทรวงศึกษาธิการ\nกระทรวงสาธารณสุข\nกระทรวงอุตสาหกรรม", "opm"),
    # guard: a department and its ministry on two lines are one signature
    (NEUTRAL, "กองสารนิเทศ กรมการปกครอง\nกระทรวงมหาดไทย", "moi"),
])
def test_a_list_of_agencies_is_no_signature(title, closing, expected):
    assert ministry_of(title, FILLER + "\n" + closing) == expected


def test_a_month_after_a_day_is_no_agency():
    # thaigov-51690: the body's last line is a cut date, "… วันที่ 17 ก.พ.": February, not the Civil Service
    # Commission (ก.พ.), even with no year after it; the headline decides
    body = FILLER + "\nนที่ 17 ก.พ."
    assert ministry_of("มท.1 Kick off เปิดสำนักงานที่ดินอิเล็กทรอนิกส์จดทะเบียนที่ดินต่างสำนักงานแบบออนไลน์", body) == "moi"


@pytest.mark.parametrize("title, closing, expected", [
    # thaigov-16027 (and ten more of the series): a table's row, numbered, with amounts: the headline decides
    ("“สคร. จัดเก็บเงินนำส่งรายได้ ปีงบประมาณ 2561 จำนวน 1.6 แสนล้านบาท", "5) การไฟฟ้าส่วนภูมิภาค 11,793", "mof"),
    ("“สคร. จัดเก็บเงินนำส่งรายได้แผ่นดินสะสม ณ สิ้นไตรมาส", "10 การประปานครหลวง 2,387", "mof"),
    # thaigov-80880: a cabinet summary's numbered items name the ministers it appointed
    ("ครม. มีมติอนุมัติ /เห็นชอบแต่งตั้งกรรมการผู้ช่วยรัฐมนตรี", "1. รัฐมนตรีว่าการกระทรวงแรงงาน (นายพิพัฒน์ รัชกิจประการ)",
     "opm"),
    # thaigov-3170: a sentence, the agency glued to "กับ" (with)
    ("“ยุติธรรม” ให้ความช่วยเหลือเด็กหญิงถูกกลุ่มวัยรุ่นทำร้าย", "นอกจากนี้ จะประสานกับกระทรวงศึกษาธิการ", "moj"),
    # thaigov-909: two ministries on one line are those taking part
    ("“ยุติธรรม” หารือ AAPTIP เพื่อแก้ไขปัญหาการค้ามนุษย์",
     "กระทรวงแรงงาน กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "moj"),
    # thaigov-26139: "ข้อมูล" opening a paragraph without a colon is no credit
    ("เกษตรฯ ชูนโยบาย Quick Win โครงการพัฒนาฐานข้อมูลกลาง",
     "ข้อมูล real Time Online (IoT)ข้อมูลระดับน้ำจากระบบโทรมาตร ข้อมูลน้ำในอ่างเก็บน้ำขนาดใหญ่ ข้อมูลคุณภาพน้ำ"
     "และคุณภาพอากาศจากกรมควบคุมมลพิษ ข้อมูลพยากรณ์อากาศ และข้อมูลภาพถ่ายดาวเทียมเพื่อการบริหารจัดการน้ำ", "moac"),
])
def test_list_items_and_sentences_are_no_signature(title, closing, expected):
    assert ministry_of(title, FILLER + "\n" + closing) == expected


@pytest.mark.parametrize("closing, expected", [
    # credits written "… โดย" (thaigov-17657, thaigov-69607, thaigov-19258)
    ("รวบรวมโดย : สำนักงานเศรษฐกิจการคลัง", "mof"),
    ("บทความโดย ทีมโฆษกกระทรวงวัฒนธรรม", "mculture"),
    # guards: the publisher's own unit in a name is no second ministry (thaigov-100256, thaigov-21900)
    ("สำนักโฆษกกระทรวงกลาโหม (สนฆ.กห.) : 28 สิงหาคม 2568", "mod"),
    ("กลุ่มประชาสัมพันธ์ สร. ศธ.: สรุป/ถ่ายภาพ/รายงาน", "moe"),
])
def test_closing_credits_and_signatures_still_sign(closing, expected):
    assert ministry_of(NEUTRAL, FILLER + "\n" + closing) == expected


def test_an_official_named_by_person_whose_name_starts_like_an_abbreviation():
    # thaigov-18952: "ปลัดพสุฯ" is permanent secretary Pasu, not พส. (the social development department)
    assert ministry_of("ปลัดพสุฯ และคณะเยี่ยมชมผลงานวิจัยของ สวทช. เพื่อต่อยอดอุตสาหกรรม") == "opm"


@pytest.mark.parametrize("closing, expected", [
    ("5 มีนาคม 2567 กระทรวงการคลัง", "mof"),
    ("12 กุมภาพันธ์ 2568 กองสารนิเทศ สป.มท.", "moi"),
    ("1 ต.ค. 67 กรมบัญชีกลาง", "mof"),
])
def test_a_signature_opening_with_its_date_is_no_list_item(closing, expected):
    # Review: the list-item rule read the day as an item's number and dropped the dated signature.
    assert ministry_of(NEUTRAL, FILLER + "\n" + closing) == expected
