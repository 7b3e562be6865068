"""Every match of a search as rows, for researchers: CSV or JSON Lines (``/api/search?format=csv``,
``govsearch search --format csv``).

The rows come in the engine's order for the search's sort (by relevance: BM25 without the
proximity re-ranking of the first page), at most :data:`EXPORT_CAP`; their fields are read
from the article store a batch at a time, so memory stays flat while the rows stream out.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from typing import Iterator

from core.agencies import registry
from core.provinces import names as province_names
from indexer.engine import SearchEngine
from indexer.params import SearchParams

EXPORT_CAP = 10_000
FORMATS = ("csv", "jsonl")
COLUMNS = ("url", "title", "date", "agency_id", "agency_name", "province_codes", "provinces", "publisher")
_BATCH = 500


def export_rows(engine: SearchEngine, params: SearchParams, cap: int = EXPORT_CAP) -> Iterator[dict]:
    """Up to ``cap`` matches of ``params`` (its page and per_page are ignored) as dicts of COLUMNS.

    The search runs now (so its errors come before any row); the rows are read as they are taken.
    """
    return _rows(engine, engine.match_urls(replace(params, page=1, per_page=cap)))


def _rows(engine: SearchEngine, urls: list[str]) -> Iterator[dict]:
    reg = registry()
    for i in range(0, len(urls), _BATCH):
        chunk = urls[i:i + _BATCH]
        articles = engine.store().get_articles(chunk)
        for url in chunk:
            art = articles.get(url)
            if art is None:  # deleted since the index saw it
                continue
            codes = art.provinces.split()
            yield {"url": art.url, "title": art.title, "date": art.published or "", "agency_id": art.agency,
                   "agency_name": reg.name(art.agency), "province_codes": " ".join(codes),
                   "provinces": " ".join(province_names(codes)), "publisher": art.publisher}


def as_csv(rows: Iterator[dict]) -> Iterator[str]:
    """CSV text in pieces: a UTF-8 byte-order mark (so Excel reads Thai), the header, then rows."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    buf.write("\ufeff")
    writer.writeheader()
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
        if n % 200 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def as_jsonl(rows: Iterator[dict]) -> Iterator[str]:
    """One JSON object per line."""
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"
