"""The profile of one country in a view, as numbers, codes and the data's own text (names, cities, sources): what
the page shows beside the map when one country is selected, the deck's profile slide and the profile image.

Like ``views``, it is the same in every language (no ``i18n``): ``describe`` and the page, the deck and the images put
the words in. Its collaborations are those of the view's filters in which the country takes part, as the map counts
them (the country among their countries: ``counted``), then those in which only one of its institutions takes part
(a space mission of its agency, a facility abroad with one of its labs: shown, and said not to count for the country
on the map). Its partners are the institutions of the country (and the international organisations seated there)
in those collaborations, with their cities; its labs, the IN2P3 labs those collaborations name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import aggregate, schema
from .state import ViewState


class ProfileItem(NamedTuple):
    """A collaboration of the profile."""

    id: str
    type: str  # instrument type code (INFRA for an infrastructure)
    acronym: str
    name: str
    start: int | None  # its first and last known years (None: not known; a running one has no end)
    end: int | None
    status: str  # as the tables write it (``i18n.status_name`` names it)
    site: str  # an infrastructure's site, as the table writes it
    count: int  # instruments it stands for (the 22 IEA are one row)
    labs: tuple[str, ...]  # the IN2P3 labs it names
    partners: tuple[str, ...]  # the ids of the country's institutions that take part in it
    source_url: str
    counted: bool  # the country is one of its countries (the map and the key figures count it for the country)


class ProfilePartner(NamedTuple):
    """An institution of the country (or an international organisation seated there) in the profile's collaborations."""

    id: str
    name: str
    acronym: str
    city: str
    international: bool  # an international organisation: seated in the country, counted in none
    collaborations: tuple[str, ...]  # the ids of the profile's collaborations it takes part in
    source_url: str


class ProfileLab(NamedTuple):
    """An IN2P3 lab named by the profile's collaborations."""

    code: str
    name: str
    city: str
    collaborations: tuple[str, ...]


@dataclass(frozen=True)
class CountryProfile:
    """One country's profile in a view (see the module's docstring)."""

    iso3: str
    name: str  # the data's name of the country (the words of a language come from ``i18n.country_name``)
    continent: str
    collaborations: tuple[ProfileItem, ...]  # counted ones first, each group in the table's order (type, then id)
    partners: tuple[ProfilePartner, ...]  # most collaborations first, then by name
    labs: tuple[ProfileLab, ...]  # most collaborations first, then by code
    first_year: int | None  # the earliest known start year of its counted collaborations
    by_type: dict = field(default_factory=dict)  # type code -> counted collaborations (weighted by count), non-zero

    @cached_property
    def partner_names(self) -> dict[str, str]:
        """Each partner's id -> its acronym, else its name (how a line names it)."""
        return {p.id: p.acronym or p.name for p in self.partners}

    @property
    def total(self) -> int:
        """Collaborations counted for the country (as on the map and in the key figures of its selection)."""
        return sum(self.by_type.values())

    def instruments(self, counted: bool = True) -> dict[str, tuple[ProfileItem, ...]]:
        """The cooperation instruments (not infrastructures), by type in the types' order (non-empty types)."""
        out: dict = {}
        for item in self.collaborations:
            if item.counted == counted and item.type != schema.INFRASTRUCTURE_TYPE:
                out.setdefault(item.type, []).append(item)
        return {t: tuple(out[t]) for t in schema.INSTRUMENT_TYPES if t in out}

    def infrastructures(self, counted: bool = True) -> tuple[ProfileItem, ...]:
        return tuple(i for i in self.collaborations if i.counted == counted and i.type == schema.INFRASTRUCTURE_TYPE)

    def through_institutions(self) -> tuple[ProfileItem, ...]:
        """The collaborations in which only one of its institutions takes part (not counted for the country)."""
        return tuple(i for i in self.collaborations if not i.counted)


def _years(column: pd.Series) -> list[int | None]:
    """A column of years as ints, None where not known."""
    return [None if year != year else int(year) for year in column.to_numpy(dtype=float, na_value=float("nan"))]


