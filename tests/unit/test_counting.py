"""The counting on arrays of codes (aggregate.Index, aggregate.Selection) gives what plain pandas group-bys over the
link tables give: the reference below is the aggregation as it was written before (issue 4, third round), kept
here as the readable statement of the rules (and only here: the app has one engine, the codes)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard import aggregate, schema
from dashboard.loading import validate_folder
from dashboard.state import Vocabulary, parse_query
from dashboard.views import framing

SHIPPED = Path(__file__).resolve().parents[2] / "data"

QUERIES = [
    "",
    "?country=USA",
    "?country=BRA,JPN",
    "?instrument=IRL",
    "?instrument=AGR,INFRA",
    "?continent=Asia",
    "?continent=Europe,Africa",
    "?status=active",
    "?status=ended",
    "?year=2000-2010",
    "?theme=neutrino",
    "?lab=IJCLab",
    "?instrument=IRP&continent=Asia&country=JPN",
    "?country=FRA",
    "?instrument=IEA",
    "?continent=Oceania&country=AUS",
    "?status=planned&year=2025-2030",
    "?measure=partners",
    "?measure=partners&continent=Europe",
    "?measure=infrastructures",
    "?measure=infrastructures&continent=Asia",
]


def _known_years(frame: pd.DataFrame, data_year: int) -> tuple[pd.Series, pd.Series]:
    """Each collaboration's first and last active years by the rules of ``aggregate`` (NA: never active)."""
    ongoing = frame["status"].isin(schema.ONGOING_STATUSES)
    start = frame["start_year"].astype("Float64")
    end = frame["end_year"].astype("Float64")
    start = start.fillna(pd.Series(data_year, index=frame.index, dtype="Float64").where(ongoing))
    end = end.where(end.notna() | ~ongoing, data_year)
    end = end.fillna(start)  # ended, end unknown: only the start year is known
    return start, end


def _active_between(frame: pd.DataFrame, first: int, last: int, data_year: int) -> pd.Series:
    """Boolean mask of the collaborations active at some time in [first, last]."""
    start, end = _known_years(frame, data_year)
    return ((start <= last) & (end >= first)).fillna(False).astype(bool)


def _per_year(ds, frame) -> dict:
    """(year, type) -> collaborations active that year (weighted by count), among those with a known start year."""
    known = frame[frame["start_year"].notna()]
    start, end = _known_years(known, ds.data_date.year)
    first, last = ds.year_bounds
    out: dict = {}
    for kind, since, until, n in zip(known["type"].astype(str), start, end, known["count"]):
        for year in range(max(int(since), first), min(int(until), last) + 1):
            out[(year, kind)] = out.get((year, kind), 0) + int(n)
    return {cell: n for cell, n in out.items() if n}


def _frame(ds, state, with_selection=True):
    """The collaborations of the view, filtered with pandas on the frame itself."""
    frame = ds.collaborations
    mask = pd.Series(True, index=frame.index)
    if state.instruments:
        mask &= frame["type"].isin(state.instruments)
    if state.themes:
        mask &= frame["theme"].isin([schema.THEMES[t] for t in state.themes])
    if state.statuses:
        mask &= frame["status"].isin([schema.STATUSES[s] for s in state.statuses])
    if state.labs:
        mask &= frame["in2p3_labs"].map(lambda labs: bool(set(labs) & set(state.labs)))
    if state.continents:
        ids = ds.country_links.loc[ds.country_links["continent"].isin(state.continents), "collaboration_id"]
        mask &= frame["id"].isin(ids)
    if state.years:
        mask &= _active_between(frame, *state.years, ds.data_date.year)
    if with_selection and state.countries:
        mask &= frame["countries"].map(lambda codes: bool(set(codes) & set(state.countries)))
    return frame[mask]


def _links(ds, frame, state):
    links = ds.country_links[ds.country_links["collaboration_id"].isin(frame["id"])]
    return links[links["continent"].isin(state.continents)] if state.continents else links


