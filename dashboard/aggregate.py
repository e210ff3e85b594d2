"""Filtering and honest counting: plain pandas on the frames of a :class:`~dashboard.loading.Dataset`.

Counting rules (the page states them next to each number):

* A collaboration is one row of instruments.csv or infrastructures.csv; a row with ``count`` > 1 stands
  for that many instruments whose list is not published (the 22 IEA) and counts that many in totals.
* In totals, a collaboration counts once, however many countries take part.
* On the map, a collaboration counts once in each of its countries (one participation per country).
* A continent counts a collaboration once even when several of its countries take part.
* A collaboration is active in a year range when its known years overlap it. One that goes on at the data
  date (active, under construction, planned, prototype) runs to the data year; one whose start year is not
  known counts only from the data year on, when it is known to go on.

No function here modifies the frames it is given.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import schema
from .state import ViewState

TYPE_ORDER = list(schema.INSTRUMENT_TYPES)


class Index:
    """The columns the counting reads, as numpy arrays of codes, built once per data set (``ds.index``).

    A view is then a boolean mask over the collaborations, and every count of it a ``np.bincount`` over the
    link rows that the mask keeps: no frame is filtered, no string compared, no group-by run over the links.
    Codes follow the frames' categories (``loading._assemble``), so the results come out in the order the
    group-bys on those categoricals gave.
    """

    def __init__(self, ds):
        c = ds.collaborations
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
        # The years each collaboration is active, as active_between reads them (NaN: never).
        ongoing = c["status"].isin(schema.ONGOING_STATUSES).to_numpy()
        start = c["start_year"].to_numpy(dtype="float64", na_value=np.nan)
        end = c["end_year"].to_numpy(dtype="float64", na_value=np.nan)
        data_year = float(ds.data_date.year)
        self.has_start = ~np.isnan(start)
        self.start = np.where(np.isnan(start) & ongoing, data_year, start)
        end = np.where(np.isnan(end) & ongoing, data_year, end)
        self.end = np.where(np.isnan(end), self.start, end)
        # per_year's intervals: the first year a collaboration counts and the year after its last, as cells
        # (type, year) of a table of the data's years (one more column for "after the last year").
        first, last = ds.year_bounds
        self.span = last - first + 1
        with np.errstate(invalid="ignore"):
            end_known = np.where(np.isnan(end), start, end)
            lo = np.clip(np.nan_to_num(start, nan=first), first, last + 1).astype("int64") - first
            hi = np.clip(np.nan_to_num(end_known, nan=first - 1), first - 1, last).astype("int64") - first + 1
        self.year_counted = self.has_start & (hi > lo)
        self.year_in = self.type * (self.span + 1) + lo
        self.year_out = self.type * (self.span + 1) + hi

        links = ds.country_links
        self.isos = links["iso3"].cat.categories
        self.continents = links["continent"].cat.categories
        self.c_row = links["row"].to_numpy()
        self.c_iso = links["iso3"].cat.codes.to_numpy().astype("int64")
        self.c_continent = links["continent"].cat.codes.to_numpy().astype("int64")
        self.c_type = self.type[self.c_row]
        self.c_count = self.count[self.c_row]
        self.c_cell = self.c_iso * len(self.types) + self.c_type  # (country, type) cell of each participation
        # Most data sets have no row standing for several instruments: their sums are plain counts.
        self.weighted = bool((self.count != 1).any())
        iso_continent = np.full(len(self.isos), -1, dtype="int64")
        iso_continent[self.c_iso] = self.c_continent
        self.iso_continent = iso_continent
        self.home = self.isos.get_loc(schema.HOME_ISO3) if schema.HOME_ISO3 in self.isos else -1
        # Each collaboration once per continent (a continent counts it once, however many of its countries).
        pairs = np.unique(self.c_row * (len(self.continents) + 1) + (self.c_continent + 1))
        self.u_row, self.u_continent = pairs // (len(self.continents) + 1), pairs % (len(self.continents) + 1) - 1

        partners = ds.partner_links
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

        labs = ds.lab_links
        self.l_row = labs["row"].to_numpy()
        self.l_lab, self.labs = pd.factorize(labs["lab"].astype(object))

        self._lookups: dict = {}
        self.ranks: dict = {}  # the table's sort ranks per (column, language): table._ranks

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


class Selection:
    """The collaborations of a view: one boolean per collaboration of ``ds`` (``mask``); the frame of those rows
    is made only when something asks for it (the counting never does)."""

    def __init__(self, ds, mask: np.ndarray, frame: pd.DataFrame | None = None):
        self.ds, self.mask = ds, mask
        self.counts: dict = {}  # the (country x type) counts, per continent filter and type asked (_per_country_type)
        if frame is not None:
            self.__dict__["frame"] = frame

    @functools.cached_property
    def frame(self) -> pd.DataFrame:
        return self.ds.collaborations[self.mask]

    def __len__(self) -> int:
        return int(np.count_nonzero(self.mask))

    def total(self) -> int:
        """Collaborations in view, each weighted by its ``count``."""
        return int(self.ds.index.count[self.mask].sum())


def selection(ds, frame) -> Selection:
    """``frame`` (a Selection, or a frame of collaborations of ``ds``) as a Selection."""
    return frame if isinstance(frame, Selection) else Selection(ds, rows_of(ds, frame), frame)


def frame_of(frame) -> pd.DataFrame:
    return frame.frame if isinstance(frame, Selection) else frame


def rows_of(ds, frame) -> np.ndarray:
    """One boolean per collaboration of ``ds`` (by position): is it in ``frame``?"""
    if isinstance(frame, Selection):
        return frame.mask
    keep = np.zeros(len(ds.collaborations), dtype=bool)
    keep[frame["row"].to_numpy()] = True
    return keep


def links_of(ds, links: pd.DataFrame, frame) -> pd.DataFrame:
    """The rows of a link table (country_links, lab_links, partner_links) whose collaboration is in ``frame``."""
    return links[rows_of(ds, frame)[links["row"].to_numpy()]]


def active_between(frame: pd.DataFrame, first: int, last: int, data_year: int) -> pd.Series:
    """Boolean mask of the collaborations active at some time in [first, last] (see the module rules)."""
    ongoing = frame["status"].isin(schema.ONGOING_STATUSES)
    start = frame["start_year"].astype("Float64")
    end = frame["end_year"].astype("Float64")
    start = start.fillna(pd.Series(data_year, index=frame.index, dtype="Float64").where(ongoing))
    end = end.where(end.notna() | ~ongoing, data_year)
    end = end.fillna(start)  # ended, end unknown: only the start year is known
    mask = (start <= last) & (end >= first)
    return mask.fillna(False).astype(bool)


def _having(size: int, rows: np.ndarray, among: np.ndarray) -> np.ndarray:
    """One boolean per collaboration: has it one of the links (``rows``) that ``among`` keeps?"""
    keep = np.zeros(size, dtype=bool)
    keep[rows[among]] = True
    return keep


def select(ds, state: ViewState, *, with_selection: bool = True) -> Selection:
    """The collaborations that pass the state's filters (and, if asked, involve a selected country)."""
    ix = ds.index
    mask = np.ones(ix.size, dtype=bool)
    if state.instruments:
        mask &= ix.among(ix.type, ix.types, state.instruments)
    if state.themes:
        mask &= ix.among(ix.theme, ix.themes, [schema.THEMES[t] for t in state.themes])
    if state.statuses:
        mask &= ix.among(ix.status, ix.statuses, [schema.STATUSES[s] for s in state.statuses])
    if state.labs:
        mask &= _having(ix.size, ix.l_row, ix.among(ix.l_lab, ix.labs, state.labs))
    if state.continents:
        mask &= _having(ix.size, ix.c_row, ix.among(ix.c_continent, ix.continents, state.continents))
    if state.years:
        first, last = state.years
        with np.errstate(invalid="ignore"):
            mask &= (ix.start <= last) & (ix.end >= first)
    if with_selection and state.countries:
        mask &= _having(ix.size, ix.c_row, ix.among(ix.c_iso, ix.isos, state.countries))
    return Selection(ds, mask)


