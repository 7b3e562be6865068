"""RFC 9309: a robots.txt answering 5xx means "disallow everything for now"; 4xx means no rules."""
from __future__ import annotations

import pytest

from crawler.crawl import crawl_source
from crawler_fixtures import data_dir, mirror, open_store, page_requests, sources  # noqa: F401


@pytest.mark.parametrize("status", [500, 503])
def test_robots_txt_answering_5xx_disallows_the_whole_site(mirror, sources, data_dir, status):
    mirror.robots_status = status
    stats = crawl_source(sources["moi"], data_dir)
    assert stats.status == "disallowed" and stats.new == 0
    assert page_requests(mirror) == []  # not a single page asked for


def test_robots_txt_answering_404_allows_everything(mirror, sources, data_dir):
    mirror.robots_status = 404
    stats = crawl_source(sources["moi"], data_dir)
    assert stats.status == "ok" and stats.new > 0
