"""The crawler's User-Agent names the operator's contact (--contact, $GOVSEARCH_CONTACT or
``contact`` in sources.toml), checked on the wire against a real server on 127.0.0.1; without one it
names no address at all (no invented URL that nobody answers)."""
from __future__ import annotations

from click.testing import CliRunner

from crawler.sources import load_sources
from crawler_fixtures import data_dir, mirror  # noqa: F401

CONTACT = "https://news-search.example.go.th/crawler"


def _crawl(data_dir, mirror, *args, env=None):
    from govsearch.cli import cli

    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), "crawl", "prd", "--base-url", mirror.base_url,
                                    "--delay", "0", "--max-pages", "3", "--no-index", *args], env=env)


def test_the_contact_given_on_the_command_line_is_in_every_request(mirror, data_dir):
    res = _crawl(data_dir, mirror, "--contact", CONTACT)
    assert res.exit_code == 0, res.output
    agents = {r["ua"] for r in mirror.log}
    assert mirror.log and agents == {f"govsearch/0.1 (+{CONTACT}; Thai government news search)"}


def test_the_contact_from_the_environment_and_an_email_address(mirror, data_dir):
    res = _crawl(data_dir, mirror, env={"GOVSEARCH_CONTACT": "crawler-ops@example.go.th"})
    assert res.exit_code == 0, res.output
    assert {r["ua"] for r in mirror.log} == {"govsearch/0.1 (crawler-ops@example.go.th; Thai government news search)"}


def test_without_a_contact_no_address_is_invented(mirror, data_dir):
    res = _crawl(data_dir, mirror, env={"GOVSEARCH_CONTACT": ""})
    assert res.exit_code == 0, res.output
    assert {r["ua"] for r in mirror.log} == {"govsearch/0.1 (Thai government news search)"}
    for src in load_sources().values():
        assert "http" not in src.agent and "@" not in src.agent, src.id


def test_a_contact_that_is_neither_a_web_address_nor_an_email_is_refused(mirror, data_dir):
    res = _crawl(data_dir, mirror, "--contact", "call me maybe")
    assert res.exit_code != 0 and "--contact" in res.output and "Traceback" not in res.output
    assert not mirror.log  # refused before any request
