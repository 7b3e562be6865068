"""The crawler's errors: one small hierarchy, translated once at the fetch edge.

Each class has a short ``kind`` that crawl runs count errors by (``error_kinds`` in the store).
"""
from __future__ import annotations


class CrawlError(Exception):
    """Base class of every crawler error."""

    kind = "error"


class ConfigError(CrawlError):
    """The sources file or a command-line option is wrong."""

    kind = "config"


class UnknownAdapter(ConfigError):
    """No adapter is registered under the requested name."""

    kind = "unknown_adapter"


class UnknownSource(ConfigError):
    """No source is defined under the requested id."""

    kind = "unknown_source"


class FetchError(CrawlError):
    """A page could not be fetched."""

    kind = "fetch"

    def __init__(self, message: str, url: str = ""):
        super().__init__(message)
        self.url = url


class Disallowed(FetchError):
    """robots.txt disallows this URL for our user agent."""

    kind = "disallowed"


class OffSite(FetchError):
    """The URL (or a redirect) leaves the source's allowed domains."""

    kind = "offsite"


class RedirectLoop(FetchError):
    """Redirects loop or go on too long."""

    kind = "redirect_loop"


class TooLarge(FetchError):
    """The response is bigger than the configured maximum."""

    kind = "too_large"


class Timeout(FetchError):
    """The server did not answer in time."""

    kind = "timeout"


class ConnectError(FetchError):
    """The connection could not be made or broke off."""

    kind = "connection"


class HTTPStatusError(FetchError):
    """The server answered with an error status (after any retries)."""

    kind = "http"

    def __init__(self, message: str, url: str = "", status: int = 0):
        super().__init__(message, url)
        self.status = status
        self.kind = "not_found" if status in (404, 410) else f"http_{status}"


class ParseError(CrawlError):
    """A page was fetched but could not be turned into data."""

    kind = "parse"


class NotFoundPage(ParseError):
    """The page is the site's placeholder for a missing article."""

    kind = "not_found"


class Blocked(FetchError):
    """A firewall or bot challenge answered instead of the page (Incapsula, Cloudflare, …).

    Reported, never worked around: the crawler stops asking that source for the run.
    """

    kind = "challenge"

    def __init__(self, message: str, url: str = "", firewall: str = "", status: int = 200):
        super().__init__(message, url)
        self.firewall = firewall
        self.status = status
