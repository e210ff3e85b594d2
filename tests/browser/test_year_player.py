"""The year player in the browser (mini data: years 2005 to 2026): Play moves the address's year and the map with it,
Pause stops it, back goes to the year before; with reduced motion asked for, Play steps one year per press; the step
buttons work with the keyboard; the year is shown large with the collaborations of unknown start."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.page.player import SECONDS_PER_YEAR

pytestmark = pytest.mark.browser

PACE_MS = SECONDS_PER_YEAR * 1000


def year_in_url(year: int) -> re.Pattern:
    return re.compile(rf"[?&]year={year}(&|$)")


#: The countries the map colours for their collaborations (not the grey ones, not France, not the selection), as
#: plotly drew them: a function of the page.
COLOURED = """() => {
    const gd = document.getElementById('map').querySelector('.js-plotly-plot');
    const apart = ['No collaboration', 'France (home)', 'Selected'];
    return gd._fullData.filter(t => t.type === 'choropleth' && !apart.includes(t.name))
        .flatMap(t => Array.from(t.locations || [])).sort();
}"""


def test_plb001_play_moves_the_year_and_the_map_and_pause_stops_it(page, dashboard):
    dashboard.open("/")
    play = page.get_by_role("button", name="Play")
    expect(play).to_have_attribute("aria-pressed", "false")
    play.click()
    expect(page).to_have_url(year_in_url(2005))  # from the data's first year
    expect(play).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#player-year .player-year-value")).to_have_text("2005")
    expect(page.locator("#player-year")).to_contain_text("start unknown: 6")
    expect(dashboard.figure("collaborations")).to_have_text("1")  # the programme with Argentina
    page.wait_for_function(f"() => ({COLOURED})().join() === 'ARG'")
    expect(page).to_have_url(year_in_url(2008))  # on its own, year after year
    expect(page.locator("#player-year .player-year-value")).to_have_text("2008")
    expect(dashboard.figure("collaborations")).to_have_text("2")  # and the test collider, in Switzerland
    page.wait_for_function(f"() => ({COLOURED})().includes('CHE')")

    page.get_by_role("button", name="Pause").click()
    expect(play).to_have_attribute("aria-pressed", "false")
    dashboard.settle()
    stopped = dashboard.query()
    page.wait_for_timeout(2.5 * PACE_MS)
    assert dashboard.query() == stopped, "the player went on after Pause"
    year = int(re.search(r"year=(\d{4})", stopped).group(1))
    page.go_back()  # every year was an address: back is the year before
    expect(page).to_have_url(year_in_url(year - 1))
    expect(page.locator("#player-year .player-year-value")).to_have_text(str(year - 1))


def test_plb002_with_reduced_motion_play_steps_one_year_per_press(page, dashboard):
    page.emulate_media(reduced_motion="reduce")
    dashboard.open("/?year=2010")
    play = page.get_by_role("button", name="Play")
    play.click()
    expect(page).to_have_url(year_in_url(2011))
    dashboard.settle()
    page.wait_for_timeout(2.5 * PACE_MS)
    assert "year=2011" in dashboard.query(), "the player played although reduced motion was asked for"
    expect(play).to_have_attribute("aria-pressed", "false")
    play.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(year_in_url(2012))
    expect(page.locator("#player-year .player-year-value")).to_have_text("2012")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.button')).transitionDuration") == "0s"


def test_plb003_the_step_buttons_work_with_the_keyboard_and_keep_the_view(page, dashboard):
    dashboard.open("/?continent=Asia")
    forward = page.get_by_role("button", name="Next year")
    forward.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?continent=Asia&year=2005$"))
    expect(page.locator("#player-year .player-year-value")).to_have_text("2005")
    expect(page.locator("#player-year")).not_to_contain_text("start unknown")  # Asia's collaborations have theirs
    back = page.get_by_role("button", name="Previous year")
    expect(back).to_have_attribute("aria-disabled", "true")  # nothing before the first year
    page.keyboard.press("Space")
    expect(page).to_have_url(year_in_url(2006))
    expect(back).to_have_attribute("aria-disabled", "false")
    back.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(year_in_url(2005))
    dashboard.settle()
    assert "continent=Asia" in dashboard.query()
