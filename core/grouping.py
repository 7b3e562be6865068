"""Story groups in the store: copies of one release share ``articles.story``.

Every stored article keeps its MinHash (``dedupe_sigs``) and band keys (``dedupe_bands``, indexed by key),
so a new or changed article finds its candidates with 16 indexed look-ups whatever the store's
size, and the pairs found the same release are kept as edges (``dedupe_edges``). A group is a
connected component of the edges; everything about it is a function of its members, so the order
in which articles arrive never changes the result:

* ``story``: the smallest member URL;
* ``story_agency``: the issuing agency, from the strongest evidence on any copy (a signature line
  on one copy settles it for all);
* ``story_rank``: 0 for the copy shown (on the issuing agency's own site when there is one, else
  the earliest), then the others in that order.

A member whose group fields change is logged in the change log, so the index re-reads it.
"""
from __future__ import annotations

import functools
import multiprocessing
import os
import sqlite3
from collections import Counter, defaultdict
from typing import Callable, Iterable
from urllib.parse import urlsplit

import numpy as np

from core.agencies import registry
from core.priority import worker_started
from core.attribution import attribute
from core.dedupe import Lead, band_keys, close_in_time, lead_of, lead_text, same_release, signature, signatures

Log = Callable[[str], None]
_STRENGTH = {"hint": 3, "signature": 3, "title": 2, "publisher": 1}
_COLS = "url, title, body, published, agency, publisher, story, story_agency, story_rank"
_KEYS = "url, published, agency, publisher, story, story_agency, story_rank"  # all a group of one needs


def _in(db: sqlite3.Connection, sql: str, values: list, extra: tuple = ()) -> list[sqlite3.Row]:
    """``sql`` with ``IN ({})`` over ``values``, in chunks SQLite accepts."""
    out: list = []
    for i in range(0, len(values), 500):
        chunk = values[i : i + 500]
        out += db.execute(sql.format(",".join("?" * len(chunk))), (*extra, *chunk)).fetchall()
    return out


# Copies and the releases of one series arrive close together: the same recent article is a
# candidate of the next few, and its lead (a pure function of the texts) is built once.
_lead = functools.lru_cache(maxsize=256)(lead_of)


def _forget(db: sqlite3.Connection, url: str) -> None:
    # Bands are indexed by (band, key) only: the stored signature says where this URL's are.
    row = db.execute("SELECT sig FROM dedupe_sigs WHERE url=?", (url,)).fetchone()
    if row is not None:
        keys = band_keys(np.frombuffer(row[0], dtype=np.uint32))
        db.executemany("DELETE FROM dedupe_bands WHERE band=? AND key=? AND url=?",
                       [(b, k, url) for b, k in enumerate(keys)])
        db.execute("DELETE FROM dedupe_sigs WHERE url=?", (url,))
    db.execute("DELETE FROM dedupe_edges WHERE a=? OR b=?", (url, url))


def _members(db: sqlite3.Connection, stories: Iterable[str]) -> set[str]:
    stories = [s for s in set(stories) if s]
    return {r[0] for r in _in(db, "SELECT url FROM articles WHERE story IN ({})", stories)}


def settle_groups_of(db: sqlite3.Connection, urls: set[str], log: Log, quiet: set[str] = frozenset()) -> int:
    """Recompute the whole groups that ``urls`` belong to (after their agencies changed: a
    group's shown copy and agency may move); returns rows changed."""
    stories = [r[0] for r in _in(db, "SELECT story FROM articles WHERE url IN ({})", sorted(urls))]
    return settle(db, _members(db, stories) | set(urls), log, quiet=quiet)


