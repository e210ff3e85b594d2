"""The app factory, its routes and its command line, through Flask's test client and subprocesses."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.app import create_app
from dashboard.config import SettingsError, load_settings
from dashboard.exports.tables import neutralise
from dashboard.page.callbacks import clicked_value, query_from_controls
from dashboard.page.render import VIEW_OUTPUTS, render
from dashboard.state import ViewState

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client(mini):
    app = create_app(load_settings({}), data=mini)
    return app.server.test_client()


def test_apf001_page_and_geometry_are_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200 and b"IN2P3 international collaborations" in page.data
    topo = client.get("/geo/world_50m.json", headers={"Accept-Encoding": "gzip"})
    assert topo.status_code == 200 and topo.headers["Content-Encoding"] == "gzip"
    assert len(topo.data) < 150_000  # 464 kB of simplified TopoJSON, gzipped (114 kB)
    plain = client.get("/geo/world_50m.json")
    assert plain.status_code == 200 and plain.json["type"] == "Topology"


def test_apf009_the_icon_is_in_the_page(client):
    """No icon file to ask for: Chromium asked for Dash's linked /_favicon.ico again at every click."""
    page = client.get("/").get_data(as_text=True)
    icons = re.findall(r'<link rel="icon"[^>]*href="([^"]+)"', page)
    assert len(icons) == 1 and icons[0].startswith("data:image/svg+xml,") and "%3Ccircle" in icons[0]
    assert "_favicon.ico" not in page


def test_apf002_csv_export_follows_the_query(client):
    response = client.get("/export/collaborations.csv?country=JPN&instrument=IRN")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))
    assert [r["Id"] for r in rows] == ["IRN-01"]
    assert rows[0]["Source"] == "https://example.org/irn"
    assert "Notes" in rows[0] and rows[0]["Countries"] == "Japan; South Korea; China"
    assert "attachment" in response.headers["Content-Disposition"]


def test_apf003_bad_export_query_is_not_a_server_error(client):
    for query in ("?country=%ff%fe", "?instrument=<script>", "?year=2020-1000000", "?" + "a" * 10000):
        response = client.get("/export/collaborations.csv" + query)
        assert response.status_code == 200


def test_apf004_unknown_path_is_not_an_error(client):
    response = client.get("/nothing-here")  # Dash answers every page path with the app
    assert response.status_code == 200 and b"Traceback" not in response.data


def test_apf005_csv_cells_cannot_become_formulas():
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("CERN") == "CERN"


def test_apf006_render_gives_every_output(mini):
    outputs = render(mini, ViewState(countries=("JPN",)))
    cards = outputs["key_figures"]
    assert "Collaborations" in str(cards[0]) and "'2'" in str(cards[0].children[0])
    assert outputs["page_class"] == "page"
    assert outputs["lang_switch"] == "?country=JPN&lang=fr"  # the language link keeps the view
    # one value per declared output; the download links are made by the browser (viewLinks; test_download_links.py)
    assert set(outputs) == set(VIEW_OUTPUTS)


def test_apf011_render_in_french_and_presentation_mode(mini):
    outputs = render(mini, ViewState(instruments=("IRL", "IRN"), lang="fr", present=True, step=3))
    assert outputs["page_class"] == "page present"
    assert outputs["present_title"] == "Asie" and outputs["present_step"] == "3 / 11"
    assert outputs["present_caption"] == "IRL et IRN · données du 25 novembre 2026"
    assert outputs["story_prev"] == "?continent=Europe&lang=fr&present=1&step=2"
    assert outputs["story_next"] == "?continent=North%20America&lang=fr&present=1&step=4"
    assert "Collaborations" in str(outputs["key_figures"][0])
    assert outputs["present_exit"] == "?instrument=IRL,IRN&lang=fr"  # leaving presentation mode keeps the view


