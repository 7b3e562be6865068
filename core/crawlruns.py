"""Read-only views of the crawl history, for status pages (the crawler writes it).

The web UI and the status collector read the crawl tables of the store here, so that neither
depends on the crawler for what it only shows.
"""
from __future__ import annotations

import json
import sqlite3

from core.store import Store


def run_from_row(row: sqlite3.Row) -> dict:
    """A ``crawl_runs`` row as a dict, ``error_kinds`` and ``skipped`` decoded (kind -> count, reason
    -> count): /api/status and ``govsearch status`` show them as objects, not as JSON inside a string."""
    run = dict(row)
    run["error_kinds"] = json.loads(run["error_kinds"] or "{}")
    run["skipped"] = json.loads(run["skipped"] or "{}")
    return run


def last_runs(store: Store) -> dict[str, dict]:
    """The newest run of each source."""
    rows = store.db.execute(
        "SELECT * FROM crawl_runs WHERE id IN (SELECT MAX(id) FROM crawl_runs GROUP BY source)"
    )
    return {r["source"]: run_from_row(r) for r in rows}


_SUCCESS = ("ok", "partial")


def failing_streaks(store: Store) -> dict[str, dict]:
    """Per source: how many runs in a row have failed since its last success (``failed_runs``)
    and when that success ended (``last_success``, None if it never succeeded)."""
    out: dict[str, dict] = {}
    rows = store.db.execute(
        "SELECT r.source, (SELECT MAX(id) FROM crawl_runs s WHERE s.source = r.source AND s.status IN (?, ?)) "
        "AS ok_id FROM crawl_runs r GROUP BY r.source", _SUCCESS)
    for source, ok_id in rows.fetchall():
        failed = store.db.execute(
            "SELECT COUNT(*) FROM crawl_runs WHERE source=? AND id > ? AND status IN ('error', 'disallowed')",
            (source, ok_id or 0)).fetchone()[0]
        last = store.db.execute("SELECT finished FROM crawl_runs WHERE id=?", (ok_id,)).fetchone() if ok_id else None
        out[source] = {"failed_runs": failed, "last_success": last[0] if last else None}
    return out


def next_runs(store: Store) -> dict[str, dict]:
    """Per source: the scheduler's next run (ISO UTC, None when stopped), its interval and when that was recorded."""
    return {r["source"]: dict(r) for r in store.db.execute("SELECT * FROM crawl_schedule")}


def last_successes(store: Store) -> dict[str, str]:
    """Per source: when its newest run that worked (ok or partial) finished."""
    rows = store.db.execute(
        "SELECT source, MAX(finished) AS finished FROM crawl_runs WHERE status IN ('ok', 'partial') GROUP BY source"
    )
    return {r["source"]: r["finished"] for r in rows if r["finished"]}
