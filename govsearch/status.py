"""The one status collector behind `govsearch status`, the status page and /api/status.

It knows the crawl sources in use (the ``--sources`` file when one was given, else the bundled
one), which the web app does not: the app is handed :func:`collector` bound to them.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable

from core.crawlruns import failing_streaks, last_runs, next_runs
from core.paths import store_path
from core.store import Store
from crawler.sources import Source, load_sources
from indexer import index_stats
from webui.status import SourceStatus, Status, StatusCollector


def configured_sources(sources_file: Path | None = None) -> list[Source]:
    """Every source of a sources file (default: the bundled one); raises ConfigError if it is bad."""
    return list(load_sources(sources_file).values())


def collect(data_dir: Path, sources: Iterable[Source] = ()) -> Status:
    """Counts, the index's size and freshness, and per source its last run and the next crawl a
    running scheduler has planned (none when no scheduler runs).

    Runs of sources not among ``sources`` (no longer configured) are kept apart in ``other_runs``.
    An empty data folder gives zeros; the store is not created.
    """
    data_dir = Path(data_dir)
    index = index_stats(data_dir)
    counts = dict(articles=0, store_seq=0, store_updated=None)
    runs: dict[str, dict] = {}
    nexts: dict[str, dict] = {}
    streaks: dict[str, dict] = {}
    by_publisher: dict[str, int] = {}
    agencies: list[tuple[str, int]] = []
    if store_path(data_dir).exists():
        with Store(store_path(data_dir)) as store:
            counts = dict(articles=store.count_articles(), store_seq=store.last_seq(),
                          store_updated=store.last_update())
            runs, nexts, streaks = last_runs(store), next_runs(store), failing_streaks(store)
            by_publisher = store.counts_by("publisher")
            agencies = sorted(store.counts_by("agency").items(), key=lambda kv: -kv[1])
    listed = []
    for src in sources:
        last = runs.pop(src.id, None)
        # Only a running scheduler plans a crawl; it records its own interval (the demo's 300 s,
        # not the sources file's). Without one nothing is due, whatever the file says.
        plan = nexts.get(src.id) or {}
        planned = plan.get("next_run") if not _abandoned(plan) else None
        interval = plan.get("interval_s") if planned and plan.get("interval_s") else src.interval
        listed.append(SourceStatus(
            id=src.id, name=src.name or src.id, agency=src.agency, publisher=src.publisher,
            verified=src.verified, interval_s=interval, articles=by_publisher.get(src.publisher, 0),
            last_run=last, next_crawl=planned, scheduled=bool(planned),
            family=src.family, evidence=src.evidence, crawlable=src.crawlable,
            **streaks.get(src.id, {}),
        ))
    # Verified sources first, then the ones with runs, then by id.
    listed.sort(key=lambda s: (not s.verified, s.last_run is None, s.id))
    return Status(index_docs=index["documents"], index_bytes=index["bytes"], index_generation=index["generation"],
                  index_applied_seq=index["applied_seq"], sources=listed, agencies=agencies, other_runs=runs,
                  **counts)


def collector(data_dir: Path, sources: Iterable[Source]) -> StatusCollector:
    """:func:`collect` bound to a data folder and the sources in use, for ``create_app(status=...)``."""
    chosen = list(sources)
    return lambda: collect(data_dir, chosen)


# A scheduler killed outright (SIGKILL, power loss) leaves its last plan behind. A run that is a
# day later than planned is from a scheduler that no longer runs (a crawl in flight delays the
# record by its own length only, and no crawl is allowed near that long).
_ABANDONED_AFTER = timedelta(days=1)


def _abandoned(plan: dict) -> bool:
    """True when a recorded next run is so overdue that no scheduler can still be behind it."""
    try:
        due = datetime.fromisoformat(plan.get("next_run") or "")
    except ValueError:
        return False
    if due.tzinfo is None:
        due = due.replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc) - due > _ABANDONED_AFTER + timedelta(seconds=plan.get("interval_s") or 0)


def summary_lines(info: dict) -> list[str]:
    """The status document (:func:`collect`'s ``to_json()`` with ``data_dir``) as a few lines for a
    person: counts, the index's freshness, and one line per source that has run or is scheduled."""
    index = info.get("index") or {}
    behind = index.get("behind", 0)
    lines = [f"data: {info.get('data_dir', '')}",
             f"articles: {info.get('articles', 0):,} · index: {index.get('documents', 0):,} documents, "
             f"{index.get('bytes', 0) / 1e6:,.1f} MB, "
             + ("up to date" if not behind else f"{behind:,} store changes not yet indexed")]
    sources = info.get("sources") or []
    ran = [s for s in sources if s.get("last_run") or s.get("next_crawl")]
    lines.append(f"sources: {len(sources)} configured, {len(ran)} crawled or scheduled")
    for s in ran:
        run = s.get("last_run") or {}
        last = (f"{run.get('status', '?')} {_utc(run.get('finished') or run.get('started'))}"
                f" ({run.get('new', 0)} new, {run.get('errors', 0)} errors)") if run else "never run"
        nxt = f" · next {_utc(s['next_crawl'])}" if s.get("next_crawl") else ""
        failing = f" · {s['failed_runs']} failed runs in a row" if s.get("failed_runs") else ""
        lines.append(f"  {s.get('id', '?'):<14} {s.get('articles', 0):>7,} articles · last {last}{nxt}{failing}")
    lines.append("(--json: the whole document, as /api/status)")
    return lines


def _utc(stamp: object) -> str:
    """``2026-12-04T20:41:34+00:00`` as ``2026-12-04 20:41 UTC`` (the store keeps UTC)."""
    return f"{str(stamp or '')[:16].replace('T', ' ')} UTC"
