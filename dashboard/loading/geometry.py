"""The country geometry (a plotly-format world TopoJSON) and the table of countries drawn from it.

The geometry is the very file the page's map draws: a country code of the tables is known when the map has
it, and a site is checked against the country polygons it states (``rules.check_sites``).
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..countries import country_converter
from .problems import DataError, Problem

#: A site may lie this far outside the country its row states (coasts, offshore detectors, the coarse
#: 1:50m coastline). KM3NeT/ARCA sits about 80 km off Sicily.
COAST_TOLERANCE_KM = 150.0

#: Countries smaller than this get a clickable marker on the map as well as their polygon.
SMALL_COUNTRY_KM2 = 50_000


def _label_point(ct) -> tuple[float | None, float | None]:
    """(lon, lat) of a country's 'ct' property (numpy array, list or tuple), or (None, None) if unusable."""
    if isinstance(ct, (str, bytes)) or not hasattr(ct, "__len__") or len(ct) < 2:
        return None, None
    try:
        lon, lat = float(ct[0]), float(ct[1])
    except (TypeError, ValueError):
        return None, None
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None, None
    return lon, lat


@functools.lru_cache(maxsize=4)
def _read_geometry(path: str, mtime: float) -> gpd.GeoDataFrame:
    frame = gpd.read_file(path, layer="countries")
    frame = frame.rename(columns={"id": "iso3"}).dropna(subset=["iso3"])
    frame = frame.set_crs("EPSG:4326", allow_override=True)
    # make_valid reads the edges that cross longitude 180 (Russia, Fiji, Antarctica) as edges across the whole map:
    # split back, each country keeps its shape and its area (Russia 17.1 million km², Fiji 18,300 km²).
    frame["geometry"] = [split_antimeridian(g) for g in shapely.make_valid(frame.geometry.values)]
    # The TopoJSON carries plotly's label point ('ct', lon/lat) for each country; pyogrio reads it as a numpy
    # array (a list when read otherwise). A missing or unusable one is None: build_countries falls back.
    points = [_label_point(ct) for ct in frame["ct"]]
    frame["label_lon"] = [p[0] for p in points]
    frame["label_lat"] = [p[1] for p in points]
    frame = frame.drop(columns=["ct"]).set_index("iso3")
    if not frame.index.is_unique:
        raise ValueError("a country id appears twice in the geometry")
    return frame


def load_geometry(path: Path) -> gpd.GeoDataFrame:
    """Country polygons indexed by ISO 3166 alpha-3 code, from a plotly-format world TopoJSON.

    Raises DataError when the file is missing or unreadable.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    "the country geometry file does not exist; run scripts/update_geometry.sh or set IN2P3_GEOMETRY",
                )
            ]
        )
    try:
        return _read_geometry(str(path), path.stat().st_mtime)
    except Exception as exc:  # pyogrio raises several types for a damaged file
        raise DataError(
            [Problem(str(path), None, None, f"cannot be read as TopoJSON with a 'countries' layer ({exc})")]
        ) from None


def build_countries(geometry: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per country of the geometry: name and continent (country_converter), label point, area."""
    converter = country_converter()
    table = converter.data.set_index("ISO3")
    iso3 = list(geometry.index)
    names = [table.at[c, "name_short"] if c in table.index else c for c in iso3]
    continents = [table.at[c, "Continent_7"] if c in table.index else "" for c in iso3]
    area = geometry.geometry.to_crs("EPSG:6933").area / 1e6  # equal-area projection, km²
    rep = geometry.geometry.representative_point()
    frame = pd.DataFrame(
        {
            "name": names,
            "continent": continents,
            "lon": geometry["label_lon"].fillna(pd.Series(rep.x, index=geometry.index)),
            "lat": geometry["label_lat"].fillna(pd.Series(rep.y, index=geometry.index)),
            "area_km2": area.round(0),
        },
        index=pd.Index(iso3, name="iso3"),
    )
    frame["small"] = frame["area_km2"] < SMALL_COUNTRY_KM2
    return frame.sort_index()


# -- The antimeridian --------------------------------------------------------------------------------------


def _rings(geometry) -> list[np.ndarray]:
    """Every ring (exterior and holes) of the polygons in ``geometry``, as (lon, lat) arrays."""
    rings = []
    for part in shapely.get_parts(geometry):
        if part.geom_type in ("MultiPolygon", "GeometryCollection"):
            rings += _rings(part)
        elif part.geom_type == "Polygon" and not part.is_empty:
            rings += [np.asarray(ring.coords)[:, :2] for ring in (part.exterior, *part.interiors)]
    return rings


def _crossings(geometry) -> list[np.ndarray]:
    """The edges of ``geometry`` that cross the antimeridian, each as its points from west to east, from longitude
    -180 to +180.

    In the TopoJSON such an edge runs from a point at exactly ±180° to a point just past it on the other side;
    read as a plane, it spans the whole map. The validation's ``make_valid`` cut it where it meets the country's
    other edges, but its pieces stay edges of the geometry, on one straight line: each point at ±180° is tried
    with its two neighbours' directions, and a crossing is a direction that meets a point of the geometry within a
    degree of the other side. Its points are every point of the geometry on that line (its pieces' ends), so that
    it follows the geometry's own edges exactly.
    """
    rings = _rings(geometry)
    if not rings:
        return []
    vertices = np.unique(np.concatenate(rings), axis=0)
    lines = {}
    for ring in rings:
        for i in np.flatnonzero(np.abs(ring[:-1, 0]) == 180):
            cut = ring[i]
            side = np.sign(cut[0])
            for j in ((i - 1) % (len(ring) - 1), i + 1):
                dx = ring[j, 0] - cut[0]
                if dx == 0 or np.sign(dx) != -side:
                    continue
                slope = (ring[j, 1] - cut[1]) / dx
                on_line = vertices[np.abs(cut[1] + slope * (vertices[:, 0] - cut[0]) - vertices[:, 1]) < 1e-9]
                if not np.any(-side * on_line[:, 0] > 179):  # the line meets nothing on the other side
                    continue
                ends = np.array([[-180, cut[1] + slope * (-180 - cut[0])], [180, cut[1] + slope * (180 - cut[0])]])
                points = np.concatenate([on_line, ends])
                points = points[np.argsort(points[:, 0], kind="stable")]
                lines[tuple(ends[:, 1].round(9))] = points
    return [lines[key] for key in sorted(lines)]


def split_antimeridian(geometry):
    """``geometry`` (lon/lat, as ``make_valid`` left it) with its polygons that cross longitude 180 split in two, as
    a map projection needs them (Russia, Fiji, and Antarctica around the pole).

    Read as a plane, a ring that crosses the antimeridian has edges across the whole map, and ``make_valid`` kept
    every region that an odd number of edges encloses: the right one everywhere but below a crossing edge, where
    that edge's long way round counted once too many. So the regions below each crossing edge (down to the
    south pole, across the map; two crossings of one ring make a band between them) are flipped back: what was
    taken away is given back, what was added is taken away. A country that crosses no edge is returned as it is.
    """
    crossings = _crossings(geometry)
    if not crossings:
        return geometry
    flip = shapely.Polygon()
    for line in crossings:
        below = shapely.Polygon([(-180, -90), *line, (180, -90)])
        flip = shapely.symmetric_difference(flip, below)
    return shapely.make_valid(shapely.symmetric_difference(geometry, flip))
