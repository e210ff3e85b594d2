"""The map of a view (``views.MapModel``) drawn with matplotlib, as the page's plotly map draws it: the countries in
their classes' colours, the others grey, home apart, small countries and sites as markers, the selection outlined,
framed on the view's longitudes and latitudes."""

from __future__ import annotations

import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch

from ... import describe, i18n
from ...look import (
    BORDER_COLOR,
    BORDER_WIDTH,
    HOME_COLOR,
    INK,
    NO_DATA_COLOR,
    OCEAN_COLOR,
    SELECTED_LINE,
    SELECTED_WIDTH,
    SITE_COLOR,
    class_colors,
)
from ...views import View
from .geometry import MapShapes
from .labels import draw_count_labels

#: Size of the markers (points²): small countries and sites.
MARKER_SIZE = 60


def draw_map(fig, ax, view: View, shapes: MapShapes, lang: str, *, legend_y: float) -> None:
    """Draw the map of ``view`` on ``ax``, its keys on ``fig`` at height ``legend_y`` (a fraction of the figure)."""
    model = view.map
    colors = class_colors(len(model.breaks))
    # Every country's colour, drawn in the page's order: no collaboration, the classes, home.
    fill = dict.fromkeys(model.no_data, NO_DATA_COLOR)
    keys = [Patch(facecolor=NO_DATA_COLOR, edgecolor="none", label=i18n.t("no_collaboration", lang))]
    classes = []
    if len(model.values):
        fill.update(zip(model.values.index, [colors[k] for k in model.values["klass"]]))
        classes = [
            Patch(facecolor=color, edgecolor="none", label=label)
            for color, label in zip(colors, describe.class_labels(model.breaks))
        ]
    if model.home is not None:
        fill[model.home] = HOME_COLOR
        home = describe.country_name(model, model.home, lang)
        keys.append(Patch(facecolor=HOME_COLOR, edgecolor="none", label=i18n.t("home", lang, country=home)))

    x0, x1, y0, y1 = shapes.box(model.lon_range, model.lat_range)
    paths, colours = [], []
    for iso, color in fill.items():
        path = shapes.paths.get(iso)
        if path is None:
            continue
        extent = path.get_extents()
        if extent.x1 >= x0 and extent.x0 <= x1 and extent.y1 >= y0 and extent.y0 <= y1:  # off the view: not drawn
            paths.append(path)
            colours.append(color)
    ax.add_patch(PathPatch(shapes.sphere, facecolor=OCEAN_COLOR, edgecolor="none", zorder=0))
    ax.add_collection(
        PathCollection(paths, facecolors=colours, edgecolors=BORDER_COLOR, linewidths=BORDER_WIDTH, zorder=1)
    )

    if len(model.values) and model.small:
        klass = model.values["klass"]
        points = model.countries.loc[list(model.small)]
        x, y = shapes.to_map.transform(points["lon"].to_numpy(dtype=float), points["lat"].to_numpy(dtype=float))
        small_colors = [colors[klass[iso]] for iso in model.small]
        ax.scatter(x, y, s=MARKER_SIZE, marker="o", c=small_colors, edgecolors=INK, linewidths=1.0, zorder=3)
    if model.sites:
        lon = np.array([s.lon for s in model.sites], dtype=float)
        lat = np.array([s.lat for s in model.sites], dtype=float)
        x, y = shapes.to_map.transform(lon, lat)
        site_colors = [SITE_COLOR] * len(lon)
        ax.scatter(x, y, s=MARKER_SIZE, marker="D", c=site_colors, edgecolors="white", linewidths=1.0, zorder=4)
        keys.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="D",
                markersize=9,
                markerfacecolor=SITE_COLOR,
                markeredgecolor="white",
                label=i18n.t("sites", lang),
            )
        )
    draw_count_labels(fig, ax, model, lang)  # each country's count, where presentation mode writes it
    chosen = [shapes.paths[iso] for iso in view.selection if iso in model.countries.index and iso in shapes.paths]
    # the page's outline is SELECTED_WIDTH screen pixels: half as many points at 144 dpi
    ax.add_collection(
        PathCollection(chosen, facecolors="none", edgecolors=[SELECTED_LINE], linewidths=SELECTED_WIDTH * 0.5, zorder=5)
    )
    if chosen:
        keys.append(
            Patch(facecolor="none", edgecolor=SELECTED_LINE, linewidth=2, label=i18n.t("selected_countries", lang))
        )

    # The view's longitudes and latitudes fill the axes one way and are centred the other (the axes keep the
    # map's proportions), as the page's map frames them: a continent shows that continent, not its neighbours.
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()

    legend_style = {
        "frameon": False,
        "fontsize": 13,
        "handlelength": 1.4,
        "handleheight": 1.0,
        "borderaxespad": 0,
        "columnspacing": 1.0,
        "handletextpad": 0.5,
    }
    margin = 0.4 / fig.get_figwidth()
    if classes:  # the classes from the left margin, the other keys to the right margin
        legend = fig.legend(
            handles=classes,
            loc="lower left",
            bbox_to_anchor=(margin, legend_y),
            ncol=len(classes),
            title=describe.unit(model.measure, lang).capitalize(),
            title_fontsize=13,
            alignment="left",
            **legend_style,
        )
        legend.get_title().set_color(INK)
    fig.legend(
        handles=keys,
        loc="lower right",
        bbox_to_anchor=(1 - margin, legend_y),
        ncol=len(keys),
        **legend_style,
    )
