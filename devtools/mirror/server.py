"""The mirror server: its articles, lifecycle, the controls tests use, and its request log."""
from __future__ import annotations

import sys
import threading
import time
from http.server import ThreadingHTTPServer
from typing import Any, Iterable

from devtools.mirror import sites
from devtools.mirror.faults import Fault
from devtools.mirror.handler import Handler
from devtools.mirror.lineup import lineup
from devtools.mirror.sample import MirrorArticle, article_of, load_sample
from devtools.mirror.sites.common import Page
from devtools.mirror.sites.families import FixtureSite, fixture_sites


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # a client that hung up on purpose (size limit, timeout): nothing to report
        super().handle_error(request, client_address)


class Mirror:
    """The mirror server. ``with Mirror() as m: m.base_url`` — a random port on 127.0.0.1."""

    def __init__(self, records: Iterable[dict] | None = None, *, moi_per_page: int = 10, feed_size: int = 20,
                 pr_size: int = 15, home_links: int = 20, host: str = "127.0.0.1", port: int = 0,
                 fixtures: bool = True):
        recs = list(records) if records is not None else load_sample()
        self.articles: dict[int, MirrorArticle] = {}
        for rec in recs:
            art = article_of(rec)
            self.articles[art.id] = art
        sites_ids = lineup(self.articles, feed_size=feed_size, pr_size=pr_size)
        self.moi_ids, self.prd_ids, self.pr_ids = sites_ids.moi, sites_ids.prd, sites_ids.pr
        self.moi_per_page = moi_per_page
        # The real home page links about 20 of the newest articles; the demo links them all, so a
        # first crawl of the bundled sample finds every year of it.
        self.home_links = home_links
        self.robots = "User-agent: *\nAllow: /\n"
        self.robots_status = 200
        self.faults: dict[str, Fault] = {}
        self.log: list[dict] = []
        self._lock = threading.Lock()
        self._server = _Server((host, port), Handler)
        self._server.mirror = self  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None
        # The family fixture sites, each on its own port (root-relative links work as on the real site).
        self._sites: dict[str, _Server] = {}
        for site in (fixture_sites() if fixtures else []):
            server = _Server((host, 0), Handler)
            server.mirror = self  # type: ignore[attr-defined]
            server.site = site  # type: ignore[attr-defined]
            self._sites[site.host] = server
        self._site_threads: list[threading.Thread] = []

    # -- lifecycle --------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``, the root of every mirrored site."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        """An absolute mirror URL for a path."""
        return self.base_url + path

    @property
    def site_hosts(self) -> list[str]:
        """The hosts of the family fixture sites served (e.g. ``www.m-culture.go.th``)."""
        return sorted(self._sites)

    def site_url(self, host: str) -> str:
        """``http://127.0.0.1:<port>``, the root of the fixture copy of ``host``; KeyError if none."""
        addr, port = self._sites[host].server_address[:2]
        return f"http://{addr}:{port}"

    def start(self) -> "Mirror":
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="mirror", daemon=True)
        self._thread.start()
        for host, server in self._sites.items():
            t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                 name=f"mirror-{host}", daemon=True)
            t.start()
            self._site_threads.append(t)
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._thread is not None:  # shutdown() waits for serve_forever, so only if it runs
            self._server.shutdown()
            self._thread = None
            for server in self._sites.values():
                server.shutdown()
            self._site_threads.clear()
        self._server.server_close()
        for server in self._sites.values():
            server.server_close()

    def __enter__(self) -> "Mirror":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- pages ------------------------------------------------------------------------------
    def render(self, path: str, query: dict[str, list[str]], root: str,
               site: FixtureSite | None = None) -> Page | None:
        """(status, body, content type, last modified) for a path, or None for 404."""
        if site is not None:
            return site.render(path, query)
        return sites.render(self, path, query, root)

    # -- test controls ----------------------------------------------------------------------
    def fault(self, path: str, kind: str, times: int | None = None, **params: Any) -> None:
        """Inject a fault on a path. Kinds: ``status`` (code), ``retry_after`` (code, seconds),
        ``slow`` (seconds), ``redirect`` (to), ``huge`` (size, declared), ``garbage``, ``malformed``."""
        with self._lock:
            self.faults[path] = Fault(kind, params, times)

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        with self._lock:
            self.faults.clear()

    def take_fault(self, path: str) -> Fault | None:
        """The fault for a request to ``path``, if any, counting it against the fault's ``times``."""
        with self._lock:
            f = self.faults.get(path)
            if f is None:
                return None
            if f.times is not None:
                f.times -= 1
                if f.times <= 0:
                    del self.faults[path]
            return f

    def edit(self, article_id: int, **changes: Any) -> None:
        """Change an article (title, body, …); its ETag and Last-Modified change with it."""
        art = self.articles[article_id]
        for k, v in changes.items():
            setattr(art, k, v)
        art.modified = max(time.time(), art.modified + 1)

    # -- request log ------------------------------------------------------------------------
    def log_request(self, path: str, status: int, user_agent: str, conditional: bool) -> None:
        """Remember one answered request (``at`` is a monotonic clock, for timing the crawler's delays)."""
        with self._lock:
            self.log.append({"path": path, "status": status, "ua": user_agent, "conditional": conditional,
                             "at": time.monotonic()})

    def requests(self, status: int | None = None, prefix: str = "") -> list[dict]:
        """Logged requests, optionally only those with a status / under a path prefix."""
        with self._lock:
            return [r for r in self.log if (status is None or r["status"] == status)
                    and r["path"].startswith(prefix)]

    def reset_log(self) -> None:
        """Forget the request log."""
        with self._lock:
            self.log.clear()
