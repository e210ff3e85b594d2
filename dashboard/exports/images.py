"""Static images of the view's figures (PNG, SVG): the map and the four charts, for slides and documents.

The images are drawn with matplotlib (and the country geometry the page's map uses) from the page's own
plotly figures (:class:`dashboard.views.View`): the same numbers, classes, colours, names and language, so an
image never disagrees with the page. A decorated image carries the chart's title, the view's filters and
data date, what the chart counts and its source, so that it can be pasted into a meeting's slides as is.

Why not plotly's own static export (kaleido 1.5 driving Debian's /usr/bin/chromium)? It works offline here
(``BROWSER_PATH=/usr/bin/chromium``, the topology given as a ``file://`` ``topojson`` URL) and is pixel-true
to the page, but, measured on this 2-core machine with the shipped data (kaleido at 1600 x 900 px,
matplotlib at 1920 x 1080):

=====================================  ===============================  ===========================
                                       kaleido + chromium               matplotlib (this module)
=====================================  ===============================  ===========================
one chart, a new browser per image     2.1-2.5 s                        0.05-0.3 s
one chart, a browser kept running      0.2-0.3 s (3.6 s the first)      (no process to keep)
the map                                1.2-1.6 s warm, 3.6 s cold       0.15-0.4 s (+0.3-1.7 s once
                                                                        per process: geometry read
                                                                        and projected)
SVG of the map (world)                 10.8 MB                          1.3 MB
=====================================  ===============================  ===========================

and it needs a browser beside every web worker: kaleido's shared "sync server" answered two concurrent
requests with each other's images (tried: a PNG request got the SVG), it stays broken once its chromium
dies, it cannot be started before gunicorn's ``--preload`` fork, and the Procfile's platforms have no apt
to install chromium. matplotlib is pure wheels and runs in the request with no other process (no pyplot:
one ``Figure`` per image; one image at a time per process, see ``_LOCK``). The price is this module: a
reader of the small set of plotly traces our figure builders make (bars, text, rectangles, choropleths,
geo markers); ``tests/unit/test_exports.py`` renders every image and reads it against the view.

Text from the data is drawn as text, never as markup: matplotlib's math parsing (``$...$``) is off.
"""

from __future__ import annotations

import functools
import io
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
import shapely.affinity
from matplotlib.backends.backend_agg import FigureCanvasAgg  # no pyplot: no global state, no display
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator
from pyproj import Transformer

from .. import i18n
from ..figures.map import BORDER_COLOR
from ..figures.style import GRID, INK, MUTED

#: The names of the images, as in ``/export/chart/<name>.png``: the map and ``views.CHART_IDS``.
IMAGE_NAMES = ("map", "continent", "top", "type", "timeline")
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
#: A 16:9 slide (PowerPoint's widescreen, 13.333 x 7.5 in); 144 dpi makes 1920 x 1080 px, a projector's size.
SLIDE_INCHES = (40 / 3, 7.5)
DPI = 144
#: Map projection of the page (plotly's "natural earth").
PROJECTION = "+proj=natearth +datum=WGS84 +units=m +no_defs"
#: Geometry simplification, in metres: under a pixel of a continent drawn 1920 px wide.
SIMPLIFY_M = 2000
OCEAN_COLOR = "#f4f8fb"

#: matplotlib's settings are process-wide (``rc_context`` changes them for everyone): one image is drawn at a
#: time in a process, so that a thread never draws with another's settings (math parsing on, say).
_LOCK = threading.RLock()
_RC = {
    "font.family": "sans-serif",  # DejaVu Sans ships with matplotlib: the same letters on every server; an SVG
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],  # names the others for machines without it
    "text.parse_math": False,  # data text is text ("$" is a dollar)
    "text.usetex": False,
    "svg.fonttype": "none",  # SVG text stays text: searchable, editable in slide software
    "svg.hashsalt": "in2p3",  # stable ids: the same view gives the same file
    "axes.edgecolor": GRID,
    "axes.labelcolor": INK,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "text.color": INK,
}


# -- Geometry, projected once --------------------------------------------------------------------------


@dataclass(frozen=True)
class MapShapes:
    """The countries as matplotlib paths in the map's projection, and the projection itself."""

    paths: dict  # ISO3 -> matplotlib Path
    sphere: MplPath  # the outline of the globe (the ocean)
    to_map: Transformer  # lon/lat -> projected metres


