"""The JSON API (design.md): /api/search, /api/article, /api/status, /healthz, /api/openapi.json.

Search and article answers carry an ETag and answer 304 to a matching If-None-Match
(:mod:`webui.conditional`)."""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, jsonify, request, stream_with_context

from indexer import EXPORT_CAP, FORMATS, SORT_ERROR, SORTS, ParamError, as_csv, as_jsonl, export_rows
from webui import conditional, services, status as status_report
from webui.openapi import openapi_document

bp = Blueprint("api", __name__)


@bp.get("/api/search")
def search():
    """Search; the document is ``SearchResult.to_json()``. Bad parameters -> 400 ``{"error": …}``.

    ``format=csv`` or ``format=jsonl`` streams every match instead (up to EXPORT_CAP rows).
    """
    # ParamError -> 400 via the error handler
    params = services.params_from_args(request.args, raw=request.query_string)
    # The API takes its enumerations exactly as documented: "" or "JSON" is a 400 (the page is
    # lenient: its forms may send an empty choice).
    fmt = request.args.get("format", "json")
    if fmt != "json" and fmt not in FORMATS:
        choices = ", ".join(("json", *FORMATS))
        raise ParamError(f"format ต้องเป็น {choices} / format must be {choices}")
    if request.args.get("sort", SORTS[0]) not in SORTS:
        raise ParamError(SORT_ERROR)
    etag = conditional.data_etag()
    unchanged = conditional.not_modified(etag)
    if unchanged is not None:
        return unchanged
    if fmt == "json":
        # The same bytes as jsonify(result.to_json()) outside debug mode, where jsonify indents
        # (tests/test_web_api.py), in half the time.
        body = services.search(params, marked_titles=False).json_text() + "\n"  # plain titles
        return conditional.tagged(Response(body, mimetype=current_app.json.mimetype), etag)
    rows = export_rows(services.engine(), params, EXPORT_CAP)
    body = as_csv(rows) if fmt == "csv" else as_jsonl(rows)
    mimetype = "text/csv" if fmt == "csv" else "application/x-ndjson"
    # content_type, not mimetype: Werkzeug adds "; charset=utf-8" to a text/* mimetype a second time.
    return Response(stream_with_context(body), content_type=f"{mimetype}; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="govsearch.{fmt}"', "ETag": etag})


@bp.get("/api/article")
def article():
    """One stored article, every field, and the other copies of its release; 404 if the URL is unknown."""
    url = request.args.get("url", "")
    if not url:
        abort(400, description="url is required / ต้องระบุ url")
    art = services.article(url)
    if art is None:
        abort(404, description="no stored article has this url / ไม่พบบทความนี้ในคลัง")
    resp = jsonify({**art.to_dict(), "copies": services.copies(art)})
    etag = conditional.body_etag(resp.get_data())
    return conditional.not_modified(etag) or conditional.tagged(resp, etag)


@bp.get("/api/status")
def status():
    """Crawl runs per source, counts, index size and freshness."""
    return jsonify(status_report.current().to_json())


@bp.get("/healthz")
def healthz():
    """Liveness and readiness: the index opens and answers."""
    return jsonify(status="ok", documents=services.engine().doc_count())


@bp.get("/api/openapi.json")
def openapi():
    """The OpenAPI 3 description of this API."""
    return jsonify(openapi_document(request.host_url.rstrip("/")))
