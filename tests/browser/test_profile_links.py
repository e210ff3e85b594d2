"""Issue 13 in chromium, on the shipped data: the partner institutions, labs and links read from the drawn map as data
(a link only where both ends are drawn, the note under it adding up), the "Show links" box and ``links=1`` in the
address, a click on a partner's point, Japan's profile beside the map (its IRLs, KEK, the labs; by keyboard; axe), and
the page framing each continent on the box the exports frame (``views.framing``)."""

from __future__ import annotations

import re

import pytest
from accessibility import axe_violations, dash_idle
from accessibility import describe as describe_violations
from playwright.sync_api import expect

from dashboard.state import ViewState
from dashboard.views import framing

pytestmark = pytest.mark.browser

#: The map's layers as drawn (gd._fullData: typed arrays decoded), by their ``meta``.
LAYERS = """() => {
    const gd = document.getElementById('map').querySelector('.js-plotly-plot');
    const out = {};
    for (const t of gd._fullData) {
        if (!t.meta || !t.lon) continue;  // the layers of points and lines (not the countries' trace)
        (out[t.meta] = out[t.meta] || []).push({
            lon: Array.from(t.lon), lat: Array.from(t.lat), opacity: t.opacity,
            customdata: t.customdata ? Array.from(t.customdata) : null,
        });
    }
    out.sites = gd._fullData.filter(t => t.name === 'Infrastructure sites')
        .map(t => ({lon: Array.from(t.lon), lat: Array.from(t.lat)}));
    return out;
}"""


def layers(page) -> dict:
    return page.evaluate(LAYERS)


def link_segments(found: dict) -> list:
    """The arcs drawn: each trace's [lab end, far end, None] triples, not its room left empty (None, None, None: the
    page's map has room for the links of every view of its frame, page/mapfigure.py)."""
    out = []
    for trace in found.get("links", []):
        lon, lat = trace["lon"], trace["lat"]
        out += [((lon[i], lat[i]), (lon[i + 1], lat[i + 1])) for i in range(0, len(lon), 3) if lon[i] is not None]
    return out


def places(found: dict, meta: str) -> set:
    return {(x, y) for trace in found.get(meta, []) for x, y in zip(trace["lon"], trace["lat"])}


def test_prb001_points_and_links_read_from_the_drawn_map(page, dashboard, shipped_server):
    dashboard.open(shipped_server + "/?links=1")
    found = layers(page)
    segments = link_segments(found)
    assert len(segments) == 242  # the arcs of the view model (test_lnk001)
    labs, partners = places(found, "labs"), places(found, "partners")
    sites = {(x, y) for t in found["sites"] for x, y in zip(t["lon"], t["lat"])}
    for lab_end, far_end in segments:  # a link only where both ends are drawn
        assert lab_end in labs and (far_end in partners or far_end in sites)
    note = page.locator("#links-note")
    expect(note).to_contain_text("316 pairs")
    text = note.inner_text()
    drawn = int(re.search(r"(\d+) pairs", text).group(1))
    undrawn = sum(int(n) for n in re.findall(r"(\d+) with an? ", text))
    assert drawn + undrawn == 339  # every lab–partner and lab–site pair of the view (test_cnt002's merges)
    assert "LPCC" in text and "13 collaborations name no IN2P3 lab" in text


def test_prb002_the_show_links_box_and_the_address(page, dashboard, shipped_server):
    dashboard.open(shipped_server + "/?continent=Europe")
    assert "links" not in layers(page)
    box = page.get_by_label("Show links from IN2P3 labs")
    box.check()
    expect(page).to_have_url(re.compile(r"[?&]links=1"))
    dashboard.settle()
    assert len(link_segments(layers(page))) == 81
    expect(page.locator("#links-note")).to_contain_text("8 whose partner or site is off the map")
    page.locator('#instrument-filter input[value="INFRA"]').check()  # another filter keeps the links
    expect(page).to_have_url(re.compile(r"instrument=INFRA.*links=1"))
    box.uncheck()
    expect(page).not_to_have_url(re.compile(r"links="))
    dashboard.settle()
    assert "links" not in layers(page) and page.locator("#links-note").inner_text() == ""
    page.go_back()
    expect(box).to_be_checked()
    dashboard.settle()
    assert link_segments(layers(page))
    assert "links=1" in page.locator("#download-map-png").get_attribute("href")  # the images follow


def test_prb003_a_click_on_a_partner_selects_its_country_and_opens_its_profile(page, dashboard, shipped_server):
    dashboard.open(shipped_server + "/?links=1")
    found = layers(page)
    trace = found["partners"][0]
    tsukuba = next(i for i, c in enumerate(trace["customdata"]) if "P-024" in c[2])  # KEK
    x, y = dashboard.map_point(trace["lon"][tsukuba], trace["lat"][tsukuba])
    page.mouse.move(x, y)
    expect(page.locator("#map .hoverlayer .hovertext").first).to_contain_text("KEK")
    page.mouse.click(x, y)
    expect(page).to_have_url(re.compile(r"country=JPN"))
    profile = page.get_by_role("region", name="Japan")
    expect(profile).to_be_visible()
    dashboard.settle()
    faded = [t for t in layers(page)["links"] if t["opacity"] < 0.2]
    assert faded  # the links that touch no selected country fade


