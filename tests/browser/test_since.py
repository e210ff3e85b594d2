"""What changed since the last meeting, in chromium: choosing a version in "Compare with" puts ``since=`` in the
address and shows the changes (the panel, the key figures, the map's layer); the view meets WCAG 2.1 AA (axe).

The server is one of its own (gunicorn, one worker) on a managed copy of the fixture data with two versions made by
the real import (``testkit.history``): the session's servers serve plain folders, which have no versions.
"""

from __future__ import annotations

import contextlib
import re

import pytest
from accessibility import axe_violations, checked_pages, dash_idle, describe
from playwright.sync_api import expect

from testkit.history import V0, make_history
from testkit.servers import ServerError, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def history_server(tmp_path_factory):
    folder = make_history(tmp_path_factory.mktemp("history") / "data")
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(serve(folder, workers=1, start_timeout=60))
        except ServerError as error:
            pytest.fail(str(error), pytrace=False)
        yield server.url


@pytest.fixture
def since_page(browser, history_server):
    """A checked page (``accessibility.checked_pages``: axe allowed in, traffic checked) on the history server."""
    yield from checked_pages(browser, history_server, {"width": 1366, "height": 900})


def open_view(page, path: str) -> None:
    page.goto(path)
    page.locator('[data-figure="collaborations"] .figure-value').wait_for()
    page.locator("#map path.choroplethlocation").first.wait_for(state="attached")
    dash_idle(page)


def test_chb001_choosing_a_version_puts_since_in_the_address_and_shows_the_changes(since_page):
    page = since_page
    open_view(page, "/")
    select = page.locator("#since-select")
    expect(select).to_have_value("")
    expect(page.locator("#changes")).to_be_empty()
    assert page.locator("#since-select option").evaluate_all("els => els.map(e => e.value)") == ["", V0]
    expect(page.get_by_label("Compare with")).to_be_visible()  # the select is named by its label
    select.select_option(V0)
    expect(page).to_have_url(re.compile(rf"\?since={V0}$"))
    panel = page.locator("#changes")
    expect(panel).to_contain_text("What changed since 10 January 2026")
    expect(panel.locator('[data-change="new"]').first).to_contain_text("1 New")
    expect(panel.locator("tr[data-id='IRL-01']")).to_contain_text("countries: + South Korea")
    expect(page.locator('#figure-changes [data-figure="collaborations"]')).to_have_text(
        "+1 new, −1 ended, 1 changed since 10 January 2026"
    )
    dash_idle(page)
    layer = page.evaluate(
        """() => {
            const gd = document.getElementById('map').querySelector('.js-plotly-plot');
            return gd.data.filter(t => t.meta === 'changes' && t.type === 'choropleth')
                          .flatMap(t => t.locations.map(l => l + ':' + t.name)).sort();
        }"""
    )
    assert layer == ["CAN:New", "CHN:Ended", "JPN:Changed", "KOR:Changed"]
    # a filter keeps the comparison; "No comparison" drops it
    page.locator('#instrument-filter input[value="IRN"]').check()
    expect(page).to_have_url(re.compile(rf"\?instrument=IRN&since={V0}$"))
    expect(page.locator("#changes tr[data-id]")).to_have_count(1)
    select.select_option("")
    expect(page).to_have_url(re.compile(r"\?instrument=IRN$"))
    expect(page.locator("#changes")).to_be_empty()


def test_chb002_the_changes_view_meets_wcag_aa_in_french_too(since_page):
    page = since_page
    for path, heading in ((f"/?since={V0}", "What changed since"), (f"/?since={V0}&lang=fr", "Ce qui a changé")):
        open_view(page, path)
        expect(page.locator("#changes h2")).to_contain_text(heading)
        expect(page.locator("#since-select")).to_have_value(V0)
        violations = axe_violations(page)
        assert not violations, f"axe, {path}:\n{describe(violations)}"


def test_chb003_a_version_that_is_not_there_is_a_notice_in_the_page_language(since_page):
    page = since_page
    open_view(page, "/?since=2020-01-01&lang=fr")
    expect(page.locator("#notice")).to_contain_text("pas de version aussi ancienne")
    expect(page.locator("#changes")).to_be_empty()
