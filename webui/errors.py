"""One error handler for the whole app: JSON for the API, a friendly page for people.

Never a 500 for anything a user can type (bad parameters are :class:`ParamError` -> 400), and
never the raw input echoed unescaped (JSON is encoded, HTML goes through Jinja's autoescape).
"""
from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from indexer import IndexUnavailable, ParamError

log = logging.getLogger(__name__)

_JSON_PATHS = ("/api/", "/healthz")
# Read by programs, not people: a feed reader shown the HTML error page takes it for a broken feed
# (or shows its markup), and it asks for XML, not HTML, so the Accept header does not tell.
_MACHINE_PATHS = frozenset({"/feed.atom"})
_last_unavailable = ""


def wants_json() -> bool:
    """True for API paths and the feed, or a client that prefers JSON to HTML."""
    if request.path.startswith(_JSON_PATHS) or request.path in _MACHINE_PATHS:
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def error_response(status: int, message: str, title_key: str = "error_title") -> Response:
    """The error as JSON ``{"error": message}`` or as the HTML error page."""
    if wants_json():
        resp = jsonify(error=message)
        resp.status_code = status
        return resp
    return Response(render_template("error.html", status=status, message=message, title_key=title_key),
                     status=status, mimetype="text/html")


def _handle(e: Exception) -> Response:
    if isinstance(e, ParamError):
        return error_response(400, str(e), "bad_request")
    if isinstance(e, IndexUnavailable):
        global _last_unavailable
        if str(e) != _last_unavailable:  # once per cause, not once per request
            _last_unavailable = str(e)
            log.error("index unavailable: %s", e)
        return error_response(503, str(e))
    if isinstance(e, HTTPException):
        key = {404: "not_found", 400: "bad_request"}.get(e.code or 500, "error_title")
        resp = error_response(e.code or 500, e.description or e.name, key)
        if e.code == 405 and e.response is None:
            resp.headers["Allow"] = ", ".join(getattr(e, "valid_methods", None) or ["GET", "HEAD"])
        return resp
    # Anything else is our bug: log it with the traceback, tell the user nothing internal.
    log.exception("unhandled error on %s", request.path)
    return error_response(500, InternalServerError.description)


def init_app(app: Flask) -> None:
    """Route every exception through the one handler."""
    app.register_error_handler(Exception, _handle)
