"""WCAG 2.1 AA (RGAA 4.1) in the browser: axe-core finds no violation of the WCAG 2.0/2.1 A and AA rules, of any
impact, on every kind of page; and the page does not jump while it loads (cumulative layout shift under 0.05).

axe runs in a context of its own that bypasses the CSP (accessibility.py: ``checked_page``); the app's policy is
never relaxed. The views: the default one, a country selected, the country list open, presentation mode, French;
then the import page (IN2P3_ALLOW_IMPORT=1) and the sign-in page (IN2P3_USERS set), and the import page signed in.
"""

from __future__ import annotations

import pytest
from accessibility import CLS_LIMIT, PASSWORD, USER, axe_violations, dash_idle, describe, layout_shift
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

VIEWS = {
    "default": "/",
    "country": "/?country=JPN",
    "present": "/?present=1&step=2",
    "french": "/?lang=fr",
}


def open_view(page, path: str) -> None:
    """Open ``path`` and wait until the view is drawn (key figures, coloured map) and Dash is idle."""
    page.goto(path)
    page.locator('[data-figure="collaborations"] .figure-value').wait_for()
    page.locator("#map path.choroplethlocation").first.wait_for(state="attached")
    dash_idle(page)


def assert_no_violations(page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe, {where}:\n{describe(violations)}"


@pytest.mark.parametrize("view", list(VIEWS))
def test_axe001_views_meet_wcag_aa_and_do_not_jump(checked_page, view):
    open_view(checked_page, VIEWS[view])
    shift, shifts = layout_shift(checked_page)
    assert shift < CLS_LIMIT, f"{view}: cumulative layout shift {shift:.3f}: {shifts}"
    assert_no_violations(checked_page, view)


def test_axe002_the_country_list_open_meets_wcag_aa(checked_page):
    open_view(checked_page, "/?country=JPN")
    checked_page.locator("#country-select").click()
    menu = checked_page.locator(".dash-dropdown-content")
    expect(menu).to_be_visible()
    expect(menu.get_by_role("checkbox").first).to_be_visible()
    assert_no_violations(checked_page, "the country list open")
    checked_page.keyboard.press("Escape")


def test_axe003_the_import_page_meets_wcag_aa(checked_page, import_server):
    checked_page.goto(import_server + "/import")
    expect(checked_page.get_by_role("heading", level=1)).to_be_visible()
    shift, shifts = layout_shift(checked_page, settle_ms=500)
    assert shift < CLS_LIMIT, f"/import: cumulative layout shift {shift:.3f}: {shifts}"
    assert_no_violations(checked_page, "/import")


def test_axe004_the_sign_in_page_and_the_signed_in_import_page_meet_wcag_aa(checked_page, signin_server):
    checked_page.goto(signin_server + "/login?next=/import")
    expect(checked_page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    shift, shifts = layout_shift(checked_page, settle_ms=500)
    assert shift < CLS_LIMIT, f"/login: cumulative layout shift {shift:.3f}: {shifts}"
    assert_no_violations(checked_page, "/login")
    checked_page.get_by_label("User name").fill(USER)
    checked_page.get_by_label("Password").fill(PASSWORD)
    checked_page.get_by_role("button", name="Sign in").click()
    expect(checked_page).to_have_url(signin_server + "/import")
    expect(checked_page.get_by_text("Signed in as")).to_be_visible()
    assert_no_violations(checked_page, "/import, signed in")


@pytest.mark.parametrize("view", ["default", "french"])
def test_axe005_a_phone_sees_no_jump_either(browser, live_server, view):
    """At 390 x 844 (a phone), where the map comes first and the filters wait in their drawer."""
    from accessibility import CLS_OBSERVER

    context = browser.new_context(base_url=live_server, viewport={"width": 390, "height": 844})
    try:
        context.add_init_script(CLS_OBSERVER)
        page = context.new_page()
        open_view(page, VIEWS[view])
        shift, shifts = layout_shift(page)
        assert shift < CLS_LIMIT, f"{view} at 390 px: cumulative layout shift {shift:.3f}: {shifts}"
    finally:
        context.close()
