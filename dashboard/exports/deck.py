"""A slide deck (PPTX) of a view, for strategy meetings: built with python-pptx from the view model
(:class:`views.View`), with the words of its language put in here (``describe``, ``i18n``).

Slides, in the page's order: a title slide (the view's filters and data date, a link back to the view),
the key figures, what changed since a version (when the link asks, ``since=``: the counts and the table of the
changes), the map, the four charts, a profile of each selected country (``profiles``: its collaborations as a
table, its partner institutions and IN2P3 labs as text), then the table of collaborations over as many slides as
it needs. Every slide
has a real title (PowerPoint's outline, screen readers), a footer with the view's filters, data date and source,
and speaker notes that say how the numbers count, what the slide shows, the view and the sources
(``slide_notes``). Everything is editable: key figures and tables are text and native tables, the four charts are
PowerPoint's own charts with their data (``slide_charts``); the map is a picture from :mod:`dashboard.exports.images`,
with each country's count on it. Text from the data is set as plain text runs. ``story_deck`` builds the deck of
the whole story of presentation mode with the same parts.
"""

from __future__ import annotations

import io
import math
import textwrap

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from .. import describe, i18n
from ..datastore.compare import Changes
from ..look import INK, MUTED
from ..profiles import CountryProfile
from ..views import CHART_IDS, View
from . import images, slide_charts
from .slide_notes import notes_text

SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN = images.SLIDE_INCHES
MARGIN_IN = 0.5
#: The picture area of a map or chart slide, between the title and the caption.
PICTURE_TOP_IN, PICTURE_HEIGHT_IN = 1.2, 4.95
#: Columns of the table slides: (column of the view's table, width in inches). The full table is in the Excel file.
TABLE_COLUMNS = (
    ("type", 0.8),
    ("name", 3.55),
    ("countries", 2.65),
    ("labs", 1.6),
    ("years", 1.0),
    ("status", 1.35),
    ("count", 1.35),
)
TABLE_FONT_PT = 11
TABLE_TOP_IN, TABLE_HEIGHT_IN = 1.35, 5.05
#: A row of the table slides shows this many countries, then "and N more".
COUNTRIES_SHOWN = 6
_LANGUAGE_IDS = {"en": MSO_LANGUAGE_ID.ENGLISH_UK, "fr": MSO_LANGUAGE_ID.FRENCH}
#: A profile slide: the columns of its table of collaborations (width in inches), the rows it shows at most (then
#: "and N more"), the institutions and labs its text lists at most each, and the lines of text its table holds.
PROFILE_COLUMNS = (("type", 0.9), ("name", 4.3), ("years", 1.3), ("labs", 2.0))
PROFILE_ROWS, PROFILE_NAMES, PROFILE_TABLE_LINES = 14, 10, 17


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


