"""The on-disk index: generations, atomic swaps, incremental sync from the store.

Layout under ``<data>/whoosh/``::

    CURRENT            name of the live generation (replaced atomically)
    gen-<stamp>/       a complete Whoosh index, plus ``applied_seq`` (the store change it reflects);
                       its schema holds the words learned from the store when it was created
                       (:mod:`indexer.vocabulary`), which its documents and queries are segmented with
    sync.lock          held while a writer applies changes or a rebuild swaps in

A rebuild writes a new generation beside the live one and swaps ``CURRENT`` only when it is
complete, so searches keep working and a killed rebuild leaves the live index untouched.
Whoosh's own write lock is an ``flock``: the kernel drops it when a process dies, so a crash
never leaves a stale lock behind.
"""
from __future__ import annotations

import os
import secrets
import shutil
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import EmptyIndexError
from whoosh.writing import IndexWriter

from core.agencies import registry
from core.locks import file_lock
from core.store import Article, Store
from core.paths import index_root, store_path
from indexer.interface import IndexUnavailable, Progress, SyncReport
from indexer.vocabulary import learn
from indexer.whoosh_backend import sidecar
from indexer.whoosh_backend.analysis import schema_lexicon
from indexer.whoosh_backend.bulk import build_all, learn_all, segment_writer
from indexer.whoosh_backend.schema import SCHEMA_VERSION, build_schema
from indexer.whoosh_backend.segments import segment_postings

_CURRENT = "CURRENT"
_APPLIED = "applied_seq"
_SCHEMA_FILE = "schema_version"
_BATCH = 500


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


_REINDEX = "run `govsearch reindex`"


def current_generation(data: Path) -> Path | None:
    """The live generation folder, or None when no index has been built (or CURRENT names a
    folder that is gone: :func:`open_index` tells those apart)."""
    name = _current_name(data)
    gen = index_root(data) / name if name else None
    return gen if gen is not None and gen.is_dir() else None


