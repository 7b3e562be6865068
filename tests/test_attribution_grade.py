"""_grade skips the name scans of closing lines that can be neither a bare signature nor a contact line:
it must grade every line exactly as the full grading (kept here as it was) does. The lines are the
dev sets' real article tails, graded at every distance from the end, plus long contact lines."""
from __future__ import annotations

import re

import pytest

from bench import eval_attribution as ev
from core import attribution as at
from core.agencies import registry
from core.attribution_lines import (ANSWERER, BARE_LINE_MAX, CHANNEL_LINES, CONTACT, CREDIT, CREDIT_AFTER,
                                     SIGNED, _caseless, contact_mentions, contact_start, is_bare, is_credit)
from core.attribution_pick import MEDIUM, STRONG
from core.attribution_pick import Mention
from core.normalize import normalize


def _full_grade(line, r, names, reg, below="", listed=False):
    """_grade before the skips: every scan on every line."""
    out = []
    spans = at._line_mentions(line, names)
    abbr_spans = [(m.start(1), m.end(1), names.abbr_ids[m.group(1)], m.group(1))
                  for m in names.abbr_re.finditer(line)
                  if not (m.group(1) in at._MONTHS and at._DAY_BEFORE.search(line, 0, m.start(1)))] if "." in line else []
    closing = r < at._CLOSING_LINES
    if closing:
        for s, _e, agency, text, word in at._hashtag_mentions(line, names):
            out.append(Mention(STRONG, r, s, agency, text, line, kind="tagword" if word else "tag"))
        if out and line.startswith("#"):
            return out
    if ANSWERER.match(line) or (closing and is_credit(line)):
        for s, _e, agency, text in spans + abbr_spans + at._url_mentions(line, reg):
            out.append(Mention(STRONG, r, s, agency, text, line, kind="credit"))
        return out
    if closing and (spans or abbr_spans) and len(at._ministries(spans + abbr_spans, reg)) <= 1 \
            and is_bare(line, spans + abbr_spans):
        for s, _e, agency, text in spans + abbr_spans:
            out.append(Mention(STRONG, r, s, agency, text, line, listed))
        return out
    if closing and (spans or "." in line):
        out.extend(Mention(MEDIUM, r, s, agency, text, line, kind="contact") for s, agency, text in
                   contact_mentions(line, spans, names.abbr_ids, lambda seg: at._url_mentions(seg, reg), below))
    return out


_LONG_CONTACTS = [
    "ทั้งนี้หากประชาชนมีข้อสงสัย ต้องการสอบถามข้อมูล " + "เพิ่มเติมเกี่ยวกับการดำเนินงาน " * 6 + "สายด่วนกรมทางหลวง โทร. 1586",
    "สอบถามได้ที่ " + "ศูนย์บริการข้อมูล " * 10 + "กรมควบคุมโรค 1422 หรือ www.ddc.moph.go.th",
    "สายด่วน พม. 1300 " + "ตลอด 24 ชั่วโมง " * 12,
    "ติดต่อ กระทรวงการคลัง " + "ข้อมูลเพิ่มเติม " * 30 + "โทร 0 2273 9020",
    "กองสารนิเทศ สป.มท. " + "รายงาน " * 20,
]


@pytest.fixture(scope="module")
def dev_lines():
    rows = [r for r in ev.from_tails() if r.set.startswith("dev")]
    assert len(rows) > 300
    out = []
    for r in rows:
        lines = [ln.strip() for ln in normalize(r.body).split("\n") if ln.strip()]
        out += [(ln, "\n".join(lines[i + 1:i + 1 + CHANNEL_LINES])) for i, ln in enumerate(lines)]
    return out + [(ln, "") for ln in _LONG_CONTACTS] + [(ln, "โทร. 0 2222 2222") for ln in _LONG_CONTACTS]


def test_grade_equals_the_full_grading(dev_lines):
    reg = registry()
    names = at._names(reg)
    graded = 0
    for line, below in dev_lines:
        for r in (0, 3, 5, 6, 9):
            new = at._grade(line, r, names, reg, below)
            assert new == _full_grade(line, r, names, reg, below), (line, r)
            graded += bool(new)
    assert graded > 500  # the lines do name agencies: the comparison is not between empty lists


def test_contact_start_given_or_found_is_the_same(dev_lines):
    reg, names = registry(), at._names(registry())
    for line, below in dev_lines:
        spans = at._line_mentions(line, names)
        found = contact_mentions(line, spans, names.abbr_ids, lambda seg: at._url_mentions(seg, reg), below)
        start = contact_start(line, below)
        assert found == (contact_mentions(line, spans, names.abbr_ids, lambda seg: at._url_mentions(seg, reg),
                                          below, start) if start is not None else [])


# CONTACT was this expression with re.IGNORECASE; CREDIT_AFTER was searched on every line.
_CONTACT_FLAGGED = re.compile(
    r"สอบถาม|สายด่วน|โทร(?:ศัพท์|สาร)?(?=[\s.:/\d])|ติดต่อ|เว็บไซต์|เพจ|facebook|www\.|https?://|call\s*center|"
    r"ร้องเรียน|แจ้งเบาะแส|แจ้งเหตุ|รับฟัง|ได้ที่|ไลน์",
    re.IGNORECASE,
)
_ODD = ["FACEBOO\u212a", "faceboo\u212a.com", "http\u017f://x", "HTTPS://X", "Call  Center", "CALLCENTER",
        "call\tcenter", "cAlL cEnTeR", "WwW.x", "โทร.", "โทร", "โทรสาร 02", "ไลน์ @x", "facebook\nwww.", "Ꮃww."]


def test_contact_without_the_flag_matches_what_the_flag_did(dev_lines):
    texts = [ln for ln, _below in dev_lines] + _ODD + [" ".join(_ODD)]
    for text in texts:
        assert [m.span() for m in CONTACT.finditer(text)] == [m.span() for m in _CONTACT_FLAGGED.finditer(text)], text
    # every character any of its letters matches, with the flag and without
    every = "".join(map(chr, range(0x110000)))
    for letter in set("facebookwwwhttpscallcenter"):
        flagged = re.findall(letter, every, re.IGNORECASE)
        assert re.findall(_caseless(letter), every) == flagged, letter


def test_credit_test_equals_the_search_on_every_line(dev_lines):
    endings = [f"ข่าว{sep}{w}{end}" for sep in (":", "：", " : ", ":\u3000") for w in
               ("รายงาน", "เรียบเรียง", "ข่าว", "ภาพ", "ภาพข่าว", "ถ่ายภาพ", "สรุป", "รายงานข่าว", "สรุปผล")
               for end in ("", " ", "\n", " \u00a0", "\n\n", ".")]
    for text in [ln for ln, _below in dev_lines] + endings:
        m = CREDIT.match(text)
        if m and not m.group().rstrip()[-1:] in ":：/" and len(text) > BARE_LINE_MAX:
            m = None
        old = bool(m or CREDIT_AFTER.search(text) or (len(text) <= BARE_LINE_MAX and SIGNED.match(text)))
        assert is_credit(text) == old, text
