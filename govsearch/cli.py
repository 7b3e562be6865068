"""The ``govsearch`` command: import, search, status, reattribute, reindex (crawl, schedule, serve,
demo are registered from their own modules)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from core.paths import data_dir as resolve_data_dir

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")  # never let pythainlp try to download at run time


class UserError(click.ClickException):
    """An error the user can fix; printed without a traceback."""


SHOWN_LINES = 50  # skipped lines and warnings an import lists, each; then a count of the rest


@click.group()
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Data folder (store + index). Default: $GOVSEARCH_DATA_DIR or ./index")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None) -> None:
    """govsearch: full-text search over Thai government news."""
    ctx.ensure_object(dict)
    ctx.obj["data_dir"] = resolve_data_dir(data_dir)


def _data(ctx: click.Context) -> Path:
    return ctx.obj["data_dir"]


def existing_data(data: Path) -> Path:
    """``data`` when it holds a store; a UserError otherwise. Read-only commands (serve, search,
    status) never create a data folder: a mistyped --data-dir must not look like an empty one."""
    from core.paths import store_path

    if not store_path(data).is_file():
        raise UserError(f"no govsearch data in {data}: check --data-dir (or $GOVSEARCH_DATA_DIR), "
                        f"or fill it with `govsearch --data-dir {data} import FILE`, `crawl` or `demo`")
    return data


def check_search_settings() -> None:
    """A UserError for a search setting of the environment the engine would refuse: said before a
    search runs or a server starts, not as a traceback from each worker."""
    from indexer import results_cache_size

    try:
        results_cache_size()
    except ValueError as e:
        raise UserError(str(e)) from None


def _progress_bar(total: int | None, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, disable=not sys.stderr.isatty() and total is None,
                mininterval=0.5)


def _sync_or_fail(data: Path) -> None:
    """Bring the index up to date after the store changed; a damaged index is a clear error."""
    from indexer import IndexUnavailable

    try:
        rep = sync_with_progress(data)
    except IndexUnavailable as e:
        raise UserError(f"stored, but not indexed: {e}") from None
    if rep:
        click.echo(f"indexed: {rep.upserts} added or updated, {rep.deletes} deleted")


def sync_with_progress(data: Path, quiet: bool = False):
    """Bring the index up to date with the store, with a progress bar."""
    from indexer import pending_changes, sync_index

    pending = pending_changes(data)
    if not pending:
        return None
    with _progress_bar(pending, "indexing") as bar:
        return sync_index(data, progress=bar.update if not quiet else None)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-index", is_flag=True, help="Only fill the store; index later with `govsearch reindex`.")
@click.pass_context
def import_cmd(ctx: click.Context, files: tuple[Path, ...], no_index: bool) -> None:
    """Import JSON Lines files (optionally .gz) of articles into the store and the index.

    Example: govsearch import articles.jsonl.gz
    """
    from core.importer import import_files
    from core.store import Store
    from core.paths import store_path

    data = _data(ctx)
    data.mkdir(parents=True, exist_ok=True)
    with Store(store_path(data)) as store, _progress_bar(None, "importing") as bar:
        report = import_files(store, list(files), progress=bar.update)
    for kind, rows in (("skipped", report.skipped), ("warning", report.warnings)):
        for path, line, reason in rows[:SHOWN_LINES]:
            click.echo(f"{kind} {path}:{line}: {reason}", err=True)
        if len(rows) > SHOWN_LINES:
            click.echo(f"… and {len(rows) - SHOWN_LINES} more lines ({kind})", err=True)
    click.echo(f"imported {report.lines} lines: {report.new} new, {report.updated} updated, "
               f"{report.unchanged} unchanged, {len(report.skipped)} skipped"
               + (f", {len(report.warnings)} with warnings (listed above)" if report.warnings else ""))
    if not no_index:
        _sync_or_fail(data)


# An exclusion ("-มหาดไทย") is a word of the query, not an option click does not know.
@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, type=click.UNPROCESSED)
@click.option("--agency", "agencies", multiple=True, help="Agency id, name or abbreviation (repeatable).")
@click.option("--province", "provinces", multiple=True,
              help="Province: code, Thai or English name, or กทม. (repeatable: any of them).")
@click.option("--since", help="From date: 2021-03-04, 4/3/2564, มี.ค. 2564, 2564 …")
@click.option("--until", help="Until date (same forms).")
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance")
@click.option("--page", type=int, default=1)
@click.option("--per-page", type=int, default=10)
@click.option("--all-copies", is_flag=True, help="List every copy of a release (group=false), not one hit each.")
@click.option("--json", "as_json", is_flag=True, help="Print the same JSON document as /api/search.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "jsonl"]), default="text",
              help="csv / jsonl: every match (up to 10,000), as /api/search?format=csv.")
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], agencies: tuple[str, ...], provinces: tuple[str, ...],
           since: str | None, until: str | None, sort: str, page: int, per_page: int, all_copies: bool,
           as_json: bool, fmt: str) -> None:
    """Search the index.

    \b
    Examples:
      govsearch search มหาดไทย --agency มท. --province เชียงใหม่ --since 2564 --sort newest
      govsearch search น้ำท่วม --province "Chiang Mai" --format csv > floods.csv
    """
    from indexer import IndexUnavailable, ParamError, SearchEngine, build_params
    from indexer import as_csv, as_jsonl, export_rows
    from core.thaidates import thai_date

    # Only a single dash is the query's: "--per-pgae" is a mistyped option, not a word to find.
    mistyped = next((word for word in query if word.startswith("--")), None)
    if mistyped is not None:
        raise UserError(f"no such option: {mistyped} (see govsearch search --help)")
    if as_json and fmt not in ("text", "json"):
        raise UserError(f"--json and --format {fmt} are two outputs: choose one")
    try:
        params = build_params(q=" ".join(query), agencies=list(agencies), since=since, until=until, sort=sort,
                              page=page, per_page=per_page, provinces=list(provinces), group=not all_copies)
        check_search_settings()
        engine = SearchEngine(existing_data(_data(ctx)))
        if fmt in ("csv", "jsonl"):
            rows = export_rows(engine, params)
            for piece in (as_csv(rows) if fmt == "csv" else as_jsonl(rows)):
                click.echo(piece, nl=False)
            return
        result = engine.search(params)
    except ParamError as e:
        raise UserError(str(e)) from None
    except IndexUnavailable as e:
        raise UserError(str(e)) from None
    as_json = as_json or fmt == "json"
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
        return
    import re

    def plain(html: str) -> str:
        text = re.sub(r"</?mark>", "*", html)
        return re.sub(r"&lt;|&gt;|&amp;|&quot;|&#x27;", lambda m: {"&lt;": "<", "&gt;": ">", "&amp;": "&",
                                                                 "&quot;": '"', "&#x27;": "'"}[m.group()], text)

    plural = "" if result.total == 1 else "s"
    click.echo(f"{result.total} result{plural} ({result.took_ms:.0f} ms) · words: {' · '.join(result.words) or '-'}")
    from webui.notices import notice_text

    for note in result.notices:
        click.echo(f"note: {notice_text(note, 'en')}")
    from core.agencies import registry

    if result.did_you_mean:
        click.echo(f"did you mean: {result.did_you_mean}")
    for agency in result.agency_suggestions:
        click.echo(f"filter by agency: --agency {agency} ({registry().name(agency)})")
    if result.total and not result.hits:
        last = -(-result.total // params.per_page)
        click.echo(f"page {params.page} is past the last page ({last})")

    first = (params.page - 1) * params.per_page
    for i, hit in enumerate(result.hits, start=first + 1):
        click.echo(f"\n{i}. {hit.title}\n   {thai_date(hit.date)} · {registry().name(hit.agency)} · {hit.url}")
        click.echo(f"   {plain(hit.snippet)[:300]}")
        if hit.copies:
            click.echo(f"   also published by: {', '.join(c['publisher'] or c['url'] for c in hit.copies)}")


@cli.command()
@click.option("--sources", "sources_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The sources TOML file in use, if not the bundled one.")
@click.option("--json", "as_json", is_flag=True, help="The whole status document (as /api/status), as JSON.")
@click.pass_context
def status(ctx: click.Context, sources_file: Path | None, as_json: bool) -> None:
    """Show counts, index size and freshness, and the last and next crawl of each source
    (--json: the same document as /api/status).

    Example: govsearch status
    """
    from crawler.errors import ConfigError
    from govsearch.status import collect, configured_sources, summary_lines

    data = existing_data(_data(ctx))
    try:
        sources = configured_sources(sources_file)
    except ConfigError as e:
        raise UserError(str(e)) from None
    info = {"data_dir": str(data), **collect(data, sources).to_json()}
    click.echo(json.dumps(info, ensure_ascii=False, indent=1) if as_json else "\n".join(summary_lines(info)))


def lower_cpu_priority() -> None:
    """Run this command as background work (:mod:`core.priority`): nice 10 here, and its worker
    processes in the idle scheduling class. A full rebuild keeps both cores busy for minutes;
    served searches must not wait behind it."""
    from core.priority import mark_background

    mark_background()


def _reattribute(store, everything: bool = False) -> int:
    """Attribute every stored article again; prints the moves, returns how many articles changed."""
    from core.ingest import reattribute as run

    with _progress_bar(store.count_articles(), "attributing") as bar:
        moves = run(store, progress=bar.update, everything=everything)
    total = sum(moves.values())
    if total:
        top = sorted(moves.items(), key=lambda kv: (-kv[1], kv[0]))
        click.echo(f"agencies recomputed: {total} articles changed ("
                   + ", ".join(f"{old or '-'} -> {new}: {n}" for (old, new), n in top[:8])
                   + (", …" if len(top) > 8 else "") + ")")
    return total


@cli.command()
@click.option("--no-index", is_flag=True, help="Only update the store; the index catches up on its next sync.")
@click.option("--all", "everything", is_flag=True,
              help="Also articles stored before sources' claims were kept (their agency may be such a claim).")
@click.pass_context
def reattribute(ctx: click.Context, no_index: bool, everything: bool) -> None:
    """Attribute every stored article to its agency again with today's rules and registry (after an
    upgrade changes them). Changed agencies are written through the store's change log, and the
    index is brought up to date with them; an agency a source claimed itself is kept. Articles
    stored before claims were kept (schema 8) keep their agency unless --all is given.

    Example: govsearch reattribute
    """
    from core.store import Store
    from core.paths import store_path

    data = existing_data(_data(ctx))
    with Store(store_path(data)) as store:
        changed = _reattribute(store, everything)
    if not changed:
        click.echo("agencies recomputed: none changed")
    if not no_index:
        _sync_or_fail(data)


@cli.command()
@click.option("--nice/--no-nice", "lower_priority", default=True, show_default=True,
              help="Run at low CPU priority (nice 10, its workers in Linux's idle class) so that a server on the same machine keeps "
                   "answering quickly; on an otherwise idle machine the rebuild takes as long.")
@click.pass_context
def reindex(ctx: click.Context, lower_priority: bool) -> None:
    """Recompute each article's provinces and agency and regroup copies of the same release, then
    rebuild the whole index from the store in a new folder and swap it in atomically.

    Searches keep using the old index until the new one is complete.
    Example: govsearch reindex
    """
    if lower_priority:
        lower_cpu_priority()
    from core.ingest import refresh_provinces
    from core.store import Store
    from core.paths import store_path
    from indexer import rebuild_index

    data = _data(ctx)
    with Store(store_path(data)) as store:
        total = store.count_articles()
        _reattribute(store)
        changed = refresh_provinces(store)
        with _progress_bar(total, "grouping copies") as bar:
            regrouped = store.regroup(progress=bar.update)
    if changed:
        click.echo(f"provinces recomputed: {changed} articles changed")
    if regrouped:
        click.echo(f"{regrouped} articles changed story group")
    with _progress_bar(total, "rebuilding") as bar:
        gen = rebuild_index(data, progress=bar.update)
    click.echo(f"rebuilt index {gen.name} from {total} articles")


from govsearch.web_commands import serve  # noqa: E402  (registered here, defined with the web UI)
cli.add_command(serve)
from govsearch.crawl_commands import crawl, schedule  # noqa: E402  (defined with the crawler)
cli.add_command(crawl)
cli.add_command(schedule)

from govsearch.demo import demo  # noqa: E402
from govsearch.sources_commands import sources  # noqa: E402

cli.add_command(sources)

cli.add_command(demo)


def main() -> None:
    """Entry point of the ``govsearch`` console script."""
    try:
        cli(obj={})
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