def place(db: sqlite3.Connection, url: str, title: str, body: str, published: str | None,
          sig: np.ndarray | None, old_story: str, log: Log, fresh: bool = False) -> bool:
    """(Re)place a just-written article in its group; logs every *other* member whose group changed.
    ``fresh``: the URL was not stored before, so it has no fingerprints to forget (deleting an
    article forgets them). The article must have been written as a group of one (story = url,
    story_agency = agency, story_rank 0); returns False when it stays one (nothing was changed),
    True when its group was settled (its row may have changed)."""
    if not fresh:
        _forget(db, url)
    # The lead is only compared when there are candidates: an import worker already made the
    # signature, and most articles have no copy, so building the lead here would be wasted.
    lead = lead_of(title, body) if sig is None else None
    sig = signature(lead) if sig is None else sig
    keys = band_keys(sig)
    db.execute("INSERT INTO dedupe_sigs(url, sig) VALUES (?, ?)", (url, np.asarray(sig, np.uint32).tobytes()))
    db.executemany("INSERT INTO dedupe_bands(band, key, url) VALUES (?, ?, ?)",
                   [(b, k, url) for b, k in enumerate(keys)])
    where = " OR ".join("(band=? AND key=?)" for _ in keys)
    found = db.execute(f"SELECT DISTINCT url FROM dedupe_bands WHERE {where}",
                       [v for bk in enumerate(keys) for v in bk]).fetchall()
    candidates = [r[0] for r in found if r[0] != url]
    # Most candidates (three in four over the whole corpus) were published months apart: their
    # dates are read first, and texts and leads only for the ones close in time.
    close = [r[0] for r in _in(db, "SELECT url, published FROM articles WHERE url IN ({})", candidates)
             if close_in_time(published, r[1])]
    if close and lead is None:
        lead = _lead(title, body)
    neighbours = [r["url"] for r in _in(db, "SELECT url, title, body FROM articles WHERE url IN ({})", close)
                  if same_release(lead, _lead(r["title"], r["body"]))]
    db.executemany("INSERT OR IGNORE INTO dedupe_edges(a, b) VALUES (?, ?)",
                   [p for n in neighbours for p in ((url, n), (n, url))])
    if not neighbours and not old_story:
        # No copy and no former group: its only edges were just forgotten, so it is the group of
        # one it was written as (most imported articles; settling would read its row to see that).
        return False
    stories = [old_story] + [r[0] for r in _in(db, "SELECT story FROM articles WHERE url IN ({})", neighbours)]
    settle(db, _members(db, stories) | {url}, log, quiet={url})
    return True


def remove(db: sqlite3.Connection, url: str, old_story: str, log: Log) -> None:
    """Take a deleted article out of its group; the copies left behind may split apart."""
    _forget(db, url)
    settle(db, _members(db, [old_story]) - {url}, log)


