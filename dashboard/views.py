"""Everything one view shows, as numbers and codes, computed once from (data, state): the view model.

The model is the same in every language: ISO3 codes, continent names as codes (country_converter's English names,
which ``i18n`` translates), instrument type codes, years, counts. The words of the page's language are put in at the
edge, where text is drawn: the figure builders (``figures/``), the page (``page/render.py``) and the exports
(``exports/``), with the texts of ``describe``. This module never imports ``i18n`` (tests/unit/test_architecture.py).

Every number comes from ``aggregate``, counted on the view's ``aggregate.Selection`` (a mask), never on a filtered
frame; what is left here is the map's classes and framing, which the page and the images draw alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import aggregate, look, schema
from .datastore.compare import ENDED, NEW, Changes
from .state import DEFAULT_LANG, ViewState

#: The charts of a view, by the names of their image exports (``/export/chart/<name>.png``).
CHART_IDS = ("continent", "top", "type", "timeline")


class Site(NamedTuple):
    """An infrastructure site on the map, as the tables give it."""

    iso3: str  # its (first) country, "" when it has none
    name: str
    kind: str
    site: str
    status: str  # as the tables write it ("under construction"): ``i18n.status_name`` names it
    labs: str  # the IN2P3 labs that take part, comma-separated ("" when the sources name none)
    lon: float
    lat: float


@dataclass(frozen=True)
class MapModel:
    """The map of a view: what colours each country, in which class, home, sites, and what the map frames.

    It depends on the filters and the measure only (:func:`map_filters`): the selection is outlined over it (by
    the browser on the page, by the images in the exports), so one map serves every selection of a view.
    """

    measure: str  # what colours the countries: a key of ``schema.MEASURES``
    values: pd.DataFrame  # foreign countries with a value, largest first: ISO3 index; value, breakdown, klass
    breaks: tuple[tuple[int, int], ...]  # each class's (lowest, highest) value, in order; the last open-ended
    no_data: tuple[str, ...]  # the map's countries with no value (home apart), sorted
    home: str | None  # the home country, when the geometry has it
    home_count: int  # collaborations in which home takes part
    small: tuple[str, ...]  # countries with a value too small to click: drawn with a marker too (values' order)
    sites: tuple[Site, ...]
    lon_range: tuple[float, float]  # what the map frames: the continent filter's viewports, or the world
    lat_range: tuple[float, float]
    continents: tuple[str, ...]  # the continent filter
    countries: pd.DataFrame  # the data set's countries of the map: ISO3 index; name (the data's), lon, lat (label)


@dataclass(frozen=True)
class KeyFigure:
    """One key figure: what it counts (``key``, the page card's ``data-figure``), its value, and its types."""

    key: str
    value: int
    by_type: dict = field(default_factory=dict)  # type code -> count, for the collaborations ({} otherwise)


@dataclass(frozen=True)
class View:
    """The numbers and codes of one view, for every language (``state.lang`` is left at the default)."""

    state: ViewState  # the view's filters, selection, measure, presentation (language left out)
    data_date: date
    map: MapModel
    selection: tuple[str, ...]  # the selected countries (ISO3), outlined on the map
    key_figures: tuple[KeyFigure, ...]
    unlocated: dict  # type code -> collaborations in view with no country on the map (non-zero ones)
    by_continent: pd.DataFrame  # aggregate.by_continent: continent, type, count (display order)
    top_countries: pd.DataFrame  # aggregate.top_countries: iso3, name, type, count (largest first)
    by_type: pd.DataFrame  # aggregate.by_type: type, count
    per_year: pd.DataFrame  # aggregate.per_year: year, type, count
    left_out: int  # collaborations in view with no known start year (not in ``per_year``)
    years: tuple[int, int] | None  # the active-in-years filter, shaded on the timeline
    rows: int  # collaboration rows in view
    total: int  # collaborations in view, each row weighted by its count
    table: pd.DataFrame | None  # the rows in view (:func:`collaboration_rows`), when asked for


def map_filters(state: ViewState) -> ViewState:
    """What the map of ``state`` depends on: its filters and measure (not the selection, language, presentation
    mode or story step). The page keeps one map per such state."""
    return state.with_(countries=(), step=None, lang=DEFAULT_LANG, present=False)


def build_view(ds, state: ViewState, *, with_table: bool = True, map_model: MapModel | None = None) -> View:
    """The view model of ``state`` on the data set ``ds``.

    ``with_table=False`` leaves the table out: the page builds it one page at a time (``page/table.py``); the
    exports take it whole. ``map_model`` is the view's map when it is already known (``build_map_model`` of the same
    filters: the page keeps one per filters, for every selection).
    """
    in_view = aggregate.select(ds, state)
    f = aggregate.key_figures(ds, in_view, state)
    per_year, left_out = aggregate.per_year(ds, in_view)
    return View(
        state=state.with_(lang=DEFAULT_LANG),
        data_date=ds.data_date,
        map=map_model if map_model is not None else build_map_model(ds, state),
        selection=state.countries,
        key_figures=(
            KeyFigure("collaborations", f.instruments, dict(f.instruments_by_type)),
            KeyFigure("partner-countries", f.partner_countries),
            KeyFigure("partner-institutions", f.partner_institutions),
            KeyFigure("continents", f.continents),
            KeyFigure("infrastructures", f.infrastructures),
        ),
        unlocated=aggregate.unlocated_by_type(ds, in_view),
        by_continent=aggregate.by_continent(ds, in_view, state),
        top_countries=aggregate.top_countries(ds, in_view, state),
        by_type=aggregate.by_type(in_view),
        per_year=per_year,
        left_out=left_out,
        years=state.years,
        rows=len(in_view),
        total=in_view.total(),
        table=collaboration_rows(ds, in_view.frame) if with_table else None,
    )


def build_map_model(ds, state: ViewState, *, top: int | None = None) -> MapModel:
    """The map of ``state``: the collaborations that pass its filters (whichever countries are selected), counted
    per country by its measure, in classes; home apart; sites; framed on its continents.

    ``top`` sets the classes as if the largest value were ``top`` (a series of maps in the same classes, such as the
    years of the animation; values above it go to the last class), instead of the view's own largest value."""
    filtered = aggregate.select(ds, state, with_selection=False)
    values = aggregate.country_values(ds, filtered, state)
    countries = ds.countries
    home = schema.HOME_ISO3
    foreign = values[values.index != home]
    largest = int(foreign["value"].max()) if len(foreign) else 0
    breaks = class_breaks(top if top is not None else largest)
    if len(foreign):
        foreign = foreign.assign(klass=_classes(foreign["value"], breaks))
    else:
        foreign = foreign.assign(klass=pd.Series(dtype="int64"))
    small = foreign.index[foreign.index.isin(countries.index[countries["small"]])]
    lon_range, lat_range = framing(state.continents)
    return MapModel(
        measure=state.measure,
        values=foreign,
        breaks=tuple(breaks),
        no_data=tuple(countries.index.difference(foreign.index).difference([home])),
        home=home if home in countries.index else None,
        home_count=aggregate.home_count(ds, filtered, state),
        small=tuple(small),
        sites=_sites(aggregate.infrastructure_sites(ds, filtered)),
        lon_range=lon_range,
        lat_range=lat_range,
        continents=state.continents,
        countries=countries,
    )


def class_breaks(max_value: int) -> list[tuple[int, int]]:
    """Classes of whole numbers from 1 to ``max_value``: single values while few, then 3–4, 5–9, 10–19, ...

    At most ``len(look.CLASS_COLORS)`` classes (one colour each); the last is open-ended ("20+").
    """
    most = len(look.CLASS_COLORS)
    if max_value <= 0:
        return []
    if max_value <= most:
        return [(v, v) for v in range(1, max_value + 1)]
    edges = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]
    bins = []
    for lo, nxt in zip(edges, edges[1:]):
        bins.append((lo, nxt - 1))
        if nxt > max_value:
            break
    else:
        bins.append((edges[-1], max_value))
    if len(bins) > most:
        bins = bins[: most - 1] + [(bins[most - 1][0], max_value)]
    lo, _ = bins[-1]
    bins[-1] = (lo, max(max_value, lo))
    return bins


