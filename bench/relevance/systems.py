"""The systems compared: govsearch and two simple baselines it must beat, over the same articles.

* ``fts5 trigram``: SQLite FTS5 with the trigram tokenizer (substring search); BM25, title 3x.
* ``word tokens``: plain word search: nlpo3 with pythainlp's own dictionary splits documents and
  queries alike, SQLite FTS5 indexes the words; BM25, title 3x.
Each answers ``top(q, k)`` (ranked URLs) and ``matches(q)`` (every matching URL).
"""
from __future__ import annotations

import re
import sqlite3
import time
from functools import lru_cache
from pathlib import Path


class Govsearch:
    """The real engine over a data folder, results cache off."""

    name = "govsearch"

    def __init__(self, data: Path):
        from indexer import SearchEngine, build_params

        self.engine, self.build = SearchEngine(data, cache_size=0), build_params
        self.times: list[float] = []

    def matches(self, q: str) -> set[str]:
        return self.engine.matching_urls(q)

    def top(self, q: str, k: int = 20) -> list[str]:
        t = time.perf_counter()
        r = self.engine.search(self.build(q=q, per_page=k))
        self.times.append((time.perf_counter() - t) * 1000)
        return [h.url for h in r.hits]


def _norm(q: str) -> str:
    from core.normalize import normalize_line

    return normalize_line(q)


class _Fts:
    """An FTS5 table over (title, body) of the articles, text prepared by ``prepare``."""

    tokenize = ""

    def __init__(self, articles: list, path: Path):
        self.db = sqlite3.connect(str(path))
        self.db.executescript(
            "DROP TABLE IF EXISTS d; DROP TABLE IF EXISTS f;"
            "CREATE TABLE d(id INTEGER PRIMARY KEY, url TEXT, title TEXT, body TEXT);"
            f"CREATE VIRTUAL TABLE f USING fts5(title, body, content='d', content_rowid='id', "
            f"tokenize='{self.tokenize}');")
        self.db.executemany("INSERT INTO d VALUES (?,?,?,?)",
                            [(i, a.url, self.prepare(a.title), self.prepare(a.body)) for i, a in enumerate(articles)])
        self.db.execute("INSERT INTO f(rowid, title, body) SELECT id, title, body FROM d")
        self.db.commit()
        self.times: list[float] = []

    def prepare(self, text: str) -> str:
        return text

    def terms(self, q: str) -> list[str]:
        raise NotImplementedError

    def _match(self, q: str) -> str | None:
        terms = self.terms(q)
        return " ".join('"' + t.replace('"', '""') + '"' for t in terms) if terms else None

    def matches(self, q: str) -> set[str]:
        match = self._match(q)
        if not match:
            return set()
        return {r[0] for r in self.db.execute("SELECT d.url FROM f JOIN d ON d.id = f.rowid WHERE f MATCH ?",
                                              (match,))}

    def top(self, q: str, k: int = 20) -> list[str]:
        t = time.perf_counter()
        match = self._match(q)
        rows = self.db.execute("SELECT d.url FROM f JOIN d ON d.id = f.rowid WHERE f MATCH ? "
                               "ORDER BY bm25(f, 3.0, 1.0) LIMIT ?", (match, k)).fetchall() if match else []
        self.times.append((time.perf_counter() - t) * 1000)
        return [r[0] for r in rows]


class Trigram(_Fts):
    """Substrings: every space-separated term of 3+ characters must occur."""

    name = "fts5 trigram"
    tokenize = "trigram"

    def terms(self, q: str) -> list[str]:
        return [t for t in re.split(r'[\s"!“”‘’«»()\[\]#]+', _norm(q)) if len(t) >= 3]


@lru_cache(maxsize=1)
def _plain_dict() -> str:
    import nlpo3
    from importlib.resources import files

    path = files("pythainlp.corpus").joinpath("words_th.txt")
    nlpo3.load_dict(str(path), "plain")
    return "plain"


def plain_tokens(text: str) -> list[str]:
    """Words of pythainlp's own dictionary (nlpo3's newmm), punctuation and spaces dropped."""
    import nlpo3

    return [t for t in nlpo3.segment(_norm(text).lower(), _plain_dict()) if re.search(r"\w", t)]


class WordTokens(_Fts):
    """Whole words: documents and queries split by one plain segmenter, every query word required."""

    name = "word tokens"
    tokenize = "unicode61 remove_diacritics 0"

    def prepare(self, text: str) -> str:
        return " ".join(plain_tokens(text))

    def terms(self, q: str) -> list[str]:
        return [t for t in plain_tokens(q) if not re.fullmatch(r"\W+", t)]
