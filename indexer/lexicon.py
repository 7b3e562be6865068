"""The segmentation dictionary: pythainlp's words, govsearch's additions, and per index generation
the words it learned from its articles (:class:`Lexicon`).

One :class:`Lexicon` per word list and process; the lexicon text is segmented with is the one
:func:`use_lexicon` set for this thread or task (a search: its index generation's), else the stock one.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import os
import tempfile
import threading
from importlib.resources import files
from typing import Iterable

from pythainlp.tokenize import newmm
from pythainlp.util import Trie

from core.agencies import registry


@functools.lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """The segmentation dictionary: pythainlp's words plus govsearch's own additions."""
    words = set(read_data_lines(files("pythainlp.corpus").joinpath("words_th.txt").read_text("utf-8")))
    words.update(read_data_lines(files("indexer").joinpath("data/custom_words.txt").read_text("utf-8")))
    words.update(_agency_words())
    return frozenset(w for w in words if w)


def read_data_lines(text: str) -> Iterable[str]:
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _agency_words() -> Iterable[str]:
    for agency in registry():
        yield from agency.name_th.split()
        # "สป.มท." is segmented at its dots anyway; a dot-free abbreviation is one word.
        for part in agency.abbr_th.split("."):
            if len(part) >= 2:
                yield part


class Lexicon:
    """The segmentation dictionary of one index generation: the stock words plus ``learned``.

    Equal word lists give equal lexicons (one per process: :func:`lexicon`), so caches keyed by a
    lexicon are shared by every index built with the same words.
    """

    def __init__(self, learned: frozenset[str]):
        self.learned = learned
        self.key = hashlib.sha1("\n".join(sorted(learned)).encode()).hexdigest()[:16] if learned else "base"
        self._lock = threading.Lock()
        self._nlpo3: str | None = None
        self.stock_trie: Trie | None = None

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lexicon) and other.key == self.key

    def __contains__(self, word: str) -> bool:
        return word in self.learned or word in dictionary_words()

    def segment(self, text: str) -> list[str]:
        """Dictionary words of a run of Thai letters (nlpo3; pythainlp's newmm without it)."""
        name = self._nlpo3_name()
        if name:
            import nlpo3

            return nlpo3.segment(text, name)
        if self.stock_trie is None:
            self.stock_trie = Trie(dictionary_words() | self.learned)
        return newmm.segment(text, self.stock_trie)

    def _nlpo3_name(self) -> str | None:
        """Load the words into nlpo3 once per process; None when nlpo3 is unavailable."""
        if self._nlpo3 is not None:
            return self._nlpo3 or None
        with self._lock:
            if self._nlpo3 is None:
                try:
                    import nlpo3
                except ImportError:
                    self._nlpo3 = ""
                    return None
                fd, path = tempfile.mkstemp(prefix="govsearch-dict-", suffix=".txt")
                try:
                    with os.fdopen(fd, "w", encoding="utf-8") as f:
                        f.write("\n".join(sorted(dictionary_words() | self.learned)))
                    name = f"govsearch-{os.getpid()}-{self.key}"
                    _msg, ok = nlpo3.load_dict(path, name)
                finally:
                    os.unlink(path)
                self._nlpo3 = name if ok else ""
        return self._nlpo3 or None


_lexicons: dict[frozenset[str], Lexicon] = {}
_lexicons_lock = threading.Lock()


def lexicon(learned: Iterable[str] = ()) -> Lexicon:
    """The lexicon of the stock dictionary plus ``learned`` words (one object per word list)."""
    words = frozenset(w for w in learned if w)
    with _lexicons_lock:
        lex = _lexicons.get(words)
        if lex is None:
            lex = _lexicons[words] = Lexicon(words)
        return lex


_current: contextvars.ContextVar[Lexicon | None] = contextvars.ContextVar("govsearch_lexicon", default=None)


def current_lexicon() -> Lexicon:
    """The lexicon text is segmented with here: the one :func:`use_lexicon` set, else the stock one."""
    return _current.get() or lexicon()


@contextlib.contextmanager
def use_lexicon(lex: Lexicon):
    """Segment with ``lex`` inside the block (this thread or task only)."""
    token = _current.set(lex)
    try:
        yield lex
    finally:
        _current.reset(token)


@functools.lru_cache(maxsize=1)
def stock_trie() -> Trie:
    return Trie(dictionary_words())
