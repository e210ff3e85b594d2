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

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import schema
from .state import ViewState

TYPE_ORDER = list(schema.INSTRUMENT_TYPES)


def rows_of(ds, frame: pd.DataFrame) -> np.ndarray:
    """One boolean per collaboration of ``ds`` (by position): is it in ``frame``?"""
    keep = np.zeros(len(ds.collaborations), dtype=bool)
    keep[frame["row"].to_numpy()] = True
    return keep


def links_of(ds, links: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a link table (country_links, lab_links, partner_links) whose collaboration is in ``frame``."""
    return links[rows_of(ds, frame)[links["row"].to_numpy()]]


def _rows_with(ds, links: pd.DataFrame, column: str, values) -> np.ndarray:
    """One boolean per collaboration of ``ds``: has it a link whose ``column`` is one of ``values``?"""
    keep = np.zeros(len(ds.collaborations), dtype=bool)
    keep[links.loc[links[column].isin(values), "row"].to_numpy()] = True
    return keep


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


def filter_collaborations(ds, state: ViewState, *, with_selection: bool = True) -> pd.DataFrame:
    """The collaborations that pass the state's filters (and, if asked, involve a selected country)."""
    frame = ds.collaborations
    mask = pd.Series(True, index=frame.index)
    if state.instruments:
        mask &= frame["type"].isin(state.instruments)
    if state.themes:
        mask &= frame["theme"].isin([schema.THEMES[t] for t in state.themes])
    if state.statuses:
        mask &= frame["status"].isin([schema.STATUSES[s] for s in state.statuses])
    if state.labs:
        mask &= _rows_with(ds, ds.lab_links, "lab", state.labs)
    if state.continents:
        mask &= _rows_with(ds, ds.country_links, "continent", state.continents)
    if state.years:
        mask &= active_between(frame, *state.years, ds.data_date.year)
    if with_selection and state.countries:
        mask &= _rows_with(ds, ds.country_links, "iso3", state.countries)
    return frame[mask]


def visible_links(ds, frame: pd.DataFrame, state: ViewState) -> pd.DataFrame:
    """Country participations of ``frame``; with a continent filter, only the countries of those continents."""
    links = links_of(ds, ds.country_links, frame)
    if state.continents:
        links = links[links["continent"].isin(state.continents)]
    return links


def _breakdown(table: pd.DataFrame) -> pd.Series:
    """Per row of a (country x type) table, a text such as "IRL 1 · INFRA 3"."""
    def text(row) -> str:
        return " · ".join(f"{t} {int(n)}" for t, n in row.items() if n)
    return table.apply(text, axis=1) if len(table) else pd.Series(dtype=str)


def country_values(ds, frame: pd.DataFrame, state: ViewState) -> pd.DataFrame:
    """One row per country with a non-zero value of the state's measure.

    Columns: value (int), breakdown (text by instrument type), name, continent. Indexed by ISO3.
    """
    links = visible_links(ds, frame, state)
    if state.measure == "partners":
        plinks = links_of(ds, ds.partner_links, frame)
        plinks = plinks[plinks["country_iso3"] != ""]
        if state.continents:
            plinks = plinks[plinks["continent"].isin(state.continents)]
        value = plinks.groupby("country_iso3")["partner_id"].nunique()
        by_type = plinks.groupby(["country_iso3", "type"], observed=True)["partner_id"].nunique().unstack(fill_value=0)
    else:
        if state.measure == "infrastructures":
            links = links[links["type"] == schema.INFRASTRUCTURE_TYPE]
        value = links.groupby("iso3")["count"].sum()
        by_type = links.groupby(["iso3", "type"], observed=True)["count"].sum().unstack(fill_value=0)
    by_type = by_type.reindex(columns=[t for t in TYPE_ORDER if t in by_type.columns])
    out = pd.DataFrame({"value": value.astype("int64")})
    out = out[out["value"] > 0]
    out["breakdown"] = _breakdown(by_type.reindex(out.index).fillna(0)) if len(out) else pd.Series(dtype=str)
    out["name"] = ds.countries["name"].reindex(out.index)
    out["continent"] = ds.countries["continent"].reindex(out.index)
    out.index.name = "iso3"
    return out.sort_values("value", ascending=False)


#: Label of the bar of collaborations with no published country (space missions, unlisted partners).
NO_COUNTRY = "No country"


def by_continent(ds, frame: pd.DataFrame, state: ViewState) -> pd.DataFrame:
    """Collaborations per continent and type; each collaboration once per continent.

    Collaborations with no country form a "No country" row (unless a continent filter is set).
    Columns: continent, type, count.
    """
    links = visible_links(ds, frame, state).drop_duplicates(["row", "continent"])
    table = links.groupby(["continent", "type"], observed=True)["count"].sum().reset_index()
    if not state.continents:
        unlocated = frame[~frame["located"]]
        extra = unlocated.groupby("type", observed=True)["count"].sum().reset_index().assign(continent=NO_COUNTRY)
        table = pd.concat([table, extra[extra["count"] > 0]], ignore_index=True)
    table["count"] = table["count"].astype("int64")
    order = list(schema.CONTINENTS) + [NO_COUNTRY]
    table["rank"] = table["continent"].map({c: i for i, c in enumerate(order)})
    return table.sort_values(["rank", "type"]).drop(columns="rank").reset_index(drop=True)


def top_countries(ds, frame: pd.DataFrame, state: ViewState, limit: int = 12) -> pd.DataFrame:
    """The partner countries with most collaborations (France, the home country, is not ranked).

    Columns: iso3, name, type, count; ``limit`` countries, largest first.
    """
    links = visible_links(ds, frame, state)
    links = links[links["iso3"] != schema.HOME_ISO3]
    totals = links.groupby("iso3")["count"].sum().sort_values(ascending=False, kind="stable")
    keep = totals.head(limit).index
    table = links[links["iso3"].isin(keep)].groupby(["iso3", "type"], observed=True)["count"].sum().reset_index()
    table["name"] = table["iso3"].map(ds.countries["name"])
    table["total"] = table["iso3"].map(totals)
    return table.sort_values(["total", "iso3"], ascending=[False, True]).drop(columns="total").reset_index(drop=True)


def by_type(frame: pd.DataFrame) -> pd.DataFrame:
    """Number of instruments per type (rows weighted by ``count``). Columns: type, count."""
    counts = frame.groupby("type", observed=False)["count"].sum().reindex(TYPE_ORDER, fill_value=0)
    return counts.rename_axis("type").reset_index().astype({"count": "int64"})


def per_year(ds, frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Collaborations active each year, by type, for the collaborations with a known start year.

    Returns (table with columns year, type, count; number of collaborations left out for want of a start year).
    """
    first, last = ds.year_bounds
    known = frame[frame["start_year"].notna()]
    left_out = int(frame.loc[frame["start_year"].isna(), "count"].sum())
    # The years a collaboration is active form one interval (active_between's rules, with first = last = year):
    # add its count at its first year and take it off after its last, then a running sum per type gives each
    # year's total in one pass over the rows instead of one pass per year.
    ongoing = known["status"].isin(schema.ONGOING_STATUSES).to_numpy()
    start = known["start_year"].to_numpy(dtype="float64", na_value=np.nan)
    end = known["end_year"].to_numpy(dtype="float64", na_value=np.nan)
    end = np.where(np.isnan(end), np.where(ongoing, last, start), end)
    lo = np.clip(start, first, last + 1).astype("int64") - first
    hi = np.clip(end, first - 1, last).astype("int64") - first + 1
    span = last - first + 1
    kinds = TYPE_ORDER
    codes = pd.Categorical(known["type"], categories=kinds).codes  # already this categorical: no copy
    counts = known["count"].to_numpy(dtype="int64")
    keep = hi > lo
    delta = np.zeros((len(kinds), span + 1), dtype="int64")
    np.add.at(delta, (codes[keep], lo[keep]), counts[keep])
    np.add.at(delta, (codes[keep], hi[keep]), -counts[keep])
    totals = delta.cumsum(axis=1)[:, :span]
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


def key_figures(ds, frame: pd.DataFrame, state: ViewState) -> KeyFigures:
    links = visible_links(ds, frame, state)
    foreign = links[links["iso3"] != schema.HOME_ISO3]
    types = by_type(frame)
    return KeyFigures(
        instruments=int(frame["count"].sum()),
        instruments_by_type={t: int(n) for t, n in zip(types["type"], types["count"]) if n},
        partner_countries=int(foreign["iso3"].nunique()),
        partner_institutions=int(links_of(ds, ds.partner_links, frame)["partner_id"].nunique()),
        continents=int(foreign["continent"].replace("", pd.NA).dropna().nunique()),
        infrastructures=int((frame["type"] == schema.INFRASTRUCTURE_TYPE).sum()),
        without_country=int(frame.loc[~frame["located"], "count"].sum()),
    )


def infrastructure_sites(ds, frame: pd.DataFrame) -> pd.DataFrame:
    """Infrastructures of ``frame`` that have coordinates, with their lab list as text."""
    sites = frame[(frame["type"] == schema.INFRASTRUCTURE_TYPE) & frame["lat"].notna() & frame["lon"].notna()]
    return sites.assign(labs=sites["in2p3_labs"].map(", ".join))


#: Columns of ``collaboration_table``, in display order (their headers are in ``views.column_labels``).
TABLE_COLUMNS = ("id", "type", "name", "countries", "theme", "labs", "partners", "years", "status", "count",
                 "confidence", "source_url", "notes")


def titles(frame: pd.DataFrame) -> pd.Series:
    """The name a person reads for each collaboration: "ACRONYM – Name", or the name alone when it holds the
    acronym (the table's Name column, and what a sort by name orders)."""
    acronym, name = frame["acronym"].fillna("").astype(str), frame["name"].fillna("").astype(str)
    prefixed = pd.Series([bool(a) and a.lower() not in n.lower() for a, n in zip(acronym, name)], index=frame.index,
                         dtype=bool)
    return (acronym + " – ").where(prefixed, "").str.cat(name)


def collaboration_table(ds, frame: pd.DataFrame) -> pd.DataFrame:
    """The collaborations in view as a table a person reads: one row each, names instead of codes.

    Rows in type order, then by id.
    """
    frame = frame.sort_values("order")  # by type (TYPE_ORDER), then id: precomputed at loading
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
