"""Where the view's downloads are: their URLs (each takes the page's query string) and file names."""

from __future__ import annotations

from .. import ids, schema
from ..state import ViewState, to_query

#: The download URLs; each takes the page's query string.
CSV_PATH = "/export/collaborations.csv"
XLSX_PATH = "/export/collaborations.xlsx"
DECK_PATH = "/export/deck.pptx"
IMAGE_PATH = "/export/chart/{name}.{fmt}"


def download_filename(ds, state: ViewState, kind: str, extension: str) -> str:
    """``in2p3-<kind>-<data date>[-selection].<extension>``, e.g. in2p3-collaborations-2026-11-25.xlsx."""
    suffix = "-selection" if state.countries else ""
    return f"in2p3-{kind}-{ds.data_date:%Y-%m-%d}{suffix}.{extension}"


def export_links(state: ViewState) -> dict[str, str]:
    """Component id -> href of the page's download links (CSV, Excel, slides, each card's PNG and SVG) for ``state``.

    The links carry the view's query without presentation mode; the tables do not depend on the measure. The
    page draws them with this at load (prefill.py); afterwards the browser makes them from the address
    (``viewLinks`` in assets/app.js, by the same rule: the canonical query without ``present`` and ``step``, and
    without ``measure`` for the tables), so that a click's request does not describe 13 more outputs;
    tests/browser/test_download_links.py checks that both give the same links.
    """
    plain = state.with_(present=False, step=None)
    table_query = to_query(plain.with_(measure=schema.DEFAULT_MEASURE))
    links = {
        ids.DOWNLOAD_CSV: CSV_PATH + table_query,
        ids.DOWNLOAD_XLSX: XLSX_PATH + table_query,
        ids.DOWNLOAD_DECK: DECK_PATH + to_query(plain),
    }
    for name, fmt in ids.IMAGE_DOWNLOADS:
        links[ids.image_download(name, fmt)] = IMAGE_PATH.format(name=name, fmt=fmt) + to_query(plain)
    return links
