"""The map updated in place (no plotly redraw) when the frame stays, the first picture of the map in the page's
first HTML: what a person sees, and that plotly did not draw the map again (issue 12; assets/mapupdate.js,
dashboard/page/mapfigure.py). The mini fixture: Japan has 2 collaborations (an IRL and an IRN), Argentina 2,
Switzerland, China and South Korea 1 each; with the IRN filter, Japan, China and South Korea 1 each, and one point of
partner institutions (no lab, no site)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NO_DATA_GREY = "rgb(227, 230, 234)"
JAPAN = ("Japan", 138.0, 36.5)  # a point of Honshu

#: Counts the map's plotly redraws and keeps Japan's drawn country (its path element) to compare later.
WATCH = """() => {
    const gd = document.querySelector('#map .js-plotly-plot');
    window.__plots = 0;
    window.__updates = 0;
    gd.on('plotly_afterplot', () => { window.__plots += 1; });
    gd.addEventListener('in2p3:mapupdated', () => { window.__updates += 1; });
    window.__japan = [...gd.querySelectorAll('path.choroplethlocation')].find(p => p.__data__.loc === 'JPN');
    return window.__japan !== undefined;
}"""


def watch(page) -> None:
    """Start counting the map's redraws once its first plot is over (its afterplot comes after its paths)."""
    assert page.evaluate(WATCH)
    page.wait_for_timeout(500)
    page.evaluate("() => { window.__plots = 0; }")


SIZE = "() => { const l = document.querySelector('#map .js-plotly-plot')._fullLayout; return [l.width, l.height]; }"

FILL = """(iso) => {
    const path = [...document.querySelectorAll('#map path.choroplethlocation')].find(p => p.__data__.loc === iso);
    return getComputedStyle(path).fill;
}"""


#: The opacity of each drawn point of the map's marker traces, by trace (meta or name).
OPACITIES = """() => {
    const out = {};
    document.querySelectorAll('#map .scatterlayer g.trace').forEach(g => {
        const trace = g.__data__[0].trace;
        out[trace.meta || trace.name] = [...g.querySelectorAll('path.point')].map(p => getComputedStyle(p).opacity);
    });
    return out;
}"""


def test_fst001_a_filter_recolours_the_map_and_its_key_without_a_plotly_redraw(page, dashboard):
    dashboard.open("/")
    watch(page)
    before = {iso: page.evaluate(FILL, iso) for iso in ("JPN", "ARG", "CHN")}
    key = page.locator("#map-legend")
    expect(key).to_contain_text("2")
    expect(key.locator("li")).to_have_text(
        [
            "Collaborations",
            "1",
            "2",
            "No collaboration",
            "France (home)",
            "Small countries",
            "Infrastructure sites",
            "Partner institutions",
            "IN2P3 labs",
        ]
    )
    dashboard.instrument_box("IRN").check()
    expect(dashboard.figure("collaborations")).to_have_text("1")
    dashboard.settle()
    page.wait_for_function("() => window.__updates === 1")
    after = {iso: page.evaluate(FILL, iso) for iso in ("JPN", "ARG", "CHN")}
    assert after["ARG"] == NO_DATA_GREY != before["ARG"]  # no IRN in Argentina
    assert after["JPN"] == after["CHN"] != before["JPN"]  # one class now: Japan and China alike
    expect(key.locator("li")).to_have_text(
        ["Collaborations", "1", "No collaboration", "France (home)", "Partner institutions"]
    )
    # plotly drew nothing again: no afterplot, and Japan is the very path element it drew at load
    assert page.evaluate("() => window.__plots") == 0
    assert page.evaluate(
        "() => [...document.querySelectorAll('#map path.choroplethlocation')].includes(window.__japan)"
    )
    # the sites (infrastructures), the labs and all the partners' points but one are out of view: hidden, not removed
    assert page.evaluate(OPACITIES) == {
        "Small countries": ["0"],
        "Infrastructure sites": ["0", "0"],
        "partners": ["0.9", "0", "0", "0"],
        "labs": ["0", "0"],
    }


