"""Crawls of the mirrored sites: what is stored, what a re-crawl costs, what failures never do."""
from __future__ import annotations

import pytest

from click.testing import CliRunner

from core.normalize import normalize_line
from crawler.bookkeeping import CrawlBook
from crawler.crawl import crawl, crawl_source
from crawler.lock import AlreadyRunning, SourceLock
from crawler_fixtures import data_dir, mirror, open_store, page_requests, sources  # noqa: F401


def run(source, data_dir, **kw):
    return crawl_source(source, data_dir, **kw)


def test_wordpress_site(sources, mirror, data_dir):
    stats = run(sources["moi"], data_dir)
    n = len(mirror.moi_ids)
    assert (stats.status, stats.new, stats.errors) == ("ok", n, 0)
    assert stats.skipped == {"pdf file": 1}
    assert not any(r["path"].endswith(".pdf") for r in mirror.log)
    with open_store(data_dir) as store:
        assert store.count_articles() == n  # the ?p= second URL of a post is not a second article
        art = store.get_article(f"https://www.moi.go.th/moi/archives/{mirror.moi_ids[0]}/")
        assert art.title == normalize_line(mirror.articles[mirror.moi_ids[0]].title)
        assert art.published == mirror.articles[mirror.moi_ids[0]].date
        assert art.agency.startswith("moi") and art.publisher == "moi.go.th"
        assert CrawlBook(store).get_raw(art.url)["body"].startswith(b"<!DOCTYPE html>")
        last = CrawlBook(store).runs("moi")[0]
        assert (last["status"], last["new"], last["pages"]) == ("ok", n, stats.pages)
        assert last["skipped"] == {"pdf file": 1}


def test_thaigov_id_walk_skips_placeholders_and_resumes(sources, mirror, data_dir):
    ids = sorted(mirror.articles)
    top = [i for i in ids if i > ids[-1] - 60]
    stats = run(sources["thaigov"], data_dir)
    assert stats.new == len([i for i in top if i > ids[-1] - 50]) and stats.missing >= 30
    with open_store(data_dir) as store:
        urls = {a.url for a in store.iter_articles()}
        assert f"https://www.thaigov.go.th/news/contents/details/{ids[-1]}" in urls
        assert all(store.get_article(a).title for a in urls)  # no placeholder was stored
    # New ids appear on the site: the next run starts near the highest known id, not from scratch.
    new_id = ids[-1] + 3
    mirror.articles[new_id] = type(mirror.articles[ids[-1]])(id=new_id, title="ข่าวใหม่ทดสอบ", body="เนื้อข่าวใหม่ " * 20,
                                                              date="2025-09-30", category="ด้านสังคม")
    mirror.reset_log()
    again = run(sources["thaigov"], data_dir)
    assert again.new == 1 and again.updated == 0
    first_asked = min(int(r["path"].rsplit("/", 1)[1]) for r in page_requests(mirror) if "/details/" in r["path"])
    assert first_asked > ids[-1] - 10
    # Downloaded: the changed home page, the new article and ids never probed before; known ids and
    # placeholders already seen answered 304.
    fresh = {int(r["path"].rsplit("/", 1)[1]) for r in page_requests(mirror, 200) if "/details/" in r["path"]}
    assert new_id in fresh and all(i == new_id or i > ids[-1] + 30 for i in fresh)


def test_feed_and_windows_874_sites(sources, mirror, data_dir):
    feed = run(sources["prd"], data_dir)
    old = run(sources["moi-pr"], data_dir)
    assert (feed.new, old.new) == (len(mirror.prd_ids), len(mirror.pr_ids))
    with open_store(data_dir) as store:
        art = store.get_article(f"http://pr.moi.go.th/news/pr{mirror.pr_ids[0]}.htm")
        src = mirror.articles[mirror.pr_ids[0]]
        assert art.title == normalize_line(src.title) and art.published == src.date
        assert src.body.split("\n")[1][:30] in art.body  # Thai text decoded from windows-874
        prd = store.get_article(f"https://www.prd.go.th/th/content/category/detail/id/33/iid/{mirror.prd_ids[0]}")
        assert prd.title == normalize_line(mirror.articles[mirror.prd_ids[0]].title)  # the feed's title
        assert len(prd.body) > 100


def test_recrawl_with_nothing_changed_downloads_nothing(sources, mirror, data_dir):
    for sid in ("moi", "prd", "moi-pr", "thaigov"):
        run(sources[sid], data_dir)
    mirror.reset_log()
    for sid in ("moi", "prd", "moi-pr", "thaigov"):
        stats = run(sources[sid], data_dir)
        assert stats.new == stats.updated == stats.errors == 0, stats.summary()
        assert stats.not_modified == stats.pages
    assert page_requests(mirror, 200) == []  # every page answered 304
    assert len(page_requests(mirror, 304)) > 20


def test_recrawl_with_one_article_changed(sources, mirror, data_dir):
    run(sources["moi"], data_dir)
    target = mirror.moi_ids[1]
    mirror.edit(target, body=mirror.articles[target].body + "\nแก้ไขเพิ่มเติม: ข้อมูลล่าสุด")
    mirror.reset_log()
    stats = run(sources["moi"], data_dir)
    assert (stats.new, stats.updated) == (0, 1)
    assert [r["path"] for r in page_requests(mirror, 200)] == [f"/moi/archives/{target}/"]
    with open_store(data_dir) as store:
        assert store.get_article(f"https://www.moi.go.th/moi/archives/{target}/").body.endswith("ข้อมูลล่าสุด")


