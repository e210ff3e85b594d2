"""Presentation mode's story, told: each step's text in both languages, its highlighted countries and speaker notes
(stories.csv), checked like every table; shown by the page in presentation mode only."""

from __future__ import annotations

import re

import pytest

from dashboard import aggregate, i18n
from dashboard.loading import DataError, validate_folder
from dashboard.page.render import render
from dashboard.state import ViewState, Vocabulary, parse_query

OLD_HEADER = "step,title_en,title_fr,query\n"


def problems_of(folder) -> list:
    with pytest.raises(DataError) as raised:
        validate_folder(folder)
    return raised.value.problems


def write_stories(folder, *rows: str, header: str = "step,title_en,title_fr,query,text_en,text_fr,highlight") -> None:
    (folder / "stories.csv").write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")


def test_sty001_a_step_has_its_text_countries_and_notes_on_the_story(mini):
    asia = mini.stories[2]
    assert (asia.step, asia.title("fr")) == (3, "Asie")
    assert asia.text("en").startswith("2 collaborations in Asia")
    assert asia.text("fr").startswith("2 collaborations en Asie")
    assert asia.highlight == ("JPN", "KOR", "CHN")
    assert asia.notes("en") == "The network counts once in the totals."  # for the slides (another engineer's deck)
    assert asia.notes("fr") == "Le réseau compte une fois dans les totaux."
    blank = mini.stories[4]
    assert (blank.text("en"), blank.highlight, blank.notes("fr")) == ("", (), "")


def test_sty002_a_stories_file_written_before_the_texts_still_loads(mini_copy):
    """The versions of a data folder written before issue 14 have the four old columns: they stay valid (and can be
    restored), read with no text, no highlight and no notes."""
    (mini_copy / "stories.csv").write_text(OLD_HEADER + "1,World,Monde,\n2,Asia,Asie,continent=Asia\n", "utf-8")
    stories = validate_folder(mini_copy).stories
    assert [(s.step, s.title_en, s.query) for s in stories] == [(1, "World", ""), (2, "Asia", "continent=Asia")]
    assert all(s.text_en == s.text_fr == s.notes_en == "" and s.highlight == () for s in stories)


def test_sty003_highlighted_countries_are_checked_like_every_country_column(mini_copy):
    write_stories(mini_copy, "1,World,Monde,,,,JPN;jpn", "2,Asia,Asie,continent=Asia,,,XXY")
    problems = [p for p in problems_of(mini_copy) if p.column == "highlight"]
    assert [(p.file, p.row) for p in problems] == [("stories.csv", 2), ("stories.csv", 3)]
    assert "'jpn' is not the ISO 3166 alpha-3 code of a country on the map (did you mean JPN?)" in problems[0].message
    assert "'XXY'" in problems[1].message and "three capital letters such as JPN" in problems[1].message


def test_sty004_a_text_is_given_in_both_languages_and_short_enough_to_be_said(mini_copy):
    long_text = "w" * 350
    write_stories(mini_copy, "1,World,Monde,,Only English.,,", f"2,Asia,Asie,continent=Asia,{long_text},Court.,")
    found = {(p.row, p.column): p.message for p in problems_of(mini_copy)}
    assert "is empty while text_en is given; give the step's text in both languages" in found[(2, "text_fr")]
    assert "holds 350 characters" in found[(3, "text_en")] and "notes_en" in found[(3, "text_en")]


def test_sty005_a_misspelt_new_column_is_named_not_ignored(mini_copy):
    write_stories(mini_copy, "1,World,Monde,,,,JPN", header="step,title_en,title_fr,query,text_en,text_fr,highlights")
    problem = next(p for p in problems_of(mini_copy) if p.column == "highlights")
    assert (problem.file, problem.row) == ("stories.csv", 1)
    assert "is not a column of stories.csv (did you mean 'highlight'?)" in problem.message


def test_sty006_a_step_query_cannot_set_the_page_only_parameters(mini_copy):
    write_stories(mini_copy, "1,World,Monde,embed=1,,,")
    problem = next(p for p in problems_of(mini_copy) if p.column == "query")
    assert problem.row == 2 and "cannot set present, step, lang or embed" in problem.message


