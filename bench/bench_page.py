"""Latency of the whole HTML results page (hits, snippets, agency/year facets, province map,
timeline): the Flask app rendering ``/search`` in-process, results cache off.

    python bench/bench_page.py --data-dir DIR            # an index built by bench_core.py --keep DIR
    python bench/bench_page.py --data-dir DIR --repeat 3

Runs every query of bench/queries.txt (with its filters) ``--repeat`` times after one warm-up pass
and prints p50/p95/max in milliseconds, and the process's resident memory after the run (what one
serving worker holds: the app, the dictionaries, the index version's columns and caches). Works with any checkout's webui (it only asks for /search).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ["GOVSEARCH_RESULTS_CACHE"] = "0"  # measure rendering and searching, not the cache

from bench.corpus import load_queries  # noqa: E402


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """A process's resident memory in MB (Linux; empty elsewhere): ``VmRSS`` (all of it), ``VmHWM``
    (its peak), ``RssAnon`` (its own) and ``RssFile`` (mapped files: the index's memory-mapped
    segments, shared with every other worker through the page cache)."""
    out = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                key, _sep, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                    out[key] = int(rest.split()[0]) / 1024
    except OSError:
        pass
    return out


def memory_line(mem: dict[str, float]) -> str:
    """``memory_mb`` as one line of a report."""
    if not mem:
        return "RSS not measured (no /proc)"
    return (f"RSS {mem['VmRSS']:.0f} MB (own {mem.get('RssAnon', 0):.0f} + mapped files "
            f"{mem.get('RssFile', 0):.0f}; peak {mem.get('VmHWM', 0):.0f})")


def main(argv: list[str] | None = None) -> int:
    """Print the page latency table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    from webui import create_app

    client = create_app(args.data_dir, {"TESTING": True}).test_client()
    queries = [{"q": q, **filters} for q, filters in load_queries()]
    for qs in queries:  # warm-up: dictionary, columns, posting cache
        assert client.get("/search", query_string=qs).status_code in (200, 400)
    times = []
    for _ in range(args.repeat):
        for qs in queries:
            t0 = time.perf_counter()
            resp = client.get("/search", query_string=qs)
            times.append((time.perf_counter() - t0) * 1000)
            assert resp.status_code in (200, 400), (qs, resp.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"{len(queries)} queries x {args.repeat}: page p50 {statistics.median(times):.1f} ms, "
          f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms")
    print(f"worker after the run: {memory_line(memory_mb())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