def _current_name(data: Path) -> str | None:
    try:
        return (index_root(data) / _CURRENT).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def applied_seq(gen: Path) -> int:
    """The store change sequence number a generation reflects."""
    try:
        return int((gen / _APPLIED).read_text().strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def _learned_words(store: Store) -> tuple[str, ...]:
    """The words a new generation learns from the store's searchable articles (a large store's
    shares counted on every core)."""
    if store.count_articles() >= _BULK and _procs() > 1:
        return learn_all(store.path, _procs())
    return tuple(learn((a.title, a.body) for a in store.iter_articles() if not a.withdrawn_at))


def _new_generation(data: Path, words: tuple[str, ...] = ()) -> Path:
    root = index_root(data)
    root.mkdir(parents=True, exist_ok=True)
    # A random part too: a rebuild can start in the same second and process as the live one.
    gen = root / f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"
    gen.mkdir()
    whoosh_index.create_in(str(gen), build_schema(words))
    (gen / _SCHEMA_FILE).write_text(str(SCHEMA_VERSION))
    _atomic_write(gen / _APPLIED, "0")
    return gen


def _swap_in(data: Path, gen: Path) -> None:
    _atomic_write(index_root(data) / _CURRENT, gen.name)


def open_index(data: Path, create: bool = False, store: Store | None = None) -> whoosh_index.Index:
    """Open the live Whoosh index; raises IndexUnavailable when there is none or it is damaged.

    ``create`` (writers only, holding the sync lock) starts an index when none was ever built,
    learning its words from ``store``. A CURRENT naming a missing folder, or a generation missing
    its files, is never replaced by an empty index: searches would silently find nothing.
    """
    gen = current_generation(data)
    if gen is None:
        name = _current_name(data)
        if name is not None:
            raise IndexUnavailable(f"the live index {index_root(data) / name} is missing: {_REINDEX}")
        if not create:
            raise IndexUnavailable(f"no index in {index_root(data)}: {_REINDEX} or `govsearch import`")
        gen = _new_generation(data, _learned_words(store) if store is not None else ())
        _swap_in(data, gen)
    if not (gen / _SCHEMA_FILE).exists():
        raise IndexUnavailable(f"the live index {gen} is damaged (its files are missing): {_REINDEX}")
    version = (gen / _SCHEMA_FILE).read_text().strip()
    if version != str(SCHEMA_VERSION):
        raise IndexUnavailable(
            f"index {gen} was built with schema {version}, this govsearch uses {SCHEMA_VERSION}: "
            f"{_REINDEX}"
        )
    try:
        return whoosh_index.open_dir(str(gen))
    except (OSError, EmptyIndexError, IndexError, ValueError) as e:
        raise IndexUnavailable(f"the live index {gen} is damaged ({type(e).__name__}): {_REINDEX}") from None


def article_fields(article: Article) -> dict:
    """The document the index holds for an article."""
    reg = registry()
    day = int(article.published.replace("-", "")) if article.published else 0
    agency = article.story_agency or article.agency  # every copy counts for the issuing agency
    return {
        "url": article.url,
        "title": article.title,
        "text": f"{article.title}\n{article.body}",
        "day": day,
        "agency": agency,
        "ministry": reg.ministry_of(agency),
        "publisher": article.publisher or "",
        "category": article.category or "",
        "lang": article.lang or "",
        "provinces": article.provinces or "",
        "seq": article.seq,
        "story": article.story or article.url,
        "story_rank": article.story_rank,
    }


def _writer(ix) -> IndexWriter:
    # No compound segment files: Whoosh reads a compound file's postings into memory whole when
    # a searcher opens it (700 MB on the full corpus); plain files are read where needed.
    return segment_writer(ix, limitmb=128, timeout=600, delay=0.25, compound=False)


# At least this many articles into an empty index: learn its words from them first, then build
# it on every core.
_BULK = 2000


def _procs() -> int:
    return max(1, min(_MAX_PROCS, os.cpu_count() or 1))


_MAX_PROCS = 4


def sync_index(data: Path, progress: Progress | None = None) -> SyncReport:
    """Apply the store's changes since the index last saw it; returns what was applied.

    Safe to re-run after a crash at any point: changes are re-applied by URL (idempotent), and
    the applied sequence number is written only after Whoosh has committed.
    """
    report = SyncReport()
    # The lock first, then the live generation: a rebuild swaps generations under this lock,
    # so a sync never writes into a folder that a rebuild has just retired.
    with file_lock(index_root(data) / "sync.lock"), Store(store_path(data)) as store:
        ix = open_index(data, create=True, store=store)
        if ix.is_empty() and not schema_lexicon(ix.schema).learned \
                and store.last_seq() - applied_seq(Path(ix.storage.folder)) > _BULK:
            ix = _relearned(data, ix, store)
        gen = Path(ix.storage.folder)
        since = applied_seq(gen)
        report.applied_seq = since
        if store.last_seq() - since > _BULK and ix.is_empty():
            # A first import: the same as a rebuild from the store as it is now.
            snapshot = store.last_seq()
            report.upserts += build_all(ix, data, article_fields, _procs(), progress)
            since = snapshot
            _atomic_write(gen / _APPLIED, str(since))
            report.applied_seq = since
            ix = whoosh_index.open_dir(str(gen))
        while True:
            pending = store.last_seq() - since
            if pending <= 0:
                break
            with _writer(ix) as writer:
                since = _apply_changes(store, writer, since, report, progress, limit=20_000)
            _atomic_write(gen / _APPLIED, str(since))
            report.applied_seq = since
        sidecar.write_missing(ix, segment_postings)
    return report


def _relearned(data: Path, ix, store: Store):
    """An empty generation (created before the store had articles) replaced by one that learned
    its words from the store; the caller holds the sync lock."""
    words = _learned_words(store)
    if not words:
        return ix
    old = Path(ix.storage.folder)
    gen = _new_generation(data, words)
    _atomic_write(gen / _APPLIED, str(applied_seq(old)))
    _swap_in(data, gen)
    ix.close()
    shutil.rmtree(old, ignore_errors=True)
    return whoosh_index.open_dir(str(gen))


def _apply_changes(store: Store, writer: IndexWriter, since: int, report: SyncReport,
                   progress: Progress | None, limit: int | None) -> int:
    """Feed changes after ``since`` to ``writer``; returns the last sequence number fed."""
    done = 0
    while limit is None or done < limit:
        changes = store.changes_since(since, _BATCH)
        if not changes:
            break
        # Only the newest change of each URL in the batch matters.
        latest: dict[str, str] = {}
        for _seq, url, op in changes:
            latest[url] = op
        articles = store.get_articles([u for u, op in latest.items() if op == "upsert"])
        for url, op in latest.items():
            art = articles.get(url)
            if art is None or art.withdrawn_at:  # deleted (again after this upsert), or withdrawn
                writer.delete_by_term("url", url)
                report.deletes += 1
            else:
                writer.update_document(**article_fields(art))
                report.upserts += 1
        since = changes[-1][0]
        done += len(changes)
        if progress:
            progress(len(changes))
    return since


def rebuild_index(data: Path, progress: Progress | None = None) -> Path:
    """Build a new generation from the whole store and swap it in atomically; returns it.

    Searches use the old generation until the swap. A killed rebuild leaves a partial folder
    that is not live; the next rebuild removes it.
    """
    root = index_root(data)
    with file_lock(root / "rebuild.lock"):
        _remove_stale_generations(data)
        with Store(store_path(data)) as store:
            snapshot = store.last_seq()
            words = _learned_words(store)
            bulk = store.count_articles() >= _BULK
        gen = _new_generation(data, words)
        ix = whoosh_index.open_dir(str(gen))
        if bulk:
            build_all(ix, data, article_fields, _procs(), progress)
        else:
            _build_serial(ix, data, progress)
        _atomic_write(gen / _APPLIED, str(snapshot))
        # Catch up with changes made during the build, then swap under the sync lock so no
        # change lands in the old generation after the catch-up.
        with file_lock(root / "sync.lock"), Store(store_path(data)) as store:
            since = applied_seq(gen)
            if store.last_seq() > since:
                with _writer(ix) as writer:
                    since = _apply_changes(store, writer, since, SyncReport(), None, limit=None)
                _atomic_write(gen / _APPLIED, str(since))
            sidecar.write_missing(ix, segment_postings)  # the catch-up's and a serial build's
            old = current_generation(data)
            _swap_in(data, gen)
        if old and old != gen:
            # Open readers keep their files (POSIX); new searchers follow CURRENT.
            shutil.rmtree(old, ignore_errors=True)
        return gen


def _build_serial(ix, data: Path, progress: Progress | None) -> None:
    writer = _writer(ix)
    with Store(store_path(data)) as store:
        try:
            for art in store.iter_articles():
                if art.withdrawn_at:  # kept in the store, not searchable
                    continue
                writer.add_document(**article_fields(art))
                if progress:
                    progress(1)
        except BaseException:
            writer.cancel()
            raise
    writer.commit()


def _remove_stale_generations(data: Path) -> None:
    live = current_generation(data)
    root = index_root(data)
    for path in root.glob("gen-*"):
        if path.is_dir() and path != live:
            shutil.rmtree(path, ignore_errors=True)


def index_stats(data: Path) -> dict:
    """Live generation name, documents, bytes on disk and last commit time (epoch seconds)."""
    gen = current_generation(data)
    if gen is None:
        return {"generation": None, "documents": 0, "bytes": 0, "last_modified": None, "applied_seq": 0}
    try:
        ix = whoosh_index.open_dir(str(gen))
    except (OSError, EmptyIndexError, IndexError, ValueError):  # damaged: searches say so (503)
        return {"generation": gen.name, "documents": 0, "bytes": index_size(data), "last_modified": None,
                "applied_seq": applied_seq(gen)}
    return {"generation": gen.name, "documents": ix.doc_count(), "bytes": index_size(data),
            "last_modified": ix.last_modified(), "applied_seq": applied_seq(gen)}


def pending_changes(data: Path) -> int:
    """Store changes the live index has not applied yet (all of them when there is no index)."""
    gen = current_generation(data)
    with Store(store_path(data)) as store:
        return max(0, store.last_seq() - (applied_seq(gen) if gen else 0))


def index_size(data: Path) -> int:
    """Bytes on disk of the live generation."""
    gen = current_generation(data)
    if not gen:
        return 0
    return sum(p.stat().st_size for p in gen.iterdir() if p.is_file())