def _ring_path(geometry) -> MplPath | None:
    vertices, codes = [], []
    for part in shapely.get_parts(geometry):
        if part.geom_type in ("MultiPolygon", "GeometryCollection"):
            sub = _ring_path(part)
            if sub is not None:
                vertices.append(sub.vertices)
                codes.append(sub.codes)
            continue
        if part.geom_type != "Polygon" or part.is_empty:
            continue  # make_valid can leave slivers as lines or points
        for ring in (part.exterior, *part.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            if len(xy) < 3:
                continue
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=np.uint8)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    if not vertices:
        return None
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def _unwrap_ring(xy: np.ndarray) -> np.ndarray:
    """A ring that crosses the antimeridian, made continuous: its western longitudes shifted by 360°."""
    xy = xy.copy()
    xy[xy[:, 0] < 0, 0] += 360
    return xy


def _close_round_pole(xy: np.ndarray) -> np.ndarray:
    """A ring that goes once round a pole (Antarctica) jumps from +180 to -180: close it along the pole."""
    i = int(np.flatnonzero(np.abs(np.diff(xy[:, 0])) > 180)[0])
    pole = -90.0 if xy[:, 1].mean() < 0 else 90.0
    edge = [[xy[i, 0], pole], [xy[i + 1, 0], pole]]
    return np.concatenate([xy[: i + 1], edge, xy[i + 1 :]])


def _split_antimeridian(geometry):
    """Polygons that cross longitude 180 split in two, as a map projection needs them.

    The plotly-format TopoJSON, read by GDAL, gives Russia, Fiji and Antarctica rings that jump from +180 to
    -180 and back; projected as they are, they draw bands across the whole map.
    """
    pieces = []
    for polygon in shapely.get_parts(geometry):
        if polygon.geom_type != "Polygon":
            continue
        rings = [np.asarray(r.coords)[:, :2] for r in (polygon.exterior, *polygon.interiors)]
        jumps = int((np.abs(np.diff(rings[0][:, 0])) > 180).sum())
        if jumps == 0:
            pieces.append(polygon)
        elif jumps % 2:
            pieces.append(shapely.Polygon(_close_round_pole(rings[0])))
        else:
            whole = shapely.make_valid(shapely.Polygon(_unwrap_ring(rings[0]), [_unwrap_ring(r) for r in rings[1:]]))
            pieces.append(shapely.intersection(whole, shapely.box(-180, -90, 180, 90)))
            pieces.append(shapely.affinity.translate(shapely.intersection(whole, shapely.box(180, -90, 540, 90)), -360))
    return shapely.GeometryCollection([shapely.make_valid(p) for p in pieces]) if pieces else geometry


@functools.lru_cache(maxsize=2)
def _map_shapes(path: str, mtime: float) -> MapShapes:
    frame = gpd.read_file(path, layer="countries").dropna(subset=["id"]).set_index("id")
    countries = gpd.GeoSeries([_split_antimeridian(g) for g in frame.geometry], index=frame.index, crs="EPSG:4326")
    projected = countries.to_crs(PROJECTION).simplify(SIMPLIFY_M, preserve_topology=True)
    paths = {iso: p for iso, p in ((iso, _ring_path(g)) for iso, g in projected.items()) if p is not None}
    to_map = Transformer.from_crs("EPSG:4326", PROJECTION, always_xy=True)
    lon = np.concatenate(
        [np.full(91, -180.0), np.linspace(-180, 180, 181), np.full(91, 180.0), np.linspace(180, -180, 181)]
    )
    lat = np.concatenate([np.linspace(-90, 90, 91), np.full(181, 90.0), np.linspace(90, -90, 91), np.full(181, -90.0)])
    sphere = MplPath(np.column_stack(to_map.transform(lon, lat)), closed=True)
    return MapShapes(paths=paths, sphere=sphere, to_map=to_map)


def map_shapes(geometry_file: Path) -> MapShapes:
    """The projected countries of ``geometry_file`` (read and projected once per version of the file).

    The file is the one the page's map draws (``/geo/world_50m.json``; the data validation has read it).
    """
    geometry_file = Path(geometry_file)
    return _map_shapes(str(geometry_file), geometry_file.stat().st_mtime)


# -- Reading plotly figures ----------------------------------------------------------------------------


def _color_list(color, n: int) -> list:
    if color is None:
        return [INK] * n
    if isinstance(color, str):
        return [_mpl_color(color)] * n
    return [_mpl_color(c) for c in color]


