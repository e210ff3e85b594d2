"""The page: one function per panel, in one language. Options come from the data set; the view from the URL.

The language is chosen when the page loads (``?lang=fr``): switching language reloads the page, so every
label of the layout is in one language; the views follow the URL without a reload.
"""

from __future__ import annotations

from dash import dcc, html

from .. import i18n, ids, schema
from ..describe import column_labels
from ..exports.links import DECK_PATH, export_links
from ..state import ViewState
from . import player, share, story
from .changes import since_field
from .controls import ChoiceGroup
from .htmltext import HtmlBlock
from .profile import profile_panel

#: Given to every map: plotly.js fetches world_50m.json from here instead of its CDN.
GEO_CONFIG = {
    "topojsonURL": "/geo/",
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    "responsive": True,
}


def graph_config(base: dict, lang: str) -> dict:
    """plotly.js config in ``lang`` (the French locale is served from assets/)."""
    return {**base, "locale": lang} if lang != i18n.DEFAULT_LANG else dict(base)


def _field(label: str, control, *, hint: str | None = None, control_id: str | None = None) -> html.Div:
    """A labelled control (the label's id is ``<control_id>-label``, for names given with aria-labelledby)."""
    label_id = f"{control_id}-label" if control_id else None
    named = {"id": label_id} if label_id else {}
    children = [html.Label(label, htmlFor=control_id, className="field-label", **named)]
    if hint:
        children.append(html.Div(hint, className="field-hint"))
    children.append(control)
    extra = {"data-labelledby": label_id} if label_id else {}
    return html.Div(children, className="field", **extra)


def _choices(control_id: str, legend: str, options: list[dict], value, *, multiple: bool = True, **more):
    return html.Div(
        ChoiceGroup(id=control_id, legend=legend, options=options, value=value, multiple=multiple, **more),
        className="field",
    )


def dropdown_labels(lang: str) -> dict:
    """The country list's own words (dcc.Dropdown ``labels``) in the page's language."""
    keys = {
        "search": "search_label",
        "clear_search": "clear_search",
        "clear_selection": "clear_countries",
        "selected_count": "countries_chosen",
        "no_options_found": "nothing_found",
        "select_all": "select_all",
        "deselect_all": "deselect_all",
    }
    return {name: i18n.t(key, lang) for name, key in keys.items()}


