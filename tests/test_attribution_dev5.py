"""Agency attribution: the classes of miss found on the dev5 tuning set (bench/data/agency_dev5.tsv; the labelling
rule is bench/eval_attribution.py's docstring) and the open dev3/dev4 ones: a deputy PM who also holds a ministry, a
deputy minister written without ว่าการ, an assistant permanent secretary, a ministry's executives, a ministry's short
name standing alone after a headline verb, and a closing list of those present (the host ministry's, and no
signature when more of the story follows it).

Each case is cut from a corpus article (doc ids in the comments) and failed before the fix it checks.
"""
from __future__ import annotations

import pytest

from tests.attribution_fixtures import FILLER, ministry_of

NEUTRAL = "ประชาชนร่วมกิจกรรมตามนโยบายของรัฐบาล"  # a headline that names no agency


@pytest.mark.parametrize("title, expected", [
    # thaigov-13205 (dev5), thaigov-8822, -75281 (corpus): a deputy PM who holds a ministry speaks as its minister
    ("รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงยุติธรรมให้การต้อนรับ เอกอัครราชทูตวิสามัญผู้มีอำนาจเต็ม", "moj"),
    ("รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงมหาดไทย เป็นประธานเปิดบริการตรวจสอบเบี้ยยังชีพผู้สูงอายุ", "moi"),
    # thaigov-18690 (dev5), thaigov-98944 (corpus): the same in abbreviations
    ("รอง นรม. และ รมว.กห. ขอทุกส่วนราชการ ร่วมกันทำหน้าที่ในงานพระราชพิธีบรมราชาภิเษก", "mod"),
    ("รอง นรม และ รมว.มท. เดินทางถึงกรุงกัวลาลัมเปอร์ เตรียมประชุมกับนรม. กัมพูชาบ่ายนี้", "moi"),
    # thaigov-8789 (dev5), thaigov-94396 (corpus): a deputy minister written without ว่าการ
    ("รัฐมนตรีช่วยอุตสาหกรรม ตรวจดูความพร้อมของศูนย์ ITC ที่ จ.พิษณุโลก", "mind"),
    ("รัฐมนตรีช่วยเกษตรฯ ลงพื้นที่ติดตามการแก้ปัญหาหนอนเจาะเมล็ดทุเรียน", "moac"),
    # thaigov-93940 (dev5), thaigov-13820 (corpus): an assistant permanent secretary is the ministry's official
    ("ผู้ช่วยปลัด กษ. ลงพื้นที่ติดตามโครงการ \"นำร่อง\" การแก้ไขปัญหาด้านการเกษตร", "moac"),
    ("ผู้ช่วยปลัดกระทรวงดิจิทัลฯ เป็นประธานเปิดโครงการฝึกอบรม “Agritech Using ICTs”", "mdes"),
    # thaigov-95456 (dev5): the ministry through its executives, after a person's name
    ("\"อนุทิน\" นำผู้บริหารมหาดไทย และพุทธศาสนิกชน แห่ผ้าห่มองค์พระปฐมเจดีย์", "moi"),
])
def test_headline_names_a_ministry_through_its_officials(title, expected):
    assert ministry_of(title) == expected


@pytest.mark.parametrize("title, expected", [
    # thaigov-55287 (dev4): the digital ministry by its Latin short name after a verb
    ("“โจ นูโว” ร้อง DE ถูกปลอมเฟซบุ๊ก ท้อใจ ฝากคนปลอมเฟซบุ๊กหยุด", "mdes"),
    # thaigov-25267 (dev3): the commerce ministry led by its minister (named by person only)
    ("จุรินทร์ นำ พาณิชย์ ลดปัง ข้ามปี ที่อีสาน ลดทะลุ 70% ม่วนชื่น รับปีใหม่", "moc"),
    # corpus: a deputy spokeswoman named by person reports the ministry's news
    ("“รัดเกล้า” เผย ดีอี แต่งตั้งคณะกรรมการเฉพาะด้าน การขับเคลื่อนตามนโยบาย การใช้คลาวด์เป็นหลัก", "mdes"),
])
def test_a_short_name_standing_alone_after_a_verb_names_the_ministry(title, expected):
    assert ministry_of(title) == expected


