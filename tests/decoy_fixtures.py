"""Data folders of an article beside a decoy: a long summary holding every word of a query scattered
(the article a fragment was cut from should still come first)."""
from __future__ import annotations

from indexer import SearchEngine, build_params
from indexer.query import parse


def summary_holding(words: list[str], url: str, day: str) -> dict:
    """A long cabinet summary that holds every word of a glued query, far apart: the decoy."""
    return {"url": url, "title": "สรุปข่าวการประชุมคณะรัฐมนตรี", "date": day, "category": "news", "lang": "th",
            "body": " ".join(f"เรื่องที่ {i} {w} อนุมัติโครงการ" for i, w in enumerate(words))}


def first_hit(tmp_path, articles: list[dict], q: str) -> str | None:
    """The URL of the first hit for ``q`` in a data folder of ``articles``."""
    from tests.conftest import data_dir_of

    eng = SearchEngine(data_dir_of(tmp_path, articles), cache_size=0)
    try:
        hits = eng.search(build_params(q=q, per_page=10)).hits
    finally:
        eng.close()
    return hits[0].url if hits else None


def beside_decoy(query: str, url: str, day: str, title: str, body: str) -> list[dict]:
    """An article and a summary that holds every word of ``query`` scattered (the decoy)."""
    words = [w for c in parse(query).clauses for w in c.words]
    return [{"url": url, "date": day, "category": "news", "lang": "th", "title": title, "body": body},
            summary_holding(words, "https://www.thaigov.go.th/news/contents/details/1", day)]
