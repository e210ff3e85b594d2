"""Numbers a room can read, in chromium at 1920 x 1080: presentation mode's count labels stand where the server
placed them (``map_labels``, in plotly's own geometry, on a map at least as large as the one they were placed on),
and the texts plotly draws do not overlap."""

from __future__ import annotations

from pathlib import Path

import pytest
from accessibility import Traffic, assert_clean, dash_idle, guard

from dashboard.loading import validate_folder
from dashboard.map_labels import PAGE, place_labels
from dashboard.state import Vocabulary, parse_query
from dashboard.views import build_map_model

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def shipped_data():
    return validate_folder(DATA)


@pytest.fixture
def projector(browser, shipped_server):
    traffic = Traffic()
    context = browser.new_context(base_url=shipped_server, viewport={"width": 1920, "height": 1080})
    context.set_default_timeout(10_000)
    page = context.new_page()
    guard(page, traffic)
    yield page
    context.close()
    assert_clean(traffic)


@pytest.mark.parametrize(
    "query",
    [
        "?present=1&step=1",
        "?continent=Europe&present=1&step=2",
        "?continent=Asia&lang=fr&present=1&step=3",
        "?present=1&step=1&links=1",  # the links drawn too, and their note under the map (issue 13)
        "?continent=Europe&present=1&step=2&links=1",
    ],
)
def test_lbb001_labels_stand_where_the_server_placed_them_and_never_overlap(projector, shipped_data, query):
    page = projector
    page.goto("/" + query)
    page.locator("#map path.choroplethlocation").first.wait_for(state="attached")
    dash_idle(page)
    page.wait_for_timeout(500)  # the map at its presentation size
    state, _ = parse_query(query, Vocabulary.from_dataset(shipped_data))
    placement = place_labels(build_map_model(shipped_data, state), state.lang, PAGE)
    drawn = page.evaluate(
        """(points) => {
            const gd = document.getElementById('map').querySelector('.js-plotly-plot');
            const sub = gd._fullLayout.geo._subplot;
            const texts = Array.from(gd.querySelectorAll('.scattergeo text'))
                .filter(t => t.textContent)
                .map(t => { const r = t.getBoundingClientRect(); return [t.textContent, r.x, r.y, r.width,
                                                                          r.height]; });
            return {points: points.map(p => sub.projection(p)), origin: sub.bounds[0],
                    size: [sub.xaxis._length, sub.yaxis._length], texts};
        }""",
        [[label.lon, label.lat] for label in placement.labels],
    )
    # plotly fits the same frame (its shape, to the pixel), at least as large as the one the labels were placed in
    width, height = drawn["size"]
    scale = height / placement.canvas[1]
    assert scale >= 1 and width == pytest.approx(placement.canvas[0] * scale, abs=1)
    ox, oy = drawn["origin"]
    for label, (x, y) in zip(placement.labels, drawn["points"]):  # each label where the server placed it
        cx, cy = (label.box[0] + label.box[2]) / 2, (label.box[1] + label.box[3]) / 2
        assert (x - ox, y - oy) == pytest.approx((cx * scale, cy * scale), abs=1), label.iso3
    texts = drawn["texts"]
    assert sorted(t[0] for t in texts) == sorted(label.text for label in placement.labels)
    for i, (_, x0, y0, w0, h0) in enumerate(texts):  # the glyphs as drawn, pairwise apart
        for _, x1, y1, w1, h1 in texts[i + 1 :]:
            assert x0 + w0 <= x1 or x1 + w1 <= x0 or y0 + h0 <= y1 or y1 + h1 <= y0, texts
