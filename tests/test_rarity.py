"""How rare a word is, read with another spelling (indexer/ranking.py): กทม typed for
กรุงเทพมหานคร is as rare as the articles holding either, each article counted once."""
from __future__ import annotations

import numpy as np

from indexer.ranking import Ranker

N = 10


class Postings:
    """A TermSource of ``N`` one-word documents held in memory: term -> the documents holding it."""

    def __init__(self, text: dict[str, list[int]]):
        self.text = text
        self.n = self.doc_count = N
        self.live = np.ones(N, dtype=bool)
        self.lengths = {"title": np.ones(N, dtype=np.int32), "text": np.ones(N, dtype=np.int32)}
        self.avg = {"title": 1.0, "text": 1.0}

    def postings(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        ids = self.text.get(text, []) if field == "text" else []
        return np.array(ids, dtype=np.int64), np.ones(len(ids), dtype=np.float32)

    def phrase_docs(self, words: list[str]) -> np.ndarray:
        return np.array([], dtype=np.int64)

    def held(self, field: str, text: str) -> bool:
        return field == "text" and bool(self.text.get(text))


def test_an_article_with_both_spellings_counts_once_for_rarity():
    # กทม in articles 0 and 1, กรุงเทพมหานคร in 0, 1 and 2: three articles hold either spelling.
    terms = Postings({"กทม": [0, 1], "กรุงเทพมหานคร": [0, 1, 2], "สาม": [0, 1, 2]})
    ranker = Ranker(terms)
    synonym = ranker.word("กทม", same_as="กรุงเทพมหานคร").scores[0]
    as_rare = ranker.word("สาม").scores[0]  # a word held by three articles
    assert np.isclose(synonym, as_rare)


def test_a_spelling_no_article_holds_changes_nothing():
    terms = Postings({"กทม": [0, 1]})
    ranker = Ranker(terms)
    assert np.isclose(ranker.word("กทม", same_as="กรุงเทพมหานคร").scores[0], ranker.word("กทม").scores[0])
