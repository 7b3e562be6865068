"""Benchmark of the search core on real articles, beside a SQLite FTS5 trigram baseline.

    python bench/bench_core.py            # 10,000 articles spread over all years
    python bench/bench_core.py --all      # all 90,904 articles
    python bench/bench_core.py -n 2000    # a quick run

Prints one table: import throughput (articles/s, MB/s of text), peak RSS, index size, and the
p50/p95 latency of a full results page (20 hits with snippets + agency and year facets) over the
queries in bench/queries.txt, for govsearch, for FTS5 trigram and for tantivy with the same
segmentation (bench/bench_tantivy.py: the practical limit; skipped when tantivy is not installed,
``pip install -e '.[bench]'``) on the same articles. ``--scale`` runs bench/bench_scale.py instead.
Needs ../shared (the corpus); exits cleanly without it.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from bench.corpus import iter_corpus, load_queries, shared_dir  # noqa: E402


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of its finished children, in MB.

    This process's own peak is read from /proc (VmHWM) where there is one: a spawned child's
    ``ru_maxrss`` keeps the peak of the process it was forked from before its exec, so a phase
    run beside the corpus held in memory reported the corpus's size, not its own."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            me = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        pass
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(me, kids) / 1024


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def cpu_s() -> float:
    """CPU seconds (user + system) of this process and of its finished, waited-for descendants:
    the cost of a phase however busy the machine was while it ran."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _child_main(queue, fn, args) -> None:
    out = fn(*args)
    out["rss_mb"] = peak_rss_mb()  # this process and its writer workers
    queue.put(out)


