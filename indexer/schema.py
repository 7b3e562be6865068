"""The index schema, declared once.

``title`` and ``body`` hold dictionary words (precise, for ranking and phrases); ``fine`` holds
title and body again with the parts of every compound, so a query for มหาดไทย finds
กระทรวงมหาดไทย. The body text itself is not stored here: the article store has it.
"""
from __future__ import annotations

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from indexer.analysis import fine_analyzer, word_analyzer

SCHEMA_VERSION = 1  # bump when the fields or analyzers change: the index must then be rebuilt


def build_schema() -> Schema:
    """The govsearch index schema."""
    return Schema(
        url=ID(stored=True, unique=True),
        title=TEXT(analyzer=word_analyzer(), stored=True, phrase=True),
        body=TEXT(analyzer=word_analyzer(), phrase=True),
        fine=TEXT(analyzer=fine_analyzer(), phrase=True),
        # Day as YYYYMMDD (0 when unknown): sortable column for sorting, ranges and year facets.
        day=NUMERIC(numtype=int, bits=32, stored=True, sortable=True, signed=False),
        agency=ID(stored=True, sortable=True),
        ministry=ID(stored=True, sortable=True),
        publisher=ID(stored=True),
        category=ID(stored=True),
        lang=ID(stored=True),
        seq=STORED(),
    )