def _mpl_color(color: str):
    """A CSS colour as matplotlib takes it ("rgba(0,0,0,0)" is CSS, not matplotlib)."""
    color = str(color).strip()
    if color.startswith(("rgba(", "rgb(")):
        parts = [float(v) for v in color[color.index("(") + 1 : -1].split(",")]
        rgb = [v / 255 for v in parts[:3]]
        return (*rgb, parts[3] if len(parts) > 3 else 1.0)
    return color


def _scale_color(colorscale, z: float, zmin: float | None, zmax: float | None):
    """The colour of ``z`` on a plotly colorscale given as stops; stepwise scales give their step's colour."""
    stops = [(float(position), color) for position, color in colorscale]
    if zmin is None or zmax is None or zmax == zmin:
        return _mpl_color(stops[0][1])
    fraction = min(max((z - zmin) / (zmax - zmin), 0.0), 1.0)
    chosen = stops[0][1]
    for position, color in stops:
        if position <= fraction:
            chosen = color
    return _mpl_color(chosen)


def _number_text(value, lang: str) -> str:
    """A value label as the page shows it, whole numbers written the way ``lang`` writes them."""
    if isinstance(value, (int, float, np.integer, np.floating)) and float(value).is_integer():
        return i18n.number(int(value), lang)
    text = str(value).strip()
    return i18n.number(int(text), lang) if text.lstrip("-").isdigit() else text


# -- Bars ----------------------------------------------------------------------------------------------


def _draw_bars(fig, ax, figure, lang: str) -> None:
    """The bar charts of ``figures.charts``: horizontal or vertical, stacked or not, with value labels."""
    bars = [t for t in figure.data if t.type == "bar"]
    if not bars:
        message = figure.layout.annotations[0].text if figure.layout.annotations else i18n.t("no_data", lang)
        ax.set_axis_off()
        ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=18, color=MUTED, transform=ax.transAxes)
        return
    horizontal = bars[0].orientation == "h"
    stacked = figure.layout.barmode == "stack"
    gap = figure.layout.bargap if figure.layout.bargap is not None else 0.2
    categories: list = []
    for trace in bars:
        for c in trace.y if horizontal else trace.x:
            if c not in categories:
                categories.append(c)
    if horizontal:
        position = {c: i for i, c in enumerate(categories)}
    else:
        position = {c: float(c) for c in categories}
    base = dict.fromkeys(categories, 0.0)
    for trace in bars:
        cats = list(trace.y if horizontal else trace.x)
        values = [float(v) if v == v else 0.0 for v in (trace.x if horizontal else trace.y)]  # NaN -> 0
        pos = [position[c] for c in cats]
        start = [base[c] if stacked else 0.0 for c in cats]
        colors = _color_list(trace.marker.color, len(cats))
        kwargs = {"color": colors, "label": trace.name or "_nolegend_", "linewidth": 0}
        if horizontal:
            ax.barh(pos, values, left=start, height=1 - gap, **kwargs)
        else:
            ax.bar(pos, values, bottom=start, width=1 - gap, **kwargs)
        for c, v in zip(cats, values):
            base[c] = base[c] + v if stacked else max(base[c], v)
        if trace.text is not None and trace.textposition == "outside":
            for p, s, v, label in zip(pos, start, values, trace.text):
                _value_label(ax, p, s + v, _number_text(label, lang), horizontal)
    for trace in figure.data:
        if trace.type == "scatter" and trace.mode == "text" and trace.text is not None:
            for x, y, label in zip(trace.x, trace.y, trace.text):
                _value_label(
                    ax,
                    position[y] if horizontal else float(x),
                    x if horizontal else y,
                    _number_text(label, lang),
                    horizontal,
                )
    for shape in figure.layout.shapes or ():
        if shape.type == "rect" and shape.xref == "x" and not horizontal:
            ax.axvspan(
                shape.x0,
                shape.x1,
                color=_mpl_color(shape.fillcolor or "#f2a900"),
                alpha=shape.opacity if shape.opacity is not None else 0.2,
                linewidth=0,
                zorder=0,
            )

    counts = ax.xaxis if horizontal else ax.yaxis
    counts.set_major_locator(MaxNLocator(integer=True, nbins=6))
    counts.set_major_formatter(FuncFormatter(lambda v, _: i18n.number(int(v), lang) if v == int(v) else ""))
    top = max(base.values()) if base else 1
    if horizontal:
        ax.set_yticks(range(len(categories)), [str(c) for c in categories])
        ax.set_ylim(len(categories) - 0.5, -0.5)  # first category on top, as on the page
        ax.set_xlim(0, max(top, 1) * 1.12)
        ax.grid(axis="x", color=GRID, linewidth=1)
        ax.tick_params(axis="y", length=0, labelsize=15)
        ax.tick_params(axis="x", length=0, labelsize=13)
    else:
        ax.xaxis.set_major_locator(MultipleLocator(5))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(v)}"))  # years: no thousands separator
        low, high = min(position.values()), max(position.values())
        ax.set_xlim(low - 0.7, high + 0.7)
        ax.set_ylim(0, max(top, 1) * 1.08)
        ax.grid(axis="y", color=GRID, linewidth=1)
        ax.tick_params(axis="both", length=0, labelsize=13)
        ax.tick_params(axis="y", labelcolor=MUTED)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left" if horizontal else "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["left" if not horizontal else "bottom"].set_visible(False)
    named = [t for t in bars if t.name]
    if len(named) > 1:  # plotly shows a legend for two traces or more
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0, 1.01),
            ncol=len(named),
            frameon=False,
            fontsize=13,
            handlelength=1.0,
            handleheight=1.0,
            borderaxespad=0,
            columnspacing=1.2,
        )


