"""The province map and the timeline in a real headless Chromium (driver from tests/test_browser.py).

Search -> the map shades provinces -> click one -> a province chip and only its articles; click a
timeline bar -> since/until chips; at phone width nothing scrolls sideways. Screenshots go to
tests/artifacts/.
"""
from __future__ import annotations

import pytest

from test_browser import _console_problems, _shot, _wait, _wait_url, driver  # noqa: F401  (fixture)
from web_fixtures import app, live_server, web_data_dir  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
QUERY = "กระทรวง"


def test_map_click_filters_and_timeline_click_sets_dates(driver, live_server):  # noqa: F811
    from selenium.webdriver.common.by import By

    driver.get(f"{live_server}/search?q={QUERY}")
    _wait(driver, "svg.province-map")
    shaded = driver.find_elements(By.CSS_SELECTOR, "svg.province-map a.tile:not(.shade-0)")
    assert shaded, "no province shaded"
    # The tile with the most matches: Bangkok in this sample. Its fill is not the blank tiles' fill.
    best = max(shaded, key=lambda a: int(a.get_attribute("data-count")))
    code, count = best.get_attribute("data-province"), int(best.get_attribute("data-count"))
    blank = driver.find_element(By.CSS_SELECTOR, "svg.province-map a.tile.shade-0 rect")
    assert best.find_element(By.TAG_NAME, "rect").value_of_css_property("fill") != blank.value_of_css_property("fill")
    _shot(driver, "where-when-map.png")

    best.find_element(By.TAG_NAME, "rect").click()
    _wait_url(driver, lambda qs: qs.get("province") == [code])
    chip = _wait(driver, 'a.chip[data-chip="province"]')
    assert chip.is_displayed()
    assert driver.find_element(By.ID, "total").text.replace(",", "") == str(count)
    _shot(driver, "where-when-province-filtered.png")

    bars = [b for b in driver.find_elements(By.CSS_SELECTOR, "figure.timeline a.bar")
            if int(b.get_attribute("data-count"))]
    assert bars, "no timeline bar with matches"
    bars[0].find_element(By.CSS_SELECTOR, "rect.hitbox").click()
    _wait_url(driver, lambda qs: "since" in qs and "until" in qs and qs.get("province") == [code])
    _wait(driver, 'a.chip[data-chip="since"]')
    assert driver.find_elements(By.CSS_SELECTOR, 'a.chip[data-chip="until"]')
    _shot(driver, "where-when-timeline-filtered.png")
    assert not _console_problems(driver)


def test_map_and_timeline_fit_a_phone(driver, live_server):  # noqa: F811
    from selenium.webdriver.common.by import By

    driver.set_window_size(390, 844)
    try:
        driver.get(f"{live_server}/search?q={QUERY}")
        _wait(driver, "svg.province-map")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1
        for css in ("svg.province-map", "figure.timeline svg"):
            width = driver.find_element(By.CSS_SELECTOR, css).size["width"]
            assert 0 < width <= 390, css
        driver.execute_script("document.querySelector('svg.province-map').scrollIntoView()")
        _shot(driver, "where-when-phone.png")
    finally:
        driver.set_window_size(1280, 1000)
