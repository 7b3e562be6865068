"""Regression guards for search quality on real articles (the full figures: bench/eval_relevance.py)."""
from __future__ import annotations

import re

import pytest

from indexer import build_params


def reciprocal_rank(engine, query: str, url: str) -> float:
    hits = engine.search(build_params(q=query, per_page=10)).hits
    return next((1 / i for i, h in enumerate(hits, start=1) if h.url == url), 0.0)


@pytest.fixture(scope="module")
def headlines(engine):
    arts = [a for a in engine.store().iter_articles() if len(a.title.split()) >= 2]
    return [(a.title, a.url) for a in arts if re.search("[\u0e01-\u0e4e]", a.title)]


@pytest.mark.parametrize("way", ["printed", "no spaces", "quoted"])
def test_known_item_headlines_come_first(engine, headlines, way):
    queries = {
        "printed": lambda t: " ".join(t.split()[:4]),
        "no spaces": lambda t: "".join(t.split()[:4]),
        "quoted": lambda t: '"' + " ".join(t.split()[:4]) + '"!',
    }[way]
    mrr = sum(reciprocal_rank(engine, queries(t), u) for t, u in headlines) / len(headlines)
    assert mrr >= 0.95, mrr


@pytest.mark.parametrize("word", ["มหาดไทย", "ผู้ว่าราชการ", "เศรษฐกิจ", "ข้าราชการ", "งบประมาณ", "ไวรัส"])
def test_every_article_containing_the_word_is_found(engine, word):
    truth = {a.url for a in engine.store().iter_articles() if word in f"{a.title}\n{a.body}"}
    if not truth:
        pytest.skip(f"no core article contains {word}")
    assert engine.matching_urls(word) >= truth
