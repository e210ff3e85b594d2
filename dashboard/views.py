"""Everything one view shows, computed once from (data, state): the page and every export use this.

No Dash here: figures are ``figures.Figure`` (plain dicts, a plotly object on demand), texts are strings in the
state's language. The counting works on the view's ``aggregate.Selection`` (a mask), never on a filtered frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import aggregate, i18n, schema
from .describe import view_caption
from .figures import (
    Figure,
    build_continent_chart,
    build_map,
    build_timeline_chart,
    build_top_countries_chart,
    build_type_chart,
)
from .state import ViewState


@dataclass(frozen=True)
class KeyFigure:
    key: str  # stable id (data attribute, export)
    label: str
    value: int
    detail: str


@dataclass(frozen=True)
class View:
    """The figures, numbers and texts of one view, in ``state.lang``."""

    state: ViewState
    caption: str  # "IRL and IRP · Asia · active 2015–2025 · data of ..."
    map: Figure
    map_caption: str
    map_note: str  # what is not on the map
    map_summary: str  # the map in one sentence, for screen readers
    key_figures: tuple[KeyFigure, ...]
    charts: dict  # chart id -> (title, caption, figure)
    timeline_note: str
    table: pd.DataFrame  # aggregate.collaboration_table, names in the language
    table_caption: str


CHART_IDS = ("continent", "top", "type", "timeline")


def _unit(state: ViewState) -> str:
    return i18n.t(f"unit_{state.measure}", state.lang)


def build_view(ds, state: ViewState, *, with_table: bool = True, outline_selection: bool = True, maps=None) -> View:
    """All that the view ``state`` shows of the data set ``ds``.

    ``with_table=False`` leaves the table empty: the page builds it one page at a time (``table.py``); the
    exports take it whole. ``outline_selection=False`` leaves the selected countries' outline off the map: the
    page draws it in the browser (``assets/app.js``), so that a click on a country redraws no map. The map
    then depends on the filters only, and ``maps`` (a ``caching.DataCache``) may keep it for every selection.
    """
    lang = state.lang
    if outline_selection:
        fig_map, map_caption, map_summary = _map_part(ds, state, selected=state.countries)
    else:
        unselected = state.with_(countries=(), step=None)
        compute = lambda: _map_part(ds, unselected, selected=())
        fig_map, map_caption, map_summary = maps.get_or_compute(ds, unselected, compute) if maps else compute()

    in_view = aggregate.select(ds, state)
    f = aggregate.key_figures(ds, in_view, state)
    map_note = ""
    if f.without_country:
        detail = ", ".join(f"{n} {t}" for t, n in aggregate.unlocated_by_type(ds, in_view).items())
        map_note = i18n.t("not_on_map", lang, n=f.without_country, detail=detail)

    by_type = " · ".join(f"{n} {t}" for t, n in f.instruments_by_type.items()) or i18n.t("none", lang)
    figures = (
        KeyFigure("collaborations", i18n.t("fig_collaborations", lang), f.instruments, by_type),
        KeyFigure(
            "partner-countries",
            i18n.t("fig_partner_countries", lang),
            f.partner_countries,
            i18n.t("fig_partner_countries_detail", lang),
        ),
        KeyFigure(
            "partner-institutions",
            i18n.t("fig_partner_institutions", lang),
            f.partner_institutions,
            i18n.t("fig_partner_institutions_detail", lang),
        ),
        KeyFigure("continents", i18n.t("fig_continents", lang), f.continents, i18n.t("fig_continents_detail", lang)),
        KeyFigure(
            "infrastructures",
            i18n.t("fig_infrastructures", lang),
            f.infrastructures,
            i18n.t("fig_infrastructures_detail", lang),
        ),
    )

    years_table, left_out = aggregate.per_year(ds, in_view)
    charts = {
        "continent": (
            i18n.t("by_continent", lang),
            i18n.t("by_continent_caption", lang),
            build_continent_chart(aggregate.by_continent(ds, in_view, state), lang=lang),
        ),
        "top": (
            i18n.t("top_countries", lang),
            i18n.t("top_countries_caption", lang),
            build_top_countries_chart(aggregate.top_countries(ds, in_view, state), lang=lang),
        ),
        "type": (
            i18n.t("by_type", lang),
            i18n.t("by_type_caption", lang),
            build_type_chart(aggregate.by_type(in_view), lang=lang),
        ),
        "timeline": (
            i18n.t("per_year", lang),
            i18n.t("per_year_caption", lang),
            build_timeline_chart(years_table, years=state.years, lang=lang),
        ),
    }
    table = localised_table(ds, in_view.frame, lang) if with_table else pd.DataFrame()
    table_caption = i18n.t(
        "table_caption",
        lang,
        rows=len(in_view),
        n=in_view.total(),
        where=i18n.t("in_selected", lang) if state.countries else "",
    )
    return View(
        state=state,
        caption=view_caption(state, ds.data_date, lang),
        map=fig_map,
        map_caption=map_caption,
        map_note=map_note,
        map_summary=map_summary,
        key_figures=figures,
        charts=charts,
        timeline_note=i18n.t("per_year_left_out", lang, n=left_out) if left_out else "",
        table=table,
        table_caption=table_caption,
    )


def _map_part(ds, state: ViewState, *, selected) -> tuple[Figure, str, str]:
    """The map of ``state`` (the countries ``selected`` outlined), its caption and its summary in one sentence.

    None of them depends on the selection but the outline: the map counts the collaborations that pass the
    filters, whichever countries are selected.
    """
    lang = state.lang
    filtered = aggregate.select(ds, state, with_selection=False)
    unit = _unit(state)
    values = aggregate.country_values(ds, filtered, state)
    home = i18n.country_name(schema.HOME_ISO3, lang)
    home_count = aggregate.home_count(ds, filtered, state)
    sites = aggregate.infrastructure_sites(ds, filtered)
    fig_map = build_map(
        values,
        ds.countries,
        sites,
        selected=selected,
        unit=unit,
        continents=state.continents,
        home_hover=i18n.t("home_hover", lang, n=home_count, country=home),
        lang=lang,
        large=state.present,
    )
    map_caption = i18n.t("map_caption", lang, what=i18n.t(f"what_{state.measure}", lang))
    if state.measure == "instruments":
        map_caption += i18n.t("map_caption_once", lang)
    foreign = values[values.index != schema.HOME_ISO3]
    if len(foreign):
        top = foreign.head(3)
        named = ", ".join(f"{i18n.country_name(iso, lang)} ({int(v)})" for iso, v in top["value"].items())
        map_summary = i18n.t("map_summary", lang, countries=len(foreign), unit=unit, top=named)
    else:
        map_summary = i18n.t("map_summary_none", lang)

    return fig_map, map_caption, map_summary


def localised_table(ds, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``aggregate.collaboration_table`` with country, theme and status names in ``lang``."""
    table = aggregate.collaboration_table(ds, frame)
    if lang == i18n.DEFAULT_LANG and table.empty:
        return table
    codes = frame.set_index("id")["countries"]
    table["countries"] = table["id"].map(lambda i: "; ".join(i18n.country_name(c, lang) for c in codes.get(i, ())))
    table["theme"] = table["theme"].map(lambda v: i18n.theme_name(v, lang))
    table["status"] = table["status"].map(lambda v: i18n.status_name(v, lang))
    table["confidence"] = table["confidence"].map(lambda v: i18n.confidence_name(v, lang))
    return table


def column_labels(lang: str) -> dict[str, str]:
    """Table column id -> header in ``lang`` (the page's table; the CSV adds id and notes)."""
    keys = {
        "type": "col_type",
        "name": "col_name",
        "countries": "col_countries",
        "theme": "col_theme",
        "labs": "col_labs",
        "partners": "col_partners",
        "years": "col_years",
        "status": "col_status",
        "count": "col_count",
        "confidence": "col_confidence",
        "source_url": "col_source",
    }
    return {column: i18n.t(key, lang) for column, key in keys.items()}


def export_labels(lang: str) -> dict[str, str]:
    """Column id -> header of the CSV/Excel export in ``lang``."""
    return {"id": i18n.t("col_id", lang), **column_labels(lang), "notes": i18n.t("col_notes", lang)}
