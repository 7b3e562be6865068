"""The status page and /api/status show the schedule that really runs, read from the running
scheduler's record (the demo re-crawls every 300 s; sources.toml says 1 h to 1 d), and say so when
no scheduler is running rather than inventing a next crawl from the sources file."""
from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

from crawler.crawl import crawl_source
from crawler.scheduler import CrawlScheduler
from crawler_fixtures import data_dir, mirror, sources  # noqa: F401
from web_fixtures import make_app


def _source(client, sid: str) -> dict:
    return next(s for s in client.get("/api/status").get_json()["sources"] if s["id"] == sid)


def test_status_shows_the_running_schedulers_interval_and_nothing_once_it_stops(sources, mirror, data_dir):
    src = dataclasses.replace(sources["moi"], interval=300, jitter=0)  # as the demo does
    assert crawl_source(src, data_dir).status == "ok"
    # The app is built as `govsearch serve` builds it: from the bundled sources file (moi: 3 h).
    client = make_app(data_dir).test_client()
    sched = CrawlScheduler([src], data_dir, run_now=False)
    sched.start()
    try:
        moi = _source(client, "moi")
        assert moi["interval_seconds"] == 300 and moi["scheduled"] is True
        due = datetime.fromisoformat(moi["next_crawl"])
        assert 0 < (due - datetime.now(timezone.utc)).total_seconds() <= 301
        page = client.get("/status?lang=en").get_data(as_text=True)
        assert "every 5 min" in page and "every 3 h" not in page
    finally:
        sched.stop()
    moi = _source(client, "moi")
    # Stopped: nothing is planned, so no next crawl is shown (before: last run + the file's 3 h).
    assert moi["next_crawl"] is None and moi["scheduled"] is False
    page = client.get("/status?lang=en").get_data(as_text=True)
    assert "no scheduler running" in page


def test_without_a_scheduler_the_files_interval_is_not_shown_as_a_plan(sources, mirror, data_dir):
    assert crawl_source(sources["moi"], data_dir).status == "ok"  # a one-off `govsearch crawl`
    client = make_app(data_dir).test_client()
    moi = _source(client, "moi")
    assert moi["next_crawl"] is None and moi["scheduled"] is False and moi["interval_seconds"] == 3 * 3600
    page = client.get("/status?lang=en").get_data(as_text=True)
    assert "no scheduler running" in page


def test_the_plan_of_a_scheduler_killed_long_ago_is_not_shown(sources, mirror, data_dir):
    from core.paths import store_path
    from core.store import Store
    from crawler.bookkeeping import CrawlBook

    assert crawl_source(sources["moi"], data_dir).status == "ok"
    with Store(store_path(data_dir)) as store:  # what a SIGKILLed scheduler leaves: a plan, days old
        CrawlBook(store).set_next_run("moi", "2020-01-01T00:00:00+00:00", 300)
    moi = _source(make_app(data_dir).test_client(), "moi")
    assert moi["next_crawl"] is None and moi["scheduled"] is False
