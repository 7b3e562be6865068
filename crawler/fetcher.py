"""The polite fetcher: robots.txt, one connection and a delay per host, retries, conditional GET.

Every library error is translated here, once, into :mod:`crawler.errors`. The fetcher never parses
pages; it returns bytes, the decoded text and the caching headers.
"""
from __future__ import annotations

import email.utils
import logging
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from protego import Protego
from requests.adapters import HTTPAdapter

from core.urls import canonical_url
from crawler.encoding import decode_html
from crawler.adapters.challenge import challenge_of
from crawler.errors import (Blocked, ConnectError, Disallowed, FetchError, HTTPStatusError, OffSite, RedirectLoop,
                            Timeout, TooLarge)
from crawler.useragent import user_agent

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = user_agent()  # no contact: crawler.crawl.make_fetcher passes the source's
_RETRY_STATUS = {429, 500, 502, 503, 504}
_REDIRECT_STATUS = {301, 302, 303, 307, 308}


def in_domains(url: str, domains: tuple[str, ...] | list[str] | None) -> bool:
    """True if the URL's host is one of ``domains`` or a subdomain of one (no list = anything)."""
    if not domains:
        return True
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


@dataclass
class Response:
    """A fetched page (or a 304 that cost nothing)."""

    url: str  # the final URL, after redirects, canonical
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    redirects: list[str] = field(default_factory=list)
    _text: tuple[str, str] | None = None

    def _decoded(self) -> tuple[str, str]:
        if self._text is None:
            self._text = decode_html(self.content, self.content_type)
        return self._text

    @property
    def text(self) -> str:
        """The body decoded (header charset, then ``<meta charset>``, then detection)."""
        return self._decoded()[0]

    @property
    def encoding(self) -> str:
        """The codec the body was decoded with."""
        return self._decoded()[1]


