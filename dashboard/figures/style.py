"""Shared look of the figures: sized for a projector (large type, no chart junk)."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

FONT_FAMILY = "Inter, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
FONT_SIZE = 15
INK = "#1f2933"
MUTED = "#5f6b7a"
GRID = "#e4e7eb"

#: The trace types the app draws; the only ones whose template defaults are kept.
TRACE_TYPES = ("bar", "scatter", "choropleth", "scattergeo")


def _lean_template(name: str = "plotly_white") -> go.layout.Template:
    """``name`` with only the parts our figures use: the same look, a fifth of the bytes in every figure.

    plotly_white carries defaults for some 25 trace types and for polar, ternary and 3-D scenes (7 kB of
    JSON in each figure sent to the browser, and a deep copy each time a figure is built).
    """
    full = pio.templates[name].to_plotly_json()
    data = {kind: traces for kind, traces in full["data"].items() if kind in TRACE_TYPES}
    layout = {key: value for key, value in full["layout"].items() if key not in ("polar", "ternary", "scene")}
    return go.layout.Template(data=data, layout=layout)


TEMPLATE = _lean_template()


def new_figure(*traces) -> go.Figure:
    """An empty figure (or one of ``traces``) with the app's template, for the builders to fill.

    Built without plotly's property validation (``_validate=False``), which costs more than everything else in
    a view's callback (deep copies of the template at each update); the builders' output is checked instead by
    ``tests/unit/test_figures.py``, which rebuilds every figure with validation on.
    """
    return go.Figure(data=list(traces), layout={"template": TEMPLATE}, _validate=False)


def base_layout(fig: go.Figure, *, title: str | None = None, height: int | None = None) -> go.Figure:
    """Apply the common layout to ``fig`` and return it."""
    fig.update_layout(
        font={"family": FONT_FAMILY, "size": FONT_SIZE, "color": INK},
        margin={"l": 10, "r": 10, "t": 10 if not title else 48, "b": 10},
        hoverlabel={"font": {"size": FONT_SIZE}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0, "title": None,
                "traceorder": "normal"},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    if title:
        fig.update_layout(title={"text": title, "x": 0, "xanchor": "left", "font": {"size": FONT_SIZE + 3}})
    if height:
        fig.update_layout(height=height)
    return fig


def empty_figure(message: str, *, height: int = 320) -> go.Figure:
    """A blank figure that says why it is blank."""
    fig = new_figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": FONT_SIZE + 1, "color": MUTED})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, height=height)
