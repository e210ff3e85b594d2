"""The look that the page's figures and the exported images share: colours, the map's framing, the bars' spacing.

One home for each: the plotly builders (``figures/``) and the matplotlib images (``exports/images/``) both draw with
these, and the view model (``views``) frames the map and counts its classes with them, so a change here changes the
page and its exports together. This module imports nothing but ``schema``: the lowest layer that the view model, the
figures and every export can share without loading plotly, matplotlib or the page (``figures/style.py`` holds what
is plotly's own: the template, the font stack, the figure type).

The instrument types' colours stay beside the types in ``schema.TYPE_COLORS`` (the page's legend reads them there).
"""

from __future__ import annotations

from .schema import INFRASTRUCTURE_TYPE, TYPE_COLORS

# -- Text and lines ----------------------------------------------------------------------------------------

INK = "#1f2933"
MUTED = "#5f6b7a"
GRID = "#e4e7eb"

# -- The map -----------------------------------------------------------------------------------------------

#: Sequential blues (ColorBrewer "Blues", colour-blind safe), light to dark: one per class of the map, so also the
#: most classes a map has. The lightest blue is kept clearly apart from the grey of "no collaboration".
CLASS_COLORS = ("#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
NO_DATA_COLOR = "#e3e6ea"
HOME_COLOR = "#4a4a4a"
#: The amber of what the user chose: the selected countries' outline and the shading of the years asked for.
#: The page's stylesheet outlines the selection in the browser with the same colour (assets/style.css; test_prf011).
HIGHLIGHT = "#f2a900"
SELECTED_LINE = HIGHLIGHT
#: Width of the selection's outline, in screen pixels (plotly's unit; the images draw half as many points at 144 dpi).
SELECTED_WIDTH = 3
#: Infrastructure sites are drawn in the colour of their type.
SITE_COLOR = TYPE_COLORS[INFRASTRUCTURE_TYPE]
#: Country borders: white lines, half a pixel.
BORDER_COLOR = "#ffffff"
BORDER_WIDTH = 0.5
OCEAN_COLOR = "#f4f8fb"

#: Partner institutions: dark points with a white rim (readable on every blue and on grey), sized by their
#: collaborations in view; IN2P3's labs: white squares with a dark rim (readable on home's dark grey).
PARTNER_COLOR = INK
LAB_COLOR = "#ffffff"
LAB_EDGE = INK
#: Point sizes (screen pixels across, as plotly's marker size): a place with one collaboration, and how much a place
#: grows with the square root of its collaborations (its area follows their number), up to the largest.
POINT_SIZE, POINT_GROWTH, POINT_MAX = 6.0, 2.2, 16.0
#: A lab's square: small on the world map (France holds twenty of them), larger in a continent's view.
LAB_SIZE, LAB_SIZE_CONTINENT = 5.0, 8.0
#: The links from IN2P3's labs to partners and sites: one purple (apart from the blues, the sites' vermilion and the
#: selection's amber), half transparent so that crossings read; faded when a selection leaves them out.
LINK_COLOR = "#5b2a86"
LINK_OPACITY = 0.6
LINK_FADED_OPACITY = 0.12
#: Link widths (screen pixels) by the collaborations an arc stands for: (least collaborations, width), ascending.
LINK_WIDTHS: tuple[tuple[int, float], ...] = ((1, 0.8), (2, 1.6), (3, 2.6), (5, 4.0))
#: A continent view has short arcs, and many: they are drawn a little thinner, and each more opaque (few cross).
CONTINENT_LINK_SCALE, CONTINENT_LINK_OPACITY = 0.8, 0.75


def link_width(collaborations: int) -> float:
    """The width of an arc standing for ``collaborations`` collaborations (:data:`LINK_WIDTHS`)."""
    width = LINK_WIDTHS[0][1]
    for least, size in LINK_WIDTHS:
        if collaborations >= least:
            width = size
    return width


def point_size(collaborations: int) -> float:
    """The size of a partner's point standing for ``collaborations`` collaborations."""
    return min(POINT_MAX, POINT_SIZE + POINT_GROWTH * (max(collaborations, 1) ** 0.5 - 1))


#: The map's projection (plotly's "natural earth"), as PROJ writes it: the images project the countries with it, and
#: presentation mode places its count labels in it (``figures/labels.py``).
MAP_PROJECTION = "+proj=natearth +datum=WGS84 +units=m +no_defs"
#: (longitudes, latitudes) the map shows with no continent filter.
WORLD_VIEW: tuple[tuple[float, float], tuple[float, float]] = ((-180, 180), (-58, 84))
#: (longitudes, latitudes) the map shows of each continent (the map zooms to the continent filter).
VIEWPORTS: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    "Europe": ((-25, 45), (34, 71)),
    "Asia": ((25, 150), (-10, 60)),
    "North America": ((-170, -50), (5, 75)),
    "South America": ((-95, -30), (-57, 15)),
    "Africa": ((-20, 55), (-36, 38)),
    "Oceania": ((110, 180), (-50, 0)),
    "Antarctica": ((-180, 180), (-90, -60)),
}


def class_colors(n: int) -> list[str]:
    """The colours of ``n`` classes, spread over :data:`CLASS_COLORS` (one class gets a middle blue)."""
    if n <= 0:
        return []
    if n == 1:
        return [CLASS_COLORS[3]]
    step = (len(CLASS_COLORS) - 1) / (n - 1)
    return [CLASS_COLORS[round(i * step)] for i in range(n)]


def _luminance(color: str) -> float:
    """The relative luminance of "#rrggbb" (WCAG 2.1)."""
    channels = [int(color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours ("#rrggbb")."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_on(fill: str) -> str:
    """Ink or white: the text colour that reads better on ``fill`` (count labels on the map, values on bars)."""
    return "#ffffff" if contrast("#ffffff", fill) > contrast(INK, fill) else INK


# -- The charts --------------------------------------------------------------------------------------------


def bar_gap(categories: int) -> float:
    """The gap between horizontal bars, as a fraction of a category's space: bars about as thick with one category
    as with eight (a lone bar would fill the chart)."""
    return max(0.25, min(0.85, 1 - 0.12 * categories))


#: Opacity of the bars that are not highlighted, when a chart keeps the whole picture and highlights the selection
#: (by continent, top partner countries).
UNHIGHLIGHTED_OPACITY = 0.3


#: The gap between the years' bars of the timeline.
TIMELINE_GAP = 0.15
#: Opacity of the shading of the years asked for (``HIGHLIGHT``) on the timeline.
YEARS_SHADE_OPACITY = 0.12
