"""Numbers a room can read: where each coloured country's count is written on the map of presentation mode.

The positions are computed here, on the server, once per map, by one set of rules, in pixels of the map as it is
drawn: the page's presentation map on a 1920 x 1080 projector (:data:`PRESENT_MAP_PX`), in plotly's geometry
(:data:`PAGE`: natural earth turned to the middle of the view's longitudes, the view's frame with great-circle edges
fitted to the plot area, the view's centre in its middle, as plotly.js's ``geo`` subplot does; checked against
plotly.js in the browser tests), and the map images (:data:`IMAGE`: the images' own projection and frame,
``look.MAP_PROJECTION``, at the same size; the type then grows or shrinks with the image's map). A world map is
projected alike by both: its image takes the page's very positions; a continent's image is not turned to the
continent's middle as plotly turns the page's map, so it gets the positions that fit its own projection. The page's
map (``figures/labels.py``: a ``scattergeo`` text layer with ``meta="labels"``, added by ``figures/map.py`` in
presentation mode) and the image (``exports/images/labels.py``) each draw them. A module of its own, below both: the
images are never drawn from the figures' modules (tests/unit/test_architecture.py).

The rules (:func:`place_labels`), largest counts first:

* a country roomy enough at this scale gets its count on its label point, or nudged a little off it (these first,
  so that no other number takes a large country's own place);
* a small country (too small for its number, or a marker on the map), or one whose place is taken, gets its count
  beside it, at the end of a short leader line, where it meets no other number, marker or line;
* a country whose number finds no such place is listed in a compact box, "Also: Switzerland 12, Belgium 5, ...",
  at the bottom left of the map (its room is kept free of labels);
* two labels never overlap (a gap of :data:`GAP_PX` pixels), nor meet the plotly legend at the top left.

Only the countries whose label point lies in the map's frame are labelled or listed (a continent view does not name
the countries it does not show), and those of the continent shown whose label point is off its map (Russia's, in
Siberia, on Europe's map): their number is written at the frame's edge nearest to it, on what the map shows of them.
Home is not labelled: it is drawn apart, and its count is in its hover.
"""

from __future__ import annotations

import functools
import html
import math
from dataclasses import dataclass

import numpy as np
from pyproj import Transformer

from . import i18n
from .look import CLASS_COLORS, INK, MAP_PROJECTION, class_colors, readable_on
from .views import MapModel

#: The presentation map's plot area on a 1920 x 1080 projector, in pixels, at its smallest: the page's width less its
#: margins and the card's; the height the title, the step's two lines of text (style.css keeps them), the key
#: figures with a detail of two lines and the map's note leave, less the bottom margin that plotly widens to 93 px for
#: the colour scale (figures/map.py): 568 px measured for the shipped story's first step, a little kept in hand. The
#: map's frame is fitted into it and centred. The labels stand at longitudes and latitudes: on a taller map (a step
#: whose figures take one line, a view off the story) they spread further apart, so placed here they stay apart.
PRESENT_MAP_PX = (1838.0, 552.0)
#: The labels' type, bold: larger than the page's presentation type (``FONT_SIZE + 5``), as large as a map of the
#: world leaves room for.
FONT_PX = 22.0
#: ... and on a continent, where there is more room.
ZOOMED_FONT_PX = 28.0
#: The "Also: ..." box's type.
ALSO_FONT_PX = 18.0
#: A letter of a label (bold digits) as a fraction of the type size; generous, so that a box holds its text in the
#: browser's fonts and in DejaVu Sans (the images').
CHAR_EM = 0.66
#: Space kept between two labels, and around a marker (a small country's, a site's: its radius and a little).
GAP_PX = 2.0
MARKER_PX = 8.0
#: Leader lengths tried, from the country's point to the label's centre, in label heights.
LEADER_STEPS = (1.7, 2.6, 3.6)
#: Directions tried for a leader, clockwise from east (screen y points down).
DIRECTIONS = (0, 180, -45, -135, 45, 135, -90, 90, -20, -160, 20, 160)
#: A country labelled on itself has at least this many times its label's area on the map.
ROOM = 1.2
#: The plotly legend of the presentation map, at the top left of its plot area (figures/map.py), in pixels.
LEGEND_PX = (620.0, 34.0)
#: The "Also" box: characters per line, lines shown (then "and N more").
ALSO_LINE_CHARS = 70
ALSO_LINES = 3

