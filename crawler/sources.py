"""The crawl sources: read from the TOML file the project carries (``crawler/data/sources.toml``).

A :class:`Source` says where a site's news lives and how to treat it: its CMS family and adapter,
start URLs, the public evidence for that layout, allowed domains, re-crawl interval and politeness
(with the operator's contact for the User-Agent).
A source whose layout is only a guess (``evidence = "guess"``) is listed but never crawled. A
``[templates.<id>]`` table stands for many sites of one layout (the provincial PR offices): one
source per entry of its ``hosts``, off unless named. ``with_base_url`` points a source at a mirror
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
from crawler.useragent import PRODUCT, check_contact, user_agent

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
    user_agent: str = PRODUCT  # the product token; ``agent`` is the whole header
    contact: str = ""  # the operator's web page or email address, named in the User-Agent
    verified: bool = False
    family: str = ""
    evidence: str = ""  # where the layout comes from: a public repository, or "guess" (then never crawled)
    note: str = ""
    enabled: bool = True     # False: crawled only when named (template sources)
    options: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    # Where pages are really fetched from when a mirror stands in for the site (else base_url).
    fetch_base: str = ""

    @property
    def crawlable(self) -> bool:
        """True when the layout has public evidence and there is somewhere to start."""
        return self.evidence.strip().lower() != "guess" and bool(self.start_urls)

    @property
    def why_not_crawlable(self) -> str:
        """Why the crawler skips this source ("" when it does not)."""
        if self.crawlable:
            return ""
        return (f"skipped: no public evidence of the news layout of {self.publisher or self.id}"
                + (f" ({self.note})" if self.note else "")
                + "; the crawler does not guess selectors. Add the layout with its evidence to sources.toml.")

    @property
    def agent(self) -> str:
        """The User-Agent header sent for this source."""
        return user_agent(self.contact, self.user_agent)

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
_REQUIRED_GUESS = ("agency", "base_url")  # a source listed only to say that its layout is unknown


def _build(sid: str, raw: dict, defaults: dict) -> Source:
    merged = {**defaults, **raw}
    guess = str(merged.get("evidence", "")).strip().lower() == "guess"
    missing = [k for k in (_REQUIRED_GUESS if guess else _REQUIRED) if k not in merged]
    if missing:
        raise ConfigError(f"source {sid!r}: missing {', '.join(missing)}")
    base = str(merged["base_url"]).rstrip("/")
    domains = merged.get("allowed_domains") or [urlsplit(base).hostname]
    return Source(
        id=sid,
        agency=merged["agency"],
        publisher=merged.get("publisher") or (urlsplit(base).hostname or ""),
        adapter=merged.get("adapter", "generic"),
        base_url=base,
        start_urls=tuple(merged.get("start_urls", ())),
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
        user_agent=merged.get("user_agent", PRODUCT),
        contact=check_contact(merged.get("contact")),
        verified=bool(merged.get("verified", False)),
        family=str(merged.get("family", "")),
        evidence=str(merged.get("evidence", "")),
        note=str(merged.get("note", "")),
        enabled=bool(merged.get("enabled", True)),
        options=dict(merged.get("options", {})),
        fetch_base=base,
    )


def load_sources(path: str | Path | None = None, **overrides: Any) -> dict[str, Source]:
    """All sources from a TOML file (default: the bundled one), keyed by id.

    ``overrides`` replace settings on every source (e.g. ``delay=0`` for tests and benchmarks,
    ``contact`` from the command line).
    """
    if "contact" in overrides:
        overrides = {**overrides, "contact": check_contact(overrides["contact"])}
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
    entries = list(data.get("sources", {}).items())
    for tid, template in data.get("templates", {}).items():
        entries.extend(expand_template(tid, template))
    for sid, raw in entries:
        if sid in out:
            raise ConfigError(f"source {sid!r} is defined twice")
        src = _build(sid, raw, defaults)
        out[sid] = src.with_overrides(**overrides) if overrides else src
    return out


def expand_template(tid: str, template: dict) -> list[tuple[str, dict]]:
    """One source entry per ``hosts`` item of a template: ``{host}`` and ``{slug}`` (the host's first
    label) are filled in everywhere, and the sources are off (crawled only when named) by default."""
    hosts = template.get("hosts", [])
    if not isinstance(hosts, list):
        raise ConfigError(f"template {tid!r}: hosts must be a list of host names")
    out = []
    for host in hosts:
        slug = str(host).split(".")[0]

        def fill(value: Any) -> Any:
            if isinstance(value, str):
                return value.replace("{host}", str(host)).replace("{slug}", slug)
            if isinstance(value, list):
                return [fill(v) for v in value]
            if isinstance(value, dict):
                return {k: fill(v) for k, v in value.items()}
            return value

        raw = {k: fill(v) for k, v in template.items() if k not in ("hosts", "id")}
        raw.setdefault("enabled", False)
        out.append((fill(template.get("id", tid + "-{slug}")), raw))
    return out


def get_source(sources: dict[str, Source], sid: str) -> Source:
    """The source with this id, or an error naming the known ones."""
    try:
        return sources[sid]
    except KeyError:
        raise UnknownSource(f"unknown source {sid!r}; known: {', '.join(sorted(sources))}") from None


def default_sources(sources: dict[str, Source]) -> list[Source]:
    """What ``govsearch crawl`` with no names crawls: the verified, enabled, crawlable sources."""
    return [s for s in sources.values() if s.verified and s.enabled and s.crawlable]
