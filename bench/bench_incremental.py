"""The first query after an index sync, beside a warm query of the same page.

    python bench/bench_incremental.py                 # 10,000 articles, then k = 1, 10, 100 new ones
    python bench/bench_incremental.py -n 30000 -k 1 10 100 --rounds 5

Builds a store and index of N articles (or reuses ``--data-dir`` when it already holds them), then
for each k imports k articles the index does not have yet (at N = all 90,904, copies of corpus
articles under new URLs, ten years earlier) and syncs the index, as a crawl run does, and times the first full search (results cache off) after the sync against the same search
once warm, in wall time and in CPU time of this process (steadier on a shared machine). Each
round uses another query of bench/queries.txt; the table shows medians.
A repeated query finds the words of its snippets' paragraphs already segmented (a cache of recent
paragraphs), which a first query never does, sync or no sync: the last columns time the same
warm search with that cache emptied, the cost of the query alone, to tell what the sync adds.
Target (issue 15): first <= 2x warm for k <= 100, whatever N.
Needs ../shared (the corpus); exits cleanly without it.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from bench.bench_scale import copy_of  # noqa: E402
from bench.corpus import iter_corpus, load_queries, shared_dir  # noqa: E402


def _import(data: Path, docs: list[dict], name: str) -> None:
    from core.importer import import_files
    from core.paths import store_path
    from core.store import Store

    jsonl = data / name
    with open(jsonl, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with Store(store_path(data)) as store:
        import_files(store, [jsonl])
    jsonl.unlink()


def _add(data: Path, docs: list[dict]) -> None:
    """Import and index ``docs`` in a process of their own, as `govsearch import` or a crawl run
    does beside a server (in this process the indexer's segmentation would evict the snippet
    segmentation cache of the searches: a cost a server does not pay)."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    proc = ctx.Process(target=_import_and_sync, args=(data, docs))
    proc.start()
    proc.join()
    if proc.exitcode:
        raise SystemExit(f"bench_incremental: import + sync failed ({proc.exitcode})")


def _import_and_sync(data: Path, docs: list[dict]) -> None:
    from indexer import sync_index

    _import(data, docs, "new.jsonl")
    sync_index(data)


def _timed(engine, params, forget_snippets: bool = False) -> tuple[float, float]:
    """Wall and CPU milliseconds of one search, after the pause an engine needs to see a new
    index version (taken before warm searches too, so both start alike: on a busy machine a
    process that has slept waits for a core)."""
    time.sleep(1.1)
    if forget_snippets:
        from indexer.thai import _paragraph_words

        _paragraph_words.cache_clear()
    t, c = time.perf_counter(), time.process_time()
    engine.search(params)
    return (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000


def main(argv: list[str] | None = None) -> int:
    """Build, sync k new articles at a time, print the first-vs-warm table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10_000, help="articles in the index before the syncs")
    ap.add_argument("-k", type=int, nargs="+", default=[1, 10, 100], help="new articles per sync")
    ap.add_argument("--rounds", type=int, default=3, help="syncs per k (one query each)")
    ap.add_argument("--data-dir", type=Path, help="build here and keep it; reused when it has an index")
    args = ap.parse_args(argv)
    if shared_dir() is None:
        print("bench_incremental: ../shared/corpus not found (set GOVSEARCH_SHARED); nothing to measure")
        return 0
    from core.paths import store_path
    from core.store import Store
    from indexer import SearchEngine, build_params, sync_index

    data = args.data_dir or Path(tempfile.mkdtemp(prefix="govsearch-incr-"))
    data.mkdir(parents=True, exist_ok=True)
    try:
        if not store_path(data).exists():
            t = time.perf_counter()
            _import(data, list(iter_corpus(args.n)), "base.jsonl")
            sync_index(data)
            print(f"built {args.n} articles in {time.perf_counter() - t:.0f} s", flush=True)
        with Store(store_path(data)) as store:
            have = {url for (url,) in store.db.execute("SELECT url FROM articles")}
        # New articles: the corpus sample shifted by half a step holds none of the first N.
        step = max(1, 90_904 // args.n)
        fresh = itertools.chain(
            (d for d in iter_corpus(None if step < 2 else args.n, offset=step // 2) if d["url"] not in have),
            # At N = the whole corpus none is new: copies under new URLs, dated ten years earlier
            # (bench_scale's copies), so that k new articles can still be synced.
            (c for d in iter_corpus() if (c := copy_of(d, 1, 10))["url"] not in have))
        queries = [q for q, f in load_queries() if not f]
        engine = SearchEngine(data, cache_size=0)
        engine.warm_up()
        for q in queries:  # warm: the postings of every query decoded once
            engine.search(build_params(q=q, per_page=20))
        print(f"{engine.doc_count()} articles in the index; {args.rounds} syncs per k, medians")
        print("| k new | import + sync s | first query ms (CPU) | warm ms (CPU) | first / warm (CPU) "
              "| warm, snippets cold ms (CPU) | first / that (CPU) |")
        print("|---|---|---|---|---|---|---|")
        qi = 0
        for k in args.k:
            firsts, warms, colds, syncs = [], [], [], []
            for _ in range(args.rounds):
                docs = [next(fresh) for _ in range(k)]
                t = time.perf_counter()
                _add(data, docs)
                syncs.append(time.perf_counter() - t)
                params = build_params(q=queries[qi % len(queries)], per_page=20)
                qi += 1
                firsts.append(_timed(engine, params))
                warms.extend(_timed(engine, params) for _ in range(2))
                colds.extend(_timed(engine, params, forget_snippets=True) for _ in range(2))
            fw, fc = (statistics.median(x) for x in zip(*firsts))
            ww, wc = (statistics.median(x) for x in zip(*warms))
            cw, cc = (statistics.median(x) for x in zip(*colds))
            print(f"| {k} | {statistics.median(syncs):.2f} | {fw:.1f} ({fc:.1f}) | {ww:.1f} ({wc:.1f}) "
                  f"| {fw / ww:.2f} ({fc / wc:.2f}) | {cw:.1f} ({cc:.1f}) | {fw / cw:.2f} ({fc / cc:.2f}) |",
                  flush=True)
    finally:
        if not args.data_dir:
            shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
