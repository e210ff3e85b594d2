"""Figure builders: pure functions, parts of a view model (``views``) and a language in, plotly figures out.
No Dash, no file I/O. The page's charts are HTML (``page/charts.py``); the map is the one plotly figure."""

from .map import build_map
from .style import Figure

__all__ = ["Figure", "build_map"]
