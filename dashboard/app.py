"""The application factory: ``create_app(settings=None, data=None) -> Dash``."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import flask
from dash import Dash, html, set_props
from flask_compress import Compress

from . import i18n, ids
from .config import Settings, load_settings
from .datastore.store import DataStore
from .exports.routes import register_export_routes
from .figures.map import browser_topology
from .loading import Dataset
from .page.caches import PageCaches
from .page.callbacks import client_settings, register_callbacks
from .page.firstframe import first_frame
from .page.prefill import prefilled_layout, request_search
from .page.share import offer_story_form
from .web import admin, auth, security

log = logging.getLogger(__name__)

#: plotly.js with only the trace types the app draws (1.4 MB instead of Dash's 4.8 MB full bundle); its origin
#: and how to rebuild it are in dashboard/vendor/README.md. Not in the page's script list: named in
#: ``<meta name="in2p3-plotly">``, loaded by assets/lateplotly.js when the map's dcc.Graph first asks for
#: ``window.Plotly`` (a stand-in there until then), so that dcc.Graph never asks for Dash's own copy.
PLOTLY_BUNDLE = Path(__file__).resolve().parent / "vendor" / "plotly-in2p3.min.js"

#: What Dash's components need of Babel's ``polyfill@7.12.1`` (99 kB minified, core-js 2 and regenerator-runtime),
#: which Dash lists first in every page: only the global ``regeneratorRuntime`` (its lazy-loading helper, in
#: dash_renderer and dash_core_components, calls ``regeneratorRuntime.mark``/``wrap``); core-js fills in what every
#: browser the app supports has natively. The npm package ``regenerator-runtime`` 0.14.1 (25 kB, 7 kB gzipped),
#: served in its place (:class:`In2p3Dash`); origin and licence in dashboard/vendor/README.md.
REGENERATOR_RUNTIME = PLOTLY_BUNDLE.with_name("regenerator-runtime.js")
#: Babel's polyfill in the script list Dash writes (replaced, above), and the scripts the page has no use for,
#: matched on their paths: dash_table's bundle, which Dash lists in every page (the page's table is plain HTML,
#: page/table.py).
POLYFILL_SCRIPT = "/dash/deps/polyfill@"
UNUSED_SCRIPTS = ("/dash/dash_table/bundle.",)

#: Files the page needs that the browser would only discover late: the map's topology (asked for by plotly.js
#: once the map's figure has arrived) and the lazily loaded parts of Dash's components (asked for once the
#: layout has arrived). A ``Link: rel=preload`` header on the page lets it fetch them with the first scripts.
LAZY_CHUNKS = (
    "dcc/async-graph.js",
    "dcc/async-dropdown.js",
    "dcc/async-slider.js",
)


def _on_callback_error(error: Exception):
    """Callbacks never answer with a server error: log in full, tell the user in one line (in the page's
    language, read from the callback request's referrer, the page's address), change nothing."""
    log.exception("callback failed", exc_info=error)
    lang = "en"
    if flask.has_request_context() and flask.request.referrer:
        lang = parse_qs(urlparse(flask.request.referrer).query).get("lang", ["en"])[-1].strip().lower()
    set_props(ids.NOTICE, {"children": html.Strong(i18n.t("callback_error", lang if lang in i18n.LANGUAGES else "en"))})


def _static_file(raw: bytes, mimetype: str, max_age: int):
    """A view serving ``raw``, gzipped once here (level 9) rather than at each request, when the browser accepts it."""
    packed = gzip.compress(raw, compresslevel=9, mtime=0)

    def view():
        accepts_gzip = "gzip" in flask.request.headers.get("Accept-Encoding", "")
        response = flask.Response(packed if accepts_gzip else raw, mimetype=mimetype)
        if accepts_gzip:
            response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"
        response.headers["Cache-Control"] = f"public, max-age={max_age}"
        return response

    return view


def _vendor_url(path: Path) -> str:
    """Where the page loads a vendored script from; the query changes with the file, so it can be cached for long."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return f"/vendor/{path.name}?v={digest}"


def plotly_bundle_url() -> str:
    """Where the page loads plotly.js from."""
    return _vendor_url(PLOTLY_BUNDLE)