def filter_panel(ds, lang: str) -> html.Aside:
    """The view's controls and the filters. On a phone it is a drawer opened by the "Filters" button of the header
    (assets/controls.js); on wider screens, the column at the left of the views."""
    first, last = ds.year_bounds
    marks = {y: str(y) for y in range(first - first % 10 + 10, last - 4, 10)}
    marks.update({first: str(first), last: str(last)})
    names = sorted(
        ((i18n.country_name(iso, lang, fallback=name), iso) for iso, name in ds.countries["name"].items()),
        key=lambda pair: pair[0],
    )
    return html.Aside(
        [
            html.Div(
                [
                    html.H2(i18n.t("panel_view", lang), className="panel-title"),
                    html.Button(
                        [html.Span("✕", **{"aria-hidden": "true"}), " ", i18n.t("close_filters", lang)],
                        id=ids.FILTERS_CLOSE,
                        type="button",
                        className="button button-quiet drawer-close",
                    ),
                ],
                className="drawer-head",
            ),
            _choices(
                ids.MEASURE,
                i18n.t("measure", lang),
                [{"label": i18n.t(f"measure_{key}", lang), "value": key} for key in schema.MEASURES],
                schema.DEFAULT_MEASURE,
                multiple=False,
            ),
            since_field(lang),  # "Compare with": an earlier version of the data (since=)
            _field(
                i18n.t("selected_countries", lang),
                html.Div(  # its height kept while its lazily loaded part arrives (style.css)
                    dcc.Dropdown(
                        id=ids.COUNTRY,
                        options=[{"label": f"{name} ({iso})", "value": iso} for name, iso in names],
                        multi=True,
                        searchable=True,
                        placeholder=i18n.t("search_country", lang),
                        labels=dropdown_labels(lang),
                        value=[],
                    ),
                    className="dropdown-slot",
                ),
                hint=i18n.t("selected_hint", lang),
                control_id=ids.COUNTRY,
            ),
            html.Div(
                [
                    html.Button(
                        i18n.t("clear_selection", lang), id=ids.CLEAR_SELECTION, className="button", n_clicks=0
                    ),
                    html.Button(i18n.t("reset_view", lang), id=ids.RESET, className="button button-quiet", n_clicks=0),
                ],
                className="buttons",
            ),
            html.H2(i18n.t("panel_filters", lang), className="panel-title"),
            _choices(
                ids.INSTRUMENT,
                i18n.t("instrument_type", lang),
                [
                    {
                        "value": k,
                        "code": k,
                        "label": i18n.instrument_name(k, lang),
                        "color": schema.TYPE_COLORS[k],
                    }
                    for k in schema.INSTRUMENT_TYPES
                ],
                [],
                hint=i18n.t("none_ticked", lang),
            ),
            _choices(
                ids.CONTINENT,
                i18n.t("continent", lang),
                [{"label": i18n.continent_name(c, lang), "value": c} for c in schema.CONTINENTS if c != "Antarctica"],
                [],
            ),
            _choices(
                ids.THEME,
                i18n.t("theme", lang),
                [
                    {"label": i18n.theme_name(label, lang).capitalize(), "value": slug}
                    for slug, label in schema.THEMES.items()
                ],
                [],
            ),
            _choices(
                ids.LAB,
                i18n.t("lab", lang),
                [{"label": code, "value": code} for code in sorted(ds.labs["code"], key=str.lower)],
                [],
                collapsible=True,
                summary_count=i18n.t("ticked_count", lang),
                className="choices-columns",
            ),
            _choices(
                ids.STATUS,
                i18n.t("status", lang),
                [{"label": i18n.status_name(label, lang), "value": slug} for slug, label in schema.STATUSES.items()],
                [],
            ),
            _field(
                i18n.t("active_between", lang),
                html.Div(
                    dcc.RangeSlider(
                        id=ids.YEARS,
                        min=first,
                        max=last,
                        step=1,
                        value=[first, last],
                        marks=marks,
                        tooltip={"placement": "bottom", "always_visible": False},
                        allowCross=False,
                    ),
                    className="slider-slot",
                ),
                hint=i18n.t("active_hint", lang),
                control_id=ids.YEARS,
            ),
        ],
        id=ids.FILTERS,
        className="filters",
        **{"aria-label": i18n.t("panel_label", lang)},
    )


def _card(
    title: str,
    body,
    *,
    caption_id: str | None = None,
    caption: str = "",
    extra=None,
    class_name: str = "",
    links=None,
    title_id: str | None = None,
    card_id: str | None = None,
) -> html.Section:
    head = [html.H2(title, className="card-title", **({"id": title_id} if title_id else {}))]
    if links is not None:
        head.append(links)
    if extra is not None:
        head.append(extra)
    children = [html.Div(head, className="card-head")]
    if caption_id:
        children.append(html.P(caption, id=caption_id, className="card-caption"))
    elif caption:
        children.append(html.P(caption, className="card-caption"))
    children.append(body)
    more = {"id": card_id, "tabIndex": "-1"} if card_id else {}  # a skip link's target takes the focus
    return html.Section(children, className=f"card {class_name}".strip(), **more)


