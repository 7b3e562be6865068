"""Positional phrase queries, the one thing matching still asks of Whoosh's query objects."""
from __future__ import annotations

from whoosh import query as Q
from whoosh.query.spans import SpanNear2, SpanOr
from whoosh.util import make_binary_tree

from indexer.thai import PART_MARK


def quoted_phrase_query(words: list[str], touching: bool = False) -> Q.Query:
    """Positional query for a quoted phrase: its words next to each other in the text, where
    each may also be a part of a compound ("มหาดไทย ประชุม" in "กระทรวงมหาดไทย ประชุม"). With
    ``touching``, a word may also stand at the same place as the one before it: the parts of one
    compound (ค่า·แรง of ค่าแรง) stand at its place.

    The phrase written as one word ("ผู้ว่าราชการ จังหวัด" = ผู้ว่าราชการจังหวัด) is matched
    separately, from its postings (see :mod:`indexer.ranking`).
    """
    spans = [_EachPlace([Q.Term("text", w), Q.Term("text", PART_MARK + w)]) for w in words]
    return SpanNear2(spans, slop=1, ordered=True, mindist=0 if touching else 1)


class _EachPlace(SpanOr):
    """Whoosh's SpanOr, each place a word stands kept apart.

    SpanOr merges spans that touch: การ at one place and the ~การ of ดำเนินการ at the next become
    one span of two places, and the phrase การ·ดำเนินการ·กำหนด ("ในการดำเนินการกำหนดจัดงาน") then
    finds ดำเนินการ overlapping it instead of next to it, and matches nothing. A word of the phrase
    stands at one place, so its places are the spans.
    """

    def matcher(self, searcher, context=None):
        matchers = [q.matcher(searcher, context) for q in self.subqs]
        return make_binary_tree(_EachPlace._Matcher, matchers)

    class _Matcher(SpanOr.SpanOrMatcher):
        def _get_spans(self):
            a, b = self.a, self.b
            if a.is_active() and b.is_active() and a.id() == b.id():
                return sorted(set(a.spans()) | set(b.spans()))
            if a.is_active() and (not b.is_active() or a.id() < b.id()):
                return a.spans()
            return b.spans()
