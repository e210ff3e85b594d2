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


class PartnerPoint(NamedTuple):
    """A partner institution of the view's collaborations, as the map draws it (where its city or seat is)."""

    id: str
    name: str
    acronym: str
    iso3: str  # its country; "" for an international organisation (which counts in no country)
    place_iso3: str  # the country where it sits: its own, or its seat's; a click on its point selects this one
    city: str
    lon: float  # NaN when it has no place: not drawn (``MapModel.unplaced``)
    lat: float
    collaborations: tuple[str, ...]  # ids of the view's collaborations it takes part in, in the data's order
    linked: tuple[str, ...]  # the IN2P3 labs it meets in them (codes)


class LabPoint(NamedTuple):
    """An IN2P3 lab named by the view's collaborations, as the map draws it (its city, labs.csv)."""

    code: str
    name: str
    iso3: str  # its country (FRA, or JPN for ILANCE at Kashiwa); a click on its point selects it
    city: str
    lon: float  # NaN when labs.csv gives it no city (LPCC): not drawn
    lat: float
    collaborations: tuple[str, ...]
    linked: tuple[str, ...]  # the partner ids and site (collaboration) ids it meets in them


class Link(NamedTuple):
    """A drawn pair: an IN2P3 lab and a partner institution (or a site) of the same collaborations of the view."""

    lab: str
    end: str  # aggregate.PARTNER or aggregate.SITE
    end_id: str  # partner id, or the site's collaboration id
    lab_lon: float
    lab_lat: float
    lon: float
    lat: float
    weight: int  # collaborations of the view they share


class Arc(NamedTuple):
    """A line of the map: the drawn pairs between two places, weighted by the distinct collaborations behind them."""

    lab_lon: float
    lab_lat: float
    lon: float
    lat: float
    weight: int
    lab_iso3: str  # the two places' countries: a selection fades the arcs that touch none of its countries
    end_iso3: str
    labs: tuple[str, ...]
    ends: tuple[str, ...]


class PointPlace(NamedTuple):
    """The points of one place (partners of one city, labs of one city): the map draws one marker for them."""

    lon: float
    lat: float
    iso3: str  # the country of the place: a click on its marker selects it
    city: str
    members: tuple  # the PartnerPoint or LabPoint records there, in the model's order
    collaborations: int  # distinct collaborations of the view they take part in


def point_places(points) -> tuple[PointPlace, ...]:
    """``points`` (``MapModel.partners`` or ``.labs``) with a place, grouped by place (its lon/lat and country), in the
    order of their first point: several institutions of one city share one marker, which names them all."""
    groups: dict = {}
    for point in points:
        if np.isnan(point.lon) or np.isnan(point.lat):
            continue
        iso3 = point.place_iso3 if isinstance(point, PartnerPoint) else point.iso3
        groups.setdefault((round(point.lon, 6), round(point.lat, 6), iso3), []).append(point)
    return tuple(
        PointPlace(
            members[0].lon,
            members[0].lat,
            iso3,
            members[0].city,
            tuple(members),
            len({c for m in members for c in m.collaborations}),
        )
        for (_, _, iso3), members in groups.items()
    )


