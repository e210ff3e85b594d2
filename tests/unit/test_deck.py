"""Slides people can edit: the deck's four charts are PowerPoint's own, with the view's numbers embedded; the map
stays a picture; every slide's speaker notes say how the numbers count, the view and the sources; ``story=1`` gives
the whole story as a deck; ``since=`` adds what changed. Opened with python-pptx and read against the view model, in
English and French."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard import describe, i18n
from dashboard.app import create_app
from dashboard.config import load_settings
from dashboard.datastore import compare as cmp
from dashboard.datastore.store import DataStore
from dashboard.exports.slide_notes import COUNTING_RULES, MAIN_SOURCE_URL
from dashboard.schema import INSTRUMENT_TYPES, TYPE_COLORS
from dashboard.state import ViewState, Vocabulary, parse_query
from dashboard.views import build_view, stacked_counts
from testkit.history import V0, make_history

CHART_TITLES = {"continent": "by_continent", "top": "top_countries", "type": "by_type", "timeline": "per_year"}


@pytest.fixture(scope="module")
def client(mini):
    return create_app(load_settings({}), data=mini).server.test_client()


def deck(client, query: str):
    response = client.get("/export/deck.pptx" + query)
    assert response.status_code == 200 and b"Traceback" not in response.data
    return Presentation(io.BytesIO(response.data))


def title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def chart_of(prs, name: str, lang: str):
    (slide,) = [s for s in prs.slides if title(s) == i18n.t(CHART_TITLES[name], lang)]
    charts = [shape.chart for shape in slide.shapes if shape.has_chart]
    return charts[0] if charts else None


def expected(view, name: str, lang: str) -> tuple[list[str], dict[str, list[int]]]:
    """A chart's categories and its series' values, from the view model's tables."""
    if name == "type":
        table = view.by_type[view.by_type["count"] > 0]
        return [describe.type_label(t, lang) for t in table["type"]], {
            i18n.t("col_count", lang): [int(c) for c in table["count"]]
        }
    if name == "timeline":
        table = view.per_year
        years = list(range(int(table["year"].min()), int(table["year"].max()) + 1))
        counts = {(int(y), t): int(c) for y, t, c in zip(table["year"], table["type"], table["count"])}
        kinds = [k for k in INSTRUMENT_TYPES if k in set(table["type"])]
        return [str(y) for y in years], {k: [counts.get((y, k), 0) for y in years] for k in kinds}
    table, column = (view.by_continent, "continent") if name == "continent" else (view.top_countries, "iso3")
    order, wide = stacked_counts(table, column)
    if name == "continent":
        categories = [i18n.continent_name(c, lang) for c in order]
    else:
        categories = describe.top_country_names(table, order, lang)
    return categories, {k: [int(v) for v in wide[:, i]] for i, k in enumerate(INSTRUMENT_TYPES) if wide[:, i].sum()}


# -- Native charts -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("query", ["", "?instrument=IRL,IRN,IEA", "?continent=Asia&country=JPN"])
def test_dck001_the_four_charts_are_native_charts_with_the_numbers_of_the_view(client, mini, query, lang):
    state, _ = parse_query(query, Vocabulary.from_dataset(mini))
    view = build_view(mini, state)
    prs = deck(client, query + ("&" if query else "?") + f"lang={lang}")
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1  # the map, with its counts on it
    for name in CHART_TITLES:
        chart = chart_of(prs, name, lang)
        categories, series = expected(view, name, lang)
        if not categories:
            assert chart is None
            continue
        plot = chart.plots[0]
        assert list(plot.categories) == categories, name
        assert {s.name: [int(v) for v in s.values] for s in plot.series} == series, name