def collaboration_table(lang: str) -> html.Div:
    """The table of the view's collaborations: plain HTML, one page of rows at a time, paged and sorted by the
    server (page/table.py, the ``table_page`` callback; the page arrives with its first page: prefill.py).

    Each column header holds a button that sorts every row of the view by that column (again: the other way);
    the header cell says how in ``aria-sort``. The pages are a ``nav`` of buttons with their names, and "Page 2 of 5"
    is announced when it changes. Notes and long partner lists open in the cell (``details``), with the keyboard too.
    """
    header = html.Tr(
        [
            html.Th(
                html.Button(
                    [label, html.Span(className="sort-icon", **{"aria-hidden": "true"})],
                    id=ids.table_sort(key),
                    type="button",
                    className="sort-button",
                    n_clicks=0,
                ),
                scope="col",
                id=ids.table_header(key),
                className=f"col-{key}",
            )
            for key, label in column_labels(lang).items()
        ]
    )

    def move(move_id: str, text: str, arrow: str, after: bool = False):
        mark = html.Span(arrow, **{"aria-hidden": "true"})
        return html.Button(
            [text, " ", mark] if after else [mark, " ", text],
            id=move_id,
            type="button",
            className="button button-quiet page-button",
            n_clicks=0,
        )

    return html.Div(
        [
            html.Div(
                html.Table(
                    [
                        html.Caption(id=ids.TABLE_CAPTION, className="table-caption"),
                        html.Thead(header),
                        HtmlBlock(id=ids.TABLE_BODY, tag="tbody"),  # its rows as HTML text (page/htmltext.py)
                    ],
                    id=ids.TABLE,
                    className="data-table",
                ),
                className="table-scroll",
            ),
            html.Nav(
                [
                    move(ids.TABLE_FIRST, i18n.t("first_page", lang), "«"),
                    move(ids.TABLE_PREVIOUS, i18n.t("previous_page", lang), "‹"),
                    html.P(
                        id=ids.TABLE_STATUS,
                        className="page-status",
                        role="status",
                        **{"aria-live": "polite", "aria-atomic": "true"},
                    ),
                    move(ids.TABLE_NEXT, i18n.t("next_page", lang), "›", after=True),
                    move(ids.TABLE_LAST, i18n.t("last_page", lang), "»", after=True),
                ],
                id=ids.TABLE_PAGER,
                className="pager",
                **{"aria-label": i18n.t("table_pages", lang)},
            ),
            dcc.Store(id=ids.TABLE_STATE, data={"page": 0, "sort_by": []}),
        ]
    )


def image_links(name: str, lang: str) -> html.Span:
    """ "PNG · SVG" next to a card's title: its figure as a presentation-size image with title, filters, source.

    The hrefs follow the view (set by prefill.py, then by the browser: ``export.export_links``); these are the
    default view's.
    """
    hrefs = export_links(ViewState(lang=lang))
    links = []
    for fmt in ("png", "svg"):
        if links:
            links.append(" · ")
        label = i18n.t(f"download_{fmt}_title", lang)
        links.append(
            html.A(
                fmt.upper(),
                id=ids.image_download(name, fmt),
                href=hrefs[ids.image_download(name, fmt)],
                download="",
                title=label,
                **{"aria-label": label},
            )
        )
    if name == "map":  # the map year by year, as an animated image for a slide
        label = i18n.t("download_gif_title", lang)
        links += [
            " · ",
            html.A(
                "GIF",
                id=ids.DOWNLOAD_ANIMATION,
                href=hrefs[ids.DOWNLOAD_ANIMATION],
                download="",
                title=label,
                **{"aria-label": label},
            ),
        ]
    return html.Span(links, className="image-links")


def _chart(chart_id: str) -> HtmlBlock:
    """A chart's place: its bars are HTML text the page arrives with (page/charts.py, filled by prefill.py); a click on
    a bar that picks a country or a continent is its ``clickData``."""
    return HtmlBlock(id=chart_id, className="chart-slot")


def header(ds, lang: str) -> html.Header:
    facts = " · ".join(f"{f['value']} {f.get('label_' + lang) or f['label_en']}" for f in ds.facts)
    other = "fr" if lang == "en" else "en"
    return html.Header(
        [
            html.Div(
                [
                    html.H1(i18n.t("title", lang)),
                    html.P(
                        [
                            i18n.t("subtitle", lang),
                            " ",
                            html.Span(
                                i18n.t("data_of", lang, date=i18n.long_date(ds.data_date, lang)), className="data-date"
                            ),
                        ],
                        className="subtitle",
                    ),
                    html.P(facts, className="facts") if facts else None,
                ]
            ),
            html.Nav(
                [
                    html.Button(
                        i18n.t("filters_button", lang),
                        id=ids.FILTERS_OPEN,
                        type="button",
                        className="button filters-toggle",
                        **{"aria-expanded": "false", "aria-controls": ids.FILTERS},
                    ),
                    dcc.Link(
                        [html.Span("▶ ", **{"aria-hidden": "true"}), i18n.t("present", lang)],
                        id=ids.PRESENT_ENTER,
                        href="?present=1",
                        className="button",
                    ),
                    *share.share_tools(lang),
                    html.A(
                        i18n.t("switch_language", lang),
                        id=ids.LANG_SWITCH,
                        href=f"?lang={other}",
                        lang=other,
                        title=i18n.t("switch_language_title", lang),
                        className="button button-quiet",
                    ),
                ],
                className="header-actions",
                **{"aria-label": i18n.t("page_actions", lang)},
            ),
        ],
        className="page-header",
    )


