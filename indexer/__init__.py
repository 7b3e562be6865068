"""Thai text analysis, the search index and the one search function used by the CLI, API and UI.

Other packages import from here only. The engine sits behind :mod:`indexer.interface`: its
searcher side is a :class:`~indexer.interface.SearchBackend` that :class:`SearchEngine` drives,
its writer side the functions below. Everything that imports Whoosh lives in
:mod:`indexer.whoosh_backend`; a second engine (OpenSearch) is a sibling subpackage plus the
few lines that pick it (the writer functions imported here, :class:`SearchEngine`'s default backend).
"""
from indexer.engine import SearchEngine
from indexer.export import COLUMNS, EXPORT_CAP, FORMATS, as_csv, as_jsonl, export_rows
from indexer.highlight import mark, query_words
from indexer.interface import IndexUnavailable, SyncReport
from indexer.params import (MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_INPUT, SORT_ERROR, SORTS, ParamError, SearchParams,
                            build_params)
from indexer.query import MAX_CLAUSES, MAX_QUERY_CHARS, cut_query
from indexer.result import Hit, Notice, SearchDocument, SearchResult
from indexer.results_cache import size_from_env as results_cache_size
from indexer.whoosh_backend import index_stats, pending_changes, rebuild_index, sync_index

__all__ = [
    "SearchEngine", "SearchParams", "SearchResult", "SearchDocument", "Hit", "Notice", "build_params", "ParamError",
    "IndexUnavailable", "SyncReport", "SORTS", "SORT_ERROR", "MAX_PAGE", "MAX_PER_PAGE",
    "sync_index", "rebuild_index", "index_stats", "pending_changes",
    "MAX_QUERY_INPUT", "MAX_QUERY_CHARS", "MAX_CLAUSES", "cut_query", "mark", "query_words",
    "export_rows", "as_csv", "as_jsonl", "EXPORT_CAP", "FORMATS", "COLUMNS", "results_cache_size",
]
