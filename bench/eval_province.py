"""Precision and recall of province extraction (:func:`core.provinces.extract`) on hand labels.

    python bench/eval_province.py        # both splits, from the articles in ../shared
    python bench/eval_province.py -v     # also list every article where extraction and label differ

``bench/province_labels.tsv`` holds 200 articles of a seeded sample with the provinces each names
as a place (its header says how they were labelled). Even sample positions are ``dev`` (the rules
were tuned on them), odd ones ``heldout`` (never tuned on). Scores are over (article, province)
pairs: precision = right predictions / predictions, recall = right predictions / labels. Articles
are read from ../shared (or $GOVSEARCH_SHARED) and normalised as import normalises them.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from bench.corpus import corpus_files  # noqa: E402
from core.normalize import normalize, normalize_line  # noqa: E402
from core.provinces import extract, names  # noqa: E402

LABELS = REPO / "bench" / "province_labels.tsv"


def load_labels(path: Path = LABELS) -> list[dict]:
    """Rows of the label file: url, split, provinces (a set of codes), title."""
    rows = []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    for line in lines[1:]:
        url, split, provs, title = line.split("\t")
        rows.append({"url": url, "split": split, "provinces": set() if provs == "-" else set(provs.split(",")),
                     "title": title})
    return rows


def load_articles(urls: set[str]) -> dict[str, tuple[str, str]]:
    """``url -> (title, body)`` from the shared corpus, normalised."""
    out = {}
    for path in corpus_files():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if rec["url"] in urls:
                    out[rec["url"]] = (normalize_line(rec.get("title") or ""), normalize(rec.get("body") or ""))
    return out


def score(rows: list[dict], predicted: dict[str, set[str]]) -> tuple[int, int, int, int]:
    """(articles, right, predicted, labelled) pair counts."""
    right = pred = gold = 0
    for r in rows:
        p = predicted[r["url"]]
        right += len(p & r["provinces"])
        pred += len(p)
        gold += len(r["provinces"])
    return len(rows), right, pred, gold


def main(argv: list[str] | None = None) -> int:
    """Print precision and recall per split."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = ap.parse_args(argv)
    rows = load_labels()
    if not corpus_files():
        print("no ../shared corpus (set $GOVSEARCH_SHARED): nothing to evaluate")
        return 1
    articles = load_articles({r["url"] for r in rows})
    missing = [r["url"] for r in rows if r["url"] not in articles]
    if missing:
        print(f"{len(missing)} labelled articles are not in the corpus, e.g. {missing[0]}")
        return 1
    predicted = {u: set(extract(*articles[u])) for u in articles}
    print(f"{'split':8} {'articles':>8} {'pairs':>6} {'right':>6} {'predicted':>9} {'precision':>9} {'recall':>7}")
    for split in ("dev", "heldout", "all"):
        subset = [r for r in rows if split == "all" or r["split"] == split]
        n, right, pred, gold = score(subset, predicted)
        print(f"{split:8} {n:8} {gold:6} {right:6} {pred:9} {right / max(1, pred):9.3f} {right / max(1, gold):7.3f}")
    if args.verbose:
        for r in rows:
            p = predicted[r["url"]]
            if p != r["provinces"]:
                extra, miss = sorted(p - r["provinces"]), sorted(r["provinces"] - p)
                print(f"{r['split']:7} {r['url']}  wrong: {names(extra)}  missed: {names(miss)}  {r['title'][:40]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