def _in_child(fn, *args) -> dict:
    """Run ``fn(*args)`` in a fresh interpreter and return its dict with that process's peak RSS
    (MB), so each phase is measured alone, not with this script's copy of the corpus."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child_main, args=(queue, fn, args))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def _import_phase(jsonl: Path, data: Path) -> dict:
    from core.importer import import_files
    from core.store import Store
    from core.paths import store_path
    from indexer import sync_index

    t0, c0 = time.perf_counter(), cpu_s()
    with Store(store_path(data)) as store:
        report = import_files(store, [jsonl])
    t_store, c_store = time.perf_counter() - t0, cpu_s() - c0
    t1, c1 = time.perf_counter(), cpu_s()
    sync_index(data)
    return {"articles": report.new + report.updated + report.unchanged, "store_s": t_store,
            "index_s": time.perf_counter() - t1, "store_cpu_s": c_store, "index_cpu_s": cpu_s() - c1}


def _query_phase(data: Path, queries, repeat: int) -> dict:
    from indexer import SearchEngine, build_params

    engine = SearchEngine(data, cache_size=0)  # measure searches, not the results cache
    engine.warm_up()  # dictionary, per-version columns: what a server does before its first user
    times = []
    totals = {}
    for _ in range(repeat):
        for q, f in queries:
            params = build_params(q=q, agencies=[f["agency"]] if "agency" in f else None, since=f.get("since"),
                                  until=f.get("until"), sort=f.get("sort"), per_page=20)
            t = time.perf_counter()
            result = engine.search(params)
            times.append((time.perf_counter() - t) * 1000)
            totals[q + json.dumps(f)] = result.total
    return {"times": times, "totals": totals}


def build_govsearch(jsonl: Path, data: Path) -> dict:
    """Import ``jsonl`` into a new store at ``data`` and build its index, in a process of its own:
    wall and CPU seconds of each part, articles, peak RSS."""
    return _in_child(_import_phase, jsonl, data)


def run_govsearch(jsonl: Path, data: Path, queries, repeat: int, built: dict | None = None) -> dict:
    """Build (unless ``built`` holds an earlier build's figures for ``data``), then time the queries."""
    from core.paths import index_root

    imp = built or build_govsearch(jsonl, data)
    qry = _in_child(_query_phase, data, queries, repeat)
    times = qry["times"]
    return {
        "articles": imp["articles"],
        "store_s": imp["store_s"],
        "index_s": imp["index_s"],
        "store_cpu_s": imp.get("store_cpu_s", float("nan")),
        "index_cpu_s": imp.get("index_cpu_s", float("nan")),
        "rss_index_mb": imp["rss_mb"],
        "rss_query_mb": qry["rss_mb"],
        "disk_mb": dir_size(index_root(data)) / 1e6,
        "store_mb": dir_size(data) / 1e6 - dir_size(index_root(data)) / 1e6,
        "p50": pct(times, 50),
        "p95": pct(times, 95),
        "max": max(times),
        "totals": qry["totals"],
    }


def run_fts5(docs: list[dict], data: Path, queries, repeat: int) -> dict:
    from core.agencies import registry
    from core.normalize import normalize, normalize_line
    from core.thaidates import parse_range

    reg = registry()
    db = sqlite3.connect(str(data / "fts.sqlite3"))
    db.executescript(
        "CREATE TABLE docs(id INTEGER PRIMARY KEY, url TEXT, title TEXT, body TEXT, day INTEGER, agency TEXT);"
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, content='docs', content_rowid='id', tokenize='trigram');"
    )
    t0 = time.perf_counter()
    from core.attribution import attribute

    rows = []
    for i, d in enumerate(docs):
        title, body = normalize_line(d.get("title")), normalize(d.get("body"))
        day = int((d.get("date") or "0").replace("-", "") or 0)
        rows.append((i, d["url"], title, body, day, attribute(title, body, d["url"]).agency))
    db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?)", rows)
    db.execute("INSERT INTO fts(rowid, title, body) SELECT id, title, body FROM docs")
    db.commit()
    t_index = time.perf_counter() - t0

    def page(q: str, f: dict):
        terms = [t for t in normalize_line(q).split() if t]
        where, args = [], []
        long_terms = [t for t in terms if len(t) >= 3]
        for t in terms:
            if len(t) < 3:  # trigram MATCH needs 3 characters
                where.append("(d.title LIKE ? OR d.body LIKE ?)")
                args += [f"%{t}%", f"%{t}%"]
        if "agency" in f:
            ids = sorted(reg.descendants(reg.resolve(f["agency"])))
            where.append(f"d.agency IN ({','.join('?' * len(ids))})")
            args += ids
        if "since" in f:
            where.append("d.day >= ?")
            args.append(int(parse_range(f["since"])[0].strftime("%Y%m%d")))
        if "until" in f:
            where.append("d.day <= ?")
            args.append(int(parse_range(f["until"])[1].strftime("%Y%m%d")))
        match = " ".join('"' + t.replace('"', '""') + '"' for t in long_terms)
        base = "FROM fts JOIN docs d ON d.id = fts.rowid WHERE fts MATCH ?" if match else "FROM docs d WHERE 1"
        margs = [match] if match else []
        cond = (" AND " + " AND ".join(where)) if where else ""
        order = "d.day DESC" if f.get("sort") == "newest" else ("bm25(fts, 3.0, 1.0)" if match else "d.day DESC")
        snip = "snippet(fts, 1, '<mark>', '</mark>', '…', 24)" if match else "substr(d.body, 1, 200)"
        hits = db.execute(f"SELECT d.url, d.title, {snip} {base}{cond} ORDER BY {order} LIMIT 20",
                          margs + args).fetchall()
        agencies = db.execute(f"SELECT d.agency, COUNT(*) {base}{cond} GROUP BY d.agency", margs + args).fetchall()
        years = db.execute(f"SELECT d.day / 10000, COUNT(*) {base}{cond} GROUP BY 1", margs + args).fetchall()
        return sum(n for _a, n in agencies), hits, years

    times, totals = [], {}
    for _ in range(repeat):
        for q, f in queries:
            t = time.perf_counter()
            total, _hits, _years = page(q, f)
            times.append((time.perf_counter() - t) * 1000)
            totals[q + json.dumps(f)] = total
    db.close()
    return {"index_s": t_index, "disk_mb": (data / "fts.sqlite3").stat().st_size / 1e6,
            "p50": pct(times, 50), "p95": pct(times, 95), "max": max(times), "totals": totals}