@pytest.mark.parametrize("title", [
    # the PM who also holds a ministry opens with the PM: the publisher's news (thaigov-26483, dev5)
    "นรม. และ รมว.กห. ซาบซึ้งในน้ำใจและการแสดงออกต่อกันและกันของชาวโคราชทุกคน",
    # a deputy PM who holds no ministry in the headline (thaigov-98931, dev5)
    "รองนายกฯ ภูมิธรรม รักษาราชการแทนนายกฯ เป็นประธานพิธีถวายสัตย์ปฏิญาณ",
    "รองนายกรัฐมนตรี ประชุมร่วมกับกระทรวงการคลังและรมว.พาณิชย์",
    # an assistant minister still speaks for himself
    "ผช.รมว.พม. ลงพื้นที่ให้กำลังใจผู้ประสบภัย",
    # a short name glued to the next word is a word of running text, not the ministry
    "เร่งพัฒนาแรงงานต่างด้าวให้มีทักษะ",
])
def test_headlines_that_stay_the_publishers(title):
    assert ministry_of(title) == "opm"  # thaigov, the publisher


def test_a_list_of_those_present_is_the_host_ministrys():
    # after thaigov-42930 (dev): officials listed under "โดยมี" at the close; the ministry with most of them is the
    # host, not the one listed last
    closing = ("โดยมี ดร.คุณหญิงกัลยา โสภณพานิช รัฐมนตรีช่วยว่าการกระทรวงศึกษาธิการ\n"
               "นายบุณยฤทธิ์ กัลยาณมิตร ปลัดกระทรวงพาณิชย์\n"
               "นายวัฒนศักย์ เสือเอี่ยม อธิบดีกรมการค้าภายใน\n"
               "นายสุรพล ทองดี อธิบดีกรมทางหลวง")
    assert ministry_of(NEUTRAL, FILLER + "\n" + closing) == "moc"


def test_a_signature_below_a_list_of_those_present_signs():
    closing = ("โดยมี นายบุณยฤทธิ์ กัลยาณมิตร ปลัดกระทรวงพาณิชย์\n"
               "นายวัฒนศักย์ เสือเอี่ยม อธิบดีกรมการค้าภายใน\n"
               "นายวีรศักดิ์ หวังศุภกิจโกศล รัฐมนตรีช่วยว่าการกระทรวงคมนาคม\n"
               "กองสารนิเทศ สำนักงานปลัดกระทรวงมหาดไทย")
    assert ministry_of(NEUTRAL, FILLER + "\n" + closing) == "moi"


def test_a_list_of_those_present_above_more_of_the_story_is_no_signature():
    # thaigov-98092 (dev): the officials who recorded a royal wish, then a paragraph about them: not a signature
    closing = ("นายจาตุรนต์ ภักดีวานิช อธิบดีกรมการท่องเที่ยว\n"
               "ดร.ก้องศักด ยอดมณี ผู้ว่าการการกีฬาแห่งประเทศไทย\n"
               "นายบัญญัติ กาฬสุวรรณ รองผู้ว่าการการท่องเที่ยวแห่งประเทศไทยด้านบริหาร\n"
               "ทั้งนี้ การบันทึกเทปถวายพระพรชัยมงคลในครั้งนี้ เป็นการแสดงออกถึงความจงรักภักดีอย่างสูงยิ่งของผู้บริหาร"
               "หน่วยงานในสังกัด ที่พร้อมน้อมสำนึกในพระมหากรุณาธิคุณอันหาที่สุดมิได้ และแสดงออกถึงพลังความสามัคคีของ"
               "หน่วยงานภาครัฐในการเทิดพระเกียรติอย่างพร้อมเพรียง ตามแนวทางที่รัฐบาลได้กำหนดไว้ทุกประการ")
    assert ministry_of(NEUTRAL, FILLER + "\n" + closing) == "opm"  # thaigov, the publisher


@pytest.mark.parametrize("title, expected", [
    ("“โจ นูโว” ร้อง “DE” ถูกปลอมเฟซบุ๊ก", "mdes"),  # the name in quotes after the verb
    ("นักวิจัย เผย DE LA RUE ผลิตธนบัตร", "opm"),  # a Latin name's first word: not the ministry
])
def test_a_latin_short_name_after_a_verb_review(title, expected):
    assert ministry_of(title, FILLER) == expected
