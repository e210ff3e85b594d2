"""The map's points and links: the partner institutions and IN2P3 labs of a view, and which lab meets which partner
or infrastructure site in its collaborations.

Rules (the page states them under the map):

* A **point** is a partner institution or an IN2P3 lab that takes part in a collaboration of the view; its number is
  the collaborations of the view it takes part in (rows: a row standing for several unpublished instruments counts
  once, as nobody knows in how many of them each takes part). A continent's view shows the points of that continent
  (by the country where each sits: an international organisation's seat), as its map counts its countries only.
* A **link** (a pair) is an IN2P3 lab and a partner institution that take part in the same collaboration of the view,
  or an IN2P3 lab and the site of an infrastructure it takes part in; its weight is the number of such collaborations
  (rows, as above). A pair is drawn only when both ends have a place: its lab a city, its partner a city or lat/lon
  (an international organisation at its seat), its site coordinates (space missions have none), and, in a
  continent's view, its far end in that continent and on its map (the frame the view shows: the Canary Islands are
  Spain's, and off Europe's map). Every other pair is counted by the reason it is not drawn, never drawn to an
  invented place.
* An **arc** is what the map draws: the pairs between two places (labs of one city, partners or a site of another)
  as one line, whose weight is the number of distinct collaborations of the view behind them.
* Collaborations of the view that name partners or have a site but no IN2P3 lab (or the other way round) make no
  pair; they are counted apart (:func:`unlinked`).

As everywhere in ``aggregate``, a view is a :class:`~.selection.Selection`; the pairs are found with one sorted
search of the partner links by collaboration (no frame joined), and counted with ``np.unique``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .index import Index
from .selection import Selection

#: The kinds of the far end of a link.
PARTNER, SITE = "partner", "site"
#: Why a pair is not drawn (:attr:`Network.undrawn`), and why a collaboration makes no pair (:func:`unlinked`).
UNDRAWN_REASONS = ("lab_unplaced", "partner_unplaced", "site_unplaced", "off_continent")
UNLINKED_REASONS = ("no_lab", "no_partner")


def _grouped(codes: np.ndarray, rows: np.ndarray, size: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """The codes present (0 .. size-1) and, for each, its rows (collaboration positions), in code order."""
    order = np.lexsort((rows, codes))
    codes, rows = codes[order], rows[order]
    present, starts = np.unique(codes, return_index=True)
    return present, np.split(rows, starts[1:]) if len(rows) else []


def _in(codes: np.ndarray, ix: Index, continents) -> np.ndarray:
    """One boolean per continent code of ``codes``: is it one of ``continents`` (every code when none is given)?"""
    if not continents:
        return np.ones(len(codes), dtype=bool)
    return ix.among(codes, ix.continents, continents)


def partner_points(ds, sel: Selection, continents: tuple[str, ...] = ()) -> pd.DataFrame:
    """The partner institutions of the collaborations of ``sel`` (those sitting in ``continents``, if given): index
    partner id (in the partners' order); columns rows (the collaborations' positions, a tuple in the data's order),
    collaborations (how many)."""
    ix = sel.index
    keep = sel.mask[ix.p_row] & _in(ix.partner_continent[ix.p_partner], ix, continents)
    present, rows = _grouped(ix.p_partner[keep], ix.p_row[keep], len(ix.partner_ids))
    return _points(ix.partner_ids[present], rows)


def lab_points(ds, sel: Selection, continents: tuple[str, ...] = ()) -> pd.DataFrame:
    """The IN2P3 labs named by the collaborations of ``sel`` (those in ``continents``, if given): index lab code;
    columns rows, collaborations."""
    ix = sel.index
    keep = sel.mask[ix.l_row] & _in(ix.lab_continent[ix.l_lab], ix, continents)
    present, rows = _grouped(ix.l_lab[keep], ix.l_row[keep], len(ix.labs))
    return _points(ix.labs[present], rows)


def _points(index, rows: list[np.ndarray]) -> pd.DataFrame:
    return pd.DataFrame(
        {"rows": [tuple(r.tolist()) for r in rows], "collaborations": np.array([len(r) for r in rows], dtype="int64")},
        index=pd.Index(np.asarray(index, dtype=object), dtype=object),
    )


def _triples(ix: Index, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every (lab, far end, collaboration) of the collaborations of ``mask``: lab codes, far-end kinds (0 a partner,
    1 a site), far-end codes (a partner code, or the site's collaboration position) and collaboration positions."""
    keep = mask[ix.l_row]
    lab_row, lab = ix.l_row[keep], ix.l_lab[keep]
    # partners: each lab link meets the partner links of its collaboration (partner links sorted by collaboration)
    sorted_rows = ix.p_row[ix.p_sorted]
    start = np.searchsorted(sorted_rows, lab_row, side="left")
    stop = np.searchsorted(sorted_rows, lab_row, side="right")
    n = stop - start
    first = np.repeat(start, n) + (np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n))
    partner = ix.p_partner[ix.p_sorted[first]]
    # sites: each lab link of an infrastructure meets its site
    infra = ix.infrastructure[lab_row]
    labs = np.concatenate([np.repeat(lab, n), lab[infra]])
    kinds = np.concatenate([np.zeros(n.sum(), dtype="int64"), np.ones(int(infra.sum()), dtype="int64")])
    ends = np.concatenate([partner, lab_row[infra]])
    rows = np.concatenate([np.repeat(lab_row, n), lab_row[infra]])
    return labs, kinds, ends, rows