class _HostGate:
    """One request at a time per host, with a minimum gap: shared by every fetcher in the process."""

    _gates: dict[str, "_HostGate"] = {}
    _lock = threading.Lock()

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last = 0.0

    @classmethod
    def of(cls, host: str) -> "_HostGate":
        with cls._lock:
            return cls._gates.setdefault(host, cls())

    def wait(self, delay: float) -> None:
        gap = self.last + delay - time.monotonic()
        if gap > 0:
            time.sleep(gap)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class Fetcher:
    """Fetch pages politely. One instance per crawl; safe to share between threads.

    ``delay`` is the minimum gap between two requests to one host (robots.txt Crawl-delay wins
    when larger). ``backoff`` is the first retry wait; it doubles on every retry, and a
    Retry-After header (capped at ``max_retry_after``) replaces it.
    """

    def __init__(self, user_agent: str = DEFAULT_USER_AGENT, *, delay: float = 2.0, timeout: float = 20.0,
                 retries: int = 3, backoff: float = 1.0, max_retry_after: float = 120.0,
                 max_bytes: int = 8_000_000, max_redirects: int = 10, obey_robots: bool = True):
        self.user_agent = user_agent
        self.robots_agent = user_agent.split("/")[0].strip() or "govsearch"
        self.delay = delay
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.obey_robots = obey_robots
        self.session = requests.Session()
        # One pooled connection per host, and callers block rather than open a second one.
        adapter = HTTPAdapter(pool_connections=16, pool_maxsize=1, pool_block=True, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update({"User-Agent": user_agent, "Accept-Language": "th,en;q=0.5",
                                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
        self.session.trust_env = False  # never route through an environment proxy by surprise
        self._robots: dict[str, Protego | None] = {}
        self._robots_lock = threading.Lock()
        self.requests_made = 0

    def close(self) -> None:
        """Close the pooled connections."""
        self.session.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- robots.txt -------------------------------------------------------------------------
    def robots(self, url: str) -> Protego | None:
        """The parsed robots.txt of the URL's site (None = no rules: everything allowed)."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            if root in self._robots:
                return self._robots[root]
        rules: Protego | None
        # A site that cannot be reached raises here (Timeout/ConnectError) and nothing is cached:
        # "down" must not be reported as "disallowed", and the next call tries again.
        resp = self._request(root + "/robots.txt", {}, self.delay)
        status = resp.status_code
        body = self._read(resp, root + "/robots.txt", limit=512_000)
        if 200 <= status < 300:
            rules = Protego.parse(body.decode("utf-8", "replace"))
        elif 400 <= status < 500:
            rules = None  # RFC 9309: robots.txt unavailable -> no restrictions
        else:
            # RFC 9309: unreachable (5xx) -> assume everything is disallowed.
            rules = Protego.parse("User-agent: *\nDisallow: /\n")
        with self._robots_lock:
            self._robots[root] = rules
        return rules

    def allowed(self, url: str) -> bool:
        """True if robots.txt lets us fetch the URL."""
        if not self.obey_robots:
            return True
        rules = self.robots(url)
        return rules is None or rules.can_fetch(url, self.robots_agent)

    def host_delay(self, url: str) -> float:
        """The gap between requests to this URL's host: our delay or robots.txt Crawl-delay."""
        rules = self.robots(url) if self.obey_robots else None
        crawl_delay = rules.crawl_delay(self.robots_agent) if rules else None
        return max(self.delay, float(crawl_delay or 0))

    # -- fetching ---------------------------------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              allowed_domains: tuple[str, ...] | list[str] | None = None) -> Response:
        """GET a page, following redirects only inside ``allowed_domains``.

        With ``etag``/``last_modified`` the request is conditional and a 304 comes back as
        ``Response(not_modified=True)`` with no body. Raises a :class:`crawler.errors.FetchError`.
        """
        url = canonical_url(url)
        if not in_domains(url, allowed_domains):
            raise OffSite(f"{url} is outside the allowed domains {list(allowed_domains or [])}", url)
        seen = [url]
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        while True:
            if not self.allowed(url):
                raise Disallowed(f"disallowed by robots.txt: {url} (user agent {self.robots_agent!r})", url)
            resp = self._get_with_retries(url, headers)
            if resp.status_code in _REDIRECT_STATUS and resp.headers.get("Location"):
                resp.close()
                target = canonical_url(urljoin(url, resp.headers["Location"]))
                if target in seen:
                    raise RedirectLoop(f"redirect loop: {' -> '.join(seen + [target])}", url)
                if len(seen) > self.max_redirects:
                    raise RedirectLoop(f"more than {self.max_redirects} redirects from {seen[0]}", url)
                if not in_domains(target, allowed_domains):
                    raise OffSite(f"{url} redirects off-site to {target}", url)
                seen.append(target)
                url = target
                continue
            return self._finish(resp, url, seen)

    def _finish(self, resp: requests.Response, url: str, seen: list[str]) -> Response:
        status = resp.status_code
        common = dict(url=url, status=status, content_type=resp.headers.get("Content-Type", ""),
                      etag=resp.headers.get("ETag"), last_modified=resp.headers.get("Last-Modified"),
                      redirects=seen[:-1])
        if status == 304:
            resp.close()
            return Response(not_modified=True, **common)
        if status >= 400:
            # A firewall's block page (Incapsula's 403, Cloudflare's 503) is reported as what it is.
            try:
                head = self._read(resp, url, limit=64_000) if status in (403, 429, 503) else b""
            except FetchError:
                head = b""  # too big or too slow for a block page: an ordinary error status
            resp.close()
            firewall = challenge_of(head)
            if firewall:
                raise Blocked(f"HTTP {status} for {url}: a {firewall} block or challenge page", url, firewall, status)
            raise HTTPStatusError(f"HTTP {status} for {url}", url, status)
        return Response(content=self._read(resp, url), **common)

    def _get_with_retries(self, url: str, headers: dict[str, str]) -> requests.Response:
        delay = self.host_delay(url)
        attempt = 0
        while True:
            try:
                resp = self._request(url, headers, delay)
            except (Timeout, ConnectError) as e:
                if attempt >= self.retries:
                    raise
                wait = self.backoff * 2 ** attempt
                log.info("%s: %s; retry %d in %.1fs", url, e, attempt + 1, wait)
            else:
                if resp.status_code not in _RETRY_STATUS or attempt >= self.retries:
                    return resp
                wait = self.backoff * 2 ** attempt
                if resp.status_code in (429, 503):
                    after = _retry_after(resp.headers.get("Retry-After"))
                    if after is not None:
                        if after > self.max_retry_after:
                            resp.close()
                            raise HTTPStatusError(
                                f"HTTP {resp.status_code} for {url}: Retry-After {after:.0f}s is longer than "
                                f"{self.max_retry_after:.0f}s", url, resp.status_code)
                        wait = after
                log.info("%s: HTTP %d; retry %d in %.1fs", url, resp.status_code, attempt + 1, wait)
                resp.close()
            attempt += 1
            time.sleep(wait)

    def _request(self, url: str, headers: dict[str, str], delay: float) -> requests.Response:
        """One GET through the host gate (one connection, ``delay`` between requests)."""
        gate = _HostGate.of(urlsplit(url).netloc)
        with gate.lock:
            gate.wait(delay)
            try:
                self.requests_made += 1
                # The read timeout applies between bytes; _read enforces a whole-body deadline too.
                return self.session.get(url, headers=headers, timeout=(self.timeout, self.timeout),
                                        allow_redirects=False, stream=True)
            except requests.Timeout as e:
                raise Timeout(f"timed out after {self.timeout:g}s: {url}", url) from e
            except requests.ConnectionError as e:
                raise ConnectError(f"cannot connect: {url}: {e.__class__.__name__}", url) from e
            except requests.RequestException as e:
                raise FetchError(f"request failed: {url}: {e}", url) from e
            finally:
                gate.last = time.monotonic()

    def _read(self, resp: requests.Response, url: str, limit: int | None = None) -> bytes:
        """The body, streamed; aborts beyond the size limit or the deadline."""
        limit = limit or self.max_bytes
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            resp.close()
            raise TooLarge(f"{url} is {int(declared):,} bytes, over the {limit:,} byte limit", url)
        deadline = time.monotonic() + self.timeout * 3
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in resp.iter_content(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise TooLarge(f"{url} is over the {limit:,} byte limit", url)
                if time.monotonic() > deadline:
                    raise Timeout(f"body of {url} took longer than {self.timeout * 3:g}s", url)
                chunks.append(chunk)
        except requests.exceptions.ChunkedEncodingError as e:
            raise ConnectError(f"connection broke while reading {url}", url) from e
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as e:
            raise Timeout(f"timed out reading {url}", url) from e
        finally:
            resp.close()
        return b"".join(chunks)
