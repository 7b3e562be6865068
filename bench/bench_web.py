"""Load test of the web UI and API: 20 concurrent clients on loopback for a bounded time.

    python bench/bench_web.py --data-dir ./index                 # starts `govsearch serve`, 60 s
    python bench/bench_web.py --data-dir ./index --duration 15   # a shorter run
    python bench/bench_web.py --data-dir ./index --reindex       # with `govsearch reindex` rebuilding beside it
    python bench/bench_web.py --url http://127.0.0.1:8000        # against a server already running
    python bench/bench_web.py --data-dir ./index --workers 2 --no-cache --reindex   # issue 15's load row

Each client keeps one HTTP/1.1 connection and loops until the time is up, alternating between
``/search`` (the HTML page) and ``/api/search`` over the queries in bench/queries.txt (with their
filters, and pages 1-3). Prints a table of requests, errors, throughput and p50/p95/p99 latency
per endpoint, then the resident memory of each server process it started. Only 127.0.0.1 is ever
contacted; every loop is bounded by the deadline.
"""
from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.bench_page import memory_line, memory_mb  # noqa: E402
from bench.corpus import load_queries  # noqa: E402

ENDPOINTS = ("/search", "/api/search")
REQUEST_TIMEOUT = 30.0
LOG_DIR = REPO / "bench" / "out"


@dataclass
class Tally:
    """Latencies and errors of one endpoint (one per client thread, merged at the end)."""

    latencies: list[float] = field(default_factory=list)  # of every answered request
    errors: int = 0      # non-200 answers and failed requests
    failures: int = 0    # requests that got no answer (connection error, timeout)
    statuses: dict[int, int] = field(default_factory=dict)

    def merge(self, other: "Tally") -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.failures += other.failures
        for k, v in other.statuses.items():
            self.statuses[k] = self.statuses.get(k, 0) + v


def request_paths(seed: int) -> itertools.cycle:
    """An endless, shuffled cycle of (endpoint, path) pairs over the benchmark queries."""
    rng = random.Random(seed)
    paths = []
    for q, filters in load_queries():
        for page in (1, 2, 3):
            args = [("q", q), *filters.items()] + ([("page", str(page))] if page > 1 else [])
            for ep in ENDPOINTS:
                paths.append((ep, f"{ep}?{urlencode(args)}"))
    rng.shuffle(paths)
    return itertools.cycle(paths)


def client_loop(host: str, port: int, deadline: float, seed: int, out: dict[str, Tally]) -> None:
    """One client: requests back to back on a kept-alive connection until ``deadline``."""
    conn = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT)
    for endpoint, path in request_paths(seed):
        if time.monotonic() >= deadline:
            break
        tally = out.setdefault(endpoint, Tally())
        t0 = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept-Language": "th"})
            resp = conn.getresponse()
            resp.read()
            status = resp.status
        except (OSError, http.client.HTTPException):
            tally.errors += 1
            tally.failures += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT)
            continue
        tally.latencies.append(time.perf_counter() - t0)
        tally.statuses[status] = tally.statuses.get(status, 0) + 1
        if status != 200:
            tally.errors += 1
    conn.close()


def run_load(host: str, port: int, clients: int, duration: float) -> tuple[dict[str, Tally], float]:
    """Run ``clients`` threads for ``duration`` seconds; merged tallies and the real elapsed time."""
    deadline = time.monotonic() + duration
    per_thread: list[dict[str, Tally]] = [{} for _ in range(clients)]
    threads = [threading.Thread(target=client_loop, args=(host, port, deadline, i, per_thread[i]), daemon=True)
               for i in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + REQUEST_TIMEOUT + 5)
    elapsed = time.monotonic() - t0
    merged: dict[str, Tally] = {}
    for tallies in per_thread:
        for ep, tally in tallies.items():
            merged.setdefault(ep, Tally()).merge(tally)
    return merged, elapsed


