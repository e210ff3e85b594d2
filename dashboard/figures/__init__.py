"""Figure builders: pure functions, parts of a view model (``views``) and a language in, plotly figures out.
No Dash, no file I/O."""

from .charts import build_continent_chart, build_timeline_chart, build_top_countries_chart, build_type_chart
from .map import build_map
from .style import Figure

__all__ = [
    "Figure",
    "build_continent_chart",
    "build_map",
    "build_timeline_chart",
    "build_top_countries_chart",
    "build_type_chart",
]
