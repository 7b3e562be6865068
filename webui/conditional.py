"""ETags and 304 Not Modified for the API and the feeds.

A client that asks again with the ETag it holds (``If-None-Match``: a feed reader, a cache, a
script polling a search) gets 304 and no body. A search answer and a feed depend only on the
request and on the data: the index version and the store's newest change (snippets and copies
are read from the store). Their ETag hashes those, so it is known before searching and a 304
costs no search; it is weak (``W/``) because two answers with one ETag may differ in ``took_ms``.
An article's ETag is a hash of its JSON, which is read from the store anyway.
"""
from __future__ import annotations

import hashlib
from importlib import metadata

from flask import Response, g, request

from webui import services

try:
    _CODE = metadata.version("govsearch")  # a new release may answer differently
except metadata.PackageNotFoundError:  # run from a checkout without installing
    _CODE = "checkout"


def data_etag() -> str:
    """The weak ETag of this request's answer over the current data."""
    key = repr((_CODE, services.data_version(), request.path, request.query_string, request.host_url,
                getattr(g, "lang", "")))
    return 'W/"' + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32] + '"'


def body_etag(body: bytes) -> str:
    """The strong ETag of a body."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def not_modified(etag: str, headers: dict[str, str] | None = None) -> Response | None:
    """A 304 when the request's If-None-Match holds ``etag`` (weak comparison, as RFC 9110 asks for
    GET), else None."""
    if not request.if_none_match.contains_weak(etag.removeprefix("W/").strip('"')):
        return None
    return Response(status=304, headers={"ETag": etag, **(headers or {})})


def tagged(resp: Response, etag: str) -> Response:
    """``resp`` carrying ``etag``."""
    resp.headers["ETag"] = etag
    return resp