def _classes(values: pd.Series, bins) -> pd.Series:
    """The class of each value: the first of ``bins`` whose upper bound it does not pass (the last for larger)."""
    upper = np.array([hi for _, hi in bins])
    return pd.Series(
        np.minimum(np.searchsorted(upper, values.to_numpy(), side="left"), len(bins) - 1), index=values.index
    )


def framing(continents: tuple[str, ...]) -> tuple[tuple[float, float], tuple[float, float]]:
    """(longitudes, latitudes) the map shows: the union of the continents' viewports, or the world."""
    views = [look.VIEWPORTS[c] for c in continents if c in look.VIEWPORTS]
    if not views:
        return look.WORLD_VIEW
    lon_range = (min(v[0][0] for v in views), max(v[0][1] for v in views))
    lat_range = (min(v[1][0] for v in views), max(v[1][1] for v in views))
    return lon_range, lat_range


def _sites(sites: pd.DataFrame) -> tuple[Site, ...]:
    """``aggregate.infrastructure_sites`` as records (columns read as lists: a frame read row by row is slow)."""
    return tuple(
        Site(codes[0] if codes else "", *row)
        for codes, *row in zip(
            sites["countries"].tolist(),
            sites["name"].tolist(),
            sites["kind"].tolist(),
            sites["site"].tolist(),
            sites["status"].tolist(),
            sites["labs"].tolist(),
            sites["lon"].tolist(),
            sites["lat"].tolist(),
        )
    )


