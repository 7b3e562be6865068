"""``govsearch demo``: the whole pipeline on the bundled sample, with no internet.

A local mirror of ministry news sites serves the bundled real articles in the sites' own layouts;
the real crawler (robots.txt, per-host delay, conditional GET, the site adapters) crawls it; the
index is updated; the scheduler keeps re-crawling; the web UI is served. Run it again and it reuses
the data folder: the re-crawl costs only 304s.
"""
from __future__ import annotations

import dataclasses
import logging
import signal
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import click

from govsearch.crawl_commands import contact_option
from govsearch.web_commands import check_port_free

# Sources the mirror serves at its root (rendered from the bundled sample, every article) ...
MIRROR_SOURCES = ("thaigov", "moi", "prd")
# ... and on the family fixture sites (pages written from the public evidence; in a checkout only).
FIXTURE_SOURCES = ("mculture", "mfa", "moj", "moe")
TRY = "ลองค้นหา (try): มหาดไทย · โควิด · น้ำท่วม · ผู้ว่าราชการ · \"เศรษฐกิจพอเพียง\""


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address for the web UI.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port for the web UI.")
@click.option("--mirror-port", default=0, type=click.IntRange(0, 65535), help="Port of the local mirror (default: any free one).")
@click.option("--delay", default=0.05, show_default=True, type=float,
              help="Seconds between requests to the mirror (the real sites get 2 s).")
@click.option("--recrawl", default=300, show_default=True, type=click.IntRange(1), help="Seconds between scheduled re-crawls.")
@contact_option
@click.pass_context
def demo(ctx: click.Context, host: str, port: int, mirror_port: int, delay: float, recrawl: int,
         contact: str | None) -> None:
    """Crawl a local mirror of ministry news (bundled real articles), index it, keep re-crawling
    on a schedule, and serve the search UI.

    Example: govsearch demo --port 8000
    """
    from waitress import create_server

    from crawler.crawl import crawl
    from devtools.mirror import Mirror, load_sample
    from govsearch.crawl_commands import index_updater
    from govsearch.status import collector
    from crawler.scheduler import CrawlScheduler
    from crawler.errors import ConfigError
    from crawler.sources import get_source, load_sources
    from webui import create_app

    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s: %(message)s")
    from govsearch.crawl_commands import quiet_libraries

    quiet_libraries()
    data: Path = ctx.obj["data_dir"]
    from govsearch.cli import check_search_settings

    check_search_settings()  # before crawling, not as the server's traceback after it
    check_port_free(host, port)
    data.mkdir(parents=True, exist_ok=True)

    sample = load_sample()
    mirror = Mirror(sample, home_links=len(sample), port=mirror_port).start()
    try:
        known = load_sources(delay=delay, **({"contact": contact} if contact else {}))
    except ConfigError as e:
        raise click.ClickException(str(e)) from None
    roots = {sid: mirror.base_url for sid in MIRROR_SOURCES}
    for sid in FIXTURE_SOURCES:
        site = urlsplit(known[sid].base_url).hostname or ""
        if site in mirror.site_hosts:
            roots[sid] = mirror.site_url(site)
    click.echo(f"[1/4] local mirror of thaigov.go.th, moi.go.th and prd.go.th ({len(sample)} real articles) "
               f"at {mirror.base_url}, and of {len(roots) - len(MIRROR_SOURCES)} more ministry sites in their "
               "evidenced layouts" + ("" if len(roots) > len(MIRROR_SOURCES) else
                                      " (none: tests/data/families is not in this copy)"))
    sources = [dataclasses.replace(get_source(known, sid).with_base_url(root), interval=recrawl,
                                   max_pages=len(sample) + 100, jitter=min(30, recrawl / 10))
               for sid, root in roots.items()]
    families = sorted({s.family for s in sources})
    click.echo(f"[2/4] crawling {', '.join(roots)} ({len(families)} CMS families: {', '.join(families)}) "
               f"into {data} (progress below) …")
    update_index = index_updater(data)
    for stats in crawl(sources, data, after_changes=update_index):
        click.echo(f"      {stats.summary()}")
    scheduler = CrawlScheduler(sources, data, after_changes=update_index, run_now=False)
    scheduler.start()
    click.echo(f"[3/4] scheduler started: re-crawls every {recrawl} s")

    app = create_app(data, status=collector(data, sources))
    server = create_server(app, host=host, port=port, threads=8, ident="govsearch")
    url = f"http://{host}:{server.effective_port}/"
    click.echo(f"[4/4] search UI at {url}\n\n      {TRY}\n\n      Ctrl+C to stop.", )

    stopping = threading.Event()

    def stop(signum=None, _frame=None) -> None:
        if not stopping.is_set():
            stopping.set()
            server.close()  # makes server.run() return

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.run()
    except (KeyboardInterrupt, OSError):
        pass
    finally:
        click.echo("stopping: scheduler, mirror")
        scheduler.stop(wait=False)
        mirror.stop()
