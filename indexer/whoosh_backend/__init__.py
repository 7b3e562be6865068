"""The Whoosh engine: the only package in govsearch that imports whoosh.

The writer side (:class:`indexer.interface.IndexWriterSide`) is this module's functions; the
searcher side is :class:`WhooshBackend`. Modules: ``analysis`` (the Thai tokenizer as a Whoosh
analyzer), ``schema``, ``index`` (generations, sync, rebuild, stats), ``postings`` (posting lists
and columns as arrays), ``phrases`` (positional phrase queries), ``engine`` (the searcher side).
"""
from indexer.whoosh_backend.engine import WhooshBackend
from indexer.whoosh_backend.index import (
    applied_seq, current_generation, index_size, index_stats, open_index, pending_changes, rebuild_index,
    sync_index,
)

__all__ = ["WhooshBackend", "applied_seq", "current_generation", "index_size", "index_stats", "open_index",
           "pending_changes", "rebuild_index", "sync_index"]
