"""Scale curve: the govsearch row of bench/bench_core.py at several multiples of a corpus.

    python bench/bench_core.py -n 5000 --scale 1,2,4     # 5,000, 10,000 and 20,000 articles
    python bench/bench_core.py --all --scale 1,2,4        # the whole corpus, 2x and 4x (a quiet machine)

Copy k of an article gets a new URL and is re-dated by k times the corpus's span of years, so that
each copy is a further stretch of history: year facets stay meaningful, and no copy is taken for
a duplicate of its original (grouping compares articles close in time). Prints build time (store
+ index), index size, peak RSS and full-page p50/p95 per multiple, and the cost per article
relative to 1x (growing no worse than linearly means staying near 1.0).
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from bench.bench_core import run_govsearch
from bench.corpus import iter_corpus, load_queries

_ID = re.compile(r"(\d+)$")


def _years(docs: list[dict]) -> int:
    years = [int(d["date"][:4]) for d in docs if (d.get("date") or "")[:4].isdigit()]
    return (max(years) - min(years) + 1) if years else 1


def copy_of(doc: dict, k: int, span: int) -> dict:
    """Copy ``k`` (1, 2, ...) of an article: a new URL, dated ``k * span`` years earlier."""
    out = dict(doc)
    m = _ID.search(doc["url"])
    out["url"] = (doc["url"][: m.start()] + str(int(m.group()) + k * 10_000_000)) if m else f"{doc['url']}/copy{k}"
    date = doc.get("date") or ""
    if len(date) >= 10 and date[:4].isdigit():
        year = int(date[:4]) - k * span
        day = date[5:10] if date[5:10] != "02-29" else "02-28"
        out["date"] = f"{year:04d}-{day}{date[10:]}"
    for key in ("doc_id", "id"):
        if key in out:
            out[key] = f"{out[key]}-copy{k}"
    return out


def scale_curve(limit: int | None, multiples: list[int], repeat: int) -> None:
    """Build and query the corpus (``limit`` articles, None = all) at each multiple; print a table."""
    base = list(iter_corpus(limit))
    span = _years(base)
    queries = load_queries()
    rows = []
    for m in multiples:
        work = Path(tempfile.mkdtemp(prefix=f"govsearch-scale{m}-"))
        try:
            jsonl = work / "articles.jsonl"
            with open(jsonl, "w", encoding="utf-8") as f:
                for k in range(m):
                    for d in base:
                        f.write(json.dumps(copy_of(d, k, span) if k else d, ensure_ascii=False) + "\n")
            print(f"{m}x: {m * len(base)} articles ...", flush=True)
            gs = run_govsearch(jsonl, work / "gs", queries, repeat)
            rows.append((m, gs))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print("| multiple | articles | build s (store + index) | s per 1k articles (x of 1x) | index MB | store MB "
          "| peak RSS MB index / query | page p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    first = None
    for m, gs in rows:
        build = gs["store_s"] + gs["index_s"]
        per_k = build / gs["articles"] * 1000
        first = first or per_k
        print(f"| {m}x | {gs['articles']} | {build:.1f} ({gs['store_s']:.1f} + {gs['index_s']:.1f}) "
              f"| {per_k:.2f} ({per_k / first:.2f}) | {gs['disk_mb']:.0f} | {gs['store_mb']:.0f} "
              f"| {gs['rss_index_mb']:.0f} / {gs['rss_query_mb']:.0f} | {gs['p50']:.1f} | {gs['p95']:.1f} |")
