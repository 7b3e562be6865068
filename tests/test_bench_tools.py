"""The benchmark helpers whose figures go into closing notes: they must count what they claim."""
from __future__ import annotations

from bench.bench_scale import copy_of
from bench.spy_top import tally


def test_spy_top_counts_self_at_the_leaf_and_total_once_per_stack():
    raw = [
        "process 7:;main (a/run.py:3);segment (indexer/thai.py:10);segment (indexer/thai.py:12) 5\n",
        "process 7:;main (a/run.py:3);write (b/io.py:4) 2\n",
        "garbage line without a count\n",
    ]
    own, total, n = tally(raw)
    assert n == 7
    assert own["segment (indexer/thai.py)"] == 5 and own["write (b/io.py)"] == 2
    # A recursive (or same-function, other-line) frame counts once in its stack's total.
    assert total["segment (indexer/thai.py)"] == 5
    assert total["main (a/run.py)"] == 7
    assert not any(k.startswith("process ") for k in total)


def test_scale_copies_get_new_urls_and_move_by_whole_spans_of_years():
    doc = {"url": "https://www.thaigov.go.th/news/contents/details/41234", "date": "2020-02-29", "title": "t"}
    first, second = copy_of(doc, 1, 11), copy_of(doc, 2, 11)
    assert len({doc["url"], first["url"], second["url"]}) == 3
    assert first["date"] == "2009-02-28" and second["date"] == "1998-02-28"  # no 29 February in 2009
    assert doc["date"] == "2020-02-29"  # the original is left alone
