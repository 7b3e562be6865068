"""Atom feeds: ``/feed.atom?<any search>`` lists the newest matching articles.

Built with ElementTree, which escapes text and attributes; characters XML 1.0 forbids (control
characters in old pages or a typed query) are dropped first, so the feed always parses.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime, timezone

from flask import Blueprint, Response, current_app, request, url_for

from core.agencies import registry
from indexer import SearchResult
from webui import conditional, services
from webui.urls import article_url, pairs_of, with_args

bp = Blueprint("feeds", __name__)

ATOM = "http://www.w3.org/2005/Atom"
_BAD_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TZ = "+07:00"  # articles carry a Thai calendar date; midnight Bangkok time


def clean(text: str | None) -> str:
    """Text with the characters XML 1.0 cannot carry removed."""
    return _BAD_XML.sub("", text or "")


@bp.get("/feed.atom")
def atom():
    """The newest matches of the search in the query string (ParamError -> 400)."""
    params = services.params_from_args(request.args, raw=request.query_string)
    params = replace(params, sort="newest", page=1, per_page=current_app.config["FEED_ENTRIES"])
    headers = {"Cache-Control": "public, max-age=300", "ETag": conditional.data_etag()}
    unchanged = conditional.not_modified(headers["ETag"], headers)
    if unchanged is not None:  # a feed reader polling an unchanged search
        return unchanged
    result = services.search(params)
    pairs = [(k, v) for k, v in pairs_of(request.args) if k not in ("page", "per_page", "sort")]
    xml = build_feed(result, pairs)
    return Response(xml, mimetype="application/atom+xml", headers=headers)


def build_feed(result: SearchResult, pairs: list[tuple[str, str]]) -> bytes:
    """The Atom document for one page of results, newest first."""
    reg = registry()
    root = request.url_root.rstrip("/")
    self_url = root + with_args(url_for("feeds.atom"), pairs)
    html_url = root + with_args(url_for("pages.search"), pairs)
    q = result.params.q.strip()

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "title", f"ค้นข่าวรัฐบาล: {q[:200]}" if q else "ค้นข่าวรัฐบาล: ข่าวล่าสุด")
    _sub(feed, "id", self_url)
    _sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=html_url, type="text/html")
    newest = next((h.date for h in result.hits if h.date), None)
    _sub(feed, "updated", f"{newest}T00:00:00{_TZ}" if newest else
         datetime.now(timezone.utc).replace(microsecond=0).isoformat())
    _sub(_sub(feed, "author"), "name", "govsearch")
    _sub(feed, "generator", "govsearch")
    for hit in result.hits:
        entry = _sub(feed, "entry")
        _sub(entry, "title", hit.title or hit.url)
        _sub(entry, "id", hit.url)
        _sub(entry, "link", rel="alternate", href=hit.url)
        _sub(entry, "link", rel="related", href=root + article_url(url_for("pages.article"), hit.url, []),
             title="stored copy")
        when = f"{hit.date}T00:00:00{_TZ}" if hit.date else datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        _sub(entry, "updated", when)
        if hit.date:
            _sub(entry, "published", when)
        _sub(_sub(entry, "author"), "name", reg.name(hit.agency))
        _sub(entry, "category", term=hit.agency, label=reg.name(hit.agency))
        _sub(entry, "summary", hit.snippet, type="html")  # escaped HTML, as Atom's type="html" wants
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = clean(text)
    return el