def test_listing_walk_stops_after_a_run_of_known_articles(sources, mirror, data_dir):
    run(sources["moi"], data_dir)
    mirror.reset_log()
    run(sources["moi"], data_dir)
    asked = [r["path"] for r in page_requests(mirror) if "/archives/" in r["path"]]
    assert len(asked) == sources["moi"].known_stop  # then it stopped: older pages are not re-read
    assert not any("/page/2/" in r["path"] for r in page_requests(mirror))


@pytest.mark.parametrize("fault", [dict(kind="status", code=404), dict(kind="status", code=500),
                                   dict(kind="garbage"), dict(kind="malformed"), dict(kind="slow", seconds=4)])
def test_a_later_failure_never_deletes_or_blanks_the_article(sources, mirror, data_dir, fault):
    src = sources["moi"].with_overrides(timeout=0.5, retries=0)
    run(src, data_dir)
    target = mirror.moi_ids[0]
    url = f"https://www.moi.go.th/moi/archives/{target}/"
    with open_store(data_dir) as store:
        before = store.get_article(url)
    mirror.edit(target, body="เปลี่ยนแล้ว")  # so the page is re-sent, then broken
    kind = fault.pop("kind")
    mirror.fault(f"/moi/archives/{target}/", kind, **fault)
    stats = run(src, data_dir)
    withdrawn = fault.get("code") == 404  # a withdrawal, not a failure (tests/test_withdrawn.py)
    assert (stats.skipped["withdrawn"] == 1 if withdrawn else stats.errors >= 1) and stats.updated == 0
    with open_store(data_dir) as store:
        after = store.get_article(url)
        assert after is not None and after.body == before.body and after.content_hash == before.content_hash
        state = CrawlBook(store).get_state(url)
        if withdrawn:
            assert after.withdrawn_at and state["last_status"] == 404
        else:
            assert state["last_error"] and state["outcome"] == "error"


def test_same_article_under_two_urls_is_stored_once(sources, mirror, data_dir):
    aid = max(mirror.articles)
    src = sources["thaigov"]
    run(src, data_dir)
    from crawler.crawl import make_fetcher
    from crawler.pipeline import Pipeline
    alias = f"https://www.thaigov.go.th/news/contents/ministry_details/{aid}"
    with open_store(data_dir) as store:
        before = store.count_articles()
        c = Pipeline(src, store, make_fetcher(src))
        outcome = c.article(alias)
        assert outcome == "duplicate" and c.stats.skipped["duplicate"] == 1
        assert store.count_articles() == before
        state = CrawlBook(store).get_state(alias)
        assert (state["outcome"], state["duplicate_of"], state["last_error"]) == (
            "duplicate", f"https://www.thaigov.go.th/news/contents/details/{aid}", None)


def test_max_pages_then_the_next_run_continues(sources, mirror, data_dir):
    src = sources["moi"]
    first = run(src, data_dir, max_pages=8)
    assert first.pages == 8 and "page limit" in first.message
    total, runs = first.new, 1
    while total < len(mirror.moi_ids) and runs < 8:
        stats = run(src, data_dir, max_pages=12)
        assert stats.new > 0, stats.summary()  # every run makes progress
        total, runs = total + stats.new, runs + 1
    assert total == len(mirror.moi_ids)
    with open_store(data_dir) as store:
        assert store.count_articles() == len(mirror.moi_ids)


def test_robots_disallow_stops_the_source_plainly(sources, mirror, data_dir):
    mirror.robots = "User-agent: *\nDisallow: /\n"
    stats = run(sources["thaigov"], data_dir)
    assert stats.status == "disallowed" and "robots.txt disallows" in stats.message
    assert page_requests(mirror) == []
    with open_store(data_dir) as store:
        assert CrawlBook(store).runs("thaigov")[0]["status"] == "disallowed"


def test_retryable_errors_during_a_crawl_are_retried(sources, mirror, data_dir):
    src = sources["moi"].with_overrides(retries=2)
    mirror.fault(f"/moi/archives/{mirror.moi_ids[0]}/", "status", code=500, times=1)
    mirror.fault(f"/moi/archives/{mirror.moi_ids[1]}/", "retry_after", code=429, seconds=0, times=1)
    stats = run(src, data_dir)
    assert stats.errors == 0 and stats.new == len(mirror.moi_ids)


def test_a_second_crawl_of_the_same_source_is_refused(sources, data_dir):
    with SourceLock(data_dir, "moi"):
        with pytest.raises(AlreadyRunning):
            run(sources["moi"], data_dir)
        results = crawl([sources["moi"]], data_dir)
        assert results[0].status == "locked"


def test_crawl_calls_back_only_when_articles_changed(sources, data_dir):
    calls = []
    crawl([sources["moi-pr"]], data_dir, after_changes=lambda: calls.append("changed"))
    crawl([sources["moi-pr"]], data_dir, after_changes=lambda: calls.append("again"))  # all 304s
    assert calls == ["changed"]


def test_crawl_command_updates_the_index(mirror, data_dir):
    from govsearch.cli import cli
    from indexer import SearchEngine, build_params

    res = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "crawl", "prd", "--base-url", mirror.base_url,
                                   "--delay", "0"])
    assert res.exit_code == 0, res.output
    title = mirror.articles[mirror.prd_ids[0]].title
    assert SearchEngine(data_dir).search(build_params(q=title.split()[0])).total >= 1
