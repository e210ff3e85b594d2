"""The page: one function per panel, in one language. Options come from the data set; the view from the URL.

The language is chosen when the page loads (``?lang=fr``): switching language reloads the page, so every
label of the layout is in one language; the views follow the URL without a reload.
"""

from __future__ import annotations

from dash import dash_table, dcc, html

from .. import i18n, ids, schema
from ..describe import column_labels
from ..exports.links import export_links
from ..figures.style import FONT_FAMILY
from ..state import ViewState
from .table import PAGE_SIZE

#: Given to every map: plotly.js fetches world_50m.json from here instead of its CDN.
GEO_CONFIG = {
    "topojsonURL": "/geo/",
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    "responsive": True,
}
CHART_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoom2d", "pan2d", "autoScale2d"],
}


def graph_config(base: dict, lang: str) -> dict:
    """plotly.js config in ``lang`` (the French locale is served from assets/)."""
    return {**base, "locale": lang} if lang != i18n.DEFAULT_LANG else dict(base)


def _field(label: str, control, *, hint: str | None = None, control_id: str | None = None) -> html.Div:
    children = [html.Label(label, htmlFor=control_id, className="field-label")]
    if hint:
        children.append(html.Div(hint, className="field-hint"))
    children.append(control)
    return html.Div(children, className="field")


def filter_panel(ds, lang: str) -> html.Aside:
    first, last = ds.year_bounds
    marks = {y: str(y) for y in range(first - first % 10 + 10, last - 4, 10)}
    marks.update({first: str(first), last: str(last)})
    names = sorted(
        ((i18n.country_name(iso, lang, fallback=name), iso) for iso, name in ds.countries["name"].items()),
        key=lambda pair: pair[0],
    )
    return html.Aside(
        [
            html.H2(i18n.t("panel_view", lang), className="panel-title"),
            _field(
                i18n.t("measure", lang),
                dcc.RadioItems(
                    id=ids.MEASURE,
                    options=[{"label": i18n.t(f"measure_{key}", lang), "value": key} for key in schema.MEASURES],
                    value=schema.DEFAULT_MEASURE,
                    className="radio",
                    inputClassName="radio-input",
                ),
            ),
            _field(
                i18n.t("selected_countries", lang),
                dcc.Dropdown(
                    id=ids.COUNTRY,
                    options=[{"label": f"{name} ({iso})", "value": iso} for name, iso in names],
                    multi=True,
                    searchable=True,
                    placeholder=i18n.t("search_country", lang),
                    value=[],
                ),
                hint=i18n.t("selected_hint", lang),
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
            _field(
                i18n.t("instrument_type", lang),
                dcc.Checklist(
                    id=ids.INSTRUMENT,
                    options=[
                        {
                            "label": html.Span(
                                [
                                    html.Span(className="swatch", style={"background": schema.TYPE_COLORS[k]}),
                                    html.B(k),
                                    f" {i18n.instrument_name(k, lang)}",
                                ]
                            ),
                            "value": k,
                        }
                        for k in schema.INSTRUMENT_TYPES
                    ],
                    value=[],
                    className="checklist",
                    inputClassName="check-input",
                ),
                hint=i18n.t("none_ticked", lang),
            ),
            _field(
                i18n.t("continent", lang),
                dcc.Dropdown(
                    id=ids.CONTINENT,
                    options=[
                        {"label": i18n.continent_name(c, lang), "value": c}
                        for c in schema.CONTINENTS
                        if c != "Antarctica"
                    ],
                    multi=True,
                    placeholder=i18n.t("all_continents", lang),
                    value=[],
                ),
            ),
            _field(
                i18n.t("theme", lang),
                dcc.Dropdown(
                    id=ids.THEME,
                    options=[
                        {"label": i18n.theme_name(label, lang).capitalize(), "value": slug}
                        for slug, label in schema.THEMES.items()
                    ],
                    multi=True,
                    placeholder=i18n.t("all_themes", lang),
                    value=[],
                ),
            ),
            _field(
                i18n.t("lab", lang),
                dcc.Dropdown(
                    id=ids.LAB,
                    options=[{"label": code, "value": code} for code in sorted(ds.labs["code"], key=str.lower)],
                    multi=True,
                    placeholder=i18n.t("all_labs", lang),
                    value=[],
                ),
            ),
            _field(
                i18n.t("status", lang),
                dcc.Checklist(
                    id=ids.STATUS,
                    options=[
                        {"label": f" {i18n.status_name(label, lang)}", "value": slug}
                        for slug, label in schema.STATUSES.items()
                    ],
                    value=[],
                    className="checklist",
                    inputClassName="check-input",
                ),
            ),
            _field(
                i18n.t("active_between", lang),
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
                hint=i18n.t("active_hint", lang),
            ),
        ],
        className="filters",
        **{"aria-label": i18n.t("panel_filters", lang)},
    )


def _card(
    title: str, body, *, caption_id: str | None = None, caption: str = "", extra=None, class_name: str = "", links=None
) -> html.Section:
    head = [html.H2(title, className="card-title")]
    if links is not None:
        head.append(links)
    if extra is not None:
        head.append(extra)
    children = [html.Div(head, className="card-head")]
    children.append(
        html.P(caption, id=caption_id, className="card-caption")
        if caption_id
        else html.P(caption, className="card-caption")
    )
    children.append(body)
    return html.Section(children, className=f"card {class_name}".strip())


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
    return html.Span(links, className="image-links")


def _graph(graph_id: str, lang: str, height: int = 320) -> dcc.Graph:
    return dcc.Graph(id=graph_id, config=graph_config(CHART_CONFIG, lang), style={"height": f"{height}px"})


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
            html.Div(
                [
                    dcc.Link(
                        "▶ " + i18n.t("present", lang), id=ids.PRESENT_ENTER, href="?present=1", className="button"
                    ),
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
            ),
        ],
        className="page-header",
    )


