"""The rules between the tables of a data folder, one small function each.

Each ``check_...`` states its rule in its docstring's first line and returns the problems it finds, in row
order. :func:`check_tables` runs them all, in the order the report lists them: each table's own problems
come from reading it (:mod:`.tables`); these are the problems a table only shows beside the others and the
map (a country code the map does not have, a lab code that labs.csv does not list, a site off its country).
"""

from __future__ import annotations

import re
from datetime import date

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import Geod

from .. import schema
from ..countries import country_converter
from ..schema import Table
from .geometry import COAST_TOLERANCE_KM
from .places import check_cities
from .problems import Problem, suggest
from .tables import Tables

#: A start year further than this after the data date is taken for a typing error.
MAX_YEARS_AHEAD = 15

_GEOD = Geod(ellps="WGS84")
_ISO3 = re.compile(r"^[A-Z]{3}$")


def check_tables(tables: Tables, geometry: gpd.GeoDataFrame, countries: pd.DataFrame, data_date) -> list[Problem]:
    """Every rule between the tables (each read and typed), the map's countries and the data date."""
    known = countries.index
    problems = check_ids_across_collaborations(tables.instruments, tables.infrastructures)
    for frame, table in ((tables.instruments, schema.INSTRUMENTS), (tables.infrastructures, schema.INFRASTRUCTURES)):
        problems += check_country_codes(frame, table, "countries", known)
        problems += check_lab_codes(frame, table, set(tables.labs["code"].dropna()))
        problems += in_row_order(check_years_in_order(frame, table), check_start_years_near(frame, table, data_date))
    problems += check_country_codes(tables.partners, schema.PARTNERS, "country_iso3", known)
    problems += check_partner_countries(tables.partners)
    problems += check_country_codes(tables.labs, schema.LABS, "country_iso3", known)
    collaboration_ids = set(tables.instruments["id"].dropna()) | set(tables.infrastructures["id"].dropna())
    problems += in_row_order(
        check_participation_collaborations(tables.participation, collaboration_ids),
        check_participation_partners(tables.participation, set(tables.partners["id"].dropna())),
        check_participation_once(tables.participation),
    )
    problems += check_sites(tables.infrastructures, geometry, countries)
    problems += check_cities(tables.partners, schema.PARTNERS, geometry)
    problems += check_cities(tables.labs, schema.LABS, geometry)
    return problems


def in_row_order(*lists: list[Problem]) -> list[Problem]:
    """The problems of several rules over one table, row by row (the rules' order kept within a row), so that a
    person fixing a row finds all of its problems together."""
    return sorted((p for problems in lists for p in problems), key=lambda p: p.row)


def check_ids_across_collaborations(instruments: pd.DataFrame, infrastructures: pd.DataFrame) -> list[Problem]:
    """An id is unique across instruments.csv and infrastructures.csv (participation.csv refers to both)."""
    seen = {v: r for r, v in instruments["id"].items() if v}
    return [
        Problem(
            schema.INFRASTRUCTURES.file,
            int(row),
            "id",
            f"'{value}' is already an id in {schema.INSTRUMENTS.file} (row {seen[value]}); "
            "ids must be unique across both files",
        )
        for row, value in infrastructures["id"].items()
        if value in seen
    ]


def check_country_codes(frame: pd.DataFrame, table: Table, column: str, known: pd.Index) -> list[Problem]:
    """Every country code of ``column`` (one code or a list) is the ISO 3166 alpha-3 code of a country on the map."""
    converter = country_converter()
    problems = []
    for row, value in frame[column].items():
        codes = value if isinstance(value, list) else ([value] if value else [])
        for code in codes:
            if _ISO3.match(code) and code in known:
                continue
            guess = converter.convert(code, to="ISO3", not_found=None)
            hint = f" (did you mean {guess}?)" if isinstance(guess, str) and guess in known else ""
            problems.append(
                Problem(
                    table.file,
                    int(row),
                    column,
                    f"'{code}' is not the ISO 3166 alpha-3 code of a country on the map{hint}; "
                    "expected three capital letters such as JPN",
                )
            )
    return problems


def check_lab_codes(frame: pd.DataFrame, table: Table, lab_codes: set) -> list[Problem]:
    """Every IN2P3 lab of a collaboration is a lab code of labs.csv."""
    return [
        Problem(
            table.file,
            int(row),
            "in2p3_labs",
            f"'{code}' is not a lab code of {schema.LABS.file}{suggest(code, lab_codes)}",
        )
        for row, value in frame["in2p3_labs"].items()
        for code in value
        if code not in lab_codes
    ]


