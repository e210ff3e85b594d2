"""The download routes of the view: slide deck, PNG/SVG of the map and charts, Excel and CSV tables.

Each takes the page's query string (``/export/deck.pptx?instrument=IRL`` is the deck of the IRL view), so a
link in an e-mail is enough. Values the page would drop are dropped here too, never a server error; an
unknown image name or format is a 404. Rendered files are kept in a small cache keyed by the data set and
the canonical query, so a second download of the same view costs nothing.

The deck takes two more: ``since=`` (as on the page) adds the slides of what changed in the view since that
version, compared in the data folder served (``store.folder``); ``story=1`` (this route only: not a parameter of the
page's view, :func:`story_asked`) gives the deck of the whole story of presentation mode, one slide per step, in
``lang``. Neither is ever an error: a ``since`` that names no version gives the deck without those slides, a
``story`` value other than 1 the view's deck, a data set without a story the view's deck too.
"""

from __future__ import annotations

from pathlib import Path

import flask

from .. import i18n
from ..caching import DataCache
from ..config import Settings
from ..datastore.compare import changes_since
from ..datastore.store import DataStore
from ..profiles import build_profile
from ..state import ViewState, Vocabulary, parse_query, to_query
from ..views import build_view, view_changes
from . import animation, deck, images, story_deck
from .links import ANIMATION_PATH, CSV_PATH, DECK_PATH, IMAGE_PATH, XLSX_PATH, download_filename
from .tables import XLSX_MIMETYPE, collaborations_csv, collaborations_xlsx

PPTX_MIMETYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
#: Bytes of rendered files (decks, images) kept per worker; past that the least recently used are dropped.
RENDER_CACHE_BYTES = 64 * 2**20
#: A deck has a profile slide for each selected country, up to this many (a longer selection is a region: its
#: countries are in the map, the charts and the table).
MAX_PROFILES = 12
#: Values of ``story`` that ask for the story's deck (as ``present`` reads them).
STORY_FLAGS = ("1", "true", "yes", "on")


def story_asked() -> bool:
    """Does the request ask for the deck of the whole story (``story=1``)? Any other value, or none, is the view's
    deck; never an error."""
    values = flask.request.args.getlist("story")
    return bool(values) and values[-1].strip().lower() in STORY_FLAGS


def _changes(store: DataStore, ds, state: ViewState, *, whole: bool = False):
    """What changed since the version ``state.since`` names, in the view of ``state`` (over all the data when
    ``whole``); None when no version is asked for or it cannot be compared with."""
    changes, _ = changes_since(store.folder, state.since, ds, geometry_file=store.geometry_file)
    if changes is None:
        return None
    return changes if whole else view_changes(changes, state)


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
    """Add ``/export/deck.pptx``, ``/export/chart/<name>.<png|svg>``, ``/export/animation.gif`` and
    ``/export/collaborations.xlsx`` and ``.csv``."""
    geometry_file = Path(settings.geometry_file)
    cache = DataCache(RENDER_CACHE_BYTES, sizeof=len)

    @server.route(DECK_PATH)
    def export_deck():
        """The slide deck of the view given by the query string."""
        ds, state, link = _request_view(store)
        if story_asked() and ds.stories:
            plain = ViewState(lang=state.lang, since=state.since)
            first = ds.stories[0].step
            story_link = flask.request.url_root + to_query(plain.with_(present=True, step=first))
            data = cache.get_or_compute(
                ds,
                ("story", to_query(plain), story_link),
                lambda: story_deck.build_story_deck(
                    ds,
                    state.lang,
                    shapes=images.map_shapes(geometry_file),
                    link=story_link,
                    changes=_changes(store, ds, plain, whole=True),
                ),
            )
            return _download(data, PPTX_MIMETYPE, download_filename(ds, ViewState(), "story", "pptx"))
        data = cache.get_or_compute(
            ds,
            ("deck", to_query(state), link),
            lambda: deck.build_deck(
                build_view(ds, state),
                state.lang,
                shapes=images.map_shapes(geometry_file),
                link=link,
                profiles=tuple(build_profile(ds, state, iso3) for iso3 in state.countries[:MAX_PROFILES]),
                changes=_changes(store, ds, state),
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

    @server.route(ANIMATION_PATH)
    def export_animation():
        """The view's map year by year (``year=N`` each), as an animated GIF for a slide."""
        ds, state, _ = _request_view(store)
        data = cache.get_or_compute(
            ds,
            ("animation", to_query(state)),
            lambda: animation.render_gif(ds, state, state.lang, shapes=images.map_shapes(geometry_file)) or b"",
        )
        if not data:
            return flask.Response(i18n.t("animation_none", state.lang), 404, mimetype="text/plain; charset=utf-8")
        return _download(data, animation.MIMETYPE, download_filename(ds, state, "map-years", "gif"), inline=True)

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
