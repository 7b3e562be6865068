"""Agency attribution: one test per rule on snippets from real releases, and an accuracy floor.

The snippets are cut from articles of the thaigov.go.th corpus (doc ids in the comments). The
accuracy tests read tests/data/agency_labelled.jsonl.gz, so they run without ../shared.
"""
from __future__ import annotations

import re

import pytest

from bench import eval_attribution as ev
from core.agencies import registry
from core.attribution import attribute
from core.normalize import normalize, normalize_line

FILLER = "นายกรัฐมนตรีได้ติดตามความคืบหน้าของโครงการอย่างใกล้ชิด และขอให้ทุกหน่วยงานเร่งดำเนินการ"


def attr(title: str = "ข่าวทั่วไป", body: str = FILLER, **kw):
    """attribute() on normalised inputs, as ingest calls it."""
    return attribute(normalize_line(title), normalize(body), **kw)


def ministry(agency: str) -> str:
    return registry().ministry_of(agency)


# --- signatures, hashtags, credit lines ----------------------------------------------------------
def test_signature_line_with_release_number():
    # moi_signed__2025-09-03_security_73: the MOI information division signs, then numbers, its releases
    a = attr(body=FILLER + "\nกองสารนิเทศ สป.มท.\nครั้งที่ 495/2568 วันที่ 4 ก.ค. 2568")
    assert (a.agency, a.method) == ("moi-ops", "signature")
    assert "สป.มท." in a.evidence


def test_permanent_secretary_office_signature_names_the_ministry():
    # thaigov-930
    a = attr(body=FILLER + "\n********\nสำนักงานปลัดกระทรวงเกษตรและสหกรณ์\nกลุ่มประชาสัมพันธ์ สำนักงานเลขานุการกรม")
    assert (ministry(a.agency), a.method) == ("moac", "signature")


def test_presenter_line():
    # thaigov-1289
    body = FILLER + "\nที่มา : กระทรวงการคลัง\nผู้นำเสนอ : กลุ่มสารนิเทศการคลัง สำนักงานปลัดกระทรวงการคลัง"
    assert attr(body=body).agency == "mof-ops"


@pytest.mark.parametrize("footer, expected", [
    ("#ช่วย24ชั่วโมง #พม24ชม #ข่าวพม", "msdhs"),  # thaigov-67671
    ("#กระทรวงมหาดไทย #บำบัดทุกข์บำรุงสุข #MOI", "moi"),  # thaigov-88222
    ("#MHESI", "mhesi"),  # thaigov-82834
    ("#RTA #กองทัพบก", "mod-rta"),  # thaigov-100079
    ("#กรมวิทยาศาสตร์บริการ #กระทรวงการอุดมศึกษาวิทยาศาสตร์วิจัยและนวัตกรรม", "mhesi-dss"),  # thaigov-82291
])
def test_hashtags(footer, expected):
    a = attr(body=FILLER + "\n" + footer)
    assert (a.agency, a.method) == (expected, "signature")


@pytest.mark.parametrize("footer", [
    "ที่มา: กรมประชาสัมพันธ์",  # thaigov-94539
    "ที่มา : แฟนเพจ กรมประชาสัมพันธ์",  # thaigov-99445
    "#โควิด19 #สำนักข่าวกรมประชาสัมพันธ์   #NNT  #ILOVETHAILAND",  # thaigov-29353
])
def test_credit_lines_name_prd(footer):
    a = attr(title="มท.1 สั่งการผู้ว่าฯ ทุกจังหวัด", body=FILLER + "\n" + footer)
    # A closing credit outranks the headline: the release came through PRD.
    assert (a.agency, a.method) == ("prd", "signature")


def test_department_wins_over_its_ministry_on_one_credit_line():
    # thaigov-67880
    assert attr(body=FILLER + "\nCr. กรมการค้าภายใน กระทรวงพาณิชย์").agency == "moc-dit"


def test_contact_line_names_the_department():
    # thaigov-78605
    a = attr(body=FILLER + "\nหรือสายด่วนกรมควบคุมโรค 1422")
    assert a.agency == "moph-ddc"


