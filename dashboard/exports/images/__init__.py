"""Static images of a view (PNG, SVG): the map and the four charts, for slides and documents.

The images are drawn with matplotlib from the view model (:class:`dashboard.views.View`), the very data the page's
plotly figures are built from, with the colours, classes, framing and bar gaps of ``dashboard/look.py`` that the
figures use too, and the words of ``dashboard/describe.py``: an image cannot disagree with the page, and a change to
a figure's look is made in one place for both. The map is drawn on the country geometry the page's map draws, as
the data validation read it (``loading.load_geometry``), projected once per process. A decorated image carries the
chart's title, the view's filters and data date, what the chart counts and its source, so that it can be pasted
into a meeting's slides as is.

The package: ``compose`` (the page of an image: title, filters, caption, source; PNG/SVG), ``map`` and ``bars``
(the map and the charts from the view model), ``profile`` (a country's profile as text in columns), ``geometry`` (the
countries split at the antimeridian and projected, the links' great circles).

Why not plotly's own static export (kaleido 1.5 driving Debian's /usr/bin/chromium)? It works offline here
(``BROWSER_PATH=/usr/bin/chromium``, the topology given as a ``file://`` ``topojson`` URL) and is pixel-true
to the page, but, measured on this 2-core machine with the shipped data (kaleido at 1600 x 900 px,
matplotlib at 1920 x 1080):

=====================================  ===============================  ===========================
                                       kaleido + chromium               matplotlib (this package)
=====================================  ===============================  ===========================
one chart, a new browser per image     2.1-2.5 s                        0.05-0.3 s
one chart, a browser kept running      0.2-0.3 s (3.6 s the first)      (no process to keep)
the map                                1.2-1.6 s warm, 3.6 s cold       0.15-0.4 s (+0.3-1.7 s once
                                                                        per process: geometry
                                                                        split and projected)
SVG of the map (world)                 10.8 MB                          1.3 MB
=====================================  ===============================  ===========================

and it needs a browser beside every web worker: kaleido's shared "sync server" answered two concurrent
requests with each other's images (tried: a PNG request got the SVG), it stays broken once its chromium
dies, it cannot be started before gunicorn's ``--preload`` fork, and the Procfile's platforms have no apt
to install chromium. matplotlib is pure wheels and runs in the request with no other process (no pyplot:
one ``Figure`` per image; one image at a time per process, see ``compose._LOCK``). The price is drawing the
map and the bars a second time, from the same view model as the figures; ``tests/unit/test_exports.py``
renders every image and reads it against the view.

Text from the data is drawn as text, never as markup: matplotlib's math parsing (``$...$``) is off.
"""

from .compose import (
    DPI,
    EXPORT_IMAGES,
    FORMATS,
    IMAGE_NAMES,
    PROFILE_IMAGE,
    SLIDE_INCHES,
    ImageText,
    draw,
    drawing,
    image_text,
    profile_text,
    render,
)
from .geometry import MapShapes, frame_outline, map_shapes

__all__ = [
    "DPI",
    "EXPORT_IMAGES",
    "FORMATS",
    "IMAGE_NAMES",
    "PROFILE_IMAGE",
    "SLIDE_INCHES",
    "ImageText",
    "MapShapes",
    "draw",
    "drawing",
    "frame_outline",
    "image_text",
    "map_shapes",
    "profile_text",
    "render",
]
