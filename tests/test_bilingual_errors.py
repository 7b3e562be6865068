"""Every 400 a user can cause says what was wrong in Thai and in English (a fresh-eyes tester found
sort, group and format answered in English only)."""
from __future__ import annotations

import re

import pytest

from web_fixtures import app, client, web_data_dir  # noqa: F401  (fixtures)

THAI = re.compile("[\u0e01-\u0e4e]")


@pytest.mark.parametrize("args", [{"sort": "popular"}, {"sort": "NEWEST"}, {"format": "xml"}, {"group": "maybe"},
                                  {"page": "x"}, {"since": "31/02/2564"}])
def test_a_bad_parameter_is_explained_in_both_languages(client, args):  # noqa: F811
    resp = client.get("/api/search", query_string={"q": "มหาดไทย", **args})
    thai, _sep, english = resp.get_json()["error"].partition(" / ")
    assert resp.status_code == 400 and THAI.search(thai) and re.search("[a-z]{4}", english), (thai, english)
    assert not THAI.search(english.partition(":")[0]), english  # the English half, before any value quoted
