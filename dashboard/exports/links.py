"""Where the view's downloads are: their URLs (each takes the page's query string) and file names."""

from __future__ import annotations

from .. import ids, schema
from ..state import ViewState, to_query

#: The download URLs; each takes the page's query string.
CSV_PATH = "/export/collaborations.csv"
XLSX_PATH = "/export/collaborations.xlsx"
DECK_PATH = "/export/deck.pptx"
IMAGE_PATH = "/export/chart/{name}.{fmt}"
ANIMATION_PATH = "/export/animation.gif"


def download_filename(ds, state: ViewState, kind: str, extension: str) -> str:
    """``in2p3-<kind>-<data date>[-selection].<extension>``, e.g. in2p3-collaborations-2026-11-25.xlsx."""
    suffix = "-selection" if state.countries else ""
    return f"in2p3-{kind}-{ds.data_date:%Y-%m-%d}{suffix}.{extension}"


#: Parameters of the page's address that no download depends on: presentation mode, its story step, the embedding.
PAGE_ONLY = ("present", "step", "embed")
#: Each download link of the page: its path and the URL parameters it leaves out of the view's query (the tables
#: do not depend on the measure). The page's script (assets/app.js ``viewLinks``) is given these rules by the
#: server and makes the links from the address with them; :func:`export_links` makes them from a view state.
LINK_RULES: dict[str, tuple[str, tuple[str, ...]]] = {
    ids.DOWNLOAD_CSV: (CSV_PATH, (*PAGE_ONLY, "measure", "links")),
    ids.DOWNLOAD_XLSX: (XLSX_PATH, (*PAGE_ONLY, "measure", "links")),
    ids.DOWNLOAD_DECK: (DECK_PATH, PAGE_ONLY),
    ids.DOWNLOAD_ANIMATION: (ANIMATION_PATH, PAGE_ONLY),
    **{
        ids.image_download(name, fmt): (
            IMAGE_PATH.format(name=name, fmt=fmt),
            (*PAGE_ONLY, "measure", "links") if name == "profile" else PAGE_ONLY,  # a profile draws no map
        )
        for name, fmt in ids.IMAGE_DOWNLOADS
    },
}
#: What leaving a parameter out means for a view state.
_WITHOUT = {
    "present": {"present": False},
    "step": {"step": None},
    "embed": {"embed": False},
    "measure": {"measure": schema.DEFAULT_MEASURE},
    "links": {"links": False},
}


def export_links(state: ViewState) -> dict[str, str]:
    """Component id -> href of the page's download links (CSV, Excel, slides, each card's PNG and SVG) for ``state``,
    by :data:`LINK_RULES`: the view's canonical query without the parameters each link leaves out.

    The page is drawn with these (prefill.py); afterwards the browser makes them from the address by the same rules
    (``viewLinks`` in assets/app.js), so that a click's request does not describe 13 more outputs;
    tests/browser/test_download_links.py checks that both give the same links.
    """
    links = {}
    for link, (path, dropped) in LINK_RULES.items():
        changes = {}
        for name in dropped:
            changes.update(_WITHOUT[name])
        links[link] = path + to_query(state.with_(**changes))
    return links
