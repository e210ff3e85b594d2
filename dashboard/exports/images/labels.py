"""Each coloured country's count on the map image, where presentation mode writes it (``map_labels``): computed at
the presentation map's size and drawn at this image's scale (the type grows or shrinks with the map, so that the
labels stand where they stood on the projector and never meet). A world map is projected as the page's is: its
labels are the page's own positions; a continent's image is not turned to its middle as plotly turns the page's
map, so its labels are placed again in the image's own projection and frame, by the same rules."""

from __future__ import annotations

from matplotlib import patheffects

from ...look import GRID, INK
from ...map_labels import (
    ALSO_FONT_PX,
    IMAGE,
    PAGE,
    also_lines,
    central_meridian,
    frame_box,
    label_color,
    place_labels,
)
from ...views import MapModel


def draw_count_labels(fig, ax, model: MapModel, lang: str) -> None:
    """Write the counts of ``model`` on ``ax`` (its limits and aspect set to the map's frame), leaders and the
    "Also" box included. Texts and lines only: the axes' collections stay the countries' and the selection's."""
    if not len(model.values):
        return
    same = central_meridian(model.lon_range, PAGE) == central_meridian(model.lon_range, IMAGE)
    placement = place_labels(model, lang, PAGE if same else IMAGE)
    x0, x1, y0, y1 = frame_box(model.lon_range, model.lat_range, IMAGE)  # the image's frame (MapShapes.box's)
    left, bottom, width, height = ax.get_position().bounds
    fig_w, fig_h = fig.get_size_inches() * fig.dpi
    scale = min(width * fig_w / (x1 - x0), height * fig_h / (y1 - y0))  # pixels per metre once the aspect is kept
    factor = scale / placement.scale
    points = 72 / fig.dpi  # a pixel in points

    for label in placement.labels:
        color, halo = label_color(label, len(model.breaks))
        if label.leader_xy:
            (ax_, ay_), (bx, by) = label.leader_xy
            ax.plot(
                [ax_, bx],
                [ay_, by],
                color=INK,
                linewidth=1.4 * factor * points,
                zorder=6,
                solid_capstyle="round",
                path_effects=[patheffects.withStroke(linewidth=3.6 * factor * points, foreground="white")],
            )
        ax.text(
            label.x,
            label.y,
            label.text,
            ha="center",
            va="center_baseline",
            fontsize=placement.font_px * factor * points,
            fontweight="bold",
            color=color,
            zorder=7,
            path_effects=[patheffects.withStroke(linewidth=2.5 * factor * points, foreground=halo)],
        )
    lines = also_lines(placement.listed, model, lang)
    if lines:
        ax.text(
            0.006,
            0.012,
            "\n".join(lines),
            transform=ax.transAxes,
            ha="left",
            va="bottom",
            fontsize=ALSO_FONT_PX * factor * points,
            color=INK,
            zorder=7,
            bbox={"boxstyle": "round,pad=0.45", "facecolor": "white", "edgecolor": GRID, "alpha": 0.92},
        )
