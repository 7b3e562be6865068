"""The one canonical form of an article's URL: what the crawler stores, and what a pasted URL is
looked up as."""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url

_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """The canonical form of a URL: lower-case host, no default port, sorted query, no fragment."""
    url = canonicalize_url(url.strip(), keep_fragments=False)
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.port and _DEFAULT_PORTS.get(parts.scheme) == parts.port:
        netloc = parts.hostname or netloc
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
