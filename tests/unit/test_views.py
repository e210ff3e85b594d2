"""The view model (``views``): numbers and codes, the same in every language, read on the fixture counted by hand."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from dashboard import describe
from dashboard.state import ViewState
from dashboard.views import Site, build_map_model, build_view, framing, map_filters


def same(a, b) -> bool:
    """Field by field equality of two models (frames compared by value)."""
    if dataclasses.is_dataclass(a) and dataclasses.is_dataclass(b):
        return type(a) is type(b) and all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, pd.DataFrame):
        return isinstance(b, pd.DataFrame) and a.equals(b) and list(a.columns) == list(b.columns)
    return a == b


@pytest.mark.parametrize(
    "state",
    [
        ViewState(),
        ViewState(countries=("JPN",), years=(2010, 2015)),
        ViewState(measure="partners", continents=("Asia",)),
        ViewState(instruments=("AGR",)),
    ],
)
def test_vwm001_the_view_model_is_the_same_in_every_language(mini, state):
    english = build_view(mini, state.with_(lang="en"))
    french = build_view(mini, state.with_(lang="fr"))
    assert same(english, french)
    assert english.state.lang == "en" and english.state == state.with_(lang="en")


def test_vwm002_the_map_is_numbers_and_codes(mini):
    model = build_map_model(mini, ViewState(countries=("JPN",)))  # the selection does not change the map
    assert dict(model.values["value"]) == {"ARG": 2, "JPN": 2, "CHE": 1, "CHN": 1, "KOR": 1}
    assert model.values.at["JPN", "breakdown"] == "IRL 1 · IRN 1"  # type codes, no words
    assert model.breaks == ((1, 1), (2, 2)) and dict(model.values["klass"]) == {
        "ARG": 1,
        "JPN": 1,
        "CHE": 0,
        "CHN": 0,
        "KOR": 0,
    }
    assert model.home == "FRA" and model.home_count == 1 and "FRA" not in model.values.index
    assert "BRA" in model.no_data and "JPN" not in model.no_data and "FRA" not in model.no_data
    assert model.small == ("CHE",)
    assert model.sites[0] == Site(
        "CHE", "Test collider", "accelerator/collider", "Meyrin", "active", "IJCLab, LAPP", 6.0528, 46.2342
    )
    assert (model.lon_range, model.lat_range) == ((-180, 180), (-58, 84))
    assert same(model, build_map_model(mini, ViewState()))
    assert map_filters(ViewState(countries=("JPN",), lang="fr", present=True, step=2)) == ViewState()


def test_vwm003_the_map_frames_the_continent_filter():
    assert framing(()) == ((-180, 180), (-58, 84))
    assert framing(("South America",)) == ((-95, -30), (-57, 15))
    assert framing(("Asia", "Europe")) == ((-25, 150), (-10, 71))  # both continents' viewports


def test_vwm004_key_figures_and_what_is_not_on_the_map(mini):
    view = build_view(mini, ViewState())
    figures = {f.key: f for f in view.key_figures}
    assert [f.key for f in view.key_figures] == [
        "collaborations",
        "partner-countries",
        "partner-institutions",
        "continents",
        "infrastructures",
    ]
    assert figures["collaborations"].value == 11
    assert figures["collaborations"].by_type == {"IRL": 1, "IRP": 1, "IRN": 1, "IEA": 5, "INFRA": 3}
    assert (figures["partner-countries"].value, figures["continents"].value) == (5, 3)
    assert view.unlocated == {"IEA": 5, "INFRA": 1}  # the 5 IEA of the total row, the space mission
    assert (view.rows, view.total, view.left_out) == (7, 11, 6)
    assert view.table["iso3"].tolist()[2] == ("JPN", "KOR", "CHN")


def test_vwm005_words_are_put_in_by_describe(mini):
    view = build_view(mini, ViewState(countries=("JPN",)))
    assert describe.caption(view, "fr") == "Toutes les collaborations · Japon · données du 25 novembre 2026"
    figure = view.key_figures[0]
    assert describe.key_figure_label(figure, "fr") == "Collaborations"
    assert describe.key_figure_detail(figure, "en") == "1 IRL · 1 IRN"
    assert describe.map_note(view, "en") == ""  # Japan's collaborations all have a country
    everything = build_view(mini, ViewState())
    assert describe.map_note(everything, "fr").startswith("Hors carte : 6 collaborations") and "5 IEA, 1 INFRA" in (
        describe.map_note(everything, "fr")
    )
    assert describe.map_summary(everything.map, "fr").endswith("Argentine (2), Japon (2), Suisse (1).")
    table = describe.table_words(everything.table, "fr")
    assert "iso3" not in table and table["countries"].tolist()[2] == "Japon; Corée du Sud; Chine"
    assert everything.table["countries"].tolist()[2] == "Japan; South Korea; China"  # the model's table unchanged
    assert describe.class_labels(((1, 1), (2, 2), (3, 4), (5, 9))) == ["1", "2", "3–4", "5+"]
