"""The crawl sources: read from the TOML file the project carries (``crawler/data/sources.toml``).

A :class:`Source` says where a site's news lives and how to treat it: its adapter, start URLs,
allowed domains, re-crawl interval and politeness. ``with_base_url`` points a source at a mirror
with the same layout; articles keep their public URL (the mirror prefix is mapped back), so a
crawl of a mirror and of the real site store the same articles.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.errors import ConfigError, UnknownSource

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str | int | float) -> float:
    """Seconds from ``90``, ``"90s"``, ``"30m"``, ``"6h"`` or ``"1d"``."""
    if isinstance(value, (int, float)):
        return float(value)
    m = _DURATION.match(str(value))
    if not m:
        raise ConfigError(f"bad duration {value!r}: use e.g. 90, '30m', '6h', '1d'")
    return float(m.group(1)) * _UNITS[m.group(2)]


@dataclass(frozen=True)
class Source:
    """One crawl source."""

    id: str
    agency: str
    publisher: str
    adapter: str
    base_url: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    name: str = ""
    interval: float = 6 * 3600
    jitter: float = 300
    delay: float = 2.0
    timeout: float = 20.0
    retries: int = 3
    max_bytes: int = 8_000_000
    max_pages: int = 200
    known_stop: int = 20
    user_agent: str = "govsearch/0.1"
    verified: bool = False
    options: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    # Where pages are really fetched from when a mirror stands in for the site (else base_url).
    fetch_base: str = ""

    @property
    def mirror(self) -> bool:
        """True when the source is pointed at a mirror (``--base-url``)."""
        return bool(self.fetch_base) and self.fetch_base != self.base_url

    def to_fetch(self, url: str) -> str:
        """The URL to fetch for a public URL (the mirror's, when a mirror stands in)."""
        if self.mirror and url.startswith(self.base_url):
            return self.fetch_base + url[len(self.base_url):]
        return url

    def to_public(self, url: str) -> str:
        """The public URL of a fetched URL: the identity under which articles are stored."""
        if self.mirror and url.startswith(self.fetch_base):
            return self.base_url + url[len(self.fetch_base):]
        return url

    def with_base_url(self, base_url: str) -> "Source":
        """This source fetched from ``base_url`` (a mirror or local copy with the same layout)."""
        base = base_url.rstrip("/")
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"--base-url must be an absolute http(s) URL, got {base_url!r}")
        domains = tuple(dict.fromkeys((*self.allowed_domains, parts.hostname)))
        return replace(self, fetch_base=base, allowed_domains=domains)

    def with_overrides(self, **kw: Any) -> "Source":
        """A copy with some settings changed (tests set ``delay=0`` this way)."""
        return replace(self, **kw)


_REQUIRED = ("agency", "adapter", "base_url", "start_urls")


def _build(sid: str, raw: dict, defaults: dict) -> Source:
    merged = {**defaults, **raw}
    missing = [k for k in _REQUIRED if k not in merged]
    if missing:
        raise ConfigError(f"source {sid!r}: missing {', '.join(missing)}")
    base = str(merged["base_url"]).rstrip("/")
    domains = merged.get("allowed_domains") or [urlsplit(base).hostname]
    return Source(
        id=sid,
        agency=merged["agency"],
        publisher=merged.get("publisher") or (urlsplit(base).hostname or ""),
        adapter=merged["adapter"],
        base_url=base,
        start_urls=tuple(merged["start_urls"]),
        allowed_domains=tuple(d.lower() for d in domains),
        name=merged.get("name", sid),
        interval=parse_duration(merged.get("interval", "6h")),
        jitter=parse_duration(merged.get("jitter", "5m")),
        delay=float(merged.get("delay", 2.0)),
        timeout=float(merged.get("timeout", 20.0)),
        retries=int(merged.get("retries", 3)),
        max_bytes=int(merged.get("max_bytes", 8_000_000)),
        max_pages=int(merged.get("max_pages", 200)),
        known_stop=int(merged.get("known_stop", 20)),
        user_agent=merged.get("user_agent", "govsearch/0.1"),
        verified=bool(merged.get("verified", False)),
        options=dict(merged.get("options", {})),
        fetch_base=base,
    )


def load_sources(path: str | Path | None = None, **overrides: Any) -> dict[str, Source]:
    """All sources from a TOML file (default: the bundled one), keyed by id.

    ``overrides`` replace settings on every source (e.g. ``delay=0`` for tests and benchmarks).
    """
    if path is None:
        text = files("crawler").joinpath("data/sources.toml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"sources file {path or 'sources.toml'}: {e}") from None
    defaults = data.get("defaults", {})
    out: dict[str, Source] = {}
    for sid, raw in data.get("sources", {}).items():
        src = _build(sid, raw, defaults)
        out[sid] = src.with_overrides(**overrides) if overrides else src
    return out


def get_source(sources: dict[str, Source], sid: str) -> Source:
    """The source with this id, or an error naming the known ones."""
    try:
        return sources[sid]
    except KeyError:
        raise UnknownSource(f"unknown source {sid!r}; known: {', '.join(sorted(sources))}") from None


def default_sources(sources: dict[str, Source]) -> list[Source]:
    """What ``govsearch crawl`` with no names crawls: the verified sources."""
    return [s for s in sources.values() if s.verified]
