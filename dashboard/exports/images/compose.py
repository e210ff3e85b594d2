"""An image of a view: the map or a chart on a 16:9 page, with its title, the view's filters and data date, what it
counts and its source; drawn one at a time per process (matplotlib's settings are process-wide)."""

from __future__ import annotations

import contextlib
import io
import textwrap
import threading
from dataclasses import dataclass

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg  # no pyplot: no global state, no display
from matplotlib.figure import Figure

from ... import describe, i18n
from ...look import GRID, INK, MUTED
from ...profiles import CountryProfile
from ...views import CHART_IDS, View
from .bars import draw_chart
from .geometry import MapShapes
from .map import draw_map
from .profile import draw_profile

#: The names of the images of a view's cards, as in ``/export/chart/<name>.png``: the map and ``views.CHART_IDS``.
IMAGE_NAMES = ("map", *CHART_IDS)
#: The image of the profile of the view's selected country (``/export/chart/profile.png?country=JPN``).
PROFILE_IMAGE = "profile"
#: Every image the exports serve.
EXPORT_IMAGES = (*IMAGE_NAMES, PROFILE_IMAGE)
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
#: Lines of an image's caption at most (the map's says what is not on it, and what of its links is not drawn).
CAPTION_LINES = 5
#: A 16:9 slide (PowerPoint's widescreen, 13.333 x 7.5 in); 144 dpi makes 1920 x 1080 px, a projector's size.
SLIDE_INCHES = (40 / 3, 7.5)
DPI = 144

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


@contextlib.contextmanager
def drawing():
    """Draw with the images' settings, one drawing at a time in the process (for a caller that draws several figures
    and reads their pixels itself, such as the animation)."""
    with _LOCK, matplotlib.rc_context(_RC):
        yield


@dataclass(frozen=True)
class ImageText:
    """The words on a decorated image."""

    title: str
    filters: str  # the view's caption: filters and data date
    caption: str  # what the chart counts (and, for the map, what is not on it)
    source: str


def image_text(view: View, name: str, lang: str) -> ImageText:
    """The title, filters, caption and source line of image ``name`` of ``view``, in ``lang``."""
    source = i18n.t("export_source", lang, date=i18n.long_date(view.data_date, lang))
    filters = describe.caption(view, lang)
    if name == "map":
        parts = (
            describe.map_caption(view.map, lang),
            describe.map_note(view, lang),
            describe.links_note(view.map, lang),
        )
        caption = " ".join(part for part in parts if part)
        return ImageText(i18n.t("map_title", lang), filters, caption, source + i18n.t("export_source_map", lang))
    caption = describe.chart_caption(name, lang)
    if name == "timeline" and view.left_out:
        caption = f"{caption} {describe.timeline_note(view, lang)}"
    return ImageText(describe.chart_title(name, lang), filters, caption, source)


def profile_text(view: View, profile: CountryProfile | None, lang: str) -> ImageText:
    """The title, filters, caption and source line of the profile image of ``view`` (its first selected country's
    ``profile``; None when no country is selected: the image says how to get one)."""
    source = i18n.t("export_source", lang, date=i18n.long_date(view.data_date, lang))
    filters = describe.caption(view, lang)
    if profile is None:
        return ImageText(
            i18n.t("profile_label", lang, country="…"), filters, i18n.t("profile_image_hint", lang), source
        )
    country = describe.profile_country_name(profile, lang)
    caption = describe.profile_summary(profile, lang)
    if len(view.selection) > 1:
        caption += " " + i18n.t("profile_of_first", lang, n=len(view.selection))
    if profile.through_institutions():
        caption += " " + i18n.t("profile_through_note", lang)
    return ImageText(i18n.t("profile_title", lang, country=country), filters, caption, source)


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
    view: View,
    name: str,
    lang: str,
    *,
    shapes: MapShapes | None = None,
    text: ImageText | None = None,
    size: tuple[float, float] = SLIDE_INCHES,
    dpi: int = DPI,
    profile: CountryProfile | None = None,
) -> Figure:
    """A matplotlib figure of image ``name`` (``EXPORT_IMAGES``) of ``view`` in ``lang``, with ``text`` if given.

    ``shapes`` (``geometry.map_shapes``) is needed for the map, ``profile`` for the profile (None: the image says
    how to get one). Raises KeyError for an unknown ``name``.
    """
    if name not in EXPORT_IMAGES:
        raise KeyError(name)
    with drawing():
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
            for line in reversed(_wrap(text.caption, 13, width_in - 0.8)[:CAPTION_LINES]):
                fig.text(margin, y, line, fontsize=13, va="bottom", color=INK)
                y += 0.26 / height_in
            bottom = y + 0.1 / height_in
        if name == PROFILE_IMAGE:
            if profile is not None:
                draw_profile(fig, profile, lang, top=top, bottom=bottom)
            return fig
        ax = fig.add_axes([margin, bottom, 1 - 2 * margin, top - bottom])
        if name == "map":
            if shapes is None:
                raise ValueError("the map needs the country shapes (images.map_shapes)")
            legend_height = 1.0 / height_in  # the keys in up to three rows
            ax.set_position([0.005, bottom + legend_height, 0.99, top - bottom - legend_height])
            draw_map(fig, ax, view, shapes, lang, legend_y=bottom + 0.08 / height_in)
        else:
            draw_chart(ax, view, name, lang)
            _fit_axes(
                fig,
                ax,
                [margin, bottom + 0.05 / height_in, 1 - 2 * margin - 0.1 / width_in, top - bottom - 0.1 / height_in],
            )
    return fig


def render(
    view: View,
    name: str,
    fmt: str,
    lang: str,
    *,
    shapes: MapShapes | None = None,
    text: ImageText | None = None,
    size: tuple[float, float] = SLIDE_INCHES,
    dpi: int = DPI,
    profile: CountryProfile | None = None,
) -> bytes:
    """Image ``name`` of ``view`` in ``lang`` as PNG or SVG bytes (``fmt`` in ``FORMATS``); see :func:`draw`."""
    if fmt not in FORMATS:
        raise KeyError(fmt)
    buffer = io.BytesIO()
    with drawing():
        fig = draw(view, name, lang, shapes=shapes, text=text, size=size, dpi=dpi, profile=profile)
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return buffer.getvalue()
