"""The page's table of collaborations, one page at a time, sorted by the server over every row of the view.

The browser holds one page (``PAGE_SIZE`` rows): whatever the size of the data, a view sends a few kB of
table, and a sort orders every collaboration of the view, not only the rows the browser happens to hold.
A sort is on what the cell shows (names in the page's language; years and counts as numbers), ties kept in
the table's own order (by type, then id).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import aggregate, i18n
from ..state import ViewState

#: Rows per page of the table (the DataTable's ``page_size``).
PAGE_SIZE = 15
#: The table shows this many partner names per row; the full list is in the cell's tooltip and the CSV.
PARTNERS_SHOWN = 3
#: Columns a person can sort by (every column the table shows).
SORTABLE = (
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
)


@dataclass(frozen=True)
class Sort:
    """One column and a direction; ``Sort()`` is the table's own order."""

    column: str | None = None
    descending: bool = False

    @classmethod
    def from_dash(cls, sort_by) -> Sort:
        """The DataTable's ``sort_by`` ([{"column_id": ..., "direction": "asc"|"desc"}]); anything else: no sort."""
        if not isinstance(sort_by, (list, tuple)) or not sort_by or not isinstance(sort_by[0], dict):
            return cls()
        column, direction = sort_by[0].get("column_id"), sort_by[0].get("direction")
        if column not in SORTABLE or direction not in ("asc", "desc"):
            return cls()
        return cls(column, direction == "desc")


