"""A passage pasted from an article's body, cut mid-word at its ends, finds the article, not a
did-you-mean (indexer/passages.py, else indexer/fallbacks.py: ``_pasted``; issue 10: a query that occurs in an article must
never give 0 hits)."""
from __future__ import annotations

import pytest

from indexer import build_params


@pytest.mark.parametrize("query", [
    "วศึกษา (สอศ.) 46 แห่ง และนายรุ่งโรจน์ รังสิโย",
    "พ.ร.บ.งบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 256",
    "ชอาณาจักรเป็นพื้นที่เฝ้าระวัง (สีเขียว) ทั้งป",
])
def test_a_pasted_passage_cut_mid_word_finds_its_article(engine, query):
    url = next(a.url for a in engine.store().iter_articles() if query in a.body)
    r = engine.search(build_params(q=query))
    assert r.hits and r.hits[0].url == url
    # Found as a passage (its inner words side by side: indexer/passages.py), not as some words.
    assert not r.relaxed and r.did_you_mean is None


@pytest.mark.parametrize("query, typo", [
    ("วศึกษา (สอศ.) 46 แห่ง และนายรุ่งโรจน์ รังสิโย", "แหง"),
    ("ชอาณาจักรเป็นพื้นที่เฝ้าระวัง (สีเขียว) ทั้งป", "สีเขียด"),
])
def test_a_pasted_passage_with_a_typo_gets_some_words_with_its_article_first(engine, query, typo):
    """No article holds it as pasted, so no passage reading is kept: some of its words are."""
    url = next(a.url for a in engine.store().iter_articles() if query in a.body)
    changed = query.replace("แห่ง" if typo == "แหง" else "สีเขียว", typo)
    r = engine.search(build_params(q=changed))
    assert r.relaxed and r.did_you_mean is None and r.hits[0].url == url


def test_a_short_query_with_a_typo_still_gets_a_did_you_mean(engine):
    r = engine.search(build_params(q="กระทรวงมหาดไทบ"))
    assert r.total == 0 and r.did_you_mean