def test_prb004_japans_profile_names_its_irls_kek_and_the_labs_by_keyboard(page, dashboard, shipped_server):
    dashboard.open(shipped_server + "/?country=JPN")
    profile = page.get_by_role("region", name="Japan")
    expect(profile).to_be_visible()
    expect(profile.get_by_role("heading", level=2)).to_have_text("Japan")
    for words in ("Kavli-IPMU", "TYL-FJPPL", "KEK", "Tsukuba", "IJCLab", "LLR", "LPNHE", "First known year: 2017"):
        expect(profile).to_contain_text(words)
    expect(profile.get_by_role("heading", level=4, name="International Research Laboratory (IRL) (2)")).to_be_visible()
    expect(profile.get_by_role("link", name="source", exact=True)).to_have_count(11)
    # beside the map, not under it
    map_box, profile_box = page.locator("#map-card").bounding_box(), profile.bounding_box()
    assert profile_box["x"] > map_box["x"] + map_box["width"] - 1 and abs(profile_box["y"] - map_box["y"]) < 2
    # the keyboard: Tab reaches the profile's links in order, Enter on "Close profile" deselects
    close = profile.get_by_role("link", name="Close profile")
    page.locator("#map-card").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.includes('Close profile')"):
            break
    expect(close).to_be_focused()
    page.keyboard.press("Tab")
    expect(profile.get_by_role("link", name="source", exact=True).first).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(re.compile(r"country="))
    expect(profile).to_be_hidden()
    expect(page.get_by_role("region", name="Country profiles")).to_be_visible()  # the panel offers the countries
    # charts keep the whole picture: every continent's bar is there with Japan selected
    dashboard.open(shipped_server + "/?country=JPN&lang=fr")
    expect(page.get_by_role("region", name="Japon")).to_contain_text("Première année connue : 2017")
    bars = page.locator("#continent-chart .hbar")  # the charts are HTML (page/charts.py)
    bars.first.wait_for(state="attached")
    assert bars.count() >= 5
    expect(page.locator("#continent-chart .hbar-faded").first).to_be_attached()  # the others faded, Asia not


#: The map's drawn size (plotly's svg), to compare before and after a click.
MAP_SIZE = """() => {
    const box = document.querySelector('#map .main-svg').getBoundingClientRect();
    return [box.width, box.height];
}"""


def test_prb007_a_click_opens_the_profile_beside_the_map_kept_at_its_size_undrawn(page, dashboard, shipped_server):
    """The profile's column is there in every view: with no country selected it offers the view's first countries
    (each a link to its profile); a click on the map opens the profile in it, a second click closes it, and the
    map keeps its size: plotly draws nothing again (a map that changes size is drawn whole, 200-300 ms here)."""
    dashboard.open(shipped_server + "/")
    panel = page.get_by_role("region", name="Country profiles")
    expect(panel.get_by_role("link")).to_have_count(12)  # page/profile.CHOICES_SHOWN
    expect(panel.get_by_role("link").first).to_have_text("Japan")
    expect(panel).to_contain_text("Japan · 10")
    size = page.evaluate(MAP_SIZE)
    page.wait_for_timeout(500)  # the first plot's afterplot is over
    page.evaluate(
        """() => { window.__plots = 0;
            document.querySelector('#map .js-plotly-plot').on('plotly_afterplot', () => { window.__plots += 1; }); }"""
    )
    dashboard.click_country("Brazil", -55, -10)
    expect(page).to_have_url(re.compile(r"country=BRA"))
    expect(page.get_by_role("region", name="Brazil")).to_be_visible()
    dashboard.settle()
    assert page.evaluate(MAP_SIZE) == size
    dashboard.click_country("Brazil", -55, -10)  # again: deselected, the list back
    expect(page).not_to_have_url(re.compile(r"country="))
    expect(panel).to_be_visible()
    dashboard.settle()
    # by keyboard: a country of the list opens its profile
    panel.get_by_role("link", name="Japan").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"country=JPN"))
    expect(page.get_by_role("region", name="Japan")).to_contain_text("Kavli-IPMU")
    dashboard.settle()
    assert page.evaluate(MAP_SIZE) == size
    assert page.evaluate("() => window.__plots") == 0


def test_prb005_a_profile_open_meets_wcag_aa(checked_page, shipped_server):
    checked_page.goto(shipped_server + "/?country=JPN&links=1")
    checked_page.locator("#map path.choroplethlocation").first.wait_for(state="attached")
    expect(checked_page.get_by_role("region", name="Japan")).to_be_visible()
    dash_idle(checked_page)
    violations = axe_violations(checked_page)
    assert not violations, describe_violations(violations)
    checked_page.goto(shipped_server + "/?country=JPN,KOR&lang=fr")
    expect(checked_page.get_by_role("region", name="Pays sélectionnés")).to_contain_text("2 pays sélectionnés")
    dash_idle(checked_page)
    violations = axe_violations(checked_page)
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("continent", ["Europe", "Asia", "North America", "South America", "Africa", "Oceania"])
def test_prb006_the_page_frames_each_continent_on_the_exports_box(page, dashboard, continent):
    dashboard.open(f"/?continent={continent.replace(' ', '%20')}")
    ranges = page.evaluate(
        """() => { const geo = document.getElementById('map').querySelector('.js-plotly-plot')._fullLayout.geo;
                   return [geo.lonaxis.range, geo.lataxis.range]; }"""
    )
    lon_range, lat_range = framing(ViewState(continents=(continent,)).continents)
    assert ranges == [list(lon_range), list(lat_range)]