def build_profile(ds, state: ViewState, iso3: str) -> CountryProfile:
    """The profile of the country ``iso3`` among the collaborations that pass the filters of ``state`` (whatever its
    selection)."""
    whole = aggregate.select(ds, state, with_selection=False)
    counted = aggregate.select(ds, state.with_(countries=(iso3,))).mask
    partners = ds.partners
    own = (partners["country_iso3"] == iso3) | ((partners["country_iso3"] == "") & (partners["place_iso3"] == iso3))
    points = aggregate.partner_points(ds, whole)
    points = points[points.index.isin(partners.index[own.to_numpy()])]
    # the (collaboration row, partner) pairs of the country's institutions, by row (each row's partners in order)
    lengths = np.fromiter((len(rows) for rows in points["rows"]), dtype=np.int64, count=len(points))
    flat = np.fromiter(chain.from_iterable(points["rows"]), dtype=np.int64, count=int(lengths.sum()))
    owner = np.repeat(np.arange(len(points)), lengths)
    by_row = np.argsort(flat, kind="stable")
    flat, owner = flat[by_row], owner[by_row]
    mask = counted.copy()
    mask[flat] = True
    frame = ds.collaborations[mask].sort_values("order")
    ids = ds.collaborations["id"].to_numpy(dtype=object)
    rows = frame["row"].to_numpy()
    pids = points.index.to_numpy(dtype=object)
    first, last = np.searchsorted(flat, rows, "left"), np.searchsorted(flat, rows, "right")
    taking_part = [tuple(pids[owner[a:b]]) for a, b in zip(first.tolist(), last.tolist())]
    is_counted = counted[rows]
    # columns as plain lists: a country with most of 10^5 collaborations has tens of thousands of items
    column = lambda name: frame[name].tolist()
    items = [
        ProfileItem(
            cid,
            str(kind),
            acronym,
            name,
            start,
            end,
            status,
            site,
            int(count),
            tuple(labs),
            taking,
            source,
            bool(here),
        )
        for cid, kind, acronym, name, start, end, status, site, count, labs, source, here, taking in zip(
            column("id"),
            column("type"),
            column("acronym"),
            column("name"),
            _years(frame["start_year"]),
            _years(frame["end_year"]),
            column("status"),
            column("site"),
            column("count"),
            column("in2p3_labs"),
            column("source_url"),
            is_counted.tolist(),
            taking_part,
        )
    ]
    items.sort(key=lambda i: not i.counted)  # stable: each group keeps the table's order
    lab_rows = aggregate.lab_points(ds, aggregate.Selection(ds, mask))
    labs = ds.labs.reindex(lab_rows.index)
    lab_list = sorted(
        (
            ProfileLab(code, name, city, tuple(ids[list(rows)]))
            for code, name, city, rows in zip(labs.index, labs["name"], labs["city"], lab_rows["rows"])
        ),
        key=lambda lab: (-len(lab.collaborations), lab.code.lower()),
    )
    chosen = partners.loc[list(points.index)]
    partner_list = sorted(
        (
            ProfilePartner(
                pid,
                name,
                acronym or "",
                city if isinstance(city, str) else "",
                not home,
                tuple(ids[[r for r in rows if mask[r]]]),  # those of the profile
                source,
            )
            for pid, name, acronym, city, home, source, rows in zip(
                chosen.index,
                chosen["name"],
                chosen["acronym"],
                chosen["city"],
                chosen["country_iso3"],
                chosen["source_url"],
                points["rows"],
            )
        ),
        key=lambda p: (-len(p.collaborations), (p.acronym or p.name).lower()),
    )
    counted_frame = frame[is_counted]
    starts = counted_frame["start_year"].dropna()
    kinds = counted_frame.groupby("type", observed=True)["count"].sum()
    country = ds.countries.loc[iso3] if iso3 in ds.countries.index else None
    return CountryProfile(
        iso3=iso3,
        name=str(country["name"]) if country is not None else iso3,
        continent=str(country["continent"]) if country is not None else "",
        collaborations=tuple(items),
        partners=tuple(partner_list),
        labs=tuple(lab_list),
        first_year=int(starts.min()) if len(starts) else None,
        by_type={t: int(kinds[t]) for t in schema.INSTRUMENT_TYPES if t in kinds.index and kinds[t]},
    )


def profile_country(state: ViewState) -> str | None:
    """The country whose profile a view opens: its one selected country, else None."""
    return state.countries[0] if len(state.countries) == 1 else None