def _pct(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def report(results: dict[str, Tally], elapsed: float, clients: int) -> str:
    """The results table."""
    lines = [f"{clients} clients, {elapsed:.1f} s",
             f"{'endpoint':<12} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
             f"{'p99 ms':>8} {'max ms':>8}"]
    total = Tally()
    for ep in ENDPOINTS:
        if ep in results:
            total.merge(results[ep])
    for name, tally in [*((ep, results[ep]) for ep in ENDPOINTS if ep in results), ("all", total)]:
        lat = sorted(tally.latencies)
        ms = [x * 1000 for x in lat]
        lines.append(
            f"{name:<12} {len(lat) + tally.failures:>9} "
            f"{tally.errors:>7} {len(lat) / elapsed:>8.1f} {_pct(ms, 50):>8.1f} {_pct(ms, 95):>8.1f} "
            f"{_pct(ms, 99):>8.1f} {(ms[-1] if ms else float('nan')):>8.1f}"
        )
    bad = {k: v for k, v in total.statuses.items() if k != 200}
    if bad:
        lines.append(f"non-200 statuses: {bad}")
    return "\n".join(lines)


def _server_processes(pid: int) -> list[int]:
    """The server process and its descendants (gunicorn's workers), from /proc (Linux)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children", encoding="ascii") as f:
                todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            resp = conn.getresponse()
            if resp.status == 200:
                return
            raise SystemExit(f"server is up but not healthy ({resp.status}): {resp.read()[:500].decode()}")
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not become healthy within {timeout:.0f} s")


REBUILD_WAIT = 900.0  # seconds a re-index may spend recomputing agencies and groups first


def _wait_for_rebuild(proc: subprocess.Popen) -> bool:
    """Wait until ``govsearch reindex`` starts rebuilding (its progress bar says so), the part
    that keeps every core busy: the load is measured beside that, not beside the store passes
    before it. Its output is drained in a thread from then on. False if it ended first."""
    seen = threading.Event()

    def drain() -> None:
        tail = b""
        for chunk in iter(lambda: proc.stderr.read1(4096), b""):
            tail = (tail + chunk)[-64:]
            if b"rebuilding" in tail:
                seen.set()
        seen.set()

    threading.Thread(target=drain, daemon=True).start()
    seen.wait(REBUILD_WAIT)
    return proc.poll() is None


def _govsearch(data_dir: str, *args: str, env: dict | None = None, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1", **(env or {})}
    cmd = [sys.executable, "-m", "govsearch", "--data-dir", data_dir, *args]
    return subprocess.Popen(cmd, env=env, cwd=REPO, **kw)


def main() -> None:
    """Parse arguments, start the server (and a re-index) if asked, run the load, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--data-dir", help="start `govsearch serve` over this data folder")
    where.add_argument("--url", help="an already running server on 127.0.0.1")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    ap.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    ap.add_argument("--threads", type=int, default=8, help="waitress threads when starting the server")
    ap.add_argument("--workers", type=int, default=1, help="server processes when starting the server")
    ap.add_argument("--no-cache", action="store_true",
                    help="start the server with its results cache off (every request searches)")
    ap.add_argument("--reindex", action="store_true", help="run `govsearch reindex` beside the load")
    ap.add_argument("--warmup", type=float, default=5.0, help="seconds of unmeasured load first")
    args = ap.parse_args()
    if not 0 < args.duration <= 3600 or not 0 < args.clients <= 200:
        raise SystemExit("--duration must be in (0, 3600] and --clients in (0, 200]")

    server = None
    if args.url:
        parts = urlsplit(args.url)
        if parts.hostname != "127.0.0.1" or not parts.port:
            raise SystemExit("--url must be http://127.0.0.1:PORT (this benchmark only uses loopback)")
        port = parts.port
    else:
        port = _free_port()
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        log = open(LOG_DIR / "bench_web_serve.log", "wb")  # the server's log, kept out of the table
        server = _govsearch(args.data_dir, "serve", "--host", "127.0.0.1", "--port", str(port),
                            "--threads", str(args.threads), "--workers", str(args.workers),
                            env={"GOVSEARCH_RESULTS_CACHE": "0"} if args.no_cache else None,
                            stdout=log, stderr=subprocess.STDOUT)
    reindex = None
    try:
        _wait_ready(port)
        if args.warmup:
            run_load("127.0.0.1", port, args.clients, args.warmup)
        if args.reindex:
            if not args.data_dir:
                raise SystemExit("--reindex needs --data-dir")
            reindex = _govsearch(args.data_dir, "reindex", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if not _wait_for_rebuild(reindex):
                raise SystemExit("the re-index never reached its rebuild")
        results, elapsed = run_load("127.0.0.1", port, args.clients, args.duration)
        note = ""
        if reindex is not None:
            rc = reindex.poll()
            note = " (re-index running throughout)" if rc is None else f" (re-index finished, exit {rc})"
        setup = (f"{args.workers} worker(s), results cache {'off' if args.no_cache else 'on'}"
                 if server else "a server already running")
        print(f"govsearch web benchmark, {setup}{note}")
        print(report(results, elapsed, args.clients))
        if server is not None:  # the memory each process holds after the load (issue 15: <= 300 MB a worker)
            for pid in _server_processes(server.pid):
                print(f"server process {pid}: {memory_line(memory_mb(pid))}")
    finally:
        for proc in (reindex, server):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()


if __name__ == "__main__":
    main()
