"""What the crawler keeps about fetching, beside the articles: raw pages, per-URL state, walker
resume state, runs and the scheduler's plan.

These tables live in the article store's database (one file, one migration history in
:mod:`core.store`); :class:`CrawlBook` writes them through the store's connection, so an article
and its crawl state can be committed in one :meth:`core.store.Store.transaction`.
"""
from __future__ import annotations

import json
import sqlite3

from core.crawlruns import run_from_row
from core.store import Store, utcnow

# What a URL's last fetch gave (crawl_state.outcome); list pages have none.
ARTICLE, PLACEHOLDER, DUPLICATE, ERROR = "article", "placeholder", "duplicate", "error"

_STATE_FIELDS = {"etag", "last_modified", "content_hash", "last_status", "last_error", "last_checked",
                 "next_check", "failures", "outcome", "duplicate_of"}


class CrawlBook:
    """The crawl bookkeeping of one store (same connection, same transactions)."""

    def __init__(self, store: Store):
        self.store = store

    # -- raw pages -------------------------------------------------------------------------
    def save_raw(self, url: str, body: bytes, *, status: int | None = None, content_type: str | None = None,
                 encoding: str | None = None, fetched_at: str | None = None) -> None:
        """Keep the fetched bytes of a page, so extraction can be re-run without fetching."""
        with self.store.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO raw_pages(url, fetched_at, status, content_type, encoding, body) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (url, fetched_at or utcnow(), status, content_type, encoding, body),
            )

    def get_raw(self, url: str) -> sqlite3.Row | None:
        """The raw page row for a URL, or None."""
        return self.store.db.execute("SELECT * FROM raw_pages WHERE url=?", (url,)).fetchone()

    # -- per-URL state ---------------------------------------------------------------------
    def get_state(self, url: str) -> dict | None:
        """Conditional-GET state and last outcome of a URL, or None if never fetched."""
        row = self.store.db.execute("SELECT * FROM crawl_state WHERE url=?", (url,)).fetchone()
        return dict(row) if row else None

    def least_recently_checked(self, source: str, limit: int, exclude: set[str] = frozenset()) -> list[str]:
        """Up to ``limit`` stored articles of a source, the longest unchecked first (the rotating
        re-check that finds edits and withdrawals in older articles, not only the newest)."""
        rows = self.store.db.execute(
            "SELECT s.url FROM crawl_state s JOIN articles a ON a.url = s.url WHERE s.source=? "
            "AND s.outcome = 'article' ORDER BY s.last_checked ASC, s.url LIMIT ?",
            (source, limit + len(exclude)))
        return [r[0] for r in rows if r[0] not in exclude][:limit]

    def set_state(self, url: str, source: str, **fields) -> None:
        """Create or update the crawl state of a URL (only the given fields change)."""
        unknown = set(fields) - _STATE_FIELDS
        if unknown:
            raise ValueError(f"unknown crawl_state fields: {sorted(unknown)}")
        with self.store.transaction() as db:
            db.execute("INSERT OR IGNORE INTO crawl_state(url, source) VALUES (?, ?)", (url, source))
            if fields:
                cols = ", ".join(f"{k}=?" for k in fields)
                db.execute(f"UPDATE crawl_state SET {cols}, source=? WHERE url=?", (*fields.values(), source, url))

    # -- walker resume state ---------------------------------------------------------------
    def get_walk(self, source: str, key: str) -> str | None:
        """A walker's saved value for a source (e.g. the next id to try), or None."""
        row = self.store.db.execute("SELECT value FROM crawl_walks WHERE source=? AND key=?",
                                    (source, key)).fetchone()
        return row[0] if row else None

    def set_walk(self, source: str, key: str, value: str) -> None:
        """Save a walker's value for a source."""
        with self.store.transaction() as db:
            db.execute("INSERT OR REPLACE INTO crawl_walks(source, key, value) VALUES (?, ?, ?)",
                       (source, key, value))

    # -- runs ------------------------------------------------------------------------------
    def start_run(self, source: str) -> int:
        """Record the start of a crawl run; returns its id."""
        with self.store.transaction() as db:
            return db.execute("INSERT INTO crawl_runs(source, started) VALUES (?, ?)", (source, utcnow())).lastrowid

    def finish_run(self, run_id: int, *, status: str = "ok", pages: int = 0, new: int = 0, updated: int = 0,
                   unchanged: int = 0, errors: int = 0, error_kinds: dict | None = None,
                   message: str | None = None, skipped: dict | None = None, not_modified: int = 0) -> None:
        """Record the end of a crawl run: its counts, what it skipped on purpose and how many 304s."""
        with self.store.transaction() as db:
            db.execute(
                "UPDATE crawl_runs SET finished=?, status=?, pages=?, new=?, updated=?, unchanged=?, errors=?, "
                "error_kinds=?, message=?, skipped=?, not_modified=? WHERE id=?",
                (utcnow(), status, pages, new, updated, unchanged, errors, json.dumps(error_kinds or {}),
                 message, json.dumps(skipped or {}, ensure_ascii=False), not_modified, run_id),
            )

    def mark_interrupted_runs(self, source: str) -> int:
        """Mark runs of a source still 'running' as 'interrupted' (call while holding its crawl lock)."""
        with self.store.transaction() as db:
            return db.execute(
                "UPDATE crawl_runs SET status='interrupted', finished=COALESCE(finished, ?), "
                "message=COALESCE(message, 'the crawl stopped before it finished (killed?)') "
                "WHERE source=? AND status='running'", (utcnow(), source)).rowcount

    def runs(self, source: str | None = None, limit: int = 20) -> list[dict]:
        """Newest crawl runs first, optionally for one source."""
        sql, args = "SELECT * FROM crawl_runs", ()
        if source:
            sql, args = sql + " WHERE source=?", (source,)
        return [run_from_row(r) for r in self.store.db.execute(sql + " ORDER BY id DESC LIMIT ?", (*args, limit))]

    # -- the scheduler's plan --------------------------------------------------------------
    def set_next_run(self, source: str, next_run: str | None, interval_s: float | None = None) -> None:
        """Record when the scheduler will next crawl a source (ISO UTC), for status pages."""
        with self.store.transaction() as db:
            db.execute("INSERT OR REPLACE INTO crawl_schedule(source, next_run, interval_s, updated) "
                       "VALUES (?, ?, ?, ?)", (source, next_run, interval_s, utcnow()))
