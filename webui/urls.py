"""Tiny pure helpers that build the URL of every state (datasette's ``path_with_added_args``).

They take the current query arguments as ``(key, value)`` pairs and return a new query string,
so templates only loop and print. Changing a filter drops ``page``: a new filter starts on page 1.
"""
from __future__ import annotations

import functools
from typing import Iterable
from urllib.parse import quote_plus, urlsplit, urlunsplit

from core.urls import canonical_url

Pairs = list[tuple[str, str]]

# Keys that describe the search itself; anything else in the URL (tracking junk) is dropped.
SEARCH_KEYS = ("q", "agency", "province", "since", "until", "sort", "page", "per_page", "group", "lang")


# A results page builds ~150 links that repeat the same few keys and values (the query above all);
# quoting each string once instead of once per link took a third off the page's URL building.
_quote = functools.lru_cache(maxsize=4096)(quote_plus)


def encode(pairs: Iterable[tuple[str, str]]) -> str:
    """``urllib.parse.urlencode`` of string pairs (the same output), quoting each string once."""
    return "&".join(f"{_quote(k)}={_quote(v)}" for k, v in pairs)


def pairs_of(args) -> Pairs:
    """The search arguments of a request (a MultiDict or pairs), blanks dropped, order kept."""
    items = args.items(multi=True) if hasattr(args, "items") and hasattr(args, "getlist") else args
    return [(k, v) for k, v in items if k in SEARCH_KEYS and v != ""]


def with_args(path: str, pairs: Iterable[tuple[str, str]], **changes: str | list[str] | None) -> str:
    """``path`` with the arguments in ``pairs``, each key in ``changes`` replaced.

    A change of ``None`` removes the key; a list sets every value. Any change other than to
    ``page`` itself resets paging.
    """
    changes = dict(changes)
    if changes and "page" not in changes:
        changes["page"] = None
    out: Pairs = [(k, v) for k, v in pairs if k not in changes]
    for key, value in changes.items():
        if value is None:
            continue
        for v in value if isinstance(value, list) else [value]:
            if v != "":
                out.append((key, str(v)))
    qs = encode(out)
    return f"{path}?{qs}" if qs else path


def toggle_urls(path: str, pairs: Pairs, key: str, selected: list[str], values: Iterable[str]) -> list[str]:
    """For each of ``values``, the URL with it added to, or removed from, the ``key`` values
    ``selected``: ``with_args(path, pairs, **{key: toggled})`` for each, with the arguments they
    share encoded once (a results page toggles 77 provinces and dozens of agencies)."""
    base = encode((k, v) for k, v in pairs if k != key and k != "page")
    out = []
    for value in values:
        ids = [s for s in selected if s != value] if value in selected else [*selected, value]
        qs = "&".join(part for part in (base, encode((key, str(v)) for v in ids if v != "")) if part)
        out.append(f"{path}?{qs}" if qs else path)
    return out


def toggle_agency(path: str, pairs: Pairs, selected: list[str], agency_id: str) -> str:
    """The URL with ``agency_id`` added to, or removed from, the selected agencies."""
    ids = [a for a in selected if a != agency_id] if agency_id in selected else [*selected, agency_id]
    return with_args(path, pairs, agency=ids)


def article_url(path: str, url: str, pairs: Pairs) -> str:
    """The stored-copy page of ``url``, carrying the search state so "back" returns to the same page."""
    return f"{path}?{encode([('url', url), *pairs])}"


def url_variants(url: str) -> list[str]:
    """``url`` as given, then as the crawler stores it (:func:`core.urls.canonical_url`: lower-case
    host, no default port, sorted query, percent-encoded path, no fragment), and that with the other
    of http and https and a slash more or less at the end of the path: a reader's paste of it."""
    url = url.strip()
    out = [url]
    try:
        canon = canonical_url(url)
    except ValueError:  # not a URL at all: only as given
        return out
    parts = urlsplit(canon)
    if parts.scheme in ("http", "https") and parts.netloc:
        path = parts.path
        paths = [path, path[:-1] if path.endswith("/") and len(path) > 1 else path + "/"]
        for scheme in (parts.scheme, "https" if parts.scheme == "http" else "http"):
            out += [urlunsplit((scheme, parts.netloc, p, parts.query, "")) for p in paths]
    return list(dict.fromkeys(out))
