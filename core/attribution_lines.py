"""The kinds of closing line that name an article's agency (core/attribution.py grades them): a
credit ("ที่มา: …", "…: รายงาน"), a bare signature ("กองสารนิเทศ สป.มท."), a contact line with a way to
reach the agency ("สายด่วนกรมควบคุมโรค 1422", "www.mrta.co.th") and hashtags.
"""
from __future__ import annotations

import re
from typing import Callable

BULLET = r"[\s\-–—•*#>\[\](){}:.]*"  # not quotes: a quoted line is somebody speaking
CREDIT = re.compile(
    rf"^{BULLET}(?:ที่มา(?:ข้อมูล|ภาพ|ข่าว)?|แหล่งที่มา|แหล่งข้อมูล|ข้อมูล(?:จาก|โดย)?|ภาพ(?:และข่าว|/ข่าว|ข่าว)?|"
    r"รวบรวม(?:โดย)?|บทความ(?:โดย)?|"
    r"ข่าว(?:โดย)?|cr\.?|credit|เครดิต|ผู้นำเสนอ|ผู้ตอบ|เผยแพร่(?:ข่าว)?(?:โดย)?|เรียบเรียง|อ้างอิง|รายงาน)"
    r"(?:\s*[:：/]|\s)",
    re.IGNORECASE,
)
# A credit may also close its line: "กลุ่มประชาสัมพันธ์ สร.ศธ.: รายงาน", "นวรัตน์ รามสูต: เรียบเรียง".
CREDIT_AFTER = re.compile(r"[:：]\s*(?:รายงาน|เรียบเรียง|ข่าว|ภาพ(?:ข่าว)?|ถ่ายภาพ|สรุป)\s*$")
_CREDIT_WORDS = ("รายงาน", "เรียบเรียง", "ข่าว", "ภาพ", "ถ่ายภาพ", "สรุป")  # the words CREDIT_AFTER ends on
# A royal wish is signed by the body that offers it: "ข้าพระพุทธเจ้า ข้าราชการ พนักงานราชการและลูกจ้าง สังกัด
# กระทรวงกลาโหม" (short: a long line opening so is a speech).
SIGNED = re.compile(r"^ข้าพระพุทธเจ้า\s")


def is_credit(line: str) -> bool:
    """A credit or a signed closing line: "ที่มา : …", "… : รายงาน", "ข้าพระพุทธเจ้า … สังกัดกระทรวง…". Without
    its colon or slash a credit is short: "ข้อมูล real Time Online (IoT)ข้อมูลระดับน้ำ…" is a paragraph."""
    m = CREDIT.match(line)
    if m and not m.group().rstrip()[-1:] in ":：/" and len(line) > BARE_LINE_MAX:
        m = None
    # CREDIT_AFTER ends its line: the cheap test of the ending spares most lines the search.
    after = line.rstrip().endswith(_CREDIT_WORDS) and CREDIT_AFTER.search(line)
    return bool(m or after or (len(line) <= BARE_LINE_MAX and SIGNED.match(line)))


# "ผู้ตอบ : รัฐมนตรีว่าการกระทรวง…" answers a parliamentary question: it names the agency wherever it sits.
ANSWERER = re.compile(rf"^{BULLET}ผู้ตอบ\s*[:：]?")
# The letters re.IGNORECASE matches besides the two cases of an ASCII letter: the Kelvin sign and the long s.
_FOLDS = {"k": "kK\u212a", "s": "sS\u017f"}


def _caseless(pattern: str) -> str:
    """Alternatives matching what ``pattern`` (ASCII lowercase letters, escapes such as ``\\s``, ``\\.``
    and quantifiers) matches under re.IGNORECASE, without the flag: each letter becomes the class of its
    cases, and the first one becomes one alternative per case, so that every alternative opens on a
    literal character."""
    tokens = re.findall(r"\\.|.", pattern)
    cased = ["[" + _FOLDS.get(t, t + t.upper()) + "]" if len(t) == 1 and t.isascii() and t.islower() else t
             for t in tokens]
    first = _FOLDS.get(tokens[0], tokens[0] + tokens[0].upper())
    return "|".join(c + "".join(cased[1:]) for c in first)


