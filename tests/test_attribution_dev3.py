"""Agency attribution: the classes of miss found on the dev2 and dev3 tuning sets and on a random corpus
sample (bench/data/agency_dev3.tsv; the labelling rule is bench/eval_attribution.py's docstring).

Each test is cut from a corpus article (doc ids in the comments) and failed before the fix it checks.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.attribution_fixtures import ministry_of


@pytest.mark.parametrize("title, expected", [
    # thaigov-7874 (dev3): the Comptroller General's Department opens its headlines as บก.
    ("บก.เชิญชวนผู้ค้ากับภาครัฐเพิ่มสินค้าในระบบ e-catalog อีก 20 รายการ", "mof"),
    ("บก. กำหนดแนวทางการเบิกค่ารักษาพยาบาล", "mof"),
    # thaigov-45381 (dev3): an agency's own announcement
    ("ประกาศ ขสมก. ประจำวันที่ 31 สิงหาคม 2564 พบพนักงานติดเชื้อไวรัส COVID-19 จำนวน 14 ราย", "mot"),
    # thaigov-35999, thaigov-28958 (dev2): the Customs Department's monthly release
    ("Monthly Customs Press 1/2564", "mof"),
])
def test_headline_opens_with_a_department(title, expected):
    assert ministry_of(title) == expected


@pytest.mark.parametrize("title", [
    # พล.อ. is a General's rank, not the Department of Physical Education (พล.) (corpus: thaigov-59509)
    '"พล.อ.ประวิตร" เร่งรัดการก่อสร้างสนามกีฬา 3 จังหวัดให้เสร็จโดยเร็ว',
    "พล.อ. ฉัตรชัยฯ เป็นประธานในการประชุมคณะกรรมการผู้สูงอายุแห่งชาติ (กผส.) ครั้งที่ 1/2561",
    # บก.ศปช. is the flood centre's command, not the Comptroller General (corpus)
    "บก.ศปช. รายงานระดับน้ำเช้านี้ลดลงต่อเนื่อง",
    # thaigov-13920: an official named in Latin script is another country's
    "พล.อ.อ.ประจินฯ รองนายกรัฐมนตรี หารือข้อราชการกับ H.E. Mr. Peter Dutton รัฐมนตรีว่าการกระทรวงมหาดไทย ณ นครบริสเบน",
    "ประกาศ 3 พื้นที่เมืองเก่า อนุรักษ์คุณค่าทางประวัติศาสตร์",
])
def test_openings_that_are_not_an_agency(title):
    assert ministry_of(title) == "opm"  # thaigov, the publisher


def test_a_long_latin_name_before_a_ministry_does_not_hang_attribution():
    """A run of capitals that does not end the text before the title (a comma after it) once made the
    foreign-official check try every way of cutting it into words: 2^n steps, an import stalled on one
    headline. Run in a child process so that a regression fails here instead of hanging the suite."""
    code = ("from core.attribution import attribute; "
            "t = 'พบปะหารือกับ H.E. Mr. ' + 'A' * 60 + ', รัฐมนตรีว่าการกระทรวงมหาดไทย'; "
            "print(attribute(t, 'เนื้อหา', 'https://www.thaigov.go.th/news/contents/details/1').agency)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHAINLP_OFFLINE": "1"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip()
