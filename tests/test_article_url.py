"""/api/article and the article page find a stored article by the URL as a reader pastes it: http
for https, a slash more or less at the end (a fresh-eyes tester got 404 "no stored article")."""
from __future__ import annotations

import pytest

from web_fixtures import app, client, web_data_dir  # noqa: F401  (fixtures)
from webui.urls import url_variants

KNOWN_URL = "https://www.thaigov.go.th/news/contents/details/72657"


@pytest.mark.parametrize("url", [KNOWN_URL, KNOWN_URL + "/", KNOWN_URL.replace("https:", "http:"),
                                 "http://WWW.thaigov.go.th/news/contents/details/72657/", f" {KNOWN_URL}#top"])
def test_another_form_of_the_url_finds_the_article(client, url):  # noqa: F811
    resp = client.get("/api/article", query_string={"url": url})
    assert resp.status_code == 200 and resp.get_json()["url"] == KNOWN_URL
    assert client.get("/article", query_string={"url": url}).status_code == 200


def test_another_article_number_is_not_found(client):  # noqa: F811
    assert client.get("/api/article", query_string={"url": KNOWN_URL + "1"}).status_code == 404


def test_the_url_as_given_comes_first():
    assert url_variants("http://a.go.th/x")[0] == "http://a.go.th/x"
    assert set(url_variants("https://a.go.th/x")) == {"https://a.go.th/x", "https://a.go.th/x/",
                                                      "http://a.go.th/x", "http://a.go.th/x/"}


def test_a_thai_path_or_a_reordered_query_is_looked_up_as_stored():
    """Review: the crawler stores URLs canonical (percent-encoded path, sorted query): a pasted
    https://x.go.th/iid/ข่าว or ?b=2&a=1 is looked up that way too."""
    assert "https://x.go.th/iid/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7" in url_variants("https://x.go.th/iid/ข่าว")
    assert "https://x.go.th/v?a=1&b=2" in url_variants("https://X.go.th:443/v?b=2&a=1#top")
