"""Normalisation: the same text written several ways becomes one string."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.normalize import normalize, normalize_line

PAIRS = [
    ("น\u0e49\u0e4d\u0e32", "น้ำ"),  # sara am typed as nikhahit + sara aa
    ("น\u0e4d\u0e49\u0e32", "น้ำ"),  # ... with the tone mark between them
    ("กระทรวง\u200bมหาดไทย", "กระทรวงมหาดไทย"),  # zero-width space
    ("\ufeffมหาดไทย", "มหาดไทย"),  # BOM at the start of a real title
    ("มหา\u200cดไทย\u00ad", "มหาดไทย"),  # ZWNJ and soft hyphen
    ("พ.ศ. ๒๕๖๔", "พ.ศ. 2564"),  # Thai digits
    ("ＣＯＶＩＤ－１９ ระบาด", "COVID-19 ระบาด"),  # fullwidth Latin, digits and punctuation
    ("เเปลก", "แปลก"),  # two sara e for sara ae
    ("ก่่าว", "ก่าว"),  # repeated tone mark
    ("ที่ี", "ที่"),  # repeated vowel
    ("ก\u0e48\u0e35", "กี่"),  # tone mark typed before the vowel
    ("พ ุ่ม", "พุ่ม"),  # space before a combining mark
    ("🔥ิลปากร 👉", "🔥ลปากร 👉"),  # a selection cut mid-word, glued to an emoji
    ("“ิลปากร”", "“ลปากร”"),  # ... or to a quote
    ("ก\u200eิน\ufe0f", "กิน"),  # a direction mark or a variation selector is invisible: the vowel stays
    ("สระ ◌ิ", "สระ ◌ิ"),  # the dotted circle carries a mark shown alone
    ("a \u00a0 b\t c", "a b c"),  # exotic spaces
    ("ย่อหน้า 1\n\n\n  ย่อหน้า 2  ", "ย่อหน้า 1\nย่อหน้า 2"),  # paragraphs kept, one newline each
    ("\u3000ก\x1c ข \u2028\n \n ค ", "ก ข\nค"),  # other spaces (str.isspace, like \s), blank lines
]


@pytest.mark.parametrize("raw,expected", PAIRS)
def test_pairs(raw, expected):
    assert normalize(raw) == expected


def test_line_has_no_newlines():
    assert normalize_line("หัวข้อ\nข่าว  ๑") == "หัวข้อ ข่าว 1"


def test_empty():
    assert normalize(None) == "" and normalize("") == "" and normalize(" \u200b ") == ""


thai_text = st.text(alphabet=st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B) | st.sampled_from(
    [" ", "\n", "\u200b", "\ufeff", "a", "1", "."]), max_size=60)


@settings(max_examples=300, deadline=None)
@given(thai_text)
@example("1\u0e48\u0e34\u0e48\u0e47")  # dropping a repeated tone used to leave a tone before a vowel
@example("1\u0e38\u200b\u0e3a")
@example("1\u0e48\u0e34\u0e3a")  # a tone moved after a vowel must not stay before phinthu (NFC order)  # a zero-width space between two marks kept NFC from ordering them
def test_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=2000, deadline=None)
@given(thai_text)
@example("ก ุ")
@example("\u0e38ก")
@example("ฤๅ")
@example("\u0e4d\u0e48\u0e32")
def test_text_the_pre_check_passes_needs_no_fix(text):
    # normalize skips the mark fixes when the one-scan pre-check finds nothing: that must mean
    # the fixes would have changed nothing.
    from core.normalize import _fix_marks, _may_need_fix

    if not _may_need_fix(text):
        assert _fix_marks(text) == text


def test_long_texts_are_checked_by_the_table_as_by_the_expressions():
    # Every pair of characters of the Thai block, space and newline, and each tripled (a repeat),
    # inside a text long enough for the table: it flags exactly what the expressions flag.
    from core.normalize import _LONG, _MAY_NEED_FIX, _may_need_fix

    chars = [" ", "\n", "a", "“", "\u2705", "\u25cc", "\u200e", "\ufe0f"] + [chr(c) for c in range(0x0E01, 0x0E5C)]
    pad = "ก" * _LONG
    cases = [pad + a + b + "ก" for a in chars for b in chars] + [pad + c * 3 for c in chars]
    flagged = 0
    for text in cases:
        want = any(p.search(text) for p in _MAY_NEED_FIX)
        assert _may_need_fix(text) == want, [hex(ord(c)) for c in text[_LONG:]]
        flagged += want
    assert 0 < flagged < len(cases)


def _first_steps(text):
    """normalize's steps before the mark fixes, as the regular expressions do them."""
    import unicodedata

    from core.normalize import _DIGITS, _INVISIBLE, _THAI_DIGIT

    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    return (text.translate(_DIGITS) if _THAI_DIGIT.search(text) else text).replace("\r\n", "\n").replace("\r", "\n")


def _old_normalize(text):
    """normalize with the regular expressions' first steps (no table pass) and the full mark check."""
    import unicodedata

    from core.normalize import _fix_marks

    text = _first_steps(text)
    for _ in range(4):
        fixed = unicodedata.normalize("NFC", _fix_marks(text))
        if fixed == text:
            break
        text = fixed
    return "\n".join(filter(None, (" ".join(line.split()) for line in text.split("\n"))))


def test_long_texts_take_the_table_way_only_when_nothing_is_removed_or_replaced():
    # A long text (the table's way) with each character the first steps remove, replace or
    # recompose, or a character beyond the BMP, or a lone surrogate, or a line end, or a mark to fix,
    # here and there: the same result as the regular expressions' way.
    from core.normalize import _LONG

    pad = "กระทรวงมหาดไทย เผยแพร่ข่าว " * (_LONG // 20)
    odd = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "๐", "๕", "๙", "\ud800", "\udfff", "😀",
           "e\u0301", "ก\u0e48\u0e35", "\r\n", "\r", "\u0e45", "ก่่", " ุ", "\t", "\xa0", "", "\u0e4d\u0e32", "เเ"]
    cases = [pad[:i] + a + pad[i:] + b for a in odd for b in odd for i in (0, 37, _LONG)]
    for text in cases:
        assert normalize(text) == _old_normalize(text), [hex(ord(c)) for c in text if ord(c) > 0xE5B or ord(c) < 32]
