"""The page's first HTML (dashboard/page/firstframe.py, preview.py): the view written out before Dash starts, inert,
its map a picture in the map's box (assets/firstframe.js hands it over to Dash's page)."""

from __future__ import annotations

import re

import pytest

from dashboard.app import create_app
from dashboard.config import load_settings
from dashboard.look import HOME_COLOR, SELECTED_LINE, class_colors
from dashboard.page.preview import map_preview
from dashboard.state import ViewState
from dashboard.views import build_map_model


@pytest.fixture(scope="module")
def client(mini):
    app = create_app(load_settings({}), data=mini)
    return app.server.test_client()


def test_ffm001_the_picture_colours_countries_by_class_home_and_outlines_the_selection(mini):
    settings = load_settings({})
    model = build_map_model(mini, ViewState(countries=("JPN",)))
    svg = map_preview(model, settings.geometry_file, ("JPN",))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    fills = set(re.findall(r'<path fill="(#[0-9a-fA-F]{6})"', svg))
    assert HOME_COLOR in fills
    assert {class_colors(len(model.breaks))[k] for k in model.values["klass"]} <= fills
    assert f'stroke="{SELECTED_LINE}"' in svg
    assert len(svg) < 400_000


@pytest.mark.parametrize("query, text", [("/", "IN2P3 international collaborations"), ("/?lang=fr", 'lang="fr"')])
def test_ffm002_the_first_html_carries_the_view_inert_with_its_map_picture(client, query, text):
    page = client.get(query).get_data(as_text=True)
    assert text in page
    frame = re.search(r'<div id="first-frame" inert>(.*)</div>', page, re.S)
    assert frame, "no first frame in the page"
    assert "data-map-preview" in frame.group(1) and "<svg" in frame.group(1)
    assert 'id="map"' in frame.group(1)
    assert page.index('id="first-frame"') < page.index('id="react-entry-point"')
