"""What a person sees and does on the dashboard, in a real browser, on the mini fixture data.

The mini data (tests/fixtures/mini): 11 collaborations in all (IRL-01, IRN-01, IRP-01, IEA x5 with no country,
three infrastructures); Japan has 2 (IRL-01, IRN-01), Argentina 2 (IRP-01, INF-03), Switzerland, China,
South Korea 1 each; France is home. Every page also checks, at teardown (conftest.py), that it made no request
outside 127.0.0.1, logged no console error and met no server error.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TOTAL = "11"
JAPAN = ("Japan", 138.0, 36.5)  # a point of Honshu
NO_DATA_GREY = "rgb(227, 230, 234)"  # "#e3e6ea", countries with no collaboration
HOME_GREY = "rgb(74, 74, 74)"  # "#4a4a4a", France


def has_param(name: str, value: str | None = None) -> re.Pattern:
    """For expect(page).to_have_url: the query has ``name`` (set to exactly ``value`` if given)."""
    if value is None:
        return re.compile(rf"[?&]{re.escape(name)}=")
    return re.compile(rf"[?&]{re.escape(name)}={re.escape(value)}(&|#|$)")


def test_brw001_page_loads_offline_with_title_and_total(page, dashboard, traffic):
    dashboard.open("/")
    expect(page.get_by_role("heading", name="IN2P3 international collaborations", level=1)).to_be_visible()
    expect(page).to_have_title("IN2P3 international collaborations")
    expect(dashboard.figure("collaborations")).to_have_text(TOTAL)
    assert traffic.external == []
    assert traffic.console_errors == [] and traffic.page_errors == []


def test_brw002_map_draws_coloured_countries_from_local_topology(page, dashboard, traffic):
    dashboard.open("/")
    topology = [status for status, url in traffic.responses if url.endswith("/geo/world_50m.json")]
    assert topology == [200], f"responses for the topology: {topology}"
    fills = page.evaluate(
        """() => {
            const out = {};
            for (const path of document.querySelectorAll('#map path.choroplethlocation')) {
                if (path.__data__ && path.__data__.loc) out[path.__data__.loc] = getComputedStyle(path).fill;
            }
            return out;
        }"""
    )
    assert len(fills) > 200, f"only {len(fills)} countries drawn"
    for iso in ("JPN", "ARG", "CHE", "CHN", "KOR"):
        assert fills[iso] not in (NO_DATA_GREY, HOME_GREY, ""), f"{iso} drawn {fills[iso]}, as without data"
    assert fills["JPN"] == fills["ARG"] != fills["CHE"], "2 collaborations and 1 should fall in different classes"
    assert fills["USA"] == NO_DATA_GREY
    assert fills["FRA"] == HOME_GREY
    coloured = sorted(iso for iso, fill in fills.items() if fill not in (NO_DATA_GREY, HOME_GREY))
    assert coloured == ["ARG", "CHE", "CHN", "JPN", "KOR"]


def test_brw003_clicking_japan_on_the_map_selects_it_and_again_deselects(page, dashboard):
    dashboard.open("/")
    dashboard.click_country(*JAPAN)
    expect(page).to_have_url(has_param("country", "JPN"))
    expect(page.locator("#country-select")).to_contain_text("Japan")
    expect(dashboard.figure("collaborations")).to_have_text("2")
    expect(dashboard.table_rows()).to_have_count(2)
    expect(page.locator("#collaboration-table")).to_contain_text("Test laboratory in Japan")
    expect(page.locator("#collaboration-table")).to_contain_text("Test network in Asia")
    expect(page.locator("#selection-summary")).to_contain_text("Japan")
    expect(page.locator("#map g.in2p3-selection path")).to_have_count(1)
    assert dashboard.outlined() == ["JPN"]
    # the outline is drawn again as the map takes its place beside the profile: its style is read on the one drawn
    expect(page.locator("#map g.in2p3-selection path")).to_have_css("stroke", "rgb(242, 169, 0)")

    dashboard.click_country(*JAPAN)
    expect(page).not_to_have_url(has_param("country"))
    expect(page.locator("#map g.in2p3-selection path")).to_have_count(0)
    expect(dashboard.figure("collaborations")).to_have_text(TOTAL)
    expect(page.locator("#country-select")).not_to_contain_text("Japan")
    expect(page.locator("#selection-summary")).not_to_contain_text("Japan")


def test_brw004_clear_selection_button_clears_the_selection(page, dashboard):
    dashboard.open("/?instrument=IRN&country=JPN,KOR")
    expect(dashboard.figure("collaborations")).to_have_text("1")
    expect(page.locator("#selection-summary")).to_contain_text("Japan, South Korea")
    expect(page.locator("#map g.in2p3-selection path")).to_have_count(2)  # outlined from the link at load
    assert sorted(dashboard.outlined()) == ["JPN", "KOR"]
    page.get_by_role("button", name="Clear selection").click()
    expect(page.locator("#map g.in2p3-selection path")).to_have_count(0)
    expect(page).not_to_have_url(has_param("country"))
    expect(page).to_have_url(has_param("instrument", "IRN"))  # the filters stay
    expect(page.locator("#country-select")).not_to_contain_text("Japan")
    expect(page.locator("#selection-summary")).not_to_contain_text("Japan")
    expect(dashboard.figure("collaborations")).to_have_text("1")
    expect(dashboard.instrument_box("IRN")).to_be_checked()


def test_brw005_ticking_an_instrument_type_updates_url_and_views(page, dashboard):
    dashboard.open("/")
    dashboard.instrument_box("IRN").check()
    expect(page).to_have_url(has_param("instrument", "IRN"))
    expect(dashboard.figure("collaborations")).to_have_text("1")
    expect(dashboard.table_rows()).to_have_count(1)
    expect(page.locator("#collaboration-table")).to_contain_text("Test network in Asia")


def test_brw006_url_with_filters_restores_the_view(page, dashboard):
    dashboard.open("/?instrument=IRL,IRN&country=JPN")
    expect(dashboard.instrument_box("IRL")).to_be_checked()
    expect(dashboard.instrument_box("IRN")).to_be_checked()
    expect(dashboard.instrument_box("IRP")).not_to_be_checked()
    expect(page.locator("#country-select")).to_contain_text("Japan")
    expect(page.locator("#selection-summary")).to_contain_text("Japan")
    expect(dashboard.figure("collaborations")).to_have_text("2")
    expect(dashboard.table_rows()).to_have_count(2)
    expect(page.locator("#notice")).to_be_empty()


def test_brw007_back_and_forward_restore_previous_views(page, dashboard):
    dashboard.open("/")
    dashboard.instrument_box("IRN").check()
    expect(page).to_have_url(has_param("instrument", "IRN"))
    expect(dashboard.figure("collaborations")).to_have_text("1")
    dashboard.instrument_box("IRP").check()
    expect(page).to_have_url(has_param("instrument", "IRP,IRN"))
    expect(dashboard.figure("collaborations")).to_have_text("2")

    page.go_back()
    expect(page).to_have_url(has_param("instrument", "IRN"))
    expect(dashboard.figure("collaborations")).to_have_text("1")
    expect(dashboard.instrument_box("IRP")).not_to_be_checked()
    expect(dashboard.instrument_box("IRN")).to_be_checked()

    page.go_forward()
    expect(page).to_have_url(has_param("instrument", "IRP,IRN"))
    expect(dashboard.figure("collaborations")).to_have_text("2")
    expect(dashboard.instrument_box("IRP")).to_be_checked()


def test_brw008_bad_url_values_show_a_notice_and_the_page_still_works(page, dashboard, traffic):
    dashboard.open("/?instrument=XYZ&year=abc&foo=1")
    notice = page.locator("#notice")
    expect(notice).to_contain_text("not understood")
    expect(notice).to_contain_text("'XYZ'")
    expect(notice).to_contain_text("'abc'")
    expect(notice).to_contain_text("'foo'")
    expect(dashboard.figure("collaborations")).to_have_text(TOTAL)
    expect(page.locator("#map path.choroplethlocation").first).to_be_attached()
    for code in ("IRL", "IRP", "IRN", "IEA", "AGR", "INFRA"):
        expect(dashboard.instrument_box(code)).not_to_be_checked()
    assert traffic.server_errors == []


def test_brw009_country_dropdown_by_keyboard(page, dashboard):
    dashboard.open("/")
    page.locator("#measure input[type=radio]:checked").focus()  # the control just before the dropdown
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == "country-select":
            break
    expect(page.locator("#country-select")).to_be_focused()
    # The first key opens the dropdown's search box (Dash 4 dcc.Dropdown). A key typed before the box has taken
    # the focus (~120 ms later, more on a cold page) is lost (upstream behaviour, see the report), so look
    # at the box first, as a person does, then type on.
    page.keyboard.press("A")
    search = page.get_by_role("searchbox", name="Search")
    expect(search).to_be_focused()
    expect(search).to_have_value("A")
    page.keyboard.type("rg")
    expect(search).to_have_value("Arg")
    expect(page.get_by_role("checkbox", name="Argentina (ARG)")).to_be_visible()  # the list open: check boxes
    page.keyboard.press("Enter")
    expect(page).to_have_url(has_param("country", "ARG"))
    page.keyboard.press("Escape")
    expect(page.locator("#country-select")).to_contain_text("Argentina")
    expect(dashboard.figure("collaborations")).to_have_text("2")


def test_brw010_csv_link_follows_the_view(page, dashboard):
    dashboard.open("/")
    link = page.locator("#download-csv")
    expect(link).to_have_attribute("href", "/export/collaborations.csv")
    dashboard.instrument_box("IRN").check()
    expect(link).to_have_attribute("href", re.compile(r"[?&]instrument=IRN(&|$)"))
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert [(r["Id"], r["Type"], r["Collaboration"]) for r in rows] == [("IRN-01", "IRN", "Test network in Asia")]
    assert rows[0]["Countries"] == "Japan; South Korea; China"


def test_brw011_the_outline_stays_when_the_map_is_redrawn_and_follows_a_pan(page, dashboard):
    dashboard.open("/?country=JPN")
    assert dashboard.outlined() == ["JPN"]
    dashboard.instrument_box("IRN").check()  # another map (other counts): plotly draws it anew
    expect(page).to_have_url(has_param("instrument", "IRN"))
    dashboard.settle()
    expect(page.locator("#map g.in2p3-selection path")).to_have_count(1)
    assert dashboard.outlined() == ["JPN"]
    # Pan the map (its drag mode): the outline moves with the country
    before = page.locator("#map g.in2p3-selection path").get_attribute("d")
    x, y = dashboard.map_point(-150.0, 0.0)  # the Pacific
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y + 20, steps=5)
    page.mouse.up()
    dashboard.settle()
    assert dashboard.outlined() == ["JPN"]
    assert page.locator("#map g.in2p3-selection path").get_attribute("d") != before


MAP_TRACES = """() => {
    const gd = document.getElementById('map').querySelector('.js-plotly-plot');
    return gd.data.map(t => ({name: t.name, locations: Array.from(t.locations || []), z: Array.from(t.z || [])}));
}"""


def _render_answer(page, action) -> str:
    """The body of the answer to the request (update_view) that ``action`` causes."""
    with page.expect_response(
        lambda r: "_dash-update-component" in r.url and "map-held" in (r.request.post_data or "")
    ) as answer:
        action()
    return answer.value.text()


def test_brw020_a_map_the_browser_keeps_is_not_sent_again(page, dashboard):
    """Filters ticked and unticked: the map of a view seen before is put back by the browser, not sent again."""
    dashboard.open("/")
    whole = page.evaluate(MAP_TRACES)

    body = _render_answer(page, lambda: dashboard.instrument_box("IRN").check())
    expect(dashboard.figure("collaborations")).to_have_text("1")
    dashboard.settle()
    assert "map-sent" in body  # a map never drawn on this page: sent
    irn = page.evaluate(MAP_TRACES)
    assert irn != whole

    body = _render_answer(page, lambda: dashboard.instrument_box("IRN").uncheck())
    expect(dashboard.figure("collaborations")).to_have_text(TOTAL)
    dashboard.settle()
    assert "map-sent" not in body and "map-key" in body  # the whole data set's map: kept since the page loaded
    assert page.evaluate(MAP_TRACES) == whole

    body = _render_answer(page, lambda: dashboard.instrument_box("IRN").check())
    expect(dashboard.figure("collaborations")).to_have_text("1")
    dashboard.settle()
    assert "map-sent" not in body
    assert page.evaluate(MAP_TRACES) == irn
    assert dashboard.outlined() == []  # and the outline layer still follows the URL (nothing selected)


def test_brw021_an_interaction_asks_only_for_its_callbacks(page, dashboard, traffic):
    """A filter ticked and unticked, a country clicked: the only requests are the callbacks' (no icon asked for
    again at each change of the address, as Chromium did for a linked icon)."""
    dashboard.open("/")
    before = len(traffic.responses)
    dashboard.instrument_box("IRN").check()
    expect(dashboard.figure("collaborations")).to_have_text("1")
    dashboard.settle()
    dashboard.instrument_box("IRN").uncheck()
    expect(dashboard.figure("collaborations")).to_have_text(TOTAL)
    dashboard.settle()
    paths = [urlsplit(url).path for _status, url in traffic.responses[before:]]
    assert paths and set(paths) == {"/_dash-update-component"}, paths
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon.startswith("data:image/svg+xml,")


def chart(page, name: str):
    """A chart card's figure, found by its name as a screen reader announces it (the chart's title)."""
    return page.get_by_role("figure", name=name)


def test_brw030_the_charts_show_their_bars_values_and_legend(page, dashboard):
    dashboard.open("/")
    continents = chart(page, "By continent")
    expect(continents.get_by_role("button")).to_have_count(3)  # Europe, Asia, South America; "No country" is no filter
    expect(continents.get_by_role("button", name=re.compile(r"^Asia: 2 \(IRL 1, IRN 1\)$"))).to_be_visible()
    expect(continents.locator(".chart-legend li")).to_have_text(["IRL", "IRP", "IRN", "IEA", "INFRA"])
    top = chart(page, "Top partner countries")
    expect(top.get_by_role("button")).to_have_text(
        [re.compile(rf"^{name}\s*{n}") for name, n in (("Argentina", 2), ("Japan", 2), ("Switzerland", 1))]
        + [re.compile(r"^China"), re.compile(r"^South Korea")]
    )
    kinds = chart(page, "By instrument type")
    expect(kinds).to_contain_text("International Emerging Action (IEA)")
    expect(kinds.locator(".hbar-value")).to_have_text(["1", "1", "1", "5", "3"])
    timeline = page.get_by_role("img", name=re.compile(r"^Active collaborations per year, 2005 to 2026"))
    expect(timeline).to_be_visible()
    # every bar drawn with its length: Japan's (2 of 2 x 1.15) as long as Argentina's, twice Switzerland's
    widths = top.locator(".hbar-stack").evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert widths[0] == widths[1] > 0 and abs(widths[0] - 2 * widths[2]) < 1.5
    parts = kinds.locator(".hbar-part")
    assert parts.nth(3).evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(204, 121, 167)"  # IEA's


def test_brw031_a_click_on_a_countrys_bar_selects_it_and_again_deselects(page, dashboard):
    dashboard.open("/")
    japan = chart(page, "Top partner countries").get_by_role("button", name=re.compile("^Japan"))
    expect(japan).to_have_attribute("aria-pressed", "false")
    japan.click()
    expect(page).to_have_url(has_param("country", "JPN"))
    expect(dashboard.figure("collaborations")).to_have_text("2")
    expect(page.locator("#map g.in2p3-selection path")).to_have_count(1)
    japan = chart(page, "Top partner countries").get_by_role("button", name=re.compile("^Japan"))
    expect(japan).to_have_attribute("aria-pressed", "true")
    japan.click()
    expect(page).not_to_have_url(has_param("country"))
    expect(dashboard.figure("collaborations")).to_have_text(TOTAL)


def test_brw032_the_keyboard_on_a_continents_bar_toggles_the_continent_filter(page, dashboard):
    dashboard.open("/")
    asia = chart(page, "By continent").get_by_role("button", name=re.compile("^Asia"))
    asia.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(has_param("continent", "Asia"))
    expect(page.get_by_role("checkbox", name="Asia")).to_be_checked()
    expect(dashboard.figure("collaborations")).to_have_text("2")
    asia = chart(page, "By continent").get_by_role("button", name=re.compile("^Asia"))
    expect(asia).to_have_attribute("aria-pressed", "true")
    asia.focus()
    page.keyboard.press("Space")
    expect(page).not_to_have_url(has_param("continent"))
    expect(dashboard.figure("collaborations")).to_have_text(TOTAL)
