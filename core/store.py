"""The article store: SQLite, the source of truth from which the index can always be rebuilt.

One database holds the articles and everything the crawler keeps about fetching them, with one
linear migration history (:mod:`core.migrations`). This module reads and writes the part the index
depends on: ``articles`` (one row per canonical URL), ``changes`` (an append-only log of upserts
and deletes that the index replays) and ``meta`` (schema version and other settings). The crawl
tables (``raw_pages``, ``crawl_state``, ``crawl_walks``, ``crawl_runs``, ``crawl_schedule``) are
defined with them in :mod:`core.migrations`, so that one schema version describes the whole file; the crawler writes them
through :class:`crawler.bookkeeping.CrawlBook`, and status pages read them through
:mod:`core.crawlruns`. WAL mode, every write in a transaction: a crash loses at most the
transaction in flight.
"""
from __future__ import annotations

import hashlib
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from core import grouping
from core.migrations import MIGRATIONS, SCHEMA_VERSION


def utcnow() -> str:
    """Current time as an ISO string in UTC, seconds precision."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def content_hash(title: str, body: str, published: str | None, agency: str) -> str:
    """Hash of what the index shows of an article: equal hashes mean nothing to re-index."""
    h = hashlib.sha256()
    for part in (title, body, published or "", agency):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


@dataclass
class Article:
    """An article as stored: text fields are already normalised."""

    url: str
    title: str = ""
    body: str = ""
    published: str | None = None  # ISO date
    agency: str = ""
    publisher: str = ""
    category: str = ""
    lang: str = "th"
    fetched_at: str = field(default_factory=utcnow)
    content_hash: str = ""
    seq: int = 0
    provinces: str = ""  # DOPA codes, space-separated (core.provinces.extract)
    # The story group (core/grouping.py): the group's id, its issuing agency, 0 for the copy shown.
    story: str = ""
    story_agency: str = ""
    story_rank: int = 0
    # The lead's MinHash when computed ahead (by an import worker); not a column.
    minhash: Any = field(default=None, repr=False, compare=False)
    withdrawn_at: str | None = None  # when the source first answered 404/410 for it (UTC ISO)
    # The agency the source claimed (attribution's hint), kept in agency_hints; not a column.
    agency_hint: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.title, self.body, self.published, self.agency)

    def to_dict(self) -> dict:
        """All stored fields, as the API returns them."""
        out = asdict(self)
        out.pop("minhash")
        out.pop("agency_hint")
        return out


_ARTICLE_COLS = [f for f in Article.__dataclass_fields__ if f not in ("minhash", "agency_hint")]


class Store:
    """The SQLite article store. One instance per thread; cheap to open."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self._depth = 0
        self._lock = threading.RLock()
        self._migrate()

    # -- connection and transactions -------------------------------------------------------
    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one transaction (nested calls join the outer one)."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.db
                finally:
                    self._depth -= 1
                return
            self.db.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            else:
                self.db.execute("COMMIT")
            finally:
                self._depth = 0

    # -- schema and meta ------------------------------------------------------------------
    def _migrate(self) -> None:
        # A store already at this schema is only read here: a reader is never kept waiting by a
        # writer (WAL), so a server thread opening its connection while a re-index writes the
        # store starts at once instead of waiting for the write lock (up to the 30 s timeout).
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError:  # a new store: no meta table yet
            row = None
        if row is not None and int(row[0]) == SCHEMA_VERSION:
            return
        with self.transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise RuntimeError(
                    f"store {self.path} has schema version {version}, newer than this govsearch "
                    f"({SCHEMA_VERSION}): upgrade govsearch"
                )
            for step in MIGRATIONS[version:]:
                for stmt in step.split(";"):
                    if stmt.strip():
                        db.execute(stmt)
            db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )

    @property
    def schema_version(self) -> int:
        """The schema version recorded in the store."""
        return int(self.get_meta("schema_version") or 0)

    def get_meta(self, key: str) -> str | None:
        """A value from the meta table."""
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    # -- articles --------------------------------------------------------------------------
    def upsert_article(self, article: Article) -> str:
        """Insert or update by URL. Returns ``"new"``, ``"updated"`` or ``"unchanged"``.

        An unchanged article (same content hash) is not touched, so it is not re-indexed.
        The article then joins the group of its copies (:func:`core.grouping.place`): other
        members whose group changed are logged too.
        """
        with self.transaction() as db:
            row = db.execute("SELECT content_hash, story FROM articles WHERE url=?", (article.url,)).fetchone()
            if row and row[0] == article.content_hash:  # the hash covers the agency: same claim
                return "unchanged"
            if article.agency_hint:
                db.execute("INSERT OR REPLACE INTO agency_hints(url, agency) VALUES (?, ?)",
                           (article.url, article.agency_hint))
            else:
                db.execute("DELETE FROM agency_hints WHERE url=?", (article.url,))
            db.execute("DELETE FROM claims_unknown WHERE url=?", (article.url,))
            seq = db.execute(
                "INSERT INTO changes(url, op, at) VALUES (?, 'upsert', ?)", (article.url, utcnow())
            ).lastrowid
            article.seq = seq
            # Written as a group of one, which most articles are: settling it then changes nothing,
            # where rewriting the row (its body included) would cost as much again.
            article.story, article.story_agency, article.story_rank = article.url, article.agency, 0
            values = [getattr(article, c) for c in _ARTICLE_COLS]
            db.execute(
                f"INSERT OR REPLACE INTO articles({','.join(_ARTICLE_COLS)}) "
                f"VALUES ({','.join('?' * len(_ARTICLE_COLS))})",
                values,
            )
            if grouping.place(db, article.url, article.title, article.body, article.published, article.minhash,
                              row[1] if row else "", self._log_regrouped, fresh=row is None):
                article.story, article.story_agency, article.story_rank = db.execute(
                    "SELECT story, story_agency, story_rank FROM articles WHERE url=?", (article.url,)).fetchone()
            return "updated" if row else "new"

    def _log_regrouped(self, url: str) -> None:
        """An article's group changed: log it so that the index re-reads it."""
        seq = self.db.execute("INSERT INTO changes(url, op, at) VALUES (?, 'upsert', ?)", (url, utcnow())).lastrowid
        self.db.execute("UPDATE articles SET seq=? WHERE url=?", (seq, url))

    def regroup(self, progress=None) -> int:
        """Recompute every story group from the stored articles (``govsearch reindex``); returns
        how many articles changed group (each logged in the change log)."""
        with self.transaction() as db:
            return grouping.regroup(db, self._log_regrouped, progress=progress)

    def story_copies(self, stories: list[str]) -> dict[str, list[dict]]:
        """``{url, publisher, title, date}`` of the members of each story group, the copy shown
        first, in one query (a results page asks for twenty groups; bodies are not read)."""
        out: dict[str, list[dict]] = {}
        wanted = sorted(set(stories))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            rows = self.db.execute(
                "SELECT story, url, publisher, title, published FROM articles "
                f"WHERE story IN ({','.join('?' * len(chunk))}) ORDER BY story, story_rank, url", chunk)
            for story, url, publisher, title, published in rows:
                out.setdefault(story, []).append(
                    {"url": url, "publisher": publisher, "title": title, "date": published})
        return out

    def set_withdrawn(self, url: str, when: str | None) -> bool:
        """Mark a stored article withdrawn at ``when`` (None: it is back). True when that changed
        anything; the change log then tells the index to drop or restore it."""
        with self.transaction() as db:
            row = db.execute("SELECT withdrawn_at FROM articles WHERE url=?", (url,)).fetchone()
            if row is None or (row[0] is None) == (when is None):
                return False
            seq = db.execute("INSERT INTO changes(url, op, at) VALUES (?, 'upsert', ?)", (url, utcnow())).lastrowid
            db.execute("UPDATE articles SET withdrawn_at=?, seq=? WHERE url=?", (when, seq, url))
            return True

    def delete_article(self, url: str) -> bool:
        """Delete an article by URL; True if it existed. The index drops it on its next sync."""
        with self.transaction() as db:
            row = db.execute("SELECT story FROM articles WHERE url=?", (url,)).fetchone()
            cur = db.execute("DELETE FROM articles WHERE url=?", (url,))
            db.execute("DELETE FROM agency_hints WHERE url=?", (url,))
            if cur.rowcount:
                db.execute("INSERT INTO changes(url, op, at) VALUES (?, 'delete', ?)", (url, utcnow()))
                grouping.remove(db, url, row[0] if row else "", self._log_regrouped)
            return bool(cur.rowcount)

    def get_article(self, url: str) -> Article | None:
        """The stored article for a URL, or None."""
        row = self.db.execute(f"SELECT {','.join(_ARTICLE_COLS)} FROM articles WHERE url=?", (url,)).fetchone()
        return Article(**dict(row)) if row else None

    def get_articles(self, urls: list[str]) -> dict[str, Article]:
        """Several articles by URL at once (missing ones are left out)."""
        out: dict[str, Article] = {}
        for i in range(0, len(urls), 500):
            chunk = urls[i : i + 500]
            rows = self.db.execute(
                f"SELECT {','.join(_ARTICLE_COLS)} FROM articles WHERE url IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for row in rows:
                out[row["url"]] = Article(**dict(row))
        return out

    def get_texts(self, urls: list[str]) -> dict[str, tuple[str, str]]:
        """``(title, body)`` of several articles by URL (missing ones are left out): what a results
        page shows of each hit, without building whole articles."""
        out: dict[str, tuple[str, str]] = {}
        for i in range(0, len(urls), 500):
            chunk = urls[i : i + 500]
            rows = self.db.execute(
                f"SELECT url, title, body FROM articles WHERE url IN ({','.join('?' * len(chunk))})", chunk)
            out.update((url, (title, body)) for url, title, body in rows)
        return out

    def iter_articles(self, batch: int = 1000, after: str = "", upto: str | None = None) -> Iterator[Article]:
        """Every article, in URL order, read in batches (constant memory); only URLs in
        (``after``, ``upto``] when given (a share of the store for one of several workers)."""
        last = after
        bound, args = ("AND url <= ?", (upto,)) if upto is not None else ("", ())
        while True:
            rows = self.db.execute(
                f"SELECT {','.join(_ARTICLE_COLS)} FROM articles WHERE url > ? {bound} ORDER BY url LIMIT ?",
                (last, *args, batch),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield Article(**dict(row))
            last = rows[-1]["url"]

    def url_splits(self, parts: int) -> list[str]:
        """The URLs that cut the articles (in URL order) into ``parts`` shares of equal size:
        ``parts - 1`` of them, each the last URL of its share."""
        total = self.count_articles()
        out = []
        for i in range(1, parts):
            row = self.db.execute("SELECT url FROM articles ORDER BY url LIMIT 1 OFFSET ?",
                                  (max(0, total * i // parts - 1),)).fetchone()
            if row and (not out or row[0] > out[-1]):
                out.append(row[0])
        return out

    def set_provinces(self, values: dict[str, str]) -> None:
        """Store recomputed provinces by URL. Not a change of the article: the change log is left
        alone, so only a rebuild (which reads every article) shows them."""
        with self.transaction() as db:
            db.executemany("UPDATE articles SET provinces=? WHERE url=?", [(v, u) for u, v in values.items()])

    def agency_hints(self) -> dict[str, str]:
        """``url -> agency`` the sources claimed (recorded since schema 7)."""
        return dict(self.db.execute("SELECT url, agency FROM agency_hints").fetchall())

    def claims_unknown(self) -> set[str]:
        """URLs of articles stored before sources' claims were kept (schema 8): whether their
        agency came from the source or from the text is not known."""
        return {r[0] for r in self.db.execute("SELECT url FROM claims_unknown")}

    def set_agencies(self, values: dict[str, str]) -> None:
        """Store re-attributed agencies by URL (``govsearch reattribute``). Each is a change of the
        article: its content hash follows and the change log tells the index to re-read it; the
        story groups of the changed articles are settled again (a group's agency may move)."""
        with self.transaction() as db:
            for url, agency in values.items():
                row = db.execute("SELECT title, body, published FROM articles WHERE url=?", (url,)).fetchone()
                if row is None:
                    continue
                seq = db.execute("INSERT INTO changes(url, op, at) VALUES (?, 'upsert', ?)", (url, utcnow())).lastrowid
                db.execute("UPDATE articles SET agency=?, content_hash=?, seq=? WHERE url=?",
                           (agency, content_hash(row[0], row[1], row[2], agency), seq, url))
            grouping.settle_groups_of(db, set(values), self._log_regrouped, quiet=set(values))

    def count_articles(self) -> int:
        """Number of stored articles."""
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def find_by_hash(self, chash: str) -> str | None:
        """URL of a stored article with this content hash (duplicate detection), or None."""
        row = self.db.execute("SELECT url FROM articles WHERE content_hash=? LIMIT 1", (chash,)).fetchone()
        return row[0] if row else None

    def counts_by(self, column: str) -> dict[str, int]:
        """Article counts grouped by ``agency``, ``publisher``, ``lang`` or ``category``."""
        if column not in {"agency", "publisher", "lang", "category"}:
            raise ValueError(column)
        return {r[0]: r[1] for r in self.db.execute(f"SELECT {column}, COUNT(*) FROM articles GROUP BY {column}")}

    # -- change log (what the index replays) -----------------------------------------------
    def last_seq(self) -> int:
        """Sequence number of the newest change (0 for an empty store)."""
        return self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM changes").fetchone()[0]

    def changes_since(self, seq: int, limit: int = 1000) -> list[tuple[int, str, str]]:
        """``(seq, url, op)`` of changes after ``seq``, oldest first."""
        return [
            tuple(r)
            for r in self.db.execute(
                "SELECT seq, url, op FROM changes WHERE seq > ? ORDER BY seq LIMIT ?", (seq, limit)
            )
        ]

    def last_update(self) -> str | None:
        """When the store last changed."""
        row = self.db.execute("SELECT MAX(at) FROM changes").fetchone()
        return row[0] if row else None