def _named(symbol: str, name: str) -> list:
    """A symbol shown, a name read (a link or button whose text is an arrow)."""
    return [html.Span(symbol, **{"aria-hidden": "true"}), html.Span(name, className="visually-hidden")]


def presentation_bar(lang: str) -> html.Div:
    """The strip shown in presentation mode: story title, the view's caption, navigation."""
    return html.Div(
        [
            html.Div(
                [
                    html.H2(id=ids.PRESENT_TITLE, className="present-title"),
                    story.text_slot(),
                    html.P(id=ids.PRESENT_CAPTION, className="present-caption"),
                ],
                className="present-text",
            ),
            html.Nav(
                [
                    dcc.Link(
                        _named("←", i18n.t("story_prev", lang)),
                        id=ids.STORY_PREV,
                        href="",
                        className="button",
                        title=i18n.t("story_prev", lang),
                    ),
                    html.Span(id=ids.PRESENT_STEP, className="present-step"),
                    dcc.Link(
                        _named("→", i18n.t("story_next", lang)),
                        id=ids.STORY_NEXT,
                        href="",
                        className="button",
                        title=i18n.t("story_next", lang),
                    ),
                    html.Button(
                        i18n.t("fullscreen", lang),
                        id=ids.FULLSCREEN,
                        className="button button-quiet",
                        title=i18n.t("fullscreen", lang),
                        **{"aria-label": i18n.t("fullscreen", lang)},
                    ),
                    dcc.Link(
                        _named("✕", i18n.t("present_exit", lang)),
                        id=ids.PRESENT_EXIT,
                        href="",
                        className="button button-quiet",
                        title=i18n.t("present_exit", lang),
                    ),
                ],
                className="present-nav",
                **{"aria-label": i18n.t("story_nav", lang)},
            ),
        ],
        id=ids.PRESENT_BAR,
        className="present-bar",
    )


def map_card(lang: str) -> html.Section:
    """The map's card: title and selection, its "Show links" check box, the map, what is not on it and its links."""
    return _card(
        i18n.t("map_title", lang),
        html.Div(
            [
                player.player_controls(lang),
                html.Div(  # the map's height kept while its lazily loaded part arrives (style.css)
                    [
                        dcc.Graph(
                            id=ids.MAP,
                            config=graph_config(GEO_CONFIG, lang),
                            style={"height": "600px"},
                            className="map-graph",
                        ),
                        player.year_slot(),
                    ],
                    className="map-slot",
                ),
                HtmlBlock(id=ids.MAP_LEGEND, className="map-key-slot"),  # the map's key (page/mapfigure.py)
                # The map as text, read by screen readers, and read again (politely) when the view changes.
                html.P(
                    id=ids.MAP_SUMMARY,
                    className="visually-hidden",
                    role="status",
                    **{"aria-live": "polite", "aria-atomic": "true"},
                ),
                html.P(id=ids.MAP_NOTE, className="card-note"),
                html.P(id=ids.LINKS_NOTE, className="card-note"),
            ],
            className="map-body",
        ),
        caption_id=ids.MAP_CAPTION,
        extra=html.Div(
            [
                ChoiceGroup(  # a native check box in a fieldset (its legend read, not shown): ``links=1``
                    id=ids.LINKS,
                    legend=i18n.t("links_control_legend", lang),
                    options=[{"value": "1", "label": i18n.t("links_control", lang)}],
                    value=[],
                    multiple=True,
                    className="links-toggle",
                ),
                html.Div(id=ids.SELECTION, className="selection"),
            ],
            className="map-tools",
        ),
        class_name="card-map",
        card_id=ids.MAP_CARD,
        links=image_links("map", lang),
    )


