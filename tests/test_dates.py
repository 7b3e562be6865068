"""Thai dates: Buddhist era, abbreviated months, page and body formats."""
from __future__ import annotations

from datetime import date

import pytest

from core.thaidates import YEARS_AHEAD, DateError, find_date, parse_date, parse_range, thai_date, thai_today, to_ce_year


@pytest.mark.parametrize("text,expected", [
    ("วันพุธที่ 1 พฤษภาคม 2567", date(2024, 5, 1)),
    ("วันนี้ (4 มี.ค. 64) เวลา 10.00 น.", date(2021, 3, 4)),
    ("เมื่อ 25 ส.ค.63 ที่ผ่านมา", date(2020, 8, 25)),
    ("ครั้งที่ 495/2568  วันที่ 4 ก.ค. 2568", date(2025, 7, 4)),
    ("วันที่ ๓๑ ธันวาคม ๒๕๖๓ เวลา", date(2020, 12, 31)),
    ("ไม่มีวันที่", None),
])
def test_find_date(text, expected):
    assert find_date(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("2021-03-04", date(2021, 3, 4)),
    ("04/07/2568", date(2025, 7, 4)),
    ("4/3/2021", date(2021, 3, 4)),
    ("4 มี.ค. 64", date(2021, 3, 4)),
    ("1 พฤษภาคม 2567", date(2024, 5, 1)),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("2564", (date(2021, 1, 1), date(2021, 12, 31))),
    ("ปี 2564", (date(2021, 1, 1), date(2021, 12, 31))),
    ("2021", (date(2021, 1, 1), date(2021, 12, 31))),
    ("ปี 64", (date(2021, 1, 1), date(2021, 12, 31))),  # two digits are a Buddhist-era year
    ("64", (date(2021, 1, 1), date(2021, 12, 31))),
    ("มี.ค. 2564", (date(2021, 3, 1), date(2021, 3, 31))),
    ("กุมภาพันธ์ 67", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2021-02", (date(2021, 2, 1), date(2021, 2, 28))),
    ("4 มี.ค. 2564", (date(2021, 3, 4), date(2021, 3, 4))),
    ("", None),
])
def test_parse_range(text, expected):
    assert parse_range(text) == expected


@pytest.mark.parametrize("yy,today,be", [
    (64, date(2026, 12, 4), 2564), (69, date(2026, 12, 4), 2569),  # this year is 2569
    (70, date(2026, 12, 4), 2570), (74, date(2026, 12, 4), 2574),  # a fiscal year, a plan ahead
    (75, date(2026, 12, 4), 2475), (99, date(2026, 12, 4), 2499),  # not 2599: a century ahead
    (0, date(2026, 12, 4), 2500), (99, date(2051, 1, 1), 2599),
])
def test_a_two_digit_year_is_the_latest_not_far_ahead(yy, today, be):
    assert to_ce_year(yy, today=today) == be - 543


def test_no_two_digit_year_is_far_in_the_future():
    this_year = thai_today().year
    assert all(this_year + YEARS_AHEAD - 100 < to_ce_year(yy) <= this_year + YEARS_AHEAD for yy in range(100))


@pytest.mark.parametrize("text,year", [("ปี 99", 1956), ("มี.ค. 99", 1956), ("ปี 64", 2021)])
def test_two_digit_years_of_queries_and_article_dates_agree(text, year):
    """ปี 99 typed in a query and "4 มี.ค. 99" printed on a page are both 2499 (1956), not 2599 (2056),
    a future year that holds no news (true until 2599 begins, in 2056)."""
    from indexer.understand import understand

    assert parse_range(text)[0].year == year
    assert understand(text).date_range == parse_range(text)
    assert find_date(f"วันนี้ (4 มี.ค. {text[-2:]})").year == parse_date(f"4/3/{text[-2:]}").year == year


@pytest.mark.parametrize("text", ["31/02/2564", "hello", "2564-13", "ปี 9999"])
def test_bad_dates(text):
    with pytest.raises(DateError):
        parse_range(text)


def test_thai_date_display():
    assert thai_date("2021-03-04") == "4 มี.ค. 2564"
    assert thai_date(date(2024, 5, 1), style="full") == "1 พฤษภาคม 2567"
    assert thai_date(None) == ""


def test_thai_long_date_names_the_weekday_and_reads_back():
    assert thai_date(date(2021, 3, 4), style="long") == "วันพฤหัสบดีที่ 4 มีนาคม 2564"
    assert thai_date("2024-05-05", style="long") == "วันอาทิตย์ที่ 5 พฤษภาคม 2567"
    for d in (date(2021, 3, 4), date(2024, 5, 1), date(1970, 1, 1)):
        assert find_date(thai_date(d, style="long")) == d


@pytest.mark.parametrize("text,expected", [
    ("วันที่ 29/05/2567", date(2024, 5, 29)),                     # a label then d/m/BE year (EWT, mdes lists)
    ("ข่าวประชาสัมพันธ์ วันที่ 29/05/2024 เวลา 10.00 น.", date(2024, 5, 29)),  # CE year inside a line
    ("29 พ.ค. 67", date(2024, 5, 29)),                            # short month, two-digit BE (mof, mfa lists)
    ("วันพุธที่ 18 มีนาคม 2563", date(2020, 3, 18)),               # weekday and full month (thaigov)
    ("เผยแพร่ 2024-05-29T10:00:00+07:00", date(2024, 5, 29)),      # ISO with time and zone (JSON feeds)
    ("โพสต์เมื่อ 29 พฤษภาคม 2024", date(2024, 5, 29)),             # Thai month with a CE year
    ("ครั้งที่ 495/2568 ลงวันที่ 4 ก.ค. 2568", date(2025, 7, 4)),   # a release number is not a date
    ("โทร 02/123/4567", None),
])
def test_find_date_in_a_line_of_text(text, expected):
    assert find_date(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("วันที่ 29/05/2567", date(2024, 5, 29)),
    ("วันที่ : 29/05/2567", date(2024, 5, 29)),
    ("29 พ.ค. 67 10:30 น.", date(2024, 5, 29)),
    ("2024-05-29T10:00:00+07:00", date(2024, 5, 29)),
    ("2024-05-29 10:00", date(2024, 5, 29)),
    ("วันพุธที่ 18 มีนาคม 2563", date(2020, 3, 18)),
    ("18 มี.ค. 2566", date(2023, 3, 18)),
    ("29/05/2024", date(2024, 5, 29)),
])
def test_parse_date_with_labels_times_and_zones(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["วันที่ ไม่ระบุ", "วันที่ 31/02/2567", "2024-13-01T10:00:00Z"])
def test_parse_date_still_rejects_what_is_not_a_date(text):
    with pytest.raises(DateError):
        parse_date(text)
