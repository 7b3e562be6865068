"""Property tests: whatever a user puts in the query string, the API answers JSON, 200 or 400.

Values mix the shapes the parameters expect (agency ids, Thai names, BE dates, numbers) with
arbitrary text, so both the accepted and the rejected paths are exercised.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from web_fixtures import app, web_data_dir  # noqa: F401  (fixtures)

AGENCIES = ["moi", "opm", "thaigov", "moph", "มท.", "กระทรวงมหาดไทย", "moi.go.th", "Ministry of Interior", "nope"]
DATES = ["2564", "มี.ค. 2564", "4/3/2564", "2021-03-04", "31/02/2564", "2021-13", "ปี 2560", "0", "99999", "๒๕๖๔"]
SAMPLE_SIZE = 60  # articles in web_fixtures' data folder
WORDS = ["มหาดไทย", '"', "-", "OR", "ปลัด", "<script>", "โควิด", "(", "*", "2564"]

text = st.text(max_size=60)
query = st.one_of(text, st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join), st.text(max_size=3000))
agency = st.lists(st.one_of(st.sampled_from(AGENCIES), text), max_size=3)
date = st.one_of(st.none(), st.sampled_from(DATES), text)
number = st.one_of(st.none(), st.integers(-5, 2_000_000_000).map(str), st.sampled_from(["", " 3", "1e3", "٣"]), text)
sort = st.one_of(st.none(), st.sampled_from(["relevance", "newest", "oldest", "NEWEST", ""]), text)

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _query_string(q, agencies, since, until, srt, page, per_page) -> list[tuple[str, str]]:
    pairs = [("q", q)] + [("agency", a) for a in agencies]
    for key, value in (("since", since), ("until", until), ("sort", srt), ("page", page), ("per_page", per_page)):
        if value is not None:
            pairs.append((key, value))
    return pairs


@SETTINGS
@given(q=query, agencies=agency, since=date, until=date, srt=sort, page=number, per_page=number)
def test_api_search_answers_json_200_or_400(app, q, agencies, since, until, srt, page, per_page):
    client = app.test_client()
    resp = client.get("/api/search", query_string=_query_string(q, agencies, since, until, srt, page, per_page))
    assert resp.status_code in (200, 400), resp.get_data(as_text=True)[:300]
    assert resp.mimetype == "application/json"
    doc = resp.get_json()
    if resp.status_code == 400:
        assert set(doc) == {"error"} and doc["error"]
    else:
        assert 1 <= doc["per_page"] <= 100 and 1 <= doc["page"] <= 1000
        assert 0 <= doc["total"] <= SAMPLE_SIZE
        # A page holds what is left of the total after the pages before it, at most per_page.
        before = (doc["page"] - 1) * doc["per_page"]
        assert len(doc["hits"]) == max(0, min(doc["per_page"], doc["total"] - before))
        assert all("<script" not in h["snippet"] for h in doc["hits"])


@SETTINGS
@given(q=query, agencies=agency, since=date, until=date, srt=sort, page=number)
def test_search_page_answers_html_200_or_400(app, q, agencies, since, until, srt, page):
    client = app.test_client()
    resp = client.get("/search", query_string=_query_string(q, agencies, since, until, srt, page, None))
    assert resp.status_code in (200, 400)
    assert resp.mimetype == "text/html"
    assert "<script>" not in resp.get_data(as_text=True)