def test_fst002_after_an_update_in_place_hover_and_clicks_read_the_new_view(page, dashboard):
    dashboard.open("/")
    watch(page)
    dashboard.instrument_box("IRN").check()
    expect(dashboard.figure("collaborations")).to_have_text("1")
    dashboard.settle()
    page.wait_for_function("() => window.__updates === 1")
    size = page.evaluate(SIZE)
    # hovers until the label names China, then clicks (Japan has the one partners' point in view, at Tsukuba: its
    # hover is the point's)
    dashboard.click_country("China", 100.0, 35.0)
    expect(page.locator("#map .hoverlayer .hovertext").first).to_contain_text("1 collaborations")
    expect(page).to_have_url(re.compile(r"[?&]country=CHN(&|$)"))
    expect(page.locator("#map g.in2p3-selection path")).to_have_count(1)
    dashboard.settle()
    assert dashboard.outlined() == ["CHN"]
    # a click redraws no map either: the profile opens in its own column, the map keeps its size
    assert page.evaluate(SIZE) == size
    assert page.evaluate("() => window.__plots") == 0
    page.evaluate("() => { window.__plots = 0; }")
    # the filter undone: the map of the page's first view, kept by the browser, put back in place as well
    dashboard.instrument_box("IRN").uncheck()
    dashboard.settle()
    page.wait_for_function("() => window.__updates === 2")
    expect(dashboard.figure("collaborations")).to_have_text("1")  # China's, IRN or not
    assert page.evaluate(FILL, "ARG") != NO_DATA_GREY
    assert page.evaluate("() => window.__plots") == 0


def test_fst003_another_frame_is_drawn_by_plotly(page, dashboard):
    dashboard.open("/")
    watch(page)
    page.get_by_role("checkbox", name="South America").check()
    expect(dashboard.figure("collaborations")).to_have_text("2")
    dashboard.settle()
    page.wait_for_function("() => window.__plots >= 1")  # the continent's frame: plotly draws the map
    assert page.evaluate("() => window.__updates") == 0
    lon_range = page.evaluate("() => document.querySelector('#map .js-plotly-plot')._fullLayout.geo.lonaxis.range")
    assert lon_range == [-95, -30]


def both_ways(drawn: str) -> str:
    """A script that applies ``drawn`` (a JavaScript function of a plotly graph) to the page's map and to a map plotly
    draws afresh in another div from the same figure (its data and layout, at the same size): [page's, plotly's]."""
    return (
        """async () => {
    const gd = document.querySelector('#map .js-plotly-plot');
    const drawn = """
        + drawn
        + """;
    const fresh = document.createElement('div');
    fresh.style.cssText = 'position: fixed; left: 0; top: 0;';
    document.body.appendChild(fresh);
    const layout = {...JSON.parse(JSON.stringify(gd.layout)), width: gd._fullLayout.width,
                    height: gd._fullLayout.height};
    await Plotly.newPlot(fresh, JSON.parse(JSON.stringify(gd.data)), layout, {topojsonURL: gd._context.topojsonURL});
    const both = [drawn(gd), drawn(fresh)];
    Plotly.purge(fresh);
    fresh.remove();
    return both;
}"""
    )


#: The map's partners' points as drawn (each calculated point's size, radius, place and opacity, and its path's
#: outline, position and style) on the page's map, and on a map plotly draws afresh in another div from the same
#: figure (its data and layout, at the same size).
POINTS_BOTH_WAYS = both_ways(
    """(plot) => {
        const k = plot._fullData.findIndex(t => t.meta === 'partners');
        const points = plot.calcdata[k];
        const out = points.map(p => ({ms: p.ms, mrc: p.mrc, mo: p.mo, lonlat: p.lonlat}));
        points[0].node3.node().querySelectorAll('path.point').forEach(node => {
            const i = points.indexOf(node.__data__);
            const xy = (node.getAttribute('transform') || '').match(/translate\\(([^,]+),([^)]+)\\)/) || [];
            Object.assign(out[i], {
                d: node.getAttribute('d'), xy: xy.slice(1).map(Number), opacity: getComputedStyle(node).opacity,
                fill: getComputedStyle(node).fill, display: node.getAttribute('display') || '',
            });
        });
        return out;
    }"""
)


