"""The columns the counting reads, as numpy arrays of codes, built once per data set.

A view is then a boolean mask over the collaborations (:mod:`.selection`), and every count of it a
``np.bincount`` over the link rows that the mask keeps (:mod:`.counts`): no frame is filtered, no string
compared, no group-by run over the links.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema
from ..loading import Dataset, PerDataset


class Index:
    """The arrays of codes of one data set, in five groups, each built by one step of ``__init__``.

    Codes follow the frames' categories (``loading.dataset``), so the results come out in the order the
    group-bys on those categoricals gave. Attributes of the link tables are prefixed by the table: ``c_``
    country links, ``p_`` partner links, ``l_`` lab links; each link row carries its collaboration's position
    (``*_row``), so a view's mask picks its links with one lookup.
    """

    def __init__(self, ds: Dataset):
        # In this order: the links' steps read the collaborations' codes (type, count) by position.
        self._code_collaborations(ds.collaborations)
        self._code_years(ds.collaborations, ds.data_date.year, ds.year_bounds)
        self._code_country_links(ds.country_links)
        self._code_partner_links(ds.partner_links)
        self._code_lab_links(ds.lab_links)
        self._code_places(ds.partners, ds.labs, ds.collaborations, ds.countries)
        self._lookups: dict = {}

    def _code_collaborations(self, c: pd.DataFrame) -> None:
        """Per collaboration: type, count, table order, whether it is on the map, an infrastructure, a site with
        coordinates; theme and status as codes. What the filters test and the totals add up."""
        self.size = len(c)
        self.types = list(c["type"].cat.categories)
        self.type = c["type"].cat.codes.to_numpy().astype("int64")
        self.count = c["count"].to_numpy(dtype="int64")
        self.order = c["order"].to_numpy()  # the table's own order (by type, then id)
        self.located = c["located"].to_numpy(dtype=bool)
        self.infrastructure = self.type == self.types.index(schema.INFRASTRUCTURE_TYPE)
        self.site = self.infrastructure & c["lat"].notna().to_numpy() & c["lon"].notna().to_numpy()
        self.theme, self.themes = pd.factorize(c["theme"].astype(object))
        self.status, self.statuses = pd.factorize(c["status"].astype(object))
        # Most data sets have no row standing for several instruments: their sums are plain counts.
        self.weighted = bool((self.count != 1).any())

    def _code_years(self, c: pd.DataFrame, data_year: int, year_bounds: tuple[int, int]) -> None:
        """Per collaboration, the years it is active by the counting rules (``start``/``end``, NaN: never), for the
        year filter; and the cells of ``per_year``'s table where its count starts and stops, so that a view's
        collaborations per year are one running sum instead of one pass per year."""
        ongoing = c["status"].isin(schema.ONGOING_STATUSES).to_numpy()
        start = c["start_year"].to_numpy(dtype="float64", na_value=np.nan)
        end = c["end_year"].to_numpy(dtype="float64", na_value=np.nan)
        self.has_start = ~np.isnan(start)
        self.start = np.where(np.isnan(start) & ongoing, float(data_year), start)
        end = np.where(np.isnan(end) & ongoing, float(data_year), end)
        self.end = np.where(np.isnan(end), self.start, end)
        # per_year's intervals: the first year a collaboration counts and the year after its last, as cells
        # (type, year) of a table of the data's years (one more column for "after the last year").
        first, last = year_bounds
        self.span = last - first + 1
        with np.errstate(invalid="ignore"):
            end_known = np.where(np.isnan(end), start, end)
            lo = np.clip(np.nan_to_num(start, nan=first), first, last + 1).astype("int64") - first
            hi = np.clip(np.nan_to_num(end_known, nan=first - 1), first - 1, last).astype("int64") - first + 1
        self.year_counted = self.has_start & (hi > lo)
        self.year_in = self.type * (self.span + 1) + lo
        self.year_out = self.type * (self.span + 1) + hi

    def _code_country_links(self, links: pd.DataFrame) -> None:
        """Per participation (collaboration, country): its collaboration, country, continent, type, count and
        (country, type) cell, for the map and the charts; each country's continent and the home country's code;
        and each collaboration once per continent (a continent counts it once, however many of its countries)."""
        self.isos = links["iso3"].cat.categories
        self.continents = links["continent"].cat.categories
        self.c_row = links["row"].to_numpy()
        self.c_iso = links["iso3"].cat.codes.to_numpy().astype("int64")
        self.c_continent = links["continent"].cat.codes.to_numpy().astype("int64")
        self.c_type = self.type[self.c_row]
        self.c_count = self.count[self.c_row]
        self.c_cell = self.c_iso * len(self.types) + self.c_type  # (country, type) cell of each participation
        iso_continent = np.full(len(self.isos), -1, dtype="int64")
        iso_continent[self.c_iso] = self.c_continent
        self.iso_continent = iso_continent
        self.home = self.isos.get_loc(schema.HOME_ISO3) if schema.HOME_ISO3 in self.isos else -1
        pairs = np.unique(self.c_row * (len(self.continents) + 1) + (self.c_continent + 1))
        self.u_row, self.u_continent = pairs // (len(self.continents) + 1), pairs % (len(self.continents) + 1) - 1

    def _code_partner_links(self, partners: pd.DataFrame) -> None:
        """Per (collaboration, partner) link: its collaboration, partner, the partner's country and continent, and
        the collaboration's type; each partner's one country. For the partners measure and the key figures."""
        self.p_row = partners["row"].to_numpy()
        self.p_partner = partners["partner_id"].cat.codes.to_numpy().astype("int64")
        self.partner_ids = partners["partner_id"].cat.categories
        self.p_countries = partners["country_iso3"].cat.categories
        self.p_continents = partners["continent"].cat.categories
        self.p_country = partners["country_iso3"].cat.codes.to_numpy().astype("int64")
        self.p_continent = partners["continent"].cat.codes.to_numpy().astype("int64")
        self.p_located = np.asarray(self.p_countries[self.p_country] != "", dtype=bool)  # partner with a country
        self.partner_country = np.zeros(len(self.partner_ids), dtype="int64")  # a partner has one country
        self.partner_country[self.p_partner] = self.p_country
        self.p_type = self.type[self.p_row]

    def _code_lab_links(self, labs: pd.DataFrame) -> None:
        """Per (collaboration, IN2P3 lab) link: its collaboration and lab code, for the lab filter and the links of the
        map (each pair once, even where a lab list names a lab twice)."""
        row = labs["row"].to_numpy().astype("int64")
        lab, self.labs = pd.factorize(labs["lab"].astype(object))
        pairs = np.unique(row * max(len(self.labs), 1) + lab)
        self.l_row, self.l_lab = pairs // max(len(self.labs), 1), pairs % max(len(self.labs), 1)

    def _code_places(
        self, partners: pd.DataFrame, labs: pd.DataFrame, c: pd.DataFrame, countries: pd.DataFrame
    ) -> None:
        """Where the ends of the map's links are, as codes of one table of places (a place: one point, lon/lat):
        each lab's (``lab_place``), each partner's (``partner_place``), each infrastructure site's (``site_place``, by
        collaboration), -1 for none; each place's lon, lat and country; each end's continent (``lab_continent``, ...).
        And the partner links in collaboration order (``p_sorted``), so that the labs and partners of the same
        collaborations meet in one search."""
        partner = partners.reindex(self.partner_ids.astype(object))
        lab = labs.reindex(pd.Index(self.labs, dtype=object))
        ends = [
            (lab["place_lon"], lab["place_lat"], lab["place_iso3"]),
            (partner["place_lon"], partner["place_lat"], partner["place_iso3"]),
            (
                c["lon"].where(self.site),
                c["lat"].where(self.site),
                c["countries"].map(lambda codes: codes[0] if codes else ""),
            ),
        ]
        lon = np.concatenate([np.asarray(e[0], dtype="float64") for e in ends])
        lat = np.concatenate([np.asarray(e[1], dtype="float64") for e in ends])
        iso = np.concatenate([np.asarray(e[2].fillna(""), dtype=object) for e in ends])
        located = ~(np.isnan(lon) | np.isnan(lat))
        keys = pd.MultiIndex.from_arrays([lon[located].round(6), lat[located].round(6)])
        codes, places = pd.factorize(keys)
        place = np.full(len(lon), -1, dtype="int64")
        place[located] = codes
        self.place_lon = np.asarray(places.get_level_values(0), dtype="float64")
        self.place_lat = np.asarray(places.get_level_values(1), dtype="float64")
        self.place_iso3 = np.full(len(places), "", dtype=object)
        first = np.unique(place[located], return_index=True)[1]  # the first end at each place names its country
        self.place_iso3[place[located][first]] = iso[located][first]
        self.lab_place, self.partner_place, self.site_place = np.split(place, [len(lab), len(lab) + len(partner)])
        # each end's continent (its country's, or its seat's), as a code of the country links' continents (-1: none),
        # for a continent's view: it shows the points and links of that continent
        continent = countries["continent"].reindex(pd.Index(iso, dtype=object)).fillna("").to_numpy(dtype=object)
        lookup = {name: code for code, name in enumerate(self.continents)}
        codes = np.array([lookup.get(c, -1) for c in continent], dtype="int64")
        self.lab_continent, self.partner_continent, self.site_continent = np.split(
            codes, [len(lab), len(lab) + len(partner)]
        )
        self.p_sorted = np.argsort(self.p_row, kind="stable")

    def codes(self, categories, values) -> np.ndarray:
        """The codes of ``values`` among ``categories`` (values not there are left out)."""
        lookup = self._lookups.get(id(categories))
        if lookup is None:  # categories are attributes of this index: their ids stay theirs
            lookup = self._lookups[id(categories)] = {value: code for code, value in enumerate(categories)}
        return np.array([lookup[v] for v in values if v in lookup], dtype="int64")

    def among(self, codes: np.ndarray, categories, values) -> np.ndarray:
        """One boolean per item of ``codes`` (codes of ``categories``; -1 for none): is it one of ``values``?"""
        wanted = np.zeros(len(categories) + 1, dtype=bool)  # the last one stands for -1
        wanted[self.codes(categories, values)] = True
        return wanted[codes]


#: The :class:`Index` of a data set: ``index_of(ds)``, built on first use and kept while the data set lives.
index_of: PerDataset[Index] = PerDataset(Index)
