"""The data set: the validated tables in the shapes the counting reads, assembled once per load.

The :class:`Dataset` is the plain result of loading, frozen. What is derived from it later (the counting's
arrays of codes in ``aggregate``, the table's sort ranks in ``page.table``) is kept by the module that derives
it, in a :class:`PerDataset`, not on the data set: so ``loading`` never imports the layers above it, and
nothing fills a cache on an object that says it is frozen.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

import numpy as np
import pandas as pd

from .. import schema
from .places import PlaceError, locate
from .tables import Tables

T = TypeVar("T")


# eq=False: a data set is itself, not its contents (comparing frames says nothing useful, and hashing them
# fails); so it is hashable by identity and can key a PerDataset.
@dataclass(frozen=True, eq=False)
class Dataset:
    """The validated tables, in the shapes the aggregation works on. Frames are not modified after loading.

    collaborations: one row per collaboration (instruments.csv and infrastructures.csv), indexed by id.
    country_links: one row per (collaboration, country): the map's "participations".
    lab_links: one row per (collaboration, IN2P3 lab).
    partner_links: one row per (collaboration, partner), with the partner's country and continent.
    partners, labs: one row per partner institution (by id) and IN2P3 lab (by code), with where each sits, resolved
    once here (:func:`places.locate`: the row's lat/lon, else its city in GeoNames): ``place_lon``, ``place_lat``
    (NaN when the row has no city) and ``place_iso3``, the country of that place (an international organisation's
    seat, ``seat_iso3``: it locates the point only, the organisation keeps no country).
    countries: every country of the map geometry, with name, continent, label point and area.
    stories: the prepared views of presentation mode (``stories.Story``), in step order.
    """

    collaborations: pd.DataFrame
    country_links: pd.DataFrame
    lab_links: pd.DataFrame
    partners: pd.DataFrame
    partner_links: pd.DataFrame
    labs: pd.DataFrame
    countries: pd.DataFrame
    data_date: date
    facts: tuple
    folder: Path
    stories: tuple = ()

    # Computed once per data set (every callback reads the bounds; at 10^6 collaborations a pass took 30 ms).
    @functools.cached_property
    def first_year(self) -> int:
        years = self.collaborations["start_year"].dropna()
        return int(years.min()) if len(years) else self.data_date.year

    @functools.cached_property
    def year_bounds(self) -> tuple[int, int]:
        return self.first_year, self.data_date.year


class PerDataset(Generic[T]):
    """``compute(ds)`` for a data set, computed on its first use and kept as long as the data set lives.

    Call it with the data set: ``index = PerDataset(Index)`` then ``index(ds)``. Entries are held weakly by their
    data set, so the values of a data set replaced by a reload go with it; ``compute`` must therefore not keep
    ``ds`` in what it returns (the entry would keep its own key alive). Safe to share between threads: two threads
    asking at once may both compute, and both get the value kept first.
    """

    def __init__(self, compute: Callable[[Dataset], T]):
        self._compute = compute
        self._values: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def __call__(self, ds: Dataset) -> T:
        with self._lock:
            if ds in self._values:
                return self._values[ds]
        value = self._compute(ds)  # outside the lock: other data sets' values need not wait for this one
        with self._lock:
            return self._values.setdefault(ds, value)


def assemble(tables: Tables, countries: pd.DataFrame, data_date: date, facts: tuple, folder: Path) -> Dataset:
    """The :class:`Dataset` of tables that passed every rule (no stories yet: they are checked against it)."""
    collaborations = _collaborations(tables.instruments, tables.infrastructures)
    country_links = _country_links(collaborations, countries)
    collaborations["located"] = collaborations["row"].isin(country_links["row"])
    partners = _partners(tables.partners, countries)
    labs = _placed(tables.labs.fillna("").set_index("code", drop=False))
    labs.index.name = None
    return Dataset(
        collaborations=collaborations,
        country_links=country_links,
        lab_links=_lab_links(collaborations),
        partners=partners,
        partner_links=_partner_links(tables.participation, partners, collaborations),
        labs=labs,
        countries=countries,
        data_date=data_date,
        facts=facts,
        folder=Path(folder),
    )


def _collaborations(instruments: pd.DataFrame, infrastructures: pd.DataFrame) -> pd.DataFrame:
    """The two collaboration tables as one frame indexed by id, in their files' order (instruments first), with
    each row's position ("row") and its place in the table's own order ("order": by type, then id)."""
    inst = instruments.assign(kind="", host_institution="", site="", lat=pd.NA, lon=pd.NA, status_note="")
    infra = infrastructures.assign(type=schema.INFRASTRUCTURE_TYPE, acronym="", count=1)
    collaborations = pd.concat([inst, infra], ignore_index=True)
    for col in ("acronym", "theme", "notes", "kind", "host_institution", "site", "status_note"):
        collaborations[col] = collaborations[col].fillna("").astype(str)
    collaborations["count"] = collaborations["count"].astype("int64")
    collaborations["lat"] = pd.to_numeric(collaborations["lat"], errors="coerce").astype("float64")
    collaborations["lon"] = pd.to_numeric(collaborations["lon"], errors="coerce").astype("float64")
    collaborations["countries"] = collaborations["countries"].map(tuple)
    collaborations["in2p3_labs"] = collaborations["in2p3_labs"].map(tuple)
    collaborations["type"] = pd.Categorical(collaborations["type"], categories=list(schema.INSTRUMENT_TYPES))
    collaborations = collaborations.set_index("id", drop=False)
    collaborations.index.name = None
    # Precomputed for the aggregation: each collaboration's position ("row"), which its link rows carry too, so
    # that "the links of these collaborations" is an array lookup (``aggregate.Index``) rather than a search
    # among strings.
    collaborations["row"] = range(len(collaborations))
    collaborations["order"] = collaborations.sort_values(["type", "id"])["row"].argsort().to_numpy()  # table order
    return collaborations


def _country_links(collaborations: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """One row per (collaboration, country), with the country's continent; codes as categoricals."""
    country_links = (
        collaborations[["id", "row", "type", "countries", "count"]].explode("countries").dropna(subset=["countries"])
    )
    country_links = country_links.rename(columns={"id": "collaboration_id", "countries": "iso3"})
    country_links["continent"] = country_links["iso3"].map(countries["continent"])
    country_links = country_links.drop_duplicates(["collaboration_id", "iso3"]).reset_index(drop=True)
    # Categorical codes (categories in sorted order, as strings sort) make the per-view group-bys cheap.
    country_links["iso3"] = pd.Categorical(country_links["iso3"], categories=sorted(countries.index))
    country_links["continent"] = pd.Categorical(
        country_links["continent"], categories=sorted(set(countries["continent"]) | {""})
    )
    return country_links


def _lab_links(collaborations: pd.DataFrame) -> pd.DataFrame:
    """One row per (collaboration, IN2P3 lab)."""
    lab_links = collaborations[["id", "row", "in2p3_labs"]].explode("in2p3_labs").dropna(subset=["in2p3_labs"])
    return lab_links.rename(columns={"id": "collaboration_id", "in2p3_labs": "lab"}).reset_index(drop=True)


def _partners(partners: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """The partners indexed by id, with their continent ("" for none)."""
    partners = partners.fillna({"acronym": "", "country_iso3": "", "notes": ""}).set_index("id", drop=False)
    partners.index.name = None
    partners["continent"] = partners["country_iso3"].map(countries["continent"]).fillna("")
    return _placed(partners)


def _placed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (partners or labs, validated: every city resolves) with where each row sits: ``place_lon``,
    ``place_lat`` (NaN for a row with no city) and ``place_iso3`` (its country, else its seat's; "" for none).

    Computed once per data set, here, from the checked columns (the map draws these points; nothing types them):
    the GeoNames indexes were built by the validation just before, so this is a dictionary look-up per row.
    """
    frame = frame.copy()
    lat, lon = np.full(len(frame), np.nan), np.full(len(frame), np.nan)
    placed = np.zeros(len(frame), dtype=bool)
    if "city" in frame:  # only rows that name a place are looked at (a row read as a Series is slow)
        placed |= frame["city"].fillna("").astype(str).str.strip().ne("").to_numpy()
    if "lat" in frame:
        placed |= frame["lat"].notna().to_numpy()
    for i in np.flatnonzero(placed):
        point = _locate(frame.iloc[i])
        if point:
            lat[i], lon[i] = point[0], point[1]
    frame["place_lat"], frame["place_lon"] = lat, lon
    country = frame["country_iso3"].fillna("").astype(str)
    seat = frame["seat_iso3"].fillna("").astype(str) if "seat_iso3" in frame else pd.Series("", index=frame.index)
    frame["place_iso3"] = country.where(country != "", seat)
    return frame


def _locate(rec: pd.Series) -> tuple[float, float, str] | None:
    """:func:`places.locate` of a row, None for a row it cannot place (a checked row always can: this is a guard
    for tables assembled without the city rule, never a way round it)."""
    try:
        return locate(rec)
    except PlaceError:
        return None


def _partner_links(participation: pd.DataFrame, partners: pd.DataFrame, collaborations: pd.DataFrame) -> pd.DataFrame:
    """One row per (collaboration, partner), with the partner's name, country and continent, the collaboration's
    position and type; partner, country and continent as categoricals."""
    partner_links = participation.merge(
        partners[["id", "name", "country_iso3", "continent"]], left_on="partner_id", right_on="id"
    )
    partner_links = partner_links.drop(columns=["id"]).reset_index(drop=True)
    partner_links["role"] = partner_links["role"].fillna("")
    partner_links["row"] = partner_links["collaboration_id"].map(collaborations["row"]).astype("int64")
    partner_links["type"] = collaborations["type"].to_numpy()[partner_links["row"].to_numpy()]
    for column in ("partner_id", "country_iso3", "continent"):
        partner_links[column] = pd.Categorical(partner_links[column], categories=sorted(set(partner_links[column])))
    return partner_links
