"""The countries as matplotlib paths in the page map's projection: the geometry file the page's map draws, read,
split at the antimeridian and projected once per file version."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
import shapely.affinity
from matplotlib.path import Path as MplPath
from pyproj import Transformer

#: Map projection of the page (plotly's "natural earth").
PROJECTION = "+proj=natearth +datum=WGS84 +units=m +no_defs"
#: Geometry simplification, in metres: under a pixel of a continent drawn 1920 px wide.
SIMPLIFY_M = 2000


@dataclass(frozen=True)
class MapShapes:
    """The countries as matplotlib paths in the map's projection, and the projection itself."""

    paths: dict  # ISO3 -> matplotlib Path
    sphere: MplPath  # the outline of the globe (the ocean)
    to_map: Transformer  # lon/lat -> projected metres

    def box(self, lon_range, lat_range) -> tuple[float, float, float, float]:
        """(x0, x1, y0, y1): the projected extent of the longitudes and latitudes ``lon_range`` x ``lat_range``."""
        lon0, lon1 = lon_range
        lat0, lat1 = lat_range
        lon = np.concatenate(
            [np.linspace(lon0, lon1, 60), np.full(30, lon1), np.linspace(lon1, lon0, 60), np.full(30, lon0)]
        )
        lat = np.concatenate(
            [np.full(60, lat0), np.linspace(lat0, lat1, 30), np.full(60, lat1), np.linspace(lat1, lat0, 30)]
        )
        x, y = self.to_map.transform(lon, lat)
        return x.min(), x.max(), y.min(), y.max()


def map_shapes(geometry_file: Path) -> MapShapes:
    """The projected countries of ``geometry_file`` (split and projected once per version of the file).

    The file is the one the page's map draws (``/geo/world_50m.json``; the data validation has read it).
    """
    geometry_file = Path(geometry_file)
    return _map_shapes(str(geometry_file), geometry_file.stat().st_mtime)


@functools.lru_cache(maxsize=2)
def _map_shapes(path: str, mtime: float) -> MapShapes:
    frame = gpd.read_file(path, layer="countries").dropna(subset=["id"]).set_index("id")
    countries = gpd.GeoSeries([_split_antimeridian(g) for g in frame.geometry], index=frame.index, crs="EPSG:4326")
    projected = countries.to_crs(PROJECTION).simplify(SIMPLIFY_M, preserve_topology=True)
    paths = {iso: p for iso, p in ((iso, _ring_path(g)) for iso, g in projected.items()) if p is not None}
    to_map = Transformer.from_crs("EPSG:4326", PROJECTION, always_xy=True)
    lon = np.concatenate(
        [np.full(91, -180.0), np.linspace(-180, 180, 181), np.full(91, 180.0), np.linspace(180, -180, 181)]
    )
    lat = np.concatenate([np.linspace(-90, 90, 91), np.full(181, 90.0), np.linspace(90, -90, 91), np.full(181, -90.0)])
    sphere = MplPath(np.column_stack(to_map.transform(lon, lat)), closed=True)
    return MapShapes(paths=paths, sphere=sphere, to_map=to_map)


# -- The antimeridian --------------------------------------------------------------------------------------


def _unwrap_ring(xy: np.ndarray) -> np.ndarray:
    """A ring that crosses the antimeridian, made continuous: its western longitudes shifted by 360°."""
    xy = xy.copy()
    xy[xy[:, 0] < 0, 0] += 360
    return xy


def _close_round_pole(xy: np.ndarray) -> np.ndarray:
    """A ring that goes once round a pole (Antarctica) jumps from +180 to -180: close it along the pole."""
    i = int(np.flatnonzero(np.abs(np.diff(xy[:, 0])) > 180)[0])
    pole = -90.0 if xy[:, 1].mean() < 0 else 90.0
    edge = [[xy[i, 0], pole], [xy[i + 1, 0], pole]]
    return np.concatenate([xy[: i + 1], edge, xy[i + 1 :]])


def _split_antimeridian(geometry):
    """Polygons that cross longitude 180 split in two, as a map projection needs them.

    The plotly-format TopoJSON, read by GDAL, gives Russia, Fiji and Antarctica rings that jump from +180 to
    -180 and back; projected as they are, they draw bands across the whole map.
    """
    pieces = []
    for polygon in shapely.get_parts(geometry):
        if polygon.geom_type != "Polygon":
            continue
        rings = [np.asarray(r.coords)[:, :2] for r in (polygon.exterior, *polygon.interiors)]
        jumps = int((np.abs(np.diff(rings[0][:, 0])) > 180).sum())
        if jumps == 0:
            pieces.append(polygon)
        elif jumps % 2:
            pieces.append(shapely.Polygon(_close_round_pole(rings[0])))
        else:
            whole = shapely.make_valid(shapely.Polygon(_unwrap_ring(rings[0]), [_unwrap_ring(r) for r in rings[1:]]))
            pieces.append(shapely.intersection(whole, shapely.box(-180, -90, 180, 90)))
            pieces.append(shapely.affinity.translate(shapely.intersection(whole, shapely.box(180, -90, 540, 90)), -360))
    return shapely.GeometryCollection([shapely.make_valid(p) for p in pieces]) if pieces else geometry


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
