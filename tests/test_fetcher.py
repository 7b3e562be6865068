"""The fetcher against the mirror on 127.0.0.1: politeness, retries, limits, redirects, 304s."""
from __future__ import annotations

import time

import pytest

from crawler.errors import Disallowed, HTTPStatusError, OffSite, RedirectLoop, Timeout, TooLarge
from crawler.fetcher import Fetcher, canonical_url
from crawler_fixtures import mirror  # noqa: F401  (fixture)

UA = "govsearch/0.1 (+https://example.org/govsearch#crawler)"
ARTICLE = "/moi/category/moi-news/"


@pytest.fixture
def fetcher():
    with Fetcher(UA, delay=0, timeout=1.0, retries=2, backoff=0.05, max_bytes=2_000_000) as f:
        yield f


def test_fetch_sends_an_honest_user_agent(mirror, fetcher):
    resp = fetcher.fetch(mirror.url(ARTICLE))
    assert resp.status == 200 and resp.etag and resp.last_modified
    assert "ข่าวกระทรวงมหาดไทย" in resp.text
    assert {r["ua"] for r in mirror.log} == {UA}
    assert mirror.log[0]["path"] == "/robots.txt"  # robots.txt first, once
    fetcher.fetch(mirror.url(ARTICLE))
    assert sum(r["path"] == "/robots.txt" for r in mirror.log) == 1


def test_conditional_get_answers_304_with_no_body(mirror, fetcher):
    first = fetcher.fetch(mirror.url(ARTICLE))
    again = fetcher.fetch(mirror.url(ARTICLE), etag=first.etag)
    assert again.not_modified and again.content == b""
    by_date = fetcher.fetch(mirror.url(ARTICLE), last_modified=first.last_modified)
    assert by_date.not_modified


def test_robots_disallow_is_reported_plainly(mirror, fetcher):
    mirror.robots = "User-agent: *\nDisallow: /moi/\n"
    with pytest.raises(Disallowed, match="disallowed by robots.txt"):
        fetcher.fetch(mirror.url(ARTICLE))
    assert all(r["path"] == "/robots.txt" for r in mirror.log)


def test_robots_rules_for_our_agent(mirror, fetcher):
    mirror.robots = "User-agent: govsearch\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    with pytest.raises(Disallowed):
        fetcher.fetch(mirror.url(ARTICLE))


def test_robots_crawl_delay_is_obeyed(mirror, fetcher):
    mirror.robots = "User-agent: *\nCrawl-delay: 0.4\nAllow: /\n"
    for _ in range(3):
        fetcher.fetch(mirror.url(ARTICLE))
    times = [r["at"] for r in mirror.log if r["path"] == ARTICLE]
    assert all(b - a >= 0.38 for a, b in zip(times, times[1:])), times


def test_per_host_delay_from_configuration(mirror):
    with Fetcher(UA, delay=0.3, timeout=1.0) as f:
        f.fetch(mirror.url(ARTICLE))
        f.fetch(mirror.url("/news.htm"))
    times = [r["at"] for r in mirror.log]
    assert all(b - a >= 0.28 for a, b in zip(times, times[1:])), times


def test_retry_after_on_429_is_honoured(mirror, fetcher):
    mirror.fault(ARTICLE, "retry_after", code=429, seconds=1, times=1)
    t = time.monotonic()
    resp = fetcher.fetch(mirror.url(ARTICLE))
    assert resp.status == 200 and time.monotonic() - t >= 0.95
    assert [r["status"] for r in mirror.requests(prefix=ARTICLE)] == [429, 200]


def test_503_with_a_long_retry_after_gives_up(mirror):
    mirror.fault(ARTICLE, "retry_after", code=503, seconds=3600)
    with Fetcher(UA, delay=0, retries=3, max_retry_after=5) as f, pytest.raises(HTTPStatusError) as e:
        f.fetch(mirror.url(ARTICLE))
    assert e.value.status == 503 and "Retry-After" in str(e.value)