#: A map plotly draws afresh from the page's map's figure, at its size, over it (id fresh-map).
FRESH_OVER_MAP = """async () => {
    const gd = document.querySelector('#map .js-plotly-plot');
    const box = gd.getBoundingClientRect();
    const fresh = document.createElement('div');
    fresh.id = 'fresh-map';
    fresh.style.cssText = `position: fixed; left: ${box.left}px; top: ${box.top}px; z-index: 10000; background: white;`;
    document.body.appendChild(fresh);
    const layout = {...JSON.parse(JSON.stringify(gd.layout)), width: gd._fullLayout.width,
                    height: gd._fullLayout.height};
    await Plotly.newPlot(fresh, JSON.parse(JSON.stringify(gd.data)), layout, {topojsonURL: gd._context.topojsonURL});
}"""


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def same_points(page) -> list[dict]:
    """The partners' points as updated in place, checked against plotly's own drawing of the same figure."""
    here, fresh = page.evaluate(POINTS_BOTH_WAYS)
    assert len(here) == len(fresh) > 0
    for mine, plotly in zip(here, fresh):
        assert mine.pop("xy") == pytest.approx(plotly.pop("xy"), abs=0.01)
        assert mine == plotly
    return here


def test_fst004_a_filter_resizes_the_partners_points_in_place_as_plotly_draws_them(page, dashboard):
    dashboard.open("/")
    watch(page)
    before = same_points(page)  # the first map, plotly's own
    dashboard.instrument_box("IRN").check()
    expect(dashboard.figure("collaborations")).to_have_text("1")
    dashboard.settle()
    page.wait_for_function("() => window.__updates === 1")
    after = same_points(page)
    assert page.evaluate("() => window.__plots") == 0  # in place: plotly drew nothing
    shown = [p for p in after if p["opacity"] != "0"]
    assert len(shown) == 1 < len(before)
    point = shown[0]
    assert point["d"] != before[0]["d"] and point["mrc"] == point["ms"] / 2  # resized: 6.9 -> 6 px across
    # hovered, the point's label is its place's, beside the point at its new radius
    box = page.evaluate(
        """() => {
            const gd = document.querySelector('#map .js-plotly-plot');
            const k = gd._fullData.findIndex(t => t.meta === 'partners');
            const node = [...gd.calcdata[k][0].node3.node().querySelectorAll('path.point')]
                .find(p => getComputedStyle(p).opacity !== '0');
            const r = node.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2];
        }"""
    )
    page.mouse.move(box[0] - 8, box[1] - 8)
    page.mouse.move(*box)
    expect(page.locator("#map .hoverlayer .hovertext").first).to_contain_text("Tsukuba · Japan")
    hovered = page.evaluate(
        """() => {
            const gd = document.querySelector('#map .js-plotly-plot');
            const h = gd._hoverdata[0];
            return [gd._fullData[h.curveNumber].meta, h.pointNumber];
        }"""
    )
    assert hovered == ["partners", after.index(point)]
    label = page.locator("#map .hoverlayer .hovertext").first.get_attribute("transform")
    # where plotly puts the label of that point on a map it draws afresh from the same figure, over the page's
    page.evaluate(FRESH_OVER_MAP)
    page.mouse.move(box[0] - 8, box[1] - 8)
    page.mouse.move(*box)
    fresh = page.locator("#fresh-map .hoverlayer .hovertext").first
    expect(fresh).to_contain_text("Tsukuba · Japan")
    assert numbers(label) == pytest.approx(numbers(fresh.get_attribute("transform")), abs=0.01)
    page.evaluate("() => { const div = document.getElementById('fresh-map'); Plotly.purge(div); div.remove(); }")
    # the filter undone: the first map's points, in place again, as plotly drew them
    dashboard.instrument_box("IRN").uncheck()
    expect(dashboard.figure("collaborations")).to_have_text("11")
    dashboard.settle()
    page.wait_for_function("() => window.__updates === 2")
    assert same_points(page) == before
    assert page.evaluate("() => window.__plots") == 0