class _Deck:
    """A presentation being written, in one language."""

    def __init__(self, lang: str, footer: str):
        self.lang = lang
        self.footer = footer
        self.prs = Presentation()
        self.prs.slide_width = Inches(SLIDE_WIDTH_IN)
        self.prs.slide_height = Inches(SLIDE_HEIGHT_IN)

    def text(
        self, frame, paragraphs, *, size: float, color: str = INK, bold: bool = False, align=PP_ALIGN.LEFT
    ) -> None:
        """Fill a text frame with ``paragraphs`` (strings, or lists of (text, url-or-None) runs)."""
        frame.word_wrap = True
        for i, paragraph in enumerate(paragraphs):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.alignment = align
            runs = [(paragraph, None)] if isinstance(paragraph, str) else paragraph
            for text, url in runs:
                run = p.add_run()
                run.text = text
                run.font.size = Pt(size)
                run.font.bold = bold
                run.font.color.rgb = _rgb(color)
                run.font.language_id = _LANGUAGE_IDS.get(self.lang, MSO_LANGUAGE_ID.ENGLISH_UK)
                if url:
                    run.hyperlink.address = url

    def box(self, slide, left, top, width, height, paragraphs, **style):
        shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        self.text(shape.text_frame, paragraphs, **style)
        return shape

    def slide(self, title: str):
        """A "Title Only" slide with ``title``, placed for 16:9, and the footer."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        heading = slide.shapes.title
        heading.left, heading.top = Inches(MARGIN_IN), Inches(0.3)
        heading.width, heading.height = Inches(SLIDE_WIDTH_IN - 2 * MARGIN_IN), Inches(0.8)
        heading.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        self.text(heading.text_frame, [title], size=30, bold=True)
        self._footer(slide)
        return slide

    def _footer(self, slide) -> None:
        number = len(self.prs.slides)
        self.box(
            slide,
            MARGIN_IN,
            SLIDE_HEIGHT_IN - 0.5,
            SLIDE_WIDTH_IN - 2 * MARGIN_IN - 0.8,
            0.4,
            [self.footer],
            size=10,
            color=MUTED,
        )
        self.box(
            slide,
            SLIDE_WIDTH_IN - MARGIN_IN - 0.8,
            SLIDE_HEIGHT_IN - 0.5,
            0.8,
            0.4,
            [str(number)],
            size=10,
            color=MUTED,
            align=PP_ALIGN.RIGHT,
        )

    def notes(self, slide, text: str) -> None:
        """The speaker notes of ``slide``."""
        slide.notes_slide.notes_text_frame.text = text

    def picture(self, slide, png: bytes, size_in: tuple[float, float]) -> None:
        width, height = size_in
        left = (SLIDE_WIDTH_IN - width) / 2
        slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(PICTURE_TOP_IN), Inches(width), Inches(height))

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


def _countries(text: str, lang: str) -> str:
    names = [n for n in text.split("; ") if n]
    if len(names) <= COUNTRIES_SHOWN:
        return "; ".join(names)
    return "; ".join(names[:COUNTRIES_SHOWN]) + "; " + i18n.t("and_more", lang, n=len(names) - COUNTRIES_SHOWN)


def _table_cells(table, lang: str) -> list[list[str]]:
    rows = []
    for record in table.to_dict("records"):
        row = []
        for column, _ in TABLE_COLUMNS:
            value = record.get(column, "")
            if column == "count":
                value = i18n.number(int(value), lang)
            elif column == "countries":
                value = _countries(str(value), lang)
            row.append("" if value is None or value != value else str(value))  # NaN -> ""
        rows.append(row)
    return rows


def _row_lines(row: list[str], columns=TABLE_COLUMNS) -> int:
    """Lines a table row takes: its longest cell, wrapped at the column's width.

    A letter is taken as 0.55 em wide, as in DejaVu Sans, the widest of the fonts that may stand in for the
    theme's Calibri: the table then fits in PowerPoint as in LibreOffice.
    """
    lines = 1
    for text, (_, width) in zip(row, columns):
        per_line = max(4, int((width - 0.2) * 72 / (TABLE_FONT_PT * 0.55)))
        lines = max(lines, sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n")))
    return lines


def split_rows(rows: list[list[str]], header: list[str], columns=TABLE_COLUMNS) -> list[list[list[str]]]:
    """The table's rows in slide-sized pages (by the lines they take in ``columns``, below the ``header`` row)."""
    line_in = TABLE_FONT_PT * 1.2 / 72
    padding = 0.08  # the cells' top and bottom margins
    first = _row_lines(header, columns) * line_in + padding
    pages, page, used = [], [], first
    for row in rows:
        need = _row_lines(row, columns) * line_in + padding
        if page and used + need > TABLE_HEIGHT_IN:
            pages.append(page)
            page, used = [], first
        page.append(row)
        used += need
    if page:
        pages.append(page)
    return pages


