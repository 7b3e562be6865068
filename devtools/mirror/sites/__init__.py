"""The mirrored sites, one module per layout. Their paths do not collide, so one server holds them all."""
from __future__ import annotations

from typing import TYPE_CHECKING

from devtools.mirror.sites import moi, pr_moi, prd, thaigov
from devtools.mirror.sites.common import Page

if TYPE_CHECKING:
    from devtools.mirror.server import Mirror

SITES = (thaigov, moi, prd, pr_moi)


def render(m: "Mirror", path: str, query: dict[str, list[str]], root: str) -> Page | None:
    """The page any mirrored site serves at ``path``, or None for 404."""
    for site in SITES:
        page = site.render(m, path, query, root)
        if page is not None:
            return page
    return None
