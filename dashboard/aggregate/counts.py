"""The numbers of a view: every count a ``np.bincount`` over the codes of :class:`~.index.Index`, for the rows a
:class:`~.selection.Selection` keeps. Results are small pandas frames, in the order the page shows them.

No function here modifies what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import schema
from ..loading import Dataset
from ..schema import NO_COUNTRY
from ..state import ViewState
from .index import Index
from .selection import Selection

TYPE_ORDER = list(schema.INSTRUMENT_TYPES)


def _visible(sel: Selection, state: ViewState) -> np.ndarray:
    """One boolean per country link: is it a participation of ``sel`` shown by ``state`` (continent filter)?"""
    ix = sel.index
    keep = sel.mask[ix.c_row]
    if state.continents:
        keep &= ix.among(ix.c_continent, ix.continents, state.continents)
    return keep


def _per_country_type(sel: Selection, state: ViewState, *, only_type: int | None = None) -> np.ndarray:
    """Collaborations (weighted by count) per (country, type) among the visible links: an array (countries x types),
    kept with the selection (a view asks for it four times). Not to be changed by the caller."""
    key = (state.continents, only_type)
    if key not in sel.counts:
        ix = sel.index
        keep = _visible(sel, state)
        if only_type is not None:
            keep &= ix.c_type == only_type
        sums = _sums(ix, ix.c_cell, keep, ix.c_count, len(ix.isos) * len(ix.types))
        sel.counts[key] = sums.reshape(len(ix.isos), len(ix.types))
    return sel.counts[key]


def _sums(ix: Index, cells: np.ndarray, keep: np.ndarray, counts: np.ndarray, size: int) -> np.ndarray:
    """Per cell (0 .. size-1), the counts of the items that ``keep`` keeps (int64)."""
    if ix.weighted:
        return np.bincount(cells[keep], weights=counts[keep], minlength=size).astype("int64")
    return np.bincount(cells[keep], minlength=size)


def _type_sums(ix: Index, mask: np.ndarray) -> np.ndarray:
    """Collaborations of ``mask`` (weighted by count) per instrument type, in the type categories' order."""
    return _sums(ix, ix.type, mask, ix.count, len(ix.types))


def _breakdown_texts(table: np.ndarray, types) -> list[str]:
    """Per row of a (country x type) array, a text such as "IRL 1 · INFRA 3"."""
    return [" · ".join(f"{t} {int(n)}" for t, n in zip(types, row) if n) for row in table]


def country_values(ds: Dataset, sel: Selection, state: ViewState) -> pd.DataFrame:
    """One row per country with a non-zero value of the state's measure.

    Columns: value (int), breakdown (text by instrument type), name, continent. Indexed by ISO3.
    """
    ix = sel.index
    if state.measure == "partners":
        # Distinct partners per country (a partner has one country) and per (country, type).
        keep = sel.mask[ix.p_row] & ix.p_located
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
        by_type = _per_country_type(sel, state, only_type=only)
        value = by_type.sum(axis=1)
        categories = ix.isos
    present = np.flatnonzero(value > 0)
    where = pd.CategoricalIndex(categories[present], categories=categories, name="iso3")
    out = pd.DataFrame({"value": value[present].astype("int64")}, index=where)
    out["breakdown"] = _breakdown_texts(by_type[present], ix.types) if len(out) else pd.Series(dtype=str)
    out["name"] = ds.countries["name"].reindex(out.index)
    out["continent"] = ds.countries["continent"].reindex(out.index)
    return out.sort_values("value", ascending=False)


def by_continent(ds: Dataset, sel: Selection, state: ViewState) -> pd.DataFrame:
    """Collaborations per continent and type; each collaboration once per continent.

    Collaborations with no country form a "No country" row (unless a continent filter is set).
    Columns: continent, type, count.
    """
    ix = sel.index
    keep = sel.mask[ix.u_row]
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
        unlocated = _type_sums(ix, sel.mask & ~ix.located)
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