def _country_values(ds, frame, state) -> dict:
    links = _links(ds, frame, state)
    if state.measure == "partners":
        plinks = ds.partner_links[ds.partner_links["collaboration_id"].isin(frame["id"])]
        plinks = plinks[plinks["country_iso3"] != ""]
        if state.continents:
            plinks = plinks[plinks["continent"].isin(state.continents)]
        value = plinks.groupby("country_iso3", observed=True)["partner_id"].nunique()
    else:
        if state.measure == "infrastructures":
            links = links[links["type"] == schema.INFRASTRUCTURE_TYPE]
        value = links.groupby("iso3", observed=True)["count"].sum()
    return {str(k): int(v) for k, v in value.items() if v}


def _by_continent(ds, frame, state) -> dict:
    links = _links(ds, frame, state).drop_duplicates(["collaboration_id", "continent"])
    out = {
        (str(c), str(t)): int(n)
        for (c, t), n in links.groupby(["continent", "type"], observed=True)["count"].sum().items()
    }
    if not state.continents:
        for t, n in frame[~frame["located"]].groupby("type", observed=True)["count"].sum().items():
            out[(aggregate.NO_COUNTRY, str(t))] = int(n)
    return out


@pytest.fixture(scope="module")
def weighted(tmp_path_factory):
    """The shipped data with rows standing for 1 to 4 instruments each (``count``), so that weights show."""
    folder = tmp_path_factory.mktemp("weighted") / "data"
    shutil.copytree(SHIPPED, folder)
    table = pd.read_csv(folder / "instruments.csv", dtype=str, keep_default_na=False)
    table["count"] = [str(i % 4 + 1) for i in range(len(table))]
    table.to_csv(folder / "instruments.csv", index=False)
    return validate_folder(folder)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from bench import synth

    return validate_folder(synth.generate(tmp_path_factory.mktemp("synthetic") / "data", 600))


@pytest.fixture(scope="module", params=["mini", "shipped", "weighted", "synthetic"])
def ds(request):
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("query", QUERIES)
def test_cnt001_counts_on_codes_equal_group_bys_over_the_links(ds, query):
    state, _ = parse_query(query, Vocabulary.from_dataset(ds))
    frame = _frame(ds, state)
    on_map = _frame(ds, state, with_selection=False)
    selected, unselected = aggregate.select(ds, state), aggregate.select(ds, state, with_selection=False)

    assert list(selected.frame["id"]) == list(frame["id"])
    assert list(unselected.frame["id"]) == list(on_map["id"])
    assert len(selected) == len(frame) and selected.total() == int(frame["count"].sum())

    values = aggregate.country_values(ds, unselected, state)
    assert {str(k): int(v) for k, v in values["value"].items()} == _country_values(ds, on_map, state)
    assert list(values["value"]) == sorted(values["value"], reverse=True)

    table = aggregate.by_continent(ds, selected, state)
    assert {
        (str(c), str(t)): int(n) for c, t, n in table[["continent", "type", "count"]].itertuples(index=False)
    } == _by_continent(ds, frame, state)

    links = _links(ds, frame, state)
    foreign = links[links["iso3"] != schema.HOME_ISO3]
    totals = foreign.groupby("iso3", observed=True)["count"].sum()
    top = aggregate.top_countries(ds, selected, state)
    ranked = sorted(((-int(n), str(iso)) for iso, n in totals.items() if n))[:12]
    assert list(dict.fromkeys(top["iso3"].astype(str))) == [iso for _, iso in ranked]
    assert top.groupby("iso3", observed=True)["count"].sum().to_dict() == {iso: -n for n, iso in ranked}

    figures = aggregate.key_figures(ds, selected, state)
    assert figures.instruments == int(frame["count"].sum())
    assert figures.partner_countries == foreign["iso3"].nunique()
    assert figures.continents == foreign["continent"].astype(str).replace("", np.nan).dropna().nunique()
    partners = ds.partner_links[ds.partner_links["collaboration_id"].isin(frame["id"])]
    assert figures.partner_institutions == partners["partner_id"].nunique()
    assert figures.without_country == int(frame.loc[~frame["located"], "count"].sum())
    assert figures.infrastructures == int((frame["type"] == schema.INFRASTRUCTURE_TYPE).sum())

    per_type = frame.groupby("type", observed=False)["count"].sum()
    assert dict(zip(aggregate.by_type(selected)["type"], aggregate.by_type(selected)["count"])) == {
        t: int(per_type.get(t, 0)) for t in aggregate.TYPE_ORDER
    }
    years, left_out = aggregate.per_year(ds, selected)
    assert {(int(y), str(t)): int(n) for y, t, n in years.itertuples(index=False)} == _per_year(ds, frame)
    assert left_out == int(frame.loc[frame["start_year"].isna(), "count"].sum())


