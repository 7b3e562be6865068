"""What every site layout shares: the page tuple, body paragraphs and a list's Last-Modified."""
from __future__ import annotations

import html
from typing import Iterable

from devtools.mirror.sample import MirrorArticle

Page = tuple[int, bytes, str, float]
"""(status, body, content type, last modified as epoch seconds; 0 for none)."""


def paras(body: str) -> str:
    """The article body as HTML paragraphs, one per non-blank line."""
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())


def latest(articles: dict[int, MirrorArticle], ids: Iterable[int]) -> float:
    """Last-Modified of a page listing ``ids``: the newest change among them."""
    return max((articles[i].modified for i in ids if i in articles), default=0.0)