def filter_collaborations(ds, state: ViewState, *, with_selection: bool = True) -> pd.DataFrame:
    """The collaborations that pass the state's filters (and, if asked, involve a selected country)."""
    return select(ds, state, with_selection=with_selection).frame


def _visible(ds, frame, state: ViewState) -> np.ndarray:
    """One boolean per country link: is it a participation of ``frame`` shown by ``state`` (continent filter)?"""
    ix = ds.index
    keep = rows_of(ds, frame)[ix.c_row]
    if state.continents:
        keep &= ix.among(ix.c_continent, ix.continents, state.continents)
    return keep


def visible_links(ds, frame, state: ViewState) -> pd.DataFrame:
    """Country participations of ``frame``; with a continent filter, only the countries of those continents."""
    return ds.country_links[_visible(ds, frame, state)]


def _per_country_type(ds, frame, state: ViewState, *, only_type: int | None = None) -> np.ndarray:
    """Collaborations (weighted by count) per (country, type) among the visible links: an array (countries x types),
    kept with the selection (a view asks for it four times). Not to be changed by the caller."""
    if isinstance(frame, Selection):
        key = (state.continents, only_type)
        if key not in frame.counts:
            frame.counts[key] = _count_per_country_type(ds, frame, state, only_type)
        return frame.counts[key]
    return _count_per_country_type(ds, frame, state, only_type)


