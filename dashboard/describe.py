"""The words of a view in one language, made from its view model (``views``): what the page, the figures and the
exports write about it, each text in one place.

The view model is numbers and codes, the same in every language; the page (``page/render.py``), the figure builders
(``figures/``) and the exports (``exports/``) put the words in where they draw them, with these.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from . import i18n, schema
from .datastore.compare import CHANGED, END_YEAR, ENDED, NEW, REMOVED, Change, Changes, Counts, created_of
from .profiles import CountryProfile, ProfileItem
from .state import ViewState
from .views import KeyFigure, MapModel, View, collaboration_rows, stacked_counts

#: Key figure -> (its label, what it counts) as keys of ``i18n.TEXT``; the collaborations say it by type.
KEY_FIGURE_TEXT = {
    "collaborations": ("fig_collaborations", None),
    "partner-countries": ("fig_partner_countries", "fig_partner_countries_detail"),
    "partner-institutions": ("fig_partner_institutions", "fig_partner_institutions_detail"),
    "continents": ("fig_continents", "fig_continents_detail"),
    "infrastructures": ("fig_infrastructures", "fig_infrastructures_detail"),
}
#: Chart (``views.CHART_IDS``) -> (its title, what it counts) as keys of ``i18n.TEXT``.
CHART_TEXT = {
    "continent": ("by_continent", "by_continent_caption"),
    "top": ("top_countries", "top_countries_caption"),
    "type": ("by_type", "by_type_caption"),
    "timeline": ("per_year", "per_year_caption"),
}


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


def caption(view: View, lang: str) -> str:
    """The caption of ``view``: its filters and data date (:func:`view_caption`)."""
    return view_caption(view.state, view.data_date, lang)


# -- The map -----------------------------------------------------------------------------------------------


def unit(measure: str, lang: str) -> str:
    """What one unit of ``measure`` is, in plural ("collaborations", "partner institutions")."""
    return i18n.t(f"unit_{measure}", lang)


def country_name(model: MapModel, iso3: str, lang: str) -> str:
    """A country of the map named in ``lang`` (CLDR), else by the data's own name."""
    return i18n.country_name(iso3, lang, fallback=model.countries.at[iso3, "name"])


def class_labels(breaks) -> list[str]:
    """The map's classes as its key writes them: "1", "3–4", "20+" (the last class is open-ended)."""
    last = len(breaks) - 1
    return [f"{lo}" if lo == hi else (f"{lo}+" if i == last else f"{lo}–{hi}") for i, (lo, hi) in enumerate(breaks)]


def map_caption(model: MapModel, lang: str) -> str:
    """What colours the map, and (for the collaborations) how a collaboration counts on it."""
    text = i18n.t("map_caption", lang, what=i18n.t(f"what_{model.measure}", lang))
    if model.measure == "instruments":
        text += i18n.t("map_caption_once", lang)
    return text


def map_note(view: View, lang: str) -> str:
    """What is not on the map (collaborations with no country, by type), or ""."""
    if not view.unlocated:
        return ""
    detail = ", ".join(f"{n} {t}" for t, n in view.unlocated.items())
    return i18n.t("not_on_map", lang, n=sum(view.unlocated.values()), detail=detail)


def links_note(model: MapModel, lang: str) -> str:
    """What the links of the map are and what of them is not drawn, by reason ("" when the links are not shown):
    the pairs drawn plus those not drawn are every pair of the view (``aggregate.links``)."""
    if not model.show_links:
        return ""
    if not model.links and not any(model.undrawn.values()):
        text = i18n.t("links_none", lang)
    else:
        text = i18n.t("links_note", lang, drawn=len(model.links), arcs=len(model.arcs))
        detail = [
            i18n.t(f"undrawn_{reason}", lang, n=n, labs=", ".join(model.unplaced.get("labs", ())))
            for reason, n in model.undrawn.items()
            if n
        ]
        text += i18n.t("links_not_drawn", lang, detail="; ".join(detail)) if detail else i18n.t("links_all_drawn", lang)
    unlinked = [
        i18n.t(f"unlinked_{reason}_one" if n == 1 else f"unlinked_{reason}", lang, n=n)
        for reason, n in model.unlinked.items()
        if n
    ]
    if unlinked:
        text += i18n.t("links_unlinked", lang, detail=", ".join(unlinked))
    return text


