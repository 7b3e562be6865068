"""Build bench/data/dedupe_dev.jsonl.gz, the near-duplicate dev set, from ../shared/corpus.

Pairs that are the same release:

* ``mirror``: the demo mirror's copies of one article on thaigov.go.th, moi.go.th, prd.go.th and
  pr.moi.go.th, as the crawler stored them (``--demo-store`` a store the demo filled);
* ``repost``: thaigov.go.th's own reposts: two URLs with the same headline and the same first
  1,000 characters (their tails may differ);
* ``perturbed``: a corpus article and a copy changed the ways republishers change them (headline
  prefix or suffix, credits, "ที่มา:", hashtags, whitespace, a truncated body).

Pairs that must stay apart, labelled without the detector: headlines equal once their numbers,
months and provinces are masked, but not equal (``template``: monthly and weekly reports,
announcements that differ in numbers or dates; ``province``: the same event in another province).

    python -m bench.make_dedupe_dev [--demo-store DATA/store.sqlite3]
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

from bench.corpus import REPO, iter_corpus
from core.dedupe_markers import PROVINCES, _MONTHS
from core.normalize import normalize, normalize_line

OUT = REPO / "bench" / "data" / "dedupe_dev.jsonl.gz"
_SQUASH = re.compile(r"[^0-9a-z\u0e01-\u0e4f]+")
_MONTH = re.compile("|".join(re.escape(m) for m in sorted(_MONTHS, key=len, reverse=True)))
_PROV = re.compile("|".join(sorted(PROVINCES, key=len, reverse=True)))
_MAX_BODY = 4000

PREFIXES = ["มท. ", "[กระทรวงพลังงาน] ", "ข่าวประชาสัมพันธ์: ", "(ภาพข่าว) ", "สป.มท. "]
SUFFIXES = [" [กระทรวงพลังงาน]", " (มีคลิป)", " - สำนักข่าวกรมประชาสัมพันธ์"]
TAILS = ["\n\nภาพ: กลุ่มงานประชาสัมพันธ์\nข่าว: สำนักงานปลัดกระทรวง", "\nที่มา: สำนักข่าวกรมประชาสัมพันธ์",
         "\n#NNT #ข่าวรัฐบาล #ไทยคู่ฟ้า", "\n-----------\nhttps://www.prd.go.th/th/content"]


def _squash(text: str) -> str:
    return _SQUASH.sub("", normalize_line(text).lower())


def _template(title: str) -> tuple[str, bool]:
    t = normalize_line(title).lower()
    province = bool(_PROV.search(t))
    t = _PROV.sub("P", _MONTH.sub("M", t))
    return _SQUASH.sub("", re.sub(r"\d+", "#", t)), province


def _side(rec: dict) -> dict:
    return {"url": rec["url"], "title": rec["title"], "body": rec["body"][:_MAX_BODY]}


def perturb(rec: dict, rng: random.Random) -> dict:
    """A republished copy: a few of the usual changes, chosen at random."""
    title, body = rec["title"], rec["body"][:_MAX_BODY]
    changes = rng.sample(["prefix", "suffix", "tail", "drop_tail", "spaces", "truncate"], k=rng.randint(1, 3))
    if "prefix" in changes:
        title = rng.choice(PREFIXES) + title
    if "suffix" in changes:
        title = title + rng.choice(SUFFIXES)
    if "tail" in changes:
        body = body + rng.choice(TAILS)
    if "drop_tail" in changes:
        lines = body.splitlines()
        body = "\n".join(lines[:-1] if len(lines) > 3 else lines)
    if "spaces" in changes:
        body = re.sub(r" ", lambda _m: rng.choice([" ", "  ", "\n", " "]), body)
    if "truncate" in changes and len(body) > 600:
        body = body[: int(len(body) * rng.uniform(0.4, 0.8))]
    return {"url": rec["url"].replace("www.thaigov.go.th", "copy.example.go.th"), "title": title, "body": body,
            "changes": changes}


def corpus_pairs(rng: random.Random) -> list[dict]:
    """Reposts, templated series and same-event-other-province pairs from the whole corpus."""
    by_text: dict[tuple, list[dict]] = defaultdict(list)
    by_template: dict[str, dict[str, dict]] = defaultdict(dict)
    sample: list[dict] = []
    for rec in iter_corpus():
        if not rec.get("body"):
            continue
        # Same headline and the same first 1,000 characters: a repost. (A shorter opening also
        # catches daily round-ups that reuse one headline for another day's events.)
        key = (_squash(rec["title"]), _squash(normalize(rec["body"])[:1000]))
        by_text[key].append(_side(rec))
        tpl, province = _template(rec["title"])
        if tpl != _squash(rec["title"]) and len(tpl) > 15:
            by_template[tpl].setdefault(_squash(rec["title"]), {**_side(rec), "province": province})
        if rng.random() < 0.003:
            sample.append(rec)
    out = []
    reposts = [v for v in by_text.values() if len(v) > 1]
    for v in rng.sample(reposts, min(150, len(reposts))):
        out.append({"kind": "repost", "same": True, "a": v[0], "b": v[1]})
    series = [list(v.values()) for v in by_template.values() if len(v) > 1]
    rng.shuffle(series)
    templates = provinces = 0
    for v in series:
        a, b = v[0], v[1]
        kind = "province" if a.pop("province") and b.pop("province") and _PROV.findall(
            normalize_line(a["title"])) != _PROV.findall(normalize_line(b["title"])) else "template"
        a.pop("province", None)
        b.pop("province", None)
        if kind == "province" and provinces < 100:
            provinces += 1
        elif kind == "template" and templates < 300:
            templates += 1
        else:
            continue
        out.append({"kind": kind, "same": False, "a": a, "b": b})
    for rec in sample[:250]:
        out.append({"kind": "perturbed", "same": True, "a": _side(rec), "b": perturb(rec, rng)})
    return out


def mirror_pairs(store: Path) -> list[dict]:
    """The demo's copies of one mirrored article (the id is in every site's URL)."""
    db = sqlite3.connect(store)
    by_id: dict[str, list[dict]] = defaultdict(list)
    for url, title, body in db.execute("SELECT url, title, body FROM articles ORDER BY url"):
        m = re.search(r"(\d+)(?:/|\.htm)?$", url)
        by_id[m.group(1)].append({"url": url, "title": title, "body": body[:_MAX_BODY]})
    out = []
    for copies in by_id.values():
        for i, a in enumerate(copies):
            for b in copies[i + 1:]:
                out.append({"kind": "mirror", "same": True, "a": a, "b": b})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--demo-store", type=Path, help="store.sqlite3 of a data folder `govsearch demo` filled")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pairs = (mirror_pairs(args.demo_store) if args.demo_store else []) + corpus_pairs(rng)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8") as f:
        for p in pairs:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    kinds: dict[str, int] = defaultdict(int)
    for p in pairs:
        kinds[p["kind"]] += 1
    print(f"{len(pairs)} pairs -> {OUT}: {dict(kinds)}")


if __name__ == "__main__":
    main()