def test_apf007_control_payloads_are_validated_like_links():
    query = query_from_controls(
        "instruments",
        ["JPN", "<img>"],
        ["IRL", 5, {"x": 1}],
        None,
        "nuclear-physics",
        [],
        ["active"],
        [1990, "x"],
        (1983, 2026),
    )
    assert query.startswith("?instrument=IRL,5&")
    assert clicked_value({"points": [{"location": "JPN"}]}) == "JPN"
    assert clicked_value({"points": [{"customdata": ["CHE", "Switzerland"]}]}) == "CHE"
    for junk in (None, {}, {"points": []}, {"points": [None]}, "x", {"points": [{"customdata": 5}]}):
        assert clicked_value(junk) is None


def test_apf008_settings_from_environment(tmp_path):
    settings = load_settings({"IN2P3_DATA_DIR": str(tmp_path), "PORT": "9000"})
    assert settings.data_dir == tmp_path.resolve() and settings.port == 9000
    with pytest.raises(SettingsError, match="not a port number"):
        load_settings({"PORT": "eighty"})


def run_cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )


def test_apf013_validate_command_exit_codes(mini_copy):
    ok = run_cli("validate", str(mini_copy))
    assert ok.returncode == 0 and "valid" in ok.stdout
    (mini_copy / "instruments.csv").write_text("id,type\nX,IRL\n", encoding="utf-8")
    bad = run_cli("validate", str(mini_copy))
    assert bad.returncode == 1
    assert "instruments.csv, row 1, column 'name': required column is missing" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_apf010_wsgi_with_broken_data_stops_with_the_report(mini_copy):
    import os

    (mini_copy / "labs.csv").write_text("", encoding="utf-8")
    env = {**os.environ, "IN2P3_DATA_DIR": str(mini_copy)}
    result = subprocess.run(
        [sys.executable, "-c", "import dashboard.wsgi"], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 3
    assert "labs.csv: the file is empty" in result.stderr and "Traceback" not in result.stderr


def test_apf012_excel_export_has_values_never_formulas(mini_copy):
    import openpyxl
    import pandas as pd

    path = mini_copy / "instruments.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, "name"] = '=HYPERLINK("http://evil.example","x")'
    frame.loc[0, "acronym"] = ""
    frame.loc[1, "notes"] = "@SUM(A1) and -1+1"
    frame.to_csv(path, index=False)
    client = create_app(load_settings({"IN2P3_DATA_DIR": str(mini_copy)})).server.test_client()
    response = client.get("/export/collaborations.xlsx?country=JPN")
    assert response.status_code == 200 and response.headers["Content-Disposition"].endswith('-selection.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[:2] == ("Id", "Type"))  # after the lines stating the view
    assert {r[0] for r in rows[header + 1 :] if r[0]} == {"IRL-01", "IRN-01"}
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert '\'=HYPERLINK("http://evil.example","x")' in texts and "'@SUM(A1) and -1+1" in texts
    assert any(isinstance(c.value, int) for c in cells)  # numbers stay numbers


def test_apf014_every_callback_names_components_and_properties_of_the_layout(mini):
    """What Dash's renderer checked at each page load before ``suppress_callback_exceptions`` (app.py): every id of
    every callback's outputs, inputs and states is a component of the page's layout, with that property."""
    app = create_app(load_settings({}), data=mini)
    with app.server.test_request_context("/"):
        layout = app.layout()
    components = {}

    def walk(node):
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
        elif hasattr(node, "to_plotly_json"):
            if isinstance(getattr(node, "id", None), str):
                assert node.id not in components, f"duplicate id {node.id}"
                components[node.id] = node
            for prop in getattr(node, "_children_props", None) or ["children"]:
                walk(getattr(node, prop.split(".")[0], None))

    walk(layout)
    assert app.config.suppress_callback_exceptions
    checked = 0
    for callback in app.callback_map.values():
        outputs = callback["output"] if isinstance(callback["output"], list) else [callback["output"]]
        deps = [(o.component_id, o.component_property) for o in outputs]
        deps += [(d["id"], d["property"]) for d in callback["inputs"] + callback.get("state", [])]
        for component_id, prop in deps:
            assert component_id in components, f"{component_id} is not in the layout"
            component = components[component_id]
            wildcard = any(prop.startswith(w) for w in component._valid_wildcard_attributes)
            assert prop in component._prop_names or wildcard, f"{component_id} has no property {prop}"
            checked += 1
    assert checked > 50
