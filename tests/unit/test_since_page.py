"""What changed since the last meeting, on the page (``since=``): the "Compare with" control, the panel of changes,
the key figures' lines, the map's layer of changes and the notices, in English and French.

The history is made with the real import on a copy of the fixture (``testkit.history``: V0, the fixture's tables;
V1, served: IRP-02 added in Canada, IRN-01 ended, IRL-01 joins South Korea).
"""

from __future__ import annotations

import pytest

from dashboard import ids
from dashboard.datastore import compare as cmp
from dashboard.datastore.store import DataStore
from dashboard.exports.tables import collaborations_csv
from dashboard.figures import build_map
from dashboard.page import changes as page_changes
from dashboard.page.caches import PageCaches
from dashboard.page.callbacks import CONTROL_IDS, controls_of, query_from_controls, sync
from dashboard.page.prefill import prefilled_layout
from dashboard.page.render import VIEW_OUTPUTS, render
from dashboard.state import ViewState, Vocabulary, parse_query
from dashboard.views import build_map_model, view_changes
from testkit.history import V0, V1, make_history


@pytest.fixture
def history(tmp_path):
    cmp.clear_caches()
    return make_history(tmp_path / "data")


@pytest.fixture
def store(history):
    return DataStore(history)


def texts(component) -> str:
    """Every text of a Dash component tree, joined by single spaces."""
    return " ".join(_texts(component).split())


def _texts(component) -> str:
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return " ".join(_texts(c) for c in component)
    return _texts(getattr(component, "children", None))


def find(component, predicate) -> list:
    found = []
    if isinstance(component, (list, tuple)):
        for item in component:
            found += find(item, predicate)
    elif component is not None and not isinstance(component, (str, int, float)):
        if predicate(component):
            found.append(component)
        found += find(getattr(component, "children", None), predicate)
    return found


def outputs_of(store, query: str) -> dict:
    ds = store.current()
    state, _ = parse_query(query, Vocabulary.from_dataset(ds))
    return render(ds, state, None, page_changes.comparison(store, ds, state))


# -- The page: counts, panel, key figures, map -------------------------------------------------------------


def test_chg001_since_a_version_the_page_counts_lists_and_maps_the_changes(store):
    out = outputs_of(store, f"?since={V0}")
    # the key figures: "+1 new, −1 ended, 1 changed since 10 January 2026"
    cells = out["figure_changes"]
    assert [c.__getattribute__("data-figure") for c in cells] == [
        "collaborations",
        "partner-countries",
        "partner-institutions",
        "continents",
        "infrastructures",
    ]
    assert texts(cells[0]) == "+1 new, −1 ended, 1 changed since 10 January 2026"
    assert "+1 since 10 January 2026" in texts(cells[1])  # Canada is a new partner country
    # the panel: the counts, then a row per change with what changed in words
    panel = out["changes"]
    counts = {
        li.__getattribute__("data-change"): texts(li) for li in find(panel, lambda c: c.__class__.__name__ == "Li")
    }
    assert counts == {"new": "1 New", "ended": "1 Ended", "changed": "1 Changed"}
    rows = {r.__getattribute__("data-id"): texts(r) for r in find(panel, lambda c: c.__class__.__name__ == "Tr")[1:]}
    assert set(rows) == {"IRP-02", "IRN-01", "IRL-01"}
    assert "new in the data" in rows["IRP-02"] and "Canada" in rows["IRP-02"]
    assert "status: active → ended" in rows["IRN-01"] and "end year: — → 2026" in rows["IRN-01"]
    assert "countries: + South Korea" in rows["IRL-01"]
    assert "What changed since 10 January 2026" in texts(panel)
    # the map: a layer of changes (meta "changes") outlining the countries where something changed
    figure = out["map"]
    layer = [t for t in figure.data if t.meta == "changes" and t.type == "choropleth"]
    outlined = {loc: t.name for t in layer for loc in t.locations}
    assert outlined == {"CAN": "New", "CHN": "Ended", "JPN": "Changed", "KOR": "Changed"}
    assert figure.data[-1].name == "Selected"  # the selection's outline stays the last trace


