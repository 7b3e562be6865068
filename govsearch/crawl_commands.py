"""``govsearch crawl`` and ``govsearch schedule`` (registered on the main CLI group).

This is where a crawl is wired to the index: the crawler only calls back once articles changed.
"""
from __future__ import annotations

import logging
import signal
import sys
import threading
from pathlib import Path
from typing import Callable

import click

log = logging.getLogger(__name__)


def index_updater(data_dir: Path) -> Callable[[], object]:
    """A callback that applies the store's change log to the index of ``data_dir`` (incremental)."""
    def update():
        from indexer import sync_index

        applied = sync_index(data_dir)
        log.info("index updated: %s", applied)
        return applied

    return update


contact_option = click.option(
    "--contact", envvar="GOVSEARCH_CONTACT", default=None, metavar="URL-OR-EMAIL",
    help="Your web page about the crawl, or an email address, named in the User-Agent so that site "
         "operators can reach you (default: $GOVSEARCH_CONTACT, else sources.toml's contact, else none).")


def _sources(names: tuple[str, ...], sources_file: Path | None, base_url: str | None, delay: float | None,
             contact: str | None = None):
    from crawler.errors import ConfigError
    from crawler.sources import default_sources, get_source, load_sources

    overrides: dict = {"delay": delay} if delay is not None else {}
    if contact:
        overrides["contact"] = contact
    try:
        known = load_sources(sources_file, **overrides)
        chosen = [get_source(known, n) for n in names] if names else default_sources(known)
        if base_url:
            # Each source keeps its own paths, so one mirror root can stand in for several sites.
            chosen = [s.with_base_url(base_url) for s in chosen]
    except ConfigError as e:
        raise click.ClickException(str(e)) from None
    return chosen


def _logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    quiet_libraries()


def quiet_libraries() -> None:
    """Keep libraries' routine INFO lines (APScheduler logs every job it runs) out of the log."""
    for name in ("urllib3", "apscheduler"):
        logging.getLogger(name).setLevel(logging.WARNING)


@click.command()
@click.argument("source", nargs=-1)
@click.option("--base-url", help="Fetch the source from this mirror / local copy with the same layout.")
@click.option("--max-pages", type=int, default=None, help="Stop each source after N requests (the next run continues).")
@click.option("--delay", type=float, default=None, help="Seconds between requests to one host (default from sources.toml: 2).")
@click.option("--sources", "sources_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A sources TOML file instead of the bundled one.")
@click.option("--no-index", is_flag=True, help="Only fill the store; index later.")
@contact_option
@click.option("-v", "--verbose", is_flag=True)
@click.pass_context
def crawl(ctx: click.Context, source: tuple[str, ...], base_url: str | None, max_pages: int | None,
          delay: float | None, sources_file: Path | None, no_index: bool, contact: str | None,
          verbose: bool) -> None:
    """Crawl SOURCE... (default: every verified source) into the store, then update the index.

    Sources with no public evidence of their layout are skipped with a message.

    \b
    Examples:
      govsearch crawl moj --contact https://example.org/news-search/crawler
      govsearch crawl moi --base-url http://127.0.0.1:8001 --max-pages 50
    """
    from crawler.crawl import crawl as run_crawl

    _logging(verbose)
    data_dir: Path = ctx.obj["data_dir"]
    chosen = _sources(source, sources_file, base_url, delay, contact)
    if not chosen:
        raise click.ClickException("no source is marked verified = true yet, so there is nothing to crawl by "
                                   "default: name the sources (`govsearch sources` lists them; "
                                   "`govsearch sources check NAME` checks one against the live site)")
    stop = threading.Event()

    def on_signal(signum, _frame) -> None:
        log.info("received %s: stopping after the current article", signal.Signals(signum).name)
        stop.set()

    # Only while crawling: the handlers a caller had (a test runner, say) come back afterwards.
    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        results = run_crawl(chosen, data_dir, max_pages=max_pages,
                            after_changes=None if no_index else index_updater(data_dir), stop=stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    for r in results:
        click.echo(r.summary())
    if stop.is_set():
        log.info("crawl stopped; the next run continues where this one ended")
    if any(r.status in ("error", "disallowed") for r in results):
        sys.exit(1)


@click.command()
@click.argument("source", nargs=-1)
@click.option("--base-url", help="Fetch the sources from this mirror (same paths as the real sites).")
@click.option("--max-pages", type=int, default=None, help="Page limit per run.")
@click.option("--delay", type=float, default=None, help="Seconds between requests to one host (default from sources.toml: 2).")
@click.option("--sources", "sources_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-index", is_flag=True)
@contact_option
@click.option("-v", "--verbose", is_flag=True)
@click.pass_context
def schedule(ctx: click.Context, source: tuple[str, ...], base_url: str | None, max_pages: int | None,
             delay: float | None, sources_file: Path | None, no_index: bool, contact: str | None,
             verbose: bool) -> None:
    """Re-crawl sources at their intervals (sources.toml) until SIGTERM / Ctrl-C.

    Example: govsearch schedule --contact ops@example.org   (under systemd or in a container; see README)
    """
    from crawler.scheduler import run_scheduler

    _logging(verbose)
    data_dir: Path = ctx.obj["data_dir"]
    run_scheduler(_sources(source, sources_file, base_url, delay, contact), data_dir, max_pages=max_pages,
                  after_changes=None if no_index else index_updater(data_dir))
