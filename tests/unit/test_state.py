"""The view state and its URL: round trips, canonical form, bad values dropped with a notice."""

from __future__ import annotations

import pytest

from dashboard.state import ViewState, Vocabulary, parse_query, parse_years, to_query


@pytest.fixture(scope="module")
def vocab(mini):
    return Vocabulary.from_dataset(mini)


def test_st001_default_view_is_the_empty_query(vocab):
    assert to_query(ViewState()) == ""
    assert parse_query("", vocab) == (ViewState(), [])
    assert parse_query(None, vocab) == (ViewState(), [])


def test_st002_documented_example_round_trips(vocab):
    state, notices = parse_query("?instrument=IRL,IRP&continent=Asia&country=JPN", vocab)
    assert notices == []
    assert state == ViewState(instruments=("IRL", "IRP"), continents=("Asia",), countries=("JPN",))
    assert to_query(state) == "?instrument=IRL,IRP&continent=Asia&country=JPN"


@pytest.mark.parametrize(
    "state",
    [
        ViewState(instruments=("IRN", "INFRA"), themes=("nuclear-physics",), labs=("IJCLab", "LAPP")),
        ViewState(continents=("North America", "South America"), statuses=("active", "under-construction")),
        ViewState(countries=("ARG", "CHE", "KOR"), years=(2010, 2020), measure="partners"),
        ViewState(years=(2015, 2015), measure="infrastructures"),
        ViewState(continents=("Asia",), lang="fr", present=True, step=3),
    ],
)
def test_st003_every_state_round_trips_exactly(state, vocab):
    query = to_query(state)
    assert parse_query(query, vocab) == (state, [])
    assert to_query(parse_query(query, vocab)[0]) == query


def test_st004_values_are_canonicalised(vocab):
    state, notices = parse_query(
        "instrument=irp,IRL,irl&continent=south-america&theme=Nuclear Physics&lab=ijclab", vocab
    )
    assert notices == []
    assert state.instruments == ("IRL", "IRP")  # vocabulary order, no duplicates
    assert state.continents == ("South America",)
    assert state.themes == ("nuclear-physics",)
    assert state.labs == ("IJCLab",)


def test_st005_unknown_values_dropped_with_a_notice(vocab):
    state, notices = parse_query("instrument=IRL,XYZ&country=ZZZ&foo=1&measure=gdp&year=abc", vocab)
    assert state == ViewState(instruments=("IRL",))
    text = " | ".join(notices)
    for fragment in ("instrument 'XYZ'", "country 'ZZZ'", "unknown parameter 'foo'", "measure 'gdp'", "year 'abc'"):
        assert fragment in text


def test_st006_years(vocab):
    low, high = vocab.year_bounds
    assert parse_years("2020", (low, high)) == ((2020, 2020), None)
    assert parse_years("2020-2010", (low, high)) == ((2010, 2020), None)  # reversed range is understood
    assert parse_years(f"{low}-{high}", (low, high)) == (None, None)  # the full range is no filter
    assert parse_years("1900-2015", (low, high)) == ((low, 2015), None)  # clipped to the data's years
    years, notice = parse_years("1800-1850", (low, high))
    assert years is None and "covers" in notice


def test_st007_hostile_queries_never_raise(vocab):
    for query in [
        "?%",
        "?&&&",
        "?country=%00%ff",
        "?instrument=" + "A," * 5000,
        "?" + "x=1&" * 500,
        "?year=99999999999999999999",
        "?lang=<script>",
        "?country=JPN&country=KOR",
        "??a=b=c",
    ]:
        state, notices = parse_query(query, vocab)
        assert isinstance(state, ViewState)
        assert all("<script>" not in n or "&lt;" not in n for n in notices)


def test_st008_repeated_parameter_is_merged(vocab):
    state, _ = parse_query("country=JPN&country=KOR", vocab)
    assert state.countries == ("JPN", "KOR")


def test_st009_toggle_country():
    state = ViewState().toggle_country("KOR").toggle_country("JPN")
    assert state.countries == ("JPN", "KOR")
    assert state.toggle_country("JPN").countries == ("KOR",)


def test_st010_spaces_are_encoded(vocab):
    state = ViewState(continents=("North America",))
    assert to_query(state) == "?continent=North%20America"
    assert parse_query("?continent=North+America", vocab)[0] == state