def test_chg002_the_changes_are_those_of_the_view(store, history):
    ds = store.current()
    asia, _ = parse_query(f"?continent=Asia&since={V0}", Vocabulary.from_dataset(ds))
    compare = page_changes.comparison(store, ds, asia)
    part = view_changes(compare.changes, asia)
    assert sorted(part.new) == [] and sorted(part.ended) == ["IRN-01"] and sorted(part.changed) == ["IRL-01"]
    assert texts(render(ds, asia, None, compare)["figure_changes"][0]) == "−1 ended, 1 changed since 10 January 2026"
    # the map's layer follows the map's filters, not the selection
    japan = asia.with_(countries=("CHN",))
    out = render(ds, japan, None, page_changes.comparison(store, ds, japan))
    assert texts(out["figure_changes"][0]) == "−1 ended since 10 January 2026"  # IRN-01 only involves China
    assert {loc for t in out["map"].data if t.meta == "changes" for loc in (t.locations or ())} >= {"JPN", "KOR"}
    # nothing compared without since, and the default view's outputs stay as they were
    plain = outputs_of(store, "")
    assert plain["changes"] is None and plain["figure_changes"] == []
    assert not [t for t in plain["map"].data if t.meta == "changes"]


def test_chg003_in_french(store):
    out = outputs_of(store, f"?since={V0}&lang=fr")
    assert texts(out["figure_changes"][0]) == "+1 nouvelle, −1 terminée, 1 modifiée depuis le 10 janvier 2026"
    panel = texts(out["changes"])
    assert "Ce qui a changé depuis le 10 janvier 2026" in panel and "pays : + Corée du Sud" in panel
    assert "statut : actif → terminé" in panel
    names = {t.name for t in out["map"].data if t.meta == "changes"}
    assert names == {"Nouvelles", "Terminées", "Modifiées"}  # the legend names the kinds, of collaborations


def test_chg004_since_the_version_served_nothing_changed(store):
    out = outputs_of(store, f"?since={V1}")
    assert "This is the version served now" in texts(out["changes"])
    assert out["figure_changes"] == []


# -- The "Compare with" control ------------------------------------------------------------------------------


def test_chg010_compare_with_offers_the_earlier_versions_newest_first_in_the_page_language(store):
    out = outputs_of(store, "")
    assert out["since_options"] == [
        {"value": "", "label": "No comparison"},
        {"value": V0, "label": "10 January 2026, 09:00 UTC"},
    ]
    french = outputs_of(store, "?lang=fr&since=2026-01-10")["since_options"]
    assert french[0] == {"value": "", "label": "Aucune comparaison"}
    assert {"value": "2026-01-10", "label": "Telles que le 10 janvier 2026"} in french  # the link's own date
    assert VIEW_OUTPUTS["since_options"] == (ids.SINCE, "options")


def test_chg011_choosing_a_version_puts_since_in_the_url_and_keeps_it(store):
    ds = store.current()
    bounds = ds.year_bounds
    assert ids.SINCE in CONTROL_IDS and controls_of(ViewState(since=V0), bounds)[ids.SINCE] == V0
    controls = controls_of(ViewState(), bounds)
    answer, state = sync(ds, ids.SINCE, "", {**controls, ids.SINCE: V0}, {})
    assert state.since == V0 and answer["search"] == f"?since={V0}"
    # another control keeps it; "No comparison" drops it; Reset view keeps it
    answer, state = sync(ds, ids.INSTRUMENT, f"?since={V0}", {**controls, ids.SINCE: V0, ids.INSTRUMENT: ["IRL"]}, {})
    assert answer["search"] == f"?instrument=IRL&since={V0}"
    answer, state = sync(ds, ids.SINCE, f"?since={V0}", {**controls, ids.SINCE: ""}, {})
    assert state.since is None and answer["search"] == ""
    answer, state = sync(ds, ids.RESET, f"?instrument=IRL&since={V0}", controls, {})
    assert answer["search"] == f"?since={V0}"
    # a forged value meets the URL's rules
    assert query_from_controls("instruments", [], [], [], [], [], [], None, bounds, since="x<y") == (
        "?measure=instruments&since=x%3Cy"
    )
    state, notices = parse_query(
        query_from_controls(None, [], [], [], [], [], [], None, bounds, since="x<y"), Vocabulary.from_dataset(ds)
    )
    assert state.since is None and notices


