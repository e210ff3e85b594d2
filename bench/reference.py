"""The reference page of the cold-load benchmark: plain HTML drawing the same choropleth as the app's
default view with the full plotly.js bundle (the one Dash ships) and the same local topology.

Served by gunicorn (``bench.reference:server``) with the same response compression as the app, so the
comparison is between pages, not servers.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import flask
import plotly
from flask_compress import Compress

from dashboard.config import load_settings
from dashboard.figures import build_map
from dashboard.loading import validate_folder
from dashboard.state import ViewState
from dashboard.views import build_map_model

FULL_PLOTLY = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Reference: the map with the full plotly.js</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin:0;font-family:sans-serif">
<div id="map" style="height:600px"></div>
<script src="/plotly.min.js"></script>
<script>
var figure = %(figure)s;
Plotly.newPlot("map", figure.data, figure.layout, {topojsonURL: "/geo/", displaylogo: false, responsive: true});
</script>
</body></html>
"""


def map_figure_json(data_dir=None) -> str:
    """The app's map of its default view (every collaboration, measure 'instruments'), as JSON."""
    settings = load_settings()
    ds = validate_folder(data_dir or settings.data_dir, settings.geometry_file)
    return build_map(build_map_model(ds, ViewState())).to_json()


def create_server() -> flask.Flask:
    settings = load_settings()
    page = (PAGE % {"figure": map_figure_json()}).encode("utf-8")
    topology = Path(settings.geometry_file)
    packed = gzip.compress(topology.read_bytes(), compresslevel=9, mtime=0)
    server = flask.Flask(__name__)
    Compress(server)

    @server.route("/")
    def index():
        return flask.Response(page, mimetype="text/html")

    @server.route("/plotly.min.js")
    def plotly_js():
        return flask.send_file(FULL_PLOTLY, mimetype="application/javascript")

    @server.route(f"/geo/{topology.name}")
    def geo():
        response = flask.Response(packed, mimetype="application/json")
        response.headers["Content-Encoding"] = "gzip"
        return response

    return server


server = create_server()