_SIN = {d: math.sin(math.radians(d)) for d in DIRECTIONS}
_COS = {d: math.cos(math.radians(d)) for d in DIRECTIONS}


@dataclass(frozen=True)
class Geometry:
    """How a medium draws the map: is the projection turned to the middle of the view's longitudes (plotly's
    ``geo``: its ``projection.rotation.lon`` defaults to the centre of ``lonaxis.range``), and are the frame's edges
    great circles (plotly.js's range box, a spherical polygon) or straight in longitude and latitude (the images'
    ``MapShapes.box``)."""

    name: str
    centred: bool
    geodesic: bool


PAGE = Geometry("page", centred=True, geodesic=True)
IMAGE = Geometry("image", centred=False, geodesic=False)


@functools.lru_cache(maxsize=16)
def _projection(lon_0: float = 0.0) -> Transformer:
    crs = MAP_PROJECTION if lon_0 == 0 else MAP_PROJECTION.replace("+proj=natearth", f"+proj=natearth +lon_0={lon_0}")
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def central_meridian(lon_range, geometry: Geometry) -> float:
    """The longitude at the middle of the map: the view's centre for plotly, 0 for the images."""
    return (lon_range[0] + lon_range[1]) / 2 if geometry.centred else 0.0


def _great_circle(a, b, points: int = 48) -> tuple[np.ndarray, np.ndarray]:
    """``points`` points along the great circle from ``a`` to ``b`` (lon, lat in degrees), as d3 draws an edge."""
    lon = np.radians([a[0], b[0]])
    lat = np.radians([a[1], b[1]])
    xyz = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)
    omega = math.acos(max(-1.0, min(1.0, float(xyz[0] @ xyz[1]))))
    t = np.linspace(0.0, 1.0, points)[:, None]
    if omega < 1e-9:
        inside = xyz[0] + t * (xyz[1] - xyz[0])
    else:
        inside = (np.sin((1 - t) * omega) * xyz[0] + np.sin(t * omega) * xyz[1]) / math.sin(omega)
    return np.degrees(np.arctan2(inside[:, 1], inside[:, 0])), np.degrees(np.arcsin(np.clip(inside[:, 2], -1, 1)))


def frame_box(lon_range, lat_range, geometry: Geometry = IMAGE) -> tuple[float, float, float, float]:
    """(x0, x1, y0, y1): the projected extent of the map's frame ``lon_range`` x ``lat_range``, drawn as ``geometry``
    draws it: for the images, its edges sampled as ``images.geometry.MapShapes.box`` samples them; for plotly, the
    range box of plotly.js (``makeRangeBox``: ten corners, the longitudes in quarters, joined by great circles)."""
    lon0, lon1 = lon_range
    lat0, lat1 = lat_range
    if geometry.geodesic:
        pad = 1e-3  # plotly.js's clipPad
        lon0, lon1, lat0, lat1 = lon0 + pad, lon1 - pad, lat0 + pad, lat1 - pad
        q = (lon1 - lon0) / 4
        corners = [(lon0, lat0), (lon0, lat1), (lon0 + q, lat1), (lon0 + 2 * q, lat1), (lon0 + 3 * q, lat1)]
        corners += [(lon1, lat1), (lon1, lat0), (lon1 - q, lat0), (lon1 - 2 * q, lat0), (lon1 - 3 * q, lat0)]
        corners.append((lon0, lat0))
        edges = [_great_circle(a, b) for a, b in zip(corners, corners[1:])]
        lon = np.concatenate([e[0] for e in edges])
        lat = np.concatenate([e[1] for e in edges])
        lon_0 = central_meridian(lon_range, geometry)
        lon = (lon - lon_0 + 180) % 360 - 180 + lon_0  # about the central meridian: its far side is at the map's edge
        at_edge = np.isclose(np.abs(lon - lon_0), 180, atol=2e-3)
        lon = np.where(at_edge, lon_0 + np.sign(lon - lon_0 + 1e-12) * 179.999, lon)
    else:
        lon = np.concatenate(
            [np.linspace(lon0, lon1, 60), np.full(30, lon1), np.linspace(lon1, lon0, 60), np.full(30, lon0)]
        )
        lat = np.concatenate(
            [np.full(60, lat0), np.linspace(lat0, lat1, 30), np.full(60, lat1), np.linspace(lat1, lat0, 30)]
        )
    x, y = _projection(central_meridian(lon_range, geometry)).transform(lon, lat)
    return float(np.min(x)), float(np.max(x)), float(np.min(y)), float(np.max(y))


