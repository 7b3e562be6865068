"""``govsearch sources`` (what is configured, on what evidence, and when it last worked) and
``govsearch sources check NAME`` (does the live site still have the layout the evidence describes?)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from govsearch.crawl_commands import contact_option


def _load(sources_file: Path | None):
    from crawler.errors import ConfigError
    from crawler.sources import load_sources

    try:
        return load_sources(sources_file)
    except ConfigError as e:
        raise click.ClickException(str(e)) from None


def _last_successes(data_dir: Path) -> dict[str, str]:
    from core.crawlruns import last_successes
    from core.paths import store_path
    from core.store import Store

    if not store_path(data_dir).exists():
        return {}
    with Store(store_path(data_dir)) as store:
        return last_successes(store)


@click.group(invoke_without_command=True)
@click.option("--sources", "sources_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A sources TOML file instead of the bundled one.")
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of the table.")
@click.pass_context
def sources(ctx: click.Context, sources_file: Path | None, as_json: bool) -> None:
    """List the crawl sources: family, evidence, verified or not, last successful crawl.

    Example: govsearch sources        (then: govsearch sources check moi)
    """
    ctx.obj["sources_file"] = sources_file
    if ctx.invoked_subcommand is not None:
        return
    known = _load(sources_file)
    ok = _last_successes(ctx.obj["data_dir"])
    rows = [{"id": s.id, "family": s.family or "-", "agency": s.agency, "verified": s.verified,
             "crawlable": s.crawlable, "enabled": s.enabled, "evidence": s.evidence, "note": s.note,
             "start_urls": list(s.start_urls), "last_success": ok.get(s.id)} for s in known.values()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    click.echo(f"{'source':<10} {'family':<10} {'state':<11} {'last success':<20} evidence")
    for r in rows:
        state = ("verified" if r["verified"] else "unverified") if r["crawlable"] else "no layout"
        if not r["enabled"]:
            state += "*"
        evidence = r["evidence"] if r["crawlable"] else f"guess — {r['note']}"
        click.echo(f"{r['id']:<10} {r['family']:<10} {state:<11} {(r['last_success'] or 'never')[:19]:<20} "
                   f"{evidence[:100]}")
    click.echo("\nno layout = no public evidence: listed, never crawled.  * = off unless named.  "
               "Check one against the live site: govsearch sources check NAME")


@sources.command()
@click.argument("name")
@click.option("--base-url", help="Check a mirror or local copy with the same layout instead of the live site.")
@contact_option
@click.pass_context
def check(ctx: click.Context, name: str, base_url: str | None, contact: str | None) -> None:
    """Fetch NAME's start page once (robots.txt first) and say whether its adapter finds articles there.

    Nothing is stored. Run it on a machine with internet; when it finds articles, set
    `verified = true` for the source in sources.toml.
    Example: govsearch sources check moj
    """
    from crawler.check import check_source
    from crawler.crawl import make_fetcher
    from crawler.errors import ConfigError
    from crawler.sources import get_source
    from crawler.useragent import check_contact

    try:
        src = get_source(_load(ctx.obj["sources_file"]), name)
        if contact:
            src = src.with_overrides(contact=check_contact(contact))
        if base_url:
            src = src.with_base_url(base_url)
    except ConfigError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"{src.id}: family {src.family or '-'}, adapter {src.adapter}, evidence: {src.evidence}")
    with make_fetcher(src) as fetcher:
        report = check_source(src, fetcher)
    if report.skipped:
        click.echo(report.skipped)
        sys.exit(2)
    for c in report.checks:
        click.echo(f"  {c.url}\n    {c.outcome}: {c.detail}")
        for item in c.items[:3]:
            click.echo(f"      · {item.date or 'no date'} · {item.title[:70]} · {item.url}")
    if report.found:
        click.echo(f"{src.id}: the adapter finds articles" + ("" if src.verified else
                   " — set `verified = true` in sources.toml once a crawl of a few pages looks right"))
    elif all(c.outcome == "error" for c in report.checks):
        # Nothing was read: no word about the layout (a machine without internet, a site down).
        click.echo(f"{src.id}: the site could not be reached from here; nothing was learned about its layout")
        sys.exit(1)
    else:
        click.echo(f"{src.id}: no articles found; the layout needs a look (see sites-evidence.md)")
        sys.exit(1)