def map_summary(model: MapModel, lang: str) -> str:
    """The map in one sentence, for screen readers: how many partner countries, the three with most."""
    if not len(model.values):
        return i18n.t("map_summary_none", lang)
    top = model.values["value"].head(3)
    named = ", ".join(f"{i18n.country_name(iso, lang)} ({int(v)})" for iso, v in top.items())
    return i18n.t("map_summary", lang, countries=len(model.values), unit=unit(model.measure, lang), top=named)


# -- Key figures, charts, table ----------------------------------------------------------------------------


def key_figure_label(figure: KeyFigure, lang: str) -> str:
    return i18n.t(KEY_FIGURE_TEXT[figure.key][0], lang)


def key_figure_detail(figure: KeyFigure, lang: str) -> str:
    """How ``figure`` counts; the collaborations by type ("2 IRL · 22 IEA")."""
    detail = KEY_FIGURE_TEXT[figure.key][1]
    if detail is None:
        return " · ".join(f"{n} {t}" for t, n in figure.by_type.items()) or i18n.t("none", lang)
    return i18n.t(detail, lang)


def chart_title(name: str, lang: str) -> str:
    return i18n.t(CHART_TEXT[name][0], lang)


def chart_caption(name: str, lang: str) -> str:
    """What chart ``name`` counts."""
    return i18n.t(CHART_TEXT[name][1], lang)


def type_label(code: str, lang: str) -> str:
    """An instrument type as the charts name it: "International Research Laboratory (IRL)"."""
    return f"{i18n.instrument_name(code, lang)} ({code})"


def top_country_names(table: pd.DataFrame, order: list[str], lang: str) -> list[str]:
    """The names in ``lang`` of the countries ``order`` of ``aggregate.top_countries``' ``table`` (the data's own
    name where CLDR has none)."""
    names = dict(zip(table["iso3"], table["name"]))
    return [i18n.country_name(iso, lang, fallback=names[iso]) for iso in order]


def partner_line(partner) -> str:
    """A profile's partner institution in one line, as the slide and the image list it: "KEK · Tsukuba"."""
    return " · ".join(part for part in (partner.acronym or partner.name, partner.city) if part)


def lab_line(lab, lang: str) -> str:
    """A profile's IN2P3 lab in one line, as the slide and the image list it: "LLR, Palaiseau: 4 collaborations"."""
    label = ", ".join(part for part in (lab.code, lab.city) if part)
    return i18n.t("profile_colon", lang, label=label, text=collaborations_count(len(lab.collaborations), lang))


def stacked_bars(view: View, name: str, lang: str) -> tuple | None:
    """The chart ``name`` ("continent" or "top") of ``view`` as stacked bars, as the images and the slides draw it:
    (the categories' codes in order, their counts per type as ``views.stacked_counts`` gives them, their names in
    ``lang``); None when the view has no bar."""
    table, category = (view.by_continent, "continent") if name == "continent" else (view.top_countries, "iso3")
    if table.empty:
        return None
    order, wide = stacked_counts(table, category)
    if name == "continent":
        return order, wide, [i18n.continent_name(c, lang) for c in order]
    return order, wide, top_country_names(table, order, lang)


def timeline_note(view: View, lang: str) -> str:
    """The collaborations the timeline leaves out for want of a start year, or ""."""
    return i18n.t("per_year_left_out", lang, n=view.left_out) if view.left_out else ""


def table_caption(view: View, lang: str) -> str:
    """Rows and collaborations of the page's table, and where (the selected countries)."""
    where = i18n.t("in_selected", lang) if view.selection else ""
    return i18n.t("table_caption", lang, rows=view.rows, n=view.total, where=where)


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