def stacked_counts(table: pd.DataFrame, category: str) -> tuple[list, np.ndarray]:
    """The bars of a chart stacked by instrument type, from a long ``table`` (columns ``category``, type, count):
    the categories in the table's order, and their counts as an array (categories x ``schema.INSTRUMENT_TYPES``)."""
    order = list(dict.fromkeys(table[category]))
    position = {value: i for i, value in enumerate(order)}
    kinds = {kind: k for k, kind in enumerate(schema.INSTRUMENT_TYPES)}
    wide = np.zeros((len(order), len(schema.INSTRUMENT_TYPES)), dtype="int64")
    # one pass over the (small) table's rows
    for value, kind, count in zip(table[category].tolist(), table["type"].tolist(), table["count"].tolist()):
        wide[position[value], kinds[kind]] += count
    return order, wide


def collaboration_rows(ds, frame: pd.DataFrame) -> pd.DataFrame:
    """``aggregate.collaboration_table`` of ``frame`` (names as the tables write them), with each row's countries as
    ISO3 codes (column ``iso3``, a tuple), for the names of another language (``describe.localised_table``)."""
    table = aggregate.collaboration_table(ds, frame)
    codes = frame.set_index("id")["countries"]
    table["iso3"] = table["id"].map(lambda i: tuple(codes.get(i, ())))
    return table


def view_changes(changes: Changes, state: ViewState, *, with_selection: bool = True) -> Changes:
    """What of ``changes`` (``datastore.compare``: since a version, over all the data) concerns the view ``state``,
    counted again: new collaborations its filters keep in the data served, ended ones they kept in the version
    compared with, changed ones they keep in either (one that left the view changed it too). The filters are the
    aggregation's own (``aggregate.select``), run on each side, as the comparison's rules ask.
    ``with_selection=False``: the map's view, its filters without the selected countries."""
    old, new = changes.old_data, changes.new_data
    if old is None or new is None or changes.is_empty:
        return changes
    if not state.is_filtered and not (with_selection and state.countries):
        return changes
    kept_new = set(aggregate.select(new, state, with_selection=with_selection).frame["id"])
    kept_old = set(aggregate.select(old, state, with_selection=with_selection).frame["id"])
    keep = [
        change.id
        for change in changes.all()
        if (change.kind != ENDED and change.id in kept_new) or (change.kind != NEW and change.id in kept_old)
    ]
    return changes.subset(keep)
