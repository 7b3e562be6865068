"""The fixture sites of each CMS family (EWT, PRD-style, Next.js, JSON feed, WordPress, a firewall),
served as written: static pages under ``tests/data/families/<host>/``, each host on its own port so
that root-relative links work as on the real site.

Unlike the other site modules, nothing here renders a layout: the pages were written from the public
evidence of the real sites (scripts/make_family_fixtures.py) and this module only looks them up by URL
in the host's ``urls.json`` (``path?sorted query`` -> file, content type, status; ``*`` answers every
path, as a firewall does). One module serves every family because serving is the same for all; what
differs is only the pages.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from devtools.mirror.sites.common import Page

# Where the fixtures live in a checkout (the tests and the demo run from one).
FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "data" / "families"

# The family each fixture host stands for (the demo and `govsearch sources` name them).
FAMILIES = {
    "www.m-culture.go.th": "ewt",
    "www.prd.go.th": "prd-style",
    "www.mfa.go.th": "nextjs",
    "www.moj.go.th": "jsonfeed",
    "www.moe.go.th": "wordpress",
    "www.mol.go.th": "firewall",
}


def url_key(path: str, pairs: list[tuple[str, str]]) -> str:
    """How ``urls.json`` names a URL: the decoded path, then the query pairs sorted."""
    query = "&".join(f"{k}={v}" for k, v in sorted(pairs))
    return unquote(path) + (f"?{query}" if query else "")


@dataclass
class FixtureSite:
    """One host's fixture pages."""

    host: str
    folder: Path
    urls: dict[str, dict]

    @classmethod
    def load(cls, folder: Path) -> "FixtureSite":
        """The site in ``folder`` (named by its host)."""
        return cls(folder.name, folder, json.loads((folder / "urls.json").read_text(encoding="utf-8")))

    def render(self, path: str, query: dict[str, list[str]]) -> Page | None:
        """The page at ``path`` with ``query``, or None for 404."""
        entry = self.urls.get(url_key(path, [(k, v) for k, vs in query.items() for v in vs])) or self.urls.get("*")
        if entry is None:
            return None
        body = (self.folder / entry["file"]).read_bytes()
        return int(entry.get("status", 200)), body, entry["type"], 0.0


def fixture_sites(folder: Path | None = None) -> list[FixtureSite]:
    """Every fixture site found (none when the checkout has no tests/data/families)."""
    root = folder or FIXTURES
    if not root.is_dir():
        return []
    return [FixtureSite.load(d) for d in sorted(root.iterdir()) if (d / "urls.json").exists()]