@pytest.mark.parametrize("footer, expected", [
    # thaigov-25361: the credit word closes the line and a unit's abbreviation runs into the ministry's
    ("อรพรรณ ฤทธิ์มั่น: สรุป\nนวรัตน์ รามสูต: เรียบเรียง\nกลุ่มประชาสัมพันธ์ สร.ศธ.: รายงาน", "moe"),
    ("ข่าวและภาพโดย สำนักงานปลัดกระทรวงแรงงาน กลุ่มงานสื่อสารองค์กร: รายงาน", "mol"),
])
def test_credit_word_closing_the_line(footer, expected):
    a = attr(title="หารือทูตตุรกีและทูตฟิลิปปินส์", body=FILLER + "\n" + footer)
    assert (ministry(a.agency), a.method) == (expected, "signature")


def test_unit_abbreviation_does_not_hide_a_known_one():
    # "สป.มท." is known whole: the unit prefix is tried only when the whole is not
    assert attr(body=FILLER + "\nกองสารนิเทศ สป.มท.").agency == "moi-ops"


def test_answerer_of_a_parliamentary_question_counts_anywhere():
    # thaigov-33982: the answerer is named early, long running text follows
    body = "ผู้ตอบ : รัฐมนตรีว่าการกระทรวงการต่างประเทศ ตอบชี้แจงกระทู้โดยสรุปดังนี้\n" + "\n".join([FILLER] * 8)
    assert attr(body=body).agency == "mfa"


# --- mentions in running text are not signatures -------------------------------------------------
def test_ministries_listed_in_running_text_do_not_count():
    # thaigov-49492 (a spokesperson's release): ministries are assigned tasks, they did not sign
    body = (FILLER + "\n4) แรงงานต่างด้าว ตามชายแดนไทย มอบ กระทรวงมหาดไทย กระทรวงการต่างประเทศ ให้ดำเนินการจัดหาวัคซีน"
            "และจัดบริการฉีดวัคซีนให้ครอบคลุมทุกพื้นที่โดยเร็ว\n5) ผู้หนีภัยในพื้นที่พักพิง มอบกระทรวงมหาดไทย"
            "ร่วมกับหน่วยงานที่เกี่ยวข้องดำเนินการให้เป็นไปตามแผน\n" + FILLER + "\n....................")
    assert attr(body=body) .agency == "thaigov"


def test_quoted_speech_opening_with_a_ministry_is_not_a_signature():
    # thaigov-87386
    body = FILLER + "\n“กระทรวงวัฒนธรรม ขอแสดงความยินดีเป็นอย่างยิ่ง และมุ่งหวังว่าการประกาศยกย่องจะสร้างขวัญกำลังใจ” นางสุดาวรรณฯ กล่าว"
    assert attr(body=body).agency == "thaigov"


@pytest.mark.parametrize("line", [
    # thaigov-52109: the permanent secretary speaks in the closing lines; the publisher released it
    "ปลัดกระทรวงวัฒนธรรม กล่าวว่า การอบรมเชิงปฏิบัติการฯ ครั้งนี้ได้รับการสนับสนุนวิทยากรที่มีความรู้",
    "รัฐมนตรีว่าการกระทรวงแรงงาน เปิดเผยว่า ได้สั่งการให้ทุกหน่วยงานเร่งช่วยเหลือ",
])
def test_an_official_speaking_in_a_closing_line_is_not_a_signature(line):
    a = attr(body=FILLER + "\n" + line + "\n" + FILLER)
    assert (a.agency, a.method) == ("thaigov", "publisher")


def test_a_sentence_the_agency_opens_is_not_a_signature():
    # Issue 10's labelling rule: only signature, credit, hashtag and contact lines count in the body
    # (this test said the opposite before it); the headline names the ministry when it is its news.
    assert attr(body=FILLER + "\nกรมประมง ขอชี้แจงกรณีข่าวการนำเข้าปลา").agency == "thaigov"
    a = attr(title="กรมประมงชี้แจงการแก้ปัญหาแรงงานประมง", body=FILLER + "\nกรมประมง ขอชี้แจงกรณีข่าวการนำเข้าปลา")
    assert ministry(a.agency) == "moac"


