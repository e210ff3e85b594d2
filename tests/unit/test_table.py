"""The page's table: paged and sorted by the server over every row of the view (dashboard/table.py)."""

from __future__ import annotations

import gzip
import json

import lxml.html
import pandas as pd
import pytest

from bench.dashclient import DashClient, flask_transport
from dashboard import aggregate, ids
from dashboard.app import create_app
from dashboard.config import load_settings
from dashboard.page.table import PAGE_SIZE, SORTABLE, Sort, SortedView, page_number
from dashboard.state import ViewState


def every_row(view: SortedView, sort: Sort | None = None) -> list[dict]:
    sort = sort or Sort()
    pages = view.page(0, sort).count
    return [row for n in range(pages) for row in view.page(n, sort).rows]


def test_tbl001_pages_hold_every_collaboration_of_the_view_once(shipped):
    for state in (ViewState(), ViewState(countries=("JPN", "USA")), ViewState(instruments=("IRP",), lang="fr")):
        view = SortedView(shipped, state)
        rows = every_row(view)
        expected = aggregate.select(shipped, state).frame
        assert sorted(r["id"] for r in rows) == sorted(expected["id"])
        assert all(len(view.page(n).rows) <= PAGE_SIZE for n in range(view.page(0).count))
        # The table's own order: by type (in the order of the legend), then id, as the CSV export
        table = aggregate.collaboration_table(shipped, expected)
        assert [r["id"] for r in rows] == table["id"].tolist()


@pytest.mark.parametrize("column", SORTABLE)
def test_tbl002_a_sort_orders_every_row_not_only_a_page(shipped, column):
    view = SortedView(shipped, ViewState())
    for descending in (False, True):
        rows = every_row(view, Sort(column, descending))
        assert len(rows) == len(view)
        if column == "count":
            values = [r["count"] for r in rows]
        elif column == "years":
            values = [int(r["years"][:4]) for r in rows if r["years"][:4].isdigit()]
        elif column in ("type", "source_url", "partners"):
            continue  # by the table's type order; by link; by the first of the full (tooltip) list
        else:
            values = [r[column].casefold() for r in rows if r[column]]
        assert values == sorted(values, reverse=descending), column


def test_tbl003_sort_by_count_descending_puts_the_largest_first(shipped):
    view = SortedView(shipped, ViewState())
    first = view.page(0, Sort("count", True)).rows[0]
    assert first["count"] == int(shipped.collaborations["count"].max())
    names = [r["name"] for r in every_row(view, Sort("name"))]
    assert names[0].casefold() <= names[-1].casefold()


def test_tbl004_names_sort_in_the_page_language(shipped):
    view = SortedView(shipped, ViewState(lang="fr"))
    countries = [r["countries"] for r in every_row(view, Sort("countries")) if r["countries"]]
    assert countries == sorted(countries, key=str.casefold)
    assert any("Allemagne" in c for c in countries)  # CLDR's French names, not English ones


@pytest.mark.parametrize(
    "value, pages, expected",
    [
        (None, 5, 0),
        (-3, 5, 0),
        (2, 5, 2),
        (99, 5, 4),
        (2.7, 5, 2),
        ("3", 5, 0),
        (float("nan"), 5, 0),
        (True, 5, 0),
        ([1], 5, 0),
        (0, 1, 0),
    ],
)
def test_tbl005_page_numbers_from_the_browser_are_bounded(value, pages, expected):
    assert page_number(value, pages) == expected


@pytest.mark.parametrize(
    "sort_by",
    [
        None,
        [],
        "name",
        [{"column_id": "bogus", "direction": "asc"}],
        [{"column_id": "name", "direction": "up"}],
        [{"column_id": ["name"], "direction": "asc"}],
        [None],
        {"column_id": "name"},
    ],
)
def test_tbl006_a_forged_sort_is_the_table_order(sort_by):
    assert Sort.from_dash(sort_by) == Sort()


@pytest.fixture(scope="module")
def client(shipped):
    app = create_app(load_settings({}), data=shipped)
    test = app.server.test_client()
    return test, DashClient(flask_transport(test), shipped.year_bounds)


def body_rows(answer: dict) -> list:
    """The ``tr`` elements of a ``table_page`` answer (the table's body comes as HTML text: page/htmltext.py)."""
    return lxml.html.fromstring(f"<table><tbody>{answer[ids.TABLE_BODY]['html']}</tbody></table>").findall(".//tr")


def cell_texts(answer: dict, column: str) -> list[str]:
    """The text of the cells of ``column`` in the rows of a ``table_page`` answer (the cell's own text, first)."""
    return [(row.find(f"td[@class='col-{column}']").text or "") for row in body_rows(answer)]


