"""/feed.atom's errors are JSON, as the API's are: a feed reader is no browser, and the HTML error
page would read as a broken feed (or show as markup); its Accept header (XML) does not ask for JSON."""
from __future__ import annotations

import pytest

from tests.test_web_api import BAD, QUERY
from web_fixtures import app, client, make_app, web_data_dir  # noqa: F401  (fixtures)


@pytest.mark.parametrize("args, mentions", [*BAD, pytest.param({"q": "x", "since": "notadate"}, "notadate", id="since-word"),
                                            pytest.param({"q": "ก" * 20_001}, "20,000", id="query-over-the-limit")])
def test_feed_bad_parameters_are_400_as_json_not_a_page(client, args, mentions):
    resp = client.get("/feed.atom", query_string=args)
    assert resp.status_code == 400 and resp.mimetype == "application/json"
    body = resp.get_json()
    assert set(body) == {"error"} and mentions in body["error"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"  # a script in the message stays text


def test_feed_errors_of_the_server_are_json_too(tmp_path, client):
    """503 (no index) and 405 too, and the OpenAPI document says so."""
    resp = make_app(tmp_path / "empty").test_client().get("/feed.atom", query_string={"q": QUERY})
    assert resp.status_code == 503 and set(resp.get_json()) == {"error"}
    resp = client.post("/feed.atom")
    assert resp.status_code == 405 and resp.mimetype == "application/json" and "GET" in resp.headers["Allow"]
    # Only the feed's own path: a mistyped page is still the HTML page.
    assert client.get("/feed.atom.xml").mimetype == "text/html"
    described = client.get("/api/openapi.json").get_json()["paths"]["/feed.atom"]["get"]["responses"]
    assert {"400", "503"} <= set(described) and "application/json" in described["400"]["content"]
