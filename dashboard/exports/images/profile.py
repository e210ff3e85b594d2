"""A country's profile (``profiles.CountryProfile``) as an image: its collaborations by type and its infrastructures,
its partner institutions with their cities, the IN2P3 labs involved, in three columns of text under the image's
title (text stays text in the SVG)."""

from __future__ import annotations

import textwrap

from ... import describe, i18n
from ...look import INK, MUTED
from ...profiles import CountryProfile

#: Type sizes (points) of the columns' headings and lines, and the space a line takes (inches).
HEADING_PT, LINE_PT, LINE_IN = 14, 12.5, 0.235
#: The columns: their left edge and width, as fractions of the figure's width.
COLUMNS = ((0.03, 0.37), (0.42, 0.24), (0.68, 0.29))  # left, width: the third ends 3 % from the edge


def _fit(text: str, width_in: float, size: float, bold: bool = False) -> str:
    """``text`` cut to one line of ``width_in`` inches at ``size`` points (DejaVu Sans: ~0.5 em a letter in text,
    ~0.58 em in bold, as measured)."""
    return textwrap.shorten(text, max(12, int(width_in * 72 / (size * (0.58 if bold else 0.5)))), placeholder="…")


def profile_lines(profile: CountryProfile, lang: str) -> list[list[tuple[str, str]]]:
    """The three columns of the image, each a list of (kind, text): kind "heading", "sub" (a type) or "line"."""
    first: list[tuple[str, str]] = []
    instruments = profile.instruments()
    if instruments:
        first.append(("heading", i18n.t("profile_instruments", lang)))
        for kind, items in instruments.items():
            first.append(("sub", f"{describe.type_label(kind, lang)} ({len(items)})"))
            first += [("line", _item(i, lang)) for i in items]
    infrastructures = profile.infrastructures()
    if infrastructures:
        first.append(("heading", f"{i18n.t('profile_infrastructures', lang)} ({len(infrastructures)})"))
        first += [("line", _item(i, lang)) for i in infrastructures]
    through = profile.through_institutions()
    if through:
        first.append(("heading", f"{i18n.t('profile_through', lang)} ({len(through)})"))
        first += [("line", _item(i, lang)) for i in through]
    partners = [("heading", f"{i18n.t('profile_partners', lang)} ({len(profile.partners)})")]
    partners += [("line", describe.partner_line(p)) for p in profile.partners] or [
        ("line", i18n.t("profile_no_partner", lang))
    ]
    labs = [("heading", f"{i18n.t('profile_labs', lang)} ({len(profile.labs)})")]
    labs += [("line", describe.lab_line(lab, lang)) for lab in profile.labs] or [
        ("line", i18n.t("profile_no_labs", lang))
    ]
    return [first, partners, labs]


def _item(item, lang: str) -> str:
    years = describe.item_years(item, lang)
    title = item.acronym or item.name
    return f"{title} · {years}" if years else title


def draw_profile(fig, profile: CountryProfile, lang: str, *, top: float, bottom: float) -> None:
    """Write the profile's columns on ``fig`` between the heights ``top`` and ``bottom`` (figure fractions)."""
    width_in, height_in = fig.get_size_inches()
    room = (top - bottom) * height_in
    for (left, width), lines in zip(COLUMNS, profile_lines(profile, lang)):
        if _height(lines) > room:
            shown = len(lines) - 1
            while shown > 1 and _height(lines[:shown]) + LINE_IN > room:
                shown -= 1
            more = len([kind for kind, _ in lines[shown:] if kind == "line"])
            lines = lines[:shown] + [("line", i18n.t("profile_and_more", lang, n=more))]
        y = top
        for kind, text in lines:
            if kind == "heading" and y < top:
                y -= LINE_IN * 0.4 / height_in
            size = HEADING_PT if kind == "heading" else LINE_PT
            fig.text(
                left + (0.012 if kind == "line" else 0),
                y,
                _fit(("• " if kind == "line" else "") + text, width * width_in, size, bold=kind != "line"),
                fontsize=size,
                fontweight="bold" if kind != "line" else "normal",
                color=INK if kind != "sub" else MUTED,
                va="top",
            )
            y -= LINE_IN / height_in


def _height(lines) -> float:
    """Inches that ``lines`` take (a heading after the first gets some space above it)."""
    headings = sum(1 for i, (kind, _) in enumerate(lines) if kind == "heading" and i)
    return len(lines) * LINE_IN + headings * 0.4 * LINE_IN
