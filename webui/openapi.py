"""The OpenAPI 3.1 document of the JSON API (served at /api/openapi.json).

The search answer's schema is generated from the models the answer is made from
(:mod:`indexer.result`), and the article's from the store's :class:`~core.store.Article`, so the
description cannot drift from the API. Every object is closed (``additionalProperties: false``):
tests/test_api_contract.py validates real answers against this document.
"""
from __future__ import annotations

from functools import lru_cache

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, models_json_schema

from core.store import Article
from indexer import (COLUMNS, EXPORT_CAP, FORMATS, MAX_CLAUSES, MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_CHARS,
                     MAX_QUERY_INPUT, SORTS, SearchDocument)

_REF = "#/components/schemas/{model}"


class _Schema(GenerateJsonSchema):
    """Pydantic's JSON schema without a title on every property (the names say it)."""

    def field_title_should_be_set(self, schema) -> bool:  # noqa: D102
        return False


def _ref(name: str) -> dict:
    return {"$ref": _REF.format(model=name)}


_ERROR = {"type": "object", "required": ["error"], "additionalProperties": False,
          "properties": {"error": {"type": "string"}}}

_HEALTH = {"type": "object", "required": ["status", "documents"], "additionalProperties": False,
           "properties": {"status": {"const": "ok"}, "documents": {"type": "integer"}}}

# /api/status is written by webui.status (Status.to_json); its crawl runs are the store's rows.
_COUNTS = {"type": "object", "additionalProperties": {"type": "integer"}}
_RUN = {"type": ["object", "null"], "description": "The source's newest crawl run, as the store records it.",
        "properties": {"error_kinds": {**_COUNTS, "description": "Failed fetches by kind (timeout: 2)."},
                       "skipped": {**_COUNTS, "description": "What the run left out on purpose, by reason "
                                                              "(duplicate: 3, pdf file: 1)."}}}
_STATUS = {
    "type": "object", "additionalProperties": False,
    "required": ["articles", "index", "sources", "other_runs", "agencies"],
    "properties": {
        "articles": {"type": "integer"},
        "index": {"type": "object", "additionalProperties": False,
                  "required": ["documents", "bytes", "generation", "applied_seq", "store_seq", "behind",
                               "store_updated"],
                  "properties": {"documents": {"type": "integer"}, "bytes": {"type": "integer"},
                                 "generation": {"type": ["string", "null"]}, "applied_seq": {"type": "integer"},
                                 "store_seq": {"type": "integer"},
                                 "behind": {"type": "integer", "description": "Store changes not indexed yet."},
                                 "store_updated": {"type": ["string", "null"]}}},
        "sources": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "name", "agency", "publisher", "verified", "interval_seconds", "articles",
                         "last_run", "next_crawl"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "agency": {"type": "string"},
                           "publisher": {"type": "string"}, "verified": {"type": "boolean"},
                           "interval_seconds": {"type": "number"}, "articles": {"type": "integer"},
                           "last_run": _RUN, "next_crawl": {"type": ["string", "null"]},
                           "family": {"type": "string", "description": "CMS family (ewt, prd-style, wordpress, …)."},
                           "evidence": {"type": "string", "description": "Where the layout comes from, or 'guess'."},
                           "crawlable": {"type": "boolean",
                                         "description": "False: no public evidence of the layout; never crawled."},
                           "failed_runs": {"type": "integer", "description":
                                           "Runs in a row that failed since the last success."},
                           "last_success": {"type": ["string", "null"],
                                            "description": "When the last successful run ended."},
                           "scheduled": {"type": "boolean", "description":
                                         "True: a running scheduler planned next_crawl, and interval_seconds "
                                         "is its interval. False: nothing is planned (next_crawl is null)."}}}},
        "other_runs": {"type": "object", "additionalProperties": _RUN,
                       "description": "Last runs of sources no longer configured."},
        "agencies": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["id", "count"],
            "properties": {"id": {"type": "string"}, "count": {"type": "integer"}}}},
    },
}

_SEARCH_PARAMS = [
    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": MAX_QUERY_INPUT},
     "description": 'Words (Thai needs no spaces), "exact phrase", -exclude, a OR b. Empty lists everything. '
                    "A month or year in it (\"น้ำท่วม มีนาคม 2564\", \"ปี 2564\") becomes a date filter when no "
                    "since/until is given; a query that is only a date lists that time, newest first. "
                    f"Only the first {MAX_QUERY_CHARS} characters (and {MAX_CLAUSES} terms) are searched: a "
                    f"longer query is cut, echoed cut in `query`, with the notice query_cut; over "
                    f"{MAX_QUERY_INPUT:,} characters answers 400."},
    {"name": "agency", "in": "query", "style": "form", "explode": True,
     "schema": {"type": "array", "items": {"type": "string"}},
     "description": "Agency id, Thai name, abbreviation, English name or domain; may repeat. "
                    "A ministry also matches its departments."},
    {"name": "province", "in": "query", "style": "form", "explode": True,
     "schema": {"type": "array", "items": {"type": "string"}},
     "description": 'Province named in the article: DOPA code ("50"), Thai or English name ("เชียงใหม่", '
                    '"Chiang Mai", "จ.เชียงใหม่") or short form ("กทม."); may repeat (any of them). '
                    "facets.province counts the hits per province, ignoring this filter."},
    {"name": "since", "in": "query", "schema": {"type": "string"},
     "description": 'First day: ISO "2021-03-04", Buddhist-era "4/3/2564", a month "มี.ค. 2564" or a year "2564".'},
    {"name": "until", "in": "query", "schema": {"type": "string"},
     "description": "Last day, same formats as since (a month or year means its last day)."},
    {"name": "sort", "in": "query", "schema": {"type": "string", "enum": list(SORTS), "default": "relevance"}},
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}},
    {"name": "per_page", "in": "query",
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 20}},
    {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", *FORMATS], "default": "json"},
     "description": f"json: one page with facets. csv (UTF-8 with a byte-order mark) or jsonl: every match, "
                    f"up to {EXPORT_CAP:,}, streamed, in the sort's order (page and per_page ignored); "
                    f"columns {', '.join(COLUMNS)} (provinces: codes and Thai names, space-separated)."},
    {"name": "group", "in": "query", "schema": {"type": "boolean", "default": True},
     "description": "true: copies of one release (thaigov.go.th, a ministry's site, prd.go.th) are one hit, "
                    "listed in its copies, and totals and facets count releases; false: every copy is a hit."},
]