class In2p3Dash(Dash):
    """Dash, with the page's script list trimmed: :data:`REGENERATOR_RUNTIME` instead of Babel's polyfill (about
    0.1-0.4 s of main-thread script per load on this machine, Lighthouse counts 0.9 s) and no dash_table bundle."""

    #: The page's first frame for the request being answered (``create_app``: page/firstframe.py), or None.
    first_frame = None

    def interpolate_index(self, **kwargs) -> str:
        """The page in the language of its address (``<html lang>``: screen readers read it in that language), its
        view drawn in it before Dash starts (``first_frame``)."""
        lang = flask.request.args.get("lang", "").strip().lower() if flask.has_request_context() else ""
        if self.first_frame is not None and flask.has_request_context():
            try:
                kwargs["app_entry"] = self.first_frame() + kwargs.get("app_entry", "")
            except Exception:  # the page works without it: Dash draws the view as before
                log.exception("the page's first frame could not be made")
        page = super().interpolate_index(**kwargs)
        return page.replace("<html>", f'<html lang="{lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANG}">', 1)

    def _generate_scripts_html(self) -> str:
        """Dash's scripts, trimmed, each ``defer``: the browser paints the first frame without waiting for them (they
        still run in their order, before ``DOMContentLoaded``, where :data:`RENDERER` starts Dash)."""
        runtime = _vendor_url(REGENERATOR_RUNTIME)
        lines = []
        for line in super()._generate_scripts_html().split("\n"):
            if POLYFILL_SCRIPT in line:
                line = f'<script src="{runtime}"></script>'
            elif any(unused in line for unused in UNUSED_SCRIPTS):
                continue
            lines.append(line.replace("<script src=", "<script defer src="))
        return "\n".join(lines)


def _register_routes(server: flask.Flask, store: DataStore, settings: Settings) -> None:
    geometry = Path(settings.geometry_file)
    # The map's country geometry, for plotly.js (``topojsonURL``): never from plotly's CDN.
    # Its ocean a ring around the pole (figures.map.browser_topology: a fraction of the ocean's cost to draw).
    topology = json.dumps(browser_topology(json.loads(geometry.read_bytes())), separators=(",", ":"))
    server.add_url_rule(
        f"/geo/{geometry.name}", "topology", _static_file(topology.encode(), "application/json", max_age=86400)
    )
    server.add_url_rule(
        f"/vendor/{PLOTLY_BUNDLE.name}",
        "plotly_bundle",
        _static_file(PLOTLY_BUNDLE.read_bytes(), "application/javascript", max_age=31536000),
    )
    server.add_url_rule(
        f"/vendor/{REGENERATOR_RUNTIME.name}",
        "regenerator_runtime",
        _static_file(REGENERATOR_RUNTIME.read_bytes(), "application/javascript", max_age=31536000),
    )
    preload = ", ".join(
        [f"</geo/{geometry.name}>; rel=preload; as=fetch; crossorigin=anonymous"]
        + [f"</_dash-component-suites/dash/{chunk}>; rel=preload; as=script" for chunk in LAZY_CHUNKS]
    )

    @server.after_request
    def announce_late_files(response):
        # The dashboard's page only (Dash's index routes): not /login or /import, whose visitor may not be signed in
        # yet and would be refused those files (a console error each).
        if response.mimetype == "text/html" and flask.request.endpoint in ("/", "/<path:path>"):
            response.headers.add("Link", preload)
        return response

    @server.route("/healthz")
    def health():
        """For load balancers and checks: the data this worker serves (version, date) and the worker's id."""
        ds = store.current()
        managed = store.folder is not None and ds.folder.parent.name == "versions"
        response = flask.jsonify(
            status="ok",
            data_version=ds.folder.name if managed else None,
            data_date=ds.data_date.isoformat(),
            rows=int(len(ds.collaborations)),
            worker=os.getpid(),
        )
        response.headers["Cache-Control"] = "no-store"
        return response

    register_export_routes(server, store, settings)


