"""Site adapters: small classes that turn pages into data, found by name in one registry.

One adapter per CMS family covers many sites: ``ewt``, ``prd`` (the PRD-style CMS), ``wordpress``,
``nextjs``, ``jsonfeed``; plus ``thaigov`` (its id walk), ``listing`` (selectors from sources.toml),
``feed`` (RSS/Atom) and ``generic`` (main-text extraction).
"""
from __future__ import annotations

from typing import Any

from crawler.adapters.base import Adapter, ArticleData, ListItem, ListPage
from crawler.adapters.challenge import challenge_of
from crawler.adapters.ewt import EwtAdapter
from crawler.adapters.feed import FeedAdapter
from crawler.adapters.generic import GenericAdapter
from crawler.adapters.jsonfeed import JsonFeedAdapter
from crawler.adapters.listing import ListingAdapter
from crawler.adapters.nextjs import NextjsAdapter
from crawler.adapters.prd import PrdAdapter
from crawler.adapters.thaigov import ThaigovAdapter
from crawler.adapters.wordpress import WordPressAdapter
from crawler.errors import UnknownAdapter

ADAPTERS: dict[str, type[Adapter]] = {
    cls.name: cls for cls in (ThaigovAdapter, ListingAdapter, FeedAdapter, GenericAdapter, EwtAdapter, PrdAdapter,
                              WordPressAdapter, NextjsAdapter, JsonFeedAdapter)
}


def get_adapter(name: str, options: dict[str, Any] | None = None) -> Adapter:
    """An adapter instance by registry name; UnknownAdapter names the known ones."""
    try:
        cls = ADAPTERS[name]
    except KeyError:
        raise UnknownAdapter(f"unknown adapter {name!r}; known: {', '.join(sorted(ADAPTERS))}") from None
    return cls(options)


__all__ = ["ADAPTERS", "Adapter", "ArticleData", "ListItem", "ListPage", "challenge_of", "get_adapter"]
