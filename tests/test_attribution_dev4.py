"""Agency attribution: the classes of miss found on the dev2, dev3 and dev4 tuning sets (bench/data/agency_dev4.tsv;
the labelling rule is bench/eval_attribution.py's docstring): contact lines that name their agency by abbreviation
or run long, department names cut short at the opening of a headline, a ministry inside a longer name, and another
country's ministry named with a bare country name.

Each case is cut from a corpus article (doc ids in the comments) and failed before the fix it checks.
"""
from __future__ import annotations

import pytest

from tests.attribution_fixtures import FILLER, ministry_of

NEUTRAL = "ประชาชนร่วมกิจกรรมตามนโยบายของรัฐบาล"  # a headline that names no agency


@pytest.mark.parametrize("closing, expected", [
    # thaigov-25236 (dev2): a hotline after the ministry's abbreviation (a number after an abbreviation is
    # otherwise a date: "4 ก.พ. 2568")
    ("หากพบเห็นผู้ที่ต้องการความช่วยเหลือ สามารถโทรแจ้ง ศูนย์ช่วยเหลือสังคม สายด่วน พม. 1300 บริการฟรี 24 ชั่วโมง", "msdhs"),
    # thaigov-79845 (dev2): a department's LINE account, its abbreviation glued to the next word
    ("พื้นที่ป่าไม้ แจ้งเหตุได้ทางไลน์ “ปภ.รับแจ้งเหตุ” โดยเพิ่มเพื่อนที่ไลน์ไอดี @1784DDPM หรือ\n"
     "โทรสายด่วนนิรภัย 1784 ได้ตลอด 24 ชั่วโมง", "moi"),
    # thaigov-27450 (dev2): a contact line longer than 200 characters that opens with its contact words
    ("ขอให้ประชาชนติดตามสถานการณ์และข้อมูลข่าวสารได้ที่เว็บไซต์ของหน่วยงาน และ “ไทยรู้ สู้โควิด” ทาง Twitter, Facebook, "
     "Line official, TikTok และ ChatBot ทาง ID : @COVID-19 หรือสายด่วนกรมควบคุมโรค 1422 ตลอด 24 ชั่วโมง "
     "อย่าเชื่อข่าวลือจากทุกทาง “เช็คก่อนแชร์” ตรวจสอบข่าวลวงได้ที่ www.antifakenewscenter.com", "moph"),
])
def test_contact_lines_name_their_agency(closing, expected):
    body = FILLER + "\n" + closing + "\n“สื่อสารภารกิจรัฐบาล” กับสำนักโฆษก สำนักเลขาธิการนายกรัฐมนตรี"
    assert ministry_of(NEUTRAL, body) == expected


@pytest.mark.parametrize("closing", [
    # thaigov-56125 (dev2): a spokesman's paragraph that ends on a hotline is running text, not a contact line
    ("“นายกรัฐมนตรีติดตามสถานการณ์ราคาสินค้า เข้าใจถึงความเดือดร้อนของประชาชน จึงได้กำชับให้หน่วยงานที่เกี่ยวข้อง"
     "ติดตามดูแลราคาสินค้าอย่างใกล้ชิด ไม่ให้ผู้ประกอบการฉวยโอกาสปรับขึ้นราคาสินค้าเกินความเป็นจริง หากประชาชน"
     "พบเห็นการจำหน่ายสินค้าในราคาสูงเกินสมควร หรือไม่ได้รับความเป็นธรรมด้านปริมาณและคุณภาพ "
     "สามารถแจ้งได้ที่สายด่วนกรมการค้าภายใน โทร. 1569” โฆษกประจำสำนักนายกรัฐมนตรีกล่าว"),
    # thaigov-41412 (dev4): in a long line the contact words introduce the agency before its number; a
    # ministry named after another number is somebody else's hotline
    ("5. สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.) โทร 1330 ตลอด 24 ชั่วโมง ทำงานคู่ขนานกับสายด่วน 1668 "
     "ของกระทรวงสาธารณสุข และ 1669 ศูนย์เอราวัณ กทม. เพื่อช่วยเหลือผู้ป่วยยืนยันโควิด-19 สอบถามข้อมูลการใช้สิทธิ"
     "หลักประกันสุขภาพแห่งชาติ (สิทธิบัตรทอง) และประสานหาเตียง ให้ผู้ป่วยเข้าถึงการรักษาอย่างรวดเร็ว ทั่วถึง ทุกพื้นที่"),
    # a date after an abbreviation is still no hotline
    "ติดต่อ ก.พ. 2568 ได้ที่ห้องประชุม",
])
def test_running_text_is_not_a_contact_line(closing):
    assert ministry_of(NEUTRAL, FILLER + "\n" + closing) == "opm"  # thaigov, the publisher


