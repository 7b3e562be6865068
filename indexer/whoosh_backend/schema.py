"""The index schema, declared once.

``title`` holds the headline's terms (a title match ranks high); ``text`` holds title and
body. Both hold every word, plus the marked parts of compounds at the compound's position, so a
query for มหาดไทย finds กระทรวงมหาดไทย (and an article with มหาดไทย as a word of its own ranks
higher; a headline "มอบนโยบายผู้ว่าราชการจังหวัด" is a headline about ผู้ว่าราชการ), and the marked
words across two words (ปลัดกระทรวง of ปลัด·กระทรวงมหาดไทย: :mod:`indexer.bridges`). One
field for the body keeps indexing to one pass over its words. The body text itself is not stored
here: the article store has it.
"""
from __future__ import annotations

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from indexer.whoosh_backend.analysis import text_analyzer

SCHEMA_VERSION = 12  # bump when the fields or analyzers change: the index must then be rebuilt


def build_schema(words: tuple[str, ...] = ()) -> Schema:
    """The govsearch index schema; ``words``: learned words the analyzers add to the dictionary."""
    return Schema(
        url=ID(stored=True, unique=True),
        title=TEXT(analyzer=text_analyzer(words), stored=True, phrase=True),
        text=TEXT(analyzer=text_analyzer(words), phrase=True),
        # Day as YYYYMMDD (0 when unknown): sortable column for sorting, ranges and year facets.
        day=NUMERIC(numtype=int, bits=32, stored=True, sortable=True, signed=False),
        agency=ID(stored=True, sortable=True),
        ministry=ID(stored=True, sortable=True),
        publisher=ID(stored=True),
        category=ID(stored=True),
        lang=ID(stored=True),
        # DOPA codes, space-separated: a column read whole into DocTable (province facet and filter).
        provinces=ID(stored=True, sortable=True),
        seq=STORED(),
        # The story group (copies of one release) and the copy's place in it (0: the copy shown).
        story=ID(stored=True, sortable=True),
        story_rank=NUMERIC(numtype=int, bits=32, stored=True, sortable=True, signed=False),
    )
