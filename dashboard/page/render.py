"""What the page shows of one view, by name: the words of the page's language put in here, at the edge.

:func:`render` is the answer of the ``render_view`` callback and the first frame of the page (``prefill``), as a
dict keyed by the names of :data:`VIEW_OUTPUTS`, each name bound to the one component property it fills. The
callback declares its outputs from the same dict, so a value can never land on another output than its own.
The numbers come from the view model (``views.build_view``, the same in every language); the figure builders and
``describe`` put the words of ``state.lang`` on them here.
"""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

from .. import describe, i18n, ids
from ..figures import Figure, build_map
from ..state import ViewState, Vocabulary, parse_query, to_query
from ..views import MapModel, build_map_model, build_view, map_filters
from . import changes, steps
from .charts import chart_html
from .htmltext import to_html
from .mapfigure import layer_keys, map_key, page_figure
from .player import player_steps, year_banner
from .profile import profile_outputs
from .share import full_view_href, share_queries
from .story import step_highlight, step_text

#: Name -> (component id, property) of every output of ``render_view``, in no particular order.
VIEW_OUTPUTS: dict[str, tuple[str, str]] = {
    "map": (ids.MAP_SENT, "data"),
    "map_caption": (ids.MAP_CAPTION, "children"),
    "map_note": (ids.MAP_NOTE, "children"),
    "map_key": (ids.MAP_LEGEND, "html"),
    "map_summary": (ids.MAP_SUMMARY, "children"),
    "links_note": (ids.LINKS_NOTE, "children"),
    "map_row": (ids.MAP_ROW, "className"),
    "profile": (ids.PROFILE_BODY, "html"),
    "selection": (ids.SELECTION, "children"),
    "key_figures": (ids.FIGURES, "children"),
    "continent_chart": (ids.CONTINENT_CHART, "html"),
    "top_chart": (ids.TOP_CHART, "html"),
    "type_chart": (ids.TYPE_CHART, "html"),
    "timeline_chart": (ids.TIMELINE_CHART, "html"),
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
    # what changed in a story step and since a version (page/steps.py, page/changes.py)
    "figure_changes": (ids.FIGURE_CHANGES, "children"),
    "changes": (ids.CHANGES, "children"),
    "since_options": (ids.SINCE, "options"),
}


class PageMap:
    """The map of one set of filters (``views.map_filters``): its model, for every language and selection, and its
    figure in each language and size asked for, built once (the selection's outline is drawn by the browser).

    With the links shown, a selection fades the links that touch none of its countries: that figure is built for
    the selection (``focus``) and not kept here (the view's outputs, which hold it, are kept per view)."""

    def __init__(self, model: MapModel, changes=None):
        self.model = model
        self.changes = changes  # since a version, in the map's view: its layer of changes (figures/changes.py)
        self._figures: dict = {}

    def _built(self, key, build):
        built = self._figures.get(key)
        if built is None:  # two threads may build it at once: the first one kept serves both from then on
            built = self._figures.setdefault(key, build())
        return built

    def base(self, lang: str, large: bool) -> Figure:
        """``figures.build_map`` of the model."""
        # No height: the graph's box decides it (the stylesheet's, which a profile or presentation mode changes).
        build = lambda: build_map(self.model, lang=lang, large=large, height=None, changes=self.changes)
        return self._built(("base", lang, large), build)

    def figure(self, lang: str, large: bool, universe: PageMap | None = None, focus: tuple[str, ...] = ()) -> Figure:
        """The page's map (``mapfigure.page_figure``); ``universe``: the map of the same measure with no filter;
        ``focus``: the selected countries, whose links stand out when the map shows links (that map is built for
        the selection, not kept)."""
        wide = universe.base(lang, large) if universe else None
        if focus and self.model.show_links and self.model.arcs:
            focused = build_map(self.model, lang=lang, large=large, focus=focus, height=None, changes=self.changes)
            return page_figure(focused, wide)
        return self._built(("page", lang, large), lambda: page_figure(self.base(lang, large), wide))


