"""CPU milliseconds per request of bench_web's request mix, in-process, results cache off.

    python bench/bench_cpu.py --data-dir DIR                          # this checkout, 3 passes
    python bench/bench_cpu.py --data-dir DIR --base ../base --rounds 3  # base vs this, alternated
    python bench/bench_cpu.py --data-dir DIR --bodies out.tsv           # also write each answer's hash

Replays every (endpoint, path) of :func:`bench.bench_web.request_paths` (the queries of
bench/queries.txt with their filters, pages 1-3, ``/search`` and ``/api/search``) through the Flask
test client, after one warm-up pass, and reports the **CPU time** of the serving thread per request
(``time.thread_time``): on a shared machine wall time measures the neighbours, CPU time the code.
Under bench_web's closed-loop load on two cores the latency is mostly queueing, so CPU per request
is what sets throughput and p95.

With ``--base CHECKOUT`` each round runs the base checkout's code and this one's in fresh
processes (order alternating round by round) and prints the two side by side. ``--bodies`` writes
``path<TAB>sha1`` of each answer (``took_ms`` removed from JSON): equal files, equal answers.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_TOOK = re.compile(rb'"took_ms":\s*[0-9.]+')


def measure(data_dir: Path, passes: int, bodies: Path | None) -> dict[str, dict[str, list[float]]]:
    """CPU ms of each request of the mix (endpoint -> path -> one per pass), after a warm-up pass."""
    os.environ["GOVSEARCH_RESULTS_CACHE"] = "0"
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from bench.bench_web import request_paths
    from webui import create_app

    from bench.corpus import load_queries

    cycle = request_paths(0)
    mix = [next(cycle) for _ in range(6 * len(load_queries()))]  # each query, pages 1-3, both endpoints
    client = create_app(data_dir, {"TESTING": True}).test_client()
    headers = {"Accept-Language": "th"}
    hashes = []
    for _endpoint, path in mix:  # warm-up: dictionaries, the index version's columns, templates
        resp = client.get(path, headers=headers)
        if resp.status_code != 200:
            raise SystemExit(f"{path}: {resp.status_code}")
        hashes.append(f"{path}\t{hashlib.sha1(_TOOK.sub(b'', resp.data)).hexdigest()}")
    if bodies:
        bodies.write_text("\n".join(hashes) + "\n", encoding="utf-8")
    out: dict[str, dict[str, list[float]]] = {}
    for _ in range(passes):
        for endpoint, path in mix:
            t0 = time.thread_time()
            client.get(path, headers=headers)
            out.setdefault(endpoint, {}).setdefault(path, []).append((time.thread_time() - t0) * 1000)
    return out


def _child(checkout: Path, data_dir: Path, passes: int) -> dict[str, dict[str, list[float]]]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    proc = subprocess.run([sys.executable, __file__, "--data-dir", str(data_dir), "--passes", str(passes),
                           "--code", str(checkout), "--json"], env=env, capture_output=True, text=True,
                          check=False)
    if proc.returncode:
        raise SystemExit(f"{checkout}: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.splitlines()[-1])


def _table(columns: dict[str, dict[str, dict[str, list[float]]]]) -> str:
    """Per endpoint: requests, mean CPU ms of every run, and the mean over requests of each
    request's fastest run (the least disturbed by neighbours: the steadiest figure to compare)."""
    names = list(columns)
    lines = [f"{'endpoint':<12} {'requests':>8} " + " ".join(f"{n + ' mean':>12} {n + ' best':>12}" for n in names)]
    endpoints = list(next(iter(columns.values())))
    for ep in [*endpoints, "all"]:
        row = []
        n = 0
        for name in names:
            runs = [v for e, paths in columns[name].items() if ep in ("all", e) for v in paths.values()]
            n = len(runs)
            row.append(f"{statistics.fmean(x for r in runs for x in r):>12.2f} "
                       f"{statistics.fmean(min(r) for r in runs):>12.2f}")
        lines.append(f"{ep:<12} {n:>8} " + " ".join(row))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print CPU ms per request, per endpoint (and base vs this checkout with --base)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--passes", type=int, default=3, help="measured passes over the mix per process")
    ap.add_argument("--base", type=Path, help="a base checkout to compare with, run in alternation")
    ap.add_argument("--rounds", type=int, default=3, help="alternated base/this rounds (with --base)")
    ap.add_argument("--bodies", type=Path, help="write path<TAB>sha1 of each answer to this file")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--code", type=Path, default=REPO, help=argparse.SUPPRESS)  # the checkout to import
    args = ap.parse_args(argv)
    if args.base is None:
        sys.path.insert(0, str(args.code))
        result = measure(args.data_dir, args.passes, args.bodies)
        print(json.dumps(result) if args.json else _table({"cpu ms": result}))
        return 0
    totals: dict[str, dict[str, dict[str, list[float]]]] = {"base": {}, "new": {}}
    for r in range(args.rounds):
        order = [("base", args.base), ("new", REPO)]
        for name, checkout in order if r % 2 == 0 else order[::-1]:
            for ep, paths in _child(checkout, args.data_dir, args.passes).items():
                for path, values in paths.items():
                    totals[name].setdefault(ep, {}).setdefault(path, []).extend(values)
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
    print(_table(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
