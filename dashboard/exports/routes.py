"""The download routes of the view: slide deck, PNG/SVG of the map and charts, Excel and CSV tables.

Each takes the page's query string (``/export/deck.pptx?instrument=IRL`` is the deck of the IRL view), so a
link in an e-mail is enough. Values the page would drop are dropped here too, never a server error; an
unknown image name or format is a 404. Rendered files are kept in a small cache keyed by the data set and
the canonical query, so a second download of the same view costs nothing.
"""

from __future__ import annotations

from pathlib import Path

import flask

from ..caching import DataCache
from ..config import Settings
from ..datastore.store import DataStore
from ..profiles import build_profile
from ..state import ViewState, Vocabulary, parse_query, to_query
from ..views import build_view
from . import deck, images
from .links import CSV_PATH, DECK_PATH, IMAGE_PATH, XLSX_PATH, download_filename
from .tables import XLSX_MIMETYPE, collaborations_csv, collaborations_xlsx

PPTX_MIMETYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
#: Bytes of rendered files (decks, images) kept per worker; past that the least recently used are dropped.
RENDER_CACHE_BYTES = 64 * 2**20
#: A deck has a profile slide for each selected country, up to this many (a longer selection is a region: its
#: countries are in the map, the charts and the table).
MAX_PROFILES = 12


def _request_view(store: DataStore) -> tuple[object, ViewState, str]:
    """(current data set, state, the view's URL on the dashboard) of the request's query string."""
    ds = store.current()
    state, _ = parse_query(flask.request.query_string.decode("utf-8", "replace"), Vocabulary.from_dataset(ds))
    state = state.with_(present=False, step=None)
    return ds, state, flask.request.url_root + to_query(state)


def _download(data: bytes, mimetype: str, filename: str, *, inline: bool = False) -> flask.Response:
    response = flask.Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


def register_export_routes(server: flask.Flask, store: DataStore, settings: Settings) -> None:
    """Add ``/export/deck.pptx``, ``/export/chart/<name>.<png|svg>``, ``/export/collaborations.xlsx`` and ``.csv``."""
    geometry_file = Path(settings.geometry_file)
    cache = DataCache(RENDER_CACHE_BYTES, sizeof=len)

    @server.route(DECK_PATH)
    def export_deck():
        """The slide deck of the view given by the query string."""
        ds, state, link = _request_view(store)
        data = cache.get_or_compute(
            ds,
            ("deck", to_query(state), link),
            lambda: deck.build_deck(
                build_view(ds, state),
                state.lang,
                shapes=images.map_shapes(geometry_file),
                link=link,
                profiles=tuple(build_profile(ds, state, iso3) for iso3 in state.countries[:MAX_PROFILES]),
            ),
        )
        return _download(data, PPTX_MIMETYPE, download_filename(ds, state, "slides", "pptx"))

    @server.route(IMAGE_PATH.format(name="<name>", fmt="<fmt>"))
    def export_image(name: str, fmt: str):
        """The map or a chart of the view as a presentation-size PNG or SVG, with title, filters and source."""
        if name not in images.EXPORT_IMAGES or fmt not in images.FORMATS:
            flask.abort(404)
        ds, state, _ = _request_view(store)

        def produce() -> bytes:
            view = build_view(ds, state, with_table=False)
            shapes = images.map_shapes(geometry_file) if name == "map" else None
            if name == images.PROFILE_IMAGE:  # the first selected country's (the slides have each one's)
                profile = build_profile(ds, state, state.countries[0]) if state.countries else None
                text = images.profile_text(view, profile, state.lang)
                return images.render(view, name, fmt, state.lang, text=text, profile=profile)
            text = images.image_text(view, name, state.lang)
            return images.render(view, name, fmt, state.lang, shapes=shapes, text=text)

        data = cache.get_or_compute(ds, ("image", name, fmt, to_query(state)), produce)
        return _download(data, images.FORMATS[fmt], download_filename(ds, state, name, fmt), inline=True)

    @server.route(XLSX_PATH)
    def export_xlsx():
        """The table of the view as an Excel workbook (same columns as the CSV)."""
        ds, state, link = _request_view(store)
        return _download(
            collaborations_xlsx(ds, state, link=link),
            XLSX_MIMETYPE,
            download_filename(ds, state, "collaborations", "xlsx"),
        )

    @server.route(CSV_PATH)
    def export_csv():
        """The table of the view as CSV (UTF-8, header row first; same columns as the Excel file)."""
        ds, state, _ = _request_view(store)
        return _download(
            collaborations_csv(ds, state).encode("utf-8"),
            "text/csv; charset=utf-8",
            download_filename(ds, state, "collaborations", "csv"),
        )
