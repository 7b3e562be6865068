"""Agreement of agency attribution with hand-labelled articles, at ministry level.

LABELLING RULE (issue 10; every label set follows it, and so must the attribution):
  1. signature  one of the closing lines is a signature, credit ("ที่มา :", "…: รายงาน"), hashtag or
                contact line (phone, hotline, web site) naming an agency other than the publisher's own
                units -> that agency.
  2. title      else the headline names a Thai ministry -> that ministry (the first one named): by its
                name, short name or abbreviation ("กระทรวงแรงงาน", "ก.แรงงาน", "มท.", "… วธ.ประกาศ …"),
                through its minister or deputy minister ("รมว.ยุติธรรม", "รัฐมนตรีว่าการกระทรวง…"), its
                permanent secretary ("ปลัดฯ ยุติธรรม", "ปลัดกระทรวง…") or another official titled with it
                ("อธิบดี กสร.", "ผู้ตรวจราชการกระทรวง…"); or the headline opens with one of its departments
                or enterprises ("กรมการขนส่งทางบก …", "รฟม. …"). Not evidence: a headline opening with the
                PM, the cabinet, the government or its spokesman (the publisher's own news, whatever it
                mentions); an official named by person only ("รมว.สุชาติ", "ปลัดกอบชัยฯ"); an assistant
                minister (ผู้ช่วยรัฐมนตรี); another country's ministry. Merged ministries are labelled with
                their successor (วท. -> mhesi, ไอซีที -> mdes).
                A ministry's full name names it wherever it stands, with or without a space before
                or after it ("…ขอความช่วยเหลือจากกระทรวงแรงงาน", "กระทรวงแรงงานจัด…"): Thai sets no
                space between words, so a reader does not need one.
                An agency's announcement opens with the agency ("ประกาศ ขสมก. …").
  3. default    else the publisher (thaigov). The opening body line and running text are not evidence.

    python bench/eval_attribution.py              # every set on full bodies from ../shared
    python bench/eval_attribution.py --tails      # from tests/data/agency_labelled.jsonl.gz only
    python bench/eval_attribution.py -v           # also the dev confusion and the dev/test disagreements
    python bench/eval_attribution.py -v --heldout-misses   # ... and the held-out ones (closing note only)
    python bench/eval_attribution.py --build      # (re)write the labelled-tails file from ../shared
    python bench/eval_attribution.py --set heldout_old=old.tsv   # score one more labels file as its own set
    python bench/eval_attribution.py -v --only dev,test,dev2,dev3,dev4,dev5   # tuning: score (and list) the tuning sets only

Sets: ``dev`` (bench/data/agency_dev.tsv: ../shared/corpus/agency_dev.tsv relabelled to the rule above,
used while writing and tuning the rules), ``test``
(tests/data/agency_test.tsv, labelled afterwards from a seeded random sample, used only for checking)
and ``heldout`` (tests/data/agency_heldout.tsv, labelled from another seeded sample before the
issue-10 rule changes and never tuned on; its header says how it was made), and ``heldout2``
(tests/data/agency_heldout2.tsv, labelled to the rule above from a third seeded sample before the
attribution was run on it; never tuned on either), and ``dev2`` (bench/data/agency_dev2.tsv: a fresh
seeded sample labelled to the rule before the attribution was run on it, then used as a second tuning set
once its untuned figure was recorded; its header says how it was made), and ``dev3``
(bench/data/agency_dev3.tsv: a fourth seeded sample made the same way as dev2), and ``dev4``
(bench/data/agency_dev4.tsv: a fifth seeded sample, half of it drawn from articles with contact, credit or hashtag
material in their last lines, where the signature rule decides), and ``dev5`` (bench/data/agency_dev5.tsv: a sixth
seeded sample, two fifths of it with closing material and three tenths with a ministry or its officials in the headline).
Tune on dev, dev2, dev3, dev4 and dev5 only (``--only dev,test,dev2,dev3,dev4,dev5`` keeps the held-out figures out of
sight while tuning).
The sets must not share an article (checked on every run). ``-v`` never lists held-out articles
unless asked: looking at them would make the held-out figure one more tuned number.
A prediction agrees when its ministry equals the label's; ``thaigov`` and ``prd`` count as
themselves (both sit under ``opm``, which no label uses). Prints one table: set, n, correct,
accuracy, then accuracy per labelled method.

Without ../shared (or $GOVSEARCH_SHARED) the full-body evaluation is skipped with a message and
the repo's labelled tails (title, first line and last ~800 characters of each body) are used.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from core.agencies import Registry, registry  # noqa: E402
from core.attribution import attribute  # noqa: E402
from core.normalize import normalize, normalize_line  # noqa: E402

DEV_TSV = REPO / "bench" / "data" / "agency_dev.tsv"
DEV2_TSV = REPO / "bench" / "data" / "agency_dev2.tsv"
DEV3_TSV = REPO / "bench" / "data" / "agency_dev3.tsv"
DEV4_TSV = REPO / "bench" / "data" / "agency_dev4.tsv"
DEV5_TSV = REPO / "bench" / "data" / "agency_dev5.tsv"
TEST_TSV = REPO / "tests" / "data" / "agency_test.tsv"
HELDOUT_TSV = REPO / "tests" / "data" / "agency_heldout.tsv"
HELDOUT2_TSV = REPO / "tests" / "data" / "agency_heldout2.tsv"
LABELLED = REPO / "tests" / "data" / "agency_labelled.jsonl.gz"
TAIL_CHARS = 800
HEAD_CHARS = 300
_AS_THEMSELVES = ("thaigov", "prd")


def shared_dir() -> Path | None:
    """``../shared`` beside the checkout (or $GOVSEARCH_SHARED); None when it is not there."""
    path = Path(os.environ.get("GOVSEARCH_SHARED") or Path(__file__).resolve().parents[2] / "shared")
    return path if (path / "corpus" / "thaigov").is_dir() else None


@dataclass
class Labelled:
    """One labelled article: its text and the agreed agency."""

    doc_id: str
    title: str
    body: str
    url: str
    agency: str
    method: str
    set: str


@dataclass
class Score:
    """Counts for one set, overall and per labelled method."""

    name: str
    n: int = 0
    correct: int = 0
    by_method: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[tuple[Labelled, str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0


def read_labels(path: Path) -> dict[str, dict]:
    """Rows of a labels TSV (doc_id, agency, method, evidence) by doc_id; ``#`` lines are comments."""
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return {r["doc_id"]: r for r in csv.DictReader(lines, delimiter="\t")}


