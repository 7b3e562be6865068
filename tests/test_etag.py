"""ETag and 304 Not Modified on /api/search, /api/article and /feed.atom: the same request with the
ETag it got answers 304 with no body; after the data changed (a new article indexed, a reindex, an
article edited) the old ETag gets a 200 with a new ETag. Real app, real index, real store."""
from __future__ import annotations

import json
import time

import pytest

from web_fixtures import build_web_data_dir, make_app

KNOWN_URL = "https://www.thaigov.go.th/news/contents/details/72657"
NEW_URL = "https://www.thaigov.go.th/news/contents/details/999001"
REQUESTS = [("/api/search", {"q": "มหาดไทย", "per_page": 3}),
            ("/api/search", {"q": "มหาดไทย", "format": "csv"}),
            ("/feed.atom", {"q": "มหาดไทย"}),
            ("/api/article", {"url": KNOWN_URL})]


@pytest.fixture
def data_dir(tmp_path):
    return build_web_data_dir(tmp_path / "data")


def _import(data_dir, tmp_path, **article) -> None:
    from core.importer import import_files
    from core.paths import store_path
    from core.store import Store
    from indexer import sync_index

    path = tmp_path / f"new-{time.monotonic_ns()}.jsonl"
    path.write_text(json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")
    with Store(store_path(data_dir)) as store:
        assert import_files(store, [path]).lines == 1
    sync_index(data_dir)
    time.sleep(1.2)  # the app's searcher looks for a new index version once a second


def _etags(client) -> dict:
    out = {}
    for path, args in REQUESTS:
        resp = client.get(path, query_string=args)
        assert resp.status_code == 200 and resp.headers.get("ETag"), (path, resp.status_code)
        again = client.get(path, query_string=args, headers={"If-None-Match": resp.headers["ETag"]})
        assert again.status_code == 304, (path, again.status_code)
        assert again.headers["ETag"] == resp.headers["ETag"] and again.get_data() == b""
        out[(path, args.get("format", ""))] = resp.headers["ETag"]
    return out


def test_the_same_request_twice_is_not_modified_and_a_new_article_changes_the_etag(data_dir, tmp_path):
    client = make_app(data_dir).test_client()
    before = _etags(client)
    # A client that holds an older ETag among others still gets its 304.
    resp = client.get("/api/search", query_string={"q": "มหาดไทย", "per_page": 3},
                      headers={"If-None-Match": f'W/"old", {before[("/api/search", "")]}'})
    assert resp.status_code == 304
    _import(data_dir, tmp_path, url=NEW_URL, title="กระทรวงมหาดไทยแถลงข่าวใหม่", body="ข่าวมหาดไทย " * 30,
            date="2025-09-01", agency="moi")
    after = _etags(client)
    for path, args in REQUESTS[:3]:
        key = (path, args.get("format", ""))
        assert after[key] != before[key], key
        stale = client.get(path, query_string=args, headers={"If-None-Match": before[key]})
        assert stale.status_code == 200 and stale.headers["ETag"] == after[key]
    assert NEW_URL in client.get("/feed.atom", query_string={"q": "มหาดไทย"}).get_data(as_text=True)


def test_a_reindex_changes_the_search_etag_and_an_edited_article_its_own(data_dir, tmp_path):
    from indexer import rebuild_index

    client = make_app(data_dir).test_client()
    before = _etags(client)
    rebuild_index(data_dir)
    time.sleep(1.2)
    after = _etags(client)
    assert after[("/api/search", "")] != before[("/api/search", "")]
    assert after[("/api/article", "")] == before[("/api/article", "")]  # the article itself did not change
    art = client.get("/api/article", query_string={"url": KNOWN_URL}).get_json()
    _import(data_dir, tmp_path, url=KNOWN_URL, title=art["title"], body=art["body"] + "\n\nแก้ไขเพิ่มเติม",
            date=art["published"], agency=art["agency"])
    resp = client.get("/api/article", query_string={"url": KNOWN_URL},
                      headers={"If-None-Match": after[("/api/article", "")]})
    assert resp.status_code == 200 and resp.headers["ETag"] != after[("/api/article", "")]
    assert "แก้ไขเพิ่มเติม" in resp.get_json()["body"]


def test_a_bad_request_is_still_a_400_whatever_the_etag(data_dir):
    client = make_app(data_dir).test_client()
    resp = client.get("/api/search", query_string={"q": "x", "per_page": 0}, headers={"If-None-Match": "*"})
    assert resp.status_code == 400