def test_publishers_own_footer_is_no_evidence():
    # thaigov-1098
    a = attr(body=FILLER + "\n-----------------------------\nกลุ่มประชาสัมพันธ์และเผยแพร่ สำนักโฆษก")
    assert (a.agency, a.method) == ("thaigov", "publisher")


# --- abbreviations must not match inside ordinary text --------------------------------------------
def test_february_is_not_the_civil_service_commission():
    a = attr(body=FILLER + "\nกองสารนิเทศ สป.มท.\nวันที่ 4 ก.พ. 2568")
    assert a.agency == "moi-ops"
    assert attr(body=FILLER + "\nประกาศ ณ วันที่ 4 ก.พ. 2568").agency == "thaigov"
    assert attr(title="ก.พ. 2568 ยอดส่งออกขยายตัวต่อเนื่อง").agency == "thaigov"


def test_kilogram_is_not_the_tourism_ministry():
    # thaigov-50391: "พณ." opens the headline; "กก." there and in the body is a kilogram
    a = attr(title="พณ. เปิดจุด “ขายหมูราคาถูก” 667 จุดทั่วประเทศ 150 บาท/กก. ถึงสิ้นเดือน",
             body=FILLER + "\nเนื้อหมูสันนอก ราคา 150 บาท/กก.")
    assert (a.agency, a.method) == ("moc", "title")
    assert attr(body=FILLER + "\nราคาหมูเนื้อแดง 150 บาท/กก.").agency == "thaigov"


# --- headline prefixes ---------------------------------------------------------------------------
@pytest.mark.parametrize("title, expected", [
    ("มท.1 ชี้แจงกรณีความปลอดภัยทางถนน", "moi"),
    ("สธ. เตรียมจัดประชุมวิชาการกัญชาทางการแพทย์สัญจร", "moph"),
    ("สธ.จับมือม.มหิดล ผลิตแพทย์ลงชุมชน", "moph"),
    ("รมว.แรงงาน แจงผลการดำเนินการโครงการส่งเสริมการจ้างงาน", "mol"),
    ("รมว.ดีอี เปิดประชุมคกก.เตรียมจัดประชุมรัฐมนตรีอาเซียน", "mdes"),
    ("ดีอีเอส เตือนข่าวปลอมกรุงไทยส่ง SMS", "mdes"),
    ("“พาณิชย์” ตรวจร้านธงฟ้าประชารัฐ ที่จ.สุพรรณบุรี", "moc"),
    ("พาณิชย์ลดราคา Lot 24 Back to School", "moc"),
    ("กระทรวงเกษตรฯ สกัดโรคใบด่างมันสำปะหลัง", "moac"),
    ("ก.อุตฯ จัดกิจกรรมจิตอาสา “มีแล้วแบ่งปัน”", "mind"),
    ("กต.-กก. อำนวยความสะดวกญาติผู้เสียชีวิต", "mfa"),
    ("รมช.กลาโหมนำทีมลงพื้นที่ จ.นราธิวาส", "mod"),
    ("มหาดไทยสั่งการทุกจังหวัดบูรณาการทุกภาคส่วน", "moi"),
    ("ปลัด สธ. เผย สถานพยาบาลสังกัด กทม. ร่วมให้บริการ", "moph"),
    ("กรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช ร่วมสนับสนุนกิจกรรม", "mnre-dnp"),
    ("กรมเจ้าท่า คุมเข้มความปลอดภัย รับเทศกาลสงกรานต์", "mot-md"),
    ("กรมบัญชีกลางพร้อมจ่ายตรงเบี้ยยังชีพผู้สูงอายุ", "mof-cgd"),
])
def test_title_prefix(title, expected):
    a = attr(title=title)
    assert (a.agency, a.method) == (expected, "title")


