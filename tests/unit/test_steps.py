"""What changed in this step: in presentation mode, each key figure says how it differs from the previous step of the
story ("+12 vs Europe"), computed from that step's own view model; a cell under each card (``figure_changes``)."""

from __future__ import annotations

from dashboard import ids
from dashboard.page.render import VIEW_OUTPUTS, render
from dashboard.page.steps import previous_step
from dashboard.state import ViewState, Vocabulary, parse_query
from dashboard.views import build_view


def step_state(ds, step: int, lang: str = "en") -> ViewState:
    story = next(s for s in ds.stories if s.step == step)
    state, _ = parse_query(story.query, Vocabulary.from_dataset(ds))
    return state.with_(present=True, step=step, lang=lang)


def cells(outputs) -> dict[str, str]:
    return {c.__getattribute__("data-figure"): " ".join(line.children for line in c.children) for c in outputs}


def test_stp001_each_key_figure_says_what_changed_since_the_previous_step(shipped):
    asia = step_state(shipped, 3)
    europe = build_view(shipped, step_state(shipped, 2), with_table=False)
    here = build_view(shipped, asia, with_table=False)
    lines = cells(render(shipped, asia)["figure_changes"])
    before = {f.key: f.value for f in europe.key_figures}
    for figure in here.key_figures:
        diff = figure.value - before[figure.key]
        if diff:
            sign = "+" if diff > 0 else "−"
            assert lines[figure.key] == f"{sign}{abs(diff)} vs Europe", figure.key
        else:
            assert lines[figure.key] == "same as Europe", figure.key
    assert VIEW_OUTPUTS["figure_changes"] == (ids.FIGURE_CHANGES, "children")


def test_stp002_in_french_and_only_where_there_is_a_previous_step(shipped):
    lines = cells(render(shipped, step_state(shipped, 3, "fr"))["figure_changes"])
    assert lines["collaborations"].endswith("par rapport à Europe")
    assert render(shipped, step_state(shipped, 1))["figure_changes"] == []  # the first step
    assert render(shipped, step_state(shipped, 3).with_(present=False))["figure_changes"] == []  # not presenting
    assert render(shipped, ViewState(present=True))["figure_changes"] == []  # not a step of the story
    assert previous_step(shipped, ViewState(present=True, step=999)) is None
    story, state = previous_step(shipped, step_state(shipped, 11, "fr"))
    assert story.step == 10 and state.instruments == ("INFRA",) and state.lang == "fr"
