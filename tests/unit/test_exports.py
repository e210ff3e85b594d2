"""The exports of a view (slide deck, PNG/SVG images, Excel), opened with their own libraries and read
against the view they came from (``views.build_view`` on the fixture data, counted by hand, and its words in
``describe``)."""

from __future__ import annotations

import io
import time
import xml.etree.ElementTree as ET

import openpyxl
import pandas as pd
import pytest
from matplotlib.colors import to_rgb, to_rgba
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard import describe, i18n, ids, look
from dashboard.app import create_app
from dashboard.caching import DataCache
from dashboard.config import load_settings
from dashboard.describe import column_labels, export_labels
from dashboard.exports import images
from dashboard.exports.deck import split_rows
from dashboard.exports.links import export_links
from dashboard.figures import build_map
from dashboard.page.charts import chart_components
from dashboard.page.layout import build_layout
from dashboard.schema import INSTRUMENT_TYPES, TYPE_COLORS
from dashboard.state import ViewState
from dashboard.views import build_view

CHARTS = ("map", "continent", "top", "type", "timeline")


@pytest.fixture(scope="module")
def client(mini):
    return create_app(load_settings({}), data=mini).server.test_client()


def slide_texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def table_rows(prs) -> list[list[str]]:
    """The rows of every table of the deck's table of collaborations, header rows left out (the profile slides'
    tables are read by tests/unit/test_profile_exports.py)."""
    rows = []
    for slide in prs.slides:
        if slide.shapes.title is not None and slide.shapes.title.text_frame.text.endswith(("profile", "profil")):
            continue
        for shape in slide.shapes:
            if shape.has_table:
                table = shape.table
                rows += [[table.cell(i, j).text for j in range(len(table.columns))] for i in range(1, len(table.rows))]
    return rows


def get_deck(client, query: str):
    response = client.get("/export/deck.pptx" + query)
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    assert "attachment" in response.headers["Content-Disposition"]
    return Presentation(io.BytesIO(response.data))


# -- Slide deck --------------------------------------------------------------------------------------------