def test_chg012_the_first_frame_has_the_versions_the_comparison_and_its_notices(store, history):
    layout = prefilled_layout(store.current(), f"?since={V0}&lang=fr", PageCaches(), store)
    select = layout[ids.SINCE]
    assert select.value == V0 and [o["value"] for o in select.options] == ["", V0]
    assert "Ce qui a changé" in texts(layout[ids.CHANGES].children)
    assert "depuis le 10 janvier 2026" in texts(layout[ids.FIGURE_CHANGES].children)
    too_early = prefilled_layout(store.current(), "?since=2020-01-01&lang=fr", PageCaches(), store)
    notice = texts(too_early[ids.NOTICE].children)
    assert "Comparaison" in notice and "pas de version aussi ancienne" in notice and "10 janvier 2026" in notice
    assert too_early[ids.CHANGES].children is None


@pytest.mark.parametrize(
    "since, code, english, french",
    [
        (
            "2020-01-01",
            cmp.TOO_EARLY,
            "no version that old (its first version is of 10 January 2026)",
            "aussi ancienne",
        ),
        ("2026-01-10T09-00-01Z", cmp.UNKNOWN_VERSION, "is not a version of this data", "n'est pas une version"),
    ],
)
def test_chg013_notices_are_in_the_page_language(store, since, code, english, french):
    compare = page_changes.comparison(store, store.current(), ViewState(since=since))
    assert compare.changes is None and [n.code for n in compare.notices] == [code]
    assert english in page_changes.notice_texts(compare.notices, "en")[0]
    assert french in page_changes.notice_texts(compare.notices, "fr")[0]


def test_chg014_a_plain_folder_offers_nothing_and_says_why(mini, mini_copy):
    store = DataStore(mini_copy)
    compare = page_changes.comparison(store, store.current(), ViewState(since="2026-01-01"))
    assert compare.versions == () and [n.code for n in compare.notices] == [cmp.NO_VERSIONS]
    assert "n'ont pas de version antérieure" in page_changes.notice_texts(compare.notices, "fr")[0]
    out = render(store.current(), ViewState(since="2026-01-01"), None, compare)
    assert out["changes"] is None and out["since_options"][0]["value"] == ""


def test_chg015_the_csv_is_unchanged_by_since(store):
    ds = store.current()
    assert collaborations_csv(ds, ViewState(since=V0)) == collaborations_csv(ds, ViewState())


def test_chg016_the_map_layer_is_the_figure_s_own(store):
    ds = store.current()
    compare = page_changes.comparison(store, ds, ViewState(since=V0))
    model = build_map_model(ds, ViewState(since=V0))
    figure = build_map(model, changes=view_changes(compare.changes, ViewState(), with_selection=False))
    keys = [t for t in figure.data if t.meta == "changes" and t.showlegend]
    assert [t.name for t in keys] == ["New", "Ended", "Changed"]
    hover = next(t for t in figure.data if t.meta == "changes" and t.type == "choropleth" and "JPN" in t.locations)
    row = hover.customdata[list(hover.locations).index("JPN")]
    assert "Since 10 January 2026: 0 new, 1 ended, 1 changed" in row[2] and "2 collaborations" in row[2]