def _profile_slide(deck: _Deck, view: View, profile: CountryProfile) -> None:
    """One country's profile: its summary, its collaborations as a native table (type, name, years, IN2P3 labs; those
    counted for it first, then those of its institutions), its partner institutions (with cities) and labs as text;
    its notes give the source of each collaboration listed."""
    lang = deck.lang
    country = describe.profile_country_name(profile, lang)
    slide = deck.slide(i18n.t("profile_title", lang, country=country))
    summary = describe.profile_summary(profile, lang)
    if profile.through_institutions():
        summary += " " + i18n.t("profile_through_note", lang)
    deck.box(slide, MARGIN_IN, 1.05, SLIDE_WIDTH_IN - 2 * MARGIN_IN, 0.6, [summary], size=13, color=MUTED)
    labels = describe.column_labels(lang)
    header = [labels["type"], labels["name"], labels["years"], labels["labs"]]
    rows = [
        [
            item.type,
            textwrap.shorten(describe.item_title(item), 48, placeholder="…")
            + ("" if item.counted else f" ({i18n.t('profile_through', lang).lower()})"),
            describe.item_years(item, lang),
            ", ".join(item.labs),
        ]
        for item in profile.collaborations
    ]
    # as many rows as the slide holds (by the lines each takes at 11 pt), then "and N more"
    per_line = [max(4, int((width - 0.2) * 72 / (11 * 0.55))) for _, width in PROFILE_COLUMNS]
    lines = [max(math.ceil(len(text) / n) or 1 for text, n in zip(row, per_line)) for row in rows]
    room, used, shown = PROFILE_TABLE_LINES, 0, 0
    for need in lines:
        if used + need > room or shown == PROFILE_ROWS:
            break
        used, shown = used + need, shown + 1
    if shown < len(rows):
        shown = max(0, shown - 1) if used + 1 > room else shown
        rows = rows[:shown] + [["", i18n.t("profile_and_more", lang, n=len(rows) - shown), "", ""]]
    if rows:
        _add_table(deck, slide, header, rows, PROFILE_COLUMNS, top=1.75, row_in=0.28, margin_in=0.03, size=11)

    def listed(entries: list[str]) -> list[str]:
        if len(entries) <= PROFILE_NAMES:
            return entries
        return entries[: PROFILE_NAMES - 1] + [i18n.t("and_more", lang, n=len(entries) - PROFILE_NAMES + 1)]

    partners = [describe.partner_line(p) for p in profile.partners]
    labs = [describe.lab_line(lab, lang) for lab in profile.labs]
    left = MARGIN_IN + sum(w for _, w in PROFILE_COLUMNS) + 0.3
    paragraphs = [[(f"{i18n.t('profile_partners', lang)} ({len(partners)})", None)]]
    paragraphs += listed(partners) or [i18n.t("profile_no_partner", lang)]
    paragraphs += [[(f"{i18n.t('profile_labs', lang)} ({len(labs)})", None)]]
    paragraphs += listed(labs) or [i18n.t("profile_no_labs", lang)]
    shape = deck.box(slide, left, 1.75, SLIDE_WIDTH_IN - MARGIN_IN - left, 5.0, paragraphs, size=12)
    for paragraph in shape.text_frame.paragraphs:  # the two headings in bold
        if paragraph.text.startswith((i18n.t("profile_partners", lang), i18n.t("profile_labs", lang))):
            for run in paragraph.runs:
                run.font.bold = True
    sources = [(describe.item_title(item), item.source_url) for item in profile.collaborations]
    deck.notes(slide, notes_text(view, lang, about=summary, rows=sources))


def build_deck(
    view: View,
    lang: str,
    *,
    shapes,
    link: str | None = None,
    changes: Changes | None = None,
    profiles: tuple[CountryProfile, ...] = (),
) -> bytes:
    """The PPTX of ``view`` (a :class:`views.View` with its table) in ``lang``, as bytes.

    ``shapes`` are the projected countries (:func:`images.map_shapes`); ``link`` the URL of the view on the
    dashboard, put on the title slide; ``changes`` what changed in the view since the version its link names
    (``views.view_changes``), given a slide of its own; ``profiles`` the profiles of the selected countries (one
    slide each, after the charts).
    """
    deck = new_deck(view, lang)
    title_slide(deck, view, i18n.t("title", lang), describe.caption(view, lang), link)
    key_figures_slide(deck, view)
    if changes is not None:
        since_slides(deck, view, changes)
    map_slide(deck, view, shapes)
    for name in CHART_IDS:
        chart_slide(deck, view, name)
    for profile in profiles:
        _profile_slide(deck, view, profile)
    table_slides(deck, view)
    return deck.save()


def new_deck(view: View, lang: str) -> _Deck:
    """An empty deck in ``lang``, its footer and properties those of ``view``."""
    caption = describe.caption(view, lang)
    deck = _Deck(lang, f"{caption} — {i18n.t('export_source_short', lang)}")
    deck.prs.core_properties.title = i18n.t("title", lang)
    deck.prs.core_properties.subject = caption
    deck.prs.core_properties.language = "fr-FR" if lang == "fr" else "en-GB"
    return deck


