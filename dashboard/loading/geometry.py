"""The country geometry (a plotly-format world TopoJSON) and the table of countries drawn from it.

The geometry is the very file the page's map draws: a country code of the tables is known when the map has
it, and a site is checked against the country polygons it states (``rules.check_sites``).
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import geopandas as gpd
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
    frame["geometry"] = shapely.make_valid(frame.geometry.values)
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
