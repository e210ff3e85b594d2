"""What changed since the last meeting, on the page: ``since=VERSION`` (a version id or a date) in the URL.

The data side is ``datastore.compare`` (its docstring gives the rules); this module puts it on the page:

* :func:`comparison` (in the callback and the first frame, where the data folder served is known: ``store.folder``)
  compares the data served with the version the URL names and lists the versions the page offers; the result, a
  :class:`Comparison`, is handed to ``render`` (``render(ds, state, maps, compare=...)``);
* :func:`since_field` is the "Compare with" control (a native select, in the filter panel), :func:`since_options`
  its choices: none, then the versions served before this one, newest first, dated in the page's language;
* :func:`changes_panel` is the panel of changes: the new, ended and changed collaborations of the view counted,
  then listed with what changed in words (``describe.change_rows``);
* :func:`since_lines` are the key figures' lines ("+1 new, −2 ended since 10 January 2026");
* :func:`notice_children` puts the comparison's notices (``compare.Notice``, by their ``code``) in the page's notice
  area, in the page's language.

The map's layer of changes is ``figures/changes.py``; the deck's slides ``exports/deck.since_slides``. The view's
changes are the comparison's within its filters (``views.view_changes``: ``aggregate.select`` on each side).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dash import html

from .. import describe, i18n, ids
from ..caching import DataCache
from ..datastore.compare import (
    INVALID,
    NO_VERSIONS,
    TOO_EARLY,
    UNKNOWN_VERSION,
    UNREADABLE,
    Changes,
    ComparableVersion,
    changes_since,
    created_of,
    list_comparable_versions,
)
from ..figures.changes import CHANGE_COLORS
from ..state import ViewState
from ..views import View, build_view, view_changes
from .controls import NativeSelect

#: Rows of the panel's table (the deck lists them all).
PANEL_ROWS = 100
#: Notice code -> its sentence, as a key of ``i18n.TEXT``.
NOTICE_TEXT = {
    INVALID: "since_notice_invalid",
    NO_VERSIONS: "since_notice_no_versions",
    UNKNOWN_VERSION: "since_notice_unknown_version",
    TOO_EARLY: "since_notice_too_early",
    UNREADABLE: "since_notice_unreadable",
}
_HEADING = "changes-heading"

#: The versions a data folder offers, per data set served (listing them reads a file per version).
_offered = DataCache(8)


@dataclass(frozen=True)
class Comparison:
    """What the page compares with: ``changes`` since the version the URL names, over all the data (None without
    ``since`` or when it cannot be compared with), the ``notices`` why not, and the ``versions`` to offer."""

    changes: Changes | None = None
    notices: tuple = ()
    versions: tuple[ComparableVersion, ...] = ()


def comparison(store, ds, state: ViewState) -> Comparison:
    """The comparison of ``state`` for the data set ``ds`` served by ``store`` (a ``DataStore``: its folder holds
    the versions; None: no versions). Never raises for what the URL or the folder holds."""
    folder = getattr(store, "folder", None)
    geometry = getattr(store, "geometry_file", None)
    versions = (
        tuple(_offered.get_or_compute(ds, str(folder), lambda: list_comparable_versions(folder))) if folder else ()
    )
    if not state.since:
        return Comparison(versions=versions)
    changes, notices = changes_since(folder, state.since, ds, geometry_file=geometry)
    return Comparison(changes, tuple(notices), versions)


def view_part(compare: Comparison | None, state: ViewState, *, with_selection: bool = True) -> Changes | None:
    """The changes of the view ``state`` (with its selected countries, or for the map without them)."""
    if compare is None or compare.changes is None:
        return None
    return view_changes(compare.changes, state, with_selection=with_selection)


# -- The "Compare with" control -----------------------------------------------------------------------------


def _day(value: date | None, lang: str) -> str:
    return i18n.long_date(value, lang) if value else "—"


def version_label(version: ComparableVersion, lang: str) -> str:
    """ "10 January 2026, 15:00 UTC": when the version was made (the time, for two imports of one day)."""
    try:
        moment = datetime.fromisoformat(created_of(version.id) or version.created)
    except ValueError:
        return version.id
    return i18n.t("since_option", lang, date=i18n.long_date(moment.date(), lang), time=f"{moment:%H:%M}")


def since_options(compare: Comparison | None, state: ViewState, lang: str) -> list[dict]:
    """The choices of "Compare with": none, the URL's own value when it is no version listed (a date), then the
    versions served before the one served now, newest first."""
    versions = compare.versions if compare is not None else ()
    options = [{"value": "", "label": i18n.t("since_none", lang)}]
    if state.since and state.since not in {v.id for v in versions}:
        label = state.since
        if "T" not in state.since:
            label = i18n.t("since_option_date", lang, date=i18n.long_date(date.fromisoformat(state.since), lang))
        options.append({"value": state.since, "label": label})
    options += [{"value": v.id, "label": version_label(v, lang)} for v in versions]
    return options


def since_field(lang: str) -> html.Div:
    """ "Compare with" and its select (the choices and value are the view's: ``since_options``, the controls)."""
    hint = f"{ids.SINCE}-hint"
    return html.Div(
        [
            html.Label(i18n.t("since_label", lang), htmlFor=ids.SINCE, className="field-label"),
            html.P(i18n.t("since_hint", lang), id=hint, className="field-hint"),
            NativeSelect(
                id=ids.SINCE,
                options=[{"value": "", "label": i18n.t("since_none", lang)}],
                value="",
                describedby=hint,
                className="since-select",
            ),
        ],
        className="field since-field",
    )


# -- Notices ------------------------------------------------------------------------------------------------


def notice_texts(notices, lang: str) -> list[str]:
    """The comparison's notices in ``lang`` (their English sentence when the code is not known)."""
    texts = []
    for notice in notices:
        key = NOTICE_TEXT.get(getattr(notice, "code", None))
        if key is None:
            texts.append(str(notice))
            continue
        version = getattr(notice, "version", None) or ""
        first = version[:10]
        try:
            first = i18n.long_date(date.fromisoformat(first), lang)
        except ValueError:
            pass
        texts.append(i18n.t(key, lang, since=getattr(notice, "since", ""), first=first))
    return texts


def notice_children(children, notices, lang: str):
    """The page's notice (``callbacks.notice_children``'s: the link's notices, or None) with the comparison's
    notices after it."""
    texts = notice_texts(notices, lang)
    if not texts:
        return children
    part = [html.Strong(i18n.t("notice_since", lang)), "; ".join(texts) + "."]
    if not children:
        return part
    return [*children, " ", *part]


# -- Key figures --------------------------------------------------------------------------------------------


def since_lines(ds, state: ViewState, view: View, changes: Changes | None, lang: str) -> dict[str, list[str]]:
    """Key figure -> its line since the version compared with: the collaborations "+1 new, −2 ended since 10 January
    2026" (and "3 changed"); the others their difference with that version's figure for the same view, when there
    is one ("+2 since 10 January 2026")."""
    if changes is None or changes.since.same_version:
        return {}
    date_text = describe.since_date(changes, lang)
    lines = {"collaborations": [describe.since_figure(changes.totals, changes, lang)]}
    old = changes.old_data
    if old is not None and old is not ds:
        before = {f.key: f.value for f in build_view(old, state, with_table=False, map_model=view.map).key_figures}
        for figure in view.key_figures:
            if figure.key == "collaborations" or figure.key not in before:
                continue
            diff = figure.value - before[figure.key]
            if diff:
                lines[figure.key] = [i18n.t("since_diff", lang, diff=describe.signed(diff, lang), date=date_text)]
    return lines


# -- The panel ----------------------------------------------------------------------------------------------


def changes_panel(compare: Comparison | None, changes: Changes | None, lang: str):
    """The panel of what changed in the view since the version compared with; None without a comparison."""
    if compare is None or compare.changes is None or changes is None:
        return None
    since = changes.since
    when = describe.since_date(changes, lang)
    made = describe.version_date(since.version or "", since.created, lang)
    about = i18n.t(
        "changes_about", lang, version=since.version or "", date=made, data_date=_day(since.old_data_date, lang)
    )
    counts = changes.totals
    chips = html.Ul(
        [
            html.Li(
                [
                    html.Span(className="change-swatch", style={"borderColor": CHANGE_COLORS[kind]}),
                    html.Strong(i18n.number(value, lang)),
                    " ",
                    describe.change_kind(kind, lang, value),
                ],
                className=f"change-count change-{kind}",
                **{"data-change": kind},
            )
            for kind, value in (("new", counts.new), ("ended", counts.ended), ("changed", counts.changed))
        ],
        className="change-counts",
    )
    children = [html.H2(i18n.t("changes_heading", lang, date=when), id=_HEADING, className="card-title")]
    children += [html.P(about, className="card-caption"), chips]
    if since.same_version:
        children.append(html.P(i18n.t("changes_same", lang), className="changes-empty"))
    elif changes.is_empty:
        children.append(html.P(i18n.t("changes_none", lang, date=when), className="changes-empty"))
    else:
        children.append(_table(changes, lang))
    return html.Section(children, className="card card-changes", **{"aria-labelledby": _HEADING})


def _table(changes: Changes, lang: str) -> html.Div:
    rows = describe.change_rows(changes, lang)
    columns = (("change", "col_change"), ("type", "col_type"), ("name", "col_name"), ("countries", "col_countries"))
    columns += (("what", "col_what"),)
    body = [
        html.Tr(
            [
                html.Td(
                    row[key],
                    className=f"col-{key}" + (f" change-{row['kind']}" if key == "change" else ""),
                )
                for key, _ in columns
            ],
            **{"data-id": row["id"], "data-change": row["kind"]},
        )
        for row in rows[:PANEL_ROWS]
    ]
    table = html.Table(
        [
            html.Caption(i18n.t("changes_caption", lang), className="table-caption"),
            html.Thead(html.Tr([html.Th(i18n.t(label, lang), scope="col") for _, label in columns])),
            html.Tbody(body),
        ],
        className="data-table changes-table",
    )
    more = len(rows) - PANEL_ROWS
    parts = [html.Div(table, className="table-scroll")]
    if more > 0:
        parts.append(html.P(i18n.t("changes_more", lang, n=more), className="card-note"))
    return html.Div(parts)