def title_slide(deck: _Deck, view: View, heading: str, subheading: str, link: str | None) -> None:
    """The title slide: the layout's title and subtitle placeholders, placed for 16:9; the source and the link."""
    lang = deck.lang
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[0])
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    for shape, top, height, anchor in ((title, 0.9, 1.8, MSO_ANCHOR.BOTTOM), (subtitle, 2.85, 1.1, MSO_ANCHOR.TOP)):
        shape.left, shape.top = Inches(0.9), Inches(top)
        shape.width, shape.height = Inches(SLIDE_WIDTH_IN - 1.8), Inches(height)
        shape.text_frame.vertical_anchor = anchor
    deck.text(title.text_frame, [heading], size=40, bold=True)
    deck.text(subtitle.text_frame, [subheading], size=24)
    lines = [i18n.t("subtitle", lang)]
    deck.box(slide, 0.9, 4.0, SLIDE_WIDTH_IN - 1.8, 1.0, lines, size=16, color=MUTED)
    about = [i18n.t("export_source", lang, date=i18n.long_date(view.data_date, lang))]
    if link:
        about.append([(i18n.t("deck_link", lang), None), (link, link)])
    deck.box(slide, 0.9, 5.3, SLIDE_WIDTH_IN - 1.8, 1.2, about, size=13, color=MUTED)
    deck.notes(slide, notes_text(view, lang, about=i18n.t("subtitle", lang)))


def figure_cards(deck: _Deck, slide, view: View, left: float, top: float, width: float, height: float) -> None:
    """The key figures of ``view`` as cards in a row (value, label, what it counts) within the box given (inches)."""
    lang = deck.lang
    count = len(view.key_figures)
    gap = 0.2
    card_width = (width - gap * (count - 1)) / max(count, 1)
    for i, figure in enumerate(view.key_figures):
        card = slide.shapes.add_shape(
            1, Inches(left + i * (card_width + gap)), Inches(top), Inches(card_width), Inches(height)
        )  # 1: rectangle
        card.fill.solid()
        card.fill.fore_color.rgb = _rgb("#f1f3f5")
        card.line.fill.background()
        card.shadow.inherit = False
        frame = card.text_frame
        frame.vertical_anchor = MSO_ANCHOR.TOP
        size = 48 if height >= 2.5 else 26  # a row under a story step's title: compact
        deck.text(frame, [i18n.number(figure.value, lang)], size=size, bold=True, align=PP_ALIGN.CENTER)
        label, detail = describe.key_figure_label(figure, lang), describe.key_figure_detail(figure, lang)
        for text, size, color in (
            (label, 18 if height >= 2.5 else 13, INK),
            (detail, 12 if height >= 2.5 else 10, MUTED),
        ):
            p = frame.add_paragraph()
            p.alignment = PP_ALIGN.CENTER
            run = p.add_run()
            run.text = text
            run.font.size, run.font.color.rgb = Pt(size), _rgb(color)
            run.font.language_id = _LANGUAGE_IDS.get(lang, MSO_LANGUAGE_ID.ENGLISH_UK)


def figure_lines(view: View, lang: str) -> list[str]:
    """The key figures in words, one line each (the notes of a slide that shows them)."""
    return [
        f"• {describe.key_figure_label(f, lang)}: {i18n.number(f.value, lang)} ({describe.key_figure_detail(f, lang)})"
        for f in view.key_figures
    ]


def key_figures_slide(deck: _Deck, view: View) -> None:
    lang = deck.lang
    slide = deck.slide(i18n.t("key_figures", lang))
    figure_cards(deck, slide, view, MARGIN_IN, 1.6, SLIDE_WIDTH_IN - 2 * MARGIN_IN, 3.0)
    counting = i18n.t("footer_counting", lang).strip()
    deck.box(slide, MARGIN_IN, 5.0, SLIDE_WIDTH_IN - 2 * MARGIN_IN, 1.2, [counting], size=13, color=MUTED)
    deck.notes(slide, notes_text(view, lang, about=i18n.t("key_figures", lang), extra=figure_lines(view, lang)))


def map_slide(deck: _Deck, view: View, shapes) -> None:
    """The map, a picture (with each country's count on it, as presentation mode writes them)."""
    lang = deck.lang
    text = images.image_text(view, "map", lang)
    slide = deck.slide(text.title)
    picture = (SLIDE_WIDTH_IN - 2 * MARGIN_IN, PICTURE_HEIGHT_IN)
    deck.picture(slide, images.render(view, "map", "png", lang, shapes=shapes, size=picture, dpi=150), picture)
    _caption(deck, slide, text.caption)
    deck.notes(slide, notes_text(view, lang, about=text.caption, extra=[i18n.t("notes_map_labels", lang)]))


