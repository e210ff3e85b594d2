"""A picture of a view's map for the page's first HTML, shown before plotly.js has drawn the map (``firstframe``).

An SVG drawn from the view model (``views.MapModel``: every country in its class's colour, home, no collaboration,
the markers, the selection outlined) on the countries the images draw (``exports.images.map_shapes``: the page's
geometry split at the antimeridian, in plotly's "natural earth" projection), thinned once per geometry file for the
size of the map on a screen (Douglas-Peucker at :data:`TOLERANCE_M`), its coordinates whole multiples of
:data:`UNIT_M`, written relative to the previous point. It is framed as plotly frames the
map (the projected outline of the view's longitudes and latitudes, fitted and centred in the map's box, clipped
to that outline), so that the interactive map takes its place without a jump. About 24 kB gzipped for the world.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import shapely

from ..exports.images import frame_outline, map_shapes
from ..look import (
    HOME_COLOR,
    INK,
    NO_DATA_COLOR,
    OCEAN_COLOR,
    SELECTED_LINE,
    SELECTED_WIDTH,
    SITE_COLOR,
    class_colors,
)
from ..views import MapModel

#: The picture's unit, in metres of the projection: a 36,000 km wide world is 3,600 units (a third of a pixel on a
#: 1,200 px map).
UNIT_M = 10_000
#: The outlines simplified to this (metres): under a pixel of the world on a 1,200 px map.
TOLERANCE_M = 20_000
#: The markers' radius, in pixels of a map :data:`WIDTH_PX` wide (plotly draws them 10-11 px across, whatever the
#: zoom): the picture scales them with the map.
MARKER_PX = 5.5
WIDTH_PX = 970


@functools.lru_cache(maxsize=2)
def _outlines(geometry_file: str, mtime: float) -> dict[str, str]:
    """ISO3 -> the country's outline as SVG path data, in units (y downwards), thinned."""
    shapes = map_shapes(Path(geometry_file))
    out = {}
    for iso, path in shapes.paths.items():
        d = []
        for ring in path.to_polygons(closed_only=False):
            if len(ring) < 4:
                continue
            simple = np.asarray(shapely.simplify(shapely.LinearRing(ring), TOLERANCE_M).coords)
            points = np.rint(simple / UNIT_M).astype(np.int64)
            points = points[np.r_[True, np.any(points[1:] != points[:-1], axis=1)]]  # no point twice in a row
            if len(points) < 4:
                continue
            points[:, 1] = -points[:, 1]
            steps = np.diff(points, axis=0)
            d.append(f"M{points[0, 0]} {points[0, 1]}l" + " ".join(f"{x} {y}" for x, y in steps) + "z")
        if d:
            out[iso] = "".join(d).replace(" -", "-")
    return out


def outlines(geometry_file) -> dict[str, str]:
    """The thinned outlines of ``geometry_file``'s countries (computed once per version of the file)."""
    path = Path(geometry_file)
    return _outlines(str(path), path.stat().st_mtime)


def map_preview(model: MapModel, geometry_file, selection: tuple[str, ...] = ()) -> str:
    """The SVG of ``model``'s map: its countries by colour, markers, the ``selection`` outlined."""
    shapes = map_shapes(Path(geometry_file))
    paths = outlines(geometry_file)
    colours = class_colors(len(model.breaks))
    fill = dict.fromkeys(model.no_data, NO_DATA_COLOR)
    fill.update(zip(model.values.index, [colours[k] for k in model.values["klass"]]))
    if model.home is not None:
        fill[model.home] = HOME_COLOR
    by_colour: dict[str, list[str]] = {}
    for iso, colour in fill.items():
        if iso in paths:
            by_colour.setdefault(colour, []).append(paths[iso])
    frame = _frame(shapes, model.lon_range, model.lat_range)
    x0, y0 = frame.min(axis=0)
    x1, y1 = frame.max(axis=0)
    outline = f"M{frame[0, 0]} {frame[0, 1]}" + "".join(f"L{x} {y}" for x, y in frame[1:]) + "Z"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0} {y0} {x1 - x0} {y1 - y0}" '
        'preserveAspectRatio="xMidYMid meet">',
        f'<defs><clipPath id="map-preview-frame"><path d="{outline}"/></clipPath></defs>',
        f'<g clip-path="url(#map-preview-frame)"><path d="{outline}" fill="{OCEAN_COLOR}"/>',
        '<g stroke="#ffffff" stroke-width="0.5" stroke-linejoin="round">',
    ]
    for colour, ds in by_colour.items():
        parts.append(
            f'<path fill="{colour}" fill-rule="evenodd" vector-effect="non-scaling-stroke" d="{"".join(ds)}"/>'
        )
    parts.append("</g>")
    chosen = [paths[iso] for iso in selection if iso in paths]
    if chosen:
        parts.append(
            f'<path fill="none" stroke="{SELECTED_LINE}" stroke-width="{SELECTED_WIDTH}" stroke-linejoin="round" '
            f'vector-effect="non-scaling-stroke" fill-rule="evenodd" d="{"".join(chosen)}"/>'
        )
    r = (x1 - x0) / WIDTH_PX * MARKER_PX
    if model.small and len(model.values):
        klass = model.values["klass"]
        points = model.countries.loc[list(model.small)]
        xy = _points(shapes, points["lon"].to_numpy(dtype=float), points["lat"].to_numpy(dtype=float))
        parts += [
            f'<circle cx="{x}" cy="{y}" r="{r:.0f}" fill="{colours[klass[iso]]}" stroke="{INK}" '
            'vector-effect="non-scaling-stroke"/>'
            for iso, (x, y) in zip(model.small, xy)
        ]
    if model.sites:
        xy = _points(shapes, np.array([s.lon for s in model.sites]), np.array([s.lat for s in model.sites]))
        parts += [
            f'<path d="M{x} {y - r:.0f}l{r:.0f} {r:.0f}-{r:.0f} {r:.0f}-{r:.0f}-{r:.0f}z" fill="{SITE_COLOR}" '
            'stroke="#ffffff" vector-effect="non-scaling-stroke"/>'
            for x, y in xy
        ]
    parts.append("</g></svg>")
    return "".join(parts)


def _frame(shapes, lon_range, lat_range) -> np.ndarray:
    """The outline of the longitudes and latitudes the map shows, projected, in units (y downwards)."""
    return _points(shapes, *frame_outline(lon_range, lat_range))


def _points(shapes, lon, lat) -> np.ndarray:
    x, y = shapes.to_map.transform(lon, lat)
    return np.column_stack([np.rint(np.asarray(x) / UNIT_M), np.rint(-np.asarray(y) / UNIT_M)]).astype(np.int64)
