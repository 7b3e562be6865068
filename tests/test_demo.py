"""The newcomer's demo, end to end: `govsearch demo` in a subprocess on random ports — a mirror
of the bundled sample, the real crawler, the index, the scheduler, the UI — then a search through
the API and in headless Chromium, then a clean stop on SIGTERM."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from test_browser import driver  # noqa: F401  (fixture: headless Chromium, skips if not installed)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    data = tmp_path_factory.mktemp("demo") / "data"
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "govsearch", "--data-dir", str(data), "demo", "--port", "0", "--delay", "0",
         "--recrawl", "3600"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, start_new_session=True)
    lines: list[str] = []
    url = None
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        m = re.search(r"search UI at (http://127\.0\.0\.1:\d+/)", line)
        if m:
            url = m.group(1)
            break
    if url is None:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("demo did not come up:\n" + "".join(lines))
    proc.lines = lines  # type: ignore[attr-defined]
    yield url, proc
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.load(resp)


def test_demo_crawled_the_whole_sample_and_searches(demo_url):
    url, proc = demo_url
    out = "".join(proc.lines)
    assert "[1/4] local mirror" in out and "[4/4] search UI" in out
    status = get_json(url + "api/status")
    assert status["articles"] >= 350 and status["index"]["documents"] == status["articles"]
    doc = get_json(url + "api/search?" + urllib.parse.urlencode({"q": "มหาดไทย", "per_page": 5}))
    assert doc["total"] > 10 and "<mark>" in doc["hits"][0]["snippet"]
    years = {f["value"] for f in doc["facets"]["year"]}
    assert len(years) >= 5  # the sample spans many years, all reached by the crawl


def test_demo_crawls_at_least_five_cms_families(demo_url):
    url, proc = demo_url
    out = "".join(proc.lines)
    m = re.search(r"\((\d+) CMS families: ([^)]*)\)", out)
    assert m and int(m.group(1)) >= 5, out
    assert {"thaigov", "wordpress", "prd-style", "ewt", "nextjs", "jsonfeed"} <= set(m.group(2).split(", "))
    for sid in ("thaigov", "moi", "prd", "mculture", "mfa", "moj", "moe"):
        line = next(line for line in proc.lines if line.strip().startswith(f"{sid}: "))
        assert line.strip().startswith(f"{sid}: ok") and " 0 new" not in line, line
    sources = {s["id"]: s for s in get_json(url + "api/status")["sources"]}
    assert sources["mculture"]["family"] == "ewt" and sources["mculture"]["last_run"]["new"] == 23


def test_demo_in_the_browser(demo_url, driver):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    url, _proc = demo_url
    driver.get(url)
    box = WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, "input#q")))
    box.send_keys("น้ำท่วม", Keys.ENTER)
    WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.hits li.hit")))
    assert any("น้ำท่วม" in m.text for m in driver.find_elements(By.CSS_SELECTOR, "ol.hits mark"))


def _release_ids(hrefs: list[str]) -> list[str]:
    """The mirror's article id in every site's URL: one id = one release."""
    return [re.search(r"(\d+)(?:/|\.htm)?$", h).group(1) for h in hrefs]


def test_demo_shows_each_release_once(demo_url, driver):  # noqa: F811
    """thaigov.go.th, moi.go.th, prd.go.th and pr.moi.go.th publish some releases twice or more:
    the มหาดไทย results and the home page's ministry cards show each release once."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    url, _proc = demo_url
    every = get_json(url + "api/search?" + urllib.parse.urlencode({"q": "มหาดไทย", "per_page": 100,
                                                                    "group": "false"}))
    assert len(set(_release_ids([h["url"] for h in every["hits"]]))) < len(every["hits"])  # copies exist

    driver.get(url + "search?" + urllib.parse.urlencode({"q": "มหาดไทย", "per_page": 100}))
    WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.hits li.hit")))
    hrefs = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".hit-title a")]
    ids = _release_ids(hrefs)
    assert len(ids) == len(set(ids)) == len(set(_release_ids([h["url"] for h in every["hits"]])))
    copies = driver.find_elements(By.CSS_SELECTOR, "ol.hits p.copies")
    assert copies and "เผยแพร่ที่" in copies[0].text
    assert copies[0].find_elements(By.CSS_SELECTOR, "a.stored")  # the other copy's stored version

    driver.get(url)
    # The headlines (li > a); each also links to its stored copy, which names the same release.
    WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".ministry-card li > a")))
    home = _release_ids([a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".ministry-card li > a")])
    assert home and len(home) == len(set(home))


def test_demo_stops_cleanly(demo_url):
    _url, proc = demo_url
    os.killpg(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    rest = proc.stdout.read()
    assert "ลองค้นหา" in rest and "stopping" in rest