def run_tantivy(docs: list[dict], folder: Path, queries, repeat: int) -> dict | None:
    """The tantivy row (in a process of its own, for its RSS), or None when tantivy is missing."""
    from bench import bench_tantivy

    if not bench_tantivy.available():
        print("tantivy row skipped: the tantivy package is not installed (pip install -e '.[bench]')")
        return None
    return _in_child(bench_tantivy.run, docs, folder, queries, repeat)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10_000, help="articles (default 10,000)")
    ap.add_argument("--all", action="store_true", help="all 90,904 articles")
    ap.add_argument("--repeat", type=int, default=2, help="passes over the queries (default 2)")
    ap.add_argument("--no-fts", action="store_true", help="skip the FTS5 baseline")
    ap.add_argument("--no-tantivy", action="store_true", help="skip the tantivy row")
    ap.add_argument("--keep", type=Path, help="build in this folder and keep it (else a temp folder); with "
                    "--scale, a build already kept there is reused and only its queries are timed again")
    ap.add_argument("--scale", help="multiples of the corpus, e.g. 1,2,4: the scale curve (bench_scale.py)")
    args = ap.parse_args()
    if args.scale:
        from bench.bench_scale import scale_curve

        scale_curve(None if args.all else args.n, [int(m) for m in args.scale.split(",")], args.repeat, args.keep)
        return
    if shared_dir() is None:
        print("bench_core: ../shared/corpus not found (set GOVSEARCH_SHARED); nothing to measure")
        return
    limit = None if args.all else args.n
    work = args.keep or Path(tempfile.mkdtemp(prefix="govsearch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        docs = list(iter_corpus(limit))
        jsonl = work / "articles.jsonl"
        with open(jsonl, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        chars = sum(len(d.get("title") or "") + len(d.get("body") or "") for d in docs)
        mb_text = len(jsonl.read_bytes()) / 1e6
        queries = load_queries()
        print(f"{len(docs)} articles, {chars / 1e6:.1f} M characters ({mb_text:.0f} MB JSON), "
              f"{len(queries)} queries x {args.repeat}", flush=True)
        gs = run_govsearch(jsonl, work / "gs", queries, args.repeat)
        fts = None if args.no_fts else run_fts5(docs, work, queries, args.repeat)
        tv = None if args.no_tantivy else run_tantivy(docs, work / "tantivy", queries, args.repeat)
        total_s = gs["store_s"] + gs["index_s"]
        print()
        print("| system | import s (store + index) | articles/s | MB/s text | peak RSS MB index / query "
              "| disk MB | page p50 ms | p95 ms | max ms |")
        print("|---|---|---|---|---|---|---|---|---|")
        print(f"| govsearch (Whoosh + nlpo3, parts field) | {total_s:.1f} ({gs['store_s']:.1f} + {gs['index_s']:.1f}) "
              f"| {len(docs) / total_s:.0f} | {mb_text / total_s:.2f} | {gs['rss_index_mb']:.0f} / "
              f"{gs['rss_query_mb']:.0f} | {gs['disk_mb']:.0f} index + {gs['store_mb']:.0f} store "
              f"| {gs['p50']:.1f} | {gs['p95']:.1f} | {gs['max']:.0f} |")
        if tv:
            print(f"| tantivy + nlpo3 (same segmentation) | {tv['index_s']:.1f} | {len(docs) / tv['index_s']:.0f} "
                  f"| {mb_text / tv['index_s']:.2f} | {tv['rss_mb']:.0f} / - | {tv['disk_mb']:.0f} | {tv['p50']:.1f} "
                  f"| {tv['p95']:.1f} | {tv['max']:.0f} |")
        if fts:
            print(f"| SQLite FTS5 trigram | {fts['index_s']:.1f} | {len(docs) / fts['index_s']:.0f} "
                  f"| {mb_text / fts['index_s']:.2f} | - | {fts['disk_mb']:.0f} | {fts['p50']:.1f} "
                  f"| {fts['p95']:.1f} | {fts['max']:.0f} |")
        if fts or tv:
            print()
            print("matches per query (govsearch / fts5 trigram / tantivy):")
            for key in gs["totals"]:
                print(f"  {key:<60} {gs['totals'][key]:>6} / {(fts or {}).get('totals', {}).get(key, '-'):>6} "
                      f"/ {(tv or {}).get('totals', {}).get(key, '-'):>6}")
        print(f"\ngovsearch import CPU s (both cores): {gs['store_cpu_s']:.0f} store + {gs['index_cpu_s']:.0f} index")
        if tv:
            print(f"tantivy import CPU s: {tv['cpu_s']:.0f}")
            print(f"govsearch / tantivy import time: {total_s / tv['index_s']:.2f}x (CPU: "
                  f"{(gs['store_cpu_s'] + gs['index_cpu_s']) / tv['cpu_s']:.2f}x)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