def _count_per_country_type(ds, frame, state: ViewState, only_type: int | None) -> np.ndarray:
    ix = ds.index
    keep = _visible(ds, frame, state)
    if only_type is not None:
        keep &= ix.c_type == only_type
    sums = _sums(ix, ix.c_cell, keep, ix.c_count, len(ix.isos) * len(ix.types))
    return sums.reshape(len(ix.isos), len(ix.types))


def _breakdown_texts(table: np.ndarray, types) -> list[str]:
    """Per row of a (country x type) array, a text such as "IRL 1 · INFRA 3"."""
    return [" · ".join(f"{t} {int(n)}" for t, n in zip(types, row) if n) for row in table]


def country_values(ds, frame, state: ViewState) -> pd.DataFrame:
    """One row per country with a non-zero value of the state's measure.

    Columns: value (int), breakdown (text by instrument type), name, continent. Indexed by ISO3.
    """
    ix = ds.index
    if state.measure == "partners":
        # Distinct partners per country (a partner has one country) and per (country, type).
        keep = rows_of(ds, frame)[ix.p_row] & ix.p_located
        if state.continents:
            keep &= ix.among(ix.p_continent, ix.p_continents, state.continents)
        seen = np.zeros((len(ix.partner_ids), len(ix.types)), dtype=bool)  # (partner, type) pairs in view
        seen[ix.p_partner[keep], ix.p_type[keep]] = True
        partner, kind = np.nonzero(seen)
        by_type = np.bincount(
            ix.partner_country[partner] * len(ix.types) + kind, minlength=len(ix.p_countries) * len(ix.types)
        ).reshape(len(ix.p_countries), len(ix.types))
        value = np.bincount(ix.partner_country[np.flatnonzero(seen.any(axis=1))], minlength=len(ix.p_countries))
        categories = ix.p_countries
    else:
        only = ix.types.index(schema.INFRASTRUCTURE_TYPE) if state.measure == "infrastructures" else None
        by_type = _per_country_type(ds, frame, state, only_type=only)
        value = by_type.sum(axis=1)
        categories = ix.isos
    present = np.flatnonzero(value > 0)
    where = pd.CategoricalIndex(categories[present], categories=categories, name="iso3")
    out = pd.DataFrame({"value": value[present].astype("int64")}, index=where)
    out["breakdown"] = _breakdown_texts(by_type[present], ix.types) if len(out) else pd.Series(dtype=str)
    out["name"] = ds.countries["name"].reindex(out.index)
    out["continent"] = ds.countries["continent"].reindex(out.index)
    return out.sort_values("value", ascending=False)


#: Label of the bar of collaborations with no published country (space missions, unlisted partners).
NO_COUNTRY = "No country"


def _sums(ix: Index, cells: np.ndarray, keep: np.ndarray, counts: np.ndarray, size: int) -> np.ndarray:
    """Per cell (0 .. size-1), the counts of the items that ``keep`` keeps (int64)."""
    if ix.weighted:
        return np.bincount(cells[keep], weights=counts[keep], minlength=size).astype("int64")
    return np.bincount(cells[keep], minlength=size)


def _type_sums(ds, mask: np.ndarray) -> np.ndarray:
    """Collaborations of ``mask`` (weighted by count) per instrument type, in the type categories' order."""
    ix = ds.index
    return _sums(ix, ix.type, mask, ix.count, len(ix.types))


