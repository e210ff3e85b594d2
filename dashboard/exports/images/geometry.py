"""The countries as matplotlib paths in the page map's projection: the geometry the data validation read
(``loading.load_geometry``, read once and cached, split at the antimeridian there), projected once per file version."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.path import Path as MplPath
from pyproj import Geod, Transformer

from ... import loading
from ...look import MAP_PROJECTION

#: Map projection of the page (plotly's "natural earth").
PROJECTION = MAP_PROJECTION
#: Geometry simplification, in metres: under a pixel of a continent drawn 1920 px wide.
SIMPLIFY_M = 2000
#: Points along a link's great circle: one every ~100 km, at least 2 (plotly's geo lines follow great circles too).
ARC_STEP_M, ARC_MAX_POINTS = 100_000, 200
_GEOD = Geod(ellps="WGS84")


def frame_outline(lon_range, lat_range) -> tuple[np.ndarray, np.ndarray]:
    """The outline of the longitudes ``lon_range`` x latitudes ``lat_range`` as (lon, lat) points, its edges along
    the parallels finely cut (they are curves once projected)."""
    lon0, lon1 = lon_range
    lat0, lat1 = lat_range
    lon = np.concatenate(
        [np.linspace(lon0, lon1, 60), np.full(30, lon1), np.linspace(lon1, lon0, 60), np.full(30, lon0)]
    )
    lat = np.concatenate(
        [np.full(60, lat0), np.linspace(lat0, lat1, 30), np.full(60, lat1), np.linspace(lat1, lat0, 30)]
    )
    return lon, lat


@dataclass(frozen=True)
class MapShapes:
    """The countries as matplotlib paths in the map's projection, and the projection itself."""

    paths: dict  # ISO3 -> matplotlib Path
    sphere: MplPath  # the outline of the globe (the ocean)
    to_map: Transformer  # lon/lat -> projected metres

    def box(self, lon_range, lat_range) -> tuple[float, float, float, float]:
        """(x0, x1, y0, y1): the projected extent of the longitudes and latitudes ``lon_range`` x ``lat_range``."""
        x, y = self.to_map.transform(*frame_outline(lon_range, lat_range))
        return x.min(), x.max(), y.min(), y.max()


def map_shapes(geometry_file: Path) -> MapShapes:
    """The projected countries of ``geometry_file`` (split and projected once per version of the file).

    The file is the one the page's map draws (``/geo/world_50m.json``), as the data validation read it.
    """
    geometry_file = Path(geometry_file)
    return _map_shapes(str(geometry_file), geometry_file.stat().st_mtime)


@functools.lru_cache(maxsize=2)
def _map_shapes(path: str, mtime: float) -> MapShapes:
    frame = loading.load_geometry(Path(path))
    countries = gpd.GeoSeries(frame.geometry, index=frame.index, crs="EPSG:4326")  # split at longitude 180 already
    projected = countries.to_crs(PROJECTION).simplify(SIMPLIFY_M, preserve_topology=True)
    paths = {iso: p for iso, p in ((iso, _ring_path(g)) for iso, g in projected.items()) if p is not None}
    to_map = Transformer.from_crs("EPSG:4326", PROJECTION, always_xy=True)
    lon = np.concatenate(
        [np.full(91, -180.0), np.linspace(-180, 180, 181), np.full(91, 180.0), np.linspace(180, -180, 181)]
    )
    lat = np.concatenate([np.linspace(-90, 90, 91), np.full(181, 90.0), np.linspace(90, -90, 91), np.full(181, -90.0)])
    sphere = MplPath(np.column_stack(to_map.transform(lon, lat)), closed=True)
    return MapShapes(paths=paths, sphere=sphere, to_map=to_map)


def _ring_path(geometry) -> MplPath | None:
    vertices, codes = [], []
    for part in shapely.get_parts(geometry):
        if part.geom_type in ("MultiPolygon", "GeometryCollection"):
            sub = _ring_path(part)
            if sub is not None:
                vertices.append(sub.vertices)
                codes.append(sub.codes)
            continue
        if part.geom_type != "Polygon" or part.is_empty:
            continue  # make_valid can leave slivers as lines or points
        for ring in (part.exterior, *part.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            if len(xy) < 3:
                continue
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=np.uint8)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    if not vertices:
        return None
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def great_circle(lon0: float, lat0: float, lon1: float, lat1: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """The great circle from (lon0, lat0) to (lon1, lat1) as lon/lat points, in pieces split at the antimeridian
    (a piece never jumps across the map)."""
    _, _, distance = _GEOD.inv(lon0, lat0, lon1, lat1)
    n = int(min(ARC_MAX_POINTS, max(0, distance // ARC_STEP_M)))
    inner = np.array(_GEOD.npts(lon0, lat0, lon1, lat1, n)) if n else np.zeros((0, 2))
    lon = np.concatenate([[lon0], inner[:, 0] if n else [], [lon1]])
    lat = np.concatenate([[lat0], inner[:, 1] if n else [], [lat1]])
    cuts = np.flatnonzero(np.abs(np.diff(lon)) > 180) + 1
    return [(a, b) for a, b in zip(np.split(lon, cuts), np.split(lat, cuts)) if len(a) > 1]
