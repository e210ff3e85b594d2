"""The growth of the network as an animated image: the view's map year by year, to put in a slide.

One frame per year from the first year a collaboration of the view is known to start to the data's year, each the
map of the collaborations active that year (``year=N``, the page's own rule: README, "How the numbers count"), drawn
by :mod:`dashboard.exports.images` from the view model, with the year large and the count of the year. The
collaborations whose start year is not known are never placed at an invented year: each frame says how many there
are ("start unknown: 29") and that they are counted at the data's year only.

GIF, because every slide program plays it (PowerPoint, LibreOffice Impress, Keynote, Google Slides) and Pillow writes
it with no other program: an MP4 would need ffmpeg beside every web worker. A frame is 1280 x 720 (a 16:9 slide at
screen resolution) quantised to an adaptive palette; the last frame is held longer.
"""

from __future__ import annotations

import io

from PIL import Image

from .. import describe, i18n
from ..look import INK, MUTED
from ..state import ViewState
from ..views import View, build_map_model, build_view
from . import images
from .images.compose import ImageText

#: Frame size: a 16:9 slide at 96 dots per inch (1280 x 720 px).
FRAME_DPI = 96
#: How long each year stays on screen, and the last one (ms).
FRAME_MS, LAST_FRAME_MS = 900, 3000
#: Colours kept per frame (an adaptive palette: the map's classes, grey, the text and the markers need fewer).
PALETTE_COLOURS = 96
MIMETYPE = "image/gif"


def years_of(ds, state: ViewState) -> tuple[int, int] | None:
    """The years the animation runs through: from the first known start year of the view's collaborations (the
    year filter's first year if later) to the data year (or the filter's last year); None when no collaboration of
    the view has a known start year."""
    whole = build_view(ds, state.with_(years=None, countries=()), with_table=False)
    years = whole.per_year["year"]
    if not len(years):
        return None
    first, last = int(years.min()), ds.data_date.year
    if state.years:
        first, last = max(first, state.years[0]), min(last, state.years[1])
    return (first, last) if first <= last else None


def _largest(model) -> int:
    return int(model.values["value"].max()) if len(model.values) else 0


def _frame_text(view: View, year: int, unknown: int, lang: str) -> ImageText:
    source = i18n.t("export_source", lang, date=i18n.long_date(view.data_date, lang))
    caption = i18n.t("animation_caption", lang, n=i18n.number(view.total, lang), year=year)
    if unknown:
        caption += " " + i18n.t("animation_unknown", lang, n=i18n.number(unknown, lang), year=view.data_date.year)
    return ImageText(
        i18n.t("animation_title", lang),
        describe.caption(view, lang),
        caption,
        source + i18n.t("export_source_map", lang),
    )


def frames(ds, state: ViewState, lang: str, *, shapes) -> list[Image.Image]:
    """The frames of the view ``state`` (its filters; its own year filter bounds the years), one per year."""
    span = years_of(ds, state)
    if span is None:
        return []
    unknown = build_view(ds, state.with_(years=None), with_table=False).left_out
    states = [state.with_(years=(year, year)) for year in range(span[0], span[1] + 1)]
    # every frame in the same classes (those of the busiest year): a colour means the same number all along
    top = max((_largest(build_map_model(ds, s)) for s in states), default=0)
    out = []
    size = images.SLIDE_INCHES
    for year, year_state in zip(range(span[0], span[1] + 1), states):
        view = build_view(ds, year_state, with_table=False, map_model=build_map_model(ds, year_state, top=top))
        fig = images.draw(view, "map", lang, shapes=shapes, text=_frame_text(view, year, unknown, lang), dpi=FRAME_DPI)
        # the year, large, in the top right corner: what a person watching reads first
        fig.text(
            1 - 0.4 / size[0],
            1 - 0.3 / size[1],
            str(year),
            fontsize=54,
            fontweight="bold",
            ha="right",
            va="top",
            color=INK,
        )
        fig.text(
            1 - 0.4 / size[0],
            1 - 1.25 / size[1],
            i18n.t("animation_active", lang),
            fontsize=14,
            ha="right",
            va="top",
            color=MUTED,
        )
        fig.canvas.draw()
        rgba = Image.frombuffer("RGBA", fig.canvas.get_width_height(), fig.canvas.buffer_rgba())
        out.append(rgba.convert("RGB").quantize(colors=PALETTE_COLOURS, method=Image.Quantize.MEDIANCUT))
    return out


def render_gif(ds, state: ViewState, lang: str, *, shapes) -> bytes | None:
    """The animated GIF of the view ``state`` in ``lang``; None when the view has no collaboration of known start."""
    with images.drawing():
        pictures = frames(ds, state, lang, shapes=shapes)
    if not pictures:
        return None
    buffer = io.BytesIO()
    durations = [FRAME_MS] * (len(pictures) - 1) + [LAST_FRAME_MS]
    pictures[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=pictures[1:],
        duration=durations,
        loop=0,
        optimize=True,
        disposal=1,
    )
    return buffer.getvalue()