def test_500_then_success(mirror, fetcher):
    mirror.fault(ARTICLE, "status", code=500, times=2)
    assert fetcher.fetch(mirror.url(ARTICLE)).status == 200
    assert [r["status"] for r in mirror.requests(prefix=ARTICLE)] == [500, 500, 200]


def test_persistent_500_is_an_error_after_retries(mirror, fetcher):
    mirror.fault(ARTICLE, "status", code=500)
    with pytest.raises(HTTPStatusError) as e:
        fetcher.fetch(mirror.url(ARTICLE))
    assert e.value.kind == "http_500"
    assert len(mirror.requests(prefix=ARTICLE)) == 3  # first try + 2 retries


def test_404_is_not_retried(mirror, fetcher):
    with pytest.raises(HTTPStatusError) as e:
        fetcher.fetch(mirror.url("/moi/archives/1/"))
    assert e.value.kind == "not_found" and len(mirror.requests(prefix="/moi/archives/1/")) == 1


def test_slow_response_times_out(mirror):
    mirror.fault(ARTICLE, "slow", seconds=3)
    with Fetcher(UA, delay=0, timeout=0.3, retries=0) as f, pytest.raises(Timeout):
        f.fetch(mirror.url(ARTICLE))


def test_redirect_within_the_domain_is_followed(mirror, fetcher):
    mirror.fault("/old-news", "redirect", to=ARTICLE, code=301)
    resp = fetcher.fetch(mirror.url("/old-news"), allowed_domains=["127.0.0.1"])
    assert resp.url == mirror.url(ARTICLE) and resp.redirects == [mirror.url("/old-news")]


def test_redirect_loop_is_detected(mirror, fetcher):
    mirror.fault("/loop/a", "redirect", to="/loop/b")
    mirror.fault("/loop/b", "redirect", to="/loop/a")
    with pytest.raises(RedirectLoop, match="loop"):
        fetcher.fetch(mirror.url("/loop/a"))


def test_offsite_redirect_is_refused(mirror, fetcher):
    mirror.fault("/away", "redirect", to="http://www.example.com/phish")
    with pytest.raises(OffSite):
        fetcher.fetch(mirror.url("/away"), allowed_domains=["127.0.0.1"])
    assert not any("example.com" in r["path"] for r in mirror.log)


def test_offsite_url_is_refused_before_any_request(mirror, fetcher):
    with pytest.raises(OffSite):
        fetcher.fetch("https://www.moi.go.th/", allowed_domains=["127.0.0.1"])
    assert mirror.log == []


@pytest.mark.parametrize("declared", [False, True])
def test_a_20_mb_page_is_cut_off(mirror, fetcher, declared):
    mirror.fault("/huge", "huge", size=20 * 1024 * 1024, declared=declared)
    t = time.monotonic()
    with pytest.raises(TooLarge):
        fetcher.fetch(mirror.url("/huge"))
    assert time.monotonic() - t < 5


def test_canonical_url():
    assert canonical_url("HTTPS://WWW.Moi.go.th:443/moi/?b=2&a=1#top") == "https://www.moi.go.th/moi/?a=1&b=2"
    assert canonical_url("http://127.0.0.1:8080/a/../b") == "http://127.0.0.1:8080/b"
    assert canonical_url("https://www.moi.go.th") == "https://www.moi.go.th/"
    assert canonical_url("https://www.moi.go.th/ข่าว/") == "https://www.moi.go.th/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/"


def test_windows_874_site_comes_out_as_thai(mirror, fetcher):
    resp = fetcher.fetch(mirror.url("/news.htm"))
    assert resp.encoding == "cp874" and "ข่าวประชาสัมพันธ์" in resp.text
    page = fetcher.fetch(mirror.url(f"/news/pr{mirror.pr_ids[0]}.htm"))  # no charset in the header
    assert page.encoding == "cp874" and "<h2>" in page.text