def content(ds, lang: str) -> html.Main:
    links = export_links(ViewState(lang=lang))  # the default view's; prefill.py sets the page's own
    return html.Main(
        [
            html.Div(id=ids.NOTICE, className="notice", role="status", **{"aria-live": "polite"}),
            html.Div(  # the key figures; under each, what changed in a story step or since a version (page/steps.py)
                [
                    html.Div(id=ids.FIGURES, className="figures", **{"aria-label": i18n.t("key_figures", lang)}),
                    html.Div(id=ids.FIGURE_CHANGES, className="figure-changes"),
                ],
                className="figures-block",
            ),
            html.Div(
                [map_card(lang), profile_panel(image_links("profile", lang))],
                id=ids.MAP_ROW,
                className="map-row",
            ),
            share.embed_caption_slot(lang),
            html.Div(id=ids.CHANGES, className="changes-slot"),  # what changed since a version (page/changes.py)
            html.Div(
                [
                    _card(
                        i18n.t("by_continent", lang),
                        _chart(ids.CONTINENT_CHART),
                        caption=i18n.t("by_continent_caption", lang),
                        links=image_links("continent", lang),
                    ),
                    _card(
                        i18n.t("top_countries", lang),
                        _chart(ids.TOP_CHART),
                        caption=i18n.t("top_countries_caption", lang),
                        links=image_links("top", lang),
                    ),
                    _card(
                        i18n.t("by_type", lang),
                        _chart(ids.TYPE_CHART),
                        caption=i18n.t("by_type_caption", lang),
                        links=image_links("type", lang),
                    ),
                    _card(
                        i18n.t("per_year", lang),
                        html.Div(
                            [
                                _chart(ids.TIMELINE_CHART),
                                html.P(id=ids.TIMELINE_NOTE, className="card-note"),
                            ]
                        ),
                        caption=i18n.t("per_year_caption", lang),
                        links=image_links("timeline", lang),
                    ),
                ],
                className="charts",
            ),
            _card(
                i18n.t("table_title", lang),
                collaboration_table(lang),
                class_name="card-table",
                title_id="table-title",
                extra=html.Div(
                    [
                        html.A(
                            i18n.t("download_csv", lang),
                            id=ids.DOWNLOAD_CSV,
                            href=links[ids.DOWNLOAD_CSV],
                            className="button",
                            download="",
                        ),
                        html.A(
                            i18n.t("download_xlsx", lang),
                            id=ids.DOWNLOAD_XLSX,
                            href=links[ids.DOWNLOAD_XLSX],
                            className="button",
                            download="",
                        ),
                        html.A(
                            i18n.t("download_deck", lang),
                            id=ids.DOWNLOAD_DECK,
                            href=links[ids.DOWNLOAD_DECK],
                            className="button",
                            download="",
                            title=i18n.t("download_deck_title", lang),
                        ),
                        html.A(
                            i18n.t("download_story", lang),
                            id=ids.DOWNLOAD_STORY,
                            href=f"{DECK_PATH}?story=1{'&lang=' + lang if lang != i18n.DEFAULT_LANG else ''}",
                            className="button button-quiet",
                            download="",
                            title=i18n.t("download_story_title", lang),
                        ),
                    ],
                    className="downloads",
                ),
            ),
        ],
        className="content",
        id="content",
        **{"aria-label": i18n.t("views_label", lang)},
    )


def footer(lang: str) -> html.Footer:
    return html.Footer(
        [
            html.P(
                [
                    i18n.t("footer_counting", lang),
                    i18n.t("footer_sources", lang),
                    html.A(
                        i18n.t("main_source", lang),
                        href="https://in2p3.cnrs.fr/en/open-global-strategy",
                        target="_blank",
                        rel="noopener",
                    ),
                    i18n.t("footer_map", lang),
                ]
            ),
        ],
        className="page-footer",
    )


def build_layout(ds, lang: str = i18n.DEFAULT_LANG) -> html.Div:
    """The whole page in ``lang``."""
    lang = lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANG
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.PAGE_LANG, data=lang),
            dcc.Store(id=ids.MAP_KEY),
            dcc.Store(id=ids.MAP_SENT),
            dcc.Store(id=ids.MAP_HELD),
            dcc.Store(id=ids.MAP_OUTLINE),
            html.A(i18n.t("skip_to_map", lang), href=f"#{ids.MAP_CARD}", className="skip-link"),
            header(ds, lang),
            presentation_bar(lang),
            html.Div([filter_panel(ds, lang), content(ds, lang)], className="page-body"),
            footer(lang),
        ],
        id=ids.PAGE,
        className="page",
        lang=lang,
    )