# Written without re.IGNORECASE (only its Latin words have cases): when every alternative opens on a
# literal character, re skips the positions none can start at, and the scan of a long closing line
# costs a third of what it did with the flag.
CONTACT = re.compile(
    r"สอบถาม|สายด่วน|โทร(?:ศัพท์|สาร)?(?=[\s.:/\d])|ติดต่อ|เว็บไซต์|เพจ|"
    + "|".join(map(_caseless, (r"facebook", r"www\.", r"https?://", r"call\s*center")))
    + r"|ร้องเรียน|แจ้งเบาะแส|แจ้งเหตุ|รับฟัง|ได้ที่|ไลน์"
)
CONTACT_REACH = 60  # the agency follows its contact word closely: "สายด่วนกรมควบคุมโรค 1422"
AFTER_REACH = 3  # or its phone number follows it at once: "สำนักงานเศรษฐกิจการคลัง โทร. 0 2273 9020"
CONTACT_LINE_MAX = 200  # a longer line is running text, unless it opens with its contact words:
CONTACT_OPENING = 80  # "ทั้งนี้หากประชาชนมีข้อสงสัย ต้องการสอบถามข้อมูล … สายด่วนกรมทางหลวง โทร. 1586",
LONG_CONTACT_MAX = 400  # and then only an agency its number or address follows closely: "กรมควบคุมโรค 1422"
_DIGIT = re.compile(r"\d")
NUMBER_AFTER = re.compile(r"[^\d\n]{0,30}\d{3}|[^\n]{0,30}?(?:www\.|https?://)")
# A contact line gives a way to reach the agency: "ติดต่อสอบถามได้ที่ สำนักงานเศรษฐกิจการเกษตร" alone does not.
CHANNEL = re.compile(r"\d{3}|\.(?:go|or|co|ac|in|mi)\.th|www\.|https?://|@|สายด่วน|โทร|[Cc]all\s*[Cc]enter|"
                      r"CALL CENTER|เว็บไซต์|เพจ|[Ff]acebook|ไลน์|[Ll]ine\b|LINE|อีเมล|[Ee]-?mail")
CHANNEL_LINES = 3  # the phone number may follow on the next lines of an address block
# An agency named by its abbreviation right after the contact word, whatever follows it: "สายด่วน พม. 1300",
# "ทางไลน์ “ปภ.รับแจ้งเหตุ”" (elsewhere an abbreviation before a number is a date: "4 ก.พ. 2568").
CONTACT_ABBR = re.compile(r"(?:สายด่วน|โทร(?:ศัพท์)?|ไลน์|แจ้งเหตุ|ติดต่อ(?:ได้ที่)?)\s*[\"“‘'(]?\s*"
                          r"((?:[\u0e01-\u0e2e][\u0e01-\u0e4e]{0,4}\.)+)")
# Words a person's role or a unit puts before the agency name at the start of a line. The head of an
# enterprise named การ… is written once: "ผู้ว่าการรถไฟแห่งประเทศไทย" (ผู้ว่า + การรถไฟแห่งประเทศไทย).
ROLE = (r"(?:รอง)?(?:ปลัด|เลขานุการรัฐมนตรีว่าการ|รัฐมนตรีว่าการ|รัฐมนตรีช่วยว่าการ|รมว\.?|รมช\.?|โฆษก|อธิบดี|"
         r"เลขาธิการ|ผู้ว่าการ|ผู้ว่า(?=การ)|ปกท\.?|คณะผู้บริหาร|ผู้บริหาร|ผู้ตรวจราชการ(?:กระทรวง)?|รมต\.?|รัฐมนตรี|"
         r"(?:สมาคม)?แม่บ้าน)ฯ?")  # the ministry's own association speaks as it: "แม่บ้านมหาดไทยเมืองเลย …"
# Sub-units and filler that may share a bare signature line with the agency name.
UNIT = re.compile(rf"^(?:กอง|ฝ่าย|กลุ่ม|ส่วน|สำนัก|ศูนย์|งาน|โทร|e-?mail|อีเมล|{ROLE})", re.IGNORECASE)
BARE_REST_MAX = 24  # a person's name may precede the agency: "การุณ สกุลประดิษฐ์ ปลัดกระทรวงศึกษาธิการ"
BARE_LINE_MAX = 120
# Words that join an agency to a sentence: a line holding one is running text, not a signature.
CONNECTIVE = re.compile(r"^(?:จัดโดย|โดย|และ|แห่ง|ของ|ร่วมกับ|กับ|ณ|ตาม|ระหว่าง|ประกอบด้วย|ได้แก่|อาทิ|นอกจากนี้|ทั้งนี้|ซึ่ง|จะ|"
                        r"(?:[Aa]nd|[Oo]r|[Bb]y|[Ww]ith|[Oo]f|[Tt]he|[Tt]o|[Ff]rom|[Ff]or|i\.e\.|e\.g\.)(?![A-Za-z]))")