def chart_slide(deck: _Deck, view: View, name: str) -> None:
    """Chart ``name`` as PowerPoint's own chart, its data embedded (``slide_charts``); a sentence when it is empty."""
    lang = deck.lang
    text = images.image_text(view, name, lang)
    slide = deck.slide(text.title)
    box = tuple(Inches(v) for v in (MARGIN_IN, PICTURE_TOP_IN, SLIDE_WIDTH_IN - 2 * MARGIN_IN, PICTURE_HEIGHT_IN))
    if slide_charts.add_chart(slide, view, name, lang, box) is None:
        message = i18n.t("no_start_year" if name == "timeline" else "no_data", lang)
        deck.box(
            slide,
            MARGIN_IN,
            2.5,
            SLIDE_WIDTH_IN - 2 * MARGIN_IN,
            1.0,
            [message],
            size=24,
            color=MUTED,
            align=PP_ALIGN.CENTER,
        )
    _caption(deck, slide, text.caption)
    deck.notes(slide, notes_text(view, lang, about=text.caption, extra=[i18n.t("notes_chart_data", lang)]))


#: A caption longer than this (about three lines at 13 pt) is set at 11 pt: the map's, with what its links leave
#: undrawn, would otherwise run into the footer.
CAPTION_CHARS = 390


def _caption(deck: _Deck, slide, caption: str) -> None:
    deck.box(
        slide,
        MARGIN_IN,
        PICTURE_TOP_IN + PICTURE_HEIGHT_IN + 0.05,
        SLIDE_WIDTH_IN - 2 * MARGIN_IN,
        0.8,
        [caption],
        size=13 if len(caption) <= CAPTION_CHARS else 11,
    )


def _add_table(
    deck: _Deck,
    slide,
    header: list[str],
    page: list[list[str]],
    columns,
    *,
    right=(),
    top: float = TABLE_TOP_IN,
    row_in: float = 0.25,
    margin_in: float = 0.04,
    size: float = TABLE_FONT_PT,
) -> None:
    """A native table of ``header`` and the rows ``page`` (``columns``: (name, width in inches); ``right``: the
    columns set right; ``top``, ``row_in``, ``margin_in``: inches; ``size``: points)."""
    shape = slide.shapes.add_table(
        len(page) + 1,
        len(columns),
        Inches(MARGIN_IN),
        Inches(top),
        Inches(sum(w for _, w in columns)),
        Inches(0.3 * (len(page) + 1)),
    )
    table = shape.table
    for j, (_, width) in enumerate(columns):
        table.columns[j].width = Inches(width)
    for i, row in enumerate([header, *page]):
        table.rows[i].height = Emu(Inches(row_in))
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.margin_top = cell.margin_bottom = Inches(margin_in)
            deck.text(
                cell.text_frame,
                [value],
                size=size,
                bold=(i == 0),
                color="#ffffff" if i == 0 else INK,
                align=PP_ALIGN.RIGHT if columns[j][0] in right else PP_ALIGN.LEFT,
            )


def table_slides(deck: _Deck, view: View) -> None:
    """The table of the view's collaborations, over as many slides as it needs; each slide's notes give the source
    of each of its rows."""
    lang = deck.lang
    words = describe.table_words(view.table, lang)
    rows = _table_cells(words, lang)
    sources = (
        [
            (str(name), str(url) if isinstance(url, str) else "")
            for name, url in zip(words["name"].tolist(), words["source_url"].tolist())
        ]
        if len(words)
        else []
    )
    labels = describe.column_labels(lang)
    header = [labels[c] for c, _ in TABLE_COLUMNS]
    pages = split_rows(rows, header)
    if not pages:
        slide = deck.slide(i18n.t("table_title", lang))
        deck.box(
            slide,
            MARGIN_IN,
            2.5,
            SLIDE_WIDTH_IN - 2 * MARGIN_IN,
            1.0,
            [i18n.t("no_data", lang)],
            size=24,
            color=MUTED,
            align=PP_ALIGN.CENTER,
        )
        deck.notes(slide, notes_text(view, lang, about=i18n.t("table_title", lang)))
    n = int(words["count"].sum()) if len(words) else 0
    table_caption = i18n.t(
        "deck_table_caption",
        lang,
        rows=len(rows),
        n=i18n.number(n, lang),
        where=i18n.t("in_selected", lang) if view.selection else "",
    )
    first = 0
    for number, page in enumerate(pages, start=1):
        title = i18n.t("table_title", lang)
        if len(pages) > 1:
            title += f" ({number}/{len(pages)})"
        slide = deck.slide(title)
        deck.box(slide, MARGIN_IN, 0.95, SLIDE_WIDTH_IN - 2 * MARGIN_IN, 0.4, [table_caption], size=12, color=MUTED)
        _add_table(deck, slide, header, page, TABLE_COLUMNS, right=("count",))
        deck.notes(slide, notes_text(view, lang, about=table_caption, rows=sources[first : first + len(page)]))
        first += len(page)