def by_continent(ds, frame, state: ViewState) -> pd.DataFrame:
    """Collaborations per continent and type; each collaboration once per continent.

    Collaborations with no country form a "No country" row (unless a continent filter is set).
    Columns: continent, type, count.
    """
    ix = ds.index
    keep = rows_of(ds, frame)[ix.u_row]
    if state.continents:
        keep &= ix.among(ix.u_continent, ix.continents, state.continents)
    rows, continent = ix.u_row[keep], ix.u_continent[keep]
    ntypes = len(ix.types)
    sums = np.bincount(
        (continent + 1) * ntypes + ix.type[rows], weights=ix.count[rows], minlength=(len(ix.continents) + 1) * ntypes
    ).astype("int64")
    cells = np.flatnonzero(sums[ntypes:]) + ntypes  # links to no known continent are left out, as a group-by would
    records = [(ix.continents[cell // ntypes - 1], cell % ntypes, sums[cell]) for cell in cells]
    if not state.continents:
        unlocated = _type_sums(ds, rows_of(ds, frame) & ~ix.located)
        records += [(NO_COUNTRY, kind, unlocated[kind]) for kind in np.flatnonzero(unlocated)]
    # Continents in display order, then "No country", then any other (sorted by type inside each).
    rank = {c: i for i, c in enumerate(list(schema.CONTINENTS) + [NO_COUNTRY])}
    records.sort(key=lambda r: (rank.get(r[0], len(rank)), r[1]))
    return pd.DataFrame(
        {
            "continent": pd.array([r[0] for r in records], dtype="str"),
            "type": pd.Categorical.from_codes([int(r[1]) for r in records], categories=ix.types),
            "count": np.array([r[2] for r in records], dtype="int64"),
        }
    )


def top_countries(ds, frame, state: ViewState, limit: int = 12) -> pd.DataFrame:
    """The partner countries with most collaborations (France, the home country, is not ranked).

    Columns: iso3, name, type, count; ``limit`` countries, largest first.
    """
    ix = ds.index
    table = _per_country_type(ds, frame, state)
    totals = table.sum(axis=1)
    if ix.home >= 0:
        totals[ix.home] = 0
    present = np.flatnonzero(totals)
    # Largest first; ties in code (alphabetical) order.
    keep = present[np.argsort(-totals[present], kind="stable")][:limit]
    keep = keep[np.lexsort((keep, -totals[keep]))]
    cells = [(iso, kind) for iso in keep for kind in range(len(ix.types)) if table[iso, kind]]
    isos = np.array([iso for iso, _ in cells], dtype="int64")
    kinds = np.array([kind for _, kind in cells], dtype="int64")
    out = pd.DataFrame(
        {
            "iso3": pd.Categorical.from_codes(isos, categories=ix.isos),
            "type": pd.Categorical.from_codes(kinds, categories=ix.types),
            "count": table[isos, kinds].astype("int64"),
        }
    )
    out["name"] = out["iso3"].map(ds.countries["name"])
    return out


def by_type(frame) -> pd.DataFrame:
    """Number of instruments per type (rows weighted by ``count``). Columns: type, count."""
    if isinstance(frame, Selection):
        sums = dict(zip(frame.ds.index.types, _type_sums(frame.ds, frame.mask)))
        return pd.DataFrame(
            {
                "type": pd.array(TYPE_ORDER, dtype="str"),
                "count": np.array([sums.get(t, 0) for t in TYPE_ORDER], dtype="int64"),
            }
        )
    counts = frame.groupby("type", observed=False)["count"].sum().reindex(TYPE_ORDER, fill_value=0)
    return counts.rename_axis("type").reset_index().astype({"count": "int64"})


def per_year(ds, frame) -> tuple[pd.DataFrame, int]:
    """Collaborations active each year, by type, for the collaborations with a known start year.

    Returns (table with columns year, type, count; number of collaborations left out for want of a start year).
    """
    first, last = ds.year_bounds
    ix = ds.index
    mask = rows_of(ds, frame)
    left_out = int(ix.count[mask & ~ix.has_start].sum())
    # The years a collaboration is active form one interval (active_between's rules, with first = last = year):
    # its count added at its first year and taken off after its last (cells precomputed in the index), then a
    # running sum per type gives each year's total in one pass over the rows instead of one pass per year.
    kinds = TYPE_ORDER  # the type categories
    span = ix.span
    keep = mask & ix.year_counted
    cells = len(kinds) * (span + 1)
    delta = _sums(ix, ix.year_in, keep, ix.count, cells) - _sums(ix, ix.year_out, keep, ix.count, cells)
    totals = delta.reshape(len(kinds), span + 1).cumsum(axis=1)[:, :span]
    rows = [(first + y, kind, int(totals[k, y])) for y in range(span) for k, kind in enumerate(kinds) if totals[k, y]]
    return pd.DataFrame(rows, columns=["year", "type", "count"]), left_out


@dataclass(frozen=True)
class KeyFigures:
    """The numbers of the figure cards, with what each counts."""

    instruments: int
    instruments_by_type: dict
    partner_countries: int
    partner_institutions: int
    continents: int
    infrastructures: int
    without_country: int


def key_figures(ds, frame, state: ViewState) -> KeyFigures:
    ix = ds.index
    mask = rows_of(ds, frame)
    countries = np.flatnonzero(_per_country_type(ds, frame, state).sum(axis=1))
    foreign = countries[countries != ix.home]
    continents = {c for c in ix.iso_continent[foreign] if c >= 0 and ix.continents[c] != ""}
    partners = np.zeros(len(ix.partner_ids), dtype=bool)
    partners[ix.p_partner[mask[ix.p_row]]] = True
    types = _type_sums(ds, mask)
    return KeyFigures(
        instruments=int(types.sum()),
        instruments_by_type={t: int(n) for t, n in zip(ix.types, types) if n},
        partner_countries=len(foreign),
        partner_institutions=int(np.count_nonzero(partners)),
        continents=len(continents),
        infrastructures=int(np.count_nonzero(mask & ix.infrastructure)),
        without_country=int(ix.count[mask & ~ix.located].sum()),
    )


def home_count(ds, frame, state: ViewState) -> int:
    """Collaborations of ``frame`` (weighted by count) in which the home country takes part."""
    ix = ds.index
    return int(_per_country_type(ds, frame, state)[ix.home].sum()) if ix.home >= 0 else 0


def unlocated_by_type(ds, frame) -> dict[str, int]:
    """Collaborations of ``frame`` with no country on the map (weighted by count), per type (non-zero ones)."""
    ix = ds.index
    sums = _type_sums(ds, rows_of(ds, frame) & ~ix.located)
    return {t: int(n) for t, n in zip(ix.types, sums) if n}


def infrastructure_sites(ds, frame) -> pd.DataFrame:
    """Infrastructures of ``frame`` that have coordinates, with their lab list as text."""
    if isinstance(frame, Selection):
        sites = ds.collaborations[frame.mask & ds.index.site]
    else:
        sites = frame[(frame["type"] == schema.INFRASTRUCTURE_TYPE) & frame["lat"].notna() & frame["lon"].notna()]
    return sites.assign(labs=sites["in2p3_labs"].map(", ".join))


#: Columns of ``collaboration_table``, in display order (their headers are in ``views.column_labels``).
TABLE_COLUMNS = (
    "id",
    "type",
    "name",
    "countries",
    "theme",
    "labs",
    "partners",
    "years",
    "status",
    "count",
    "confidence",
    "source_url",
    "notes",
)


def titles(frame: pd.DataFrame) -> pd.Series:
    """The name a person reads for each collaboration: "ACRONYM – Name", or the name alone when it holds the
    acronym (the table's Name column, and what a sort by name orders)."""
    acronym, name = frame["acronym"].fillna("").astype(str), frame["name"].fillna("").astype(str)
    prefixed = pd.Series(
        [bool(a) and a.lower() not in n.lower() for a, n in zip(acronym, name)], index=frame.index, dtype=bool
    )
    return (acronym + " – ").where(prefixed, "").str.cat(name)


def collaboration_table(ds, frame: pd.DataFrame) -> pd.DataFrame:
    """The collaborations in view as a table a person reads: one row each, names instead of codes.

    Rows in type order, then by id.
    """
    frame = frame_of(frame).sort_values("order")  # by type (TYPE_ORDER), then id: precomputed at loading
    links = links_of(ds, ds.partner_links, frame)
    partner_names = links.groupby("collaboration_id")["name"].agg(lambda names: "; ".join(sorted(set(names))))
    country_names = ds.countries["name"]

    def years(rec) -> str:
        start, end = rec["start_year"], rec["end_year"]
        if pd.isna(start) and pd.isna(end):
            return ""
        left = "" if pd.isna(start) else str(int(start))
        right = "" if pd.isna(end) else str(int(end))
        return f"{left}–{right}" if right != left else left

    table = pd.DataFrame(
        {
            "id": frame["id"],
            "type": frame["type"].astype(str),
            "name": titles(frame),
            "countries": frame["countries"].map(lambda codes: "; ".join(country_names.get(c, c) for c in codes)),
            "theme": frame["theme"],
            "labs": frame["in2p3_labs"].map("; ".join),
            "partners": frame["id"].map(partner_names).astype(object).fillna(""),
            "years": frame.apply(years, axis=1) if len(frame) else pd.Series(dtype=str),
            "status": frame["status"],
            "count": frame["count"].astype("int64"),
            "confidence": frame["confidence"],
            "source_url": frame["source_url"],
            "notes": frame["notes"],
        }
    )
    rank = {t: i for i, t in enumerate(TYPE_ORDER)}
    table = table.assign(_r=table["type"].map(rank)).sort_values(["_r", "id"]).drop(columns="_r")
    return table.reset_index(drop=True)