def test_dck002_types_in_their_colours_values_written_a_legend(client, mini):
    prs = deck(client, "?lang=fr")
    continent = chart_of(prs, "continent", "fr")
    assert continent.has_legend and continent.chart_type is not None
    for series in continent.plots[0].series:
        assert str(series.format.fill.fore_color.rgb) == TYPE_COLORS[series.name].lstrip("#").upper()
        assert series.data_labels.show_value and series.data_labels.number_format == "#,##0;-#,##0;;"
    by_type = chart_of(prs, "type", "fr").plots[0].series[0]
    names = chart_of(prs, "type", "fr").plots[0].categories
    for point, category in zip(by_type.points, names):
        code = category.rsplit("(", 1)[1].rstrip(")")
        assert str(point.format.fill.fore_color.rgb) == TYPE_COLORS[code].lstrip("#").upper()
    timeline = chart_of(prs, "timeline", "fr")
    assert timeline.has_legend
    for series in timeline.plots[0].series:
        assert str(series.format.line.color.rgb) == TYPE_COLORS[series.name].lstrip("#").upper()
        last = series.points[len(series.values) - 1].data_label
        assert last.position is not None  # the data year's value, at the end of the line
    assert "Laboratoire de recherche international (IRL)" in names


def test_dck003_an_empty_view_has_its_sentence_instead_of_a_chart(client):
    prs = deck(client, "?country=JPN&instrument=AGR")
    for name in CHART_TITLES:
        assert chart_of(prs, name, "en") is None
    (slide,) = [s for s in prs.slides if title(s) == "By continent"]
    assert "No collaboration in this view" in " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


# -- Speaker notes --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_dck004_every_slide_has_notes_with_the_counting_rules_the_view_and_the_sources(client, mini, lang):
    view = build_view(mini, ViewState(lang=lang))
    prs = deck(client, f"?lang={lang}")
    caption = describe.caption(view, lang)
    for slide in prs.slides:
        text = notes(slide)
        assert i18n.t("notes_counting", lang) in text, title(slide)
        assert all(i18n.t(rule, lang) in text for rule in COUNTING_RULES), title(slide)
        assert MAIN_SOURCE_URL in text and caption in text, title(slide)
    # a chart's notes say what it counts; the table's list the source of each of its rows
    (chart,) = [s for s in prs.slides if title(s) == i18n.t("by_type", lang)]
    assert describe.chart_caption("type", lang) in notes(chart)
    table = [s for s in prs.slides if title(s).startswith(i18n.t("table_title", lang))]
    urls = "\n".join(notes(s) for s in table)
    assert i18n.t("notes_row_sources", lang) in urls
    for url in view.table["source_url"]:
        assert url in urls


# -- The story as a deck --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """A story step as the other branch's stories.csv gives it: text, highlight and notes in both languages."""

    step: int
    title_en: str
    title_fr: str
    query: str
    text_en: str = ""
    text_fr: str = ""
    notes_en: str = ""
    notes_fr: str = ""

    def title(self, lang: str) -> str:
        return self.title_fr if lang == "fr" else self.title_en


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_dck005_story_1_is_the_whole_story_one_slide_per_step_in_its_order(client, mini, lang):
    prs = deck(client, f"?story=1&lang={lang}")
    slides = list(prs.slides)
    assert [title(s) for s in slides[1:]] == [story.title(lang) for story in mini.stories]
    assert i18n.t("deck_story_subtitle", lang, n=len(mini.stories)) in " ".join(
        s.text_frame.text for s in slides[0].shapes if s.has_text_frame
    )
    for story, slide in zip(mini.stories, slides[1:]):
        assert [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]  # its map
        texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        state, _ = parse_query(story.query, Vocabulary.from_dataset(mini))
        view = build_view(mini, state.with_(lang=lang), with_table=False)
        for figure in view.key_figures:  # its key figures
            assert f"{i18n.number(figure.value, lang)}\n{describe.key_figure_label(figure, lang)}" in texts
        assert describe.caption(view, lang) in texts
        assert all(i18n.t(rule, lang) in notes(slide) for rule in COUNTING_RULES)
    # the link on the title slide opens the story on the dashboard
    assert f"?{'lang=fr&' if lang == 'fr' else ''}present=1&step=1" in " ".join(
        s.text_frame.text for s in slides[0].shapes if s.has_text_frame
    )


