"""Honest counting on the fixture (counts checked by hand) and the seed figures on the shipped data."""

from __future__ import annotations

import gc
import weakref

from dashboard import aggregate
from dashboard.loading import validate_folder
from dashboard.state import ViewState


def view(ds, **kw):
    state = ViewState(**kw)
    return state, aggregate.select(ds, state)


def test_agg001_totals_weight_rows_by_count(mini):
    state, in_view = view(mini)
    figures = aggregate.key_figures(mini, in_view, state)
    assert figures.instruments == 11
    assert figures.instruments_by_type == {"IRL": 1, "IRP": 1, "IRN": 1, "IEA": 5, "INFRA": 3}
    assert figures.without_country == 6  # 5 IEA + the space mission
    assert figures.partner_countries == 5  # JPN KOR CHN ARG CHE; France is home
    assert figures.partner_institutions == 4
    assert figures.continents == 3  # Asia, South America, Europe (Switzerland)
    assert figures.infrastructures == 3


def test_agg002_map_counts_one_participation_per_country(mini):
    state, in_view = view(mini)
    values = aggregate.country_values(mini, in_view, state)["value"].to_dict()
    assert values == {"JPN": 2, "ARG": 2, "KOR": 1, "CHN": 1, "CHE": 1, "FRA": 1}


def test_agg003_continents_do_not_double_count(mini):
    state, in_view = view(mini)
    table = aggregate.by_continent(mini, in_view, state)
    totals = table.groupby("continent")["count"].sum().to_dict()
    assert totals == {"Asia": 2, "Europe": 1, "South America": 2, "No country": 6}  # the IRN is once in Asia
    assert sum(totals.values()) == 11  # every instrument, once


def test_agg004_selection_filters_views_but_not_the_map(mini):
    state = ViewState(countries=("JPN",))
    in_view = aggregate.select(mini, state)
    assert set(in_view.frame.index) == {"IRL-01", "IRN-01"}
    on_map = aggregate.select(mini, state, with_selection=False)
    assert len(on_map) == 7


def test_agg005_continent_filter_limits_map_to_its_countries(mini):
    state, in_view = view(mini, continents=("South America",))
    assert set(in_view.frame.index) == {"IRP-01", "INF-03"}
    assert set(aggregate.country_values(mini, in_view, state).index) == {"ARG"}


def test_agg006_filters_by_type_theme_lab_status(mini):
    assert set(view(mini, instruments=("IRN", "IEA"))[1].frame.index) == {"IRN-01", "IEA-ALL"}
    assert set(view(mini, themes=("astroparticle-cosmology",))[1].frame.index) == {"IRP-01", "INF-02", "INF-03"}
    assert set(view(mini, labs=("IJCLab",))[1].frame.index) == {"IRL-01", "INF-01"}
    assert set(view(mini, statuses=("ended",))[1].frame.index) == {"IRP-01"}


def test_agg007_active_in_years(mini):
    # IRP-01 ran 2005-2012; rows with no start year count only at the data year (2026) when ongoing.
    assert set(view(mini, years=(2006, 2007))[1].frame.index) == {"IRP-01"}
    assert "IEA-ALL" not in view(mini, years=(2015, 2020))[1].frame.index
    assert {"IEA-ALL", "INF-03"} <= set(view(mini, years=(2026, 2026))[1].frame.index)
    assert "IRP-01" not in view(mini, years=(2013, 2026))[1].frame.index


def test_agg008_partners_measure_counts_distinct_institutions(mini):
    state, in_view = view(mini, measure="partners")
    values = aggregate.country_values(mini, in_view, state)
    assert values["value"].to_dict() == {"JPN": 2, "ARG": 1}  # KEK counted once though in two collaborations
    assert values.at["JPN", "breakdown"] == "IRL 2 · IRN 1"


def test_agg009_infrastructure_measure(mini):
    state, in_view = view(mini, measure="infrastructures")
    assert aggregate.country_values(mini, in_view, state)["value"].to_dict() == {"ARG": 1, "CHE": 1, "FRA": 1}


def test_agg010_top_countries_exclude_home_and_rank(mini):
    state, in_view = view(mini)
    table = aggregate.top_countries(mini, in_view, state)
    assert "FRA" not in set(table["iso3"])
    assert list(dict.fromkeys(table["iso3"]))[:2] == ["ARG", "JPN"]


