"""Near-duplicate detection on the dev set: pair precision and recall (targets 0.995 / 0.95).

    python -m bench.eval_dedupe                 # the dev set (bench/data/dedupe_dev.jsonl.gz)
    python -m bench.eval_dedupe --simhash       # and a 64-bit SimHash of the same shingles, for comparison
    python -m bench.eval_dedupe --corpus N      # group N corpus articles (0 = all 90,904): groups, cost

Pairs are compared as the store holds articles (normalised text). ``--corpus`` runs the same
LSH and pairwise test as ``govsearch reindex`` over the corpus files, without a store.
"""
from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import time
import zlib
from collections import Counter, defaultdict

import numpy as np

from bench.corpus import REPO, iter_corpus
from core.dedupe import band_keys, close_in_time, lead_of, same_release, signature
from core.grouping import _components
from core.normalize import normalize, normalize_line

DEV = REPO / "bench" / "data" / "dedupe_dev.jsonl.gz"


def _lead(side: dict):
    return lead_of(normalize_line(side["title"]), normalize(side["body"]))


def _simhash(lead) -> int:
    bits = np.zeros(64, dtype=np.int64)
    for g in lead.shingles:
        h = zlib.crc32(g.encode()) | (zlib.adler32(g.encode()) << 32)
        bits += np.where((h >> np.arange(64, dtype=np.uint64).astype(np.int64)) & 1, 1, -1)
    return int(sum(1 << i for i in range(64) if bits[i] > 0))


def _report(name: str, rows: list[tuple[str, bool, bool]]) -> None:
    tp = sum(1 for _k, same, got in rows if same and got)
    fp = sum(1 for _k, same, got in rows if not same and got)
    fn = sum(1 for _k, same, got in rows if same and not got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"{name}: pairs {len(rows)}  precision {precision:.4f}  recall {recall:.4f}  (tp {tp}, fp {fp}, fn {fn})")
    for kind in sorted({k for k, _s, _g in rows}):
        sub = [(s, g) for k, s, g in rows if k == kind]
        right = sum(1 for s, g in sub if s == g)
        print(f"  {kind:10s} {right}/{len(sub)} right")


def dev_set(simhash: bool, show: int) -> None:
    pairs = [json.loads(line) for line in gzip.open(DEV, "rt", encoding="utf-8")]
    rows, sim_rows, wrong = [], [], []
    t_minhash = t_sim = 0.0
    for p in pairs:
        a, b = _lead(p["a"]), _lead(p["b"])
        t0 = time.perf_counter()
        sa, sb = signature(a), signature(b)
        candidate = any(x == y for x, y in zip(band_keys(sa), band_keys(sb)))
        got = candidate and same_release(a, b)
        t_minhash += time.perf_counter() - t0
        rows.append((p["kind"], p["same"], got))
        if got != p["same"]:
            wrong.append(p)
        if simhash:
            t0 = time.perf_counter()
            dist = bin(_simhash(a) ^ _simhash(b)).count("1")
            t_sim += time.perf_counter() - t0
            sim_rows.append((p["kind"], p["same"], dist <= 6))
    _report("minhash-lsh + exact check + markers", rows)
    print(f"  {t_minhash / (2 * len(pairs)) * 1e3:.2f} ms per article (signature, bands, check)")
    if simhash:
        _report("simhash (hamming <= 6)", sim_rows)
        print(f"  {t_sim / (2 * len(pairs)) * 1e3:.2f} ms per article (signature)")
    for p in wrong[:show]:
        print(f"\nWRONG {p['kind']} same={p['same']}\n  {p['a']['url']} {p['a']['title'][:80]}\n"
              f"  {p['b']['url']} {p['b']['title'][:80]}")


def _sig_of(rec: dict) -> tuple[str, bytes]:
    return rec["url"], signature(_lead(rec)).tobytes()


def corpus(limit: int | None, show: int) -> None:
    recs = {r["url"]: r for r in iter_corpus(limit or None)}
    t0 = time.perf_counter()
    buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for url, blob in pool.imap(_sig_of, recs.values(), chunksize=64):
            for b, k in enumerate(band_keys(np.frombuffer(blob, dtype=np.uint32))):
                buckets[(b, k)].append(url)
    t1 = time.perf_counter()
    pairs = {(a, b) for urls in buckets.values() if len(urls) > 1 for i, a in enumerate(urls) for b in urls[i + 1:]}
    leads = {u: _lead(recs[u]) for u in {u for p in pairs for u in p}}
    edges = [(a, b) for a, b in pairs
             if close_in_time(recs[a].get("date"), recs[b].get("date")) and same_release(leads[a], leads[b])]
    t2 = time.perf_counter()
    groups = [g for g in _components(set(recs), edges) if len(g) > 1]
    sizes = Counter(len(g) for g in groups)
    print(f"{len(recs)} articles: {len(groups)} duplicate groups holding {sum(map(len, groups))} articles "
          f"(sizes {dict(sorted(sizes.items()))}); {len(pairs)} candidate pairs, {len(edges)} same-release")
    print(f"signatures {t1 - t0:.1f} s wall on 2 processes ({(t1 - t0) / len(recs) * 1e3:.2f} ms per article), "
          f"checking candidates {t2 - t1:.1f} s")
    for g in sorted(groups, key=len, reverse=True)[:show]:
        print(f"\n{len(g)} copies:")
        for u in g[:6]:
            print(f"  {recs[u]['date']} {u.rsplit('/', 1)[-1]} {recs[u]['title'][:90]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--simhash", action="store_true", help="also score a SimHash baseline")
    ap.add_argument("--corpus", type=int, default=None, metavar="N", help="group N corpus articles (0 = all)")
    ap.add_argument("--show", type=int, default=10, help="wrong pairs (or, with --corpus, largest groups) to print")
    args = ap.parse_args()
    if args.corpus is not None:
        corpus(args.corpus, args.show)
    else:
        dev_set(args.simhash, args.show)


if __name__ == "__main__":
    main()
