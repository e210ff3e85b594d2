"""The page: one function per panel. Options come from the data set; the view itself from the URL."""
from __future__ import annotations

from dash import dash_table, dcc, html

from . import ids, schema
from .aggregate import TABLE_COLUMNS
from .figures.style import FONT_FAMILY

#: Given to every map: plotly.js fetches world_50m.json from here instead of its CDN.
GEO_CONFIG = {"topojsonURL": "/geo/", "displaylogo": False, "scrollZoom": False,
              "modeBarButtonsToRemove": ["select2d", "lasso2d"], "responsive": True}
CHART_CONFIG = {"displaylogo": False, "responsive": True,
                "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoom2d", "pan2d", "autoScale2d"]}


def _field(label: str, control, *, hint: str | None = None, control_id: str | None = None) -> html.Div:
    children = [html.Label(label, htmlFor=control_id, className="field-label")]
    if hint:
        children.append(html.Div(hint, className="field-hint"))
    children.append(control)
    return html.Div(children, className="field")


def filter_panel(ds) -> html.Aside:
    countries = ds.countries
    first, last = ds.year_bounds
    marks = {y: str(y) for y in range(first - first % 10 + 10, last, 10)}
    marks.update({first: str(first), last: str(last)})
    return html.Aside(
        [
            html.H2("View", className="panel-title"),
            _field("Colour the map by", dcc.RadioItems(
                id=ids.MEASURE,
                options=[{"label": label, "value": key} for key, label in
                         (("instruments", "Collaborations"), ("partners", "Partner institutions"),
                          ("infrastructures", "Infrastructures"))],
                value=schema.DEFAULT_MEASURE, className="radio", inputClassName="radio-input",
            )),
            _field("Selected countries", dcc.Dropdown(
                id=ids.COUNTRY,
                options=[{"label": f"{name} ({iso})", "value": iso} for iso, name in countries["name"].sort_values().items()],
                multi=True, searchable=True, placeholder="Search a country…", value=[],
            ), hint="Click the map, or type a country name."),
            html.Div([
                html.Button("Clear selection", id=ids.CLEAR_SELECTION, className="button", n_clicks=0),
                html.Button("Reset view", id=ids.RESET, className="button button-quiet", n_clicks=0),
            ], className="buttons"),
            html.H2("Filters", className="panel-title"),
            _field("Instrument type", dcc.Checklist(
                id=ids.INSTRUMENT,
                options=[{"label": html.Span([html.Span(className="swatch", style={"background": schema.TYPE_COLORS[k]}),
                                              html.B(k), f" {v}"]), "value": k}
                         for k, v in schema.INSTRUMENT_TYPES.items()],
                value=[], className="checklist", inputClassName="check-input",
            ), hint="None ticked: all types."),
            _field("Continent", dcc.Dropdown(
                id=ids.CONTINENT, options=[c for c in schema.CONTINENTS if c != "Antarctica"],
                multi=True, placeholder="All continents", value=[],
            )),
            _field("Theme", dcc.Dropdown(
                id=ids.THEME, options=[{"label": label.capitalize(), "value": slug} for slug, label in schema.THEMES.items()],
                multi=True, placeholder="All themes", value=[],
            )),
            _field("IN2P3 lab", dcc.Dropdown(
                id=ids.LAB, options=[{"label": f"{code}", "value": code} for code in sorted(ds.labs["code"], key=str.lower)],
                multi=True, placeholder="All labs", value=[],
            )),
            _field("Status", dcc.Checklist(
                id=ids.STATUS, options=[{"label": f" {label}", "value": slug} for slug, label in schema.STATUSES.items()],
                value=[], className="checklist", inputClassName="check-input",
            )),
            _field("Active between", dcc.RangeSlider(
                id=ids.YEARS, min=first, max=last, step=1, value=[first, last], marks=marks,
                tooltip={"placement": "bottom", "always_visible": False}, allowCross=False,
            ), hint="Collaborations whose known years overlap the range."),
        ],
        className="filters",
        **{"aria-label": "Filters and selection"},
    )


def _card(title: str, body, *, caption_id: str | None = None, caption: str = "", extra=None, class_name: str = "") -> html.Section:
    head = [html.H2(title, className="card-title")]
    if extra is not None:
        head.append(extra)
    children = [html.Div(head, className="card-head")]
    children.append(html.P(caption, id=caption_id, className="card-caption") if caption_id else html.P(caption, className="card-caption"))
    children.append(body)
    return html.Section(children, className=f"card {class_name}".strip())