def page_number(value, pages: int) -> int:
    """The DataTable's ``page_current`` as a page that exists (0 for anything that is not a whole number)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return 0
    return min(max(int(value), 0), max(pages - 1, 0))


def page_count(rows: int) -> int:
    return max(1, math.ceil(rows / PAGE_SIZE))


def _sort_key(ds, frame: pd.DataFrame, column: str, lang: str):
    """What the cells of ``column`` show, for ``frame``'s rows, as something to sort by (one per row)."""
    if column == "type":
        return frame["order"].to_numpy()
    if column == "name":
        return aggregate.titles(frame).str.casefold().to_numpy()
    if column == "countries":  # many collaborations share their list of countries: each list named once
        names: dict = {}
        texts: dict = {}

        def text(codes) -> str:
            if codes not in texts:
                texts[codes] = "; ".join(
                    names[c] if c in names else names.setdefault(c, i18n.country_name(c, lang)) for c in codes
                ).casefold()
            return texts[codes]

        return np.array([text(tuple(codes)) for codes in frame["countries"]], dtype=object)
    if column == "labs":
        return frame["in2p3_labs"].map("; ".join).str.casefold().to_numpy()
    if column == "partners":  # the first name of the cell's sorted list (none: first), as a rank among all names
        links = aggregate.links_of(ds, ds.partner_links, frame)
        ranks, _ = pd.factorize(links["name"].str.casefold().to_numpy(dtype=object), sort=True)
        first = np.full(len(ds.collaborations), np.iinfo(np.int64).max)
        np.minimum.at(first, links["row"].to_numpy(), ranks)
        key = first[frame["row"].to_numpy()]
        return np.where(key == np.iinfo(np.int64).max, -1, key)
    if column == "years":
        return frame["start_year"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    if column == "count":
        return frame["count"].to_numpy()
    named = {"theme": i18n.theme_name, "status": i18n.status_name, "confidence": i18n.confidence_name}
    if column in named:
        return frame[column].astype(object).map(lambda v: named[column](v, lang)).fillna("").str.casefold().to_numpy()
    return frame[column].astype(object).fillna("").astype(str).str.casefold().to_numpy()


def _ranks(ds, column: str, lang: str) -> list[np.ndarray]:
    """For every collaboration of ``ds``, the rank of what its cell of ``column`` shows among all the data set's
    (-1: empty), then, for years, the rank of its end year: computed once per data set, column and language
    (kept in ``ds.index.ranks``), so that a view's sort is a sort of small integers."""
    cache = ds.index.ranks
    if (column, lang) not in cache:
        frame = ds.collaborations
        ranks = [pd.factorize(_sort_key(ds, frame, column, lang), sort=True)[0]]
        if column == "years":  # then by the end year, as the cell reads "2015–2020"
            end = frame["end_year"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            ranks.append(pd.factorize(end, sort=True)[0])
        cache[(column, lang)] = ranks
    return cache[(column, lang)]


def prepare(ds) -> None:
    """Every column's sort ranks in both languages, now (at start-up: no first sort then waits for them; about
    3 s at 10^5 collaborations, a few ms with the shipped data)."""
    for lang in i18n.LANGUAGES:
        for column in SORTABLE:
            _ranks(ds, column, lang)


def sorted_rows(ds, rows: np.ndarray, sort: Sort, lang: str) -> np.ndarray:
    """Positions into ``rows`` (collaborations of ``ds``, by position) in the order ``sort`` asks for (the table's
    own order breaks ties; empty cells last in both directions)."""
    order = ds.index.order[rows]
    if sort.column is None or sort.column == "type" and not sort.descending:
        return np.argsort(order, kind="stable")
    last = len(ds.collaborations) + 1
    keys = [order]
    for ranks in reversed(_ranks(ds, sort.column, lang)):
        rank = ranks[rows]
        keys.append(np.where(rank < 0, last, -rank if sort.descending else rank))
    return np.lexsort(keys)  # the last key first


def table_rows(table: pd.DataFrame, lang: str) -> tuple[list[dict], list[dict]]:
    """DataTable rows (long partner lists shortened, source as a link) and the matching tooltips."""
    rows, tooltips = [], []
    for record in table.to_dict("records"):
        notes = record.pop("notes", "")
        tip = {"name": {"value": notes, "type": "text"}} if notes else {}
        names = [n for n in record["partners"].split("; ") if n]
        if len(names) > PARTNERS_SHOWN:
            record["partners"] = (
                "; ".join(names[:PARTNERS_SHOWN]) + "; " + i18n.t("and_more", lang, n=len(names) - PARTNERS_SHOWN)
            )
            tip["partners"] = {"value": "; ".join(names), "type": "text"}
        record["source_url"] = f"[{i18n.t('source', lang)}]({record['source_url']})"
        rows.append(record)
        tooltips.append(tip)
    return rows, tooltips


@dataclass(frozen=True)
class Page:
    rows: list  # DataTable ``data``
    tooltips: list  # DataTable ``tooltip_data``
    number: int  # ``page_current``
    count: int  # ``page_count``


class SortedView:
    """The collaborations of one view (their positions in the data set) and their orders, once per sort."""

    def __init__(self, ds, state: ViewState):
        self.ds, self.lang = ds, state.lang
        self.rows = np.flatnonzero(aggregate.select(ds, state).mask)
        self._orders: dict[Sort, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def order(self, sort: Sort) -> np.ndarray:
        """Positions into ``self.rows``, sorted."""
        if sort not in self._orders:
            self._orders[sort] = sorted_rows(self.ds, self.rows, sort, self.lang)
        return self._orders[sort]

    def page(self, number=0, sort: Sort | None = None) -> Page:
        """Page ``number`` (any value: one that exists is chosen) of the view's table sorted by ``sort``."""
        from ..describe import localised_table  # the table's words (describe.py), imported when first asked for

        pages = page_count(len(self.rows))
        number = page_number(number, pages)
        positions = self.order(sort or Sort())[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        chosen = self.ds.collaborations.iloc[self.rows[positions]]
        table = localised_table(self.ds, chosen, self.lang)
        if len(table):
            table = table.set_index("id").loc[chosen["id"].to_list()].reset_index()  # in the sorted order
        rows, tooltips = table_rows(table, self.lang)
        return Page(rows, tooltips, number, pages)


def table_key(state: ViewState) -> ViewState:
    """The parts of a view state the table depends on (not the measure, presentation mode or story step)."""
    return state.with_(measure=ViewState().measure, present=False, step=None)