@dataclass(frozen=True)
class Label:
    """One country's count on the map: its text, where it is written (the centre of its text), and its leader line
    (from the country's point to the edge of the text) when it is written beside the country.

    Positions are given three ways: pixels of the map's frame at :data:`PRESENT_MAP_PX` (``box``: x0, y0, x1, y1
    from its top left), projected metres of the geometry placed for (``x``, ``y``; the images draw in these) and
    degrees (``lon``, ``lat``; plotly's)."""

    iso3: str
    value: int
    text: str
    klass: int
    box: tuple[float, float, float, float]
    x: float
    y: float
    lon: float
    lat: float
    leader: tuple[tuple[float, float], tuple[float, float]] | None = None  # (lon, lat) from the country to the text
    leader_xy: tuple[tuple[float, float], tuple[float, float]] | None = None  # the same in projected metres
    moved: bool = False  # not on the country's own point (nudged, or at the end of a leader)


@dataclass(frozen=True)
class Placement:
    """The labels of one map: those written on it, the countries listed in the "Also" box instead, largest first,
    and the geometry they were placed in (pixels per projected metre, the frame in metres, the Also box's room)."""

    labels: tuple[Label, ...]
    listed: tuple[tuple[str, int], ...]
    scale: float
    frame: tuple[float, float, float, float]
    canvas: tuple[float, float]  # the frame's size in pixels (within PRESENT_MAP_PX)
    also_box: tuple[float, float, float, float] | None  # the pixels kept free for the Also box, if any
    font_px: float = FONT_PX
    geometry: Geometry = PAGE
    lon_0: float = 0.0  # the projection's central meridian


def text_size(text: str, font_px: float = FONT_PX) -> tuple[float, float]:
    """(width, height) in pixels of a label's box."""
    return len(text) * CHAR_EM * font_px + 4.0, font_px * 1.2


def _overlaps(boxes: np.ndarray, box, gap: float = GAP_PX) -> bool:
    if not len(boxes):
        return False
    x0, y0, x1, y1 = box
    return bool(
        np.any(
            (boxes[:, 0] < x1 + gap) & (boxes[:, 2] > x0 - gap) & (boxes[:, 1] < y1 + gap) & (boxes[:, 3] > y0 - gap)
        )
    )


def _crosses(boxes: np.ndarray, start, end) -> bool:
    """Does the segment ``start`` -> ``end`` (pixels) pass through one of ``boxes``?"""
    if not len(boxes):
        return False
    t = np.linspace(0.0, 1.0, 12)[:, None]
    points = np.asarray(start) + t * (np.asarray(end) - np.asarray(start))
    px, py = points[:, 0][:, None], points[:, 1][:, None]
    inside = (px > boxes[:, 0]) & (px < boxes[:, 2]) & (py > boxes[:, 1]) & (py < boxes[:, 3])
    return bool(inside.any())


