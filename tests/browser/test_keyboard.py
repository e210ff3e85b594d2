"""The main flows with the keyboard alone (Tab, Enter, Space, letters; no mouse), with a visible focus: the skip
link, a country chosen by typing in the country list, an instrument type ticked, the table sorted and paged."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

#: Enough presses of Tab to reach anything on the page from its top.
MAX_TABS = 250


def tab_to(page, test: str) -> None:
    """Press Tab until the focused element passes ``test`` (a JavaScript expression about ``el``)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && !!({test}); }}"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


def focus_ring(page) -> str:
    """The focused element's outline, as drawn (the page's :focus-visible rule)."""
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }"
    )


def test_kbd001_the_main_flows_work_with_the_keyboard_alone(page, dashboard, shipped_server):
    dashboard.open(shipped_server + "/")

    # The first stop is the skip link, shown when focused; Enter moves the focus to the map.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the map")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#map-card")).to_be_focused()
    assert "#" not in page.url  # the address (the view) is left alone

    # The country list: Tab to it (the trigger button itself, named by its label), type a name, Enter.
    page.evaluate("() => document.activeElement.blur()")
    tab_to(page, "el.id === 'country-select'")
    country = page.locator("#country-select")
    expect(country).to_be_focused()
    expect(country).to_have_accessible_name(re.compile(r"^Selected countries"))
    assert focus_ring(page).startswith("solid")
    page.keyboard.press("J")
    search = page.get_by_role("searchbox", name="Search")
    expect(search).to_be_focused()  # the first key opens the list's search box (dcc.Dropdown)
    page.keyboard.type("apan")
    expect(page.get_by_role("checkbox", name="Japan (JPN)")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]country=JPN(&|$)"))
    page.keyboard.press("Escape")
    expect(country).to_contain_text("Japan")
    dashboard.settle()

    # An instrument type: Tab to its check box, Space ticks it.
    tab_to(page, "el.closest('#instrument-filter') && el.value === 'IRL'")
    irl = dashboard.instrument_box("IRL")
    expect(irl).to_be_focused()
    assert focus_ring(page).startswith("solid")
    page.keyboard.press("Space")
    expect(irl).to_be_checked()
    expect(page).to_have_url(re.compile(r"[?&]instrument=IRL(&|$)"))
    dashboard.settle()
    expect(dashboard.table_rows()).to_have_count(2)  # Japan's IRLs: Kavli-IPMU and TYL-FJPPL

    # Back to every country (the keyboard again: Tab to "Reset view", Enter), then the table: sort, next page.
    page.evaluate("() => document.activeElement.blur()")
    tab_to(page, "el.id === 'reset-view'")
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(re.compile(r"country="))
    dashboard.settle()
    status = page.locator("#table-status")
    expect(status).to_contain_text("Page 1 of 5")

    tab_to(page, "el.id === 'sort-name'")
    expect(page.locator("#sort-name")).to_have_accessible_name("Collaboration")
    page.keyboard.press("Enter")
    dashboard.settle()
    expect(page.locator("#column-name")).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("#sort-name")).to_be_focused()  # the focus stays where it was
    assert focus_ring(page).startswith("solid")
    page.keyboard.press("Enter")
    dashboard.settle()
    expect(page.locator("#column-name")).to_have_attribute("aria-sort", "descending")
    first = page.locator("#collaboration-table tbody td.col-name").first.inner_text()

    tab_to(page, "el.id === 'table-next-page'")
    next_page = page.get_by_role("button", name="Next page")
    expect(next_page).to_be_focused()
    page.keyboard.press("Space")
    dashboard.settle()
    expect(status).to_contain_text("Page 2 of 5")
    expect(next_page).to_be_focused()
    assert page.locator("#collaboration-table tbody td.col-name").first.inner_text() != first
    expect(page.locator("#column-name")).to_have_attribute("aria-sort", "descending")  # still sorted
