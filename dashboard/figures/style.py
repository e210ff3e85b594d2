"""Shared look of the figures: sized for a projector (large type, no chart junk)."""
from __future__ import annotations

import plotly.graph_objects as go

FONT_FAMILY = "Inter, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
FONT_SIZE = 15
INK = "#1f2933"
MUTED = "#5f6b7a"
GRID = "#e4e7eb"


def base_layout(fig: go.Figure, *, title: str | None = None, height: int | None = None) -> go.Figure:
    """Apply the common layout to ``fig`` and return it."""
    fig.update_layout(
        template="plotly_white",
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
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": FONT_SIZE + 1, "color": MUTED})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, height=height)