def universe_filters(state: ViewState) -> ViewState:
    """The map whose markers (and links) are all the markers (and links) of the maps of ``state``'s frame: the same
    measure (and comparison, links shown or not, and continents: the frame, whose links are drawn thinner), no
    other filter."""
    return map_filters(
        ViewState(measure=state.measure, since=state.since, links=state.links, continents=state.continents)
    )


def render(ds, state: ViewState, maps=None, compare: changes.Comparison | None = None) -> dict:
    """Every output of ``render_view`` for ``state`` (names of :data:`VIEW_OUTPUTS`), testable without Dash.

    ``maps`` (a ``viewcache.ViewCache``) keeps the maps (:class:`PageMap`) by their filters: the selection's outline
    is drawn by the browser, so one map serves every selection, and one model every language. The table comes a
    page at a time (``table_page``). ``compare`` is what the page compares with (``changes.comparison``, computed
    where the data folder is known: the callback, the first frame); without it, nothing is compared.
    """
    lang = state.lang
    compute = lambda: PageMap(build_map_model(ds, state), changes.view_part(compare, state, with_selection=False))
    page_map = maps.get_or_compute(ds, map_filters(state), compute) if maps is not None else compute()
    wide = universe_filters(state)
    compute = lambda: PageMap(build_map_model(ds, wide))
    universe = maps.get_or_compute(ds, wide, compute) if maps is not None else compute()
    view = build_view(ds, state, with_table=False, map_model=page_map.model)
    story = story_links(ds, state)
    plain = state.with_(present=False, step=None)
    other = "fr" if lang == "en" else "en"
    since = changes.view_part(compare, state)
    profile = profile_outputs(ds, state, view.map)
    profile["profile"] = to_html(profile["profile"])  # HTML text (``HtmlBlock``): see ``profile_panel``
    return {
        "map": page_map.figure(lang, state.present, universe, state.countries),
        "map_key": to_html(
            map_key(
                view.map,
                lang,
                sites=bool(view.map.sites),
                small=bool(view.map.small and len(view.map.values)),
                layers=layer_keys(page_map.base(lang, state.present)),
            )
        ),
        "map_caption": describe.map_caption(view.map, lang),
        "map_note": describe.map_note(view, lang),
        "map_summary": describe.map_summary(view.map, lang),
        "links_note": describe.links_note(view.map, lang),
        **profile,
        "selection": selection_summary(state, lang),
        "key_figures": figure_cards(view.key_figures, lang),
        **{f"{name}_chart": chart for name, chart in chart_html(view, lang).items()},
        "timeline_note": describe.timeline_note(view, lang),
        "table_caption": describe.table_caption(view, lang),
        "page_class": "page present" if state.present else "page",
        "present_title": story.title,
        "present_caption": describe.caption(view, lang),
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
        "embed_caption": describe.caption(view, lang),
        "embed_full": full_view_href(state),
        "figure_changes": steps.figure_cells(
            view, steps.step_lines(ds, state, view, lang), changes.since_lines(ds, state, view, since, lang)
        ),
        "changes": changes.changes_panel(compare, since, lang),
        "since_options": changes.since_options(compare, state, lang),
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
        # the story's view, in the language and with the links the speaker chose
        return to_query(target.with_(lang=state.lang, present=True, step=story.step, links=state.links))

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


def figure_cards(figures, lang: str) -> list:
    """The key figures as cards: value, what it counts, and how."""
    return [
        html.Div(
            [
                html.Div(str(f.value), className="figure-value"),
                html.Div(describe.key_figure_label(f, lang), className="figure-label"),
                html.Div(describe.key_figure_detail(f, lang), className="figure-detail"),
            ],
            className="figure-card",
            **{"data-figure": f.key},
        )
        for f in figures
    ]
