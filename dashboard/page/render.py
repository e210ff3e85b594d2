"""What the page shows of one view, by name: the words of the page's language put in here, at the edge.

:func:`render` is the answer of the ``render_view`` callback and the first frame of the page (``prefill``), as a
dict keyed by the names of :data:`VIEW_OUTPUTS`, each name bound to the one component property it fills. The
callback declares its outputs from the same dict, so a value can never land on another output than its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

from .. import i18n, ids
from ..state import ViewState, Vocabulary, parse_query, to_query
from ..views import build_view
from .player import player_steps, year_banner
from .share import full_view_href, share_queries
from .story import step_highlight, step_text

#: Name -> (component id, property) of every output of ``render_view``, in no particular order.
VIEW_OUTPUTS: dict[str, tuple[str, str]] = {
    "map": (ids.MAP_SENT, "data"),
    "map_caption": (ids.MAP_CAPTION, "children"),
    "map_note": (ids.MAP_NOTE, "children"),
    "map_summary": (ids.MAP_SUMMARY, "children"),
    "selection": (ids.SELECTION, "children"),
    "key_figures": (ids.FIGURES, "children"),
    "continent_chart": (ids.CONTINENT_CHART, "figure"),
    "top_chart": (ids.TOP_CHART, "figure"),
    "type_chart": (ids.TYPE_CHART, "figure"),
    "timeline_chart": (ids.TIMELINE_CHART, "figure"),
    "timeline_note": (ids.TIMELINE_NOTE, "children"),
    "table_caption": (ids.TABLE_CAPTION, "children"),
    "page_class": (ids.PAGE, "className"),
    "present_title": (ids.PRESENT_TITLE, "children"),
    "present_caption": (ids.PRESENT_CAPTION, "children"),
    "present_step": (ids.PRESENT_STEP, "children"),
    "story_prev": (ids.STORY_PREV, "href"),
    "story_next": (ids.STORY_NEXT, "href"),
    "present_exit": (ids.PRESENT_EXIT, "href"),
    "present_enter": (ids.PRESENT_ENTER, "href"),
    "lang_switch": (ids.LANG_SWITCH, "href"),
    "player_steps": (ids.PLAYER_STEPS, "data"),
    "player_year": (ids.PLAYER_YEAR, "children"),
    "present_text": (ids.PRESENT_TEXT, "children"),
    "story_highlight": (ids.STORY_HIGHLIGHT, "data"),
    "share_queries": (ids.SHARE_QUERIES, "data"),
    "embed_caption": (ids.EMBED_CAPTION, "children"),
    "embed_full": (ids.EMBED_FULL, "href"),
}


def render(ds, state: ViewState, maps=None) -> dict:
    """Every output of ``render_view`` for ``state`` (names of :data:`VIEW_OUTPUTS`), testable without Dash.

    ``maps`` (a cache) keeps the maps built: the selection's outline is drawn by the browser, so a map is the same
    for every selection. The table comes a page at a time (``table_page``).
    """
    lang = state.lang
    view = build_view(ds, state, with_table=False, outline_selection=False, maps=maps)
    story = story_links(ds, state)
    plain = state.with_(present=False, step=None)
    other = "fr" if lang == "en" else "en"
    return {
        "map": view.map,
        "map_caption": view.map_caption,
        "map_note": view.map_note,
        "map_summary": view.map_summary,
        "selection": selection_summary(state, lang),
        "key_figures": figure_cards(view.key_figures),
        "continent_chart": view.charts["continent"][2],
        "top_chart": view.charts["top"][2],
        "type_chart": view.charts["type"][2],
        "timeline_chart": view.charts["timeline"][2],
        "timeline_note": view.timeline_note,
        "table_caption": view.table_caption,
        "page_class": "page present" if state.present else "page",
        "present_title": story.title,
        "present_caption": view.caption,
        "present_step": story.step,
        "story_prev": story.previous,
        "story_next": story.next,
        "present_exit": to_query(plain) or "?",
        "present_enter": to_query(state.with_(present=True)),
        "lang_switch": to_query(state.with_(lang=other)) or "?",
        "player_steps": player_steps(ds, state),
        "player_year": year_banner(ds, state),
        "present_text": step_text(ds, state),
        "story_highlight": step_highlight(ds, state),
        "share_queries": share_queries(state),
        "embed_caption": view.caption,
        "embed_full": full_view_href(state),
    }


@dataclass(frozen=True)
class StoryLinks:
    """Presentation mode's strip for one view: the step's title, "3 / 11", and the previous and next steps' URLs."""

    title: str = ""
    step: str = ""
    previous: str = ""
    next: str = ""


def story_links(ds, state: ViewState) -> StoryLinks:
    """Where ``state`` stands in the data set's story (``stories.csv``); empty when it is not one of its steps."""
    stories = ds.stories
    if not stories:
        return StoryLinks()
    steps = [s.step for s in stories]
    position = steps.index(state.step) if state.step in steps else -1
    vocabulary = Vocabulary.from_dataset(ds)

    def link(index: int) -> str:
        story = stories[index]
        target, _ = parse_query(story.query, vocabulary)  # checked when the data was loaded
        return to_query(target.with_(lang=state.lang, present=True, step=story.step))

    return StoryLinks(
        title=stories[position].title(state.lang) if position >= 0 else "",
        step=i18n.t("step_of", state.lang, step=position + 1, total=len(stories)) if position >= 0 else "",
        previous=link(position - 1) if position > 0 else "",
        next=link(position + 1) if position + 1 < len(stories) else "",
    )


def selection_summary(state: ViewState, lang: str):
    """ "Selected: Japan, Chile" under the map's title, or the hint that a click selects."""
    if not state.countries:
        return html.Span(i18n.t("click_hint", lang), className="selection-hint")
    names = [i18n.country_name(c, lang) for c in state.countries]
    return html.Span(
        [html.Span(i18n.t("selected", lang), className="selection-label"), ", ".join(names)], className="selection-list"
    )


def figure_cards(figures) -> list:
    """The key figures as cards: value, what it counts, and how."""
    return [
        html.Div(
            [
                html.Div(str(f.value), className="figure-value"),
                html.Div(f.label, className="figure-label"),
                html.Div(f.detail, className="figure-detail"),
            ],
            className="figure-card",
            **{"data-figure": f.key},
        )
        for f in figures
    ]