#: The page's icon, in the page itself (a globe in the map's blue; drawn for this app): Chromium asks for a linked
#: icon again at every change of the address, that is at every click (about 1.1 kB per interaction with Dash's
#: ``/_favicon.ico``, even cacheable); an icon in a ``data:`` address costs no request. CSP: ``img-src data:``.
ICON = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E"
    "%3Ccircle cx='16' cy='16' r='15' fill='%2308519c'/%3E"
    "%3Cpath d='M1 16h30M16 1v30M4 8.5h24M4 23.5h24M16 1c-8 8-8 22 0 30M16 1c8 8 8 22 0 30' "
    "fill='none' stroke='%23fff' stroke-width='1.6'/%3E%3C/svg%3E"
)

#: Dash's inline start (``Dash.renderer``, allowed by its hash in the CSP), once the deferred scripts have run.
RENDERER = "document.addEventListener('DOMContentLoaded', function () { window.renderer = new DashRenderer(); });"

#: Dash's page template, its icon link replaced by :data:`ICON`, and its scripts in a ``div`` rather than a second
#: ``footer`` (a footer is a landmark: the page has its own, page/layout.footer); ``<html>`` gets the page's ``lang``
#: from :class:`In2p3Dash`.
INDEX = f"""<!DOCTYPE html>
<html>
    <head>
        {{%metas%}}
        <title>{{%title%}}</title>
        <link rel="icon" type="image/svg+xml" href="{ICON}">
        {{%css%}}
    </head>
    <body>
        {{%app_entry%}}
        <div>
            {{%config%}}
            {{%scripts%}}
            {{%renderer%}}
        </div>
    </body>
</html>"""


def create_app(
    settings: Settings | None = None, data: Dataset | None = None, *, store: DataStore | None = None
) -> Dash:
    """Build the Dash app for ``data`` (loaded and validated from ``settings.data_dir`` if not given).

    ``store`` (a :class:`DataStore` the caller keeps, e.g. to see what an import changed) is served instead of either.
    Raises :class:`~dashboard.loading.DataError` when the data folder is not valid.
    """
    settings = settings or load_settings()
    if store is None:
        store = DataStore.fixed(data) if data is not None else DataStore(settings.data_dir, settings.geometry_file)
    app = In2p3Dash(
        __name__,
        title=settings.title,
        assets_folder=str(settings.assets_dir),
        serve_locally=True,
        update_title=None,
        index_string=INDEX,
        on_error=_on_callback_error,
        # Dash would otherwise write the whole layout a second time into every page (its config's validation_layout,
        # 160 kB of the default view's 357 kB of HTML) and walk it at each load to check the callbacks' ids in the
        # browser: tests/unit/test_app.py checks them once, against the layout (test_apf014).
        suppress_callback_exceptions=True,
        meta_tags=[
            # The page's script reads its settings here (ids, maps kept, link rules): given by the server, not
            # written a second time in JavaScript.
            {"name": "in2p3-client", "content": json.dumps(client_settings(), separators=(",", ":"))},
            # plotly.js, loaded once the map's graph asks for it (assets/lateplotly.js)
            {"name": "in2p3-plotly", "content": plotly_bundle_url()},
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": "IN2P3's international collaborations on a world map"},
        ],
    )
    app.renderer = RENDERER
    caches = PageCaches()
    register_callbacks(app, store, caches)

    def page_layout():
        """Built at each page load: the current data, in the language of the link (``?lang=fr``), with the
        controls and views of the link already filled in (prefill.py: no callback round trip at load); once for the
        page's first HTML and the layout Dash asks for then (kept by address and by whether the reader may edit)."""
        ds, search, editor = store.current(), request_search(), admin.may_edit(settings)

        def build():
            layout = prefilled_layout(ds, search, caches, store)
            offer_story_form(layout, editor)  # editors save a view as a story step (issue 14)
            return layout

        return caches.layouts.get_or_compute(ds, (search, editor), build)

    def page_first_frame() -> str:
        return first_frame(store.current(), request_search(), caches, settings.geometry_file, page_layout(), store)

    app.layout = page_layout
    app.first_frame = page_first_frame
    _register_routes(app.server, store, settings)
    auth.install(app.server, settings)
    app.server.register_blueprint(admin.build_blueprint(settings, store))
    security.install(app, settings)
    # Responses (the page, Dash's scripts, callback answers) compressed for browsers that accept it.
    Compress(app.server)
    return app