# -- The map's points and links (aggregate.links), written as plain pandas merges over the link tables ----------


def _continent_of(ds, iso3: pd.Series) -> pd.Series:
    return iso3.map(ds.countries["continent"]).fillna("")


def _pairs(ds, frame, continents, box=None) -> pd.DataFrame:
    """Every (lab, far end) of the collaborations of ``frame``, its weight (distinct collaborations) and why it is
    not drawn ("" when it is)."""
    labs = ds.lab_links[ds.lab_links["collaboration_id"].isin(frame["id"])][["collaboration_id", "lab"]]
    labs = labs.drop_duplicates()
    partners = ds.partner_links[ds.partner_links["collaboration_id"].isin(frame["id"])]
    partners = partners[["collaboration_id", "partner_id"]].astype(str)
    with_partners = labs.merge(partners, on="collaboration_id").rename(columns={"partner_id": "end_id"})
    with_partners["end"] = "partner"
    infrastructures = frame.loc[frame["type"] == schema.INFRASTRUCTURE_TYPE, "id"]
    with_sites = labs[labs["collaboration_id"].isin(infrastructures)].assign(end="site")
    with_sites["end_id"] = with_sites["collaboration_id"]
    triples = pd.concat([with_partners, with_sites], ignore_index=True)
    pairs = triples.groupby(["lab", "end", "end_id"])["collaboration_id"].nunique().rename("collaborations")
    pairs = pairs.reset_index()
    lab_placed = pairs["lab"].map(ds.labs["place_lon"].notna())
    is_partner = pairs["end"] == "partner"
    partner = ds.partners.reindex(pairs["end_id"].where(is_partner))
    site = ds.collaborations.reindex(pairs["end_id"].where(~is_partner))
    end_placed = np.where(
        is_partner, partner["place_lon"].notna().to_numpy(), (site["lat"].notna() & site["lon"].notna()).to_numpy()
    )
    end_iso3 = np.where(
        is_partner,
        partner["place_iso3"].fillna("").to_numpy(dtype=object),
        site["countries"].map(lambda c: c[0] if isinstance(c, tuple) and c else "").to_numpy(dtype=object),
    )
    in_continent = _continent_of(ds, pd.Series(end_iso3, dtype=object)).isin(continents) if continents else True
    if continents and box is not None:  # and on the continents' map
        (lon0, lon1), (lat0, lat1) = box
        lon = np.where(is_partner, partner["place_lon"].to_numpy(dtype=float), site["lon"].to_numpy(dtype=float))
        lat = np.where(is_partner, partner["place_lat"].to_numpy(dtype=float), site["lat"].to_numpy(dtype=float))
        in_continent = np.asarray(in_continent) & (lon >= lon0) & (lon <= lon1) & (lat >= lat0) & (lat <= lat1)
    lab_placed, end_placed = lab_placed.to_numpy(dtype=bool), np.asarray(end_placed, dtype=bool)
    in_continent = np.broadcast_to(np.asarray(in_continent, dtype=bool), end_placed.shape)
    pairs["reason"] = np.select(
        [~lab_placed, ~end_placed & is_partner.to_numpy(dtype=bool), ~end_placed, ~in_continent],
        ["lab_unplaced", "partner_unplaced", "site_unplaced", "off_continent"],
        default="",
    )
    return pairs, triples