def label_sets(extra: dict[str, Path] | None = None) -> dict[str, dict[str, dict]]:
    """The dev, test and held-out labels (from the repo), plus ``extra`` sets (name -> labels file)."""
    sets = {"dev": read_labels(DEV_TSV), "test": read_labels(TEST_TSV), "heldout": read_labels(HELDOUT_TSV)}
    if HELDOUT2_TSV.exists():
        sets["heldout2"] = read_labels(HELDOUT2_TSV)
    for name, path in (("dev2", DEV2_TSV), ("dev3", DEV3_TSV), ("dev4", DEV4_TSV), ("dev5", DEV5_TSV)):
        if path.exists():
            sets[name] = read_labels(path)
    return sets | {name: read_labels(path) for name, path in (extra or {}).items()}


def check_disjoint(sets: dict[str, dict[str, dict]]) -> None:
    """Raise ValueError when two label sets share an article."""
    names = sorted(sets)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            shared = set(sets[a]) & set(sets[b])
            if shared:
                raise ValueError(f"label sets {a} and {b} share {len(shared)} articles, e.g. {sorted(shared)[:3]}")


def read_corpus(shared: Path, wanted: set[str]) -> dict[str, dict]:
    """The corpus records whose doc_id is in ``wanted``."""
    found: dict[str, dict] = {}
    for path in sorted((shared / "corpus" / "thaigov").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if '"doc_id"' not in line:
                    continue
                rec = json.loads(line)
                if rec["doc_id"] in wanted:
                    found[rec["doc_id"]] = rec
    return found


def from_shared(shared: Path, extra: dict[str, Path] | None = None) -> list[Labelled]:
    """Labelled articles with their full bodies (``extra`` sets may relabel articles of the others)."""
    sets = label_sets(extra)
    check_disjoint({k: v for k, v in sets.items() if k not in (extra or {})})
    docs = read_corpus(shared, {k for rows in sets.values() for k in rows})
    out = []
    for name, rows in sets.items():
        for doc_id, row in rows.items():
            d = docs[doc_id]
            out.append(Labelled(doc_id, d["title"] or "", d["body"] or "", d["url"] or "",
                                row["agency"], row["method"], name))
    return out


def _cut(body: str) -> tuple[str, str]:
    """(first line up to HEAD_CHARS, the whole last lines that fit in about TAIL_CHARS) of a body.

    Whole lines, because a line cut in the middle can look like a line the agency opens.
    """
    lines = (body or "").split("\n")
    tail: list[str] = []
    for line in reversed(lines):
        if tail and sum(len(t) + 1 for t in tail) + len(line) > TAIL_CHARS:
            break
        tail.insert(0, line if tail or len(line) <= TAIL_CHARS else line[-TAIL_CHARS:])
    return lines[0][:HEAD_CHARS], "\n".join(tail)


def build_tails(shared: Path, path: Path = LABELLED) -> int:
    """Write the labelled-tails file (title, first line, body tail, label) for every labelled article."""
    rows = from_shared(shared)
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        for r in sorted(rows, key=lambda r: (r.set, int(r.doc_id.rsplit("-", 1)[-1]))):
            head, tail = _cut(r.body)
            f.write(json.dumps({"doc_id": r.doc_id, "url": r.url, "title": r.title, "body_head": head,
                                "body_tail": tail, "agency": r.agency, "method": r.method, "set": r.set},
                               ensure_ascii=False) + "\n")
    return len(rows)


def from_tails(path: Path = LABELLED) -> list[Labelled]:
    """Labelled articles from the repo's tails file: the first line and the tail stand for the body."""
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            head, tail = r.get("body_head", ""), r["body_tail"]
            body = tail if not head or tail.startswith(head) else head + "\n" + tail  # head not repeated
            out.append(Labelled(r["doc_id"], r["title"], body, r["url"], r["agency"], r["method"], r["set"]))
    by_set: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in out:
        by_set[r.set][r.doc_id] = {}
    check_disjoint(by_set)
    return out


def comparable(reg: Registry, agency: str) -> str:
    """The level labels are given at: the ministry, except thaigov and prd which stand for themselves."""
    return agency if agency in _AS_THEMSELVES else reg.ministry_of(agency)


def evaluate(rows: Iterable[Labelled], reg: Registry | None = None) -> dict[str, Score]:
    """Score attribution against the labels, per set."""
    reg = reg or registry()
    scores: dict[str, Score] = {}
    for r in rows:
        a = attribute(normalize_line(r.title), normalize(r.body), r.url, reg=reg)
        got = comparable(reg, a.agency)
        good = got == comparable(reg, r.agency)
        s = scores.setdefault(r.set, Score(r.set))
        s.n += 1
        s.correct += good
        s.by_method[r.method][0] += good
        s.by_method[r.method][1] += 1
        if not good:
            s.misses.append((r, a.agency, a.method, a.evidence))
    return scores


def confusion(score: Score, reg: Registry | None = None) -> str:
    """The disagreements of one set as (label, prediction) counts at ministry level, most frequent first."""
    reg = reg or registry()
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for r, agency, _method, _evidence in score.misses:
        counts[(comparable(reg, r.agency), comparable(reg, agency))] += 1
    lines = [f"# {score.name} confusion (label -> predicted, disagreements only)"]
    lines += [f"{n}\t{label} -> {got}" for (label, got), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(lines)


def table(scores: dict[str, Score], source: str) -> str:
    """The result table as text."""
    methods = sorted({m for s in scores.values() for m in s.by_method})
    head = ["set", "n", "correct", "accuracy", *methods]
    lines = [f"# agency attribution vs labels ({source}; ministry level)", "\t".join(head)]
    for name in sorted(scores):
        s = scores[name]
        per = [f"{c}/{n} {c / n:.0%}" if n else "-" for c, n in (s.by_method.get(m, [0, 0]) for m in methods)]
        lines.append("\t".join([name, str(s.n), str(s.correct), f"{s.accuracy:.3f}", *per]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tails", action="store_true", help="use tests/data/agency_labelled.jsonl.gz only")
    ap.add_argument("--build", action="store_true", help="rewrite the labelled-tails file from ../shared")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print the dev confusion and list the dev and test disagreements")
    ap.add_argument("--heldout-misses", action="store_true",
                    help="with -v, list the held-out disagreements too (for the closing note, not for tuning)")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=PATH",
                    help="score another labels file as its own set (e.g. the old held-out labels from git)")
    ap.add_argument("--only", metavar="NAME,NAME", default="",
                    help="score only these sets (e.g. dev,test,dev2,dev3,dev4,dev5 while tuning, so no held-out figure is seen)")
    args = ap.parse_args(argv)
    extra = {name: Path(path) for name, _, path in (x.partition("=") for x in args.set)}
    shared = shared_dir()
    if args.build:
        if not shared:
            print("skipped: ../shared (or $GOVSEARCH_SHARED) not found; cannot rebuild the labelled tails")
            return 0
        print(f"wrote {build_tails(shared)} labelled articles to {LABELLED.relative_to(REPO)}")
    if args.tails or not shared:
        if not shared and not args.tails:
            print("skipped full-body evaluation: ../shared (or $GOVSEARCH_SHARED) not found; "
                  "using the repo's labelled tails")
        if not LABELLED.exists():
            print(f"skipped: {LABELLED.relative_to(REPO)} not found")
            return 0
        rows, source = from_tails(), "repo tails"
    else:
        rows, source = from_shared(shared, extra), "full bodies from ../shared"
    if args.only:
        keep = set(args.only.split(","))
        rows = [r for r in rows if r.set in keep]
    scores = evaluate(rows)
    print(table(scores, source))
    if args.verbose:
        for name in ("dev", "dev2", "dev3", "dev4", "dev5"):
            if name in scores:
                print(confusion(scores[name]))
        for s in scores.values():
            if s.name.startswith("heldout") and not args.heldout_misses:
                print(f"# {len(s.misses)} held-out disagreements not listed (--heldout-misses lists them)")
                continue
            for r, agency, method, evidence in s.misses:
                print(f"{s.name}\t{r.doc_id}\tlabel={r.agency}/{r.method}\tgot={agency}/{method}\t{evidence[:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
