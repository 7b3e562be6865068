"""Contract: every JSON answer of the API is valid against the OpenAPI document the API serves.

Real answers of the app over real articles, validated with jsonschema against /api/openapi.json
(every object there is closed, so a key added to an answer but not to the schema fails here).
"""
from __future__ import annotations

import copy

import pytest
from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from web_fixtures import app, client, web_data_dir  # noqa: F401  (fixtures)

KNOWN_URL = "https://www.thaigov.go.th/news/contents/details/72657"


@pytest.fixture(scope="module")
def openapi(app):  # noqa: F811
    return app.test_client().get("/api/openapi.json").get_json()


def validate(openapi: dict, path: str, status: int, body) -> None:
    """Validate ``body`` against the schema the document gives for ``path`` answering ``status``."""
    pointer = "/".join(["#", "paths", path.replace("~", "~0").replace("/", "~1"), "get", "responses", str(status),
                        "content", "application~1json", "schema"])
    registry = Registry().with_resource("urn:govsearch:openapi",
                                        Resource.from_contents(openapi, default_specification=DRAFT202012))
    schema = {"$ref": "urn:govsearch:openapi" + pointer}
    Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(body)


SEARCHES = [
    pytest.param({"q": "มหาดไทย", "per_page": 3}, "hits", id="plain"),
    pytest.param({}, "hits", id="everything"),
    pytest.param({"q": "มหาดไทย", "agency": "moi", "since": "2564", "sort": "newest"}, "hits", id="filtered"),
    pytest.param({"q": "กระทรวง", "province": ["กทม.", "50"]}, "hits", id="province"),
    pytest.param({"q": "ยูนิคอร์นสีม่วงเรืองแสง"}, "zero", id="zero-hit"),
    pytest.param({"q": ",skfwmp"}, "did_you_mean", id="did-you-mean-keyboard"),
    pytest.param({"q": "มหาดไย"}, "did_you_mean", id="did-you-mean-typo"),
    pytest.param({"q": "ศาสต"}, "notices", id="last-word-completed"),
    pytest.param({"q": "มหาดไทย กันยายน 2566"}, "date_from_query", id="date-from-query"),
    pytest.param({"q": "มหาดไทย ยูนิคอร์นสีม่วงเรืองแสง"}, "relaxed", id="relaxed"),
    pytest.param({"q": "ข่าว มท."}, "agency_suggestions", id="agency-named"),
    pytest.param({"q": '"มหาดไทย"', "page": 1000}, "zero", id="past-the-end"),
    pytest.param({"q": "ปี 2564"}, "notices", id="date-only"),
    pytest.param({"q": "น้ำท่วม มีนาคม 2564"}, "notices", id="nothing-in-dates"),
    pytest.param({"q": "มหาดไทย " * 1500}, "notices", id="query-cut"),
]


@pytest.mark.parametrize("args, case", SEARCHES)
def test_search_answers_match_the_schema(client, openapi, args, case):  # noqa: F811
    resp = client.get("/api/search", query_string=args)
    assert resp.status_code == 200
    doc = resp.get_json()
    # Each case must really produce what it is named for, or the schema of that part goes unchecked.
    if case == "hits":
        assert doc["hits"]
    elif case == "zero":
        assert not doc["hits"]
    elif case == "relaxed":
        assert doc["relaxed"] is True
    else:
        assert doc[case]
    validate(openapi, "/api/search", 200, doc)


def test_article_answers_match_the_schema(client, openapi):  # noqa: F811
    resp = client.get("/api/article", query_string={"url": KNOWN_URL})
    assert resp.status_code == 200
    validate(openapi, "/api/article", 200, resp.get_json())
    for args, status in [({}, 400), ({"url": "https://nowhere.example/x"}, 404)]:
        resp = client.get("/api/article", query_string=args)
        assert resp.status_code == status
        validate(openapi, "/api/article", status, resp.get_json())


