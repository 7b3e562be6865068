"""What `govsearch status`, the status page and /api/status report: one collector for all three."""
from __future__ import annotations

from pathlib import Path

from core.store import Store
from core.paths import store_path
from indexer import index_stats


def collect(data: Path) -> dict:
    """Counts, index size and freshness, and per-source crawl runs for a data folder."""
    out: dict = {"data_dir": str(data)}
    if not store_path(data).exists():
        out.update(articles=0, index={"documents": 0, "bytes": 0, "behind": 0}, sources={})
        out["hint"] = "empty: run `govsearch import FILE` or `govsearch crawl`"
        return out
    with Store(store_path(data)) as store:
        out["articles"] = store.count_articles()
        out["last_update"] = store.last_update()
        out["by_agency"] = dict(sorted(store.counts_by("agency").items(), key=lambda kv: -kv[1]))
        last_seq = store.last_seq()
        runs, nexts = store.last_runs(), store.next_runs()
        out["sources"] = {sid: {"last_run": runs.get(sid), "next_run": nexts.get(sid)}
                          for sid in sorted(set(runs) | set(nexts))}
    index = index_stats(data)
    index["behind"] = max(0, last_seq - index.pop("applied_seq"))
    out["index"] = index
    return out