# -- What changed since a version ----------------------------------------------------------------------------

#: Columns of the slides of changes: (key of ``describe.change_rows``, width in inches).
CHANGE_COLUMNS = (("change", 1.2), ("type", 0.8), ("name", 3.6), ("countries", 2.2), ("what", 4.5))
#: The colours of the kinds of change (the page's map draws them too).
CHANGE_HEADERS = {
    "change": "col_change",
    "type": "col_type",
    "name": "col_name",
    "countries": "col_countries",
    "what": "col_what",
}


def since_slides(deck: _Deck, view: View, changes: Changes) -> None:
    """ "Since 10 January 2026": the new, ended and changed collaborations of the view counted, then listed (over as
    many slides as they need), each with what changed in words."""
    lang = deck.lang
    title = describe.since_title(changes, lang)
    about = i18n.t(
        "changes_about",
        lang,
        date=describe.version_date(changes.since.version or "", changes.since.created, lang),
        version=changes.since.version or "",
        data_date=_data_date(changes, lang),
    )
    rules = [i18n.t("notes_since_rules", lang)]
    slide = deck.slide(title)
    counts = changes.totals
    width = (SLIDE_WIDTH_IN - 2 * MARGIN_IN - 0.4) / 3
    for i, (kind, value) in enumerate((("new", counts.new), ("ended", counts.ended), ("changed", counts.changed))):
        card = slide.shapes.add_shape(1, Inches(MARGIN_IN + i * (width + 0.2)), Inches(1.5), Inches(width), Inches(1.9))
        card.fill.solid()
        card.fill.fore_color.rgb = _rgb("#f1f3f5")
        card.line.fill.background()
        card.shadow.inherit = False
        deck.text(card.text_frame, [i18n.number(value, lang)], size=48, bold=True, align=PP_ALIGN.CENTER)
        p = card.text_frame.add_paragraph()
        p.alignment = PP_ALIGN.CENTER
        run = p.add_run()
        run.text = describe.change_kind(kind, lang, value)
        run.font.size, run.font.color.rgb = Pt(20), _rgb(INK)
    if changes.since.same_version:
        summary = i18n.t("changes_same", lang)
    elif changes.is_empty:
        summary = i18n.t("changes_none", lang, date=describe.since_date(changes, lang))
    else:
        summary = i18n.t("changes_rows", lang, counts=describe.change_counts(counts, lang), rows=len(changes.all()))
    deck.box(slide, MARGIN_IN, 3.7, SLIDE_WIDTH_IN - 2 * MARGIN_IN, 2.0, [summary, about], size=16, color=INK)
    deck.notes(slide, notes_text(view, lang, about=summary, extra=[about, *rules]))

    rows = [[r[key] for key, _ in CHANGE_COLUMNS] for r in describe.change_rows(changes, lang)]
    header = [i18n.t(CHANGE_HEADERS[key], lang) for key, _ in CHANGE_COLUMNS]
    pages = split_rows(rows, header, CHANGE_COLUMNS)
    for number, page in enumerate(pages, start=1):
        slide = deck.slide(title + (f" ({number}/{len(pages)})" if len(pages) > 1 else ""))
        deck.box(slide, MARGIN_IN, 0.95, SLIDE_WIDTH_IN - 2 * MARGIN_IN, 0.4, [about], size=12, color=MUTED)
        _add_table(deck, slide, header, page, CHANGE_COLUMNS)
        deck.notes(slide, notes_text(view, lang, about=about, extra=rules))


def _data_date(changes: Changes, lang: str) -> str:
    day = changes.since.old_data_date
    return i18n.long_date(day, lang) if day else "—"
