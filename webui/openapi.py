"""The OpenAPI 3.1 document of the JSON API (served at /api/openapi.json)."""
from __future__ import annotations

from indexer import MAX_PAGE, MAX_PER_PAGE, SORTS

_ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}

_SEARCH_PARAMS = [
    {"name": "q", "in": "query", "schema": {"type": "string"},
     "description": 'Words (Thai needs no spaces), "exact phrase", -exclude, a OR b. Empty lists everything.'},
    {"name": "agency", "in": "query", "style": "form", "explode": True,
     "schema": {"type": "array", "items": {"type": "string"}},
     "description": "Agency id, Thai name, abbreviation, English name or domain; may repeat. "
                    "A ministry also matches its departments."},
    {"name": "since", "in": "query", "schema": {"type": "string"},
     "description": 'First day: ISO "2021-03-04", Buddhist-era "4/3/2564", a month "มี.ค. 2564" or a year "2564".'},
    {"name": "until", "in": "query", "schema": {"type": "string"},
     "description": "Last day, same formats as since (a month or year means its last day)."},
    {"name": "sort", "in": "query", "schema": {"type": "string", "enum": list(SORTS), "default": "relevance"}},
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}},
    {"name": "per_page", "in": "query",
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 20}},
]

_AGENCY_REF = {"type": "object", "required": ["id", "name"],
               "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}

_SEARCH_RESULT = {
    "type": "object",
    "required": ["query", "total", "page", "per_page", "hits", "facets"],
    "properties": {
        "query": {"type": "string"},
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "per_page": {"type": "integer"},
        "sort": {"type": "string", "enum": list(SORTS)},
        "hits": {"type": "array", "items": {
            "type": "object",
            "required": ["url", "title", "date", "agency", "score", "snippet"],
            "properties": {
                "url": {"type": "string"},
                "title": {"type": "string"},
                "date": {"type": ["string", "null"], "format": "date"},
                "agency": _AGENCY_REF,
                "score": {"type": "number"},
                "snippet": {"type": "string", "description": "HTML: text escaped, query words in <mark>."},
            },
        }},
        "facets": {"type": "object", "properties": {
            "agency": {"type": "array", "items": {
                "type": "object", "required": ["id", "name", "count"],
                "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                               "name_en": {"type": "string"}, "count": {"type": "integer"},
                               "parent": {"type": ["string", "null"],
                                          "description": "null for a ministry (its count includes departments)"}},
            }},
            "year": {"type": "array", "items": {
                "type": "object", "required": ["value", "count"],
                "properties": {"value": {"type": "integer"}, "count": {"type": "integer"}},
            }},
        }},
        "words": {"type": "array", "items": {"type": "string"}, "description": "How the query was split into words."},
        "relaxed": {"type": "boolean", "description": "True when no article had all words and some are shown."},
        "notices": {"type": "array", "items": {"type": "string"}},
        "took_ms": {"type": "number"},
    },
}

_ARTICLE = {
    "type": "object",
    "required": ["url", "title", "body", "published", "agency"],
    "properties": {k: {"type": t} for k, t in [
        ("url", "string"), ("title", "string"), ("body", "string"), ("published", ["string", "null"]),
        ("agency", "string"), ("publisher", "string"), ("category", "string"), ("lang", "string"),
        ("fetched_at", "string"), ("content_hash", "string"), ("seq", "integer")]},
}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def openapi_document(server_url: str = "") -> dict:
    """The OpenAPI document, with this server's URL."""
    bad = _json(_ERROR, "Bad parameter; the message says which and why.")
    return {
        "openapi": "3.1.0",
        "info": {"title": "govsearch API", "version": "1",
                 "description": "Full-text search over Thai government news."},
        "servers": [{"url": server_url}] if server_url else [],
        "paths": {
            "/api/search": {"get": {
                "operationId": "search", "summary": "Search articles",
                "parameters": _SEARCH_PARAMS,
                "responses": {"200": _json(_SEARCH_RESULT, "One page of hits with facets."), "400": bad},
            }},
            "/api/article": {"get": {
                "operationId": "article", "summary": "A stored article",
                "parameters": [{"name": "url", "in": "query", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json(_ARTICLE, "The article."), "400": bad,
                              "404": _json(_ERROR, "No stored article has this URL.")},
            }},
            "/api/status": {"get": {
                "operationId": "status", "summary": "Crawl and index status",
                "responses": {"200": _json({"type": "object"}, "Per source: last crawl, counts, errors; index size.")},
            }},
            "/healthz": {"get": {
                "operationId": "health", "summary": "Health check",
                "responses": {"200": _json({"type": "object"}, "The index answers."),
                              "503": _json(_ERROR, "The index cannot be opened.")},
            }},
            "/feed.atom": {"get": {
                "operationId": "feed", "summary": "Atom feed of the newest matches",
                "parameters": [p for p in _SEARCH_PARAMS if p["name"] in ("q", "agency", "since", "until")],
                "responses": {"200": {"description": "Atom feed",
                                      "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                              "400": {"description": "Bad parameter (an HTML page saying which and why)."}},
            }},
        },
    }
