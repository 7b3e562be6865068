"""Known-item queries the way people type them, built from real headlines.

Every query here occurs in its article once spaces and punctuation are ignored, so a search that
finds nothing for one of them has failed outright. Fragments are cut at the words of pythainlp's
plain newmm segmenter (its own dictionary, not govsearch's), so they start and end where a reader
selecting text would, not where govsearch's segmenter happens to cut.

Classes (each a list of ``KnownItem``):
* ``printed``     a run of 4-12 words of a headline, as printed (spaces and punctuation kept);
* ``no spaces``   the same run with its spaces dropped;
* ``names``       a person's name glued to the word after it (``ทิพานันแถลง…``);
* ``dotted``      a run holding a dotted abbreviation or ฯ, re-spaced or spelled out (``พล.อ.ประวิตร``,
                  ``พลเอก ประวิตร``);
* ``pasted``      a run pasted with quotes, brackets, ``!!``, ``..``, ``#``, emoji or variation selectors;
* ``body``        30-80 letters of a body's paragraph cut at any letter (a sentence pasted to find its source).
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache

THAI = re.compile("[\u0e01-\u0e4e]")
# Titles before a name, longest first (the name is the Thai run that follows).
NAME_PREFIXES = ("นางสาว", "พล.อ.", "พล.ต.อ.", "พลเอก", "นาย", "นาง", "ดร.", "“")
DOTTED = re.compile(r"(?<![\u0e01-\u0e4e])(?:[\u0e01-\u0e4e]{1,5}\.)+|[\u0e01-\u0e4e]+ฯ")
# Abbreviations Thai readers treat as the same as their spelled-out form.
SPELLED = {
    "พล.อ.": "พลเอก", "พล.ต.อ.": "พลตำรวจเอก", "จ.": "จังหวัด", "อ.": "อำเภอ", "ต.": "ตำบล",
    "รมว.": "รัฐมนตรีว่าการ", "รมช.": "รัฐมนตรีช่วยว่าการ", "ผู้ว่าฯ": "ผู้ว่าราชการจังหวัด",
    "นายกฯ": "นายกรัฐมนตรี", "กทม.": "กรุงเทพมหานคร", "ปลัดฯ": "ปลัดกระทรวง", "ผบ.ตร.": "ผู้บัญชาการตำรวจแห่งชาติ",
}
PASTE = [("“", "”"), ("‘", "’"), ("«", "»"), ('"', '"!!'), ("(", ")"), ("#", ""), ("", ".."), ("👉 ", ""),
         ("", " ❤️"), ("", "\u200b"), ("\ufeff", ""), ("[", "]")]


@dataclass(frozen=True)
class KnownItem:
    """A query and the article it should find first."""

    kind: str
    query: str
    url: str
    title: str


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@lru_cache(maxsize=None)
def plain_words(text: str) -> tuple[str, ...]:
    """pythainlp's newmm with its own dictionary, spaces kept as tokens (so offsets add up)."""
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))


def _runs(title: str, rng: random.Random, lo: int, hi: int) -> str | None:
    toks = plain_words(title)
    # A reader's selection starts and ends on a letter, not on a dot or a bracket.
    words = [i for i, t in enumerate(toks) if t.strip() and t[0].isalnum()]
    if len(words) < lo:
        return None
    k = rng.randint(lo, min(hi, len(words)))
    start = rng.randint(0, len(words) - k)
    first, last = words[start], words[start + k - 1]
    frag = "".join(toks[first:last + 1]).strip()
    return frag if len(frag.replace(" ", "")) >= 8 and THAI.search(frag) else None


def fragments(articles: list, n: int, seed: int) -> list[KnownItem]:
    """``n`` printed runs of 4-12 words and the same runs without spaces."""
    rng = random.Random(seed)
    pool = [a for a in articles if THAI.search(a.title)]
    rng.shuffle(pool)
    out: list[KnownItem] = []
    for a in pool:
        frag = _runs(a.title, rng, 4, 12)
        if frag:
            out.append(KnownItem("printed", frag, a.url, a.title))
            out.append(KnownItem("no spaces", re.sub(r"\s+", "", frag), a.url, a.title))
        if len(out) >= 2 * n:
            break
    return out


