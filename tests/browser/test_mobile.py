"""On a phone (390 x 844): the map comes first, the filters wait in a drawer that the "Filters" button opens, and
the drawer works with the keyboard (focus in, Escape or its close button, focus back on the button)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_mob001_the_map_comes_first_and_the_filter_drawer_works_with_the_keyboard(page, dashboard):
    page.set_viewport_size(PHONE)
    dashboard.open("/")
    top = page.locator("#map").evaluate("el => el.getBoundingClientRect().top")
    assert 0 < top < PHONE["height"] - 150, f"the map starts at {top:.0f} px, below the first screen"
    # nothing wider than the phone: the table scrolls in its own box, the page never sideways
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    panel = page.locator("#filters")
    expect(panel).to_be_hidden()
    button = page.get_by_role("button", name="Filters", exact=True)
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "filters")

    # Tab from the top: the skip link, then the Filters button; Enter opens the drawer and the focus goes in.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    assert page.evaluate("() => document.getElementById('filters').contains(document.activeElement)")
    for _ in range(40):  # Tab stays in the drawer while it covers the page
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.getElementById('filters').contains(document.activeElement)")

    # Escape closes it and gives the focus back.
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")

    # Space opens it again; a box ticked with Space filters the view; "Close the filters" closes it.
    page.keyboard.press("Space")
    expect(panel).to_be_visible()
    irl = dashboard.instrument_box("IRL")
    irl.focus()
    page.keyboard.press("Space")
    expect(irl).to_be_checked()
    expect(page).to_have_url(re.compile(r"[?&]instrument=IRL(&|$)"))
    close = page.get_by_role("button", name="Close the filters")
    close.focus()
    page.keyboard.press("Enter")
    expect(panel).to_be_hidden()
    expect(button).to_be_focused()
    dashboard.settle()
    expect(dashboard.figure("collaborations")).to_have_text("1")


def test_mob002_wide_screens_keep_the_filter_column(page, dashboard):
    dashboard.open("/")
    expect(page.locator("#filters")).to_be_visible()
    expect(page.get_by_role("button", name="Filters", exact=True)).to_be_hidden()
    assert page.locator("#filters").evaluate("el => el.getBoundingClientRect().left") < page.locator("#map").evaluate(
        "el => el.getBoundingClientRect().left"
    )