def check_years_in_order(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """A collaboration does not end before it starts."""
    return [
        Problem(table.file, int(row), "end_year", f"{end} is before start_year {start}")
        for row, start, end in zip(frame.index, frame["start_year"], frame["end_year"])
        if not pd.isna(start) and not pd.isna(end) and end < start
    ]


def check_start_years_near(frame: pd.DataFrame, table: Table, data_date: date | None) -> list[Problem]:
    """A collaboration starts at most MAX_YEARS_AHEAD years after the data date (further is a typing error)."""
    if not data_date:
        return []
    return [
        Problem(
            table.file,
            int(row),
            "start_year",
            f"{start} is more than {MAX_YEARS_AHEAD} years after the data date {data_date}",
        )
        for row, start in frame["start_year"].items()
        if not pd.isna(start) and start > data_date.year + MAX_YEARS_AHEAD
    ]


def check_partner_countries(partners: pd.DataFrame) -> list[Problem]:
    """Only an international organisation may have no country."""
    return [
        Problem(
            schema.PARTNERS.file,
            int(row),
            "country_iso3",
            "is empty; only an international organisation may have no country",
        )
        for row, country, kind in zip(partners.index, partners["country_iso3"], partners["kind"])
        if not country and kind and kind != "international organisation"
    ]


def check_participation_collaborations(participation: pd.DataFrame, collaboration_ids: set) -> list[Problem]:
    """A participation names a collaboration of instruments.csv or infrastructures.csv."""
    return [
        Problem(
            schema.PARTICIPATION.file,
            int(row),
            "collaboration_id",
            f"'{cid}' is not an id of {schema.INSTRUMENTS.file} or {schema.INFRASTRUCTURES.file}"
            f"{suggest(cid, collaboration_ids)}",
        )
        for row, cid in participation["collaboration_id"].items()
        if cid and cid not in collaboration_ids
    ]


def check_participation_partners(participation: pd.DataFrame, partner_ids: set) -> list[Problem]:
    """A participation names a partner of partners.csv."""
    return [
        Problem(
            schema.PARTICIPATION.file,
            int(row),
            "partner_id",
            f"'{pid}' is not an id of {schema.PARTNERS.file}{suggest(pid, partner_ids)}",
        )
        for row, pid in participation["partner_id"].items()
        if pid and pid not in partner_ids
    ]


def check_participation_once(participation: pd.DataFrame) -> list[Problem]:
    """A partner takes part in a collaboration once: each (collaboration, partner) link is on one row."""
    problems = []
    first: dict[tuple, int] = {}
    for row, cid, pid in zip(participation.index, participation["collaboration_id"], participation["partner_id"]):
        if (cid, pid) in first:
            problems.append(
                Problem(
                    schema.PARTICIPATION.file,
                    int(row),
                    "partner_id",
                    f"the link {cid} – {pid} is already in row {first[(cid, pid)]}",
                )
            )
        first.setdefault((cid, pid), int(row))
    return problems


def check_sites(infrastructures: pd.DataFrame, geometry: gpd.GeoDataFrame, countries: pd.DataFrame) -> list[Problem]:
    """A site's coordinates come in pairs, with its country, and lie in that country (or off its coast)."""
    problems = []
    for row, rec in infrastructures.iterrows():
        if rec["countries"] is not None:
            problem = _site_problem(int(row), rec, geometry, countries)
            if problem:
                problems.append(problem)
    return problems


def _site_problem(row: int, rec: pd.Series, geometry: gpd.GeoDataFrame, countries: pd.DataFrame) -> Problem | None:
    """What is wrong with the site of the infrastructure ``rec`` (row ``row``), if anything."""
    lat, lon, codes = rec["lat"], rec["lon"], [c for c in rec["countries"] if c in geometry.index]
    has_lat, has_lon = not pd.isna(lat), not pd.isna(lon)
    if has_lat != has_lon:
        return Problem(
            schema.INFRASTRUCTURES.file,
            row,
            "lon" if has_lat else "lat",
            "is empty while the other coordinate is given; give both or neither",
        )
    if not has_lat:
        return None
    if not rec["countries"]:
        return Problem(
            schema.INFRASTRUCTURES.file,
            row,
            "countries",
            "is empty but the site has coordinates; give the site's country",
        )
    if not codes:
        return None  # the country codes themselves are reported
    shape = shapely.union_all(geometry.loc[codes].geometry.values)
    point = shapely.Point(float(lon), float(lat))
    if shape.covers(point):
        return None
    near, _ = shapely.ops.nearest_points(shape, point)
    _, _, meters = _GEOD.inv(float(lon), float(lat), near.x, near.y)
    km = meters / 1000
    if km <= COAST_TOLERANCE_KM:
        return None
    names = " / ".join(countries.at[c, "name"] for c in codes)
    swapped = shapely.Point(float(lat), float(lon)) if -90 <= float(lon) <= 90 else None
    hint = " — latitude and longitude look swapped" if swapped is not None and shape.covers(swapped) else ""
    return Problem(
        schema.INFRASTRUCTURES.file,
        row,
        "lat",
        f"the site ({float(lat):.4f}, {float(lon):.4f}) lies {km:.0f} km outside {names}{hint}; "
        f"check lat/lon (decimal degrees, north and east positive) or the countries column",
    )