def test_sty007_presentation_mode_shows_the_steps_text_and_outlines_its_countries(mini):
    on_step = render(mini, ViewState(continents=("Asia",), present=True, step=3, lang="fr"))
    assert on_step["present_text"].startswith("2 collaborations en Asie")
    assert on_step["story_highlight"] == ["JPN", "KOR", "CHN"]
    for off in (ViewState(continents=("Asia",), step=3), ViewState(present=True), ViewState(present=True, step=99)):
        outputs = render(mini, off)
        assert (outputs["present_text"], outputs["story_highlight"]) == ("", []), off
    # Once the view changes (a year played, a country clicked), the text's numbers no longer hold: it is not said;
    # the step's countries stay outlined.
    for changed in ({"years": (2012, 2012)}, {"countries": ("JPN",)}, {"instruments": ("IRL",)}):
        outputs = render(mini, ViewState(continents=("Asia",), present=True, step=3, **changed))
        assert (outputs["present_text"], outputs["story_highlight"]) == ("", ["JPN", "KOR", "CHN"]), changed
    assert render(mini, ViewState(continents=("Asia",), present=True, step=3, embed=True))["present_text"]


def _facts(ds, state) -> set[int]:
    """Every number the view of ``state`` shows or counts: key figures, counts by type and by continent, each
    country's value on the map, the collaborations not on the map or of unknown start, the known start years."""
    selection = aggregate.select(ds, state)
    figures = aggregate.key_figures(ds, selection, state)
    numbers = {
        figures.instruments,
        figures.partner_countries,
        figures.partner_institutions,
        figures.continents,
        figures.infrastructures,
        figures.without_country,
        aggregate.per_year(ds, selection)[1],
        *figures.instruments_by_type.values(),
        *aggregate.country_values(ds, selection, state)["value"].astype(int),
        *aggregate.by_continent(ds, selection, state).groupby("continent")["count"].sum().astype(int),
        *selection.frame["start_year"].dropna().astype(int),
    }
    return {int(n) for n in numbers}


def test_sty008_the_shipped_texts_state_only_numbers_of_the_data(shipped):
    """data/stories.csv's sentences are written from the shipped data (data/README.md): every number in them is one
    that the step's view (or the whole data, for "4 of the 5") counts."""
    vocabulary = Vocabulary.from_dataset(shipped)
    world = _facts(shipped, ViewState())
    assert all(s.text_en and s.text_fr for s in shipped.stories)
    for story in shipped.stories:
        state, _ = parse_query(story.query, vocabulary)
        known = _facts(shipped, state) | world
        values = aggregate.country_values(shipped, aggregate.select(shipped, state), state)["value"]
        for lang, text in (("en", story.text_en), ("fr", story.text_fr)):
            said = {int(n) for n in re.findall(r"(?<![\w.-])\d+(?![\w.])", text)}
            assert said <= known, f"step {story.step}: {sorted(said - known)} not counted by the data in: {text}"
            for iso, value in values.items():  # "Japan (10)": the country's own number on the step's map
                for n in re.findall(re.escape(i18n.country_name(iso, lang)) + r" \((\d+)\)", text):
                    assert int(n) == value, f"step {story.step}: {iso} is {value} on the map, not {n}: {text}"


def test_sty009_a_link_naming_only_a_step_opens_that_steps_view(mini):
    """``?present=1&step=2`` (as a person types it, or a bookmark) shows step 2's own view under its title, with its
    text: not the whole data under the title "Europe"; a link with filters of its own keeps them."""
    from dashboard.app import create_app
    from dashboard.config import load_settings

    client = create_app(load_settings({}), data=mini).server.test_client()

    def control(query: str, component_id: str):
        layout = client.get("/_dash-layout", headers={"Referer": f"http://localhost/{query}"}).json
        found = []

        def walk(node):
            if isinstance(node, dict):
                props = node.get("props", {})
                if props.get("id") == component_id:
                    found.append(props)
                for value in props.values():
                    walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(layout)
        return found[0]

    from dashboard import ids

    step_two = mini.stories[1]
    own, _ = parse_query(step_two.query, Vocabulary.from_dataset(mini))
    assert own.continents  # the fixture's step 2 is a continent
    assert control("?present=1&step=2", ids.CONTINENT)["value"] == list(own.continents)
    assert control("?present=1&step=2&lang=fr", ids.PRESENT_TEXT)["children"] == step_two.text("fr")
    assert control("?present=1&step=2&instrument=IRL", ids.CONTINENT)["value"] == []