def test_status_and_health_answers_match_the_schema(client, openapi):  # noqa: F811
    status = client.get("/api/status").get_json()
    assert status["sources"] and any(s["last_run"] for s in status["sources"])
    validate(openapi, "/api/status", 200, status)
    validate(openapi, "/healthz", 200, client.get("/healthz").get_json())


@pytest.mark.parametrize("args", [{"page": "0"}, {"agency": "no-such-agency"}, {"since": "31/02/2564"},
                                  {"sort": "popular"}])
def test_error_answers_match_the_schema(client, openapi, args):  # noqa: F811
    resp = client.get("/api/search", query_string=args)
    assert resp.status_code == 400
    validate(openapi, "/api/search", 400, resp.get_json())


def test_unavailable_index_answer_matches_the_schema(app, openapi, monkeypatch):  # noqa: F811
    from indexer import IndexUnavailable

    def broken(*_a, **_k):
        raise IndexUnavailable("run `govsearch reindex`")

    monkeypatch.setattr(app.extensions["govsearch"]["engine"], "search", broken)
    resp = app.test_client().get("/api/search?q=x")
    assert resp.status_code == 503
    validate(openapi, "/api/search", 503, resp.get_json())


@pytest.mark.parametrize("where", ["top", "hit", "agency", "facet", "year"])
def test_a_key_missing_from_the_schema_fails(client, openapi, where):  # noqa: F811
    doc = client.get("/api/search", query_string={"q": "มหาดไทย", "per_page": 2}).get_json()
    changed = copy.deepcopy(doc)
    target = {"top": changed, "hit": changed["hits"][0], "agency": changed["hits"][0]["agency"],
              "facet": changed["facets"]["agency"][0], "year": changed["facets"]["year"][0]}[where]
    target["undocumented"] = 1
    validate(openapi, "/api/search", 200, doc)
    with pytest.raises(ValidationError):
        validate(openapi, "/api/search", 200, changed)


@pytest.mark.parametrize("notice", [{"code": "no_such_code", "params": {}}, {"code": "some_words"},
                                    "some words are missing"])
def test_a_notice_is_a_documented_code_with_parameters(client, openapi, notice):  # noqa: F811
    doc = client.get("/api/search", query_string={"q": "มหาดไทย ยูนิคอร์นสีม่วงเรืองแสง"}).get_json()
    assert doc["notices"] == [{"code": "some_words", "params": {}},
                              {"code": "words_not_found", "params": {"words": "ยูนิคอร์นสีม่วงเรืองแสง"}}]
    validate(openapi, "/api/search", 200, doc)
    doc["notices"] = [notice]
    with pytest.raises(ValidationError):
        validate(openapi, "/api/search", 200, doc)


def test_every_notice_code_is_described(openapi):
    from indexer.result import NOTICE_CODES

    notice = openapi["components"]["schemas"]["Notice"]["properties"]["code"]
    assert notice["enum"] == list(NOTICE_CODES)
    assert all(code in notice["description"] for code in NOTICE_CODES)


def test_a_wrong_date_fails(client, openapi):  # noqa: F811
    doc = client.get("/api/search", query_string={"q": "มหาดไทย", "per_page": 1}).get_json()
    doc["hits"][0]["date"] = "27/09/2566"
    with pytest.raises(ValidationError):
        validate(openapi, "/api/search", 200, doc)


@pytest.mark.parametrize("path, args", [("/api/search", {"q": "มหาดไทย"}), ("/api/article", {"url": KNOWN_URL}),
                                        ("/feed.atom", {"q": "มหาดไทย"})])
def test_etag_and_304_are_documented_and_answered(client, openapi, path, args):  # noqa: F811
    op = openapi["paths"][path]["get"]
    assert "ETag" in op["responses"]["200"]["headers"] and "ETag" in op["responses"]["304"]["headers"]
    assert any(p["name"] == "If-None-Match" and p["in"] == "header" for p in op["parameters"])
    etag = client.get(path, query_string=args).headers["ETag"]
    assert client.get(path, query_string=args, headers={"If-None-Match": etag}).status_code == 304
