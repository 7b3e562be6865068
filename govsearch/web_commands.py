"""``govsearch serve``: the web UI and API under waitress (a production WSGI server, no debug)."""
from __future__ import annotations

import ctypes
import logging
import os
from pathlib import Path

import click

from core.paths import data_dir as default_data_dir

REQUESTS_AT_ONCE = 2  # per gunicorn worker: one thread computes, a second covers its socket and disk waits


def check_port_free(host: str, port: int) -> None:
    """A one-line error naming --port now, rather than a traceback from the server (or, in the demo,
    after the whole first crawl)."""
    import socket

    if port == 0:
        return
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as waitress binds
        try:
            s.bind((host, port))
        except OSError as e:
            raise click.ClickException(f"cannot listen on {host}:{port} ({e.strerror}): "
                                       f"choose another port with --port") from None


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256),
              help=f"Worker threads (waitress); with --workers 2+, each process answers at most "
                   f"{REQUESTS_AT_ONCE} requests at once, the others wait their turn.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes. One runs waitress; more run gunicorn, one process per core "
                   "(Python runs one thread at a time per process).")
@click.option("--sources", "sources_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The sources TOML file the crawls use, if not the bundled one (for the status page).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int, workers: int, sources_file: Path | None) -> None:
    """Serve the search pages, JSON API and feeds.

    New articles from a crawl or an import appear without a restart (the searcher follows the
    index). Example: govsearch --data-dir ./index serve --port 8000 --workers 2
    """
    obj = ctx.obj or {}
    data = Path(obj.get("data_dir") or default_data_dir())
    from govsearch.cli import check_search_settings, existing_data

    existing_data(data)  # refuse to serve a folder with no store (a mistyped --data-dir)
    check_search_settings()
    check_port_free(host, port)
    limit_malloc_arenas()  # before any thread: the workers fork with the setting
    status = _status_collector(data, sources_file)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if workers > 1:
        _serve_gunicorn(data, host, port, threads, workers, status)
        return
    from waitress import create_server

    from webui import create_app
    from webui.services import warm_up

    app = create_app(data, status=status)
    warm_up(app)
    server = create_server(app, host=host, port=port, threads=threads, ident="govsearch")
    click.echo(f"govsearch serving {data} on http://{host}:{server.effective_port}/ (Ctrl+C to stop)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


MALLOC_ARENAS = 2


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Cap glibc's malloc arenas for this process and the processes it forks (True if set).

    glibc gives each thread that allocates concurrently an arena of its own, up to 8 per core,
    and memory freed in one arena is not reused by another: a worker's eight threads grew its
    resident memory ~20 MB more than two arenas do, at no measured cost in throughput
    (bench_web, issue 15's 300 MB a worker). The same as ``MALLOC_ARENA_MAX``, which a process
    can only be given at its start; an explicit ``MALLOC_ARENA_MAX`` is left to rule. Elsewhere
    than glibc this does nothing."""
    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    try:
        libc = ctypes.CDLL(None)
        return bool(libc.gnu_get_libc_version and libc.mallopt(_M_ARENA_MAX, arenas))
    except (OSError, AttributeError):  # not glibc
        return False


_M_ARENA_MAX = -8  # glibc's malloc.h


def _status_collector(data: Path, sources_file: Path | None):
    """The status collector for the app, bound to the sources in use."""
    from crawler.errors import ConfigError
    from govsearch.status import collector, configured_sources

    try:
        return collector(data, configured_sources(sources_file))
    except ConfigError as e:
        raise click.ClickException(str(e)) from None


def balanced_settings(threads: int) -> dict:
    """gunicorn settings that hand each request to a worker free to take it.

    A kept-alive connection stays with the worker that accepted it: bench_web's 20 clients split
    13/7, 14/6 or 15/5 between two workers, and the busier worker's clients waited about twice as
    long as the other's. Here a connection carries one request (no keep-alive) and a worker
    accepts one only while it runs fewer than ``REQUESTS_AT_ONCE`` (at most ``threads``), so a
    request waits in the kernel's queue, first come first served, until either worker can take
    it. Python runs one thread of a process at a time: eight requests at once in a worker only
    took turns, each finishing late. 20 clients, 2 workers, cache off, 15 s runs alternated on a
    busy machine: p95 / mean latency 1.9-2.2 kept alive, 1.6-1.8 with 8 at once, 1.3-1.4 with 2;
    CPU per request 10.2 -> 9.3 ms (8 -> 2 at once)."""
    at_once = min(threads, REQUESTS_AT_ONCE)
    return {"threads": at_once, "worker_connections": at_once, "keepalive": 0}


def _serve_gunicorn(data: Path, host: str, port: int, threads: int, workers: int, status) -> None:
    """Several worker processes, each with its own app and search engine (no shared state)."""
    from gunicorn.app.base import BaseApplication

    class _App(BaseApplication):
        def load_config(self) -> None:
            for key, value in {"bind": f"{host}:{port}", "workers": workers, "worker_class": "gthread",
                               "accesslog": None, "timeout": 60, "graceful_timeout": 10,
                               **balanced_settings(threads)}.items():
                self.cfg.set(key, value)

        def load(self):
            from webui import create_app
            from webui.services import warm_up

            app = create_app(data, status=status)  # in each worker, after the fork
            warm_up(app)
            return app

    click.echo(f"govsearch serving {data} on http://{host}:{port}/ with {workers} processes (Ctrl+C to stop)")
    _App().run()
