"""A profile for every country: the profile model (``profiles``) on the shipped data (Japan), its panel beside the map
(``page/profile.py``) in both languages, the view's outputs that open and close it, and the charts that keep the
whole picture with the selection highlighted."""

from __future__ import annotations

import re

from dash import dcc, html

from dashboard import describe
from dashboard.page import profile as page_profile
from dashboard.page.charts import continent_chart, top_countries_chart
from dashboard.page.htmltext import to_html
from dashboard.page.profile import CHOICES_SHOWN, TITLE_ID, profile_outputs
from dashboard.page.render import VIEW_OUTPUTS, render
from dashboard.profiles import build_profile, profile_country
from dashboard.state import ViewState
from dashboard.views import build_map_model, build_view


def walk(component):
    """Every component of a Dash tree (lists and children followed)."""
    if isinstance(component, (list, tuple)):
        for item in component:
            yield from walk(item)
        return
    if component is None or isinstance(component, (str, int, float)):
        return
    yield component
    yield from walk(getattr(component, "children", None))


def panel(ds, state: ViewState) -> dict:
    """The profile panel's outputs of ``state``, beside the map of its view."""
    return profile_outputs(ds, state, build_map_model(ds, state))


def text_of(component) -> str:
    """The text a person reads in a Dash tree."""
    if isinstance(component, (list, tuple)):
        return "".join(text_of(c) for c in component)
    if isinstance(component, (str, int, float)):
        return str(component)
    if component is None:
        return ""
    return text_of(getattr(component, "children", None))


def test_cpf001_japan_names_its_irls_kek_and_the_labs(shipped):
    profile = build_profile(shipped, ViewState(), "JPN")
    assert profile.iso3 == "JPN" and profile.continent == "Asia"
    assert profile.by_type == {"IRL": 2, "IRP": 1, "INFRA": 7} and profile.total == 10
    assert profile.first_year == 2017  # Belle II (the IRLs' years are 2021 and 2023)
    irls = profile.instruments()["IRL"]
    assert [i.acronym for i in irls] == ["Kavli-IPMU", "TYL-FJPPL"] and all(i.source_url for i in irls)
    assert (irls[1].start, irls[1].labs, irls[1].partners) == (2023, ("IJCLab", "IPHC"), ("P-024",))
    kek = profile.partners[0]
    assert (kek.acronym, kek.city, kek.international) == ("KEK", "Tsukuba", False) and len(kek.collaborations) == 6
    assert {lab.code for lab in profile.labs} == {"LLR", "IJCLab", "LPNHE", "ILANCE", "IPHC", "APC", "CPPM", "LPCA"}
    assert [i.name for i in profile.infrastructures()][:2] == [
        "KAGRA gravitational-wave detector",
        "T2K (Tokai-to-Kamioka) – J-PARC neutrino beam and near detectors",
    ]
    # LiteBIRD lists no country (a space mission): JAXA takes part, so it is shown, and said not to count for Japan
    through = profile.through_institutions()
    assert [(i.name, i.counted, i.partners) for i in through] == [("LiteBIRD", False, ("P-060",))]
    # the filters still filter
    assert build_profile(shipped, ViewState(instruments=("IRL",)), "JPN").by_type == {"IRL": 2}
    switzerland = build_profile(shipped, ViewState(), "CHE")
    cern = next(p for p in switzerland.partners if p.acronym == "CERN")
    assert cern.international and cern.city == "Meyrin"  # an international organisation seated there


def test_cpf002_the_panel_in_english_and_french(shipped):
    state = ViewState(countries=("JPN",))
    outputs = panel(shipped, state)
    assert outputs["map_row"] == "map-row with-profile"
    body = outputs["profile"]
    text = text_of(body)
    for words in ("Japan", "Kavli-IPMU", "TYL-FJPPL", "KEK", "Tsukuba", "LLR", "IJCLab", "First known year: 2017"):
        assert words in text, words
    components = list(walk(body))
    headings = [c for c in components if isinstance(c, (html.H2, html.H3, html.H4))]
    assert headings[0].id == TITLE_ID and text_of(headings[0]) == "Japan"
    assert {text_of(h).split(" (")[0] for h in headings if isinstance(h, html.H3)} == {
        "Cooperation instruments",
        "Research infrastructures",
        "Also through its institutions",
        "Partner institutions",
        "IN2P3 labs involved",
    }
    sources = [c for c in components if isinstance(c, html.A) and c.href.startswith("http")]
    assert len(sources) == 11 and all(c.rel == "noopener" for c in sources)  # one per collaboration
    close = next(c for c in components if isinstance(c, dcc.Link))
    assert text_of(close).endswith("Close profile") and close.href == "?"
    french = text_of(panel(shipped, state.with_(lang="fr", links=True))["profile"])
    assert "Japon" in french and "Première année connue : 2017." in french and "Fermer le profil" in french
    assert "Laboratoires IN2P3 impliqués" in french
    # the close link keeps the rest of the view
    kept = panel(shipped, state.with_(lang="fr", links=True))["profile"]
    assert next(c for c in walk(kept) if isinstance(c, dcc.Link)).href == "?links=1&lang=fr"


def test_cpf003_several_countries_offer_each_profile(shipped):
    several = panel(shipped, ViewState(countries=("CHN", "JPN", "KOR"), instruments=("IRL",)))
    links = [c for c in walk(several["profile"]) if isinstance(c, dcc.Link)]
    assert [c.href for c in links] == [
        "?instrument=IRL&country=CHN",
        "?instrument=IRL&country=JPN",
        "?instrument=IRL&country=KOR",
        "?instrument=IRL",
    ]
    assert "3 countries selected" in text_of(several["profile"]) and several["map_row"] == "map-row with-profile"
    assert profile_country(ViewState(countries=("JPN",))) == "JPN" and profile_country(ViewState()) is None
    outputs = render(shipped, ViewState(countries=("JPN",)))
    assert {"profile", "map_row", "links_note"} <= set(outputs) == set(VIEW_OUTPUTS)