@dataclass(frozen=True)
class MapModel:
    """The map of a view: what colours each country, in which class, home, sites, the partner institutions and labs
    as points, the links between them, and what the map frames.

    It depends on the filters, the measure and ``links`` only (:func:`map_filters`): the selection is outlined over
    it (by the browser on the page, by the images in the exports), so one map serves every selection of a view.
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
    # The partner institutions and IN2P3 labs of the filtered collaborations, and their links (aggregate.links).
    partners: tuple[PartnerPoint, ...] = ()  # in the partners' order
    labs: tuple[LabPoint, ...] = ()  # by lab code
    show_links: bool = False  # the state's ``links``: the arcs are drawn
    links: tuple[Link, ...] = ()  # the pairs drawn (both ends placed), by lab then far end; only with show_links
    arcs: tuple[Arc, ...] = ()  # what is drawn of them, heaviest first; only with show_links
    undrawn: dict = field(default_factory=dict)  # pairs not drawn, by reason (aggregate.UNDRAWN_REASONS)
    unlinked: dict = field(default_factory=dict)  # collaborations making no pair, by reason (UNLINKED_REASONS)
    unplaced: dict = field(default_factory=dict)  # points with no place: {"partners": (ids), "labs": (codes)}
    titles: dict = field(default_factory=dict)  # collaboration id -> its short title, for the points' collaborations


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
    # The two charts that keep the whole picture: counted on the filters without the selection (like the map), the
    # selection's countries and their continents highlighted (``highlight_countries``, ``highlight_continents``).
    by_continent: pd.DataFrame  # aggregate.by_continent: continent, type, count (display order)
    top_countries: pd.DataFrame  # aggregate.top_countries: iso3, name, type, count (largest first, then selected)
    by_type: pd.DataFrame  # aggregate.by_type: type, count
    per_year: pd.DataFrame  # aggregate.per_year: year, type, count
    left_out: int  # collaborations in view with no known start year (not in ``per_year``)
    years: tuple[int, int] | None  # the active-in-years filter, shaded on the timeline
    rows: int  # collaboration rows in view
    total: int  # collaborations in view, each row weighted by its count
    table: pd.DataFrame | None  # the rows in view (:func:`collaboration_rows`), when asked for
    highlight_countries: tuple[str, ...] = ()  # the selected countries, highlighted on the charts that keep them all
    highlight_continents: tuple[str, ...] = ()  # their continents


def map_filters(state: ViewState) -> ViewState:
    """What the map of ``state`` depends on: its filters, measure and links (not the selection, language,
    presentation mode or story step). The page keeps one map per such state."""
    return state.with_(countries=(), step=None, lang=DEFAULT_LANG, present=False)


def build_view(ds, state: ViewState, *, with_table: bool = True, map_model: MapModel | None = None) -> View:
    """The view model of ``state`` on the data set ``ds``.

    ``with_table=False`` leaves the table out: the page builds it one page at a time (``page/table.py``); the
    exports take it whole. ``map_model`` is the view's map when it is already known (``build_map_model`` of the same
    filters: the page keeps one per filters, for every selection).
    """
    in_view = aggregate.select(ds, state)
    whole = aggregate.select(ds, state, with_selection=False) if state.countries else in_view
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
        by_continent=aggregate.by_continent(ds, whole, state),
        top_countries=aggregate.top_countries(ds, whole, state, include=state.countries),
        by_type=aggregate.by_type(in_view),
        per_year=per_year,
        left_out=left_out,
        years=state.years,
        rows=len(in_view),
        total=in_view.total(),
        table=collaboration_rows(ds, in_view.frame) if with_table else None,
        highlight_countries=state.countries,
        highlight_continents=tuple(
            c for c in schema.CONTINENTS if c in set(ds.countries["continent"].reindex(list(state.countries)))
        ),
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
    points = _points(ds, filtered, state.continents, (lon_range, lat_range), with_links=state.links)
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
        show_links=state.links,
        **points,
    )


def _points(ds, filtered: aggregate.Selection, continents: tuple[str, ...], frame, *, with_links: bool) -> dict:
    """The map's points, and (``with_links``) its links, as :class:`MapModel` fields, from ``aggregate.links``: those
    of ``continents`` in a continent's view (framed on ``frame``)."""
    network = aggregate.network(ds, filtered, continents, frame)
    pairs = network.pairs
    partner_rows = aggregate.partner_points(ds, filtered, continents)
    lab_rows = aggregate.lab_points(ds, filtered, continents)
    ids = ds.collaborations["id"].to_numpy(dtype=object)
    used = sorted({r for rows in (*partner_rows["rows"], *lab_rows["rows"]) for r in rows})
    titles = dict(zip(ids[used].tolist(), short_titles(ds.collaborations.iloc[used]).tolist()))
    labs_of = pairs[pairs["end"] == aggregate.PARTNER].groupby("end_id", sort=False)["lab"].agg(tuple)
    ends_of = pairs.groupby("lab", sort=False)["end_id"].agg(tuple)
    partners = ds.partners.reindex(partner_rows.index)
    labs = ds.labs.reindex(lab_rows.index)
    partner_points = tuple(
        PartnerPoint(pid, name, acronym, iso3, place, city, lon, lat, tuple(ids[list(rows)]), labs_of.get(pid, ()))
        for pid, name, acronym, iso3, place, city, lon, lat, rows in zip(
            partners.index,
            partners["name"].tolist(),
            partners["acronym"].fillna("").tolist(),
            partners["country_iso3"].fillna("").tolist(),
            partners["place_iso3"].fillna("").tolist(),
            partners["city"].fillna("").tolist(),
            partners["place_lon"].tolist(),
            partners["place_lat"].tolist(),
            partner_rows["rows"],
        )
    )
    lab_points = tuple(
        LabPoint(code, name, iso3, city, lon, lat, tuple(ids[list(rows)]), ends_of.get(code, ()))
        for code, name, iso3, city, lon, lat, rows in sorted(
            zip(
                labs.index,
                labs["name"].tolist(),
                labs["country_iso3"].tolist(),
                labs["city"].tolist(),
                labs["place_lon"].tolist(),
                labs["place_lat"].tolist(),
                lab_rows["rows"],
            ),
            key=lambda rec: rec[0].lower(),
        )
    )
    fields = {
        "partners": partner_points,
        "labs": lab_points,
        "unplaced": {
            "partners": tuple(p.id for p in partner_points if np.isnan(p.lon)),
            "labs": tuple(p.code for p in lab_points if np.isnan(p.lon)),
        },
        "titles": titles,
    }
    if not with_links:
        return fields
    drawn = pairs[pairs["drawn"]]
    places = aggregate.index_of(ds)
    fields["links"] = tuple(
        Link(lab, end, end_id, *lab_xy, *end_xy, int(weight))
        for lab, end, end_id, lab_xy, end_xy, weight in zip(
            drawn["lab"].tolist(),
            drawn["end"].tolist(),
            drawn["end_id"].tolist(),
            zip(places.place_lon[drawn["lab_place"]].tolist(), places.place_lat[drawn["lab_place"]].tolist()),
            zip(places.place_lon[drawn["end_place"]].tolist(), places.place_lat[drawn["end_place"]].tolist()),
            drawn["collaborations"].tolist(),
        )
    )
    arcs = network.arcs
    fields["arcs"] = tuple(
        Arc(*rec)
        for rec in zip(
            arcs["lab_lon"].tolist(),
            arcs["lab_lat"].tolist(),
            arcs["lon"].tolist(),
            arcs["lat"].tolist(),
            arcs["collaborations"].tolist(),
            arcs["lab_iso3"].tolist(),
            arcs["end_iso3"].tolist(),
            arcs["labs"].tolist(),
            arcs["ends"].tolist(),
        )
    )
    fields["undrawn"] = dict(network.undrawn)
    fields["unlinked"] = aggregate.unlinked(ds, filtered)
    return fields


def short_titles(frame: pd.DataFrame) -> pd.Series:
    """The short name a map's hover or a list gives a collaboration: its acronym, else its name."""
    acronym = frame["acronym"].fillna("").astype(str)
    return acronym.where(acronym != "", frame["name"].fillna("").astype(str))


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