def _value_label(ax, position, value, text: str, horizontal: bool) -> None:
    if horizontal:
        ax.annotate(
            text,
            (value, position),
            xytext=(6, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=14,
            color=MUTED,
        )
    else:
        ax.annotate(
            text,
            (position, value),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=12,
            color=MUTED,
        )


# -- Map -----------------------------------------------------------------------------------------------


def _view_limits(fig, ax, geo, shapes: MapShapes) -> tuple[float, float, float, float]:
    """The projected x and y limits of the page map's longitude/latitude ranges, widened to fill ``ax``."""
    lon_range = list(geo.lonaxis.range) if geo.lonaxis.range else [-180, 180]
    lat_range = list(geo.lataxis.range) if geo.lataxis.range else [-58, 84]
    box_lon = np.concatenate(
        [
            np.linspace(*lon_range, 60),
            np.full(30, lon_range[1]),
            np.linspace(*lon_range[::-1], 60),
            np.full(30, lon_range[0]),
        ]
    )
    box_lat = np.concatenate(
        [
            np.full(60, lat_range[0]),
            np.linspace(*lat_range, 30),
            np.full(60, lat_range[1]),
            np.linspace(*lat_range[::-1], 30),
        ]
    )
    bx, by = shapes.to_map.transform(box_lon, box_lat)
    x0, x1, y0, y1 = bx.min(), bx.max(), by.min(), by.max()
    frame = ax.get_position()
    frame_ratio = (frame.width * fig.get_figwidth()) / (frame.height * fig.get_figheight())
    # show more of the world rather than leave white bands, without going past the edge of the globe
    world = shapes.sphere.get_extents()
    if (x1 - x0) / (y1 - y0) < frame_ratio:
        extra = ((y1 - y0) * frame_ratio - (x1 - x0)) / 2
        x0, x1 = _within(x0 - extra, x1 + extra, world.x0, world.x1)
    else:
        extra = ((x1 - x0) / frame_ratio - (y1 - y0)) / 2
        y0, y1 = _within(y0 - extra, y1 + extra, world.y0, world.y1)
    return x0, x1, y0, y1


def _within(low: float, high: float, lowest: float, highest: float) -> tuple[float, float]:
    """The interval [low, high] moved (not resized) to lie within [lowest, highest] where it can."""
    if high - low >= highest - lowest:
        middle = (lowest + highest) / 2
        return middle - (high - low) / 2, middle + (high - low) / 2
    if high > highest:
        return low - (high - highest), highest
    if low < lowest:
        return lowest, high + (lowest - low)
    return low, high


def _draw_map(fig, ax, figure, shapes: MapShapes, lang: str, *, legend_y: float) -> None:
    """The choropleth of ``figures.map.build_map``: classes, home, no-data grey, markers, selection, zoom."""
    fill: dict[str, object] = {}
    outlines: list[tuple[list, object, float]] = []
    handles_other, handles_classes, class_title = [], [], ""
    markers = []
    for trace in figure.data:
        if trace.type == "choropleth":
            locations = list(trace.locations or ())
            z = list(trace.z) if trace.z is not None else [0] * len(locations)
            colors = [_scale_color(trace.colorscale, v, trace.zmin, trace.zmax) for v in z]
            transparent = all(isinstance(c, tuple) and len(c) == 4 and c[3] == 0 for c in colors)
            if transparent:  # the selection: an outline only
                line = trace.marker.line
                outlines.append((locations, _mpl_color(line.color or "#f2a900"), float(line.width or 3)))
                continue
            fill.update(zip(locations, colors))
            if trace.showlegend is not False and trace.name:
                handles_other.append(Patch(facecolor=colors[0] if colors else INK, edgecolor="none", label=trace.name))
            bar = trace.colorbar
            if bar is not None and bar.ticktext:
                class_title = bar.title.text if bar.title and bar.title.text else ""
                for value, label in zip(bar.tickvals, bar.ticktext):
                    color = _scale_color(trace.colorscale, value, trace.zmin, trace.zmax)
                    handles_classes.append(Patch(facecolor=color, edgecolor="none", label=label))
        elif trace.type == "scattergeo":
            markers.append(trace)

    x0, x1, y0, y1 = _view_limits(fig, ax, figure.layout.geo, shapes)
    paths, colors = [], []
    for iso, color in fill.items():
        path = shapes.paths.get(iso)
        if path is None:
            continue
        extent = path.get_extents()
        if extent.x1 >= x0 and extent.x0 <= x1 and extent.y1 >= y0 and extent.y0 <= y1:  # off the view: not drawn
            paths.append(path)
            colors.append(color)
    ax.add_patch(PathPatch(shapes.sphere, facecolor=OCEAN_COLOR, edgecolor="none", zorder=0))
    ax.add_collection(PathCollection(paths, facecolors=colors, edgecolors=BORDER_COLOR, linewidths=0.5, zorder=1))

    for trace in markers:
        lon = np.asarray(trace.lon, dtype=float)
        lat = np.asarray(trace.lat, dtype=float)
        x, y = shapes.to_map.transform(lon, lat)
        diamond = trace.marker.symbol == "diamond"
        line = trace.marker.line
        ax.scatter(
            x,
            y,
            s=60,
            marker="D" if diamond else "o",
            c=_color_list(trace.marker.color, len(lon)),
            edgecolors=_mpl_color(line.color or "white"),
            linewidths=1.0,
            zorder=4 if diamond else 3,
        )
        if trace.showlegend is not False and trace.name:
            handles_other.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="D" if diamond else "o",
                    markersize=9,
                    markerfacecolor=_color_list(trace.marker.color, 1)[0],
                    markeredgecolor=_mpl_color(line.color or "white"),
                    label=trace.name,
                )
            )
    for locations, color, width in outlines:
        chosen = [shapes.paths[iso] for iso in locations if iso in shapes.paths]
        # plotly's line width is in screen pixels: half of it in points at 144 dpi
        ax.add_collection(
            PathCollection(chosen, facecolors="none", edgecolors=[color], linewidths=width * 0.5, zorder=5)
        )
        if chosen:
            handles_other.append(
                Patch(facecolor="none", edgecolor=color, linewidth=2, label=i18n.t("selected_countries", lang))
            )

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
    if handles_classes:  # the classes from the left margin, the other keys to the right margin
        classes = fig.legend(
            handles=handles_classes,
            loc="lower left",
            bbox_to_anchor=(margin, legend_y),
            ncol=len(handles_classes),
            title=class_title,
            title_fontsize=13,
            alignment="left",
            **legend_style,
        )
        classes.get_title().set_color(INK)
    if handles_other:
        fig.legend(
            handles=handles_other,
            loc="lower right",
            bbox_to_anchor=(1 - margin, legend_y),
            ncol=len(handles_other),
            **legend_style,
        )


