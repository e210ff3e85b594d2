"""Words for a view: the caption that states its filters, used in presentation mode and on every export."""

from __future__ import annotations

from datetime import date

from . import i18n, schema
from .state import ViewState


def view_caption(state: ViewState, data_date: date, lang: str = i18n.DEFAULT_LANG) -> str:
    """One line that says what the view shows.

    For example "IRL and IRP · Asia · active 2015–2025 · data of 25 November 2026".
    """
    parts = [
        i18n.join_words(list(state.instruments), lang) if state.instruments else i18n.t("all_collaborations", lang)
    ]
    if state.continents:
        parts.append(i18n.join_words([i18n.continent_name(c, lang) for c in state.continents], lang))
    if state.countries:
        parts.append(i18n.join_words([i18n.country_name(c, lang) for c in state.countries], lang))
    if state.themes:
        parts.append(i18n.join_words([i18n.theme_name(schema.THEMES[s], lang) for s in state.themes], lang))
    if state.labs:
        parts.append(i18n.join_words(list(state.labs), lang))
    if state.statuses:
        parts.append(i18n.join_words([i18n.status_name(schema.STATUSES[s], lang) for s in state.statuses], lang))
    if state.years:
        first, last = state.years
        parts.append(i18n.t("active_years", lang, years=str(first) if first == last else f"{first}–{last}"))
    parts.append(i18n.t("data_of_caption", lang, date=i18n.long_date(data_date, lang)))
    return " · ".join(parts)
