"""The top of a py-spy profile, as a table: where the samples were (self) and under what (total).

    py-spy record -f raw -r 100 --subprocesses -o build.txt -- python bench/bench_core.py -n 10000 --no-fts --no-tantivy
    python bench/spy_top.py build.txt                 # the 25 functions with most samples of their own
    python bench/spy_top.py build.txt --by total -n 40

py-spy samples the running processes from outside (``pip install -e '.[bench]'``), so unlike
cProfile it does not slow down Python calls and distort their shares. Its raw output has one line
per distinct stack, ``frame;frame;...;frame count``; a frame is ``function (file:line)``. Frames are
grouped by function and file (not line), and a function is counted once per stack for its total.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^():]*)(?::\d+)?\)$")


def _key(frame: str) -> str:
    m = _FRAME.match(frame.strip())
    if not m:
        return frame.strip()
    path = m.group("file")
    short = "/".join(path.split("/")[-2:]) if "site-packages" not in path else path.split("site-packages/")[-1]
    return f"{m.group('func')} ({short})"


def tally(lines) -> tuple[Counter, Counter, int]:
    """Self and total samples per function over py-spy raw ``lines``, and all samples."""
    own, total, n = Counter(), Counter(), 0
    for line in lines:
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack or not count.isdigit():
            continue
        k = int(count)
        n += k
        frames = [_key(f) for f in stack.split(";") if f]
        if not frames:
            continue
        # py-spy prefixes a "process NNN:" frame with --subprocesses: not a function.
        own[frames[-1]] += k
        for f in set(frames):
            if not f.startswith("process "):
                total[f] += k
    return own, total, n


def main() -> None:
    """Print the top of the py-spy profile named on the command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("profile", type=Path, help="py-spy record -f raw output")
    ap.add_argument("-n", type=int, default=25, help="rows (default 25)")
    ap.add_argument("--by", choices=("self", "total"), default="self", help="order of the rows")
    args = ap.parse_args()
    with open(args.profile, encoding="utf-8", errors="replace") as f:
        own, total, n = tally(f)
    if not n:
        raise SystemExit(f"{args.profile}: no samples")
    order = own if args.by == "self" else total
    print(f"{n} samples")
    print("| function | self % | total % |")
    print("|---|---|---|")
    for func, _k in order.most_common(args.n):
        print(f"| {func} | {100 * own[func] / n:.1f} | {100 * total[func] / n:.1f} |")


if __name__ == "__main__":
    main()