def _graph(graph_id: str, config=CHART_CONFIG, height: int = 320) -> dcc.Graph:
    return dcc.Graph(id=graph_id, config=config, style={"height": f"{height}px"})


def header(ds) -> html.Header:
    facts = " · ".join(f"{f['value']} {f['label_en']}" for f in ds.facts)
    return html.Header(
        [
            html.Div([
                html.H1("IN2P3 international collaborations"),
                html.P([
                    "CNRS Nucléaire & Particules (IN2P3): cooperation instruments, agreements and research infrastructures "
                    "with partners on five continents. ",
                    html.Span(f"Data of {ds.data_date:%d %B %Y}.", className="data-date"),
                ], className="subtitle"),
                html.P(facts, className="facts") if facts else None,
            ]),
        ],
        className="page-header",
    )


def content(ds) -> html.Main:
    return html.Main(
        [
            html.Div(id=ids.NOTICE, className="notice", role="status", **{"aria-live": "polite"}),
            html.Div(id=ids.FIGURES, className="figures", **{"aria-label": "Key figures"}),
            _card("Where IN2P3 collaborates", html.Div([
                dcc.Graph(id=ids.MAP, config=GEO_CONFIG, style={"height": "600px"}, className="map-graph"),
                html.P(id=ids.MAP_NOTE, className="card-note"),
            ]), caption_id=ids.MAP_CAPTION, extra=html.Div(id=ids.SELECTION, className="selection"), class_name="card-map"),
            html.Div([
                _card("By continent", _graph(ids.CONTINENT_CHART),
                      caption="Each collaboration counts once per continent, however many of its countries take part."),
                _card("Top partner countries", _graph(ids.TOP_CHART, height=380),
                      caption="Collaborations per country; a multi-country collaboration counts in each of its countries. "
                              "France (home) is not ranked."),
                _card("By instrument type", _graph(ids.TYPE_CHART, height=300),
                      caption="Number of instruments: a network counts once; the IEA, whose list is not published, count as their published total."),
                _card("Active collaborations per year", html.Div([_graph(ids.TIMELINE_CHART, height=300),
                                                                  html.P(id=ids.TIMELINE_NOTE, className="card-note")]),
                      caption="Collaborations with a known start year, active each year."),
            ], className="charts"),
            _card("Collaborations in view", dash_table.DataTable(
                id=ids.TABLE,
                columns=[{"name": label, "id": key, "presentation": "markdown"} if key == "source_url"
                         else {"name": label, "id": key} for key, label in TABLE_COLUMNS.items()],
                data=[],
                sort_action="native",
                page_size=15,
                style_as_list_view=True,
                style_table={"overflowX": "auto"},
                style_cell={"textAlign": "left", "whiteSpace": "normal", "height": "auto", "padding": "6px 8px",
                            "fontFamily": FONT_FAMILY, "fontSize": "14px", "maxWidth": "320px"},
                style_header={"fontWeight": "600", "backgroundColor": "#f1f3f5"},
                markdown_options={"link_target": "_blank"},
                tooltip_delay=300,
                tooltip_duration=None,
            ), caption_id=ids.TABLE_CAPTION,
                extra=html.A("Download CSV", id=ids.DOWNLOAD_CSV, href="/export/collaborations.csv", className="button",
                             download="in2p3-collaborations.csv")),
        ],
        className="content",
    )


def footer(ds) -> html.Footer:
    return html.Footer(
        [
            html.P([
                "How the numbers count: a collaboration counts once in totals and once in each of its countries on the map; "
                "the 22 International Emerging Actions are counted as a total because their titles and countries are not "
                "published. Sites are approximate. ",
                "Sources: every row links to the page its facts come from (table above); main source: ",
                html.A("in2p3.cnrs.fr — An open global strategy", href="https://in2p3.cnrs.fr/en/open-global-strategy",
                       target="_blank", rel="noopener"),
                ". Map: Natural Earth (public domain).",
            ]),
        ],
        className="page-footer",
    )


def build_layout(ds) -> html.Div:
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.MAP_KEY),
            header(ds),
            html.Div([filter_panel(ds), content(ds)], className="page-body"),
            footer(ds),
        ],
        className="page",
    )
