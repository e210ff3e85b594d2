"""The exports of issue 13, through the app's routes on the shipped data: a profile slide in the deck when countries
are selected, the profile as PNG and SVG, and the map's images carrying the partner institutions, labs and links."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image
from pptx import Presentation

from dashboard import ids
from dashboard.app import create_app
from dashboard.config import load_settings
from dashboard.exports.links import export_links
from dashboard.exports.slide_charts import chart_table, faded
from dashboard.schema import TYPE_COLORS
from dashboard.state import ViewState
from dashboard.views import build_view

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def client(shipped):
    return create_app(load_settings({}), data=shipped).server.test_client()


def deck(client, query: str) -> Presentation:
    response = client.get("/export/deck.pptx" + query)
    assert response.status_code == 200
    return Presentation(io.BytesIO(response.data))


def titles(prs) -> list[str]:
    return [s.shapes.title.text_frame.text if s.shapes.title is not None else "" for s in prs.slides]


def texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_pxp001_the_deck_of_japan_has_its_profile_slide(client):
    prs = deck(client, "?country=JPN")
    names = titles(prs)
    assert (
        "Japan: profile" in names and names.index("Japan: profile") == names.index("Active collaborations per year") + 1
    )
    slide = list(prs.slides)[names.index("Japan: profile")]
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    rows = [[table.cell(i, j).text for j in range(len(table.columns))] for i in range(len(table.rows))]
    assert rows[0] == ["Type", "Collaboration", "Years", "IN2P3 labs"]
    assert rows[1] == ["IRL", "Kavli-IPMU / ILANCE", "since 2021", "LLR"]
    assert rows[2][0] == "IRL" and rows[2][1].startswith("TYL-FJPPL") and rows[2][3] == "IJCLab, IPHC"
    assert any(r[1].startswith("LiteBIRD (also through its institutions)") for r in rows)
    words = texts(slide)
    assert "10 collaborations in view: 2 IRL · 1 IRP · 7 INFRA. First known year: 2017." in words
    assert "KEK · Tsukuba" in words and "IJCLab, Orsay: 3 collaborations" in words
    assert "data of 25 November 2026" in words  # the footer, as on every slide
    # no country selected: no profile slide; two: one each; in French
    assert not [t for t in titles(deck(client, "")) if t.endswith("profile")]
    both = titles(deck(client, "?country=JPN,KOR&lang=fr"))
    assert "Japon : profil" in both and "Corée du Sud : profil" in both


def test_pxp002_the_profile_as_png_and_svg(client):
    response = client.get("/export/chart/profile.png?country=JPN")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert Image.open(io.BytesIO(response.data)).size == (1920, 1080)
    svg = client.get("/export/chart/profile.svg?country=JPN&lang=fr").data.decode()
    text = " ".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text"))
    for words in ("Japon : profil", "Kavli-IPMU", "TYL-FJPPL", "KEK · Tsukuba", "LLR, Palaiseau", "depuis 2021"):
        assert words in text, words
    hint = client.get("/export/chart/profile.svg").data.decode()  # no country: the image says how to get one
    assert "Select one country" in " ".join(t.text or "" for t in ET.fromstring(hint).iter(f"{SVG}text"))
    assert client.get("/export/chart/profiles.png?country=JPN").status_code == 404
    links = export_links(ViewState(countries=("JPN",), links=True, measure="partners"))
    assert links[ids.image_download("profile", "png")] == "/export/chart/profile.png?country=JPN"
    assert links[ids.image_download("map", "png")] == "/export/chart/map.png?country=JPN&measure=partners&links=1"


def test_pxp003_the_map_images_carry_the_points_and_links(client):
    with_links = client.get("/export/chart/map.svg?links=1&continent=Europe").data.decode()
    without = client.get("/export/chart/map.svg?continent=Europe").data.decode()
    for svg in (with_links, without):
        words = " ".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text"))
        assert "Partner institutions" in words and "IN2P3 labs" in words
    words = " ".join(t.text or "" for t in ET.fromstring(with_links).iter(f"{SVG}text"))
    assert "Links lab–partner" in words and "88 pairs" in words and "Not drawn: 8 whose partner or site" in words
    assert with_links.count("<path") > without.count("<path")  # the arcs
    png = client.get("/export/chart/map.png?links=1&country=JPN")
    assert png.status_code == 200 and Image.open(io.BytesIO(png.data)).size == (1920, 1080)


def test_pxp004_the_native_charts_keep_every_bar_and_fade_those_not_selected(client, shipped):
    """The deck's continent and top-country charts of ``?country=JPN`` keep the whole picture: Japan's bars and
    Asia's in their types' colours, the others faded; the profile slide's notes give its collaborations' sources."""
    view = build_view(shipped, ViewState(countries=("JPN",)))
    for name, chosen in (("top", "Japan"), ("continent", "Asia")):
        table = chart_table(view, name, "en")
        assert len(table.categories) > 1 and chosen in table.categories
        at = table.categories.index(chosen)
        for kind, colors, _ in table.series:
            assert len(colors) == len(table.categories)
            assert colors[at] == TYPE_COLORS[kind]
            assert all(c == faded(TYPE_COLORS[kind]) for i, c in enumerate(colors) if i != at)
    plain = chart_table(build_view(shipped, ViewState()), "top", "en")
    assert all(len(colors) == 1 for _, colors, _ in plain.series)
    assert faded("#000000") == "#b2b2b2"  # black at 30 % on white
    prs = deck(client, "?country=JPN")
    slide = list(prs.slides)[titles(prs).index("Japan: profile")]
    notes = slide.notes_slide.notes_text_frame.text
    assert "Kavli-IPMU / ILANCE: http" in notes