def names(articles: list, n: int, seed: int) -> list[KnownItem]:
    """A name (the Thai run after นาย, นาง, พล.อ., ดร., or inside “…”) glued to the 1-3 words after it."""
    rng = random.Random(seed)
    pool = list(articles)
    rng.shuffle(pool)
    out: list[KnownItem] = []
    for a in pool:
        title = a.title
        for prefix in NAME_PREFIXES:
            i = title.find(prefix)
            if i < 0 or (i and title[i - 1] not in " “\"'‘") or title.startswith("นายก", i):
                continue
            m = re.match(r"\s?([\u0e01-\u0e4e]{3,})([”\s]+)(\S.*)", title[i + len(prefix):])
            if not m or prefix + m.group(1) in _dictionary() or (prefix == "“" and "”" not in m.group(2)):
                continue  # นายจ้าง is a word, not นาย + a name; a quoted slogan is not a name
            words = [t for t in plain_words(m.group(3)) if t.strip()][:rng.randint(1, 3)]
            after = "".join(words)
            if len(after) >= 3 and THAI.search(after):
                out.append(KnownItem("names", m.group(1) + after, a.url, title))
            break
        if len(out) >= n:
            break
    return out


def dotted(articles: list, n: int, seed: int) -> list[KnownItem]:
    """A run holding a dotted abbreviation: glued to the next word, spaced, or spelled out."""
    rng = random.Random(seed)
    pool = [a for a in articles if DOTTED.search(a.title)]
    rng.shuffle(pool)
    out: list[KnownItem] = []
    for a in pool:
        m = DOTTED.search(a.title)
        abbr = m.group(0)
        tail = a.title[m.end():]
        nxt = re.match(r"\s*((?:\S+\s*){1,3})", tail)
        if not nxt:
            continue
        following = nxt.group(1).strip()
        way = rng.choice(["glued", "spaced", "spelled"] if abbr in SPELLED else ["glued", "spaced"])
        if way == "glued":
            q = abbr + re.sub(r"\s+", "", following)
        elif way == "spaced":
            q = re.sub(r"\.(?=\S)", ". ", abbr).strip() + " " + following
        else:
            q = SPELLED[abbr] + " " + following
        if len(q.replace(" ", "")) >= 6:
            out.append(KnownItem("dotted", q, a.url, a.title))
        if len(out) >= n:
            break
    return out


def pasted(articles: list, n: int, seed: int) -> list[KnownItem]:
    """A run of 3-8 words pasted with quotes, brackets, ``!!``, emoji or invisible characters."""
    rng = random.Random(seed)
    pool = [a for a in articles if THAI.search(a.title)]
    rng.shuffle(pool)
    out: list[KnownItem] = []
    for a in pool:
        frag = _runs(a.title, rng, 3, 8)
        if frag:
            left, right = rng.choice(PASTE)
            out.append(KnownItem("pasted", f"{left}{frag}{right}", a.url, a.title))
        if len(out) >= n:
            break
    return out


def body_passages(articles: list, n: int, seed: int) -> list[KnownItem]:
    """30-80 letters of one paragraph of a body, from anywhere in it, cut at any letter (a mouse
    selection of a sentence a reporter wants the source of), spaced as printed."""
    rng = random.Random(seed)
    pool = [a for a in articles if len(a.body) >= 400]
    rng.shuffle(pool)
    out: list[KnownItem] = []
    for a in pool:
        start = rng.randint(0, len(a.body) - 100)
        frag = a.body[start:start + rng.randint(30, 80)].split("\n")[0].strip()
        if len(frag) >= 25 and len(THAI.findall(frag)) >= 15:
            out.append(KnownItem("body", frag, a.url, a.title))
        if len(out) >= n:
            break
    return out


def known_items(articles: list, n: int, seed: int) -> list[KnownItem]:
    """Every class, ``n`` queries each (``printed`` and ``no spaces`` share their runs)."""
    return (fragments(articles, n, seed) + names(articles, n, seed + 1) + dotted(articles, n, seed + 2)
            + pasted(articles, n, seed + 3) + body_passages(articles, n, seed + 4))


def zero_hit_probe(articles: list, n: int, seed: int) -> list[KnownItem]:
    """``n`` random headline runs of 4-12 words, half with spaces dropped, punctuation kept."""
    rng = random.Random(seed)
    items = fragments(articles, n, seed)
    return [it for i, it in enumerate(items) if (i % 2 == 0) == (rng.random() < 0.5)][:n] or items[:n]


def respaced(query: str) -> str | None:
    """The query split at plain-dictionary words (None when it is one word)."""
    toks = [t for t in plain_words(query.replace(" ", "")) if t.strip()]
    return " ".join(toks) if len(toks) > 1 else None
