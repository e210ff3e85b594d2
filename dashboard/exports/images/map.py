"""The map of a view (``views.MapModel``) drawn with matplotlib, as the page's plotly map draws it: the countries in
their classes' colours, the others grey, home apart, small countries and sites as markers, the partner institutions
and IN2P3 labs as points (one per place), with ``links=1`` the links between them as great circles, the selection
outlined, framed on the view's longitudes and latitudes."""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch

from ... import describe, i18n
from ...look import (
    BORDER_COLOR,
    BORDER_WIDTH,
    CONTINENT_LINK_OPACITY,
    CONTINENT_LINK_SCALE,
    HOME_COLOR,
    INK,
    LAB_COLOR,
    LAB_EDGE,
    LAB_SIZE,
    LAB_SIZE_CONTINENT,
    LINK_COLOR,
    LINK_FADED_OPACITY,
    LINK_OPACITY,
    NO_DATA_COLOR,
    OCEAN_COLOR,
    PARTNER_COLOR,
    SELECTED_LINE,
    SELECTED_WIDTH,
    SITE_COLOR,
    class_colors,
    link_width,
    point_size,
)
from ...views import MapModel, View, point_places
from .geometry import MapShapes, great_circle
from .labels import draw_count_labels

#: Size of the markers (points²): small countries and sites.
MARKER_SIZE = 60
#: The page's screen pixels as points of the image (1920 px wide for a map the page draws about 1000 px wide: the
#: points and lines keep their weight against the countries).
PIXEL_POINTS = 0.9


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
    keys += draw_links(ax, model, shapes, focus=view.selection, lang=lang)
    keys += draw_points(ax, model, shapes, lang=lang)
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
        ncol=min(len(keys), 3),  # in rows of three (the classes take the left)
        **legend_style,
    )


def draw_links(ax, model: MapModel, shapes: MapShapes, *, focus=(), lang: str) -> list:
    """The arcs of ``model`` (with ``show_links``) as great circles, as the page's map draws them: width by the
    collaborations they stand for, those touching none of the ``focus`` countries faded. Returns its legend key."""
    if not model.show_links or not model.arcs:
        return []
    scale = (CONTINENT_LINK_SCALE if model.continents else 1.0) * PIXEL_POINTS
    opacity = CONTINENT_LINK_OPACITY if model.continents else LINK_OPACITY
    wanted = set(focus)
    segments, widths, alphas = [], [], []

    def lit(arc) -> bool:
        return not wanted or arc.lab_iso3 in wanted or arc.end_iso3 in wanted

    for arc in sorted(model.arcs, key=lit):  # the faded ones first, underneath
        for lon, lat in great_circle(arc.lab_lon, arc.lab_lat, arc.lon, arc.lat):
            x, y = shapes.to_map.transform(lon, lat)
            segments.append(np.column_stack([x, y]))
            widths.append(link_width(arc.weight) * scale)
            alphas.append(opacity if lit(arc) else LINK_FADED_OPACITY)
    colors = [(*to_rgb(LINK_COLOR), alpha) for alpha in alphas]
    ax.add_collection(LineCollection(segments, colors=colors, linewidths=widths, capstyle="round", zorder=2.5))
    return [Line2D([], [], color=LINK_COLOR, alpha=opacity, linewidth=2.5, label=i18n.t("links_legend", lang))]


def draw_points(ax, model: MapModel, shapes: MapShapes, *, lang: str) -> list:
    """The partner institutions' points and the labs' squares of ``model``, one per place. Returns their legend keys."""
    keys = []
    partners = point_places(model.partners)
    if partners:
        x, y = shapes.to_map.transform([p.lon for p in partners], [p.lat for p in partners])
        sizes = [(point_size(p.collaborations) * PIXEL_POINTS) ** 2 for p in partners]
        ax.scatter(x, y, s=sizes, marker="o", c=PARTNER_COLOR, edgecolors="white", linewidths=0.8, zorder=6)
        keys.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=7,
                markerfacecolor=PARTNER_COLOR,
                markeredgecolor="white",
                label=i18n.t("partners_legend", lang),
            )
        )
    labs = point_places(model.labs)
    if labs:
        x, y = shapes.to_map.transform([p.lon for p in labs], [p.lat for p in labs])
        size = ((LAB_SIZE_CONTINENT if model.continents else LAB_SIZE) * PIXEL_POINTS) ** 2
        ax.scatter(x, y, s=size, marker="s", c=LAB_COLOR, edgecolors=LAB_EDGE, linewidths=1.0, zorder=6.5)
        keys.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="s",
                markersize=7,
                markerfacecolor=LAB_COLOR,
                markeredgecolor=LAB_EDGE,
                label=i18n.t("labs_legend", lang),
            )
        )
    return keys