def test_tbl007_the_callback_sends_one_page_and_the_page_count(client, shipped):
    _, dash = client
    count = -(-len(shipped.collaborations) // PAGE_SIZE)
    answer = dash.table("")
    assert len(body_rows(answer)) == PAGE_SIZE
    assert answer[ids.TABLE_STATE]["data"] == {"page": 0, "sort_by": []}
    assert answer[ids.TABLE_STATUS]["children"].startswith(f"Page 1 of {count} · rows 1–{PAGE_SIZE} of ")
    assert answer[ids.TABLE_PREVIOUS]["aria-disabled"] == "true" and answer[ids.TABLE_NEXT]["aria-disabled"] is None
    # A view sends a page, not the whole table: about 4.8 kB compressed (as the server sends it) at 15 rows.
    parts = {ids.TABLE_BODY, ids.TABLE_STATE, ids.TABLE_STATUS, *ids.TABLE_MOVES}
    table = {k: v for k, v in answer.items() if k in parts or k.startswith(ids.table_header(""))}
    assert ids.TABLE_BODY in table and len(gzip.compress(json.dumps(table).encode())) < 8_000
    second = dash.table("", 0, [], ids.TABLE_NEXT)
    assert second[ids.TABLE_STATE]["data"]["page"] == 1
    assert set(cell_texts(second, "name")).isdisjoint(cell_texts(answer, "name"))
    last = dash.table("", 1, [], ids.TABLE_LAST)
    assert last[ids.TABLE_STATE]["data"]["page"] == count - 1 and last[ids.TABLE_NEXT]["aria-disabled"] == "true"
    # A sort starts again at the first page (a second click: the other way); a new view too, still sorted.
    ranked = dash.table("", 3, [], ids.table_sort("count"))
    assert ranked[ids.TABLE_STATE]["data"] == {"page": 0, "sort_by": [{"column_id": "count", "direction": "asc"}]}
    assert ranked[ids.table_header("count")]["aria-sort"] == "ascending"
    assert ranked[ids.table_header("name")]["aria-sort"] is None
    ranked = dash.table("", 3, ranked[ids.TABLE_STATE]["data"]["sort_by"], ids.table_sort("count"))
    assert ranked[ids.table_header("count")]["aria-sort"] == "descending"
    assert cell_texts(ranked, "count")[0] == str(int(shipped.collaborations["count"].max()))
    japan = dash.table("?country=JPN", 3, [{"column_id": "count", "direction": "desc"}])
    assert japan[ids.TABLE_STATE]["data"]["page"] == 0 and all("Japan" in c for c in cell_texts(japan, "countries"))
    assert japan[ids.TABLE_STATE]["data"]["sort_by"] == [{"column_id": "count", "direction": "desc"}]
    assert ids.table_header("count") not in japan  # a new view leaves the headers as they are


def test_tbl008_forged_table_payloads_are_answered_not_500(client):
    test, dash = client
    for page, sort_by in ((10**9, []), (-1, None), ("x", [{"column_id": 1}]), (None, "desc"), (2, [{}])):
        for press in (ids.TABLE_NEXT, ids.TABLE_PREVIOUS, ids.TABLE_LAST, ids.table_sort("name"), None):
            answer = dash.table("?country=nowhere", page, sort_by, press)
            assert answer[ids.TABLE_STATE]["data"]["page"] >= 0
            assert answer[ids.TABLE_STATUS]["children"].startswith("Page ")
    for state in ("x", None, [], {"page": "1", "sort_by": {"column_id": "name"}}):
        answer = dash.table("", press=ids.TABLE_NEXT, state=state)
        assert answer[ids.TABLE_STATE]["data"]["page"] in (0, 1)


def test_tbl009_the_page_arrives_with_the_first_page_of_its_table(client):
    test, _ = client
    layout = json.dumps(test.get("/_dash-layout", headers={"Referer": "http://127.0.0.1/?country=JPN"}).json)
    assert '"id": "collaboration-rows"' in layout and "Page 1 of 1" in layout
    assert '"page": 0, "sort_by": []' in layout
    assert "LABJ" not in layout or "Japan" in layout


def test_tbl010_a_view_sorts_on_ranks_computed_once_per_data_set(mini):
    """The cells' ranks among the whole data set are made once (at start-up, ``prepare``); a view's sort only reads
    them, and still puts empty cells last in both directions with the table's order between ties."""
    from dashboard.page.table import prepare, ranks_of, sorted_rows

    prepare(mini)
    ranks = ranks_of(mini)
    assert set(ranks) == {(column, lang) for column in SORTABLE for lang in ("en", "fr")}
    kept = {key: [r.copy() for r in value] for key, value in ranks.items()}
    frame = aggregate.select(mini, ViewState()).frame
    for column in SORTABLE:
        for descending in (False, True):
            positions = sorted_rows(mini, frame["row"].to_numpy(), Sort(column, descending), "en")
            assert sorted(positions) == list(range(len(frame)))
    assert set(ranks) == set(kept) and all((a == b).all() for key in kept for a, b in zip(ranks[key], kept[key]))
    starts = frame["start_year"].astype("Float64")
    for descending in (False, True):
        shown = starts.iloc[sorted_rows(mini, frame["row"].to_numpy(), Sort("years", descending), "en")]
        assert shown.isna().sum() == 0 or shown.iloc[-1] is pd.NA or pd.isna(shown.iloc[-1])
