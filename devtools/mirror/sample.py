"""The articles the mirror serves: records in the corpus format, from the bundled sample or a file."""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from importlib.resources import files
from pathlib import Path


@dataclass
class MirrorArticle:
    """One article as the mirror serves it."""

    id: int
    title: str
    body: str
    date: str  # ISO
    category: str = ""
    lang: str = "th"
    modified: float = 0.0  # epoch seconds; Last-Modified

    @property
    def day(self) -> date:
        return date.fromisoformat(self.date[:10])


def load_sample(path: str | Path | None = None, limit: int | None = None) -> list[dict]:
    """Records (corpus format) from the bundled sample or from a .jsonl[.gz] file."""
    if path is None:
        raw = files("devtools").joinpath("data/sample.jsonl.gz").read_bytes()
        lines = gzip.decompress(raw).decode("utf-8").splitlines()
    else:
        opener = gzip.open if str(path).endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            lines = f.read().splitlines()
    out = [json.loads(line) for line in lines if line.strip()]
    return out[:limit] if limit else out


def article_of(rec: dict) -> MirrorArticle:
    """The mirror article for a record: its thaigov.go.th id, and noon UTC of its day as Last-Modified."""
    aid = int(str(rec.get("id") or rec["url"]).rstrip("/").rsplit("/", 1)[-1])
    d = date.fromisoformat(rec["date"][:10])
    modified = datetime(d.year, d.month, d.day, 12, tzinfo=timezone.utc).timestamp()
    return MirrorArticle(id=aid, title=rec["title"], body=rec["body"], date=rec["date"][:10],
                         category=rec.get("category", ""), lang=rec.get("lang", "th"), modified=modified)