def presentation_bar(lang: str) -> html.Div:
    """The strip shown in presentation mode: story title, the view's caption, navigation."""
    return html.Div(
        [
            html.Div(
                [
                    html.H2(id=ids.PRESENT_TITLE, className="present-title"),
                    html.P(id=ids.PRESENT_CAPTION, className="present-caption"),
                ],
                className="present-text",
            ),
            html.Nav(
                [
                    dcc.Link("←", id=ids.STORY_PREV, href="", className="button", title=i18n.t("story_prev", lang)),
                    html.Span(id=ids.PRESENT_STEP, className="present-step"),
                    dcc.Link("→", id=ids.STORY_NEXT, href="", className="button", title=i18n.t("story_next", lang)),
                    html.Button(
                        i18n.t("fullscreen", lang),
                        id=ids.FULLSCREEN,
                        className="button button-quiet",
                        title=i18n.t("fullscreen", lang),
                        **{"aria-label": i18n.t("fullscreen", lang)},
                    ),
                    dcc.Link(
                        "✕",
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


def content(ds, lang: str) -> html.Main:
    labels = column_labels(lang)
    links = export_links(ViewState(lang=lang))  # the default view's; prefill.py sets the page's own
    return html.Main(
        [
            html.Div(id=ids.NOTICE, className="notice", role="status", **{"aria-live": "polite"}),
            html.Div(id=ids.FIGURES, className="figures", **{"aria-label": i18n.t("key_figures", lang)}),
            _card(
                i18n.t("map_title", lang),
                html.Div(
                    [
                        dcc.Graph(
                            id=ids.MAP,
                            config=graph_config(GEO_CONFIG, lang),
                            style={"height": "600px"},
                            className="map-graph",
                        ),
                        html.P(id=ids.MAP_SUMMARY, className="visually-hidden", **{"aria-live": "polite"}),
                        html.P(id=ids.MAP_NOTE, className="card-note"),
                    ]
                ),
                caption_id=ids.MAP_CAPTION,
                extra=html.Div(id=ids.SELECTION, className="selection"),
                class_name="card-map",
                links=image_links("map", lang),
            ),
            html.Div(
                [
                    _card(
                        i18n.t("by_continent", lang),
                        _graph(ids.CONTINENT_CHART, lang),
                        caption=i18n.t("by_continent_caption", lang),
                        links=image_links("continent", lang),
                    ),
                    _card(
                        i18n.t("top_countries", lang),
                        _graph(ids.TOP_CHART, lang, height=380),
                        caption=i18n.t("top_countries_caption", lang),
                        links=image_links("top", lang),
                    ),
                    _card(
                        i18n.t("by_type", lang),
                        _graph(ids.TYPE_CHART, lang, height=300),
                        caption=i18n.t("by_type_caption", lang),
                        links=image_links("type", lang),
                    ),
                    _card(
                        i18n.t("per_year", lang),
                        html.Div(
                            [
                                _graph(ids.TIMELINE_CHART, lang, height=300),
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
                dash_table.DataTable(
                    id=ids.TABLE,
                    columns=[
                        {"name": label, "id": key, "presentation": "markdown"}
                        if key == "source_url"
                        else {"name": label, "id": key}
                        for key, label in labels.items()
                    ],
                    data=[],
                    # Paged and sorted by the server (table.py): the browser holds one page, whatever the data size.
                    page_action="custom",
                    sort_action="custom",
                    sort_mode="single",
                    sort_by=[],
                    page_current=0,
                    page_count=1,
                    page_size=PAGE_SIZE,
                    style_as_list_view=True,
                    style_table={"overflowX": "auto"},
                    style_cell={
                        "textAlign": "left",
                        "whiteSpace": "normal",
                        "height": "auto",
                        "padding": "6px 8px",
                        "fontFamily": FONT_FAMILY,
                        "fontSize": "14px",
                        "maxWidth": "320px",
                    },
                    style_header={"fontWeight": "600", "backgroundColor": "#f1f3f5"},
                    markdown_options={"link_target": "_blank"},
                    tooltip_delay=300,
                    tooltip_duration=None,
                ),
                caption_id=ids.TABLE_CAPTION,
                class_name="card-table",
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
                    ],
                    className="downloads",
                ),
            ),
        ],
        className="content",
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
            header(ds, lang),
            presentation_bar(lang),
            html.Div([filter_panel(ds, lang), content(ds, lang)], className="page-body"),
            footer(lang),
        ],
        id=ids.PAGE,
        className="page",
        lang=lang,
    )