def test_agg011_per_year_and_left_out(mini):
    state, in_view = view(mini)
    table, left_out = aggregate.per_year(mini, in_view)
    assert left_out == 6
    y2011 = table[table["year"] == 2011].set_index("type")["count"].to_dict()
    assert y2011 == {"IRL": 1, "IRP": 1, "INFRA": 1}


def test_agg012_table_rows_carry_names_and_sources(mini):
    state, in_view = view(mini, countries=("JPN",))
    table = aggregate.collaboration_table(mini, in_view.frame)
    assert list(table["id"]) == ["IRL-01", "IRN-01"]
    row = table.iloc[1]
    assert row["countries"] == "Japan; South Korea; China"
    assert row["source_url"] == "https://example.org/irn"
    assert table.iloc[0]["partners"] == "High Energy Accelerator Research Organization; University of Tokyo"


def test_agg013_aggregation_does_not_modify_the_data(mini):
    before = mini.collaborations.copy()
    state, in_view = view(mini, countries=("ARG",), measure="partners", years=(2000, 2020))
    aggregate.country_values(mini, in_view, state)
    aggregate.by_continent(mini, in_view, state)
    aggregate.collaboration_table(mini, in_view.frame)
    assert mini.collaborations.equals(before)


def test_agg014_the_index_is_built_once_per_data_set_and_goes_with_it(mini_copy):
    ds = validate_folder(mini_copy)
    index = aggregate.index_of(ds)
    assert aggregate.select(ds, ViewState()).index is index  # every view of a data set reads the same arrays
    gone = weakref.ref(index)
    del ds, index
    gc.collect()
    assert gone() is None  # a data set replaced by a reload takes its index with it


# -- The seed's figures, on the shipped data ---------------------------------------------------------

SEED_IRP = {
    "ARG": "ALFA-AC",
    "BRA": None,
    "ITA": "COLL-AGAIN",
    "CZE": "NuAG",
    "POL": "COPIGAL",
    "ROU": "COSMA",
    "UKR": "IDEATE",
    "RUS": "JOULE",
    "IND": "FI-NS",
    "JPN": "NuPIC",
}
SEED_IRL = {"USA": "Binetruy", "CHN": "FCPPL", "KOR": "FKPPL", "JPN": ("Kavli", "ILANCE", "TYL")}


def test_agg100_seed_instrument_counts(shipped):
    types = aggregate.by_type(aggregate.select(shipped, ViewState())).set_index("type")["count"].to_dict()
    assert types["IEA"] == 22 and types["IRN"] == 2 and types["IRP"] == 10 and types["IRL"] == 5


def test_agg101_seed_names_and_countries(shipped):
    c = shipped.collaborations
    irn = c[c["type"] == "IRN"]
    assert {a.upper() for a in irn["acronym"]} == {"TERASCALE", "EUREA"}
    irp = c[c["type"] == "IRP"]
    assert sorted(code for codes in irp["countries"] for code in codes) == sorted(SEED_IRP)
    for iso, acronym in SEED_IRP.items():
        rows = irp[irp["countries"].map(lambda codes, iso=iso: iso in codes)]
        assert len(rows) == 1, iso
        if acronym:
            assert acronym.lower() in (rows.iloc[0]["acronym"] + rows.iloc[0]["name"]).lower().replace("fins", "fi-ns")
    irl = c[c["type"] == "IRL"]
    assert sorted(code for codes in irl["countries"] for code in codes) == ["CHN", "JPN", "JPN", "KOR", "USA"]
    iea = c[c["type"] == "IEA"]
    assert len(iea) == 1 and iea.iloc[0]["countries"] == ()  # a total, never invented rows


def test_agg102_every_row_has_a_source_and_confidence(shipped):
    c = shipped.collaborations
    assert c["source_url"].str.startswith("http").all()
    assert c["confidence"].isin(["verified", "recalled"]).all()
    assert shipped.partners["source_url"].str.startswith("http").all()


def test_agg103_reference_infrastructures_are_shipped(shipped):
    infra = shipped.collaborations[shipped.collaborations["type"] == "INFRA"]
    assert len(infra) == 48
    names = " ".join(infra["name"]).lower()
    for name in ("auger", "rubin", "ctao", "km3net", "virgo", "juno", "hyper-k", "dune", "large hadron collider"):
        assert name in names, name
