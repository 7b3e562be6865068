"""Whoosh analyzers for Thai: dictionary words, and words with the parts of compounds.

Defined at module level and stateless so that Whoosh can pickle them into the schema.
The text given to them must already be normalised (:func:`core.normalize.normalize`):
the stored text is the normalised text, so the character offsets point at the right letters.
"""
from __future__ import annotations

import sys

from whoosh.analysis import Token, Tokenizer

from indexer.thai import iter_spans, iter_text


class ThaiTokenizer(Tokenizer):
    """Thai-aware tokenizer; ``parts=True`` also emits the (marked) parts of compound words."""

    def __init__(self, parts: bool = False):
        self.parts = parts

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ThaiTokenizer) and other.parts == self.parts

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        if self.parts:
            stream = iter_text(value)
        else:
            stream = ((w, s, e, i) for i, (w, s, e) in enumerate(iter_spans(value)))
        for text, start, end, pos in stream:
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = text
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


def word_analyzer() -> ThaiTokenizer:
    """Analyzer for the title: dictionary words only."""
    return ThaiTokenizer(parts=False)


def text_analyzer() -> ThaiTokenizer:
    """Analyzer for the text field: words, and the marked parts of compounds."""
    return ThaiTokenizer(parts=True)


# An index's schema is pickled with the analyzer's module path: indexes built before this module
# moved into the Whoosh backend name it ``indexer.analysis``. They keep opening without a rebuild.
sys.modules.setdefault("indexer.analysis", sys.modules[__name__])
