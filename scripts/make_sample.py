"""Build devtools/data/sample.jsonl.gz: a few hundred real thaigov.go.th articles for the mirror and demo.

Deterministic: for each year 2016-2025, a run of consecutive ids from the middle of the year (the
newest ids for 2025), so the mirror's thaigov copy has real sequential ids with real gaps, plus articles issued by other
ministries (by the shared attribution code) so every ministry facet has something in it.

Usage: python scripts/make_sample.py [--corpus ../shared/corpus/thaigov] [--out devtools/data/sample.jsonl.gz]
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from collections import defaultdict
from pathlib import Path

RUN_PER_YEAR = 25        # consecutive-id window per year
PER_AGENCY = 2           # extra articles per non-thaigov agency
MAX_AGENCY_PICKS = 140
MAX_BODY = 6000          # keep the file small: long speeches are cut (at a paragraph end)


def _id(rec: dict) -> int:
    return int(rec["url"].rstrip("/").rsplit("/", 1)[1])


def _tight_window_end(recs: list[dict]) -> int:
    """Start of the newest window of RUN_PER_YEAR ids with no gap over 5 (a walkable run)."""
    for start in range(len(recs) - RUN_PER_YEAR, 0, -1):
        ids = [_id(r) for r in recs[start: start + RUN_PER_YEAR]]
        if all(b - a <= 5 for a, b in zip(ids, ids[1:])):
            return start
    return len(recs) - RUN_PER_YEAR


def _trim(body: str) -> str:
    if len(body) <= MAX_BODY:
        return body
    cut = body.rfind("\n", 0, MAX_BODY)
    return body[: cut if cut > MAX_BODY // 2 else MAX_BODY]


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(here.parent / "shared" / "corpus" / "thaigov"))
    ap.add_argument("--out", default=str(here / "devtools" / "data" / "sample.jsonl.gz"))
    args = ap.parse_args()

    from core.attribution import attribute

    chosen: dict[str, dict] = {}
    by_agency: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for year in range(2016, 2026):
        recs = [json.loads(line) for line in gzip.open(Path(args.corpus) / f"{year}.jsonl.gz", "rt", encoding="utf-8")]
        recs = [r for r in recs if r.get("title") and r.get("body")]
        recs.sort(key=_id)
        # The newest year takes its last ids, so the mirror's home page links the top of a real run
        # of sequential ids (as on the live site) and a fresh crawl of the mirror walks all of it.
        mid = _tight_window_end(recs) if year == 2025 else len(recs) // 2
        for r in recs[mid: mid + RUN_PER_YEAR]:
            chosen[r["url"]] = r
        for r in recs:
            agency = attribute(r["title"], r["body"], url=r["url"], publisher="thaigov.go.th").agency
            if agency not in ("thaigov", "opm"):
                key = hashlib.sha1(r["url"].encode()).hexdigest()
                by_agency[agency].append((key, r))
    picks = 0
    top_run = max(_id(r) for r in chosen.values()) - RUN_PER_YEAR * 2
    ranked = {a: [r for k, r in sorted(items, key=lambda kr: kr[0]) if _id(r) < top_run]
              for a, items in sorted(by_agency.items())}
    # Round-robin over agencies (one each, then a second each) so the cap never drops whole ministries.
    for rank in range(PER_AGENCY):
        for agency, items in ranked.items():
            if rank < len(items) and picks < MAX_AGENCY_PICKS and items[rank]["url"] not in chosen:
                chosen[items[rank]["url"]] = items[rank]
                picks += 1
    out = Path(args.out)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        for r in sorted(chosen.values(), key=_id):
            r = {k: r[k] for k in ("doc_id", "url", "title", "body", "date", "category", "lang", "site")}
            r["body"] = _trim(r["body"])
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} articles, {out.stat().st_size:,} bytes -> {out}")


if __name__ == "__main__":
    main()