def test_xpt001_deck_of_japan_states_the_view_and_counts_like_it(client, mini):
    view = build_view(mini, ViewState(countries=("JPN",)))
    caption = describe.caption(view, "en")
    prs = get_deck(client, "?country=JPN")
    slides = list(prs.slides)
    title = slide_texts(slides[0])
    assert "IN2P3 international collaborations" in title
    assert caption in title and "Japan" in title and "25 November 2026" in title
    assert "http://localhost/?country=JPN" in title  # the link back to the view

    figures = slides[1]
    assert figures.shapes.title.text_frame.text == "Key figures"
    cards = {
        s.text_frame.paragraphs[1].text: s.text_frame.paragraphs[0].text
        for s in figures.shapes
        if s.has_text_frame and len(s.text_frame.paragraphs) == 3
    }
    assert cards["Collaborations"] == "2" == str(view.key_figures[0].value)
    assert cards == {describe.key_figure_label(f, "en"): str(f.value) for f in view.key_figures}

    pictures = [s for slide in slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    charts = [s for slide in slides for s in slide.shapes if s.has_chart]
    assert len(pictures) == 1 and len(charts) == 4  # the map is a picture, the four charts PowerPoint's own
    titles = [slide.shapes.title.text_frame.text for slide in slides[1:]]
    assert titles[1:6] == [
        "Where IN2P3 collaborates",
        "By continent",
        "Top partner countries",
        "By instrument type",
        "Active collaborations per year",
    ]

    rows = table_rows(prs)
    assert (
        [r[1] for r in rows] == list(view.table["name"]) == ["LABJ – Test laboratory in Japan", "Test network in Asia"]
    )
    assert rows[1][2] == "Japan; South Korea; China" and rows[0][-1] == "1"
    assert "2 rows, 2 instruments in the selected countries" in slide_texts(slides[-1])
    for slide in slides[1:]:  # every slide is captioned with its filters, data date and source
        assert caption in slide_texts(slide) and "Source" in slide_texts(slide)


def test_xpt002_deck_in_french(client, mini):
    view = build_view(mini, ViewState(countries=("JPN",), lang="fr"))
    prs = get_deck(client, "?country=JPN&lang=fr")
    slides = list(prs.slides)
    assert "Japon" in slide_texts(slides[0]) and "25 novembre 2026" in slide_texts(slides[0])
    assert "Collaborations internationales de l'IN2P3" in slide_texts(slides[0])
    assert slides[1].shapes.title.text_frame.text == "Chiffres clés"
    table = next(s.table for slide in slides[-1:] for s in slide.shapes if s.has_table)  # after the profile's
    labels = column_labels("fr")
    assert [table.cell(0, j).text for j in range(len(table.columns))] == [
        labels[c] for c in ("type", "name", "countries", "labs", "years", "status", "count")
    ]
    assert table_rows(prs)[1][2] == "Japon; Corée du Sud; Chine"
    assert "Source :" in slide_texts(slides[2]) and describe.caption(view, "fr") in slide_texts(slides[2])
    assert prs.core_properties.language == "fr-FR"


def test_xpt003_deck_of_an_empty_view_and_of_the_whole_data(client, mini):
    empty = get_deck(client, "?country=JPN&instrument=AGR")
    assert "No collaboration in this view" in slide_texts(list(empty.slides)[-1])
    whole = get_deck(client, "")
    assert len(table_rows(whole)) == len(build_view(mini, ViewState()).table)


def test_xpt004_long_tables_are_split_over_slides():
    rows = [["IRL", f"Collaboration {i}", "Japan", "IJCLab", "2010–", "active", "1"] for i in range(60)]
    pages = split_rows(rows, ["Type", "Collaboration", "Countries", "IN2P3 labs", "Years", "Status", "Instruments"])
    assert len(pages) >= 3 and sum(len(p) for p in pages) == 60
    assert [r for p in pages for r in p] == rows
    long = [["IRN", "x " * 600, "Japan", "", "", "", "1"]] + rows[:3]
    assert split_rows(long, ["Type"])[0] == long[:1]  # a tall row gets a slide of its own


# -- Images ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHARTS)
def test_xpt005_png_of_each_chart_at_presentation_size(client, name):
    response = client.get(f"/export/chart/{name}.png?country=JPN")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert f'filename="in2p3-{name}-2026-11-25-selection.png"' in response.headers["Content-Disposition"]
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "PNG" and image.size == (1920, 1080)


@pytest.mark.parametrize("name", CHARTS)
def test_xpt006_svg_carries_title_filters_caption_and_source(client, mini, name):
    view = build_view(mini, ViewState(instruments=("IRL", "IRN")))  # one view model for both languages
    for lang in ("en", "fr"):
        response = client.get(f"/export/chart/{name}.svg?instrument=IRL,IRN&lang={lang}")
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
        root = ET.fromstring(response.data)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        text = " ".join(" ".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
        expected = images.image_text(view, name, lang)
        assert expected.title in text and describe.caption(view, lang) in text
        assert expected.caption.split()[0] in text and expected.source.split()[0] in text
        assert ("données du 25 novembre 2026" if lang == "fr" else "data of 25 November 2026") in text


def _html_bars(chart) -> list[tuple[str, dict[str, int]]]:
    """The bars of one of the page's HTML charts (page/charts.py) as a person reads them: each bar's label (its year,
    on the timeline) and its count of each type (told by its colour)."""
    kinds = {color: kind for kind, color in TYPE_COLORS.items()}
    bars = []

    def walk(node):
        if isinstance(node, (list, tuple)):
            for child in node:
                yield from walk(child)
        elif node is not None and not isinstance(node, (str, int, float)):
            yield node
            yield from walk(getattr(node, "children", None))

    for node in walk(chart):
        classes = (getattr(node, "className", None) or "").split()
        if "hbar" in classes or "vbar" in classes:
            parts = [p for p in walk(node) if (getattr(p, "className", None) or "").endswith("bar-part")]
            counts = {kinds[p.style["background"]]: int(p.style["flexGrow"]) for p in parts}
            if "vbar" in classes:
                label = parts[0].title.split(" · ")[0]
            else:
                label = next(n for n in walk(node) if getattr(n, "className", None) == "hbar-label").children
            bars.append((label, counts))
    return bars


def test_xpt007_images_draw_the_numbers_and_names_of_the_page_charts(mini):
    view = build_view(mini, ViewState())
    charts = chart_components(view, "fr")  # the page's charts (HTML) of the same view model
    fig = images.draw(view, "type", "fr")
    ax = fig.axes[0]
    widths = sorted(round(p.get_width()) for p in ax.patches)
    bars = _html_bars(charts["type"])
    assert widths == sorted(sum(counts.values()) for _, counts in bars)
    assert [t.get_text() for t in ax.get_yticklabels()] == [label for label, _ in bars]  # "Laboratoire ... (IRL)"
    top = images.draw(view, "top", "fr").axes[0]
    labels = [t.get_text() for t in top.get_yticklabels()]
    assert labels == [label for label, _ in _html_bars(charts["top"])] and "Japon" in labels and "Argentine" in labels
    # the stacked bars: each type's bar as long as the page's, in its colour, and the same gap between bars
    for name in ("continent", "top", "timeline"):
        ax = images.draw(view, name, "fr").axes[0]
        drawn = [
            (round(p.get_width() if name != "timeline" else p.get_height()), p.get_facecolor()) for p in ax.patches
        ]
        bars = _html_bars(charts[name])
        kinds = [k for k in INSTRUMENT_TYPES if any(k in counts for _, counts in bars)]
        expected = [  # the images draw a stacked chart's zeros (a bar of no width), not the timeline's
            (counts.get(kind, 0), to_rgba(TYPE_COLORS[kind]))
            for kind in kinds
            for _, counts in bars
            if name != "timeline" or kind in counts
        ]
        assert drawn == expected, name
        thickness = ax.patches[0].get_height() if name != "timeline" else ax.patches[0].get_width()
        gap = look.TIMELINE_GAP if name == "timeline" else 1 - float(charts[name].children[1].style["--bar"])
        assert thickness == pytest.approx(1 - gap, abs=1e-3), name


def test_xpt008_map_colours_follow_the_page_map(mini, client):
    shapes = images.map_shapes(load_settings({}).geometry_file)
    view = build_view(mini, ViewState(countries=("JPN",)))
    fig = images.draw(view, "map", "en", shapes=shapes)
    legend_labels = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    assert "No collaboration" in legend_labels and "France (home)" in legend_labels
    assert "Selected countries" in legend_labels
    page = build_map(view.map, lang="en", selected=view.selection)  # the page's map of the same view model
    choropleth = next(t for t in page.data if t.type == "choropleth" and t.colorbar.ticktext)
    assert [label for label in legend_labels if label in choropleth.colorbar.ticktext] == list(
        choropleth.colorbar.ticktext
    )
    # each country in the colour the page's map gives it, and the selection outlined in the page's colour
    countries = fig.axes[0].collections[0]
    colours = dict(zip(choropleth.locations, choropleth.z))
    scale = dict(choropleth.colorscale)
    drawn = dict(zip((p for p in countries.get_paths()), countries.get_facecolors()))
    for iso, klass in colours.items():
        step = scale[klass / len(choropleth.colorbar.ticktext)]
        assert tuple(drawn[shapes.paths[iso]]) == to_rgba(step), iso
    outline = fig.axes[0].collections[-1]
    assert [tuple(c) for c in outline.get_edgecolors()] == [to_rgba(page.data[-1].marker.line.color)]
    assert outline.get_paths() == [shapes.paths["JPN"]] and list(page.data[-1].locations) == ["JPN"]
    # polygons across longitude 180 (Russia, Fiji, the Aleutians) are split: no ring spans the map
    width = shapes.sphere.get_extents().width
    for iso in ("RUS", "FJI", "USA", "NZL", "KIR"):
        rings = shapes.paths[iso].to_polygons()
        assert max(ring[:, 0].max() - ring[:, 0].min() for ring in rings) < 0.45 * width, (
            iso
        )  # Russia, the widest, spans 0.34


def test_xpt009_unknown_image_is_404_not_500(client):
    for path in (
        "/export/chart/pie.png",
        "/export/chart/map.gif",
        "/export/chart/map.PNG",
        "/export/chart/map.png.png",
    ):
        assert client.get(path).status_code == 404


# -- Excel -------------------------------------------------------------------------------------------------


def read_sheet(response):
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    return book.active


def test_xpt010_xlsx_of_irn_has_exactly_the_irn_row(client, mini):
    sheet = read_sheet(client.get("/export/collaborations.xlsx?instrument=IRN"))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "IN2P3 international collaborations"
    assert (
        rows[1][0]
        == "IRN · data of 25 November 2026"
        == describe.caption(build_view(mini, ViewState(instruments=("IRN",))), "en")
    )
    assert rows[2][0].startswith("Source:")
    assert rows[3][0].endswith("http://localhost/?instrument=IRN")
    labels = export_labels("en")
    assert list(rows[4]) == list(labels.values())
    data = rows[5:]
    assert len(data) == 1 and data[0][0] == "IRN-01"
    record = dict(zip(labels, data[0]))
    assert record["countries"] == "Japan; South Korea; China" and record["count"] == 1
    assert sheet.freeze_panes == "A6" and sheet.auto_filter.ref == "A5:M6"
    assert sheet.cell(6, list(labels).index("source_url") + 1).hyperlink.target == "https://example.org/irn"


def test_xpt011_xlsx_in_french(client):
    sheet = read_sheet(client.get("/export/collaborations.xlsx?country=JPN&lang=fr"))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Toutes les collaborations · Japon · données du 25 novembre 2026"
    assert list(rows[4]) == list(export_labels("fr").values()) and rows[4][3] == "Pays"
    assert {r[0] for r in rows[5:]} == {"IRL-01", "IRN-01"}
    assert "Japon; Corée du Sud; Chine" in {r[3] for r in rows[5:]}
    assert sheet.title == "Collaborations"


def test_xpt012_formula_like_text_stays_text_in_csv_xlsx_and_deck(mini_copy):
    path = mini_copy / "instruments.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, "name"] = '=HYPERLINK("http://evil.example","x")'
    frame.loc[0, "acronym"] = ""
    frame.loc[1, "name"] = "<b>bold</b> $x^2$ net"
    frame.loc[1, "notes"] = "@SUM(A1)\x07 and -1+1"
    frame.to_csv(path, index=False)
    client = create_app(load_settings({"IN2P3_DATA_DIR": str(mini_copy)})).server.test_client()

    csv_text = client.get("/export/collaborations.csv?country=JPN").data.decode("utf-8")
    assert "'=HYPERLINK" in csv_text and "'@SUM(A1)" in csv_text
    assert "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text

    sheet = read_sheet(client.get("/export/collaborations.xlsx?country=JPN"))
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert '\'=HYPERLINK("http://evil.example","x")' in texts
    assert "'@SUM(A1) and -1+1" in texts  # the control character XML forbids is dropped, not a server error
    assert any(isinstance(c.value, int) for c in cells)  # numbers stay numbers

    deck = client.get("/export/deck.pptx?country=JPN")
    names = [r[1] for r in table_rows(Presentation(io.BytesIO(deck.data)))]
    assert "<b>bold</b> $x^2$ net" in names and '=HYPERLINK("http://evil.example","x")' in names
    svg = client.get("/export/chart/top.svg?country=JPN").data
    ET.fromstring(svg)  # still well-formed XML


def test_xpt013_bad_query_values_never_give_a_server_error(client):
    queries = (
        "?country=%ff%fe",
        "?instrument=<script>",
        "?year=2020-1000000",
        "?" + "a" * 10000,
        "?lang=de",
        "?measure=x&step=-4&present=yes",
        "?continent=Atlantis&theme=&lab=%00",
    )
    for path in (
        "/export/deck.pptx",
        "/export/collaborations.xlsx",
        "/export/chart/map.png",
        "/export/chart/timeline.svg",
    ):
        for query in queries:
            response = client.get(path + query)
            assert response.status_code == 200, (path, query)
            assert b"Traceback" not in response.data


# -- The page's links --------------------------------------------------------------------------------------


def test_xpt014_every_download_link_follows_the_view(mini):
    links = export_links(ViewState(countries=("JPN",), measure="partners", lang="fr", present=True, step=2))
    assert set(links) == {
        ids.DOWNLOAD_CSV,
        ids.DOWNLOAD_XLSX,
        ids.DOWNLOAD_DECK,
        ids.DOWNLOAD_ANIMATION,
        *[ids.image_download(n, f) for n, f in ids.IMAGE_DOWNLOADS],
    }
    assert links[ids.DOWNLOAD_CSV] == "/export/collaborations.csv?country=JPN&lang=fr"
    assert links[ids.DOWNLOAD_XLSX] == "/export/collaborations.xlsx?country=JPN&lang=fr"
    assert links[ids.DOWNLOAD_DECK] == "/export/deck.pptx?country=JPN&measure=partners&lang=fr"
    assert links[ids.image_download("map", "svg")] == "/export/chart/map.svg?country=JPN&measure=partners&lang=fr"
    assert links[ids.DOWNLOAD_ANIMATION] == "/export/animation.gif?country=JPN&measure=partners&lang=fr"


def test_xpt015_page_has_the_links_in_its_language(mini):
    page = str(build_layout(mini, "fr"))
    downloads = (ids.DOWNLOAD_XLSX, ids.DOWNLOAD_DECK, ids.DOWNLOAD_ANIMATION)
    for link in (*downloads, *[ids.image_download(n, f) for n, f in ids.IMAGE_DOWNLOADS]):
        assert f"id='{link}'" in page
    assert i18n.t("download_deck", "fr") in page and "Télécharger en PNG" in page


def test_xpt016_render_cache_reuses_and_forgets():
    class Data:
        pass

    cache = DataCache(10, sizeof=len)  # as the export routes: bounded by bytes
    ds = Data()
    calls = []
    assert cache.get_or_compute(ds, "a", lambda: calls.append(1) or b"12345") == b"12345"
    assert cache.get_or_compute(ds, "a", lambda: calls.append(1) or b"xxxxx") == b"12345" and len(calls) == 1
    cache.get_or_compute(ds, "b", lambda: b"678901")  # over 10 bytes: "a" goes
    assert cache.get_or_compute(ds, "a", lambda: b"new") == b"new"
    other = Data()
    assert cache.get_or_compute(other, "a", lambda: b"other") == b"other"  # another data set never sees these bytes
    assert cache.get_or_compute(ds, "big", lambda: b"x" * 11) == b"x" * 11  # larger than the cache: served, not kept
    assert cache.get_or_compute(ds, "big", lambda: b"again") == b"again"


def test_xpt017_exports_of_the_shipped_data_take_seconds(shipped):
    """The request budget: a deck and the map of the shipped data, within a few seconds on a busy machine."""
    client = create_app(load_settings({}), data=shipped).server.test_client()
    client.get("/export/chart/map.svg")  # the country shapes are read and projected once per process
    for path, budget in (
        ("/export/deck.pptx?lang=fr", 8.0),
        ("/export/chart/map.png?continent=Asia", 4.0),
        ("/export/collaborations.xlsx", 2.0),
    ):
        start = time.perf_counter()
        assert client.get(path).status_code == 200
        assert time.perf_counter() - start < budget, path


def test_xpt018_concurrent_renders_each_get_their_own_image(mini):
    """Requests in threads (the development server, threaded workers) never get one another's image."""
    from concurrent.futures import ThreadPoolExecutor

    view = build_view(mini, ViewState())  # one view model, drawn in either language

    def svg(lang: str) -> tuple[str, bytes]:
        return lang, images.render(view, "type", "svg", lang, text=images.image_text(view, "type", lang))

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(svg, ["en", "fr"] * 4))
    for lang, data in results:
        assert i18n.t("by_type", lang).encode() in data
        assert i18n.t("by_type", "fr" if lang == "en" else "en").encode() not in data


def test_xpt019_a_continent_image_frames_that_continent_as_the_page_does(client, mini):
    """?continent=Asia: Japan whole within the map's axes, Portugal (western Europe, Africa) out of them, in the
    PNG and the SVG served: the images frame the model's longitudes and latitudes, as the page's map does."""
    shapes = images.map_shapes(load_settings({}).geometry_file)
    view = build_view(mini, ViewState(continents=("Asia",)), with_table=False)
    assert (view.map.lon_range, view.map.lat_range) == ((25, 150), (-10, 60))
    page = build_map(view.map)
    assert (tuple(page.layout.geo.lonaxis.range), tuple(page.layout.geo.lataxis.range)) == ((25, 150), (-10, 60))

    fig = images.draw(view, "map", "en", shapes=shapes, text=images.image_text(view, "map", "en"))
    fig.canvas.draw()  # the axes take the map's proportions when drawn
    ax = fig.axes[0]
    frame = ax.get_window_extent()  # pixels of the 1920 x 1080 image, from the bottom left

    def extent(iso):
        return shapes.paths[iso].get_extents().transformed(ax.transData)

    japan, portugal = extent("JPN"), extent("PRT")
    assert frame.x0 <= japan.x0 and japan.x1 <= frame.x1 and frame.y0 <= japan.y0 and japan.y1 <= frame.y1
    assert portugal.x1 < frame.x0  # wholly to the west of the map
    drawn = ax.collections[0].get_paths()
    assert any(p is shapes.paths["JPN"] for p in drawn) and not any(p is shapes.paths["PRT"] for p in drawn)

    png = Image.open(io.BytesIO(client.get("/export/chart/map.png?continent=Asia").data)).convert("RGB")
    assert png.size == (1920, 1080)

    def pixel(lon, lat):
        x, y = ax.transData.transform(shapes.to_map.transform(lon, lat))
        return round(x), round(png.height - y)

    colour = look.class_colors(len(view.map.breaks))[view.map.values.at["JPN", "klass"]]
    assert png.getpixel(pixel(142.8, 43.4)) == tuple(round(c * 255) for c in to_rgb(colour))  # Hokkaido
    assert not frame.contains(*ax.transData.transform(shapes.to_map.transform(-8.0, 39.5)))  # Portugal
    assert png.getpixel(pixel(-8.0, 39.5)) == (255, 255, 255)  # where Portugal would be: blank page

    svg = ET.fromstring(client.get("/export/chart/map.svg?continent=Asia").data)
    clips = [
        tuple(float(r.get(k)) for k in ("x", "y", "width", "height"))
        for r in svg.iter("{http://www.w3.org/2000/svg}rect")
        if r.get("x") is not None
    ]
    # the map's clip in the SVG (points: half the PNG's pixels, from the top) is the axes' frame
    expected = (frame.x0 / 2, (png.height - frame.y1) / 2, frame.width / 2, frame.height / 2)
    assert any(all(abs(a - b) < 0.01 for a, b in zip(clip, expected)) for clip in clips)


def test_xpt020_countries_across_longitude_180_keep_their_shape():
    """The geometry as the validation reads it (``loading.load_geometry``: ``make_valid`` read Russia's, Fiji's and
    Antarctica's edges across longitude 180 as edges across the whole map, then split back), which the exports and
    the countries' areas use: each keeps its shape and its area, so Fiji is a small country (a marker) again."""
    import geopandas as gpd
    import shapely

    from dashboard.loading import build_countries, load_geometry
    from dashboard.loading.geometry import split_antimeridian

    frame = load_geometry(load_settings({}).geometry_file)
    geometry = frame.geometry
    areas = {}
    for iso in ("RUS", "FJI", "ATA", "FRA"):
        split = geometry[iso]
        areas[iso] = gpd.GeoSeries([split], crs="EPSG:4326").to_crs("EPSG:6933").area.iloc[0] / 1e6  # km²
        parts = [p for p in gpd.GeoSeries([split]).explode().geometry if p.geom_type == "Polygon"]
        if iso != "ATA":  # Antarctica goes round the pole; every other part lies on one side of longitude 180
            assert max(p.bounds[2] - p.bounds[0] for p in parts) < 180, iso
    assert split_antimeridian(geometry["FRA"]) is geometry["FRA"]  # a country that does not cross is left as it is
    assert areas["RUS"] == pytest.approx(17.1e6, rel=0.02)  # 18.7 million km² as make_valid left it
    assert areas["FJI"] == pytest.approx(18_300, rel=0.05)  # 654,000 km² as make_valid left it
    assert bool(build_countries(frame).at["FJI", "small"])
    assert geometry["ATA"].contains(shapely.Point(30, -89.5))  # Antarctica reaches the pole
