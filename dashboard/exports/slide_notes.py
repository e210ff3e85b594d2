"""The speaker notes of the slides: what the numbers count (the README's "How the numbers count", in the deck's
language), what the slide shows, the view's filters and data date, and the sources (the main source, and for a table
slide the source of each of its rows). A speaker reads them in the presenter view; a colleague who reuses one slide
keeps its counting rules and sources with it."""

from __future__ import annotations

from .. import describe, i18n
from ..views import View

#: The main source of the data (the page's footer links it too).
MAIN_SOURCE_URL = "https://in2p3.cnrs.fr/en/open-global-strategy"
#: The counting rules, as keys of ``i18n.TEXT``, in the README's order.
COUNTING_RULES = ("notes_rule_totals", "notes_rule_map", "notes_rule_no_country", "notes_rule_years")


def counting_rules(lang: str) -> list[str]:
    """How the numbers count, one sentence a rule."""
    return [i18n.t(key, lang) for key in COUNTING_RULES]


def notes_text(
    view: View,
    lang: str,
    *,
    about: str = "",
    rows: list[tuple[str, str]] = (),
    lead: str = "",
    extra: list[str] = (),
) -> str:
    """The notes of one slide of ``view``: ``lead`` first (a story step's own notes), then what the slide shows
    (``about``) and ``extra`` lines, how the numbers count, the view, and the sources, with (``rows``: (name, URL))
    the sources of the rows the slide lists."""
    parts = []
    if lead:
        parts += [lead.strip(), ""]
    if about:
        parts.append(i18n.t("notes_about", lang, text=about))
    parts += list(extra)
    if about or extra:
        parts.append("")
    parts.append(i18n.t("notes_counting", lang))
    parts += [f"• {rule}" for rule in counting_rules(lang)]
    parts += ["", i18n.t("notes_view", lang, caption=describe.caption(view, lang))]
    parts += ["", i18n.t("notes_sources", lang, url=MAIN_SOURCE_URL)]
    if rows:
        parts.append(i18n.t("notes_row_sources", lang))
        parts += [f"• {name}: {url}" for name, url in rows if url]
    return "\n".join(parts)