@dataclass(frozen=True)
class Network:
    """The links of a view.

    pairs: one row per (lab, far end): lab (code), end (``PARTNER`` or ``SITE``), end_id (partner id or the site's
    collaboration id), collaborations (the weight), drawn (both ends placed), reason ("" when drawn, else one of
    ``UNDRAWN_REASONS``: the lab first, then the far end), lab_place and end_place (codes of the index's places, -1
    for none). Ordered by lab code, then far end.
    arcs: one row per pair of places drawn: lab_place, end_place, lab_lon, lab_lat, lon, lat, lab_iso3, end_iso3
    (the places' countries), collaborations (distinct collaborations of the view behind the arc), labs and ends (the
    codes and ids of its pairs, tuples). Heaviest first.
    undrawn: pairs not drawn, by reason (every reason, zero included).
    """

    pairs: pd.DataFrame
    arcs: pd.DataFrame
    undrawn: dict


def network(ds, sel: Selection, continents: tuple[str, ...] = (), frame=None) -> Network:
    """The pairs and arcs of the collaborations of ``sel``, in a view of ``continents`` framed on ``frame`` (its
    ``((lon0, lon1), (lat0, lat1))``, with continents) (see the module's rules)."""
    ix = sel.index
    labs, kinds, ends, rows = _triples(ix, sel.mask)
    n_ends = max(len(ix.partner_ids), ix.size) + 1
    # (lab, kind, end) as one code: each pair's weight is its number of (distinct) collaborations
    pair_code = (labs * 2 + kinds) * n_ends + ends
    codes, weight = np.unique(pair_code, return_counts=True)
    lab, kind, end = codes // n_ends // 2, codes // n_ends % 2, codes % n_ends
    lab_place, end_place = ix.lab_place[lab], _end_place(ix, kind, end)
    reason = np.full(len(codes), "", dtype=object)
    reason[(lab_place < 0)] = "lab_unplaced"
    reason[(lab_place >= 0) & (end_place < 0) & (kind == 0)] = "partner_unplaced"
    reason[(lab_place >= 0) & (end_place < 0) & (kind == 1)] = "site_unplaced"
    reason[(reason == "") & ~_shown(ix, kind, end, continents, frame)] = "off_continent"
    site_ids = ds.collaborations["id"].to_numpy(dtype=object)
    pairs = pd.DataFrame(
        {
            "lab": np.asarray(ix.labs, dtype=object)[lab] if len(lab) else np.array([], dtype=object),
            "end": np.where(kind == 0, PARTNER, SITE).astype(object),
            "end_id": np.array(
                [ix.partner_ids[e] if k == 0 else site_ids[e] for k, e in zip(kind.tolist(), end.tolist())],
                dtype=object,
            ),
            "collaborations": weight.astype("int64"),
            "drawn": reason == "",
            "reason": reason,
            "lab_place": lab_place.astype("int64"),
            "end_place": end_place.astype("int64"),
        }
    )
    pairs = pairs.sort_values(["lab", "end", "end_id"], kind="stable").reset_index(drop=True)
    undrawn = {r: int(np.count_nonzero(reason == r)) for r in UNDRAWN_REASONS}
    return Network(pairs=pairs, arcs=_arcs(ix, labs, kinds, ends, rows, pairs, continents, frame), undrawn=undrawn)