#: The links as drawn (each trace of links: its line's outline and its points' places) on the page's map, and on a
#: map plotly draws afresh in another div from the same figure.
LINKS_BOTH_WAYS = both_ways(
    """(plot) => plot._fullData.map((t, k) => [t, k]).filter(([t]) => t.meta === 'links').map(([t, k]) => ({
        width: t.line.width, opacity: t.opacity, lonlat: plot.calcdata[k].map(p => p.lonlat),
        d: [...plot.calcdata[k][0].node3.node().querySelectorAll('path.js-line')].map(p => p.getAttribute('d')),
    }))"""
)


def test_fst005_with_links_shown_a_filter_redraws_the_links_in_place_as_plotly_draws_them(page, dashboard):
    dashboard.open("/?links=1")
    watch(page)
    first, fresh = page.evaluate(LINKS_BOTH_WAYS)
    assert first == fresh and sum(len(t["d"][0] or "") > 0 for t in first) > 0  # links drawn
    dashboard.instrument_box("IRL").check()
    expect(dashboard.figure("collaborations")).not_to_have_text("11")
    dashboard.settle()
    page.wait_for_function("() => window.__updates === 1")
    here, fresh = page.evaluate(LINKS_BOTH_WAYS)
    assert here == fresh  # the lines plotly would draw of that figure, to the character
    assert here != first and [t["width"] for t in here] == [t["width"] for t in first]
    assert page.evaluate("() => window.__plots") == 0  # in place: plotly drew nothing
    dashboard.instrument_box("IRL").uncheck()
    expect(dashboard.figure("collaborations")).to_have_text("11")
    dashboard.settle()
    page.wait_for_function("() => window.__updates === 2")
    assert page.evaluate(LINKS_BOTH_WAYS) == [first, first]
    assert page.evaluate("() => window.__plots") == 0


def test_fst006_plotly_comes_late_from_the_app_the_picture_holds_the_map_then_it_answers_a_click(page, dashboard):
    """plotly.js is not in the page's scripts: Dash draws its page first, the map's picture stays in the map's box
    while the app's partial bundle loads (held back here), then plotly draws the map, the picture goes, and a
    click on a country selects it. Never Dash's full plotly bundle (assets/lateplotly.js)."""
    held, asked = [], []
    page.on("request", lambda request: asked.append(request.url) if "plotly" in request.url else None)
    page.route("**/vendor/plotly-in2p3.min.js*", lambda route: held.append(route))
    page.goto("/")
    dashboard.figure("collaborations").wait_for()
    page.wait_for_function("() => !document.getElementById('first-frame') && window.store")  # Dash's page is there
    page.wait_for_function("() => document.querySelectorAll('#page .map-slot [data-map-preview] svg').length === 1")
    assert held, "the map's graph asked for plotly.js"
    assert page.evaluate("() => typeof window.Plotly.then") == "function"  # the stand-in: plotly not loaded yet
    assert page.locator("#map path.choroplethlocation").count() == 0
    page.wait_for_timeout(300)
    assert page.locator("#page .map-slot [data-map-preview]").is_visible()  # still the picture, no blank map
    held[0].continue_()
    page.locator("#map path.choroplethlocation").first.wait_for(state="attached")
    expect(page.locator("[data-map-preview]")).to_have_count(0)
    assert page.evaluate("() => window.Plotly.version") == "4.1.1"
    bundles = [url for url in asked if "plotly-in2p3" in url or "plotly.min" in url or "package_data/plotly" in url]
    assert bundles == [held[0].request.url]
    dashboard.settle()
    dashboard.click_country(*JAPAN)
    page.wait_for_function("() => window.location.search.includes('country=JPN')")
    page.locator("#map g.in2p3-selection path").first.wait_for(state="attached")  # drawn once the view is back
    assert dashboard.outlined() == ["JPN"]
