"""Scale curve: the govsearch row of bench/bench_core.py at several multiples of a corpus.

    python bench/bench_core.py -n 5000 --scale 1,2,4     # 5,000, 10,000 and 20,000 articles
    python bench/bench_core.py --all --scale 1,2,4        # the whole corpus, 2x and 4x (a quiet machine)

Copy k of an article gets a new URL and is re-dated by k times the corpus's span of years, so that
each copy is a further stretch of history: year facets stay meaningful, and no copy is taken for
a duplicate of its original (grouping compares articles close in time). Prints build time (store
+ index), index size, peak RSS and full-page p50/p95 per multiple, and the cost per article
relative to 1x (growing no worse than linearly means staying near 1.0). Cost is counted in CPU
seconds (this process's and its workers'), which a busy machine does not inflate as it does wall
time.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from bench.bench_core import build_govsearch, run_govsearch
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


def _write_copies(base: list[dict], m: int, span: int, jsonl: Path) -> None:
    with open(jsonl, "w", encoding="utf-8") as f:
        for k in range(m):
            for d in base:
                f.write(json.dumps(copy_of(d, k, span) if k else d, ensure_ascii=False) + "\n")


def _measure(base: list[dict], m: int, span: int, work: Path, queries, repeat: int) -> dict:
    """Build multiple ``m`` in ``work`` (or reuse the build recorded in ``work/build.json``) and
    time its queries."""
    record = work / "build.json"
    built = json.loads(record.read_text()) if record.exists() else None
    if built and built["articles"] != m * len(base):  # kept from a run over another corpus size
        print(f"{m}x: the build kept in {work} has {built['articles']} articles, not {m * len(base)}: rebuilding")
        record.unlink()
        built = None
    if built:
        print(f"{m}x: reusing the build in {work} ({built['articles']} articles); timing its queries ...", flush=True)
        return run_govsearch(work / "articles.jsonl", work / "gs", queries, repeat, built=built)
    shutil.rmtree(work / "gs", ignore_errors=True)  # a build that did not finish is started again
    work.mkdir(parents=True, exist_ok=True)
    _write_copies(base, m, span, work / "articles.jsonl")
    print(f"{m}x: {m * len(base)} articles ...", flush=True)
    built = build_govsearch(work / "articles.jsonl", work / "gs")
    record.write_text(json.dumps(built))
    return run_govsearch(work / "articles.jsonl", work / "gs", queries, repeat, built=built)


def scale_curve(limit: int | None, multiples: list[int], repeat: int, keep: Path | None = None) -> None:
    """Build and query the corpus (``limit`` articles, None = all) at each multiple; print a table.

    With ``keep``, multiple m is built in ``keep/<m>x`` and kept; a later run reuses that build
    (its recorded build figures) and times only its queries, e.g. again on a quiet machine.
    """
    base = list(iter_corpus(limit))
    span = _years(base)
    queries = load_queries()
    rows = []
    for m in multiples:
        work = (keep / f"{m}x") if keep else Path(tempfile.mkdtemp(prefix=f"govsearch-scale{m}-"))
        try:
            rows.append((m, _measure(base, m, span, work, queries, repeat)))
        finally:
            if not keep:
                shutil.rmtree(work, ignore_errors=True)
    print()
    print("| multiple | articles | build s (store + index) | CPU s (store + index) | CPU s per 1k articles "
          "(x of 1x) | index MB | store MB | peak RSS MB index / query | page p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    first = None
    for m, gs in rows:
        build, cpu = gs["store_s"] + gs["index_s"], gs["store_cpu_s"] + gs["index_cpu_s"]
        per_k = cpu / gs["articles"] * 1000
        first = first or per_k
        print(f"| {m}x | {gs['articles']} | {build:.1f} ({gs['store_s']:.1f} + {gs['index_s']:.1f}) "
              f"| {cpu:.0f} ({gs['store_cpu_s']:.0f} + {gs['index_cpu_s']:.0f}) | {per_k:.2f} ({per_k / first:.2f}) "
              f"| {gs['disk_mb']:.0f} | {gs['store_mb']:.0f} "
              f"| {gs['rss_index_mb']:.0f} / {gs['rss_query_mb']:.0f} | {gs['p50']:.1f} | {gs['p95']:.1f} |")