# -- Composition ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageText:
    """The words on a decorated image."""

    title: str
    filters: str  # the view's caption: filters and data date
    caption: str  # what the chart counts (and, for the map, what is not on it)
    source: str


def image_text(view, name: str, data_date) -> ImageText:
    """The title, filters, caption and source line of image ``name`` of ``view``, in the view's language."""
    lang = view.state.lang
    source = i18n.t("export_source", lang, date=i18n.long_date(data_date, lang))
    if name == "map":
        caption = " ".join(part for part in (view.map_caption, view.map_note) if part)
        return ImageText(i18n.t("map_title", lang), view.caption, caption, source + i18n.t("export_source_map", lang))
    title, caption, _ = view.charts[name]
    if name == "timeline" and view.timeline_note:
        caption = f"{caption} {view.timeline_note}"
    return ImageText(title, view.caption, caption, source)


def _wrap(text: str, fontsize: float, width_in: float) -> list[str]:
    """Lines of ``text`` that fit ``width_in`` inches at ``fontsize`` points (DejaVu Sans: ~0.55 em a letter)."""
    per_line = max(20, int(width_in * 72 / (fontsize * 0.55)))
    return textwrap.wrap(text, per_line) or [""]


def _fit_axes(fig, ax, rect) -> None:
    """Place ``ax`` so that it and its tick labels and legend fit ``rect`` (figure fractions l, b, w, h)."""
    ax.set_position(rect)
    renderer = fig.canvas.get_renderer()
    tight = ax.get_tightbbox(renderer).transformed(fig.transFigure.inverted())
    left, bottom, width, height = rect
    grow_left = max(0.0, left - tight.x0)
    grow_right = max(0.0, tight.x1 - (left + width))
    grow_bottom = max(0.0, bottom - tight.y0)
    grow_top = max(0.0, tight.y1 - (bottom + height))
    ax.set_position(
        [
            left + grow_left,
            bottom + grow_bottom,
            max(0.1, width - grow_left - grow_right),
            max(0.1, height - grow_bottom - grow_top),
        ]
    )