@pytest.mark.parametrize("title, expected", [
    # a ministry's short name cut and closed by ฯ after "ก." or an official's title (corpus headlines)
    ("ก.ท่องเที่ยวฯ จับมือภาคเอกชน จัดแข่งอีสปอร์ตออนไลน์", "mots"),
    ("รมว.ท่องเที่ยวฯ รับมอบ “ถุงซิปอเนกประสงค์” เพื่อมอบให้แก่บุคลากร", "mots"),
    ("ก.ดิจิทัลฯ ย้ำ การประมูลโครงการอินเทอร์เน็ตประชารัฐ", "mdes"),
    ("ก. เกษตรฯ ร่วมเป็นเจ้าภาพการจัดงาน SIMA ASEAN", "moac"),
    ("รมช.เกษตร ฯ ลงพื้นที่อีสาน ขับเคลื่อนงานตามแผน", "moac"),
    ("รมต.เกษตรฯ ลงพื้นที่ติดตามสถานการณ์ภัยแล้ง", "moac"),  # "รมต." is a minister's title too
    ("รมต.คลัง เป็นประธานเปิดงานตลาดคลองผดุงกรุงเกษม", "mof"),
    # merged ministries count as their successor (the rule the held-out labels are written to)
    ("รมว.วท. ร่วมงานเฉลิมฉลอง 46 ปี วันชาติรัฐสุลต่านโอมาน", "mhesi"),
    ("ก.วิทย์ฯ ขานรับนโยบายรัฐบาล ออกกำลังกายทุกวันพุธ", "mhesi"),
    ("ก.ไอซีที เดินหน้าโครงการศูนย์ดิจิทัลชุมชน", "mdes"),
    # the permanent secretary of the interior by his abbreviated title; "ก.อุต" without its ฯ
    ("ปมท.สั่งด่วน ผวจ.- นอภ.ภาคใต้ เร่งให้ความช่วยเหลือ", "moi"),
    ("ก.อุต ลุยเวียดนามศึกษาดูงานการพัฒนาอุตสาหกรรม", "mind"),
])
def test_shortened_and_former_ministry_names_open_a_headline(title, expected):
    a = attr(title=title)
    assert (ministry(a.agency), a.method) == (expected, "title")


@pytest.mark.parametrize("title", [
    "ปลัดกอบชัยฯ เข้าสักการะองค์พระนารายณ์",  # a person's name shortened by ฯ, not a ministry
    "รมต.นร. หม่อมหลวงปนัดดาฯ กล่าวให้โอวาท",  # a PMO minister is the publisher's own
    "รองปลัดฯ ภานุวัฒน์ ลงพื้นที่",
])
def test_shortened_names_that_are_people(title):
    assert attr(title=title).method == "publisher"


@pytest.mark.parametrize("title", [
    "“ธรรมนัส” แจ้งข่าวดีชาวนา ครม.อนุมัติเงินช่วยเหลือ",  # a minister's name is not an agency
    "แรงงานต่างด้าวทยอยกลับเข้าทำงาน",  # an ordinary word, not the ministry
    "สาธารณสุขจังหวัดลำปาง ส่งทีมตรวจสอบ",
    "ครม.อนุมัติแต่งตั้งศึกษาธิการภาค 3 ราย",
])
def test_no_title_prefix(title):
    assert attr(title=title).method == "publisher"


# --- ministries named through their officials in the headline (issue 10) -------------------------
@pytest.mark.parametrize("title, expected", [
    # thaigov-15053: an inspector-general's title opens the headline
    ("ผู้ตรวจราชการกระทรวงอุตสาหกรรม ลงพื้นที่ตรวจราชการรอบ 2 ประจำปีงบประมาณ พ.ศ. 2561", "mind"),
    # thaigov-72681: "รัฐมนตรี" alone, then the ministry's alias
    ("รัฐมนตรี ดีอี ยกเครื่องครั้งใหญ่ ปราบโจรออนไลน์ ตั้ง One Stop Service", "mdes"),
    # thaigov-98750: "ปลัดฯ" shortens the permanent secretary's title
    ("ปลัดฯ ท่องเที่ยวและกีฬา เป็นประธานการประชุมคณะกรรมการบริหารกองทุนเพื่อส่งเสริมการท่องเที่ยว", "mots"),
])
def test_official_title_opening_the_headline(title, expected):
    a = attr(title=title)
    assert (ministry(a.agency), a.method) == (expected, "title")