# A word glued to the agency by one of these is a sentence's: "นอกจากนี้ จะประสานกับกระทรวงศึกษาธิการ".
CONNECTIVE_END = re.compile(r"(?:กับ|ของ|และ|โดย|แห่ง|ถึง)$")
# An item of a numbered list or a table's row: "5) การไฟฟ้าส่วนภูมิภาค 11,793", "10 การประปานครหลวง 2,387",
# "5. กระทรวงเกษตรและสหกรณ์": one of several, not the agency that signs.
# A day and its month open a dated signature instead ("5 มีนาคม 2567 กระทรวงการคลัง", "1 ต.ค. 67 กรมบัญชีกลาง").
_MONTH_NEXT = (r"(?!\s*(?:ม\.ค|ก\.พ|มี\.ค|เม\.ย|พ\.ค|มิ\.ย|ก\.ค|ส\.ค|ก\.ย|ต\.ค|พ\.ย|ธ\.ค|มกรา|กุมภา|มีนา|เมษา|พฤษภา|"
               r"มิถุนา|กรกฎา|สิงหา|กันยา|ตุลา|พฤศจิกา|ธันวา))")
ITEM = re.compile(rf"^[\s•*\-–]*(?:\(\d{{1,2}}\)|\d{{1,2}}[).]?\s{_MONTH_NEXT})")
FILLER = re.compile(r"^[\d\s\-–—/.,:;()#*+\"“”'‘’|]*$|^(?:ครั้งที่|วันที่|ฉบับที่|ข่าว|ที่)$")
# Web addresses, also without www: "toea.doe.go.th" (not an e-mail's domain: "sod@tisi.mail.go.th").
URL = re.compile(r"https?://([^/\s]+)|www\.([a-z0-9.\-]+)|(?<![\w@./\-])([a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*"
                 r"\.(?:go|or|co|ac|in|mi)\.th)\b", re.IGNORECASE)
HASHTAG = re.compile(r"#\s?([^\s#]+)")


def is_bare(line: str, spans: list[tuple[int, int, str, str]]) -> bool:
    """A signature line: the agency names plus at most a unit, a number or a date ("กองสารนิเทศ สป.มท.")."""
    if len(line) > BARE_LINE_MAX or ITEM.match(line):
        return False
    rest = list(line)
    for s, e, _i, _t in spans:
        rest[s:e] = [" "] * (e - s)
    words = [w for w in "".join(rest).split() if not UNIT.match(w) and not FILLER.match(w)]
    if any(CONNECTIVE.match(w) or CONNECTIVE_END.search(w) for w in words):
        return False  # "จัดโดยกรมการปกครอง …", "และกระทรวงการต่างประเทศ ร่วมเป็นเจ้าภาพ": a sentence
    return sum(len(w) for w in words) <= BARE_REST_MAX


def contact_start(line: str, below: str = "") -> int | None:
    """Where the contact clause of a closing line starts (0, or its first contact word in a long line), or
    None when the line is no contact line (see :func:`contact_mentions`). It does not depend on the agency
    names, so the caller may skip scanning a long closing line for them when this is None."""
    start = 0
    if len(line) > CONTACT_LINE_MAX:
        first = CONTACT.search(line, 0, CONTACT_OPENING)
        if not first or len(line) > LONG_CONTACT_MAX:
            return None
        start = first.start()
    clause = line[start:]
    has_url = "www" in clause or "http" in clause or ".th" in clause
    if not (has_url or CONTACT.search(clause)) or not (CHANNEL.search(clause) or CHANNEL.search(below)):
        return None
    return start


