"""The family adapters on their fixture pages, offline, and the sources file they are configured by."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.adapters import challenge_of, get_adapter
from crawler.adapters.nextjs import article_in
from crawler.crawl import crawl_source
from crawler.errors import ConfigError, ParseError
from crawler.sources import default_sources, load_sources

FAMILIES = Path(__file__).parent / "data" / "families"
MINISTRIES = {"opm", "mod", "mof", "mfa", "mots", "msdhs", "mhesi", "moac", "mot", "mdes", "mnre", "moen", "moc",
              "moi", "moj", "mol", "mculture", "moe", "moph", "mind"}


def read(host: str, name: str) -> bytes:
    return (FAMILIES / host / name).read_bytes()


def test_ewt_list_items_dates_and_next_offset():
    ewt = get_adapter("ewt", {"page_size": 20})
    page = ewt.parse_list(read("www.m-culture.go.th", "more_news_1.html"),
                          "https://www.m-culture.go.th/th/more_news.php?cid=1")
    assert len(page.items) == 20
    first = page.items[0]
    assert first.url == "https://www.m-culture.go.th/th/ewt_news.php?nid=76949&filename=index"
    assert first.title.startswith("วธ.เผยวัด") and first.date == "03/01/2567"  # the 2nd p.icon-purple
    assert page.next_url == "https://www.m-culture.go.th/th/more_news.php?cid=1&offset=20"
    short = ewt.parse_list(read("www.m-culture.go.th", "more_news_2.html"), page.next_url)
    assert len(short.items) == 3 and short.next_url is None


def test_ewt_reads_its_rss_group_feed():
    page = get_adapter("ewt").parse_list(read("www.m-culture.go.th", "group1.xml"),
                                         "https://www.m-culture.go.th/th/rss/group1.xml")
    assert len(page.items) == 5 and all("ewt_news.php?nid=" in i.url and i.date for i in page.items)


def test_json_feed_items_carry_the_whole_article():
    page = get_adapter("prd").parse_list(read("www.prd.go.th", "contentjson.json"),
                                         "https://www.prd.go.th/th/rss/page/contentjson/id/142/cid/33")
    assert len(page.items) == 6
    assert all(i.content.startswith("<p>") and i.date.endswith("+07:00") for i in page.items)


def test_moj_data_shape_gives_links_and_titles():
    page = get_adapter("jsonfeed").parse_list(read("www.moj.go.th", "feed_656.json"),
                                              "https://www.moj.go.th/feeds/656?type=json")
    assert [i.url for i in page.items][:1] == ["https://www.moj.go.th/view/50121"]
    assert all(i.title and not i.content for i in page.items)


@pytest.mark.parametrize("raw", [b"<html>not json</html>", b'{"something": "else"}', b"\xff\xfe"])
def test_json_feeds_reject_what_they_cannot_read(raw):
    with pytest.raises(ParseError):
        get_adapter("jsonfeed").parse_list(raw, "https://www.moj.go.th/feeds/656?type=json")


def test_wordpress_rest_posts_and_the_next_page_only_when_full():
    wp = get_adapter("wordpress")
    page = wp.parse_list(read("www.moe.go.th", "posts.json"), "https://www.moe.go.th/wp-json/wp/v2/posts?per_page=20")
    assert len(page.items) == 5 and page.next_url is None
    assert page.items[0].content and page.items[0].date == "2021-01-28T10:00:00"
    full = wp.parse_list(read("www.moe.go.th", "posts.json"), "https://www.moe.go.th/wp-json/wp/v2/posts?per_page=5")
    assert full.next_url == "https://www.moe.go.th/wp-json/wp/v2/posts?per_page=5&page=2"


def test_wordpress_archive_with_the_evidenced_moe_markup():
    src = load_sources()["moe"]
    page = get_adapter(src.adapter, src.options).parse_list(read("www.moe.go.th", "archive_1.html"),
                                                            "https://www.moe.go.th/หมวด/ข่าว-ศธ-360-องศา/")
    assert len(page.items) == 3 and all(i.date and i.date.endswith("2564") for i in page.items)
    assert page.next_url == "https://www.moe.go.th/หมวด/ข่าว-ศธ-360-องศา/page/2/"


def test_nextjs_article_from_next_data_whatever_its_keys():
    html = read("www.mfa.go.th", "content_63392.html").decode()
    data = get_adapter("nextjs").parse_article(html, "https://www.mfa.go.th/th/content/news-63392")
    assert data.title.startswith("รองนายกฯ อนุทิน") and data.date.startswith("2023-01-04")
    assert data.body.startswith("รองนายกฯ อนุทิน") and "<p>" not in data.body
    renamed = {"props": {"pageProps": {"item": {"subject": "หัวข้อข่าว", "contentHtml": "<p>" + "เนื้อหา " * 40 + "</p>",
                                                "createdAt": "2023-03-18T02:00:00Z"}}}}
    assert article_in(renamed) == ("หัวข้อข่าว", ("เนื้อหา " * 40).strip(), "2023-03-18T02:00:00Z")


def test_nextjs_without_next_data_falls_back_to_the_seen_description_class():
    html = read("www.mfa.go.th", "content_63392.html").decode()
    html = html[:html.index('<script id="__NEXT_DATA__"')] + "</body></html>"
    data = get_adapter("nextjs").parse_article(html, "https://www.mfa.go.th/th/content/news-63392")
    assert data.title.startswith("รองนายกฯ อนุทิน") and data.body.startswith("รองนายกฯ อนุทิน")
    with pytest.raises(ParseError):
        get_adapter("nextjs").parse_article("<html><body><p>nothing</p></body></html>", "https://www.mfa.go.th/x")


def test_challenge_pages_are_recognised():
    assert challenge_of(read("www.mol.go.th", "incapsula.html")) == "Incapsula"
    cloudflare = ('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>'
                  '<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>')
    assert challenge_of(cloudflare) == "Cloudflare"
    assert challenge_of(read("www.moj.go.th", "view_50121.html")) is None
    assert challenge_of(read("www.mfa.go.th", "content_63392.html")) is None


def test_every_ministry_is_listed_with_its_family_and_evidence():
    sources = load_sources()
    assert MINISTRIES | {"thaigov", "prd"} <= {s.agency for s in sources.values()}
    for src in sources.values():
        assert src.evidence, f"{src.id} names no evidence"
        assert not src.verified, f"{src.id}: verified before anyone checked it live"
        if src.crawlable:
            assert src.family and src.start_urls, src.id


def test_a_source_without_evidence_is_skipped_with_a_message(tmp_path):
    src = load_sources()["moac"]
    assert not src.crawlable
    stats = crawl_source(src, tmp_path)
    assert stats.status == "skipped" and "no public evidence" in stats.message and "moac.go.th" in stats.message
    assert not (tmp_path / "store.sqlite3").exists()  # nothing was fetched or stored


def test_the_provincial_template_makes_one_source_per_host_off_by_default(tmp_path):
    text = (Path(__file__).parents[1] / "crawler" / "data" / "sources.toml").read_text(encoding="utf-8")
    text = text.replace("hosts = []", 'hosts = ["chiangmai.prd.go.th", "phuket.prd.go.th"]')
    (tmp_path / "s.toml").write_text(text, encoding="utf-8")
    sources = load_sources(tmp_path / "s.toml")
    cm = sources["prd-chiangmai"]
    assert cm.start_urls[0] == "https://chiangmai.prd.go.th/th/rss/page/contentjson/id/142/cid/33"
    assert cm.allowed_domains == ("chiangmai.prd.go.th",) and cm.publisher == "chiangmai.prd.go.th"
    assert not cm.enabled and cm.delay == 5.0 and "prd-phuket" in sources
    checked = {k: s.with_overrides(verified=True) for k, s in sources.items()}
    chosen = {s.id for s in default_sources(checked)}
    assert "prd" in chosen and "prd-chiangmai" not in chosen  # off unless named, even once verified


def test_a_template_with_bad_hosts_is_a_clear_error(tmp_path):
    (tmp_path / "s.toml").write_text('[templates.x]\nhosts = "a.go.th"\nagency = "prd"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="hosts must be a list"):
        load_sources(tmp_path / "s.toml")


def test_fixture_url_maps_name_existing_files():
    for urls in FAMILIES.glob("*/urls.json"):
        for entry in json.loads(urls.read_text(encoding="utf-8")).values():
            assert (urls.parent / entry["file"]).exists()
