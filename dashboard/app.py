"""The application factory: ``create_app(settings=None, data=None) -> Dash``."""
from __future__ import annotations

import gzip
import logging
import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import flask
from dash import Dash, html, set_props

from . import admin, auth, ids, security
from .callbacks import register_callbacks
from .config import Settings, load_settings
from .export import collaborations_csv, csv_filename
from .export_routes import register_export_routes
from .layout import build_layout
from .loading import Dataset
from .store import DataStore
from .state import Vocabulary, parse_query

log = logging.getLogger(__name__)

ERROR_MESSAGE = "Something went wrong while updating the view; the error was logged. Reload the page to start again."


def _on_callback_error(error: Exception):
    """Callbacks never answer with a server error: log in full, tell the user in one line, change nothing."""
    log.exception("callback failed", exc_info=error)
    set_props(ids.NOTICE, {"children": html.Strong(ERROR_MESSAGE)})


def page_language() -> str:
    """The ``lang`` of the page being built: from the query of the request or of its referrer."""
    if not flask.has_request_context():
        return "en"
    lang = flask.request.args.get("lang")
    if lang is None and flask.request.referrer:
        lang = parse_qs(urlparse(flask.request.referrer).query).get("lang", [None])[-1]
    lang = (lang or "en").strip().lower()
    return lang if lang in ("en", "fr") else "en"


def _register_routes(server: flask.Flask, store: DataStore, settings: Settings) -> None:
    geometry = Path(settings.geometry_file)
    raw = geometry.read_bytes()
    packed = gzip.compress(raw, compresslevel=9, mtime=0)

    @server.route(f"/geo/{geometry.name}")
    def topology():
        """The map's country geometry, for plotly.js (``topojsonURL``), gzipped when the browser accepts it."""
        accepts_gzip = "gzip" in flask.request.headers.get("Accept-Encoding", "")
        response = flask.Response(packed if accepts_gzip else raw, mimetype="application/json")
        if accepts_gzip:
            response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response

    @server.route("/export/collaborations.csv")
    def export_csv():
        """The table of the view given by the query string (same parameters as the page)."""
        ds = store.current()
        state, _ = parse_query(flask.request.query_string.decode("utf-8", "replace"), Vocabulary.from_dataset(ds))
        response = flask.Response(collaborations_csv(ds, state), mimetype="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="{csv_filename(ds, state)}"'
        return response

    @server.route("/healthz")
    def health():
        """For load balancers and checks: the data this worker serves (version, date) and the worker's id."""
        ds = store.current()
        managed = store.folder is not None and ds.folder.parent.name == "versions"
        response = flask.jsonify(status="ok", data_version=ds.folder.name if managed else None,
                                 data_date=ds.data_date.isoformat(), rows=int(len(ds.collaborations)), worker=os.getpid())
        response.headers["Cache-Control"] = "no-store"
        return response

    register_export_routes(server, store, settings)


def create_app(settings: Settings | None = None, data: Dataset | None = None) -> Dash:
    """Build the Dash app for ``data`` (loaded and validated from ``settings.data_dir`` if not given).

    Raises :class:`~dashboard.loading.DataError` when the data folder is not valid.
    """
    settings = settings or load_settings()
    store = DataStore.fixed(data) if data is not None else DataStore(settings.data_dir, settings.geometry_file)
    app = Dash(
        __name__,
        title=settings.title,
        assets_folder=str(settings.assets_dir),
        serve_locally=True,
        update_title=None,
        on_error=_on_callback_error,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                   {"name": "description", "content": "IN2P3's international collaborations on a world map"}],
    )
    def page_layout():
        """Built at each page load: the current data, in the language of the link (``?lang=fr``).

        Dash asks for the layout with a request of its own (``/_dash-layout``), whose referrer is the page's
        address: the language is read there (a same-origin referrer is sent under the default referrer
        policy and under the one docs/deploy.md sets).
        """
        return build_layout(store.current(), page_language())

    app.layout = page_layout
    register_callbacks(app, store)
    _register_routes(app.server, store, settings)
    auth.install(app.server, settings)
    app.server.register_blueprint(admin.build_blueprint(settings, store))
    security.install(app, settings)
    app.server.config["DATA_STORE"] = store
    return app
