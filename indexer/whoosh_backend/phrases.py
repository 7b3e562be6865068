"""Positional phrase queries, the one thing matching still asks of Whoosh's query objects."""
from __future__ import annotations

from whoosh import query as Q
from whoosh.query.spans import SpanNear2, SpanOr

from indexer.thai import PART_MARK


def quoted_phrase_query(words: list[str]) -> Q.Query:
    """Positional query for a quoted phrase: its words next to each other in the text, where
    each may also be a part of a compound ("มหาดไทย ประชุม" in "กระทรวงมหาดไทย ประชุม").

    The phrase written as one word ("ผู้ว่าราชการ จังหวัด" = ผู้ว่าราชการจังหวัด) is matched
    separately, from its postings (see :mod:`indexer.ranking`).
    """
    spans = [SpanOr([Q.Term("text", w), Q.Term("text", PART_MARK + w)]) for w in words]
    return SpanNear2(spans, slop=1, ordered=True)