def contact_mentions(line: str, spans: list[tuple[int, int, str, str]], abbr_ids: dict[str, str],
                     find_urls: Callable[[str], list[tuple[int, int, str, str]]],
                     below: str = "", start: int | None = None) -> list[tuple[int, str, str]]:
    """(position, id, text) of each agency a closing contact line names: a full name (``spans``) just after
    its contact word ("สายด่วนกรมควบคุมโรค 1422") or just before its number ("สำนักงานเศรษฐกิจการคลัง โทร.
    0 2273 9020"), an abbreviation just after the contact word ("สายด่วน พม. 1300") and web addresses
    (``find_urls``). The line, or the address block it opens (``below``), must give a way to reach the
    agency. A line longer than CONTACT_LINE_MAX is a contact line only when it opens with its contact words
    ("ขอให้ประชาชนติดตาม…ได้ที่เว็บไซต์ … สายด่วนกรมควบคุมโรค 1422"): a paragraph that ends on a hotline is
    somebody's running text. ``start``: :func:`contact_start` of the line, when the caller has it."""
    if start is None:
        start = contact_start(line, below)
    if start is None:
        return []
    long = len(line) > CONTACT_LINE_MAX
    clause = line[start:]
    contacts = [(m.start() + start, m.end() + start) for m in CONTACT.finditer(clause)]
    has_url = "www" in clause or "http" in clause or ".th" in clause
    # In a long line the agency is the one its contact words introduce, its number after it: not "… (สปสช.) โทร
    # 1330 … คู่ขนานกับสายด่วน 1668 ของกระทรวงสาธารณสุข …", where the number comes first.
    out = [(s, agency, text) for s, e, agency, text in spans if s >= start and any(
        0 <= s - end <= CONTACT_REACH and not (long and _DIGIT.search(line, end, s))
        or 0 <= begin - e <= AFTER_REACH for begin, end in contacts) and (not long or NUMBER_AFTER.match(line, e))]
    for m in CONTACT_ABBR.finditer(clause) if contacts and "." in clause else ():
        agency = abbr_ids.get(m.group(1))  # the whole token: "ธ.ก.ส." is a bank, not "ก.ส."
        if agency and (not long or NUMBER_AFTER.match(clause, m.end(1))):
            out.append((m.start(1) + start, agency, m.group(1)))
    out += [(s + start, agency, text) for s, _e, agency, text in (find_urls(clause) if has_url else ())]
    return out


# A person named at the opening of a line: "นายจาตุรนต์ ภักดีวานิช อธิบดีกรมการท่องเที่ยว", "ดร.ก้องศักด ยอดมณี …",
# "พันตำรวจเอก ไพสิฐ …" (not the PM, a district chief or a registrar: "นายกรัฐมนตรี", "นายอำเภอ", "นายทะเบียน").
PERSON = re.compile(
    r"^[\s\-–—•*\d.)]*(?:นาย(?!ก|อำเภอ|ทะเบียน|ช่าง|ด่าน|จ้าง|หน้า)|นาง(?:สาว)?|น\.ส\.|ดร\.|ศ\.|รศ\.|ผศ\.|ศาสตราจารย์|"
    r"รองศาสตราจารย์|ผู้ช่วยศาสตราจารย์|พล\.|พลเอก|พลโท|พลตรี|พลตำรวจ|พลอากาศ|พลเรือ|พัน(?:เอก|โท|ตรี|ตำรวจ)|พ\.[ตอท]\.|"
    r"ร้อย(?:เอก|โท|ตรี|ตำรวจ)|ร\.[ตอท]\.|ว่าที่|ม\.ร\.ว\.|ม\.ล\.|หม่อม|คุณ|H\.E\.|Mr\.?\s|Mrs\.?\s|Ms\.?\s|Dr\.?\s)"
)
# A line that introduces the people who took part: "โดยมีนางสาวปิติกาญจน์ …", "พร้อมด้วย …", "ผู้เข้าร่วม ได้แก่".
LIST_OPENER = re.compile(r"^(?:โดยมี|พร้อมด้วย|พร้อมทั้ง|ประกอบด้วย|ได้แก่|อาทิ|ผู้เข้าร่วม|ร่วมด้วย|และมี)")
RUNNING_TEXT = 200  # a line this long without contact words is a paragraph of the story


def is_attendee(line: str, above: str, below: str) -> bool:
    """A person's line in a list of those present, not a signer: another person's line or a list opener
    next to it ("โดยมี นางสาว… อธิบดีกรม…" above "พันตำรวจเอก … อธิบดีกรม…")."""
    if not PERSON.match(line):
        return False
    return bool(PERSON.match(above) or PERSON.match(below) or LIST_OPENER.match(above))


def is_running_text(line: str) -> bool:
    """A paragraph of the story: a long line without contact words."""
    return len(line) >= RUNNING_TEXT and not CONTACT.search(line)