def draw(
    view,
    name: str,
    *,
    shapes: MapShapes | None = None,
    text: ImageText | None = None,
    size: tuple[float, float] = SLIDE_INCHES,
    dpi: int = DPI,
) -> Figure:
    """A matplotlib figure of image ``name`` (``IMAGE_NAMES``) of ``view``; decorated with ``text`` if given.

    ``shapes`` (:func:`map_shapes`) is needed for the map. Raises KeyError for an unknown ``name``.
    """
    if name not in IMAGE_NAMES:
        raise KeyError(name)
    lang = view.state.lang
    with _LOCK, matplotlib.rc_context(_RC):
        fig = Figure(figsize=size, dpi=dpi, facecolor="white")
        FigureCanvasAgg(fig)
        width_in, height_in = size
        margin = 0.4 / width_in
        top, bottom = 1.0, 0.0
        if text is not None:
            y = 1 - 0.3 / height_in
            for line in _wrap(text.title, 26, width_in - 0.8)[:2]:
                fig.text(margin, y, line, fontsize=26, fontweight="bold", va="top", color=INK)
                y -= 0.46 / height_in
            y -= 0.04 / height_in
            for line in _wrap(text.filters, 16, width_in - 0.8)[:3]:
                fig.text(margin, y, line, fontsize=16, va="top", color=MUTED)
                y -= 0.3 / height_in
            top = y - 0.15 / height_in
            y = 0.2 / height_in
            for line in reversed(_wrap(text.source, 11, width_in - 0.8)[:2]):
                fig.text(margin, y, line, fontsize=11, va="bottom", color=MUTED)
                y += 0.21 / height_in
            y += 0.07 / height_in
            for line in reversed(_wrap(text.caption, 13, width_in - 0.8)[:3]):
                fig.text(margin, y, line, fontsize=13, va="bottom", color=INK)
                y += 0.26 / height_in
            bottom = y + 0.1 / height_in
        ax = fig.add_axes([margin, bottom, 1 - 2 * margin, top - bottom])
        if name == "map":
            if shapes is None:
                raise ValueError("the map needs the country shapes (images.map_shapes)")
            legend_height = 0.75 / height_in
            ax.set_position([0.005, bottom + legend_height, 0.99, top - bottom - legend_height])
            _draw_map(fig, ax, view.map, shapes, lang, legend_y=bottom + 0.08 / height_in)
        else:
            _draw_bars(fig, ax, view.charts[name][2], lang)
            _fit_axes(
                fig,
                ax,
                [margin, bottom + 0.05 / height_in, 1 - 2 * margin - 0.1 / width_in, top - bottom - 0.1 / height_in],
            )
    return fig


def render(
    view,
    name: str,
    fmt: str,
    *,
    shapes: MapShapes | None = None,
    text: ImageText | None = None,
    size: tuple[float, float] = SLIDE_INCHES,
    dpi: int = DPI,
) -> bytes:
    """Image ``name`` of ``view`` as PNG or SVG bytes (``fmt`` in ``FORMATS``); see :func:`draw`."""
    if fmt not in FORMATS:
        raise KeyError(fmt)
    buffer = io.BytesIO()
    with _LOCK, matplotlib.rc_context(_RC):
        fig = draw(view, name, shapes=shapes, text=text, size=size, dpi=dpi)
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return buffer.getvalue()