@pytest.mark.parametrize("query", QUERIES)
def test_cnt002_points_and_links_equal_merges_over_the_links(ds, query):
    state, _ = parse_query(query, Vocabulary.from_dataset(ds))
    on_map = _frame(ds, state, with_selection=False)
    unselected = aggregate.select(ds, state, with_selection=False)
    continents = state.continents

    box = framing(continents)
    network = aggregate.network(ds, unselected, continents, box)
    expected, triples = _pairs(ds, on_map, continents, box)
    got = network.pairs
    assert sorted(zip(got["lab"], got["end"], got["end_id"], got["collaborations"], got["reason"])) == sorted(
        zip(expected["lab"], expected["end"], expected["end_id"], expected["collaborations"], expected["reason"])
    )
    # every pair is drawn or counted by the reason it is not: drawn + undrawn = all the view's pairs
    assert int(got["drawn"].sum()) + sum(network.undrawn.values()) == len(expected)
    assert network.undrawn == {
        reason: int((expected["reason"] == reason).sum()) for reason in aggregate.UNDRAWN_REASONS
    }

    # arcs: the drawn pairs between two places, weighted by the distinct collaborations behind them
    drawn = expected[expected["reason"] == ""].set_index(["lab", "end", "end_id"])
    kept = triples.set_index(["lab", "end", "end_id"]).index.isin(drawn.index)
    places = triples[kept].copy()
    places["a"] = places["lab"].map(ds.labs["place_lon"]).round(4)
    places["b"] = places["lab"].map(ds.labs["place_lat"]).round(4)
    site_lon, site_lat = places["end_id"].map(ds.collaborations["lon"]), places["end_id"].map(ds.collaborations["lat"])
    places["c"] = places["end_id"].map(ds.partners["place_lon"]).fillna(site_lon).round(4)
    places["d"] = places["end_id"].map(ds.partners["place_lat"]).fillna(site_lat).round(4)
    arcs = {
        ((a, b), (c, d)): n
        for (a, b, c, d), n in places.groupby(["a", "b", "c", "d"])["collaboration_id"].nunique().items()
    }
    columns = ["lab_lon", "lab_lat", "lon", "lat", "collaborations"]
    got_arcs = {((a, b), (c, d)): n for a, b, c, d, n in network.arcs[columns].round(4).itertuples(index=False)}
    assert got_arcs == arcs

    # points: the partners and labs of the view (of its continents), with their collaborations
    plinks = ds.partner_links[ds.partner_links["collaboration_id"].isin(on_map["id"])]
    plinks = plinks.assign(partner_id=plinks["partner_id"].astype(str))
    if continents:
        where = plinks["partner_id"].map(ds.partners["place_iso3"])
        plinks = plinks[_continent_of(ds, where).isin(continents).to_numpy()]
    points = aggregate.partner_points(ds, unselected, continents)
    assert points["collaborations"].to_dict() == plinks.groupby("partner_id")["collaboration_id"].nunique().to_dict()
    llinks = ds.lab_links[ds.lab_links["collaboration_id"].isin(on_map["id"])]
    if continents:
        llinks = llinks[_continent_of(ds, llinks["lab"].map(ds.labs["place_iso3"])).isin(continents).to_numpy()]
    labs = aggregate.lab_points(ds, unselected, continents)
    assert labs["collaborations"].to_dict() == llinks.groupby("lab")["collaboration_id"].nunique().to_dict()

    # collaborations that make no pair
    has_lab = on_map["id"].isin(ds.lab_links["collaboration_id"])
    has_end = on_map["id"].isin(ds.partner_links["collaboration_id"]) | (on_map["type"] == schema.INFRASTRUCTURE_TYPE)
    assert aggregate.unlinked(ds, unselected) == {
        "no_lab": int((has_end & ~has_lab).sum()),
        "no_partner": int((has_lab & ~has_end).sum()),
    }
