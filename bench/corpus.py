"""Reading the shared corpus for benchmarks and evaluations (never needed at run time)."""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """``../shared`` beside the checkout (or $GOVSEARCH_SHARED); None when absent."""
    path = Path(os.environ.get("GOVSEARCH_SHARED") or REPO.parent / "shared")
    return path if (path / "corpus" / "thaigov").is_dir() else None


def corpus_files() -> list[Path]:
    """The yearly corpus files, oldest first."""
    shared = shared_dir()
    return sorted((shared / "corpus" / "thaigov").glob("*.jsonl.gz")) if shared else []


def iter_corpus(limit: int | None = None, offset: int = 0) -> Iterator[dict]:
    """Articles spread evenly over all years: every k-th article, up to ``limit`` (None = all).

    ``offset`` shifts the sample (an offset of half a step gives articles disjoint from offset 0).
    """
    files = corpus_files()
    total = 90_904
    step = max(1, total // limit) if limit else 1
    n = 0
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if (i - offset) % step:
                    continue
                yield json.loads(line)
                n += 1
                if limit and n >= limit:
                    return


def load_queries(path: Path | None = None) -> list[tuple[str, dict]]:
    """``(query, filters)`` pairs from bench/queries.txt."""
    path = path or REPO / "bench" / "queries.txt"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        q, _, rest = line.partition("\t")
        filters = dict(kv.split("=", 1) for kv in rest.split() if "=" in kv)
        out.append((q.strip(), filters))
    return out