def _segments_cross(a, b, c, d) -> bool:
    """Do the segments a-b and c-d cross (touching ends aside)?"""

    def side(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2, d3, d4 = side(c, d, a), side(c, d, b), side(a, b, c), side(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def _edge_point(box, toward) -> tuple[float, float]:
    """Where the line from ``toward`` to the centre of ``box`` meets the box's edge (a leader ends there)."""
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(
        (x1 - x0) / 2 / abs(dx) if dx else math.inf,
        (y1 - y0) / 2 / abs(dy) if dy else math.inf,
    )
    return cx + dx * scale, cy + dy * scale


def also_lines(listed, model: MapModel, lang: str, *, escape: bool = False) -> list[str]:
    """The "Also: Switzerland 12, Belgium 5, ..." box's lines: at most :data:`ALSO_LINES` of about
    :data:`ALSO_LINE_CHARS` characters, then "and N more". ``escape``: names as plotly text (``<``, ``&`` escaped)."""
    if not listed:
        return []
    names = model.countries["name"]
    items = [
        f"{i18n.country_name(iso, lang, fallback=names.get(iso))} {i18n.number(value, lang)}" for iso, value in listed
    ]
    if escape:
        items = [html.escape(item, quote=False) for item in items]
    lines, line = [], i18n.t("labels_also", lang)
    shown = 0
    for n, item in enumerate(items):
        piece = item + ("," if n < len(items) - 1 else "")
        if len(line) + 1 + len(piece) > ALSO_LINE_CHARS and line:
            lines.append(line)
            line = ""
            if len(lines) == ALSO_LINES:
                break
        line = f"{line} {piece}".strip()
        shown = n + 1
    if line and len(lines) < ALSO_LINES:
        lines.append(line)
    if shown < len(items):
        lines[-1] = lines[-1].rstrip(",") + " " + i18n.t("and_more", lang, n=len(items) - shown)
    return lines


def _also_room(lines: list[str], canvas: tuple[float, float]) -> tuple[float, float, float, float] | None:
    """The pixels the Also box takes at the bottom left of the frame (a little more than its text)."""
    if not lines:
        return None
    width = max(len(line) for line in lines) * 0.56 * ALSO_FONT_PX + 20
    height = len(lines) * ALSO_FONT_PX * 1.3 + 16
    _, h = canvas
    return (0.0, h - height, width, h)


def place_labels(
    model: MapModel, lang: str = i18n.DEFAULT_LANG, geometry: Geometry = PAGE, size=PRESENT_MAP_PX
) -> Placement:
    """Where each coloured country's count is written on ``model``'s map drawn by ``geometry`` at ``size`` pixels
    (see the module)."""
    lon_0 = central_meridian(model.lon_range, geometry)
    project = _projection(lon_0)
    x0, x1, y0, y1 = frame_box(model.lon_range, model.lat_range, geometry)
    width, height = size
    scale = min(width / (x1 - x0), height / (y1 - y0))
    if geometry.centred:
        # plotly.js fits its range box (the scale), then puts the view's centre in the middle of it
        x_c, y_c = project.transform(lon_0, (model.lat_range[0] + model.lat_range[1]) / 2)
        half_w, half_h = (x1 - x0) / 2, (y1 - y0) / 2
        x0, x1, y0, y1 = x_c - half_w, x_c + half_w, y_c - half_h, y_c + half_h
    canvas = ((x1 - x0) * scale, (y1 - y0) * scale)
    blank = ((width - canvas[0]) / 2, (height - canvas[1]) / 2)  # plotly centres the frame in the plot area
    legend = (-blank[0], -blank[1], LEGEND_PX[0] - blank[0], LEGEND_PX[1] - blank[1])

    values = model.values
    countries = model.countries
    known = values.index[values.index.isin(countries.index)]
    points = countries.loc[known, ["lon", "lat", "area_km2", "small", "continent"]]
    points = points[points["lon"].notna() & points["lat"].notna()]
    px_x, px_y = project.transform(points["lon"].to_numpy(float), points["lat"].to_numpy(float))
    px = (np.asarray(px_x) - x0) * scale
    py = (y1 - np.asarray(px_y)) * scale
    inside = (px >= 0) & (px <= canvas[0]) & (py >= 0) & (py <= canvas[1])
    # A country of the continent shown whose label point is off the map (Russia's is in Siberia, off Europe's map)
    # is labelled on what the map shows of it: its point brought inside the frame's edge, where it still is.
    edge = ~inside & ~points["small"].to_numpy(bool) & points["continent"].isin(model.continents).to_numpy()
    inset = 1.6 * (ZOOMED_FONT_PX if model.continents else FONT_PX)
    px = np.where(edge, np.clip(px, inset, canvas[0] - inset), px)
    py = np.where(edge, np.clip(py, inset, canvas[1] - inset), py)
    inside |= edge
    frame = points[inside].assign(px=px[inside], py=py[inside])
    frame = frame.assign(value=values.loc[frame.index, "value"].astype(int), klass=values.loc[frame.index, "klass"])
    frame = frame.assign(rank=~frame["small"]).sort_values(["value", "rank"], ascending=[False, False], kind="stable")
    small = frame[frame["small"]]
    markers = [(iso, x, y) for iso, x, y in zip(small.index, small["px"], small["py"])]
    if model.sites:  # the infrastructure sites' diamonds: no number is written over one
        sx, sy = project.transform([s.lon for s in model.sites], [s.lat for s in model.sites])
        markers += [("", (x - x0) * scale, (y1 - y) * scale) for x, y in zip(np.atleast_1d(sx), np.atleast_1d(sy))]

    font_px = ZOOMED_FONT_PX if model.continents else FONT_PX
    also = None
    for _ in range(6):  # the Also box's room grows with what it lists: place again until it holds still
        labels, listed = _place(frame, markers, legend, also, canvas, scale, lang, (x0, y1), font_px, project)
        wanted = _also_room(also_lines(listed, model, lang), canvas)
        if wanted is None or (also is not None and wanted[1] >= also[1] and wanted[2] <= also[2]):
            break
        also = wanted if also is None else (0.0, min(also[1], wanted[1]), max(also[2], wanted[2]), canvas[1])
    return Placement(tuple(labels), tuple(listed), scale, (x0, x1, y0, y1), canvas, also, font_px, geometry, lon_0)


def _place(frame, markers, legend, also, canvas, scale, lang, origin, font_px, inverse):
    """One pass of :func:`place_labels` with the Also box's room ``also`` kept free."""
    x0, y1 = origin
    boxes = np.empty((0, 4))
    obstacles = [legend] + ([also] if also else [])
    blocked = np.array(obstacles, dtype=float)
    leaders: list[tuple[tuple[float, float], tuple[float, float]]] = []
    labels, listed = [], []
    pixel_area = 1e6 * scale * scale  # pixels of one km² at this scale (natural earth is nearly equal-area)

    all_markers = np.array([(x - MARKER_PX, y - MARKER_PX, x + MARKER_PX, y + MARKER_PX) for _, x, y in markers])
    all_markers = all_markers.reshape(-1, 4)
    owners = np.array([owner for owner, _, _ in markers], dtype=object)

    def marker_boxes(iso: str) -> np.ndarray:  # every marker but the country's own
        return all_markers[owners != iso] if len(owners) else all_markers

    def free(box, iso: str) -> bool:
        bx0, by0, bx1, by1 = box
        if bx0 < 0 or by0 < 0 or bx1 > canvas[0] or by1 > canvas[1]:
            return False
        if _overlaps(boxes, box) or _overlaps(blocked, box, 0.0) or _overlaps(marker_boxes(iso), box, 0.0):
            return False
        return not any(_crosses(np.array([box]), a, b) for a, b in leaders)

    def at(centre, w, h):
        return (centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2)

    def to_map(point):
        x = x0 + point[0] / scale
        y = y1 - point[1] / scale
        lon, lat = inverse.transform(x, y, direction="INVERSE")
        return (x, y), (float(lon), float(lat))

    def label(iso, row, text, chosen, leader) -> Label:
        nonlocal boxes
        boxes = np.vstack([boxes, chosen])
        centre = ((chosen[0] + chosen[2]) / 2, (chosen[1] + chosen[3]) / 2)
        (x, y), (lon, lat) = to_map(centre)
        leader_lonlat = leader_xy = None
        if leader is not None:
            leaders.append(leader)
            start, end = to_map(leader[0]), to_map(leader[1])
            leader_xy, leader_lonlat = (start[0], end[0]), (start[1], end[1])
        return Label(
            iso3=str(iso),
            value=int(row["value"]),
            text=text,
            klass=int(row["klass"]),
            box=tuple(float(v) for v in chosen),
            x=x,
            y=y,
            lon=lon,
            lat=lat,
            leader=leader_lonlat,
            leader_xy=leader_xy,
            moved=centre != (float(row["px"]), float(row["py"])),
        )

    placed: dict[str, Label] = {}
    texts = {iso: i18n.number(int(value), lang) for iso, value in zip(frame.index, frame["value"])}
    # First the countries with room for their number: on their own point, or nudged a little, largest first; so
    # that no small country's number, written beside it, takes a large country's own place.
    for iso, row in frame.iterrows():
        w, h = text_size(texts[iso], font_px)
        if row["small"] or float(row["area_km2"] or 0) * pixel_area < ROOM * w * h:
            continue
        anchor = (float(row["px"]), float(row["py"]))
        for dx, dy in ((0, 0), (0, -0.6 * h), (0, 0.6 * h), (-0.35 * w, 0), (0.35 * w, 0)):
            box = at((anchor[0] + dx, anchor[1] + dy), w, h)
            if free(box, iso):
                placed[iso] = label(iso, row, texts[iso], box, None)
                break
    # Then the others beside their country, at the end of a leader, largest first; or in the Also box.
    for iso, row in frame.iterrows():
        if iso in placed:
            continue
        w, h = text_size(texts[iso], font_px)
        anchor = (float(row["px"]), float(row["py"]))
        found = None
        for step in LEADER_STEPS:
            for direction in DIRECTIONS:
                distance = step * h + (w / 2) * abs(_COS[direction])
                centre = (anchor[0] + distance * _COS[direction], anchor[1] + distance * _SIN[direction])
                box = at(centre, w, h)
                if not free(box, iso):
                    continue
                end = _edge_point(box, anchor)
                if _crosses(boxes, anchor, end) or _crosses(blocked, anchor, end):
                    continue
                if any(_segments_cross(anchor, end, a, b) for a, b in leaders):
                    continue
                found = (box, (anchor, end))
                break
            if found is not None:
                break
        if found is None:
            listed.append((iso, int(row["value"])))
        else:
            placed[iso] = label(iso, row, texts[iso], *found)
    labels = [placed[iso] for iso in frame.index if iso in placed]  # largest first
    return labels, listed


# -- Colours -----------------------------------------------------------------------------------------------


def label_color(label: Label, classes: int) -> tuple[str, str]:
    """(text colour, halo colour) of ``label``: on its own country, whichever of ink and white reads better on the
    country's blue; moved off it, ink on a white halo."""
    if label.moved:
        return INK, "#ffffff"
    fill = class_colors(classes)[label.klass] if classes else CLASS_COLORS[0]
    text = readable_on(fill)
    return text, INK if text == "#ffffff" else "#ffffff"
