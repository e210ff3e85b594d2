"""Numbers a room can read: each coloured country's count on the map of presentation mode (``map_labels``), on the
page's plotly map (``figures/labels.py``) and on the map image (``exports/images/labels.py``).

Placed at the presentation map's size in each medium's geometry, labels never overlap, never cover a marker, their
leader lines cross nothing, and every coloured country the map shows is labelled or listed in the "Also" box.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.text import Text

from dashboard import map_labels
from dashboard.config import load_settings
from dashboard.exports import images
from dashboard.figures import build_map
from dashboard.look import SELECTED_LINE
from dashboard.map_labels import GAP_PX, IMAGE, PAGE, PRESENT_MAP_PX, place_labels
from dashboard.state import ViewState
from dashboard.views import build_map_model, build_view, class_breaks

VIEWS = [
    ViewState(),
    ViewState(measure="partners"),
    ViewState(instruments=("INFRA",), measure="infrastructures"),
    *[ViewState(continents=(c,)) for c in ("Europe", "Asia", "North America", "South America", "Africa", "Oceania")],
]


def crowded(model, countries):
    """``model`` with every country of ``countries`` coloured (values 1 to 120): as dense as a map gets."""
    codes = [c for c in countries if c in model.countries.index and c != "FRA"]
    values = pd.DataFrame(
        {"value": [(i * 37) % 120 + 1 for i in range(len(codes))], "breakdown": [""] * len(codes)}, index=codes
    )
    breaks = class_breaks(int(values["value"].max()))
    upper = np.array([hi for _, hi in breaks])
    values["klass"] = np.minimum(np.searchsorted(upper, values["value"].to_numpy(), side="left"), len(breaks) - 1)
    return replace(model, values=values, breaks=tuple(breaks))


def in_frame(placement, model, iso3) -> bool:
    """Does the map show the country: its label point within the frame the labels were placed in, or it is a large
    country of a continent shown (Russia on Europe's map; small islands off the frame are not on the map)?"""
    x0, x1, y0, y1 = placement.frame
    country = model.countries.loc[iso3]
    x, y = map_labels._projection(placement.lon_0).transform(country["lon"], country["lat"])
    return x0 <= x <= x1 and y0 <= y <= y1 or (country["continent"] in model.continents and not country["small"])


def check(placement, model):
    """No two labels overlap (with the gap), none leaves the frame, leaders cross no label and no other leader;
    every coloured country the map shows is labelled or listed, once."""
    boxes = [label.box for label in placement.labels]
    width, height = placement.canvas
    assert width <= PRESENT_MAP_PX[0] + 1e-6 and height <= PRESENT_MAP_PX[1] + 1e-6
    for a, b in itertools.combinations(boxes, 2):
        apart = a[2] + GAP_PX <= b[0] or b[2] + GAP_PX <= a[0] or a[3] + GAP_PX <= b[1] or b[3] + GAP_PX <= a[1]
        assert apart, (a, b)
    for x0, y0, x1, y1 in boxes:
        assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height
    leaders = [label for label in placement.labels if label.leader]
    for label in leaders:
        (ax, ay), (bx, by) = label.leader_xy
        start = ((ax - placement.frame[0]) * placement.scale, (placement.frame[3] - ay) * placement.scale)
        end = ((bx - placement.frame[0]) * placement.scale, (placement.frame[3] - by) * placement.scale)
        x0, y0, x1, y1 = label.box
        assert x0 - 0.01 <= end[0] <= x1 + 0.01 and y0 - 0.01 <= end[1] <= y1 + 0.01  # it ends on its label
        others = np.array([o.box for o in placement.labels if o is not label])
        assert not map_labels._crosses(others, start, end)
    for a, b in itertools.combinations(leaders, 2):
        assert not map_labels._segments_cross(*a.leader_xy, *b.leader_xy)
    labelled = [label.iso3 for label in placement.labels]
    listed = [iso for iso, _ in placement.listed]
    assert len(set(labelled + listed)) == len(labelled) + len(listed)  # each once
    shown = {iso for iso in model.values.index if iso in model.countries.index and in_frame(placement, model, iso)}
    assert set(labelled) | set(listed) == shown
    values = model.values["value"]
    assert all(label.text == str(int(values[label.iso3])) for label in placement.labels if values[label.iso3] < 1000)


@pytest.mark.parametrize("geometry", [PAGE, IMAGE], ids=["page", "image"])
@pytest.mark.parametrize("state", VIEWS, ids=lambda s: ",".join(s.continents) or s.measure)
def test_lbl001_labels_never_overlap_and_every_coloured_country_is_labelled_or_listed(shipped, state, geometry):
    model = build_map_model(shipped, state)
    placement = place_labels(model, "en", geometry)
    check(placement, model)


@pytest.mark.parametrize("geometry", [PAGE, IMAGE], ids=["page", "image"])
@pytest.mark.parametrize("continent", [None, "Europe", "Asia", "Africa"])
def test_lbl002_a_crowded_map_still_has_no_overlap_and_lists_the_rest(shipped, continent, geometry):
    state = ViewState(continents=(continent,) if continent else ())
    model = crowded(build_map_model(shipped, state), list(shipped.countries.index))
    placement = place_labels(model, "fr", geometry)
    check(placement, model)
    assert placement.listed and placement.also_box is not None  # not every country finds room
    # the Also box's room is kept free, and it names the listed countries in the map's language
    x0, y0, x1, y1 = placement.also_box
    for label in placement.labels:
        bx0, by0, bx1, by1 = label.box
        assert bx1 <= x0 or bx0 >= x1 or by1 <= y0 or by0 >= y1
    lines = map_labels.also_lines(placement.listed, model, "fr")
    assert lines[0].startswith("Aussi :") and len(lines) <= map_labels.ALSO_LINES


def test_lbl003_small_countries_get_leaders_and_labels_avoid_markers(shipped):
    model = crowded(build_map_model(shipped, ViewState(continents=("Europe",))), ["CHE", "LUX", "BEL", "NLD", "POL"])
    placement = place_labels(model, "en", PAGE)
    by_iso = {label.iso3: label for label in placement.labels}
    assert by_iso["CHE"].leader and by_iso["LUX"].leader  # small countries: beside them, with a line
    assert not by_iso["POL"].leader and not by_iso["POL"].moved  # Poland: on its own point
    # no label covers a site's marker or another small country's
    project = map_labels._projection(placement.lon_0)
    points = [(s.lon, s.lat) for s in model.sites] + [
        tuple(model.countries.loc[c, ["lon", "lat"]]) for c in ("CHE", "LUX")
    ]
    for lon, lat in points:
        x, y = project.transform(lon, lat)
        px, py = (x - placement.frame[0]) * placement.scale, (placement.frame[3] - y) * placement.scale
        covering = [
            label.iso3
            for label in placement.labels
            if label.box[0] < px < label.box[2] and label.box[1] < py < label.box[3]
        ]
        assert covering in ([], ["CHE"], ["LUX"]), covering


def test_lbl004_presentation_mode_only_draws_the_labels_layer(shipped):
    model = build_map_model(shipped, ViewState())
    plain = build_map(model, lang="en")
    assert not [t for t in plain.data if t.meta == "labels"] and not plain.layout.annotations
    present = build_map(model, lang="fr", large=True)
    layer = [t for t in present.data if t.meta == "labels"]
    text = next(t for t in layer if t.mode == "text")
    placement = place_labels(model, "fr", PAGE)
    assert list(text.text) == [label.text for label in placement.labels]
    assert list(text.lon) == pytest.approx([label.lon for label in placement.labels])
    assert [c[0] for c in text.customdata] == [label.iso3 for label in placement.labels]
    assert text.textfont.shadow == "auto" and text.hoverinfo == "skip"
    leaders = [t for t in layer if t.mode == "lines"]  # ink on a white halo
    assert [t.line.color for t in leaders] == (
        ["#ffffff", "#1f2933"] if any(x.leader for x in placement.labels) else []
    )
    assert present.data[-1].name == "Selected"  # the selection's outline stays the last trace
    # a crowded map lists the rest in its Also box, bottom left
    crowd = crowded(model, list(shipped.countries.index))
    figure = build_map(crowd, lang="en", large=True)
    (also,) = [a for a in figure.layout.annotations if a.name == "labels-also"]
    assert also.text.startswith("Also: ") and (also.x, also.y, also.xanchor, also.yanchor) == (0, 0, "left", "bottom")


def test_lbl005_the_image_writes_the_same_labels(shipped):
    shapes = images.map_shapes(load_settings({}).geometry_file)
    for state in (ViewState(), ViewState(continents=("Europe",))):
        view = build_view(shipped, state, with_table=False)
        fig = images.draw(view, "map", "en", shapes=shapes, text=images.image_text(view, "map", "en"))
        ax = fig.axes[0]
        placement = place_labels(view.map, "en", PAGE if state == ViewState() else IMAGE)  # a world map: the page's
        written = [(t.get_text(), t.get_position()) for t in ax.texts if isinstance(t, Text) and t.get_text()]
        assert [(label.text, (label.x, label.y)) for label in placement.labels] == [
            (text, pytest.approx(position)) for text, position in written[: len(placement.labels)]
        ]
        assert len(ax.lines) == sum(1 for label in placement.labels if label.leader)
        # the countries are still the first collection, and the selection's outline the last
        assert len(ax.collections[0].get_paths()) > 50
        assert [tuple(c) for c in ax.collections[-1].get_edgecolors()] == [to_rgba(SELECTED_LINE)]
        # the type follows the image's map: the labels stand where they stood on the projector, at its scale
        x0, x1, y0, y1 = map_labels.frame_box(view.map.lon_range, view.map.lat_range, IMAGE)
        fig.canvas.draw()
        frame = ax.get_window_extent()
        factor = (frame.width / (x1 - x0)) / placement.scale
        size = written_sizes = [t.get_fontsize() for t in ax.texts if t.get_text()][0]
        assert size == pytest.approx(placement.font_px * factor * 72 / fig.dpi, rel=0.02), written_sizes


def test_lbl006_numbers_are_written_in_the_map_s_language(shipped):
    model = crowded(build_map_model(shipped, ViewState()), ["USA", "JPN"])
    model = replace(model, values=model.values.assign(value=[1234, 5]))
    english = {label.iso3: label.text for label in place_labels(model, "en").labels}
    french = {label.iso3: label.text for label in place_labels(model, "fr").labels}
    assert english["USA"] == "1,234" and french["USA"] == "1\u202f234" and english["JPN"] == french["JPN"] == "5"