def test_dck006_a_step_s_text_and_notes_when_the_story_has_them(mini):
    steps = (
        Step(
            1,
            "The world",
            "Le monde",
            "",
            text_en="Five continents.",
            text_fr="Cinq continents.",
            notes_en="Say hello.",
            notes_fr="Dire bonjour.",
        ),
        Step(2, "Asia", "Asie", "continent=Asia"),  # an older stories.csv: no text, no notes
    )
    client = create_app(load_settings({}), data=replace(mini, stories=steps)).server.test_client()
    for lang, text, lead in (("en", "Five continents.", "Say hello."), ("fr", "Cinq continents.", "Dire bonjour.")):
        slides = list(deck(client, f"?story=1&lang={lang}").slides)
        assert [title(s) for s in slides[1:]] == [s.title(lang) for s in steps]
        assert text in " ".join(s.text_frame.text for s in slides[1].shapes if s.has_text_frame)
        assert notes(slides[1]).startswith(lead)
        assert notes(slides[2]).startswith(i18n.t("notes_about", lang, text="")[:6])


def test_dck007_story_is_read_by_the_deck_route_only_and_never_an_error(client, mini):
    view_deck = [title(s) for s in deck(client, "").slides]
    for value in ("0", "no", "", "2", "%ff", "<script>", "1" * 500):
        assert [title(s) for s in deck(client, f"?story={value}").slides] == view_deck, value
    assert [title(s) for s in deck(client, "?story=TRUE").slides][1] == mini.stories[0].title("en")
    plain = create_app(load_settings({}), data=replace(mini, stories=())).server.test_client()
    assert [title(s) for s in deck(plain, "?story=1").slides][1] == "Key figures"  # no story: the view's deck
    response = client.get("/export/deck.pptx?story=1")
    assert 'filename="in2p3-story-2026-11-25.pptx"' in response.headers["Content-Disposition"]
    for path in ("/export/collaborations.csv?story=1", "/export/chart/map.png?story=1"):
        assert client.get(path).status_code == 200


def test_dck008_readme_documents_the_deck(client):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "story=1" in readme and "speaker notes" in readme and "native" in readme


# -- Since a version --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_dck009_since_a_version_the_deck_has_the_changes(tmp_path, lang):
    cmp.clear_caches()
    folder = make_history(tmp_path / "data")
    client = create_app(load_settings({}), store=DataStore(folder)).server.test_client()
    prs = deck(client, f"?since={V0}&lang={lang}")
    heading = i18n.t("since_title", lang, date="10 January 2026" if lang == "en" else "10 janvier 2026")
    slides = [s for s in prs.slides if title(s).startswith(heading)]
    assert len(slides) == 2  # the counts, then the table of changes
    counts = " ".join(s.text_frame.text for s in slides[0].shapes if s.has_text_frame)
    for kind in ("new", "ended", "changed"):
        assert f"1\n{describe.change_kind(kind, lang)}" in counts
    table = next(s.table for s in slides[1].shapes if s.has_table)
    rows = {table.cell(i, 2).text: table.cell(i, 0).text for i in range(1, len(table.rows))}
    assert rows == {
        "Programme with Canada": describe.change_kind("new", lang),
        "Test network in Asia": describe.change_kind("ended", lang),
        "Test laboratory in Japan": describe.change_kind("changed", lang),
    }
    assert i18n.t("notes_since_rules", lang) in notes(slides[0])
    # the slides of a filtered view have the changes of that view
    canada = deck(client, f"?since={V0}&country=CAN&lang={lang}")
    tables = [x.table for s in canada.slides if title(s).startswith(heading) for x in s.shapes if x.has_table]
    assert [tables[0].cell(i, 2).text for i in range(1, len(tables[0].rows))] == ["Programme with Canada"]
    # no since, or a since that names no version: the deck without those slides
    assert not [s for s in deck(client, f"?lang={lang}").slides if title(s).startswith(heading)]
    assert len(deck(client, "?since=2020-01-01").slides) == len(deck(client, "").slides)
