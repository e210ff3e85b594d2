"""The whole story of presentation mode as a slide deck (``/export/deck.pptx?story=1``): a title slide, then one
slide per step of ``stories.csv``, in the story's order, each with the step's title, its text, its key figures and
the map of its view (with each country's count on it), as presentation mode shows them; the step's own speaker
notes lead that slide's notes, with how the numbers count, the view and the sources (``slide_notes``). With
``since=`` the slides of what changed since that version (over all the data) follow the title slide.

A step's text and notes are read from the story with defaults (``text_en``/``text_fr``, ``notes_en``/``notes_fr``
may be absent from an older stories.csv): a step without them gets its title, map and figures.
"""

from __future__ import annotations

import io

from pptx.util import Inches

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
    figure_cards,
    figure_lines,
    new_deck,
    since_slides,
    title_slide,
)
from .slide_notes import notes_text

#: A step's key figures: a row of cards under its title (and text), as presentation mode shows them; its map below.
FIGURES_HEIGHT_IN = 1.3
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
    """One step, laid out as presentation mode shows it: its title and text, the view's caption, its key figures in
    a row, then its map across the slide; the step's notes lead the slide's notes."""
    lang = deck.lang
    caption = describe.caption(view, lang)
    deck.footer = f"{caption} — {i18n.t('export_source_short', lang)}"
    slide = deck.slide(story.title(lang))
    text = story_text(story, "text", lang)
    top = 1.05
    width = SLIDE_WIDTH_IN - 2 * MARGIN_IN
    if text:
        deck.box(slide, MARGIN_IN, top, width, 0.65, [text], size=16, color=INK)
        top += 0.65
    deck.box(slide, MARGIN_IN, top, width, 0.35, [caption], size=12, color=MUTED)
    top += 0.4
    figure_cards(deck, slide, view, MARGIN_IN, top, width, FIGURES_HEIGHT_IN)
    top += FIGURES_HEIGHT_IN + 0.1
    height = SLIDE_HEIGHT_IN - 0.6 - top
    png = images.render(view, "map", "png", lang, shapes=shapes, size=(width, height), dpi=STORY_DPI)
    slide.shapes.add_picture(io.BytesIO(png), Inches(MARGIN_IN), Inches(top), Inches(width), Inches(height))
    about = " ".join(part for part in (text, images.image_text(view, "map", lang).caption) if part)
    deck.notes(
        slide,
        notes_text(view, lang, lead=story_text(story, "notes", lang), about=about, extra=figure_lines(view, lang)),
    )
