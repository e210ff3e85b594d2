"""The view state and its URL: round trips, canonical form, bad values dropped with a notice."""

from __future__ import annotations

import pytest

from dashboard.state import ViewState, Vocabulary, parse_query, parse_years, to_query


@pytest.fixture(scope="module")
def vocab(mini):
    return Vocabulary.from_dataset(mini)


def test_vst001_default_view_is_the_empty_query(vocab):
    assert to_query(ViewState()) == ""
    assert parse_query("", vocab) == (ViewState(), [])
    assert parse_query(None, vocab) == (ViewState(), [])


def test_vst002_documented_example_round_trips(vocab):
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
def test_vst003_every_state_round_trips_exactly(state, vocab):
    query = to_query(state)
    assert parse_query(query, vocab) == (state, [])
    assert to_query(parse_query(query, vocab)[0]) == query


def test_vst004_values_are_canonicalised(vocab):
    state, notices = parse_query(
        "instrument=irp,IRL,irl&continent=south-america&theme=Nuclear Physics&lab=ijclab", vocab
    )
    assert notices == []
    assert state.instruments == ("IRL", "IRP")  # vocabulary order, no duplicates
    assert state.continents == ("South America",)
    assert state.themes == ("nuclear-physics",)
    assert state.labs == ("IJCLab",)


def test_vst005_unknown_values_dropped_with_a_notice(vocab):
    state, notices = parse_query("instrument=IRL,XYZ&country=ZZZ&foo=1&measure=gdp&year=abc", vocab)
    assert state == ViewState(instruments=("IRL",))
    text = " | ".join(notices)
    for fragment in ("instrument 'XYZ'", "country 'ZZZ'", "unknown parameter 'foo'", "measure 'gdp'", "year 'abc'"):
        assert fragment in text


def test_vst006_years(vocab):
    low, high = vocab.year_bounds
    assert parse_years("2020", (low, high)) == ((2020, 2020), None)
    assert parse_years("2020-2010", (low, high)) == ((2010, 2020), None)  # reversed range is understood
    assert parse_years(f"{low}-{high}", (low, high)) == (None, None)  # the full range is no filter
    assert parse_years("1900-2015", (low, high)) == ((low, 2015), None)  # clipped to the data's years
    years, notice = parse_years("1800-1850", (low, high))
    assert years is None and "covers" in notice


@pytest.mark.parametrize(
    "query, notice",
    [
        ("?%", "unknown parameter '%' was ignored"),
        ("?&&&", None),
        ("?country=%00%ff", "country '\ufffd' is not known and was ignored"),
        ("?instrument=" + "A," * 5000, "the link's query is too long (10011 characters) and was ignored"),
        ("?" + "x=1&" * 500, "the link's query has too many parameters and was ignored"),
        ("?year=99999999999999999999", "year '99999999999999999999' was ignored: write a year such as 2020"),
        ("?lang=<script>", "lang '<script>' is not known and was ignored (use one of: en, fr)"),
        ("??a=b=c", "unknown parameter 'a' was ignored"),
    ],
    ids=["percent", "ampersands", "nul-byte", "too-long", "too-many", "huge-year", "markup", "double-question-mark"],
)
def test_vst007_hostile_queries_give_the_default_view_and_one_plain_notice(vocab, query, notice):
    state, notices = parse_query(query, vocab)
    assert state == ViewState()  # nothing of a hostile link is applied
    if notice is None:
        assert notices == []
    else:
        # one notice, printable text of bounded length, naming what was dropped (shown as text by the page)
        assert len(notices) == 1 and notices[0].startswith(notice)
        assert notices[0].isprintable() and len(notices[0]) < 200


def test_vst008_repeated_parameter_is_merged(vocab):
    state, _ = parse_query("country=JPN&country=KOR", vocab)
    assert state.countries == ("JPN", "KOR")


def test_vst009_toggle_country():
    state = ViewState().toggle_country("KOR").toggle_country("JPN")
    assert state.countries == ("JPN", "KOR")
    assert state.toggle_country("JPN").countries == ("KOR",)


def test_vst010_spaces_are_encoded(vocab):
    state = ViewState(continents=("North America",))
    assert to_query(state) == "?continent=North%20America"
    assert parse_query("?continent=North+America", vocab)[0] == state
