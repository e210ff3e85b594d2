"""Figure builders: pure functions, frames in, plotly figures out. No Dash, no file I/O."""

from .charts import build_continent_chart, build_timeline_chart, build_top_countries_chart, build_type_chart
from .map import build_map, class_breaks
from .style import Figure

__all__ = [
    "Figure",
    "build_continent_chart",
    "build_map",
    "build_timeline_chart",
    "build_top_countries_chart",
    "build_type_chart",
    "class_breaks",
]
