"""The segmentation dictionary: pythainlp's words, govsearch's additions, and per index generation
the words it learned from its articles (:class:`Lexicon`).

One :class:`Lexicon` per word list and process; the lexicon text is segmented with is the one
:func:`use_lexicon` set for this thread or task (a search: its index generation's), else the stock one.
"""
from __future__ import annotations

import contextlib
import copy
import contextvars
import functools
import hashlib
import os
import tempfile
import threading
from bisect import bisect_left
from importlib.resources import files
from typing import Iterable, Iterator

from pythainlp.tokenize import newmm

from core.agencies import registry


@functools.lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """The segmentation dictionary: pythainlp's words plus govsearch's own additions."""
    words = set(read_data_lines(files("pythainlp.corpus").joinpath("words_th.txt").read_text("utf-8")))
    words.update(read_data_lines(files("indexer").joinpath("data/custom_words.txt").read_text("utf-8")))
    words.update(_agency_words())
    return frozenset(w for w in words if w)


def read_data_lines(text: str) -> Iterable[str]:
    """The lines of a data file's ``text`` that carry data: stripped, neither blank nor ``#`` comments."""
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
        self._stock_split: str | None = None
        self._words: WordSet | None = None

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
        if self._words is None:
            self._words = WordSet(self.vocabulary)
        return newmm.segment(text, self._words)

    @functools.cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word of the lexicon in one set: one look-up a word, not one per word list."""
        return dictionary_words() | self.learned if self.learned else dictionary_words()

    def segment_runs(self, runs: list[str]) -> list[str]:
        """The words of each of ``runs`` (runs of Thai letters) as :meth:`segment` gives them, a
        ``"\\n"`` item between one run's words and the next's.

        nlpo3 cuts at every character outside the Thai block, so the runs joined by newlines are
        segmented in one call (a paragraph holds dozens of runs: the calls' overhead was a quarter
        of segmenting); the joined result is used only when it holds each newline as an item.
        """
        name = self._nlpo3_name() if len(runs) > 1 else None
        if name:
            import nlpo3

            got = nlpo3.segment("\n".join(runs), name)
            if got.count("\n") == len(runs) - 1:
                return got
        out: list[str] = []
        for i, run in enumerate(runs):
            if i:
                out.append("\n")
            out += self.segment(run)
        return out

    def stock_split(self, word: str) -> list[str]:
        """How the stock dictionary cuts ``word`` (one of ``learned``): ``lexicon().segment(word)``.

        Segmenting a text only ever looks up the dictionary words inside it, so nlpo3 is given just
        the stock words found inside the learned words: the same cuts, without a second copy of the
        whole dictionary in memory (~60 MB in nlpo3) in every process that searches.
        """
        if not self.learned:
            return lexicon().segment(word)
        if self._stock_split is None:
            with self._lock:
                if self._stock_split is None:
                    vocab = dictionary_words()
                    inside = {w[i:j] for w in self.learned for i in range(len(w))
                              for j in range(i + 1, len(w) + 1) if w[i:j] in vocab}
                    self._stock_split = _load_nlpo3(inside, f"{self.key}-stock") or ""
        if self._stock_split and word in self.learned:
            import nlpo3

            return nlpo3.segment(word, self._stock_split)
        return lexicon().segment(word)

    def _nlpo3_name(self) -> str | None:
        """Load the words into nlpo3 once per process; None when nlpo3 is unavailable."""
        if self._nlpo3 is not None:
            return self._nlpo3 or None
        with self._lock:
            if self._nlpo3 is None:
                self._nlpo3 = _load_nlpo3(dictionary_words() | self.learned, self.key) or ""
        return self._nlpo3 or None


def _load_nlpo3(words: Iterable[str], key: str) -> str | None:
    """Load ``words`` into nlpo3 under a name of this process; None when nlpo3 is unavailable."""
    try:
        import nlpo3
    except ImportError:
        return None
    fd, path = tempfile.mkstemp(prefix="govsearch-dict-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("\n".join(sorted(words)))
        name = f"govsearch-{os.getpid()}-{key}"
        _msg, ok = nlpo3.load_dict(path, name)
    finally:
        os.unlink(path)
    return name if ok else None


class WordSet:
    """The part of pythainlp's ``Trie`` that newmm uses (``prefixes``), over a set of words.

    pythainlp's Trie keeps a node object per letter of the dictionary (~60 MB for the stock words);
    this reuses the frozenset already in memory, at about the same speed for single words.
    ``without``: a word to leave out (a word's split into other words must not be itself).
    """

    def __init__(self, words: frozenset[str]):
        self.words = words
        self.without = ""
        self.longest = max(map(len, words), default=0)
        # The first two letters of every longer word: most positions end the search there.
        self.heads = frozenset(w[:2] for w in words if len(w) > 1)

    def excluding(self, word: str) -> "WordSet":
        """The same words without ``word`` (a copy that shares the sets)."""
        other = copy.copy(self)
        other.without = word
        return other

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: str) -> bool:
        return word != self.without and word in self.words

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words that ``text`` holds at ``start``, shortest first (as ``Trie.prefixes``)."""
        words, without = self.words, self.without
        out = []
        w = text[start:start + 1]
        if w in words and w != without:
            out.append(w)
        if text[start:start + 2] not in self.heads:
            return out
        for end in range(start + 2, min(len(text), start + self.longest) + 1):
            w = text[start:end]
            if w in words and w != without:
                out.append(w)
        return out


class PerLexicon:
    """Caches keyed by word, one per lexicon: a server lives through many index generations, so
    only the latest ``lexicons`` keep one, each started afresh past ``max_words`` entries. Threads
    share them (hence the lock on changes; reads and inserts of a dict are atomic)."""

    def __init__(self, max_words: int = 500_000, lexicons: int = 4):
        self.max_words, self.lexicons = max_words, lexicons
        self.caches: dict[str, dict] = {}
        self._lock = threading.Lock()

    def of(self, lex: Lexicon) -> dict:
        """The cache of ``lex`` (a plain dict: callers run it once per word they read)."""
        cache = self.caches.get(lex.key)
        if cache is None or len(cache) > self.max_words:
            with self._lock:
                cache = self.caches.get(lex.key)
                if cache is None or len(cache) > self.max_words:
                    self.caches.pop(lex.key, None)
                    while len(self.caches) >= self.lexicons:
                        del self.caches[next(iter(self.caches))]  # the oldest
                    cache = self.caches[lex.key] = {}
        return cache


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
def use_lexicon(lex: Lexicon) -> Iterator[Lexicon]:
    """Segment with ``lex`` inside the block (this thread or task only)."""
    token = _current.set(lex)
    try:
        yield lex
    finally:
        _current.reset(token)


_memo: contextvars.ContextVar[bool] = contextvars.ContextVar("govsearch_segment_memo", default=False)
RECENT_RUNS = 8192  # runs of Thai letters a searching process remembers the segmentation of
MAX_REMEMBERED = 200  # letters: longer runs are rare in what a page segments (titles, snippet pieces)


@contextlib.contextmanager
def segment_memo() -> Iterator[None]:
    """Inside the block, :func:`segment_once` reuses the segmentation of runs of Thai letters met
    recently in this process (a hit's title and its snippet share runs; popular articles come back
    page after page). A run's words depend on the run and the lexicon alone (its key names its
    words), so nothing remembered can go stale. Outside the block (building an index, where runs
    seldom repeat) every run is segmented afresh."""
    token = _memo.set(True)
    try:
        yield
    finally:
        _memo.reset(token)


def segment_once(lex: Lexicon, run: str) -> list[str]:
    """``lex.segment(run)``, reused inside a :func:`segment_memo` block (do not change the list)."""
    if not _memo.get() or len(run) > MAX_REMEMBERED:
        return lex.segment(run)
    return _recent_segment(lex, run)


@functools.lru_cache(maxsize=RECENT_RUNS)
def _recent_segment(lex: Lexicon, run: str) -> list[str]:
    return lex.segment(run)


@functools.lru_cache(maxsize=1)
def stock_words() -> WordSet:
    """The stock dictionary as newmm's dictionary (see :class:`WordSet`)."""
    return WordSet(dictionary_words())


@functools.lru_cache(maxsize=4)
def _sorted_words(lex: Lexicon) -> tuple[str, ...]:
    return tuple(sorted(dictionary_words() | lex.learned))


def lexicon_words_starting(lex: Lexicon, prefix: str, limit: int = 400) -> list[str]:
    """Words of ``lex`` (stock and learned) longer than ``prefix`` that start with it, in order,
    at most ``limit``: what a word cut by a selection may have been (a sorted list, bisected)."""
    words = _sorted_words(lex)
    out: list[str] = []
    for i in range(bisect_left(words, prefix), len(words)):
        w = words[i]
        if not w.startswith(prefix) or len(out) >= limit:
            break
        if w != prefix:
            out.append(w)
    return out
