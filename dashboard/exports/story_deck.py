"""The whole story of presentation mode as a slide deck (``/export/deck.pptx?story=1``): a title slide, then one
slide per step of ``stories.csv``, in the story's order, each with the step's title, its text, the map of its view
(with each country's count on it) and its key figures; the step's own speaker notes lead that slide's notes, with
how the numbers count, the view and the sources (``slide_notes``). With ``since=`` the slides of what changed since
that version (over all the data) follow the title slide.

A step's text and notes are read from the story with defaults (``text_en``/``text_fr``, ``notes_en``/``notes_fr``
may be absent from an older stories.csv): a step without them gets its title, map and figures.
"""

from __future__ import annotations

import io

from pptx.util import Inches, Pt

from .. import describe, i18n
from ..datastore.compare import Changes
from ..look import INK, MUTED
from ..state import ViewState, Vocabulary, parse_query
from ..views import View, build_view
from . import images
from .deck import (
    MARGIN_IN,
    SLIDE_HEIGHT_IN,
    SLIDE_WIDTH_IN,
    _Deck,
    _rgb,
    figure_lines,
    new_deck,
    since_slides,
    title_slide,
)
from .slide_notes import notes_text

#: The map of a step: at the left, under the title (and the step's text); the key figures in a column at the right.
MAP_WIDTH_IN = 8.9
FIGURES_LEFT_IN = MARGIN_IN + MAP_WIDTH_IN + 0.3
STORY_DPI = 144


def story_text(story, field: str, lang: str) -> str:
    """A step's ``text`` or ``notes`` in ``lang`` ("" when the story has none: an older stories.csv)."""
    value = getattr(story, f"{field}_{lang}", "") or ""
    return value.strip() if isinstance(value, str) else ""


def story_views(ds, lang: str) -> list[tuple[object, ViewState]]:
    """Each step of ``ds``'s story with the view state its query gives (in ``lang``), in the story's order."""
    vocabulary = Vocabulary.from_dataset(ds)
    steps = []
    for story in ds.stories:
        state, _ = parse_query(story.query, vocabulary)  # checked when the data was loaded
        steps.append((story, state.with_(lang=lang)))
    return steps


def build_story_deck(ds, lang: str, *, shapes, link: str | None = None, changes: Changes | None = None) -> bytes:
    """The PPTX of the story of ``ds`` in ``lang`` (see the module); ``link`` (the story on the dashboard) is put on
    the title slide; ``changes`` (since a version, over all the data) get their slides after it."""
    steps = story_views(ds, lang)
    whole = build_view(ds, ViewState(lang=lang), with_table=False)
    deck = new_deck(whole, lang)
    subtitle = i18n.t("deck_story_subtitle", lang, n=len(steps))
    title_slide(deck, whole, i18n.t("title", lang), subtitle, link)
    if changes is not None:
        since_slides(deck, whole, changes)
    for story, state in steps:
        step_slide(deck, story, build_view(ds, state, with_table=False), shapes)
    return deck.save()


def step_slide(deck: _Deck, story, view: View, shapes) -> None:
    """One step: its title, its text, its map and its key figures; its notes lead the slide's notes."""
    lang = deck.lang
    caption = describe.caption(view, lang)
    deck.footer = f"{caption} — {i18n.t('export_source_short', lang)}"
    slide = deck.slide(story.title(lang))
    text = story_text(story, "text", lang)
    top = 1.15
    if text:
        deck.box(slide, MARGIN_IN, 1.05, SLIDE_WIDTH_IN - 2 * MARGIN_IN, 0.8, [text], size=16, color=INK)
        top = 1.9
    deck.box(slide, MARGIN_IN, top, MAP_WIDTH_IN, 0.35, [caption], size=12, color=MUTED)
    height = SLIDE_HEIGHT_IN - 0.65 - (top + 0.4)
    png = images.render(view, "map", "png", lang, shapes=shapes, size=(MAP_WIDTH_IN, height), dpi=STORY_DPI)
    slide.shapes.add_picture(
        io.BytesIO(png), Inches(MARGIN_IN), Inches(top + 0.4), Inches(MAP_WIDTH_IN), Inches(height)
    )
    _figure_column(deck, slide, view, top + 0.4, height)
    about = " ".join(part for part in (text, images.image_text(view, "map", lang).caption) if part)
    deck.notes(
        slide,
        notes_text(view, lang, lead=story_text(story, "notes", lang), about=about, extra=figure_lines(view, lang)),
    )


def _figure_column(deck: _Deck, slide, view: View, top: float, height: float) -> None:
    """The key figures of ``view`` in a column of cards at the right of the map (value, then what it counts)."""
    lang = deck.lang
    count = len(view.key_figures)
    gap = 0.12
    card = (height - gap * (count - 1)) / max(count, 1)
    width = SLIDE_WIDTH_IN - MARGIN_IN - FIGURES_LEFT_IN
    for i, figure in enumerate(view.key_figures):
        shape = slide.shapes.add_shape(
            1, Inches(FIGURES_LEFT_IN), Inches(top + i * (card + gap)), Inches(width), Inches(card)
        )  # 1: rectangle
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb("#f1f3f5")
        shape.line.fill.background()
        shape.shadow.inherit = False
        deck.text(
            shape.text_frame,
            [
                [(i18n.number(figure.value, lang), None)],
                describe.key_figure_label(figure, lang),
            ],
            size=15,
            color=INK,
        )
        value = shape.text_frame.paragraphs[0].runs[0].font
        value.size, value.bold = Pt(26), True
