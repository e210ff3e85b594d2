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
from dash import html

from .. import aggregate, i18n
from ..describe import localised_table
from ..loading import Dataset, PerDataset
from ..state import ViewState

#: Rows per page of the table.
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
        """A sort as the page's table state keeps it (``[{"column_id": ..., "direction": "asc"|"desc"}]``, the form
        of Dash's DataTable ``sort_by``); anything else: no sort."""
        if not isinstance(sort_by, (list, tuple)) or not sort_by or not isinstance(sort_by[0], dict):
            return cls()
        column, direction = sort_by[0].get("column_id"), sort_by[0].get("direction")
        if column not in SORTABLE or direction not in ("asc", "desc"):
            return cls()
        return cls(column, direction == "desc")

    def to_dash(self) -> list[dict]:
        """This sort in the form :meth:`from_dash` reads (kept by the page between two requests)."""
        if self.column is None:
            return []
        return [{"column_id": self.column, "direction": "desc" if self.descending else "asc"}]

    def then(self, column: str) -> Sort:
        """The sort after a click on ``column``'s header: ascending, then descending, then ascending again."""
        return Sort(column, not self.descending) if column == self.column else Sort(column)


def page_number(value, pages: int) -> int:
    """A page number from the browser as a page that exists (0 for anything that is not a whole number)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return 0
    return min(max(int(value), 0), max(pages - 1, 0))


def page_count(rows: int) -> int:
    return max(1, math.ceil(rows / PAGE_SIZE))


#: The sort ranks of a data set computed so far, by (column, language): ``ranks_of(ds)``, filled by ``_ranks``
#: (every one by ``prepare``, at start-up). Kept by the table that sorts on them, as long as the data set lives.
ranks_of: PerDataset[dict] = PerDataset(lambda ds: {})


def _sort_key(ds: Dataset, column: str, lang: str):
    """What the cells of ``column`` show, for every collaboration of ``ds``, as something to sort by (one each)."""
    frame = ds.collaborations
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
        links = ds.partner_links
        ranks, _ = pd.factorize(links["name"].str.casefold().to_numpy(dtype=object), sort=True)
        first = np.full(len(frame), np.iinfo(np.int64).max)  # per collaboration, by position (a link's "row")
        np.minimum.at(first, links["row"].to_numpy(), ranks)
        return np.where(first == np.iinfo(np.int64).max, -1, first)
    if column == "years":
        return frame["start_year"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    if column == "count":
        return frame["count"].to_numpy()
    named = {"theme": i18n.theme_name, "status": i18n.status_name, "confidence": i18n.confidence_name}
    if column in named:
        return frame[column].astype(object).map(lambda v: named[column](v, lang)).fillna("").str.casefold().to_numpy()
    return frame[column].astype(object).fillna("").astype(str).str.casefold().to_numpy()


def _ranks(ds: Dataset, column: str, lang: str) -> list[np.ndarray]:
    """For every collaboration of ``ds``, the rank of what its cell of ``column`` shows among all the data set's
    (-1: empty), then, for years, the rank of its end year: computed once per data set, column and language
    (kept in ``ranks_of(ds)``), so that a view's sort is a sort of small integers."""
    cache = ranks_of(ds)
    if (column, lang) not in cache:
        frame = ds.collaborations
        ranks = [pd.factorize(_sort_key(ds, column, lang), sort=True)[0]]
        if column == "years":  # then by the end year, as the cell reads "2015–2020"
            end = frame["end_year"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            ranks.append(pd.factorize(end, sort=True)[0])
        cache[(column, lang)] = ranks
    return cache[(column, lang)]


def prepare(ds: Dataset) -> None:
    """Every column's sort ranks in both languages, now (at start-up: no first sort then waits for them; about
    3 s at 10^5 collaborations, a few ms with the shipped data)."""
    for lang in i18n.LANGUAGES:
        for column in SORTABLE:
            _ranks(ds, column, lang)


def sorted_rows(ds: Dataset, rows: np.ndarray, sort: Sort, lang: str) -> np.ndarray:
    """Positions into ``rows`` (collaborations of ``ds``, by position) in the order ``sort`` asks for (the table's
    own order breaks ties; empty cells last in both directions)."""
    order = aggregate.index_of(ds).order[rows]
    if sort.column is None or sort.column == "type" and not sort.descending:
        return np.argsort(order, kind="stable")
    last = len(ds.collaborations) + 1
    keys = [order]
    for ranks in reversed(_ranks(ds, sort.column, lang)):
        rank = ranks[rows]
        keys.append(np.where(rank < 0, last, -rank if sort.descending else rank))
    return np.lexsort(keys)  # the last key first


def table_rows(table: pd.DataFrame, lang: str) -> tuple[list[dict], list[dict]]:
    """The rows of a page (long partner lists shortened to :data:`PARTNERS_SHOWN` names and "and 4 more") and, for
    each, what its cells say in full: ``{"name": notes, "partners": every partner}`` where there is more to say."""
    rows, details = [], []
    for record in table.to_dict("records"):
        notes = record.pop("notes", "")
        more = {"name": notes} if notes else {}
        names = [n for n in record["partners"].split("; ") if n]
        if len(names) > PARTNERS_SHOWN:
            record["partners"] = (
                "; ".join(names[:PARTNERS_SHOWN]) + "; " + i18n.t("and_more", lang, n=len(names) - PARTNERS_SHOWN)
            )
            more["partners"] = "; ".join(names)
        rows.append(record)
        details.append(more)
    return rows, details


@dataclass(frozen=True)
class Page:
    rows: list  # the page's rows (column id -> text)
    tooltips: list  # per row, what a cell says in full (notes, every partner): table_rows
    number: int  # which page, from 0
    count: int  # how many pages
    total: int = 0  # rows of the view, all pages


def _cell(column: str, row: dict, more: dict, lang: str):
    """The content of one cell: text; a link to the source (named with the row's name for screen readers); the
    whole partner list or the notes in a details element (reachable with the keyboard, unlike a tooltip)."""
    value = row.get(column, "")
    if column == "source_url":
        if not value:
            return ""
        return html.A(
            [i18n.t("col_source", lang), html.Span(f" ({row.get('name', '')})", className="visually-hidden")],
            href=value,
            target="_blank",
            rel="noopener noreferrer",
            className="source-link",
        )
    text = "" if value is None else str(value)
    if column == "partners" and more.get("partners"):
        return html.Details([html.Summary(text), html.P(more["partners"])], className="cell-more")
    if column == "name" and more.get("name"):
        return [text, html.Details([html.Summary(i18n.t("notes", lang)), html.P(more["name"])], className="cell-more")]
    return text


def html_rows(page: Page, columns, lang: str) -> list:
    """The ``tr`` elements of ``page``'s rows, cells in the order of ``columns`` (one row saying so if none)."""
    if not page.rows:
        return [html.Tr(html.Td(i18n.t("no_rows", lang), colSpan=len(columns), className="table-empty"))]
    return [
        html.Tr([html.Td(_cell(column, row, more, lang), className=f"col-{column}") for column in columns])
        for row, more in zip(page.rows, page.tooltips)
    ]


def page_status(page: Page, lang: str) -> str:
    """ "Page 2 of 5 · rows 16–30 of 67": announced (politely) when it changes."""
    text = i18n.t("page_of", lang, page=i18n.number(page.number + 1, lang), count=i18n.number(page.count, lang))
    if page.total:
        first = page.number * PAGE_SIZE + 1
        last = min(first + PAGE_SIZE - 1, page.total)
        numbers = {"first": first, "last": last, "total": page.total}
        text += " · " + i18n.t("rows_of", lang, **{k: i18n.number(v, lang) for k, v in numbers.items()})
    return text


class SortedView:
    """The collaborations of one view (their positions in the data set) and their orders, once per sort."""

    def __init__(self, ds: Dataset, state: ViewState):
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
        pages = page_count(len(self.rows))
        number = page_number(number, pages)
        positions = self.order(sort or Sort())[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        chosen = self.ds.collaborations.iloc[self.rows[positions]]
        table = localised_table(self.ds, chosen, self.lang)
        if len(table):
            table = table.set_index("id").loc[chosen["id"].to_list()].reset_index()  # in the sorted order
        rows, details = table_rows(table, self.lang)
        return Page(rows, details, number, pages, len(self.rows))


def table_key(state: ViewState) -> ViewState:
    """The parts of a view state the table depends on (not the measure, presentation mode or story step)."""
    return state.with_(measure=ViewState().measure, present=False, step=None)