@pytest.mark.parametrize("title, expected", [
    # thaigov-53192: the minister's name first, his title and ministry after it
    ("“สุชาติ” รมว.แรงงาน ส่ง ที่ปรึกษาฯ “ธิวัลรัตน์” ขึ้นเชียงราย มอบเงินแก่ทายาทลูกจ้างที่เสียชีวิต", "mol"),
    # thaigov-61849 (shape): the title with the ministry's full name later in the headline
    ("พิธีวางพวงมาลา โดยมีปลัดกระทรวงกลาโหม เป็นประธาน", "mod"),
])
def test_official_title_later_in_the_headline(title, expected):
    a = attr(title=title)
    assert (ministry(a.agency), a.method) == (expected, "title")


@pytest.mark.parametrize("title", [
    "นรม.และรมว.กห.ขอบคุณกองทัพลงช่วยบรรเทาความเดือดร้อนประชาชน",  # thaigov-30604: the PM's news
    # thaigov-63360: a foreign ministry's minister
    "รัฐมนตรีช่วยว่าการกระทรวงการต่างประเทศ สาธารณรัฐเช็ก เข้าเยี่ยมคารวะและหารือความร่วมมือทางวิชาการ",
    # thaigov-23910: an assistant minister is not the ministry
    "นายปรเมศวร์ งามพิเชษฐ์ ผู้ช่วยรัฐมนตรีประจำกระทรวงวัฒนธรรม เป็นประธานเปิดการแสดงคอนเสิร์ต",
    # (thaigov-54338 "…ขอความช่วยเหลือจากกระทรวงแรงงาน" names the ministry: test_attribution_rule.py)
])
def test_headline_mentions_that_are_not_the_issuer(title):
    assert attr(title=title).method == "publisher"


def test_signature_still_wins_over_an_official_in_the_headline():
    # thaigov-53192's shape with a closing hashtag of another ministry: the closing block decides
    a = attr(title="“สุชาติ” รมว.แรงงาน ส่ง ที่ปรึกษาฯ ขึ้นเชียงราย", body=FILLER + "\n#ข่าวพม")
    assert (a.agency, a.method) == ("msdhs", "signature")


# --- fallback and hints --------------------------------------------------------------------------
def test_fallback_to_publisher_then_host_then_thaigov():
    assert (attr(publisher="moi").agency, attr(publisher="moi").method) == ("moi", "publisher")
    assert attr(url="https://www.md.go.th/news/1").agency == "mot-md"
    assert attr(url="https://example.org/x").agency == "thaigov"


@pytest.mark.parametrize("hint", [
    "moi-dopa", "กรมการปกครอง", "ปค.", "Department of Provincial Administration", "dopa.go.th",
])
def test_explicit_hint(hint):
    a = attr(title="มท.1 สั่งการ", body=FILLER + "\n#ข่าวพม", hint=hint)
    assert (a.agency, a.method) == ("moi-dopa", "hint")


def test_hint_by_alias_and_unknown_hint_falls_through():
    assert attr(hint="ดีอีเอส").agency == "mdes"
    assert attr(hint="MOI").agency == "moi"
    a = attr(title="สธ. เตรียมจัดประชุม", hint="no such agency")
    assert (a.agency, a.method) == ("moph", "title")


# --- registry ------------------------------------------------------------------------------------
ORIGINAL_IDS = """opm thaigov prd mod mof mfa mots msdhs mhesi moac mot mdes mnre moen moc moi moj mol mculture
moe moph mind moi-ops moi-dopa moi-dol moi-cdd moi-dla moi-ddpm moi-dpt ocsc moph-ddc mof-rd mot-doh""".split()


