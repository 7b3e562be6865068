"""``govsearch import``: JSON Lines (optionally gzipped) into the store.

One article per line: ``url`` (required), ``title``, ``body``, ``date`` (ISO or a Thai date),
``agency`` (id, Thai name, abbreviation or domain; attributed from the text when absent),
``category``, ``lang``. Upserts by URL. A bad line is reported with its number and reason and
skipped; everything else is imported.
"""
from __future__ import annotations

import gzip
import io
import json
import multiprocessing
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from core.ingest import Record, RecordError, make_article, sign_articles
from core.priority import worker_started
from core.store import Store

# Articles per transaction: a kill loses at most one batch, which a re-run redoes. Each new URL
# inserts 16 band keys at random places of the fingerprint index (core/grouping.py), so a commit
# writes nearly every page of that index to the WAL whatever the batch: fewer, larger batches
# write each page fewer times.
_BATCH = 2000
_CHUNK = 32  # records a worker makes at a time (their MinHashes are computed together)


@dataclass
class ImportReport:
    """Counts and problems of one import."""

    lines: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, reason)
    warnings: list[tuple[str, int, str]] = field(default_factory=list)


def _open(path: Path) -> io.BufferedIOBase:
    with open(path, "rb") as f:
        magic = f.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")


# Lines end as in a file read as text: at "\n", "\r\n" or a lone "\r".
_ENDS = re.compile(rb"\r\n|\r|\n")


def read_lines(path: Path, report: ImportReport) -> Iterator[tuple[int, bytes]]:
    """Numbered lines of one file, not decoded (workers decode and parse them: the writer's
    process has the SQLite work to itself); lines of ASCII spaces are left out, an unreadable
    file or tail goes to ``report.skipped``."""
    try:
        f = _open(path)
    except OSError as e:
        report.skipped.append((str(path), 0, f"cannot open: {e.strerror or e}"))
        return
    with f:
        lineno = 0
        while True:
            try:
                raw = f.readline()
            except (OSError, EOFError) as e:  # a truncated .gz ends the file, not the import
                report.skipped.append((str(path), lineno + 1, f"unreadable from here on: {e}"))
                return
            if not raw:
                return
            pieces = _ENDS.split(raw) if b"\r" in raw else [raw]
            if len(pieces) > 1 and not pieces[-1]:
                pieces.pop()  # what follows the last line end
            for line in pieces:
                lineno += 1
                if line.strip():
                    yield lineno, line


def parse_line(line: bytes) -> Record | str | None:
    """One JSON Lines line as a Record; the reason when it is not one; None for a blank line
    (spaces only, once decoded)."""
    text = line.decode("utf-8", errors="replace")
    if not text.strip():
        return None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        return f"not valid JSON ({e.msg} at column {e.colno})"
    if not isinstance(obj, dict):
        return "not a JSON object"
    bad = [k for k in ("url", "title", "body", "date", "agency", "category", "lang")
           if obj.get(k) is not None and not isinstance(obj[k], str)]
    if bad:
        return f"fields must be strings: {', '.join(bad)}"
    return Record(
        url=obj.get("url") or "",
        title=obj.get("title") or "",
        body=obj.get("body") or "",
        date=obj.get("date"),
        agency=obj.get("agency"),
        publisher=obj.get("publisher") or obj.get("site"),
        category=obj.get("category") or "",
        lang=obj.get("lang"),
    )


def _make(item: tuple[int, bytes]) -> tuple[int, object, list[str] | str | None]:
    """Worker side: one line -> (line, article, warnings), (line, None, reason) or, for a blank
    line, (line, None, None); the article's MinHash is left to :func:`_make_many`."""
    lineno, line = item
    rec = parse_line(line)
    if not isinstance(rec, Record):
        return lineno, None, rec
    try:
        article, warnings = make_article(rec, sign=False)
    except RecordError as e:
        return lineno, None, str(e)
    return lineno, article, warnings


def _make_many(items: list[tuple[int, bytes]]) -> list[tuple[int, object, list[str] | str | None]]:
    """Worker side: :func:`_make` over a chunk, then the chunk's MinHashes at once."""
    out = [_make(item) for item in items]
    sign_articles([article for _, article, _ in out if article is not None])
    return out


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def import_files(store: Store, paths: list[Path], progress: Callable[[int], None] | None = None,
                 workers: int | None = None) -> ImportReport:
    """Import JSON Lines files into the store (not the index: run :func:`indexer.sync_index`).

    Normalising and attributing articles is CPU work, done by ``workers`` processes (default: up
    to 2) while this process writes to SQLite in batches.
    """
    report = ImportReport()
    # A page cache of 64 MB while importing (SQLite's default is 2 MB): the fingerprint indexes
    # (core/grouping.py) take random inserts and look-ups all over; durability is unchanged.
    cache = store.db.execute("PRAGMA cache_size").fetchone()[0]
    store.db.execute("PRAGMA cache_size=-65536")
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    pool = None
    try:
        if workers > 1:
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=worker_started)
        for path in paths:
            chunks = _chunks(read_lines(Path(path), report), _CHUNK)
            made = (m for ms in (pool.imap(_make_many, chunks) if pool else map(_make_many, chunks)) for m in ms)
            batch = []
            for lineno, article, info in made:
                if info is None:
                    continue  # blank once decoded: not a line of the count
                report.lines += 1
                if article is None:
                    report.skipped.append((str(path), lineno, str(info)))
                    continue
                report.warnings.extend((str(path), lineno, w) for w in info)
                batch.append(article)
                if len(batch) >= _BATCH:
                    _write(store, batch, report)
                    if progress:
                        progress(len(batch))
                    batch = []
            if batch:
                _write(store, batch, report)
                if progress:
                    progress(len(batch))
    finally:
        if pool:
            pool.terminate()
        store.db.execute(f"PRAGMA cache_size={int(cache)}")
    report.skipped.sort(key=lambda s: (s[0], s[1]))
    return report


def _write(store: Store, batch: list, report: ImportReport) -> None:
    with store.transaction():
        for article in batch:
            outcome = store.upsert_article(article)
            setattr(report, outcome, getattr(report, outcome) + 1)