def top_countries(
    ds: Dataset, sel: Selection, state: ViewState, limit: int = 12, *, include: tuple[str, ...] = ()
) -> pd.DataFrame:
    """The partner countries with most collaborations (France, the home country, is not ranked).

    Columns: iso3, name, type, count; ``limit`` countries, largest first, then the countries of ``include`` (a
    selection to keep in the picture) that are not among them and have collaborations, in the same order.
    """
    ix = sel.index
    table = _per_country_type(sel, state)
    totals = table.sum(axis=1)
    if ix.home >= 0:
        totals[ix.home] = 0
    present = np.flatnonzero(totals)
    # Largest first; ties in code (alphabetical) order.
    ranked = present[np.argsort(-totals[present], kind="stable")]
    ranked = ranked[np.lexsort((ranked, -totals[ranked]))]
    keep = ranked[:limit]
    if include:
        wanted = np.zeros(len(ix.isos) + 1, dtype=bool)
        wanted[ix.codes(ix.isos, include)] = True
        keep = np.concatenate([keep, ranked[limit:][wanted[ranked[limit:]]]])
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


def by_type(sel: Selection) -> pd.DataFrame:
    """Number of instruments per type (rows weighted by ``count``). Columns: type, count."""
    sums = dict(zip(sel.index.types, _type_sums(sel.index, sel.mask)))
    return pd.DataFrame(
        {
            "type": pd.array(TYPE_ORDER, dtype="str"),
            "count": np.array([sums.get(t, 0) for t in TYPE_ORDER], dtype="int64"),
        }
    )


def per_year(ds: Dataset, sel: Selection) -> tuple[pd.DataFrame, int]:
    """Collaborations active each year, by type, for the collaborations with a known start year.

    Returns (table with columns year, type, count; number of collaborations left out for want of a start year).
    """
    first, last = ds.year_bounds
    ix = sel.index
    left_out = int(ix.count[sel.mask & ~ix.has_start].sum())
    # The years a collaboration is active form one interval (the year filter's rules, with first = last = year):
    # its count added at its first year and taken off after its last (cells precomputed in the index), then a
    # running sum per type gives each year's total in one pass over the rows instead of one pass per year.
    kinds = TYPE_ORDER  # the type categories
    span = ix.span
    keep = sel.mask & ix.year_counted
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


def key_figures(ds: Dataset, sel: Selection, state: ViewState) -> KeyFigures:
    """The figure cards' numbers of the collaborations of ``sel`` (the countries as the map of ``state`` shows)."""
    ix = sel.index
    mask = sel.mask
    countries = np.flatnonzero(_per_country_type(sel, state).sum(axis=1))
    foreign = countries[countries != ix.home]
    continents = {c for c in ix.iso_continent[foreign] if c >= 0 and ix.continents[c] != ""}
    partners = np.zeros(len(ix.partner_ids), dtype=bool)
    partners[ix.p_partner[mask[ix.p_row]]] = True
    types = _type_sums(ix, mask)
    return KeyFigures(
        instruments=int(types.sum()),
        instruments_by_type={t: int(n) for t, n in zip(ix.types, types) if n},
        partner_countries=len(foreign),
        partner_institutions=int(np.count_nonzero(partners)),
        continents=len(continents),
        infrastructures=int(np.count_nonzero(mask & ix.infrastructure)),
        without_country=int(ix.count[mask & ~ix.located].sum()),
    )


def home_count(ds: Dataset, sel: Selection, state: ViewState) -> int:
    """Collaborations of ``sel`` (weighted by count) in which the home country takes part."""
    ix = sel.index
    return int(_per_country_type(sel, state)[ix.home].sum()) if ix.home >= 0 else 0


def unlocated_by_type(ds: Dataset, sel: Selection) -> dict[str, int]:
    """Collaborations of ``sel`` with no country on the map (weighted by count), per type (non-zero ones)."""
    ix = sel.index
    sums = _type_sums(ix, sel.mask & ~ix.located)
    return {t: int(n) for t, n in zip(ix.types, sums) if n}


def infrastructure_sites(ds: Dataset, sel: Selection) -> pd.DataFrame:
    """Infrastructures of ``sel`` that have coordinates, with their lab list as text."""
    sites = ds.collaborations[sel.mask & sel.index.site]
    return sites.assign(labs=sites["in2p3_labs"].map(", ".join))