def table_words(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows of a view (``views.collaboration_rows``) as a person reads them in ``lang``: country, theme, status
    and confidence names (the columns of ``aggregate.collaboration_table``)."""
    table = rows.drop(columns="iso3")
    if lang == i18n.DEFAULT_LANG and table.empty:
        return table
    table["countries"] = rows["iso3"].map(lambda codes: "; ".join(i18n.country_name(c, lang) for c in codes))
    table["theme"] = table["theme"].map(lambda v: i18n.theme_name(v, lang))
    table["status"] = table["status"].map(lambda v: i18n.status_name(v, lang))
    table["confidence"] = table["confidence"].map(lambda v: i18n.confidence_name(v, lang))
    return table


def localised_table(ds, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The collaborations of ``frame`` (rows of ``ds.collaborations``) as a table in ``lang`` (:func:`table_words`)."""
    return table_words(collaboration_rows(ds, frame), lang)


# -- A country's profile -----------------------------------------------------------------------------------


def profile_country_name(profile: CountryProfile, lang: str) -> str:
    return i18n.country_name(profile.iso3, lang, fallback=profile.name)


def profile_summary(profile: CountryProfile, lang: str) -> str:
    """ "10 collaborations in view: 2 IRL · 1 IRP · 7 INFRA. First known year: 2017." """
    country = profile_country_name(profile, lang)
    if not profile.total:
        text = i18n.t("profile_summary_none", lang, country=country)
    else:
        detail = " · ".join(f"{n} {t}" for t, n in profile.by_type.items())
        text = i18n.t("profile_summary", lang, n=profile.total, detail=detail)
    year = profile.first_year
    return f"{text} " + (i18n.t("profile_first_year", lang, year=year) if year else i18n.t("profile_no_year", lang))


def item_title(item: ProfileItem) -> str:
    """ "ACRONYM – Name", or the name alone when it holds the acronym (as the table names a collaboration)."""
    if item.acronym and item.acronym.lower() not in item.name.lower():
        return f"{item.acronym} – {item.name}"
    return item.name


def item_years(item: ProfileItem, lang: str) -> str:
    """ "since 2021" (running), "2005–2012", "2008" or "" (no year known)."""
    if item.start is None:
        return str(item.end) if item.end is not None else ""
    if item.end is None:
        return (
            i18n.t("profile_since", lang, year=item.start)
            if item.status in schema.ONGOING_STATUSES
            else str(item.start)
        )
    return str(item.start) if item.end == item.start else f"{item.start}–{item.end}"


def item_details(item: ProfileItem, profile: CountryProfile, lang: str) -> list[str]:
    """What a profile's line says of a collaboration after its title: its years, its site and status (an
    infrastructure), its count (a row for several instruments), the country's institutions in it, its IN2P3 labs."""
    parts = []
    years = item_years(item, lang)
    if years:
        parts.append(years)
    if item.type == schema.INFRASTRUCTURE_TYPE:
        if item.site:
            parts.append(item.site)
        parts.append(i18n.status_name(item.status, lang))
    if item.count > 1:
        parts.append(i18n.t("profile_count", lang, n=item.count))
    names = profile.partner_names
    if item.partners:
        parts.append(i18n.t("profile_with", lang, names=", ".join(names.get(p, p) for p in item.partners)))
    if item.labs:
        parts.append(i18n.t("profile_labs_of", lang, labs=", ".join(item.labs)))
    return parts


def collaborations_count(n: int, lang: str) -> str:
    return i18n.t("one_collaboration", lang) if n == 1 else i18n.t("n_collaborations", lang, n=n)


# -- What changed since a version (``since=``: ``datastore.compare``) ----------------------------------------

#: Kind of change -> its name as a key of ``i18n.TEXT``.
CHANGE_KIND_TEXT = {NEW: "change_new", ENDED: "change_ended", CHANGED: "change_changed"}
_LISTS = ("countries", "in2p3_labs")


def since_date(changes: Changes, lang: str) -> str:
    """The day a comparison starts from, in ``lang``: the date of the link when it named one ("since=2026-11-25": the
    data as served that day), else the day the version compared with was made."""
    asked = changes.since.asked
    if asked and "T" not in asked:
        return i18n.long_date(date.fromisoformat(asked), lang)
    return version_date(changes.since.version or "", changes.since.created, lang)


def version_date(version: str, created: str, lang: str) -> str:
    """The day a version was made, in ``lang``: its id's (the UTC time of its import, as ``history`` lists it), else
    its record's ``created``."""
    moment = created_of(version) or created or ""
    try:
        return i18n.long_date(date.fromisoformat(moment[:10]), lang)
    except ValueError:
        return version or created


def since_title(changes: Changes, lang: str) -> str:
    """ "Since 10 January 2026"."""
    return i18n.t("since_title", lang, date=since_date(changes, lang))


def _many(n: int) -> str:
    """The key suffix of a count's plural: French writes 0 and 1 in the singular."""
    return "_many" if n > 1 else ""


def kind_count(kind: str, n: int, lang: str) -> str:
    """ "1 new", "2 ended" ("2 terminées", "1 modifiée")."""
    return i18n.t(f"count_{kind}{_many(n)}", lang, n=i18n.number(n, lang))


def change_counts(counts: Counts, lang: str) -> str:
    """ "1 new, 2 ended, 3 changed" (each kind counting its instruments, as the key figures count)."""
    return ", ".join(kind_count(kind, getattr(counts, kind), lang) for kind in (NEW, ENDED, CHANGED))


def since_figure(counts: Counts, changes: Changes, lang: str) -> str:
    """The collaborations' key figure since a version: "+1 new, −2 ended since 10 January 2026" (and "3 changed");
    a kind with none is left out ("+1 new since ..."), and nothing at all is "no change since ..."."""
    parts = [
        sign + kind_count(kind, n, lang)
        for sign, kind, n in (("+", NEW, counts.new), ("−", ENDED, counts.ended), ("", CHANGED, counts.changed))
        if n
    ]
    if not parts:
        return i18n.t("since_no_change", lang, date=since_date(changes, lang))
    return i18n.t("since_suffix", lang, what=", ".join(parts), date=since_date(changes, lang))


def signed(number: int, lang: str) -> str:
    """ "+12", "−3" (a true minus sign), "±0"."""
    sign = "+" if number > 0 else ("−" if number < 0 else "±")
    return sign + i18n.number(abs(number), lang)


def change_kind(kind: str, lang: str, n: int = 1) -> str:
    """ "New", "Ended", "Changed": a kind of change, said of ``n`` collaborations ("Nouvelles" for 2)."""
    return i18n.t(CHANGE_KIND_TEXT[kind] + _many(n), lang)


def _partner_names(changes: Changes) -> dict[str, str]:
    names: dict[str, str] = {}
    for ds in (changes.old_data, changes.new_data):
        if ds is None:
            continue
        for pid, acronym, name in zip(ds.partners["id"], ds.partners["acronym"], ds.partners["name"]):
            names[str(pid)] = str(acronym) if isinstance(acronym, str) and acronym else str(name)
    return names


def _value_words(name: str, value, lang: str) -> str:
    if value is None or value == "" or value == ():
        return "—"
    if name == "status":
        return i18n.status_name(schema.STATUSES.get(value, value), lang)
    if name == "theme":
        return i18n.theme_name(schema.THEMES.get(value, value), lang)
    if name == "count":
        return i18n.number(int(value), lang)
    if name == "name":
        return f"“{value}”"
    return str(value)


def change_words(change: Change, changes: Changes, lang: str) -> str:
    """What happened to one collaboration, in words: "countries: + South Korea; partners: + CERN (coordinator),
    UTokyo: partner → host", "removed from the data", "new in the data"."""
    if change.kind == NEW:
        return i18n.t("change_is_new", lang)
    if REMOVED in change.reasons:
        return i18n.t("change_removed", lang)
    words = []
    names = _partner_names(changes) if change.field_change("partners") else {}
    for field in change.fields:
        label = i18n.t(f"field_{field.field}", lang)
        if field.field in _LISTS:
            named = (lambda c: i18n.country_name(c, lang)) if field.field == "countries" else (lambda code: str(code))
            moves = [f"+ {named(v)}" for v in field.added] + [f"− {named(v)}" for v in field.removed]
            words.append(i18n.t("field_change", lang, field=label, what=", ".join(moves)))
        elif field.field == "partners":
            added = dict(field.added)
            removed = dict(field.removed)
            moves = []
            for pid, role in field.added:
                if pid in removed:
                    moves.append(
                        i18n.t("field_change", lang, field=names.get(pid, pid), what=f"{removed[pid]} → {role}")
                    )
                else:
                    moves.append(f"+ {names.get(pid, pid)} ({role})" if role else f"+ {names.get(pid, pid)}")
            moves += [f"− {names.get(pid, pid)}" for pid, _ in field.removed if pid not in added]
            words.append(i18n.t("field_change", lang, field=label, what=", ".join(moves)))
        else:
            old, new = _value_words(field.field, field.old, lang), _value_words(field.field, field.new, lang)
            words.append(i18n.t("field_change", lang, field=label, what=f"{old} → {new}"))
    if END_YEAR in change.reasons and not change.field_change("end_year"):  # only the data year moved past it
        data = changes.new_data
        year = _year(data.collaborations.at[change.id, "end_year"]) if data is not None else None
        words.append(i18n.t("change_end_reached", lang, year=_value_words("end_year", year, lang)))
    return "; ".join(words)


def _year(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def change_rows(changes: Changes, lang: str) -> list[dict]:
    """The changes as rows a person reads: kind, type, name, countries (names), what changed; new, then ended, then
    changed, each in id order."""
    return [
        {
            "id": change.id,
            "kind": change.kind,
            "change": change_kind(change.kind, lang),
            "type": change.type,
            "name": change.name,
            "countries": ", ".join(i18n.country_name(c, lang) for c in change.countries),
            "what": change_words(change, changes, lang),
        }
        for change in changes.all()
    ]