def test_registry_keeps_ids_and_rolls_departments_up():
    reg = registry()
    assert all(i in reg for i in ORIGINAL_IDS)
    for a in reg:
        assert re.fullmatch(r"[a-z][a-z0-9-]*", a.id), a.id
        assert a.parent is None or a.parent in reg, a.id
    for dept, parent in [("mot-md", "mot"), ("mof-cgd", "mof"), ("mof-fpo", "mof"), ("mod-rta", "mod"),
                         ("mculture-dcp", "mculture"), ("moj-dsi", "moj")]:
        assert reg.ministry_of(dept) == parent
    assert reg.resolve("ดีอี") == "mdes" and reg.resolve("กรมเจ้าท่า") == "mot-md"


# --- accuracy floor on the labelled articles ------------------------------------------------------
@pytest.fixture(scope="module")
def tail_scores():
    return ev.evaluate(ev.from_tails())


def test_labelled_tails_accuracy(tail_scores):
    # Measured on the repo tails with the issue-10 labels: dev 283/288 (0.983; four answers sit
    # beyond the tail), test 108/110 (0.982), heldout 150/160 (0.938), heldout2 138/150 (0.920); on
    # full bodies dev 287/288 (0.997), the others the same. The test set was labelled after the rules
    # were written; the held-out sets were labelled before the rules they score and never tuned on.
    # dev2 (a second tuning set): 135/150 (0.900) on full bodies before its fixes, 141/150 after; 142/150
    # on the tails. dev4 (a fifth sample, half of it with contact/credit/hashtag closing lines): 156/160
    # (0.975) untuned on the tails, 158/160 after its round. dev5 (a sixth sample, two fifths of it with closing
    # material and three tenths with a ministry or its officials in the headline): 193/200 (0.965) untuned, 198/200
    # after its round, on full bodies and on the tails.
    assert tail_scores["dev4"].n == 160 and tail_scores["dev4"].accuracy >= 0.97
    assert tail_scores["dev5"].n == 200 and tail_scores["dev5"].accuracy >= 0.98
    assert tail_scores["dev"].n == 288 and tail_scores["test"].n >= 100 and tail_scores["heldout"].n == 160
    assert tail_scores["heldout2"].n == 150 and tail_scores["heldout2"].accuracy >= 0.90
    assert tail_scores["dev2"].n == 150 and tail_scores["dev2"].accuracy >= 0.93
    assert tail_scores["dev"].accuracy >= 0.97
    assert tail_scores["test"].accuracy >= 0.93
    assert tail_scores["heldout"].accuracy >= 0.90


def test_defaults_stay_with_the_publisher(tail_scores):
    # Articles labelled "default" must not be pulled to a ministry by mere mentions in the body.
    s = tail_scores["dev"]
    c, n = s.by_method["default"]
    pulled = sum(1 for r, _a, method, _e in s.misses if r.method == "default" and method == "signature")
    assert (n - pulled) / n >= 0.95
    assert c / n >= 0.95


@pytest.mark.skipif(ev.shared_dir() is None, reason="needs ../shared (the corpus) for full bodies")
def test_full_body_accuracy():
    scores = ev.evaluate(ev.from_shared(ev.shared_dir()))
    assert scores["dev"].accuracy >= 0.99
    assert scores["test"].accuracy >= 0.97


def test_label_sets_share_no_article():
    # a held-out figure means nothing if its articles are also dev or test articles
    with pytest.raises(ValueError, match="share 1 articles"):
        ev.check_disjoint({"dev": {"thaigov-1": {}, "thaigov-2": {}}, "heldout": {"thaigov-2": {}}})
    rows = ev.from_tails()  # checks the repo's own sets
    assert len({r.doc_id for r in rows}) == len(rows)


def test_verbose_run_does_not_list_heldout_articles(capsys):
    ev.main(["--tails", "-v"])
    out = capsys.readouterr().out
    assert "# dev confusion" in out
    assert not any(line.startswith("heldout\t") and "label=" in line for line in out.splitlines())
    assert "held-out disagreements not listed" in out