def _article_schema() -> dict:
    schema = TypeAdapter(Article).json_schema(mode="serialization", ref_template=_REF, schema_generator=_Schema)
    # Article.to_dict() writes every stored field, defaults included; /api/article adds the copies.
    props = {k: v for k, v in schema["properties"].items() if k not in ("minhash", "agency_hint")}
    props["story"] = {**props["story"], "description": "The story group: copies of one release share it."}
    props["story_agency"] = {**props["story_agency"], "description": "The release's issuing agency."}
    props["story_rank"] = {**props["story_rank"], "description": "0 for the copy search shows."}
    props["copies"] = {"type": "array", "items": _ref("CopyDocument"), "description": "The release's other copies."}
    return {**schema, "properties": props, "required": list(props), "additionalProperties": False}


@lru_cache(maxsize=1)
def components() -> dict:
    """The ``components.schemas`` of the document: the declared models' schemas, and the rest."""
    _top, defs = models_json_schema([(SearchDocument, "serialization")], ref_template=_REF,
                                    schema_generator=_Schema)
    return {**defs["$defs"], "Article": _article_schema(), "Status": _STATUS, "Health": _HEALTH, "Error": _ERROR}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


# Conditional requests (webui/conditional.py): answers carry an ETag; sending it back answers 304.
_ETAG = {"ETag": {"description": "Changes when the answer may change (new or edited articles, a reindex). "
                                 "Send it back in If-None-Match to get 304 while it holds.",
                  "schema": {"type": "string"}}}
_IF_NONE_MATCH = {"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"},
                  "description": "An ETag (or several, comma-separated) from an earlier answer."}
_NOT_MODIFIED = {"description": "Not modified: the If-None-Match ETag is still current; no body.",
                 "headers": _ETAG}


def _with_etag(response: dict) -> dict:
    return {**response, "headers": _ETAG}


def openapi_document(server_url: str = "") -> dict:
    """The OpenAPI document, with this server's URL."""
    bad = _json(_ref("Error"), "Bad parameter; the message says which and why.")
    unavailable = _json(_ref("Error"), "The index cannot be opened (the message says what to run).")
    return {
        "openapi": "3.1.0",
        "info": {"title": "govsearch API", "version": "1",
                 "description": "Full-text search over Thai government news."},
        "servers": [{"url": server_url}] if server_url else [],
        "paths": {
            "/api/search": {"get": {
                "operationId": "search", "summary": "Search articles",
                "parameters": [*_SEARCH_PARAMS, _IF_NONE_MATCH],
                "responses": {"200": _with_etag({
                                  "description": "One page of hits with facets (format=json), or every "
                                                 "match as CSV or JSON Lines.",
                                  "content": {"application/json": {"schema": _ref("SearchDocument")},
                                              "text/csv": {"schema": {"type": "string"}},
                                              "application/x-ndjson": {"schema": {"type": "string"}}}}),
                              "304": _NOT_MODIFIED, "400": bad, "503": unavailable},
            }},
            "/api/article": {"get": {
                "operationId": "article", "summary": "A stored article",
                "parameters": [{"name": "url", "in": "query", "required": True,
                                "schema": {"type": "string", "minLength": 1}},
                               _IF_NONE_MATCH],
                "responses": {"200": _with_etag(_json(_ref("Article"), "The article.")), "304": _NOT_MODIFIED,
                              "400": bad,
                              "404": _json(_ref("Error"), "No stored article has this URL.")},
            }},
            "/api/status": {"get": {
                "operationId": "status", "summary": "Crawl and index status",
                "responses": {"200": _json(_ref("Status"), "Per source: last crawl, counts, errors; index size.")},
            }},
            "/healthz": {"get": {
                "operationId": "health", "summary": "Health check",
                "responses": {"200": _json(_ref("Health"), "The index answers."), "503": unavailable},
            }},
            "/feed.atom": {"get": {
                "operationId": "feed", "summary": "Atom feed of the newest matches",
                "parameters": [*(p for p in _SEARCH_PARAMS if p["name"] in ("q", "agency", "province", "since", "until")),
                               _IF_NONE_MATCH],
                "responses": {"200": _with_etag({"description": "Atom feed", "content": {
                                  "application/atom+xml": {"schema": {"type": "string"}}}}),
                              "304": _NOT_MODIFIED, "400": bad, "503": unavailable},
            }},
        },
        "components": {"schemas": components()},
    }
