"""Whoosh analyzers for Thai: dictionary words, and words with the parts of compounds and the
words that cross two of them (:mod:`indexer.bridges`).

Defined at module level so that Whoosh can pickle them into the schema, with the words the index
generation learned from its articles (:mod:`indexer.vocabulary`): the generation keeps its
segmentation dictionary with it, its writers (worker processes too) segment documents with it and
its searches segment queries with it.
The text given to them must already be normalised (:func:`core.normalize.normalize`):
the stored text is the normalised text, so the character offsets point at the right letters.
"""
from __future__ import annotations

import functools
import sys

from whoosh.analysis import Token, Tokenizer

from indexer.thai import Lexicon, iter_spans, iter_text, lexicon


class ThaiTokenizer(Tokenizer):
    """Thai-aware tokenizer; ``parts=True`` also emits the (marked) parts of compound words and
    the words across two words (:func:`indexer.thai.iter_text`).
    ``words``: the learned words added to the stock dictionary."""

    def __init__(self, parts: bool = False, words: tuple[str, ...] = ()):
        self.parts = parts
        self.words = tuple(words)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ThaiTokenizer) and other.parts == self.parts and other.words == self.words

    def __getstate__(self) -> dict:
        return {"parts": self.parts, "words": self.words}

    def __setstate__(self, state: dict) -> None:
        self.parts = state.get("parts", False)
        self.words = tuple(state.get("words", ()))

    @property
    def lexicon(self) -> Lexicon:
        """The segmentation dictionary of this index generation."""
        lex = self.__dict__.get("_lex")
        if lex is None:
            lex = self.__dict__["_lex"] = _lexicon_of(self.words)
        return lex

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
        lex = self.lexicon
        if self.parts:
            stream = iter_text(value, lex)
        else:
            stream = ((w, s, e, i) for i, (w, s, e) in enumerate(iter_spans(value, lex)))
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


@functools.lru_cache(maxsize=8)
def _lexicon_of(words: tuple[str, ...]) -> Lexicon:
    # Each index version's schema is unpickled afresh, with a tokenizer of its own: the word list
    # is the same from one sync to the next, and a set of it is not built again for each.
    return lexicon(words)


def text_analyzer(words: tuple[str, ...] = ()) -> ThaiTokenizer:
    """Analyzer for the title and text fields: words, and the marked parts of compounds and bridges."""
    return ThaiTokenizer(parts=True, words=words)


def schema_lexicon(schema) -> Lexicon:
    """The lexicon an index's schema segments with (the stock one for an index without words)."""
    analyzer = schema["text"].analyzer
    return analyzer.lexicon if isinstance(analyzer, ThaiTokenizer) else lexicon()


# An index's schema is pickled with the analyzer's module path: indexes built before this module
# moved into the Whoosh backend name it ``indexer.analysis``. They keep opening without a rebuild.
sys.modules.setdefault("indexer.analysis", sys.modules[__name__])
