"""Presentation mode's story, told: the step's text under its title and the step's countries outlined on the map.

A step of ``stories.csv`` (``loading.stories.Story``) has a text in each language (one or two sentences the
speaker says) and the countries to highlight. The text is shown in large type under the step's title while the
view is the step's own (a year played or a filter ticked changes the numbers the text states); the
countries are outlined by the browser over the map, by the mechanism that outlines the selection
(``outlineLayer`` in assets/app.js) in a second style: a dark line in a white halo, where the selection is amber
(assets/style.css), so that both can be seen at once. Both only in presentation mode, on a step of the story.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, dcc, html

from .. import ids
from ..state import ViewState, Vocabulary, parse_query


def current_story(ds, state: ViewState):
    """The story step that ``state`` shows in presentation mode (``loading.Story``), or None."""
    if not state.present or state.step is None:
        return None
    return next((story for story in ds.stories if story.step == state.step), None)


def on_its_view(ds, state: ViewState, story) -> bool:
    """Whether ``state`` shows the step's own view (its query), not one changed since: a year played, a filter, a
    country clicked (not the links drawn or not). The step's text states the numbers of its own view only."""
    own, _ = parse_query(story.query, Vocabulary.from_dataset(ds))  # checked when the data was loaded
    return state.with_(present=False, step=None, lang=own.lang, since=own.since, embed=False, links=own.links) == own


def expand_step(ds, state: ViewState) -> ViewState:
    """A link that names a step and nothing else of a view (``?present=1&step=2``, as a person types it) shows that
    step's own view (its query), not the whole data under the step's title; a link with filters of its own shows
    them. Language, comparison, embedding and the links drawn (``links=1``: they change no number) stay the link's."""
    story = current_story(ds, state)
    shown = {"lang": ViewState().lang, "since": None, "embed": False, "links": False}
    bare = state.with_(present=False, step=None, **shown) == ViewState()
    if story is None or not bare or not story.query:
        return state
    own, _ = parse_query(story.query, Vocabulary.from_dataset(ds))  # checked when the data was loaded
    return own.with_(
        present=True,
        step=state.step,
        lang=state.lang,
        since=state.since,
        embed=state.embed,
        links=state.links or own.links,
    )


def step_text(ds, state: ViewState) -> str:
    """What the speaker says at this step, in the view's language: "" off the story, for a step without text, and
    once the view has changed from the step's own (the text's numbers would contradict those on screen)."""
    story = current_story(ds, state)
    return story.text(state.lang) if story and on_its_view(ds, state, story) else ""


def step_highlight(ds, state: ViewState) -> list[str]:
    """The ISO3 codes of the countries this step outlines on the map (none off the story)."""
    story = current_story(ds, state)
    return list(story.highlight) if story else []


def text_slot() -> html.Div:
    """Under the step's title: its text (``step_text``), and the Store of its countries (``step_highlight``)."""
    return html.Div(
        [html.P(id=ids.PRESENT_TEXT, className="present-lead"), dcc.Store(id=ids.STORY_HIGHLIGHT, data=[])],
        className="present-lead-slot",
    )


def register(app) -> None:
    """The step's countries outlined over the map by the browser, in the highlight's style (assets/app.js)."""
    app.clientside_callback(
        ClientsideFunction(namespace="in2p3", function_name="highlightCountries"),
        Input(ids.STORY_HIGHLIGHT, "data"),
    )