def _end_place(ix: Index, kinds: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The place codes of far ends (kinds 0: partner codes; 1: site collaboration positions), -1 for none."""
    partner, site = np.append(ix.partner_place, -1), np.append(ix.site_place, -1)
    return np.where(kinds == 0, partner[np.where(kinds == 0, ends, -1)], site[np.where(kinds == 1, ends, -1)])


def _end_continent(ix: Index, kinds: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The continent codes of far ends (as :func:`_end_place`), -1 for none."""
    partner, site = np.append(ix.partner_continent, -1), np.append(ix.site_continent, -1)
    return np.where(kinds == 0, partner[np.where(kinds == 0, ends, -1)], site[np.where(kinds == 1, ends, -1)])


def _shown(ix: Index, kinds: np.ndarray, ends: np.ndarray, continents, frame) -> np.ndarray:
    """Per far end: is it in ``continents`` and, with a ``frame``, on its map (every far end in a world view)?"""
    shown = _in(_end_continent(ix, kinds, ends), ix, continents)
    if continents and frame is not None:
        place = _end_place(ix, kinds, ends)
        lon = np.append(ix.place_lon, np.nan)[place]
        lat = np.append(ix.place_lat, np.nan)[place]
        (lon0, lon1), (lat0, lat1) = frame
        with np.errstate(invalid="ignore"):
            shown &= (lon >= lon0) & (lon <= lon1) & (lat >= lat0) & (lat <= lat1)
    return shown


def _arcs(ix: Index, labs, kinds, ends, rows, pairs: pd.DataFrame, continents, frame) -> pd.DataFrame:
    """The drawn pairs grouped by their two places, weighted by the distinct collaborations behind each."""
    lab_place, end_place = ix.lab_place[labs], _end_place(ix, kinds, ends)
    drawn = (lab_place >= 0) & (end_place >= 0) & _shown(ix, kinds, ends, continents, frame)
    n_places = len(ix.place_lon) + 1
    arc_row = np.unique((lab_place[drawn] * n_places + end_place[drawn]) * (ix.size + 1) + rows[drawn])
    arc, weight = np.unique(arc_row // (ix.size + 1), return_counts=True)
    lp, ep = arc // n_places, arc % n_places
    members = pairs[pairs["drawn"]].groupby(["lab_place", "end_place"], sort=False)
    labs_of = members["lab"].agg(lambda v: tuple(dict.fromkeys(v)))
    ends_of = members["end_id"].agg(lambda v: tuple(dict.fromkeys(v)))
    key = list(zip(lp.tolist(), ep.tolist()))
    arcs = pd.DataFrame(
        {
            "lab_place": lp.astype("int64"),
            "end_place": ep.astype("int64"),
            "lab_lon": ix.place_lon[lp],
            "lab_lat": ix.place_lat[lp],
            "lon": ix.place_lon[ep],
            "lat": ix.place_lat[ep],
            "lab_iso3": ix.place_iso3[lp].astype(object),
            "end_iso3": ix.place_iso3[ep].astype(object),
            "collaborations": weight.astype("int64"),
            "labs": pd.Series([labs_of.get(k, ()) for k in key], dtype=object),
            "ends": pd.Series([ends_of.get(k, ()) for k in key], dtype=object),
        }
    )
    return arcs.sort_values(["collaborations", "lab_place", "end_place"], ascending=[False, True, True]).reset_index(
        drop=True
    )


def unlinked(ds, sel: Selection) -> dict[str, int]:
    """Collaborations of ``sel`` that make no pair: ``no_lab``, those with partners or a site but no IN2P3 lab named;
    ``no_partner``, those with IN2P3 labs but no partner institution and no site (rows, every reason)."""
    ix = sel.index
    has_lab = np.zeros(ix.size, dtype=bool)
    has_lab[ix.l_row] = True
    has_end = ix.infrastructure.copy()
    has_end[ix.p_row] = True
    return {
        "no_lab": int(np.count_nonzero(sel.mask & has_end & ~has_lab)),
        "no_partner": int(np.count_nonzero(sel.mask & has_lab & ~has_end)),
    }
