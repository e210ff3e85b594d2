"""What changed in this step: presentation mode's key figures each say how they differ from the previous step of the
story ("+12 vs Europe"), and, when the page compares with a version (``since=``), what changed since then
(``page/changes.since_lines``).

The lines go under the key figure cards, one cell per card (``figure_cells``: the ``figure_changes`` output of
``render``), in the cards' order; the page's style sheet puts each cell in its card's column, as the card's foot.
The previous step's figures come from its own view model (``views.build_view`` of the step's query, as the story's
links read it), counted like the step's.
"""

from __future__ import annotations

from dash import html

from .. import describe, i18n
from ..state import ViewState, Vocabulary, parse_query
from ..views import View, build_view


def previous_step(ds, state: ViewState):
    """(the story step before ``state``'s, its view state), or None: not in presentation mode, not a step of the
    story, or its first step."""
    if not state.present or state.step is None:
        return None
    steps = [s.step for s in ds.stories]
    if state.step not in steps:
        return None
    position = steps.index(state.step)
    if position == 0:
        return None
    story = ds.stories[position - 1]
    previous, _ = parse_query(story.query, Vocabulary.from_dataset(ds))  # checked when the data was loaded
    return story, previous.with_(lang=state.lang)


def step_lines(ds, state: ViewState, view: View, lang: str) -> dict[str, list[str]]:
    """Key figure -> its difference from the previous story step ("+12 vs Europe", "same as Europe"); {} when there
    is no previous step."""
    found = previous_step(ds, state)
    if found is None:
        return {}
    story, previous = found
    title = story.title(lang)
    # the previous step's key figures only: its map is not needed (this view's stands in for it)
    before = {f.key: f.value for f in build_view(ds, previous, with_table=False, map_model=view.map).key_figures}
    lines = {}
    for figure in view.key_figures:
        if figure.key not in before:
            continue
        diff = figure.value - before[figure.key]
        if diff:
            lines[figure.key] = [i18n.t("step_diff", lang, diff=describe.signed(diff, lang), step=title)]
        else:
            lines[figure.key] = [i18n.t("step_same", lang, step=title)]
    return lines


def figure_cells(view: View, *parts: dict[str, list[str]]) -> list:
    """The cells under the key figure cards, one per card in the cards' order, each with its lines from ``parts``;
    none at all when no card has a line (the cards then stand alone)."""
    lines = {f.key: [line for part in parts for line in part.get(f.key, [])] for f in view.key_figures}
    if not any(lines.values()):
        return []
    return [
        html.Div(
            [html.Div(line, className="figure-change-line") for line in lines[f.key]],
            className="figure-change",
            **{"data-figure": f.key},
        )
        for f in view.key_figures
    ]