@pytest.mark.parametrize("title, expected", [
    # thaigov-92176 (dev4): a department's name without "กรม" opens the headline before a headline verb
    ("บัญชีกลางจับมือสรรพากร บูรณาการข้อมูลเงินได้และภาษีหัก ณ ที่จ่าย ของข้าราชการ", "mof"),
    ("สรรพสามิตแจงกรณีเข้าตรวจสอบร้านหมาล่าย่านห้วยขวาง ระบุเป็นไปด้วยความชอบธรรม", "mof"),  # corpus
    ("ปศุสัตว์เตือนเฝ้าระวัง \"ไข้หวัดนกชนิด H5N6\" ระบาดในคน", "moac"),  # corpus
    ("“ศุลกากร” ขานรับนโยบายรัฐบาล “ห้ามส่งออกหมู - ของผิด กม.”", "mof"),  # corpus: quoted
    # thaigov-90018 (dev4): ดีพร้อม (DIPROM) is the Department of Industrial Promotion's own name
    ("ดีพร้อม โชว์ผลงานเทคโนโลยีการจัดการเกษตรสมัยใหม่ ในงาน Thailand Space Week 2024", "mind"),
    ("“ดีพร้อม” ชูกรณีศึกษา ร่วมบูรณาการคณะกรรมการขายตรงฯ", "mind"),  # corpus
    # thaigov-66223 (dev2): the ministry's own association, its name glued to the ministry's short name
    ("แม่บ้านมหาดไทยเมืองเลย ลงพื้นที่ส่งเสริมบทบาทเด็กและเยาวชนเพื่อสร้างความมั่นคงทางอาหาร", "moi"),
    ("สมาคมแม่บ้านมหาดไทย จัดประชุมใหญ่สามัญประจำปี แถลงผลงาน", "moi"),  # corpus
    # a pair of countries is no foreign ministry: Thailand's labour minister (corpus)
    ("รมว.แรงงาน ญี่ปุ่น-ไทย สานสัมพันธ์ เจรจาเพิ่มโควต้าแรงงาน ภาคท่องเที่ยว บริบาล ก่อสร้าง", "mol"),
])
def test_headline_names_a_department_or_ministry(title, expected):
    assert ministry_of(title) == expected


@pytest.mark.parametrize("title", [
    # another country's ministry, the country named bare after it (corpus)
    "รัฐมนตรีว่าการกระทรวงการต่างประเทศกัมพูชาเข้าเยี่ยมคารวะนายกรัฐมนตรี",
    "รัฐมนตรีว่าการกระทรวงกลาโหมสิงคโปร์เข้าเยี่ยมคารวะนายกรัฐมนตรี",
    "\"อนุทิน\" หารือ รมว.มหาดไทย มาเลเซีย กระชับความร่วมมือเศรษฐกิจ",
    # a department's stem that is something else alone: ASEAN, a verb (corpus)
    "อาเซียนเดินหน้าสร้างความยั่งยืนทุกมิติ",
    "ประชาสัมพันธ์เชิญชวนผู้ประกอบการร้านค้าและผู้ให้บริการรายย่อยเข้าร่วมโครงการเราชนะ",
    # a stem not followed by a headline verb is a topic, not the department
    "ทางหลวงพิเศษหมายเลข 7 เปิดให้บริการฟรี",
])
def test_headlines_that_name_no_thai_agency(title):
    assert ministry_of(title) == "opm"  # thaigov, the publisher


@pytest.mark.parametrize("closing, expected", [
    # thaigov-43697 (test), thaigov-21789, -23832, -28458 (corpus): a royal wish is signed by the body offering it
    ("ควรมิควรแล้วแต่จะโปรดเกล้าโปรดกระหม่อม\nข้าพระพุทธเจ้า ข้าราชการ พนักงานราชการและลูกจ้าง สังกัดกระทรวงกลาโหม", "mod"),
    # a long line opening so is a speech, not a signature (corpus: thaigov-14163)
    ("ข้าพระพุทธเจ้า พลเอก ประยุทธ์ จันทร์โอชา นายกรัฐมนตรี พร้อมด้วยผู้นำศาสนา คณะรัฐมนตรีและคู่สมรส "
     "ข้าราชการทุกหมู่เหล่า รวมทั้งข้าราชการกระทรวงกลาโหม ขอพระราชทานพระบรมราชวโรกาสกราบบังคมทูลถวายพระพรชัยมงคล", "opm"),
])
def test_a_royal_wish_is_signed_by_its_body(closing, expected):
    assert ministry_of(NEUTRAL, FILLER + "\n" + closing) == expected
