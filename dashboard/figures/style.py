"""Shared look of the plotly figures: sized for a projector (large type, no chart junk); the colours they share
with the exported images are in ``dashboard/look.py``."""

from __future__ import annotations

import _plotly_utils.utils as plotly_utils
import plotly.graph_objects as go
import plotly.io as pio

from ..look import INK

FONT_FAMILY = "Inter, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
FONT_SIZE = 15

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
#: ``TEMPLATE`` as the plain dict in each figure's layout (go.Figure copies it into the figure; a Template object
#: would first be copied into such a dict each time).
_TEMPLATE_SPEC = TEMPLATE.to_plotly_json()


def layout(*, height: int | None = None) -> dict:
    """The common layout of the figures, with the app's template, as a plain dict for the builders to extend.

    ``"title": {}`` is no title (what plotly makes of ``title=None``), here and on the charts' axes.
    """
    spec = {
        "template": _TEMPLATE_SPEC,
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": INK},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "hoverlabel": {"font": {"size": FONT_SIZE}},
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "xanchor": "left",
            "x": 0,
            "title": {},
            "traceorder": "normal",
        },
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
    }
    if height:
        spec["height"] = height
    return spec


class Figure:
    """A figure as the builders assemble it: plain dicts (``spec``), sent to the browser as they are.

    Building a plotly ``go.Figure`` deep-copies every trace (and serialising one copies it again, at every answer,
    even from the view cache): for a view of 10^5 collaborations that cost more than all of its counting. So the
    page gets ``to_plotly_json()``, made once per figure, and the plotly object is made only when something reads the
    figure as one (``data``, ``layout``: the image exports, the tests). Read-only: nothing changes a figure once built.
    """

    __slots__ = ("spec", "_plotly", "_json")

    def __init__(self, traces: list[dict], layout: dict):
        self.spec = {"data": traces, "layout": layout}
        self._plotly = None
        self._json = None

    def to_plotly_json(self) -> dict:
        """What ``go.Figure.to_plotly_json`` gives for the same figure (numeric arrays as typed-array specs)."""
        if self._json is None:
            self._json = _encoded(self.spec)
        return self._json

    to_dict = to_plotly_json

    def to_json(self) -> str:
        return pio.to_json(self.to_plotly_json(), validate=False)

    @property
    def plotly(self) -> go.Figure:
        """The plotly object of this figure (made on first use, without plotly's validation)."""
        if self._plotly is None:
            self._plotly = go.Figure(self.spec, _validate=False)
        return self._plotly

    @property
    def data(self):
        return self.plotly.data

    @property
    def layout(self):
        return self.plotly.layout


def _encoded(value, key: str = ""):
    """``value`` with numeric arrays as plotly.js typed-array specs, as plotly encodes a figure for the browser
    (``_plotly_utils.utils.convert_to_base64``, which changes its argument in place: here ``spec`` is left as it
    is, and only the dicts and lists on the way to an array are new). Lists of plain values (hover data, names)
    are shared: plotly converts arrays found as dict values only."""
    if isinstance(value, dict):
        return {k: _encoded(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if not value or not isinstance(value[0], (dict, list, tuple)):
            return value  # the builders' lists hold one kind of item
        return [_encoded(v) for v in value]
    if key and not plotly_utils.is_skipped_key(key) and plotly_utils.is_homogeneous_array(value):
        return plotly_utils.to_typed_array_spec(value)
    return value


def figure(traces: list[dict], spec: dict) -> Figure:
    """The figure of ``traces`` (plain dicts: ``{"type": "bar", ...}``) laid out by ``spec`` (see :func:`layout`).

    The builders assemble each figure as plain dicts, never through plotly's objects: plotly's property validation,
    its ``add_trace`` and ``update_*`` methods and the deep copies they make cost more than everything else in a
    view's callback. The dicts are therefore what plotly's validation would have stored: nested, with no magic
    underscores (``"projection": {"type": ...}``, not ``projection_type``), and the columns of frames as numpy
    arrays (numbers go to the browser as typed arrays). The builders' output is checked instead by
    ``tests/unit/test_performance.py``, which rebuilds the figures of views with validation on.
    """
    return Figure(traces, spec)