def _components(urls: set[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    parent = {u: u for u in urls}

    def find(u: str) -> str:
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for a, b in edges:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for u in urls:
        groups[find(u)].append(u)
    return [sorted(g) for g in groups.values()]


def _host_agency(row: sqlite3.Row) -> str | None:
    host = row["publisher"] or (urlsplit(row["url"]).hostname or "")
    return registry().resolve_host(host.lower()) or registry().resolve(host)


def group_fields(rows: list[sqlite3.Row]) -> dict[str, tuple[str, str, int]]:
    """``url -> (story, story_agency, story_rank)`` for the members of one group."""
    if len(rows) == 1:
        r = rows[0]
        return {r["url"]: (r["url"], r["agency"], 0)}
    reg = registry()
    evidence = []
    for r in rows:
        a = attribute(r["title"], r["body"], url=r["url"], publisher=r["publisher"])
        if a.method == "publisher" and a.agency != r["agency"]:
            evidence.append((3, r["agency"]))  # the stored agency came from the source's own hint
        else:
            evidence.append((_STRENGTH.get(a.method, 1), a.agency))
    best = max(s for s, _ in evidence)
    votes = Counter(a for s, a in evidence if s == best)
    agency = min(votes, key=lambda a: (-votes[a], a))

    def order(r: sqlite3.Row) -> tuple:
        host = _host_agency(r)
        own = 0 if host == agency else 1 if host and host == reg.ministry_of(agency) else 2
        return own, r["published"] or "9999", r["url"]

    story = min(r["url"] for r in rows)
    return {r["url"]: (story, agency, i) for i, r in enumerate(sorted(rows, key=order))}


def settle(db: sqlite3.Connection, urls: set[str], log: Log, quiet: set[str] = frozenset()) -> int:
    """Recompute the groups of ``urls`` (whole groups, closed under edges); returns rows changed."""
    if not urls:
        return 0
    ulist = sorted(urls)
    edges = [(r[0], r[1]) for r in _in(db, "SELECT a, b FROM dedupe_edges WHERE a IN ({})", ulist)]
    rows = {r["url"]: r for r in _in(db, f"SELECT {_KEYS} FROM articles WHERE url IN ({{}})", ulist)}
    comps = _components(set(rows), edges)
    # Texts only for groups of several (their agency is weighed on every copy); most are of one.
    grouped = sorted(u for comp in comps if len(comp) > 1 for u in comp)
    rows.update((r["url"], r) for r in _in(db, f"SELECT {_COLS} FROM articles WHERE url IN ({{}})", grouped))
    changed = 0
    for comp in comps:
        for url, fields in group_fields([rows[u] for u in comp]).items():
            r = rows[url]
            if (r["story"], r["story_agency"], r["story_rank"]) == fields:
                continue
            db.execute("UPDATE articles SET story=?, story_agency=?, story_rank=? WHERE url=?", (*fields, url))
            changed += 1
            if url not in quiet:
                log(url)
    return changed


# -- the whole store at once (``govsearch reindex``) ------------------------------------------------

def _sigs_of(items: list[tuple[str, str, str]]) -> list[tuple[str, bytes]]:
    sigs = signatures([lead_text(title, body) for _url, title, body in items])
    return [(item[0], sig.tobytes()) for item, sig in zip(items, sigs)]


def regroup(db: sqlite3.Connection, log: Log, workers: int | None = None,
            progress: Callable[[int], None] | None = None) -> int:
    """Recompute every signature, band, edge and group from the stored articles; returns the
    number of articles whose group fields changed (each logged). Run inside a transaction."""
    for table in ("dedupe_sigs", "dedupe_bands", "dedupe_edges"):
        db.execute(f"DELETE FROM {table}")
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=worker_started) if workers > 1 else None
    buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
    sigs, bands = [], []
    last = ""
    try:
        while True:  # batches read here: the pool's threads must not touch this connection
            batch = [tuple(r) for r in db.execute(
                "SELECT url, title, body FROM articles WHERE url > ? ORDER BY url LIMIT 2000", (last,))]
            if not batch:
                break
            last = batch[-1][0]
            parts = [batch[i : i + 64] for i in range(0, len(batch), 64)]  # signed 64 at once
            for url, blob in (u for p in (pool.map(_sigs_of, parts) if pool else map(_sigs_of, parts)) for u in p):
                sigs.append((url, blob))
                for b, k in enumerate(band_keys(np.frombuffer(blob, dtype=np.uint32))):
                    bands.append((b, k, url))
                    buckets[(b, k)].append(url)
            if progress:
                progress(len(batch))
    finally:
        if pool:
            pool.terminate()
    db.executemany("INSERT INTO dedupe_sigs(url, sig) VALUES (?, ?)", sigs)
    db.executemany("INSERT INTO dedupe_bands(band, key, url) VALUES (?, ?, ?)", bands)
    pairs = {(a, b) for urls in buckets.values() if len(urls) > 1
             for i, a in enumerate(urls) for b in urls[i + 1:]}
    leads: dict[str, Lead] = {}
    dates: dict[str, str | None] = {}
    involved = sorted({u for p in pairs for u in p})
    for r in _in(db, "SELECT url, title, body, published FROM articles WHERE url IN ({})", involved):
        leads[r["url"]] = lead_of(r["title"], r["body"])
        dates[r["url"]] = r["published"]
    edges = [(a, b) for a, b in sorted(pairs)
             if close_in_time(dates[a], dates[b]) and same_release(leads[a], leads[b])]
    db.executemany("INSERT OR IGNORE INTO dedupe_edges(a, b) VALUES (?, ?)",
                   [p for a, b in edges for p in ((a, b), (b, a))])
    # Singletons whose fields are already theirs need no look; everything else is settled.
    stale = {r[0] for r in db.execute(
        "SELECT url FROM articles WHERE story != url OR story_agency != agency OR story_rank != 0")}
    return settle(db, stale | set(involved), log)
