"""Crawl 2,000 articles from the local mirror (delay 0) with extraction and indexing.

Reads a run of consecutive thaigov.go.th ids from ../shared/corpus (skips cleanly when it is
missing), serves them from devtools.mirror on 127.0.0.1, crawls them with the thaigov adapter
(every page through the polite fetcher, ingest and the store), then applies the change log to
the index. Prints pages/s for each phase and the peak RSS.

Usage: python bench/bench_crawl.py [--n 2000] [--corpus ../shared/corpus/thaigov] [--year 2024]
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
HERE = Path(__file__).resolve().parent.parent


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_run(corpus: Path, year: int, n: int) -> list[dict]:
    """The first ``n`` articles (by id) from the middle of a year: a real run of sequential ids."""
    path = corpus / f"{year}.jsonl.gz"
    recs = [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
    recs = [r for r in recs if r.get("title") and r.get("body")]
    recs.sort(key=lambda r: int(r["url"].rsplit("/", 1)[1]))
    start = max(0, len(recs) // 2 - n // 2)
    return recs[start: start + n]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--year", type=int, default=2024)
    ap.add_argument("--corpus", default=str(HERE.parent / "shared" / "corpus" / "thaigov"))
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not (corpus / f"{args.year}.jsonl.gz").exists():
        print(f"skipped: corpus not found at {corpus} (this benchmark reads ../shared/corpus)")
        return 0
    logging.basicConfig(level=logging.WARNING)

    from crawler.crawl import crawl_source
    from devtools.mirror import Mirror
    from indexer import sync_index
    from crawler.sources import load_sources

    records = load_run(corpus, args.year, args.n)
    ids = [int(r["url"].rsplit("/", 1)[1]) for r in records]
    with Mirror(records) as mirror, tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        src = load_sources(delay=0.0)["thaigov"].with_base_url(mirror.base_url)
        src = src.with_overrides(options={**src.options, "backfill": ids[-1] - ids[0] + 1}, max_pages=0)
        t0 = time.perf_counter()
        stats = crawl_source(src, data_dir, max_pages=0)
        t_crawl = time.perf_counter() - t0
        rss_crawl = peak_rss_mb()
        t1 = time.perf_counter()
        applied = sync_index(data_dir)
        t_index = time.perf_counter() - t1
        rss_all = peak_rss_mb()
        mirror.reset_log()
        t2 = time.perf_counter()
        again = crawl_source(src, data_dir, max_pages=0)
        t_again = time.perf_counter() - t2

    total = t_crawl + t_index
    rows = [
        ("crawl: fetch + extract + store", stats.pages, t_crawl, f"{stats.new} new, {stats.missing} missing ids, "
                                                                  f"{stats.errors} errors"),
        ("index: apply change log", stats.new, t_index, str(applied)),
        ("crawl + index", stats.new, total, "articles/s over both"),
        ("re-crawl, nothing changed", again.pages, t_again, f"{again.not_modified} answered 304"),
    ]
    print(f"\n{len(records):,} real articles ({args.year}, ids {ids[0]}..{ids[-1]}), delay 0, "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    print(f"{'phase':34} {'pages':>7} {'seconds':>8} {'pages/s':>8}  notes")
    for name, pages, secs, note in rows:
        print(f"{name:34} {pages:>7,} {secs:>8.1f} {pages / secs:>8.1f}  {note}")
    print(f"\npeak RSS: {rss_crawl:.0f} MB after the crawl, {rss_all:.0f} MB after indexing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
