"""The engine's cache of recent results (indexer/results_cache.py) and its setting."""
from __future__ import annotations

import pytest

from indexer.results_cache import ENV, ResultsCache, size_from_env


@pytest.mark.parametrize("raw", ["off", "-1", "1.5", "1e3"])
def test_a_size_that_is_no_whole_number_is_a_clear_error(monkeypatch, raw):
    monkeypatch.setenv(ENV, raw)
    with pytest.raises(ValueError, match=ENV):
        size_from_env()


def test_the_size_comes_from_the_environment_or_defaults(monkeypatch):
    monkeypatch.setenv(ENV, " 0 ")
    assert size_from_env() == 0
    monkeypatch.delenv(ENV)
    assert size_from_env() == 512


def test_a_negative_size_is_refused():
    with pytest.raises(ValueError):
        ResultsCache(-1)


def test_the_least_recently_used_result_is_dropped_first():
    cache: ResultsCache[str] = ResultsCache(2)
    cache.put(("v1", "a"), "A")
    cache.put(("v1", "b"), "B")
    assert cache.get(("v1", "a")) == "A"  # now b is the least recent
    cache.put(("v1", "c"), "C")
    assert cache.get(("v1", "b")) is None and cache.get(("v1", "a")) == "A" and cache.get(("v1", "c")) == "C"


def test_a_new_index_version_drops_the_older_results():
    cache: ResultsCache[str] = ResultsCache(10)
    cache.put(("v1", "a"), "old")
    cache.put(("v2", "a"), "new")
    assert cache.get(("v1", "a")) is None and cache.get(("v2", "a")) == "new"


def test_size_zero_keeps_nothing():
    cache: ResultsCache[str] = ResultsCache(0)
    cache.put(("v1", "a"), "A")
    assert cache.get(("v1", "a")) is None