def test_cpf006_with_no_country_selected_the_panel_offers_the_views_first_countries(shipped):
    """The panel keeps its place beside the map (the map keeps its size): with no selection, how to open a profile
    and a link to each of the view's first countries by the map's measure, the view's filters kept."""
    idle = panel(shipped, ViewState())
    assert idle["map_row"] == "map-row idle"
    components = list(walk(idle["profile"]))
    assert next(c for c in components if isinstance(c, html.H2)).id == TITLE_ID
    links = [c for c in components if isinstance(c, dcc.Link)]
    model = build_map_model(shipped, ViewState())
    ranked = list(model.values["value"].items())
    assert len(links) == CHOICES_SHOWN < len(ranked)
    assert [c.href for c in links] == [f"?country={iso3}" for iso3, _ in ranked[:CHOICES_SHOWN]]
    assert text_of(links[0]) == "Japan" and ranked[0] == ("JPN", 10)  # the most collaborations, as the map says
    text = text_of(idle["profile"])
    assert "Country profiles" in text and "Japan · 10" in text
    assert f"and {len(ranked) - CHOICES_SHOWN} more" in text
    french = text_of(panel(shipped, ViewState(lang="fr"))["profile"])
    assert "Profils des pays" in french and "Japon · 10" in french and "« Pays sélectionnés »" in french
    # the filters and the measure kept; a continent's view is said (its map's box has the continent's shape)
    asia = panel(shipped, ViewState(continents=("Asia",), measure="partners"))
    assert asia["map_row"] == "map-row idle continent"
    hrefs = [c.href for c in walk(asia["profile"]) if isinstance(c, dcc.Link)]
    assert hrefs == [f"?continent=Asia&country={iso3}&measure=partners" for iso3 in ("CHN", "JPN", "KOR")]
    assert "more" not in text_of(asia["profile"])  # fewer than CHOICES_SHOWN: no "and N more"
    # a view with no partner country says so
    empty = panel(shipped, ViewState(instruments=("IRL",), continents=("Africa",)))
    assert "No partner country in this view." in text_of(empty["profile"])


def test_cpf004_the_charts_keep_the_whole_picture_with_the_selection_highlighted(shipped):
    whole = build_view(shipped, ViewState(), with_table=False)
    japan = build_view(shipped, ViewState(countries=("JPN",)), with_table=False)
    assert japan.by_continent.equals(whole.by_continent)  # not one bar: every continent, Asia highlighted
    assert japan.highlight_countries == ("JPN",) and japan.highlight_continents == ("Asia",)
    assert list(japan.top_countries["iso3"].unique()) == list(whole.top_countries["iso3"].unique())
    assert japan.key_figures[0].value == 10 and whole.key_figures[0].value == 88  # the other views still filter
    # a selected country beyond the top twelve is added to the bars, so that it shows
    small = build_view(shipped, ViewState(countries=("UKR",)), with_table=False)
    assert list(small.top_countries["iso3"].astype(str).unique())[-1] == "UKR"
    assert len(small.top_countries["iso3"].unique()) == 13
    # the charts (HTML, page/charts.py): the others' bars faded, the selection's not
    top = to_html(top_countries_chart(japan, "en"))
    bars = {iso: cls for cls, iso in re.findall(r'class="(hbar[^"]*)"[^>]*data-pick="([A-Z]{3})"', top)}
    assert bars["JPN"] == "hbar" and {c for iso, c in bars.items() if iso != "JPN"} == {"hbar hbar-faded"}
    continent = to_html(continent_chart(japan, "en"))
    picks = {pick: cls for cls, pick in re.findall(r'class="(hbar[^"]*)"[^>]*data-pick="([A-Za-z ]+)"', continent)}
    assert picks["Asia"] == "hbar" and picks["Europe"] == "hbar hbar-faded"
    assert "hbar-faded" not in to_html(top_countries_chart(whole, "en"))  # nothing selected
    assert describe.profile_summary(build_profile(shipped, ViewState(), "JPN"), "en").startswith(
        "10 collaborations in view: 2 IRL · 1 IRP · 7 INFRA."
    )


def test_cpf005_long_lists_show_their_first_entries_and_count_the_rest(shipped, monkeypatch):
    """A country with thousands of collaborations (10^5 served) sends a panel of a few dozen lines, not thousands: each
    list shows its first ``SHOWN`` entries and says how many more, pointing to the table of the view."""
    monkeypatch.setattr(page_profile, "SHOWN", 3)
    monkeypatch.setattr(page_profile, "NAMES_SHOWN", 2)
    body = panel(shipped, ViewState(countries=("JPN",)))["profile"]
    lists = [c for c in walk(body) if isinstance(c, html.Ul)]
    infrastructures = next(u for u in lists if "KAGRA" in text_of(u))
    assert len(infrastructures.children) == 4  # 7 infrastructures: three, then the rest counted
    more = infrastructures.children[-1]
    assert text_of(more) == "and 4 more: see the table of the view" and more.children.href == "#table-title"
    kek = next(li for u in lists for li in u.children if text_of(li).startswith("KEK"))
    assert text_of(kek).endswith(", and 4 more")  # KEK's 6 collaborations: two named, four counted
    french = text_of(panel(shipped, ViewState(countries=("JPN",), lang="fr"))["profile"])
    assert "et 4 autres : voir le tableau de la vue" in french
