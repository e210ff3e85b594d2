"""``since=VERSION`` in the URL: read for its form (a version id or a date), canonical, never an error."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from dashboard.datastore import versions
from dashboard.state import PARAMS, ViewState, Vocabulary, parse_query, parse_since, to_query

ROOT = Path(__file__).resolve().parents[2]


# -- The URL: since in the view state -----------------------------------------------------------------


@pytest.fixture(scope="module")
def vocab(mini):
    return Vocabulary.from_dataset(mini)


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("2026-11-25", "2026-11-25"),
        (" 2026-11-25 ", "2026-11-25"),
        ("2026-11-25T10-15-00Z", "2026-11-25T10-15-00Z"),
        ("2026-11-25t10-15-00z", "2026-11-25T10-15-00Z"),
        ("2026-11-25T10:15:00Z", "2026-11-25T10-15-00Z"),
        ("2026-11-25T10-15-00Z-02", "2026-11-25T10-15-00Z-02"),
        ("2024-02-29", "2024-02-29"),
    ],
)
def test_cmp001_since_is_read_in_canonical_form_and_round_trips(text, canonical, vocab):
    assert parse_since(text) == (canonical, None)
    state, notices = parse_query(f"?measure=partners&since={text}&lang=fr", vocab)
    assert notices == [] and state.since == canonical
    query = to_query(state)
    assert query == f"?measure=partners&since={canonical}&lang=fr"  # between measure and lang
    assert parse_query(query, vocab) == (state, [])
    assert to_query(ViewState(since=canonical)) == f"?since={canonical}"
    assert PARAMS.index("measure") < PARAMS.index("since") < PARAMS.index("lang")


@pytest.mark.parametrize(
    "text",
    [
        "2020-13-01",
        "2026-02-30",
        "2026-11-25T25-00-00Z",
        "2026-11-25T10-15-00",
        "26-11-25",
        "yesterday",
        "2026-11-25T10-15-00Z-1234567",
        "\u0661\u0662\u0663\u0664-01-01",  # Arabic-Indic digits: not a date here
        "2026-11-25;DROP TABLE",
        "<script>alert(1)</script>",
        "x" * 3000,
        "%00%ff",
        "2026-11-25T10-15-00Z\n",
    ],
)
def test_cmp002_a_value_that_is_no_version_and_no_date_is_dropped_with_a_notice(text, vocab):
    state, notices = parse_query("?country=JPN&since=" + quote(text, safe=""), vocab)
    if text.strip() == "2026-11-25T10-15-00Z":  # a trailing line break is only white space
        assert state.since == "2026-11-25T10-15-00Z" and notices == []
        return
    assert state == ViewState(countries=("JPN",))  # the rest of the link still applies
    assert len(notices) == 1 and notices[0].startswith("since '")
    assert "is not a version or a date of this data" in notices[0]
    assert len(notices[0]) < 250 and "\n" not in notices[0] and "\x00" not in notices[0]
    assert parse_since(text)[0] is None


def test_cmp003_the_example_notice_and_empty_values(vocab):
    _, notices = parse_query("since=2020-13-01", vocab)
    assert notices[0].startswith("since '2020-13-01' is not a version or a date of this data")
    assert parse_query("since=", vocab) == (ViewState(), [])
    assert parse_query("since=2026-01-01&since=2026-02-01", vocab)[0].since == "2026-02-01"  # the last one
    assert parse_since("") == (None, None)


def test_cmp004_version_ids_of_the_url_are_those_of_the_folder():
    # Every id the folder can make is read as itself, and every id the URL accepts is one the folder could name.
    for made in ("2026-11-25T10-15-00Z", "2026-11-25T10-15-00Z-02", "2026-11-25T10-15-00Z-117"):
        assert versions._VERSION_ID.match(made) and parse_since(made) == (made, None)
    for text in ("2026-11-25t10:15:00z", "2026-11-25T10-15-00Z-3"):
        assert versions._VERSION_ID.match(parse_since(text)[0])


def test_cmp005_readme_and_docstring_document_since():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| `since` |" in readme
    assert readme.index("| `measure` |") < readme.index("| `since` |") < readme.index("| `lang` |")
    import dashboard.state

    assert "\nsince " in dashboard.state.__doc__
